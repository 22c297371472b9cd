/**
 * The reproductions of issue 20 that used to crash or hang the tab: each now answers within a
 * bound, with netlab's own "not emulated" line, and the shell keeps working after it. (Real bash
 * would run them, given the memory; the emulator says where it stops instead of pretending.)
 */
import { describe, expect, it } from 'vitest';
import { MAX_FIELD_WIDTH, MAX_VARIABLE_CHARS } from '../core/limits';
import { MAX_NESTING } from './parser';
import { runFresh as sh, runFreshIn } from './testing';

const nested = (open: string, close: string, n: number, inner: string) => open.repeat(n) + inner + close.repeat(n);

describe('limits', () => {
  it('stops a doubling variable at its size limit, and the next line still runs', async () => {
    expect(await sh('x=a; for i in $(seq 1 30); do x=$x$x; done', 'echo ${#x}; echo after')).toBe(
      `netlab: a variable of ${2 * MAX_VARIABLE_CHARS} characters ($x) is not emulated beyond ${MAX_VARIABLE_CHARS}\n${MAX_VARIABLE_CHARS}\nafter\n`,
    );
  });

  it('refuses a printf or awk field a gigabyte wide, and keeps ordinary widths', async () => {
    const refused = `netlab: printf: a field width or precision of 999999999 is not emulated beyond ${MAX_FIELD_WIDTH}\n`;
    expect(await sh('printf "%0999999999d" 1; echo " $?"')).toBe(`${refused} 1\n`);
    expect(await sh(`awk 'BEGIN{printf "%999999999d", 1}'`)).toBe(refused);
    expect(await sh('printf "%05d|%-4s|\\n" 42 ab')).toBe('00042|ab  |\n');
  });

  it('evaluates deep but finite arithmetic, and refuses nesting past the limit quickly', async () => {
    expect(await sh(`echo $((${nested('(', ')', 150, '1')}))`)).toBe('1\n');
    expect(await sh(`echo $((${nested('(', ')', 1500, '1')}))`)).toBe(
      'netlab: arithmetic nested more than 200 parentheses deep is not emulated\n',
    );
    // 1,800 nested $(( used to send the parser into exponential retries.
    expect(await sh(`echo ${nested('$((', '))', 1800, '1')}`)).toBe(
      `netlab: commands nested more than ${MAX_NESTING} levels deep are not emulated\n`,
    );
    expect(await sh(`eval "echo ${nested('$(echo ', ')', 300, 'x')}"`)).toBe(
      `netlab: commands nested more than ${MAX_NESTING} levels deep are not emulated\n`,
    );
    expect(await sh(`echo ${nested('$((', '))', 50, '1')}`)).toBe('1\n');
  });

  it("refuses a YAML anchor that contains itself with go-yaml's words", async () => {
    expect(await runFreshIn('kind-iptables', "printf 'a: &a [*a]\\n' > l.yaml", 'kubectl apply -f l.yaml')).toBe(
      "error: error parsing l.yaml: error converting YAML to JSON: yaml: anchor 'a' value contains itself\n",
    );
  });
});
