import { describe, expect, it } from 'vitest';
import { runFresh } from './testing';

// Expected outputs: bash 5.2 on the same lines.
describe('the interpreter', () => {
  it('runs && and || by the status of what ran before', async () => {
    expect(await runFresh('false && echo no || echo yes; true || echo no && echo yes2')).toBe('yes\nyes2\n');
  });

  it('pipes stdout stage by stage and takes the last stage as the status, ! negating it', async () => {
    expect(await runFresh('printf "b\\na\\n" | sort | head -1; echo $?', '! true; echo $?')).toBe('a\n0\n1\n');
  });

  it('loops with for, while and until, and break N leaves N loops', async () => {
    expect(
      await runFresh(
        'for i in 1 2 3; do for j in a b; do [ $j = b ] && break 2; echo $i$j; done; done',
        'n=0; while [ $n -lt 3 ]; do n=$((n+1)); done; echo $n',
        'until true; do echo never; done; echo done',
      ),
    ).toBe('1a\n3\ndone\n');
  });

  it('keeps a function local variable local and returns its status', async () => {
    expect(await runFresh('x=outer; f() { local x=inner; echo $x; return 3; }; f; echo $? $x')).toBe(
      'inner\n3 outer\n',
    );
  });

  it('runs a subshell in a copy: its variables and cd do not stick, and exit ends only it', async () => {
    expect(await runFresh('x=1; (x=2; cd /tmp; exit 4); echo $? $x $PWD')).toBe('4 1 /home/learner\n');
  });

  it('runs case on the first matching pattern', async () => {
    expect(await runFresh('case web-7d9 in db*) echo db;; web-*|api-*) echo web;; *) echo other;; esac')).toBe('web\n');
  });

  it('says a command is not found with status 127', async () => {
    expect(await runFresh('nosuchtool; echo $?')).toBe('bash: nosuchtool: command not found\n127\n');
  });
});
