/** awk's parser: a program as rules (pattern, action) of statements and expressions, by precedence climbing. */
import { AwkSyntax, AwkUnsupported, BUILTINS, KEYWORDS, type Tok } from './awk-lex';

export type Expr =
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

export type Stmt =
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

export interface Rule {
  pattern: 'BEGIN' | 'END' | Expr | null;
  action: Stmt | null;
}

export class AwkParser {
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
