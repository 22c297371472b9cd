/** The lesson runner itself: what it reads from MDX, and that drift and broken commands are caught. */
import { describe, expect, it } from 'vitest';
import { extractLesson } from '../../scripts/lessons/extract';
import { hintCommands, rewriteTranscripts, runLesson, transcriptDrift } from '../../scripts/lessons/run';
import { isCompleteInput } from '../../src/sim/shell/parser';

const mdx = (body: string) => `---\ntitle: t\nscenario: kind-iptables\n---\n\nText.\n\n${body}\n`;

describe('extractLesson', () => {
  it('reads command blocks input by input, joining heredocs, and skips comments', () => {
    const src = extractLesson(
      'x.mdx',
      mdx('```sh\n# make a file\ncat <<EOF > a.txt\nhello\nEOF\ncat a.txt\n```'),
      isCompleteInput,
    );
    expect(src.scenario).toBe('kind-iptables');
    expect(src.blocks).toHaveLength(1);
    expect(src.blocks[0]!.steps.map((s) => s.input)).toEqual(['cat <<EOF > a.txt\nhello\nEOF', 'cat a.txt']);
  });

  it('reads a console block as commands with their continuation lines and outputs', () => {
    const src = extractLesson(
      'x.mdx',
      mdx('```console\n$ cat <<EOF\n> hi\n> EOF\nhi\n$ echo a; echo b\na\nb\n```'),
      isCompleteInput,
    );
    expect(src.blocks[0]!.steps).toEqual([
      { input: 'cat <<EOF\nhi\nEOF', output: 'hi' },
      { input: 'echo a; echo b', output: 'a\nb' },
    ]);
  });

  it('keeps the flags after the language, and leaves shellscript blocks (shown, not run) out', () => {
    const src = extractLesson(
      'x.mdx',
      mdx('```console error-ok\n$ x\n```\n\n```shellscript\nnosuchtool\n```'),
      isCompleteInput,
    );
    expect(src.blocks).toHaveLength(1);
    expect([...src.blocks[0]!.flags]).toEqual(['error-ok']);
  });
});

describe('runLesson', () => {
  it('finds the transcript that differs from the emulator and rewrites it', async () => {
    const text = mdx('```sh\nX=hello\n```\n\n```console\n$ echo $X world\nhello there\n```');
    const run = await runLesson('x.mdx', text);
    expect(run.problems).toEqual([]);
    expect(transcriptDrift(run)).toEqual([
      { line: 12, input: 'echo $X world', page: 'hello there', emulator: 'hello world' },
    ]);
    const fixed = rewriteTranscripts(text, run);
    expect(fixed).toContain('```console\n$ echo $X world\nhello world\n```');
    expect(transcriptDrift(await runLesson('x.mdx', fixed))).toEqual([]);
  });

  it('reports a command that is not emulated or not found, unless the block says the error is the point', async () => {
    const run = await runLesson('x.mdx', mdx('```sh\nkubectl port-forward svc/x 8080:80\nnosuchtool\n```'));
    expect(run.problems.map((p) => p.message.split(':')[0])).toEqual(['not emulated', 'command not found']);
    const ok = await runLesson('x.mdx', mdx('```sh error-ok\nkubectl port-forward svc/x 8080:80\n```'));
    expect(ok.problems).toEqual([]);
  });
});

describe('hintCommands', () => {
  it('takes inline code that starts like a command and has no placeholder', () => {
    expect(
      hintCommands(
        'Try `kubectl get pods -o wide`, then `kubectl expose deployment NAME --port=PORT` or `curl -s $SVC:80`; see `spec.selector`.',
      ),
    ).toEqual(['kubectl get pods -o wide', 'curl -s $SVC:80']);
  });
});
