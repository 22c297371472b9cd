/**
 * `awk`: a small, honest subset. Fields ($N, $NF, NF, NR, FS/-F, OFS), patterns (/re/, expressions,
 * BEGIN/END, ranges not), print/printf, variables and associative arrays with `+=` and `++`,
 * if/else, while, for and for-in, next/exit, and the string functions learners reach for
 * (length, substr, index, split, sub, gsub, toupper, tolower, sprintf, int). Anything else answers
 * `netlab: awk: ... is not emulated` rather than guessing.
 */
import type { CommandSpec } from '../../shell/types';
import { readInputs } from './util';
import { compilePosix } from './regex';
import { formatPrintf } from './echo';

class AwkUnsupported extends Error {}
class AwkSyntax extends Error {}
class NextSignal {}
class ExitSignal {
  constructor(readonly status: number) {}
}

type Tok =
  | { t: 'num'; v: number }
  | { t: 'str'; v: string }
  | { t: 're'; v: string }
  | { t: 'name'; v: string }
  | { t: 'func'; v: string }
  | { t: 'op'; v: string }
  | { t: 'nl' };

type Expr =
  | { k: 'num'; v: number }
  | { k: 'str'; v: string }
  | { k: 're'; v: string }
  | { k: 'var'; name: string }
  | { k: 'field'; e: Expr }
  | { k: 'index'; name: string; keys: Expr[] }
  | { k: 'bin'; op: string; a: Expr; b: Expr }
  | { k: 'un'; op: string; e: Expr }
  | { k: 'assign'; op: string; target: Expr; e: Expr }
  | { k: 'incdec'; op: string; prefix: boolean; target: Expr }
  | { k: 'cond'; c: Expr; a: Expr; b: Expr }
  | { k: 'call'; name: string; args: Expr[] }
  | { k: 'in'; key: Expr; name: string }
  | { k: 'group'; e: Expr };

type Stmt =
  | { k: 'print'; args: Expr[]; redirect?: undefined }
  | { k: 'printf'; args: Expr[] }
  | { k: 'expr'; e: Expr }
  | { k: 'if'; c: Expr; a: Stmt; b?: Stmt }
  | { k: 'while'; c: Expr; body: Stmt }
  | { k: 'do'; c: Expr; body: Stmt }
  | { k: 'for'; init?: Stmt; c?: Expr; step?: Stmt; body: Stmt }
  | { k: 'forin'; v: string; arr: string; body: Stmt }
  | { k: 'block'; body: Stmt[] }
  | { k: 'next' }
  | { k: 'exit'; e?: Expr }
  | { k: 'delete'; name: string; keys?: Expr[] }
  | { k: 'break' }
  | { k: 'continue' };

interface Rule {
  pattern: 'BEGIN' | 'END' | Expr | null;
  action: Stmt | null;
}

const KEYWORDS = new Set([
  'BEGIN',
  'END',
  'if',
  'else',
  'while',
  'for',
  'do',
  'in',
  'print',
  'printf',
  'next',
  'exit',
  'delete',
  'break',
  'continue',
  'function',
  'getline',
  'return',
]);
const BUILTINS = new Set([
  'length',
  'substr',
  'index',
  'split',
  'sub',
  'gsub',
  'toupper',
  'tolower',
  'sprintf',
  'int',
  'match',
  'sqrt',
  'rand',
  'srand',
  'system',
  'close',
]);

function tokenize(src: string): Tok[] {
  const out: Tok[] = [];
  let i = 0;
  const prevAllowsRegex = () => {
    const p = out[out.length - 1];
    if (!p) return true;
    if (p.t === 'num' || p.t === 'str' || p.t === 'name' || p.t === 're') return false;
    if (p.t === 'op' && (p.v === ')' || p.v === ']' || p.v === '$')) return false;
    return true;
  };
  while (i < src.length) {
    const c = src[i]!;
    if (c === ' ' || c === '\t') {
      i++;
      continue;
    }
    if (c === '\\' && src[i + 1] === '\n') {
      i += 2;
      continue;
    }
    if (c === '#') {
      while (i < src.length && src[i] !== '\n') i++;
      continue;
    }
    if (c === '\n') {
      out.push({ t: 'nl' });
      i++;
      continue;
    }
    const num = /^(\d+\.?\d*([eE][+-]?\d+)?|\.\d+)/.exec(src.slice(i));
    if (num) {
      out.push({ t: 'num', v: Number(num[0]) });
      i += num[0].length;
      continue;
    }
    if (c === '"') {
      let s = '';
      i++;
      while (i < src.length && src[i] !== '"') {
        if (src[i] === '\\' && i + 1 < src.length) {
          const n = src[i + 1]!;
          s += ({ n: '\n', t: '\t', r: '\r', '\\': '\\', '"': '"', '/': '/' } as Record<string, string>)[n] ?? '\\' + n;
          i += 2;
          continue;
        }
        s += src[i++];
      }
      if (i >= src.length) throw new AwkSyntax('non-terminated string');
      i++;
      out.push({ t: 'str', v: s });
      continue;
    }
    if (c === '/' && prevAllowsRegex()) {
      let s = '';
      i++;
      while (i < src.length && src[i] !== '/') {
        if (src[i] === '\\' && src[i + 1] === '/') {
          s += '/';
          i += 2;
          continue;
        }
        if (src[i] === '\n') throw new AwkSyntax('newline in regex');
        s += src[i++];
      }
      if (i >= src.length) throw new AwkSyntax('non-terminated regular expression');
      i++;
      out.push({ t: 're', v: s });
      continue;
    }
    const name = /^[A-Za-z_][A-Za-z0-9_]*/.exec(src.slice(i));
    if (name) {
      i += name[0].length;
      const isCall = src[i] === '(';
      out.push(
        BUILTINS.has(name[0]) || (isCall && !KEYWORDS.has(name[0]))
          ? { t: 'func', v: name[0] }
          : { t: 'name', v: name[0] },
      );
      continue;
    }
    const op = [
      '+=',
      '-=',
      '*=',
      '/=',
      '%=',
      '^=',
      '==',
      '<=',
      '>=',
      '!=',
      '++',
      '--',
      '&&',
      '||',
      '!~',
      '>>',
      '**',
      '{',
      '}',
      '(',
      ')',
      '[',
      ']',
      ';',
      ',',
      '+',
      '-',
      '*',
      '/',
      '%',
      '^',
      '=',
      '<',
      '>',
      '!',
      '~',
      '?',
      ':',
      '$',
      '|',
    ].find((o) => src.startsWith(o, i));
    if (!op) throw new AwkSyntax(`unexpected character '${c}'`);
    out.push({ t: 'op', v: op });
    i += op.length;
  }
  return out;
}

class AwkParser {
  private i = 0;
  constructor(private readonly toks: Tok[]) {}

  private peek(): Tok | undefined {
    return this.toks[this.i];
  }
  private isOp(v: string): boolean {
    const t = this.toks[this.i];
    return t?.t === 'op' && t.v === v;
  }
  private isName(v: string): boolean {
    const t = this.toks[this.i];
    return t?.t === 'name' && t.v === v;
  }
  private expectOp(v: string): void {
    if (!this.isOp(v)) throw new AwkSyntax(`expected '${v}' near ${this.near()}`);
    this.i++;
  }
  private near(): string {
    const t = this.peek();
    if (!t) return 'end of program';
    return t.t === 'nl' ? 'newline' : `'${String((t as { v: unknown }).v)}'`;
  }
  private skipNl(): void {
    while (this.peek()?.t === 'nl' || this.isOp(';')) this.i++;
  }
  private skipNewlinesOnly(): void {
    while (this.peek()?.t === 'nl') this.i++;
  }

  program(): Rule[] {
    const rules: Rule[] = [];
    this.skipNl();
    while (this.peek()) {
      if (this.isName('function')) throw new AwkUnsupported('user-defined functions');
      let pattern: Rule['pattern'] = null;
      if (this.isName('BEGIN') || this.isName('END')) {
        pattern = (this.toks[this.i++] as { v: 'BEGIN' | 'END' }).v;
      } else if (!this.isOp('{')) {
        pattern = this.expr();
        if (this.isOp(',')) throw new AwkUnsupported('range patterns (pat1, pat2)');
      }
      let action: Stmt | null = null;
      if (this.isOp('{')) action = this.block();
      else if (pattern === 'BEGIN' || pattern === 'END') throw new AwkSyntax(`${pattern} needs an action`);
      rules.push({ pattern, action });
      this.skipNl();
    }
    return rules;
  }

  private block(): Stmt {
    this.expectOp('{');
    const body: Stmt[] = [];
    this.skipNl();
    while (!this.isOp('}')) {
      if (!this.peek()) throw new AwkSyntax('missing }');
      body.push(this.statement());
      this.skipNl();
    }
    this.i++;
    return { k: 'block', body };
  }

  private simpleOrBlock(): Stmt {
    this.skipNewlinesOnly();
    if (this.isOp(';')) {
      this.i++;
      return { k: 'block', body: [] };
    }
    return this.statement();
  }

  private statement(): Stmt {
    if (this.isOp('{')) return this.block();
    const t = this.peek();
    if (t?.t === 'name') {
      switch (t.v) {
        case 'print':
        case 'printf': {
          this.i++;
          let args: Expr[] = [];
          if (this.isOp('(')) {
            // print(a, b) or print (a)(b): parse as grouped list
            const save = this.i;
            this.i++;
            const list = [this.expr(true)];
            while (this.isOp(',')) {
              this.i++;
              list.push(this.expr(true));
            }
            if (this.isOp(')')) {
              this.i++;
              if (this.endOfSimple()) args = list;
              else {
                this.i = save;
                args = this.exprList();
              }
            } else {
              this.i = save;
              args = this.exprList();
            }
          } else if (!this.endOfSimple()) args = this.exprList();
          if (this.isOp('>') || this.isOp('>>') || this.isOp('|'))
            throw new AwkUnsupported('output redirection in print');
          return t.v === 'print' ? { k: 'print', args } : { k: 'printf', args };
        }
        case 'if': {
          this.i++;
          this.expectOp('(');
          const c = this.expr();
          this.expectOp(')');
          const a = this.simpleOrBlock();
          const save = this.i;
          this.skipNl();
          if (this.isName('else')) {
            this.i++;
            return { k: 'if', c, a, b: this.simpleOrBlock() };
          }
          this.i = save;
          return { k: 'if', c, a };
        }
        case 'while': {
          this.i++;
          this.expectOp('(');
          const c = this.expr();
          this.expectOp(')');
          return { k: 'while', c, body: this.simpleOrBlock() };
        }
        case 'do': {
          this.i++;
          const body = this.simpleOrBlock();
          this.skipNl();
          if (!this.isName('while')) throw new AwkSyntax('do without while');
          this.i++;
          this.expectOp('(');
          const c = this.expr();
          this.expectOp(')');
          return { k: 'do', c, body };
        }
        case 'for': {
          this.i++;
          this.expectOp('(');
          const a = this.toks[this.i];
          const b = this.toks[this.i + 1];
          const c = this.toks[this.i + 2];
          const d = this.toks[this.i + 3];
          if (a?.t === 'name' && b?.t === 'name' && b.v === 'in' && c?.t === 'name' && d?.t === 'op' && d.v === ')') {
            this.i += 4;
            return { k: 'forin', v: a.v, arr: c.v, body: this.simpleOrBlock() };
          }
          const init = this.isOp(';') ? undefined : { k: 'expr' as const, e: this.expr() };
          this.expectOp(';');
          const cond = this.isOp(';') ? undefined : this.expr();
          this.expectOp(';');
          const step = this.isOp(')') ? undefined : { k: 'expr' as const, e: this.expr() };
          this.expectOp(')');
          return { k: 'for', init, c: cond, step, body: this.simpleOrBlock() };
        }
        case 'next':
          this.i++;
          return { k: 'next' };
        case 'break':
          this.i++;
          return { k: 'break' };
        case 'continue':
          this.i++;
          return { k: 'continue' };
        case 'exit': {
          this.i++;
          return { k: 'exit', e: this.endOfSimple() ? undefined : this.expr() };
        }
        case 'delete': {
          this.i++;
          const n = this.peek();
          if (n?.t !== 'name') throw new AwkSyntax('delete needs an array');
          this.i++;
          if (this.isOp('[')) {
            this.i++;
            const keys = this.exprList();
            this.expectOp(']');
            return { k: 'delete', name: n.v, keys };
          }
          return { k: 'delete', name: n.v };
        }
        case 'getline':
        case 'return':
        case 'function':
          throw new AwkUnsupported(t.v);
      }
    }
    return { k: 'expr', e: this.expr() };
  }

  private endOfSimple(): boolean {
    const t = this.peek();
    return !t || t.t === 'nl' || (t.t === 'op' && (t.v === ';' || t.v === '}'));
  }

  private exprList(): Expr[] {
    const out = [this.expr(true)];
    while (this.isOp(',')) {
      this.i++;
      this.skipNewlinesOnly();
      out.push(this.expr(true));
    }
    return out;
  }

  /** noGt: inside print, `>` is redirection, not comparison. */
  expr(noGt = false): Expr {
    return this.ternary(noGt);
  }

  private ternary(noGt: boolean): Expr {
    const c = this.or(noGt);
    if (this.isOp('?')) {
      this.i++;
      const a = this.ternary(noGt);
      this.expectOp(':');
      const b = this.ternary(noGt);
      return { k: 'cond', c, a, b };
    }
    if (
      this.peek()?.t === 'op' &&
      ['=', '+=', '-=', '*=', '/=', '%=', '^='].includes((this.peek() as { v: string }).v)
    ) {
      if (c.k !== 'var' && c.k !== 'field' && c.k !== 'index') throw new AwkSyntax('assignment to a non-variable');
      const op = (this.toks[this.i++] as { v: string }).v;
      return { k: 'assign', op, target: c, e: this.ternary(noGt) };
    }
    return c;
  }

  private or(noGt: boolean): Expr {
    let a = this.and(noGt);
    while (this.isOp('||')) {
      this.i++;
      this.skipNewlinesOnly();
      a = { k: 'bin', op: '||', a, b: this.and(noGt) };
    }
    return a;
  }

  private and(noGt: boolean): Expr {
    let a = this.inExpr(noGt);
    while (this.isOp('&&')) {
      this.i++;
      this.skipNewlinesOnly();
      a = { k: 'bin', op: '&&', a, b: this.inExpr(noGt) };
    }
    return a;
  }

  private inExpr(noGt: boolean): Expr {
    const a = this.match(noGt);
    if (this.isName('in')) {
      this.i++;
      const n = this.peek();
      if (n?.t !== 'name') throw new AwkSyntax('in needs an array');
      this.i++;
      return { k: 'in', key: a, name: n.v };
    }
    return a;
  }

  private match(noGt: boolean): Expr {
    let a = this.compare(noGt);
    while (this.isOp('~') || this.isOp('!~')) {
      const op = (this.toks[this.i++] as { v: string }).v;
      a = { k: 'bin', op, a, b: this.compare(noGt) };
    }
    return a;
  }

  private compare(noGt: boolean): Expr {
    const a = this.concat();
    const t = this.peek();
    if (t?.t === 'op' && ['<', '<=', '==', '!=', '>=', '>'].includes(t.v) && !(noGt && t.v === '>')) {
      this.i++;
      return { k: 'bin', op: t.v, a, b: this.concat() };
    }
    return a;
  }

  private concat(): Expr {
    let a = this.additive();
    for (;;) {
      const t = this.peek();
      if (!t) break;
      const starts =
        t.t === 'num' ||
        t.t === 'str' ||
        (t.t === 'name' && !KEYWORDS.has(t.v)) ||
        t.t === 'func' ||
        (t.t === 'op' && ['$', '(', '!', '-', '+', '++', '--'].includes(t.v)) ||
        t.t === 're';
      if (!starts || (t.t === 'op' && (t.v === '-' || t.v === '+'))) break;
      if (t.t === 'name' && t.v === 'in') break;
      a = { k: 'bin', op: 'concat', a, b: this.additive() };
    }
    return a;
  }

  private additive(): Expr {
    let a = this.multiplicative();
    while (this.isOp('+') || this.isOp('-')) {
      const op = (this.toks[this.i++] as { v: string }).v;
      a = { k: 'bin', op, a, b: this.multiplicative() };
    }
    return a;
  }

  private multiplicative(): Expr {
    let a = this.unary();
    while (this.isOp('*') || this.isOp('/') || this.isOp('%')) {
      const op = (this.toks[this.i++] as { v: string }).v;
      a = { k: 'bin', op, a, b: this.unary() };
    }
    return a;
  }

  private unary(): Expr {
    if (this.isOp('!') || this.isOp('-') || this.isOp('+')) {
      const op = (this.toks[this.i++] as { v: string }).v;
      return { k: 'un', op, e: this.unary() };
    }
    return this.power();
  }

  private power(): Expr {
    const a = this.postfix();
    if (this.isOp('^') || this.isOp('**')) {
      this.i++;
      return { k: 'bin', op: '^', a, b: this.unary() };
    }
    return a;
  }

  private postfix(): Expr {
    if (this.isOp('++') || this.isOp('--')) {
      const op = (this.toks[this.i++] as { v: string }).v;
      return { k: 'incdec', op, prefix: true, target: this.primary() };
    }
    const e = this.primary();
    if ((e.k === 'var' || e.k === 'field' || e.k === 'index') && (this.isOp('++') || this.isOp('--'))) {
      const op = (this.toks[this.i++] as { v: string }).v;
      return { k: 'incdec', op, prefix: false, target: e };
    }
    return e;
  }

  private primary(): Expr {
    const t = this.peek();
    if (!t) throw new AwkSyntax('unexpected end of program');
    this.i++;
    switch (t.t) {
      case 'num':
        return { k: 'num', v: t.v };
      case 'str':
        return { k: 'str', v: t.v };
      case 're':
        return { k: 're', v: t.v };
      case 'func': {
        const args: Expr[] = [];
        if (this.isOp('(')) {
          this.i++;
          if (!this.isOp(')')) args.push(...this.exprList());
          this.expectOp(')');
        }
        if (!BUILTINS.has(t.v)) throw new AwkUnsupported(`user-defined function ${t.v}()`);
        return { k: 'call', name: t.v, args };
      }
      case 'name': {
        if (KEYWORDS.has(t.v)) throw new AwkSyntax(`unexpected '${t.v}'`);
        if (this.isOp('[')) {
          this.i++;
          const keys = this.exprList();
          this.expectOp(']');
          return { k: 'index', name: t.v, keys };
        }
        return { k: 'var', name: t.v };
      }
      case 'op':
        if (t.v === '$') return { k: 'field', e: this.primaryForField() };
        if (t.v === '(') {
          const e = this.expr();
          this.expectOp(')');
          return { k: 'group', e };
        }
        throw new AwkSyntax(`unexpected '${t.v}'`);
      default:
        throw new AwkSyntax('unexpected newline');
    }
  }

  private primaryForField(): Expr {
    if (this.isOp('++') || this.isOp('--') || this.isOp('-')) return this.unary();
    return this.primary();
  }
}

type Val = string | number;

/** Number → string as awk prints it (integers plainly, others with %.6g). */
function numStr(n: number): string {
  if (Number.isInteger(n)) return String(n);
  if (!Number.isFinite(n)) return n > 0 ? 'inf' : n < 0 ? '-inf' : 'nan';
  return String(Number(n.toPrecision(6)));
}

const toStr = (v: Val) => (typeof v === 'number' ? numStr(v) : v);
const toNum = (v: Val): number => {
  if (typeof v === 'number') return v;
  const m = /^\s*[+-]?(\d+\.?\d*([eE][+-]?\d+)?|\.\d+)/.exec(v);
  return m ? Number(m[0]) : 0;
};
const looksNumeric = (v: Val) => typeof v === 'number' || /^\s*[+-]?(\d+\.?\d*([eE][+-]?\d+)?|\.\d+)\s*$/.test(v);
const truthy = (v: Val) => (typeof v === 'number' ? v !== 0 : v !== '');

/** Interpreter state for one awk run. */
class AwkRun {
  vars = new Map<string, Val>();
  arrays = new Map<string, Map<string, Val>>();
  fields: string[] = [''];
  out = '';
  private steps = 0;

  constructor(fs: string) {
    this.vars.set('FS', fs);
    this.vars.set('OFS', ' ');
    this.vars.set('ORS', '\n');
    this.vars.set('NR', 0);
    this.vars.set('NF', 0);
    this.vars.set('SUBSEP', '\x1c');
  }

  setRecord(line: string): void {
    const fs = toStr(this.vars.get('FS') ?? ' ');
    let parts: string[];
    if (line === '') parts = [];
    else if (fs === ' ')
      parts = line
        .trim()
        .split(/[ \t\n]+/)
        .filter((x) => x !== '');
    else if (fs.length === 1 && fs !== '\\') parts = line.split(fs);
    else {
      const re = compilePosix(fs, true);
      parts = re ? line.split(re) : line.split(fs);
    }
    this.fields = [line, ...parts];
    this.vars.set('NF', parts.length);
  }

  private getField(i: number): string {
    return this.fields[i] ?? '';
  }

  private setField(i: number, v: string): void {
    if (i === 0) {
      this.setRecord(v);
      return;
    }
    while (this.fields.length <= i) this.fields.push('');
    this.fields[i] = v;
    this.vars.set('NF', this.fields.length - 1);
    this.fields[0] = this.fields.slice(1).join(toStr(this.vars.get('OFS') ?? ' '));
  }

  private array(name: string): Map<string, Val> {
    let a = this.arrays.get(name);
    if (!a) this.arrays.set(name, (a = new Map()));
    return a;
  }

  private key(keys: Expr[]): string {
    return keys.map((k) => toStr(this.eval(k))).join(toStr(this.vars.get('SUBSEP') ?? '\x1c'));
  }

  private regexOf(e: Expr): RegExp {
    const src = e.k === 're' ? e.v : toStr(this.eval(e));
    const re = compilePosix(src, true, 'g');
    if (!re) throw new AwkUnsupported(`the regular expression /${src}/`);
    return re;
  }

  private tick(): void {
    if (++this.steps > 2_000_000) throw new AwkUnsupported('programs running more than 2,000,000 steps');
  }

  private assignTo(target: Expr, v: Val): Val {
    if (target.k === 'var') {
      if (target.name === 'NF') {
        const n = toNum(v);
        this.fields = this.fields.slice(0, n + 1);
        while (this.fields.length < n + 1) this.fields.push('');
        this.fields[0] = this.fields.slice(1).join(toStr(this.vars.get('OFS') ?? ' '));
      }
      this.vars.set(target.name, v);
    } else if (target.k === 'field') this.setField(toNum(this.eval(target.e)), toStr(v));
    else if (target.k === 'index') this.array(target.name).set(this.key(target.keys), v);
    return v;
  }

  eval(e: Expr): Val {
    this.tick();
    switch (e.k) {
      case 'num':
        return e.v;
      case 'str':
        return e.v;
      case 're':
        return this.regexOf(e).test(this.getField(0)) ? 1 : 0;
      case 'group':
        return this.eval(e.e);
      case 'var':
        if (this.arrays.has(e.name)) throw new AwkUnsupported(`using array ${e.name} as a scalar`);
        return this.vars.get(e.name) ?? '';
      case 'field':
        return this.getField(toNum(this.eval(e.e)));
      case 'index':
        return this.array(e.name).get(this.key(e.keys)) ?? '';
      case 'in':
        return this.array(e.name).has(toStr(this.eval(e.key))) ? 1 : 0;
      case 'cond':
        return truthy(this.eval(e.c)) ? this.eval(e.a) : this.eval(e.b);
      case 'un': {
        const v = this.eval(e.e);
        return e.op === '!' ? (truthy(v) ? 0 : 1) : e.op === '-' ? -toNum(v) : toNum(v);
      }
      case 'assign': {
        const v = this.eval(e.e);
        if (e.op === '=') return this.assignTo(e.target, v);
        const cur = toNum(this.eval(e.target));
        const r = toNum(v);
        const n =
          { '+=': cur + r, '-=': cur - r, '*=': cur * r, '/=': cur / r, '%=': cur % r, '^=': cur ** r }[e.op] ?? 0;
        return this.assignTo(e.target, n);
      }
      case 'incdec': {
        const cur = toNum(this.eval(e.target));
        const n = e.op === '++' ? cur + 1 : cur - 1;
        this.assignTo(e.target, n);
        return e.prefix ? n : cur;
      }
      case 'bin': {
        if (e.op === '&&') return truthy(this.eval(e.a)) && truthy(this.eval(e.b)) ? 1 : 0;
        if (e.op === '||') return truthy(this.eval(e.a)) || truthy(this.eval(e.b)) ? 1 : 0;
        if (e.op === '~' || e.op === '!~') {
          const s = toStr(this.eval(e.a));
          const re = this.regexOf(e.b);
          re.lastIndex = 0;
          return re.test(s) === (e.op === '~') ? 1 : 0;
        }
        const a = this.eval(e.a);
        const b = this.eval(e.b);
        switch (e.op) {
          case 'concat':
            return toStr(a) + toStr(b);
          case '+':
            return toNum(a) + toNum(b);
          case '-':
            return toNum(a) - toNum(b);
          case '*':
            return toNum(a) * toNum(b);
          case '/':
            if (toNum(b) === 0) throw new AwkSyntax('division by zero');
            return toNum(a) / toNum(b);
          case '%':
            if (toNum(b) === 0) throw new AwkSyntax('division by zero in %');
            return toNum(a) % toNum(b);
          case '^':
            return toNum(a) ** toNum(b);
        }
        // Comparisons: numeric when both sides look like numbers and neither is a string constant.
        const numeric = e.a.k !== 'str' && e.b.k !== 'str' && looksNumeric(a) && looksNumeric(b);
        const c = numeric ? toNum(a) - toNum(b) : toStr(a) < toStr(b) ? -1 : toStr(a) > toStr(b) ? 1 : 0;
        return (
          { '<': c < 0, '<=': c <= 0, '==': c === 0, '!=': c !== 0, '>=': c >= 0, '>': c > 0 } as Record<
            string,
            boolean
          >
        )[e.op]
          ? 1
          : 0;
      }
      case 'call':
        return this.call(e.name, e.args);
    }
  }

  private call(name: string, args: Expr[]): Val {
    const s = (i: number) => (args[i] ? toStr(this.eval(args[i]!)) : toStr(this.getField(0)));
    switch (name) {
      case 'length': {
        const a = args[0];
        if (a?.k === 'var' && this.arrays.has(a.name)) return this.arrays.get(a.name)!.size;
        return [...s(0)].length;
      }
      case 'substr': {
        const str = [...s(0)];
        const start = Math.round(toNum(this.eval(args[1]!)));
        const len = args[2] ? Math.round(toNum(this.eval(args[2]))) : Infinity;
        const from = Math.max(start, 1);
        const to = start + len;
        return str.slice(from - 1, Math.max(from - 1, to - 1)).join('');
      }
      case 'index':
        return s(0).indexOf(s(1)) + 1;
      case 'toupper':
        return s(0).toUpperCase();
      case 'tolower':
        return s(0).toLowerCase();
      case 'int':
        return Math.trunc(toNum(this.eval(args[0]!)));
      case 'sqrt':
        return Math.sqrt(toNum(this.eval(args[0]!)));
      case 'sprintf': {
        const [f, ...rest] = args.map((a) => this.eval(a));
        return formatPrintf(toStr(f ?? ''), rest.map(toStr)).text;
      }
      case 'split': {
        const str = s(0);
        const arrExpr = args[1];
        if (arrExpr?.k !== 'var') throw new AwkSyntax('split needs an array');
        const sep = args[2]
          ? args[2].k === 're'
            ? args[2].v
            : toStr(this.eval(args[2]))
          : toStr(this.vars.get('FS') ?? ' ');
        const parts =
          str === ''
            ? []
            : sep === ' '
              ? str.trim().split(/\s+/)
              : sep.length === 1
                ? str.split(sep)
                : str.split(compilePosix(sep, true) ?? sep);
        this.vars.delete(arrExpr.name);
        const arr = new Map<string, Val>();
        parts.forEach((p, i) => arr.set(String(i + 1), p));
        this.arrays.set(arrExpr.name, arr);
        return parts.length;
      }
      case 'sub':
      case 'gsub': {
        const re = this.regexOf(args[0]!);
        const rep = s(1);
        const target = args[2] ?? { k: 'field' as const, e: { k: 'num' as const, v: 0 } };
        const cur = toStr(this.eval(target));
        let n = 0;
        const replaced = cur.replace(re, (m) => {
          if (name === 'sub' && n > 0) return m;
          n++;
          return rep.replace(/\\&|&/g, (x) => (x === '&' ? m : '&'));
        });
        if (n) this.assignTo(target, replaced);
        return n;
      }
      case 'match': {
        const re = this.regexOf(args[1]!);
        re.lastIndex = 0;
        const m = re.exec(s(0));
        this.vars.set('RSTART', m ? m.index + 1 : 0);
        this.vars.set('RLENGTH', m ? m[0].length : -1);
        return m ? m.index + 1 : 0;
      }
    }
    throw new AwkUnsupported(`${name}()`);
  }

  exec(st: Stmt): void {
    this.tick();
    switch (st.k) {
      case 'block':
        for (const s of st.body) this.exec(s);
        return;
      case 'expr':
        this.eval(st.e);
        return;
      case 'print': {
        const ofs = toStr(this.vars.get('OFS') ?? ' ');
        const ors = toStr(this.vars.get('ORS') ?? '\n');
        const text = st.args.length ? st.args.map((a) => toStr(this.eval(a))).join(ofs) : this.getField(0);
        this.out += text + ors;
        return;
      }
      case 'printf': {
        const [f, ...rest] = st.args.map((a) => this.eval(a));
        this.out += formatPrintf(toStr(f ?? ''), rest.map(toStr)).text;
        return;
      }
      case 'if':
        if (truthy(this.eval(st.c))) this.exec(st.a);
        else if (st.b) this.exec(st.b);
        return;
      case 'while':
        while (truthy(this.eval(st.c))) if (this.loopBody(st.body)) break;
        return;
      case 'do':
        do {
          if (this.loopBody(st.body)) break;
        } while (truthy(this.eval(st.c)));
        return;
      case 'for':
        if (st.init) this.exec(st.init);
        while (!st.c || truthy(this.eval(st.c))) {
          if (this.loopBody(st.body)) break;
          if (st.step) this.exec(st.step);
        }
        return;
      case 'forin':
        for (const k of [...this.array(st.arr).keys()]) {
          this.vars.set(st.v, k);
          if (this.loopBody(st.body)) break;
        }
        return;
      case 'next':
        throw new NextSignal();
      case 'exit':
        throw new ExitSignal(st.e ? toNum(this.eval(st.e)) : 0);
      case 'delete':
        if (st.keys) this.array(st.name).delete(this.key(st.keys));
        else this.arrays.set(st.name, new Map());
        return;
      case 'break':
        throw new LoopBreak();
      case 'continue':
        throw new LoopContinue();
    }
  }

  /** Runs a loop body; true when the loop should stop. */
  private loopBody(body: Stmt): boolean {
    try {
      this.exec(body);
      return false;
    } catch (e) {
      if (e instanceof LoopBreak) return true;
      if (e instanceof LoopContinue) return false;
      throw e;
    }
  }
}

class LoopBreak {}
class LoopContinue {}

/** Run an awk program over inputs; returns output and exit status. Throws AwkUnsupported/AwkSyntax. */
export function runAwk(
  program: string,
  inputs: string[],
  fs: string,
  assigns: Array<[string, string]>,
): { out: string; status: number } {
  const rules = new AwkParser(tokenize(program)).program();
  const run = new AwkRun(fs);
  for (const [k, v] of assigns) run.vars.set(k, v);
  let status = 0;
  const runRules = (which: 'BEGIN' | 'END' | 'main') => {
    for (const r of rules) {
      const isSpecial = r.pattern === 'BEGIN' || r.pattern === 'END';
      if (which === 'main' ? isSpecial : r.pattern !== which) continue;
      if (which === 'main' && r.pattern !== null && !truthy(run.eval(r.pattern as Expr))) continue;
      if (r.action) run.exec(r.action);
      else run.out += run.fields[0] + toStr(run.vars.get('ORS') ?? '\n');
    }
  };
  try {
    runRules('BEGIN');
    const hasMain = rules.some((r) => r.pattern !== 'BEGIN');
    if (hasMain) {
      let nr = 0;
      outer: for (const text of inputs) {
        const ls = text.split('\n');
        if (text.endsWith('\n')) ls.pop();
        for (const line of ls) {
          run.vars.set('NR', ++nr);
          run.setRecord(line);
          try {
            runRules('main');
          } catch (e) {
            if (e instanceof NextSignal) continue;
            if (e instanceof ExitSignal) {
              status = e.status;
              break outer;
            }
            throw e;
          }
        }
      }
    }
  } catch (e) {
    if (!(e instanceof ExitSignal)) throw e;
    status = e.status;
  }
  try {
    runRules('END');
  } catch (e) {
    if (e instanceof ExitSignal) status = e.status;
    else throw e;
  }
  return { out: run.out, status };
}

export const awkCommand: CommandSpec = {
  name: 'awk',
  summary: "pattern scanning: awk '{print $1}', -F SEP, /re/ {...}, BEGIN/END, printf, counters",
  usage: "awk [-F SEP] [-v VAR=VALUE] 'PROGRAM' [FILE]...",
  flags: [
    { names: ['-F'], value: true, description: 'field separator' },
    { names: ['-v'], value: true, description: 'assign a variable before the program starts' },
  ],
  run(ctx) {
    const args = ctx.argv.slice(1);
    let fs = ' ';
    const assigns: Array<[string, string]> = [];
    while (args[0]?.startsWith('-') && args[0] !== '-') {
      const a = args.shift()!;
      if (a === '--') break;
      if (a === '-F') fs = args.shift() ?? ' ';
      else if (a.startsWith('-F')) fs = a.slice(2);
      else if (a === '-v' || a.startsWith('-v')) {
        const kv = a === '-v' ? (args.shift() ?? '') : a.slice(2);
        const eq = kv.indexOf('=');
        if (eq > 0) assigns.push([kv.slice(0, eq), kv.slice(eq + 1)]);
      } else {
        ctx.stderr.write(`netlab: awk ${a} is not emulated\n`);
        return 2;
      }
    }
    if (fs === 't') fs = '\t';
    fs = fs.replace(/\\t/g, '\t');
    const program = args.shift();
    if (program === undefined) {
      ctx.stderr.write('usage: awk [-F fs][-v var=value][prog | -f progfile][file ...]\n');
      return 2;
    }
    const { inputs, ok } = readInputs(ctx, args, 'awk');
    try {
      const { out, status } = runAwk(
        program,
        inputs.map((i) => i.text),
        fs,
        assigns,
      );
      ctx.stdout.write(out);
      return ok ? status : 2;
    } catch (e) {
      if (e instanceof AwkUnsupported) {
        ctx.stderr.write(`netlab: awk: ${e.message} is not emulated\n`);
        return 2;
      }
      if (e instanceof AwkSyntax) {
        ctx.stderr.write(`awk: syntax error: ${e.message}\n awk: ${program.split('\n')[0]}\n`);
        return 2;
      }
      throw e;
    }
  },
};
