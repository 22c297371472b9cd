import { describe, expect, it } from 'vitest';
import { freshSession, runLines } from '../../shell/testing';
import { CLOCK_EPOCH } from '../../core/clock';

async function sh(...lines: string[]): Promise<string> {
  return runLines(freshSession().sh, lines);
}

describe('sleep, date and watch', () => {
  it('advances virtual time with sleep, including suffixes', async () => {
    expect(await sh('date +%T; sleep 1m; date +%T; sleep 0.5s; date +%T.%N')).toBe(
      '16:00:02\n16:01:02\n16:01:02.500000000\n',
    );
  });

  it('rejects a bad interval', async () => {
    expect(await sh('sleep x; echo $?')).toBe(
      "sleep: invalid time interval ‘x’\nTry 'sleep --help' for more information.\n1\n",
    );
  });

  it("prints one refresh with watch's header when nobody is at the terminal", async () => {
    expect(await sh('watch -d -n 1 echo hi')).toBe(
      `Every 1.0s: echo hi${' '.repeat(29)}netlab: Fri Oct  2 16:00:02 2026\n\nhi\n`,
    );
  });
});

describe('expr and xargs', () => {
  it('computes with expr and sets the status from the value', async () => {
    expect(await sh('expr 7 / 2', 'expr 2 \\* 3', 'expr 1 = 2; echo $?', 'expr length netlab')).toBe('3\n6\n0\n1\n6\n');
  });

  it('builds command lines with xargs -n and -I', async () => {
    expect(await sh('seq 4 | xargs -n 2 echo', 'printf "a\\nb\\n" | xargs -I{} echo item-{}')).toBe(
      '1 2\n3 4\nitem-a\nitem-b\n',
    );
  });
});

describe('watch at a terminal', () => {
  it('clears and refreshes every interval of virtual time until Ctrl-C', async () => {
    const { emu, sh } = freshSession();
    const ac = new AbortController();
    let out = '';
    const w = { write: (s: string) => void (out += s) };
    let refreshes = 0;
    const status = await sh.run('watch -t -n 2 date +%T', {
      stdout: { write: (s) => (s.startsWith('\x1b[H') && ++refreshes === 3 && ac.abort(), w.write(s)) },
      stderr: w,
      signal: ac.signal,
      interactive: true,
    });
    const clear = '\x1b[H\x1b[2J\x1b[3J';
    expect({ out, status }).toEqual({ out: `${clear}16:00:02\n${clear}16:00:04\n${clear}^C\n`, status: 130 });
    expect(emu.clock.now()).toBe(CLOCK_EPOCH + 6000);
  });
});

describe('watch -d at a terminal', () => {
  async function frames(line: string, count: number): Promise<string[]> {
    const { sh } = freshSession();
    const ac = new AbortController();
    const out: string[] = [];
    const clear = '\x1b[H\x1b[2J\x1b[3J';
    await sh.run(line, {
      stdout: {
        write: (s) => {
          if (s.startsWith(clear)) {
            if (out.length === count) ac.abort();
            out.push('');
          } else if (out.length) out[out.length - 1] += s;
        },
      },
      stderr: { write: () => {} },
      signal: ac.signal,
      interactive: true,
    });
    return out.slice(0, count);
  }

  it('puts the characters that changed since the last refresh in reverse video', async () => {
    expect(await frames('watch -t -d -n 8 date +%T', 3)).toEqual([
      '16:00:02\n',
      '16:00:\x1b[7m10\x1b[27m\n',
      '16:00:1\x1b[7m8\x1b[27m\n',
    ]);
  });

  it('keeps highlighting what ever changed with --differences=permanent', async () => {
    expect(await frames('watch -t --differences=permanent -n 8 date +%T', 3)).toEqual([
      '16:00:02\n',
      '16:00:\x1b[7m10\x1b[27m\n',
      '16:00:\x1b[7m18\x1b[27m\n',
    ]);
  });

  it('lays the header out to the width COLUMNS gives', async () => {
    expect(await sh('COLUMNS=60 watch -n 1 echo hi')).toBe(
      `Every 1.0s: echo hi${' '.repeat(9)}netlab: Fri Oct  2 16:00:02 2026\n\nhi\n`,
    );
  });

  it('shortens a command that does not fit in the header with ...', async () => {
    expect(await sh('COLUMNS=50 watch -n 1 echo hello world')).toBe(
      'Every 1.0s: ec... netlab: Fri Oct  2 16:00:02 2026\n\nhello world\n',
    );
  });
});

describe('watch at a terminal of a given size', () => {
  /** The first screen watch draws at a terminal `columns` wide, then Ctrl-C. */
  async function firstScreen(line: string, columns: number): Promise<string> {
    const { sh } = freshSession();
    const ac = new AbortController();
    let out = '';
    await sh.run(line, {
      stdout: { write: (s) => void ((out += s), out.endsWith('hi\n') && ac.abort()) },
      stderr: { write: (s) => void (out += s) },
      signal: ac.signal,
      interactive: true,
      columns,
      rows: 30,
    });
    return out.replace('\x1b[H\x1b[2J\x1b[3J', '').replace(/\^C\n$/, '');
  }

  it('lays the header out to the terminal width', async () => {
    expect(await firstScreen('watch -n 1 echo hi', 100)).toBe(
      `Every 1.0s: echo hi${' '.repeat(49)}netlab: Fri Oct  2 16:00:02 2026\n\nhi\n`,
    );
  });

  it('lets COLUMNS in the environment win over the terminal width, as procps-ng does', async () => {
    expect(await firstScreen('COLUMNS=60 watch -n 1 echo hi', 100)).toBe(
      `Every 1.0s: echo hi${' '.repeat(9)}netlab: Fri Oct  2 16:00:02 2026\n\nhi\n`,
    );
  });
});
