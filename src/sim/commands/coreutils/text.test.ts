import { describe, expect, it } from 'vitest';
import { runFresh as sh } from '../../shell/testing';

describe('wc', () => {
  it('prints a bare count for one count of stdin', async () => {
    expect(await sh("printf 'a\\nb\\n' | wc -l")).toBe('2\n');
  });

  it('pads all three counts of stdin to 7 columns', async () => {
    expect(await sh("printf 'hello world\\nfoo\\n' | wc")).toBe('      2       3      16\n');
  });

  it('pads file counts to the width of the total size and adds a total line', async () => {
    expect(await sh("printf 'hello world\\nfoo\\n' > f; printf 'a\\nb\\n' > g", 'wc -l f g', 'wc -l f')).toBe(
      ' 2 f\n 2 g\n 4 total\n2 f\n',
    );
  });
});

describe('head and tail', () => {
  it('takes the first and last lines with -n N and -N', async () => {
    expect(await sh('seq 5 | head -n 2', 'seq 5 | head -3 | tail -1', 'seq 5 | tail -n 2')).toBe('1\n2\n3\n4\n5\n');
  });

  it('starts at line N with tail -n +N', async () => {
    expect(await sh('seq 4 | tail -n +3')).toBe('3\n4\n');
  });

  it('keeps an unterminated last line unterminated', async () => {
    expect(await sh("printf 'a\\nb' | tail -n 1; echo '|'")).toBe('b|\n');
  });
});

describe('cut and tr', () => {
  it('selects fields and ranges with cut', async () => {
    expect(
      await sh("echo 'a:b:c:d' | cut -d: -f2", "echo 'a:b:c:d' | cut -d: -f1,3-", "echo 'hello' | cut -c2-4"),
    ).toBe('b\na:c:d\nell\n');
  });

  it('prints lines without the delimiter whole', async () => {
    expect(await sh("echo 'nodelim' | cut -d: -f2")).toBe('nodelim\n');
  });

  it('translates ranges and classes, deletes and squeezes', async () => {
    expect(
      await sh(
        "echo 'Hello World' | tr a-z A-Z",
        "echo 'a-b-c' | tr -d -",
        "echo 'a   b' | tr -s ' '",
        "echo 'abc' | tr '[:lower:]' '[:upper:]'",
      ),
    ).toBe('HELLO WORLD\nabc\na b\nABC\n');
  });
});

describe('seq', () => {
  it('counts with FIRST INCREMENT LAST, separators and equal width', async () => {
    expect(await sh('seq 1 2 7', 'seq -s, 3', 'seq -w 8 10')).toBe('1\n3\n5\n7\n1,2,3\n08\n09\n10\n');
  });

  it('rejects a non-number', async () => {
    expect(await sh('seq x; echo $?')).toBe(
      "seq: invalid floating point argument: ‘x’\nTry 'seq --help' for more information.\n1\n",
    );
  });
});
