/** bash's `[[ ... ]]`: string and numeric comparisons, patterns, `=~`, file tests, `!`, `&&`, `||` and parentheses. */
import type { Word } from './ast';
import type { Io, ShellRunner } from './runtime';
import type { ShellState } from './state';
import { expandPattern, expandString } from './expand';
import { ExpansionError } from './signals';
import { matchPattern } from './pattern';
import { testBinary, testUnary, UNARY_OPS } from './test-ops';

/** Evaluate the words of a `[[ ]]` command; its exit status (2 on a syntax error, printed). */
export async function evalCond(sh: ShellRunner, words: Word[], state: ShellState, io: Io): Promise<number> {
  const host = sh.expandHost(state, io);
  const isOp = (w: Word | undefined, op: string) =>
    !!w && w.parts.length === 1 && w.parts[0]!.k === 'lit' && w.parts[0]!.v === op;
  let i = 0;
  const env = {
    emulator: sh.rt.emu,
    location: state.location,
    cwd: state.cwd,
    isSet: (n: string) => state.getVar(n) !== undefined,
  };
  const str = (w: Word) => expandString(w, host);
  const or = async (): Promise<boolean> => {
    let v = await and();
    while (isOp(words[i], '||')) {
      i++;
      const r = await and();
      v = v || r;
    }
    return v;
  };
  const and = async (): Promise<boolean> => {
    let v = await not();
    while (isOp(words[i], '&&')) {
      i++;
      const r = await not();
      v = v && r;
    }
    return v;
  };
  const not = async (): Promise<boolean> => {
    if (isOp(words[i], '!')) {
      i++;
      return !(await not());
    }
    return primary();
  };
  const primary = async (): Promise<boolean> => {
    const w = words[i];
    if (!w) throw new ExpansionError('syntax error in conditional expression', 2);
    if (isOp(w, '(')) {
      i++;
      const v = await or();
      if (!isOp(words[i], ')')) throw new ExpansionError('syntax error in conditional expression', 2);
      i++;
      return v;
    }
    const lit = w.parts.length === 1 && w.parts[0]!.k === 'lit' ? w.parts[0]!.v : null;
    if (lit && UNARY_OPS.has(lit) && words[i + 1] && !isBinaryAt(words, i + 1)) {
      i += 2;
      return testUnary(lit, await str(words[i - 1]!), env);
    }
    const left = await str(w);
    i++;
    const opw = words[i];
    const op = opw && opw.parts.length === 1 && opw.parts[0]!.k === 'lit' ? opw.parts[0]!.v : null;
    if (
      op &&
      ['==', '=', '!=', '=~', '<', '>', '-eq', '-ne', '-lt', '-le', '-gt', '-ge', '-nt', '-ot', '-ef'].includes(op)
    ) {
      const rw = words[i + 1];
      if (!rw) throw new ExpansionError(`unexpected argument \`]]' to conditional binary operator`, 2);
      i += 2;
      if (op === '==' || op === '=' || op === '!=') {
        const m = matchPattern(await expandPattern(rw, host), left);
        return op === '!=' ? !m : m;
      }
      if (op === '=~') {
        try {
          return new RegExp(await str(rw)).test(left);
        } catch {
          return false;
        }
      }
      const r = testBinary(left, op, await str(rw), '');
      if (typeof r === 'string') throw new ExpansionError(r);
      return r;
    }
    return left !== '';
  };
  try {
    const v = await or();
    if (i < words.length) throw new ExpansionError(`syntax error in conditional expression`, 2);
    return v ? 0 : 1;
  } catch (e) {
    if (e instanceof ExpansionError) {
      io.stderr.write(`${state.shellName}: ${e.message}\n`);
      return e.status === 1 ? 1 : 2;
    }
    throw e;
  }
}

function isBinaryAt(words: Word[], i: number): boolean {
  const w = words[i];
  if (!w || w.parts.length !== 1 || w.parts[0]!.k !== 'lit') return false;
  return ['==', '=', '!=', '=~', '<', '>', '-eq', '-ne', '-lt', '-le', '-gt', '-ge'].includes(w.parts[0]!.v);
}
