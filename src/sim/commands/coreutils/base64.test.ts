import { describe, expect, it } from 'vitest';
import { freshSession, runLines, runFresh } from '../../shell/testing';

describe('base64', () => {
  it('encodes standard input with a trailing newline', async () => {
    expect(await runFresh('echo hello | base64')).toBe('aGVsbG8K\n');
  });

  it('wraps at 76 columns unless -w 0', async () => {
    const { sh } = freshSession();
    const long = 'x'.repeat(60);
    expect(await runLines(sh, [`echo -n ${long} | base64`])).toBe(
      'eHh4eHh4eHh4eHh4eHh4eHh4eHh4eHh4eHh4eHh4eHh4eHh4eHh4eHh4eHh4eHh4eHh4eHh4eHh4\neHh4\n',
    );
    expect(await runLines(sh, [`echo -n ${long} | base64 -w 0`])).toBe(
      'eHh4eHh4eHh4eHh4eHh4eHh4eHh4eHh4eHh4eHh4eHh4eHh4eHh4eHh4eHh4eHh4eHh4eHh4eHh4eHh4\n',
    );
  });

  it('decodes with -d and rejects invalid input', async () => {
    expect(await runFresh('echo aGVsbG8K | base64 -d', 'echo "not base64!" | base64 -d; echo $?')).toBe(
      'hello\nbase64: invalid input\n1\n',
    );
  });
});
