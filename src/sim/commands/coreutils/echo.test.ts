import { describe, expect, it } from 'vitest';
import { runFresh as sh } from '../../shell/testing';

describe('echo and printf', () => {
  it('interprets escapes only with -e and drops the newline with -n', async () => {
    expect(await sh("echo 'a\\tb'", "echo -e 'a\\tb'", 'echo -n x; echo y')).toBe('a\\tb\na\tb\nxy\n');
  });

  it('pads, aligns and rounds like printf(1)', async () => {
    expect(await sh("printf '%-10s|%5s|%5.2f|%03d\\n' name v 3.14159 7")).toBe('name      |    v| 3.14|007\n');
  });

  it('reuses the format for extra arguments', async () => {
    expect(await sh("printf '%s-%s\\n' a b c")).toBe('a-b\nc-\n');
  });

  it('complains about a non-number for %d and prints 0', async () => {
    expect(await sh("printf '%d\\n' abc; echo $?")).toBe('0\nbash: printf: abc: invalid number\n1\n');
  });
});
