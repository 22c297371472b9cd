/** awk's runtime: records and fields, variables and arrays, expression values (string or number), statements, builtins. */
import type { Expr, Stmt } from './awk-parse';
import { AwkSyntax, AwkUnsupported, ExitSignal, NextSignal } from './awk-lex';
import { compilePosix } from './regex';
import { formatPrintf } from './echo';

type Val = string | number;

/** Number → string as awk prints it (integers plainly, others with %.6g). */
function numStr(n: number): string {
  if (Number.isInteger(n)) return String(n);
  if (!Number.isFinite(n)) return n > 0 ? 'inf' : n < 0 ? '-inf' : 'nan';
  return String(Number(n.toPrecision(6)));
}

export const toStr = (v: Val) => (typeof v === 'number' ? numStr(v) : v);
const toNum = (v: Val): number => {
  if (typeof v === 'number') return v;
  const m = /^\s*[+-]?(\d+\.?\d*([eE][+-]?\d+)?|\.\d+)/.exec(v);
  return m ? Number(m[0]) : 0;
};
const looksNumeric = (v: Val) => typeof v === 'number' || /^\s*[+-]?(\d+\.?\d*([eE][+-]?\d+)?|\.\d+)\s*$/.test(v);
export const truthy = (v: Val) => (typeof v === 'number' ? v !== 0 : v !== '');

/** Interpreter state for one awk run. */
export class AwkRun {
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
