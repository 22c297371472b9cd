import { describe, expect, it } from 'vitest';
import { runFresh as sh } from '../../shell/testing';

describe('builtins', () => {
  it('says what a name is with type', async () => {
    expect(await sh('type k cd if grep exit')).toBe(
      "k is aliased to `kubectl'\ncd is a shell builtin\nif is a shell keyword\ngrep is /usr/bin/grep\nexit is a shell builtin\n",
    );
  });

  it('defines and removes aliases', async () => {
    expect(await sh("alias ll='ls -l'", 'alias ll', 'unalias ll', 'alias ll; echo $?')).toBe(
      "alias ll='ls -l'\nbash: alias: ll: not found\n1\n",
    );
  });

  it('reads a line into variables', async () => {
    expect(await sh('echo \'one two three\' | { read a b; echo "$b/$a"; }')).toBe('two three/one\n');
  });

  it('reports test errors like bash', async () => {
    expect(await sh('[ 1 -lt x ]; echo $?', '[ a = a ] && echo eq', 'test -d /tmp && echo dir')).toBe(
      'bash: [: x: integer expression expected\n2\neq\ndir\n',
    );
  });

  it('shows usage for one command with help NAME', async () => {
    expect(await sh('help uniq')).toBe(
      'uniq: uniq [-cdui] [INPUT [OUTPUT]]\n    merge adjacent equal lines (-c count, -d only repeated, -u only unique)\n\nOptions:\n  -c, --count                  prefix lines by the number of occurrences\n  -d, --repeated               only print duplicate lines\n  -u, --unique                 only print unique lines\n',
    );
  });

  it('lists the commands of the location with help', async () => {
    const out = await sh('help');
    expect(out.split('\n').slice(0, 3)).toEqual([
      'Commands emulated in the host (your machine):',
      '',
      '  .              run a file in the current shell',
    ]);
    expect(out).toContain('\n  docker         ');
  });

  it('runs sh -c scripts in a child shell', async () => {
    expect(await sh("X=1; sh -c 'X=2; echo in $X'; echo out $X")).toBe('in 2\nout 1\n');
  });
});

describe('shells', () => {
  it('words errors as the shell that runs the script', async () => {
    expect(await sh("sh -c 'nope'", "zsh -c 'nope'; echo $?", "bash -c 'echo $1-$2' x a b")).toBe(
      'sh: nope: not found\nbash: zsh: command not found\n127\na-b\n',
    );
  });
});
