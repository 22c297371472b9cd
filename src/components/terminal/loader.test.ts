import { describe, expect, it } from 'vitest';
import { commandLines } from './loader';

describe('commandLines', () => {
  it('types every line of a sh block, comments included', () => {
    expect(commandLines('# nodes first\nkubectl get nodes\nkubectl get pod -A -o wide\n', 'sh')).toEqual([
      '# nodes first',
      'kubectl get nodes',
      'kubectl get pod -A -o wide',
    ]);
  });

  it('keeps the blank lines inside a heredoc', () => {
    expect(commandLines('cat <<EOF\na\n\nb\nEOF\n', 'bash')).toEqual(['cat <<EOF', 'a', '', 'b', 'EOF']);
  });

  it('runs only the $ lines of a console transcript, without the prompt', () => {
    expect(
      commandLines('$ kubectl get svc\nNAME         TYPE\nkubernetes   ClusterIP\n$ echo done\ndone\n', 'console'),
    ).toEqual(['kubectl get svc', 'echo done']);
  });
});
