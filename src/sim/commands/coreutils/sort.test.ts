import { describe, expect, it } from 'vitest';
import { runFresh as sh } from '../../shell/testing';

describe('sort and uniq', () => {
  it('counts with uniq -c in a 7-wide column', async () => {
    expect(await sh("printf 'b\\na\\nb\\nc\\nb\\n' | sort | uniq -c")).toBe('      1 a\n      3 b\n      1 c\n');
  });

  it('orders counts with sort -nr, ties by the whole line reversed', async () => {
    expect(await sh("printf 'b\\na\\nb\\nc\\nb\\n' | sort | uniq -c | sort -nr")).toBe(
      '      3 b\n      1 c\n      1 a\n',
    );
  });

  it('sorts by a numeric key with a separator', async () => {
    expect(
      await sh("printf 'a:3\\nb:10\\nc:2\\n' | sort -t: -k2 -n", "printf 'a:3\\nb:10\\nc:2\\n' | sort -t: -k2,2"),
    ).toBe('c:2\na:3\nb:10\nb:10\nc:2\na:3\n');
  });

  it('sorts in byte order (C locale): capitals first', async () => {
    expect(await sh("printf 'b\\nB\\na\\n_x\\n' | sort")).toBe('B\n_x\na\nb\n');
  });

  it('removes duplicates with sort -u and keeps only repeated lines with uniq -d', async () => {
    expect(await sh("printf 'x\\ny\\nx\\n' | sort -u", "printf 'x\\nx\\ny\\n' | uniq -d")).toBe('x\ny\nx\n');
  });
});
