/**
 * Shell arithmetic (`$(( ))`, `(( ))`, C-style `for`): 64-bit-ish integers (JS safe integers here),
 * the C operators bash accepts, and variables read and assigned through callbacks.
 */

import { NotEmulatedError } from '../core/limits';

export interface ArithVars {
  get(name: string): string | undefined;
  set(name: string, value: string): void;
}

/** A bash arithmetic error; the message is what bash prints after `bash: EXPR: `. */
export class ArithError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ArithError';
  }
}

type Tok = { t: 'num'; v: number } | { t: 'name'; v: string } | { t: 'op'; v: string };

const OPS = [
  '<<=',
  '>>=',
  '**',
  '++',
  '--',
  '<=',
  '>=',
  '==',
  '!=',
  '&&',
  '||',
  '<<',
  '>>',
  '+=',
  '-=',
  '*=',
  '/=',
  '%=',
  '&=',
  '|=',
  '^=',
  '+',
  '-',
  '*',
  '/',
  '%',
  '<',
  '>',
  '=',
  '!',
  '~',
  '&',
  '|',
  '^',
  '?',
  ':',
  '(',
  ')',
  ',',
];

function tokenize(src: string): Tok[] {
  const out: Tok[] = [];
  let i = 0;
  while (i < src.length) {
    const c = src[i]!;
    if (/\s/.test(c)) {
      i++;
      continue;
    }
    const num = /^(0[xX][0-9a-fA-F]+|[0-9]+#[0-9a-zA-Z]+|[0-9]+)/.exec(src.slice(i));
    if (num) {
      const s = num[1]!;
      let v: number;
      if (/^0[xX]/.test(s)) v = parseInt(s, 16);
      else if (s.includes('#')) {
        const [base, digits] = s.split('#') as [string, string];
        v = parseInt(digits, Number(base));
      } else if (s.length > 1 && s.startsWith('0')) {
        if (/[89]/.test(s)) throw new ArithError(`${s}: value too great for base (error token is "${s}")`);
        v = parseInt(s, 8);
      } else v = Number(s);
      if (Number.isNaN(v)) throw new ArithError(`invalid number (error token is "${s}")`);
      out.push({ t: 'num', v });
      i += s.length;
      continue;
    }
    const name = /^[A-Za-z_][A-Za-z0-9_]*/.exec(src.slice(i));
    if (name) {
      out.push({ t: 'name', v: name[0] });
      i += name[0].length;
      continue;
    }
    const op = OPS.find((o) => src.startsWith(o, i));
    if (!op) throw new ArithError(`syntax error: operand expected (error token is "${src.slice(i)}")`);
    out.push({ t: 'op', v: op });
    i += op.length;
  }
  return out;
}

const BINARY: Record<string, number> = {
  '||': 1,
  '&&': 2,
  '|': 3,
  '^': 4,
  '&': 5,
  '==': 6,
  '!=': 6,
  '<': 7,
  '>': 7,
  '<=': 7,
  '>=': 7,
  '<<': 8,
  '>>': 8,
  '+': 9,
  '-': 9,
  '*': 10,
  '/': 10,
  '%': 10,
  '**': 11,
};

const MAX_PARENS = 200;

/** Evaluate an arithmetic expression; empty text is 0. Throws `ArithError`. */
export function evalArith(src: string, vars: ArithVars, depth = 0): number {
  if (depth > 32) throw new ArithError('expression recursion level exceeded');
  const toks = tokenize(src);
  if (toks.length === 0) return 0;
  let i = 0;
  let parens = 0;
  const peek = () => toks[i];
  const isOp = (v: string) => {
    const t = toks[i];
    return t?.t === 'op' && t.v === v;
  };
  const errTok = () =>
    toks
      .slice(i)
      .map((t) => String(t.v))
      .join(' ');

  const readVar = (name: string): number => {
    const raw = vars.get(name);
    if (raw === undefined || raw.trim() === '') return 0;
    if (/^\s*-?\d+\s*$/.test(raw)) return Number(raw);
    return evalArith(raw, vars, depth + 1);
  };

  const comma = (): number => {
    let v = assign();
    while (isOp(',')) {
      i++;
      v = assign();
    }
    return v;
  };

  const assign = (): number => {
    const t = peek();
    const n = toks[i + 1];
    if (
      t?.t === 'name' &&
      n?.t === 'op' &&
      ['=', '+=', '-=', '*=', '/=', '%=', '<<=', '>>=', '&=', '|=', '^='].includes(n.v)
    ) {
      i += 2;
      const rhs = assign();
      const cur = n.v === '=' ? 0 : readVar(t.v);
      const v = n.v === '=' ? rhs : binop(n.v.slice(0, -1), cur, rhs);
      vars.set(t.v, String(v));
      return v;
    }
    return ternary();
  };

  const ternary = (): number => {
    const c = binary(1);
    if (!isOp('?')) return c;
    i++;
    const a = assign();
    if (!isOp(':')) throw new ArithError(`expected \`:' (error token is "${errTok()}")`);
    i++;
    const b = assign();
    return c ? a : b;
  };

  const binary = (minPrec: number): number => {
    let left = unary();
    for (;;) {
      const t = peek();
      if (t?.t !== 'op') break;
      const prec = BINARY[t.v];
      if (prec === undefined || prec < minPrec) break;
      i++;
      const right = t.v === '**' ? binary(prec) : binary(prec + 1);
      left = binop(t.v, left, right);
    }
    return left;
  };

  const unary = (): number => {
    const t = peek();
    if (t?.t === 'op') {
      if (t.v === '-' || t.v === '+' || t.v === '!' || t.v === '~') {
        i++;
        const v = unary();
        return t.v === '-' ? -v : t.v === '+' ? v : t.v === '!' ? Number(!v) : ~v;
      }
      if (t.v === '++' || t.v === '--') {
        i++;
        const n = peek();
        if (n?.t !== 'name') throw new ArithError(`syntax error: operand expected (error token is "${errTok()}")`);
        i++;
        const v = readVar(n.v) + (t.v === '++' ? 1 : -1);
        vars.set(n.v, String(v));
        return v;
      }
    }
    return postfix();
  };

  const postfix = (): number => {
    const t = peek();
    if (!t) throw new ArithError('syntax error: operand expected (error token is "")');
    if (t.t === 'num') {
      i++;
      return t.v;
    }
    if (t.t === 'name') {
      i++;
      if (isOp('++') || isOp('--')) {
        const op = (toks[i] as { v: string }).v;
        i++;
        const v = readVar(t.v);
        vars.set(t.v, String(v + (op === '++' ? 1 : -1)));
        return v;
      }
      return readVar(t.v);
    }
    if (t.v === '(') {
      // bash recurses on its C stack without a limit; the emulator's would overflow first.
      if (++parens > MAX_PARENS)
        throw new NotEmulatedError(`arithmetic nested more than ${MAX_PARENS} parentheses deep is not emulated`);
      i++;
      const v = comma();
      parens--;
      if (!isOp(')')) throw new ArithError(`missing \`)' (error token is "${errTok()}")`);
      i++;
      return v;
    }
    throw new ArithError(`syntax error: operand expected (error token is "${errTok()}")`);
  };

  const v = comma();
  if (i < toks.length) throw new ArithError(`syntax error in expression (error token is "${errTok()}")`);
  return v;
}

function binop(op: string, a: number, b: number): number {
  switch (op) {
    case '+':
      return a + b;
    case '-':
      return a - b;
    case '*':
      return a * b;
    case '/':
    case '%':
      if (b === 0) throw new ArithError('division by 0 (error token is "0")');
      return op === '/' ? Math.trunc(a / b) : a % b;
    case '**':
      if (b < 0) throw new ArithError('exponent less than 0 (error token is "' + b + '")');
      return a ** b;
    case '<<':
      return a << b;
    case '>>':
      return a >> b;
    case '&':
      return a & b;
    case '|':
      return a | b;
    case '^':
      return a ^ b;
    case '==':
      return Number(a === b);
    case '!=':
      return Number(a !== b);
    case '<':
      return Number(a < b);
    case '>':
      return Number(a > b);
    case '<=':
      return Number(a <= b);
    case '>=':
      return Number(a >= b);
    case '&&':
      return Number(Boolean(a) && Boolean(b));
    case '||':
      return Number(Boolean(a) || Boolean(b));
    default:
      throw new ArithError(`unknown operator ${op}`);
  }
}
