import { describe, expect, it } from 'vitest';
import { runFresh as sh } from '../../shell/testing';

describe('awk', () => {
  it('prints fields, NF and $NF', async () => {
    expect(await sh("echo 'a b  c' | awk '{print $2, NF, $NF}'")).toBe('b 3 c\n');
  });

  it('splits on -F and selects by pattern and condition', async () => {
    expect(
      await sh(
        "printf 'root:x:0\\nlearner:x:1000\\n' | awk -F: '$3 >= 1000 {print $1}'",
        "printf 'a\\nb\\na\\n' | awk '/a/'",
      ),
    ).toBe('learner\na\na\n');
  });

  it('sums with += into arrays and prints in END', async () => {
    expect(await sh("printf 'x 1\\ny 2\\nx 3\\n' | awk '{s[$1]+=$2} END {for (k in s) print k, s[k]}'")).toBe(
      'x 4\ny 2\n',
    );
  });

  it('formats with printf and counts with NR', async () => {
    expect(
      await sh(
        'seq 3 | awk \'BEGIN {printf "%-5s|\\n", "n"} {t += $1} END {printf "%d lines, total %d, avg %.2f\\n", NR, t, t/NR}\'',
      ),
    ).toBe('n    |\n3 lines, total 6, avg 2.00\n');
  });

  it('answers unsupported syntax with a not-emulated message', async () => {
    expect(await sh("echo a | awk 'function f(x) { return x } {print f($1)}'; echo $?")).toBe(
      'netlab: awk: user-defined functions is not emulated\n2\n',
    );
  });
});
