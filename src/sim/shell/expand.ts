/**
 * Word expansion in bash's order: brace expansion, tilde, parameter / command / arithmetic
 * expansion, field splitting of unquoted results on IFS, pathname globbing against the location's
 * filesystem (no match leaves the word as typed), then quote removal.
 */
import type { Program, Word, WordPart } from './ast';
import type { ShellState } from './state';
import { evalArith, ArithError } from './arith';
import { escapeGlob, hasGlobChars, trimPattern, patternSource } from './pattern';
import { ExpansionError } from './signals';
import { LimitExceeded } from './types';
import { MAX_BRACE_WORDS } from './limits';
import { homeDir } from './vfs';
import { parseArithWord } from './parser';

/** What expansion needs from the interpreter. */
export interface ExpandHost {
  state: ShellState;
  /** Run `$(...)` and return its standard output (trailing newlines not yet stripped). */
  commandSubst(body: Program): Promise<string>;
  /** Pathname expansion; [] when nothing matches. */
  glob(pattern: string): string[];
  /** `$RANDOM`. */
  random(): number;
  /** `$$`. */
  pid: number;
}

type Seg = { text: string; quoted: boolean; split: boolean } | 'break';

/** Expand words into argv fields. */
export async function expandWords(words: Word[], host: ExpandHost): Promise<string[]> {
  const out: string[] = [];
  for (const w of words) {
    for (const bw of braceExpand(w)) {
      const segs = await segments(tildeExpand(bw, host.state), host, false);
      for (const field of splitFields(segs, ifsOf(host.state))) out.push(...globField(field, host));
    }
  }
  return out;
}

/** Expand one word to one string: no brace expansion, splitting or globbing (assignments, redirections, heredocs). */
export async function expandString(word: Word, host: ExpandHost): Promise<string> {
  const segs = await segments(tildeExpand(word, host.state), host, false);
  return segs.map((s) => (s === 'break' ? ' ' : s.text)).join('');
}

/** Expand a word used as a pattern (`case`, `[[ == ]]`): quoted characters match literally. */
export async function expandPattern(word: Word, host: ExpandHost): Promise<string> {
  const segs = await segments(word, host, false);
  return segs.map((s) => (s === 'break' ? ' ' : s.quoted ? escapeGlob(s.text) : s.text)).join('');
}

function ifsOf(state: ShellState): string {
  return state.getVar('IFS') ?? ' \t\n';
}

// ---- brace expansion ---------------------------------------------------------------------------

/** `{a,b}` and `{1..10}` in unquoted literal text; a word with none comes back alone. */
export function braceExpand(word: Word): Word[] {
  const out: Word[] = [];
  const rec = (w: Word) => {
    for (let i = 0; i < w.parts.length; i++) {
      const p = w.parts[i]!;
      if (p.k !== 'lit') continue;
      const b = findBrace(p.v);
      if (!b) continue;
      for (const alt of b.alts) {
        const parts: WordPart[] = [
          ...w.parts.slice(0, i),
          { k: 'lit', v: b.pre + alt + b.post },
          ...w.parts.slice(i + 1),
        ];
        rec({ parts });
        if (out.length > MAX_BRACE_WORDS)
          throw new LimitExceeded(`brace expansion produced more than ${MAX_BRACE_WORDS} words; stopped`);
      }
      return;
    }
    out.push(w);
  };
  rec(word);
  return out;
}

function findBrace(s: string): { pre: string; alts: string[]; post: string } | null {
  for (let open = s.indexOf('{'); open >= 0; open = s.indexOf('{', open + 1)) {
    let depth = 0;
    const commas: number[] = [];
    let close = -1;
    for (let j = open; j < s.length; j++) {
      const c = s[j];
      if (c === '{') depth++;
      else if (c === '}') {
        depth--;
        if (depth === 0) {
          close = j;
          break;
        }
      } else if (c === ',' && depth === 1) commas.push(j);
    }
    if (close < 0) return null;
    const inner = s.slice(open + 1, close);
    const pre = s.slice(0, open);
    const post = s.slice(close + 1);
    if (commas.length) {
      const alts: string[] = [];
      let start = open + 1;
      for (const c of [...commas, close]) {
        alts.push(s.slice(start, c));
        start = c + 1;
      }
      return { pre, alts, post };
    }
    const seq = sequence(inner);
    if (seq) return { pre, alts: seq, post };
  }
  return null;
}

function sequence(inner: string): string[] | null {
  const num = /^(-?\d+)\.\.(-?\d+)(?:\.\.(-?\d+))?$/.exec(inner);
  if (num) {
    const a = Number(num[1]);
    const b = Number(num[2]);
    let step = Math.abs(Number(num[3] ?? 1)) || 1;
    const count = Math.floor(Math.abs(b - a) / step) + 1;
    if (count > MAX_BRACE_WORDS)
      throw new LimitExceeded(`brace expansion produced more than ${MAX_BRACE_WORDS} words; stopped`);
    const width = [num[1]!, num[2]!].some((x) => /^-?0\d/.test(x)) ? Math.max(num[1]!.length, num[2]!.length) : 0;
    if (a > b) step = -step;
    const out: string[] = [];
    for (let v = a, n = 0; n < count; v += step, n++) {
      const s = String(Math.abs(v)).padStart(width - (v < 0 ? 1 : 0), '0');
      out.push(v < 0 ? '-' + s : s);
    }
    return out;
  }
  const chr = /^([A-Za-z])\.\.([A-Za-z])$/.exec(inner);
  if (chr) {
    const a = chr[1]!.charCodeAt(0);
    const b = chr[2]!.charCodeAt(0);
    const out: string[] = [];
    for (let v = a; a <= b ? v <= b : v >= b; v += a <= b ? 1 : -1) out.push(String.fromCharCode(v));
    return out;
  }
  return null;
}

// ---- tilde -------------------------------------------------------------------------------------

function tildeExpand(word: Word, state: ShellState): Word {
  const first = word.parts[0];
  if (first?.k !== 'lit' || !first.v.startsWith('~')) return word;
  const rest = first.v.slice(1);
  if (rest !== '' && !rest.startsWith('/')) return word;
  if (rest === '' && word.parts.length > 1 && !partStartsWithSlash(word.parts[1]!)) return word;
  const home = state.getVar('HOME') ?? homeDir(state.location);
  return { parts: [{ k: 'q', v: home }, ...(rest ? [{ k: 'lit' as const, v: rest }] : []), ...word.parts.slice(1)] };
}

function partStartsWithSlash(p: WordPart): boolean {
  return (p.k === 'lit' || p.k === 'q') && p.v.startsWith('/');
}

// ---- parameters, substitutions -----------------------------------------------------------------

async function segments(word: Word, host: ExpandHost, inDq: boolean): Promise<Seg[]> {
  const out: Seg[] = [];
  for (const p of word.parts) {
    switch (p.k) {
      case 'lit':
        out.push({ text: p.v, quoted: inDq, split: false });
        break;
      case 'q':
        out.push({ text: p.v, quoted: true, split: false });
        break;
      case 'dq': {
        const inner = await segments({ parts: p.parts }, host, true);
        // "" still makes a (possibly empty) field
        out.push({ text: '', quoted: true, split: false }, ...inner);
        break;
      }
      case 'param': {
        if ((p.name === '@' || p.name === '*') && !p.op) {
          const pos = host.state.positional;
          if (inDq && p.name === '@') {
            pos.forEach((v, i) => {
              if (i > 0) out.push('break');
              out.push({ text: v, quoted: true, split: false });
            });
          } else {
            const sep = p.name === '*' && inDq ? (ifsOf(host.state)[0] ?? '') : ' ';
            out.push({ text: pos.join(sep), quoted: inDq, split: !inDq });
          }
          break;
        }
        out.push({ text: await paramValue(p, host), quoted: inDq, split: !inDq });
        break;
      }
      case 'cmd': {
        const text = (await host.commandSubst(p.body)).replace(/\n+$/, '');
        out.push({ text, quoted: inDq, split: !inDq });
        break;
      }
      case 'arith': {
        const text = String(await arith(p.expr, host));
        out.push({ text, quoted: inDq, split: !inDq });
        break;
      }
    }
  }
  return out;
}

/** Evaluate an arithmetic word (after expanding `$x` and `$(...)` inside it). */
export async function arith(expr: Word, host: ExpandHost): Promise<number> {
  const src = await expandString(expr, host);
  try {
    return evalArith(src, {
      get: (n) => lookup(n, host),
      set: (n, v) => host.state.setVar(n, v, host.state.exported.has(n)),
    });
  } catch (e) {
    if (e instanceof ArithError) throw new ExpansionError(`${src.trim()}: ${e.message}`);
    throw e;
  }
}

/** Evaluate raw arithmetic text (C-style for loop parts). */
export async function arithText(src: string, host: ExpandHost): Promise<number> {
  return arith(parseArithWord(src), host);
}

function lookup(name: string, host: ExpandHost): string | undefined {
  const st = host.state;
  switch (name) {
    case '?':
      return String(st.lastStatus);
    case '$':
      return String(host.pid);
    case '#':
      return String(st.positional.length);
    case '@':
    case '*':
      return st.positional.join(' ');
    case '0':
      return st.shellName;
    case '!':
      return '';
    case '-':
      return 'hB';
    case 'RANDOM':
      return String(host.random());
  }
  if (/^\d+$/.test(name)) return st.positional[Number(name) - 1];
  return st.getVar(name);
}

async function paramValue(p: Extract<WordPart, { k: 'param' }>, host: ExpandHost): Promise<string> {
  const value = lookup(p.name, host);
  const arg = async () => (p.arg ? expandString(p.arg, host) : '');
  switch (p.op) {
    case undefined:
      return value ?? '';
    case 'len':
      return String([...(value ?? '')].length);
    case ':-':
      return value ? value : arg();
    case '-':
      return value !== undefined ? value : arg();
    case ':=':
    case '=': {
      if (p.op === ':=' ? value : value !== undefined) return value!;
      const v = await arg();
      if (!/^[A-Za-z_]/.test(p.name)) throw new ExpansionError(`$${p.name}: cannot assign in this way`);
      host.state.setVar(p.name, v);
      return v;
    }
    case ':+':
      return value ? arg() : '';
    case '+':
      return value !== undefined ? arg() : '';
    case ':?':
    case '?': {
      if (p.op === ':?' ? value : value !== undefined) return value!;
      const msg = (await arg()) || (p.op === ':?' ? 'parameter null or not set' : 'parameter not set');
      throw new ExpansionError(`${p.name}: ${msg}`);
    }
    case '#':
    case '##':
    case '%':
    case '%%':
      return trimPattern(value ?? '', p.arg ? await expandPattern(p.arg, host) : '', p.op);
    case '/':
    case '//': {
      const v = value ?? '';
      const pat = p.arg ? await expandPattern(p.arg, host) : '';
      const rep = p.arg2 ? await expandString(p.arg2, host) : '';
      if (!pat) return v;
      let src = patternSource(pat);
      let anchor = '';
      if (pat.startsWith('#')) {
        src = patternSource(pat.slice(1));
        anchor = '^';
      } else if (pat.startsWith('%')) {
        src = patternSource(pat.slice(1)) + '$';
      }
      try {
        const re = new RegExp(anchor + src, p.op === '//' ? 'g' : '');
        return v.replace(re, () => rep);
      } catch {
        return v;
      }
    }
    case ':': {
      const chars = [...(value ?? '')];
      let off = p.arg ? await arith(p.arg, host) : 0;
      if (off < 0) off = Math.max(0, chars.length + off);
      let len = p.arg2 ? await arith(p.arg2, host) : chars.length - off;
      if (len < 0) len = Math.max(0, chars.length - off + len);
      return chars.slice(off, off + len).join('');
    }
  }
  return value ?? '';
}

// ---- field splitting and globbing --------------------------------------------------------------

interface Field {
  segs: Array<{ text: string; quoted: boolean }>;
  started: boolean;
}

function splitFields(segs: Seg[], ifs: string): Field[] {
  const fields: Field[] = [];
  let cur: Field = { segs: [], started: false };
  const push = () => {
    fields.push(cur);
    cur = { segs: [], started: false };
  };
  for (const s of segs) {
    if (s === 'break') {
      push();
      cur.started = true;
      continue;
    }
    if (!s.split || ifs === '') {
      if (s.quoted || s.text) cur.started = true;
      if (s.text) cur.segs.push({ text: s.text, quoted: s.quoted });
      continue;
    }
    let piece = '';
    for (let i = 0; i < s.text.length; i++) {
      const c = s.text[i]!;
      if (!ifs.includes(c)) {
        piece += c;
        continue;
      }
      if (piece) {
        cur.segs.push({ text: piece, quoted: false });
        cur.started = true;
        piece = '';
      }
      if (/\s/.test(c)) {
        if (cur.started) push();
      } else {
        push();
      }
    }
    if (piece) {
      cur.segs.push({ text: piece, quoted: false });
      cur.started = true;
    }
  }
  if (cur.started) fields.push(cur);
  return fields;
}

function globField(field: Field, host: ExpandHost): string[] {
  const text = field.segs.map((s) => s.text).join('');
  const unquotedGlob = field.segs.some((s) => !s.quoted && hasGlobChars(s.text));
  if (!unquotedGlob) return [text];
  const pattern = field.segs.map((s) => (s.quoted ? escapeGlob(s.text) : s.text)).join('');
  const matches = host.glob(pattern);
  return matches.length ? matches : [text];
}
