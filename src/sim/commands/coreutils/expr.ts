/** `expr`: arithmetic, comparisons and `:` matching on its arguments, as GNU expr. */
import type { CommandSpec } from '../../shell/types';
import { compilePosix } from './regex';

class ExprError extends Error {}

const isInt = (s: string) => /^[+-]?\d+$/.test(s);

/** Evaluate expr's argument list to its printed value. */
export function evalExpr(args: string[]): string {
  let i = 0;
  const peek = () => args[i];
  const or = (): string => {
    let l = and();
    while (peek() === '|') {
      i++;
      const r = and();
      l = l !== '' && l !== '0' ? l : r !== '' && r !== '0' ? r : '0';
    }
    return l;
  };
  const and = (): string => {
    let l = cmp();
    while (peek() === '&') {
      i++;
      const r = cmp();
      l = l !== '' && l !== '0' && r !== '' && r !== '0' ? l : '0';
    }
    return l;
  };
  const cmp = (): string => {
    let l = add();
    for (;;) {
      const op = peek();
      if (!op || !['<', '<=', '=', '==', '!=', '>=', '>'].includes(op)) return l;
      i++;
      const r = add();
      const c = isInt(l) && isInt(r) ? Number(l) - Number(r) : l < r ? -1 : l > r ? 1 : 0;
      const ok = { '<': c < 0, '<=': c <= 0, '=': c === 0, '==': c === 0, '!=': c !== 0, '>=': c >= 0, '>': c > 0 }[
        op as '<'
      ];
      l = ok ? '1' : '0';
    }
  };
  const num = (s: string) => {
    if (!isInt(s)) throw new ExprError('non-integer argument');
    return Number(s);
  };
  const add = (): string => {
    let l = mul();
    while (peek() === '+' || peek() === '-') {
      const op = args[i++];
      const r = mul();
      l = String(op === '+' ? num(l) + num(r) : num(l) - num(r));
    }
    return l;
  };
  const mul = (): string => {
    let l = match();
    while (peek() === '*' || peek() === '/' || peek() === '%') {
      const op = args[i++];
      const r = match();
      const b = num(r);
      if (op !== '*' && b === 0) throw new ExprError('division by zero');
      l = String(op === '*' ? num(l) * b : op === '/' ? Math.trunc(num(l) / b) : num(l) % b);
    }
    return l;
  };
  const match = (): string => {
    let l = primary();
    while (peek() === ':') {
      i++;
      const pat = primary();
      const re = compilePosix(pat, false);
      if (!re) throw new ExprError('Invalid regular expression');
      const m = new RegExp('^(?:' + re.source + ')').exec(l);
      l = m ? (m[1] !== undefined ? m[1] : String(m[0].length)) : re.source.includes('(') ? '' : '0';
    }
    return l;
  };
  const primary = (): string => {
    const t = args[i];
    if (t === undefined)
      throw new ExprError(i === 0 ? 'missing operand' : `syntax error: missing argument after ‘${args[i - 1]}’`);
    if (t === '(') {
      i++;
      const v = or();
      if (args[i] !== ')') throw new ExprError(`syntax error: expecting ')' after ‘${args[i - 1]}’`);
      i++;
      return v;
    }
    if (t === 'length') {
      i++;
      return String(primary().length);
    }
    i++;
    return t;
  };
  const v = or();
  if (i < args.length) throw new ExprError(`syntax error: unexpected argument ‘${args[i]}’`);
  return v;
}

export const exprCommand: CommandSpec = {
  name: 'expr',
  summary: 'evaluate an expression: expr 1 + 2, expr length STR, expr STR : REGEX',
  usage: 'expr EXPRESSION',
  run(ctx) {
    try {
      const v = evalExpr(ctx.argv.slice(1));
      ctx.stdout.write(v + '\n');
      return v === '' || v === '0' ? 1 : 0;
    } catch (e) {
      if (e instanceof ExprError) {
        ctx.stderr.write(
          `expr: ${e.message}${e.message === 'missing operand' ? "\nTry 'expr --help' for more information." : ''}\n`,
        );
        return 2;
      }
      throw e;
    }
  },
};
