/** Line and character filters: wc, head, tail, cut, tr, seq. */
import type { CommandContext, CommandSpec } from '../../shell/types';
import { parseOpts, readInputs, lines } from './util';
import { utf8Length } from '../../shell/vfs';

export const wcCommand: CommandSpec = {
  name: 'wc',
  summary: 'count lines, words and bytes (-l -w -c)',
  usage: 'wc [-lwcm] [FILE]...',
  flags: [
    { names: ['-l', '--lines'], description: 'newline counts' },
    { names: ['-w', '--words'], description: 'word counts' },
    { names: ['-c', '--bytes'], description: 'byte counts' },
    { names: ['-m', '--chars'], description: 'character counts' },
  ],
  run(ctx) {
    const p = parseOpts(ctx, { flags: 'lwcmL', long: { lines: 'l', words: 'w', bytes: 'c', chars: 'm' } });
    if (typeof p === 'number') return p;
    let which = ['l', 'w', 'm', 'c'].filter((k) => p.opts.has(k));
    if (!which.length) which = ['l', 'w', 'c'];
    const { inputs, ok } = readInputs(ctx, p.args);
    const count = (t: string) =>
      ({
        l: (t.match(/\n/g) ?? []).length,
        w: t.split(/\s+/).filter(Boolean).length,
        c: utf8Length(t),
        m: [...t].length,
      }) as Record<string, number>;
    const rows = inputs.map((i) => ({ name: p.args.length ? i.name : '', n: count(i.text) }));
    if (rows.length > 1)
      rows.push({ name: 'total', n: Object.fromEntries(which.map((k) => [k, rows.reduce((a, r) => a + r.n[k]!, 0)])) });
    // GNU wc: width 1 for a single count of a single input; else wide enough for the total size, at least 7 for a pipe.
    let width = 1;
    if (!(inputs.length === 1 && which.length === 1)) {
      const fromPipe = p.args.length === 0 || p.args.includes('-');
      const total = inputs.reduce((a, i) => a + utf8Length(i.text), 0);
      width = Math.max(String(total).length, fromPipe ? 7 : 1);
    }
    for (const r of rows)
      ctx.stdout.write(
        which.map((k) => String(r.n[k]).padStart(width)).join(' ') + (r.name ? ` ${r.name}` : '') + '\n',
      );
    return ok ? 0 : 1;
  },
};

function headTail(ctx: CommandContext, tail: boolean): number {
  const p = parseOpts(ctx, {
    flags: 'qvfF',
    values: 'nc',
    numberAs: 'n',
    long: { 'lines=': 'n', 'bytes=': 'c', quiet: 'q', follow: 'f' },
  });
  if (typeof p === 'number') return p;
  const tool = ctx.argv[0]!;
  const raw = (p.opts.get('n') as string | undefined) ?? '10';
  const fromStart = tail && raw.startsWith('+');
  const n = Number(raw.replace(/^[+-]/, ''));
  if (!Number.isInteger(n)) {
    ctx.stderr.write(`${tool}: invalid number of lines: ‘${raw}’\n`);
    return 1;
  }
  const allBut = !tail && raw.startsWith('-');
  const { inputs, ok } = readInputs(ctx, p.args);
  inputs.forEach((inp, i) => {
    if (inputs.length > 1 && !p.opts.has('q')) ctx.stdout.write(`${i > 0 ? '\n' : ''}==> ${inp.name} <==\n`);
    if (p.opts.has('c')) {
      const c = Number(p.opts.get('c'));
      ctx.stdout.write(tail ? inp.text.slice(-c || inp.text.length) : inp.text.slice(0, c));
      return;
    }
    const ls = inp.text.split('\n');
    const endsNl = inp.text.endsWith('\n');
    if (endsNl) ls.pop();
    let from: number;
    let to: number;
    if (tail) [from, to] = fromStart ? [Math.max(0, n - 1), ls.length] : [Math.max(0, ls.length - n), ls.length];
    else [from, to] = allBut ? [0, Math.max(0, ls.length - n)] : [0, Math.min(n, ls.length)];
    // Every line keeps its newline except an unterminated last line.
    for (let k = from; k < to; k++) ctx.stdout.write(ls[k]! + (k < ls.length - 1 || endsNl ? '\n' : ''));
  });
  if (p.opts.has('f')) ctx.stderr.write(`netlab: ${tool} -f is not emulated (printed the file once)\n`);
  return ok ? 0 : 1;
}

export const headCommand: CommandSpec = {
  name: 'head',
  summary: 'first lines (-n N, -N)',
  usage: 'head [-n N] [FILE]...',
  flags: [{ names: ['-n', '--lines'], value: true, description: 'number of lines' }],
  run: (ctx) => headTail(ctx, false),
};
export const tailCommand: CommandSpec = {
  name: 'tail',
  summary: 'last lines (-n N, -n +N from line N)',
  usage: 'tail [-n [+]N] [FILE]...',
  flags: [{ names: ['-n', '--lines'], value: true, description: 'number of lines, +N: from line N' }],
  run: (ctx) => headTail(ctx, true),
};

/** Parse cut's LIST (`1,3-5,-2,7-`) into a membership test (1-based). */
function parseList(list: string): ((i: number) => boolean) | null {
  const ranges: Array<[number, number]> = [];
  for (const part of list.split(',')) {
    const m = /^(\d*)(-?)(\d*)$/.exec(part);
    if (!m || (!m[1] && !m[3])) return null;
    const a = m[1] ? Number(m[1]) : 1;
    const b = m[2] ? (m[3] ? Number(m[3]) : Infinity) : a;
    if (a < 1) return null;
    ranges.push([a, b]);
  }
  return (i) => ranges.some(([a, b]) => i >= a && i <= b);
}

export const cutCommand: CommandSpec = {
  name: 'cut',
  summary: 'select fields (-d DELIM -f LIST) or characters (-c LIST) of each line',
  usage: 'cut -d DELIM -f LIST [FILE]... | cut -c LIST [FILE]...',
  flags: [
    { names: ['-d', '--delimiter'], value: true, description: 'field delimiter (default TAB)' },
    { names: ['-f', '--fields'], value: true, description: 'fields to print: 1,3-5' },
    { names: ['-c', '--characters'], value: true, description: 'characters to print' },
  ],
  run(ctx) {
    const p = parseOpts(ctx, {
      flags: 's',
      values: 'dfcb',
      long: {
        'delimiter=': 'd',
        'fields=': 'f',
        'characters=': 'c',
        'bytes=': 'b',
        'only-delimited': 's',
        'output-delimiter=': 'O',
      },
    });
    if (typeof p === 'number') return p;
    const listText = (p.opts.get('f') ?? p.opts.get('c') ?? p.opts.get('b')) as string | undefined;
    if (listText === undefined) {
      ctx.stderr.write(
        "cut: you must specify a list of bytes, characters, or fields\nTry 'cut --help' for more information.\n",
      );
      return 1;
    }
    const sel = parseList(listText);
    if (!sel) {
      ctx.stderr.write(`cut: invalid field value ‘${listText}’\nTry 'cut --help' for more information.\n`);
      return 1;
    }
    const d = (p.opts.get('d') as string | undefined) ?? '\t';
    if ([...d].length !== 1) {
      ctx.stderr.write("cut: the delimiter must be a single character\nTry 'cut --help' for more information.\n");
      return 1;
    }
    const outD = (p.opts.get('O') as string | undefined) ?? d;
    const { inputs, ok } = readInputs(ctx, p.args);
    for (const inp of inputs) {
      for (const line of lines(inp.text)) {
        if (p.opts.has('f')) {
          if (!line.includes(d)) {
            if (!p.opts.has('s')) ctx.stdout.write(line + '\n');
            continue;
          }
          ctx.stdout.write(
            line
              .split(d)
              .filter((_, i) => sel(i + 1))
              .join(outD) + '\n',
          );
        } else ctx.stdout.write([...line].filter((_, i) => sel(i + 1)).join('') + '\n');
      }
    }
    return ok ? 0 : 1;
  },
};

const TR_CLASSES: Record<string, string> = {
  upper: 'ABCDEFGHIJKLMNOPQRSTUVWXYZ',
  lower: 'abcdefghijklmnopqrstuvwxyz',
  digit: '0123456789',
  space: ' \t\n\r\f\v',
  blank: ' \t',
  punct: '!"#$%&\'()*+,-./:;<=>?@[\\]^_`{|}~',
};
TR_CLASSES.alpha = TR_CLASSES.upper! + TR_CLASSES.lower!;
TR_CLASSES.alnum = TR_CLASSES.alpha + TR_CLASSES.digit!;

/** Expand a tr SET (`a-z`, `[:upper:]`, `\n`) into its characters. */
export function expandTrSet(set: string): string[] {
  const out: string[] = [];
  const chars: string[] = [];
  for (let i = 0; i < set.length; i++) {
    const cls = /^\[:([a-z]+):\]/.exec(set.slice(i));
    if (cls && TR_CLASSES[cls[1]!]) {
      chars.push(...[...TR_CLASSES[cls[1]!]!].map((c) => '\0cls' + c));
      i += cls[0].length - 1;
      continue;
    }
    if (set[i] === '\\' && i + 1 < set.length) {
      const n = set[++i]!;
      chars.push({ n: '\n', t: '\t', r: '\r', '\\': '\\' }[n] ?? n);
      continue;
    }
    chars.push(set[i]!);
  }
  for (let i = 0; i < chars.length; i++) {
    const c = chars[i]!;
    if (c.startsWith('\0cls')) {
      out.push(c.slice(4));
      continue;
    }
    if (chars[i + 1] === '-' && chars[i + 2] !== undefined && !chars[i + 2]!.startsWith('\0cls')) {
      const a = c.charCodeAt(0);
      const b = chars[i + 2]!.charCodeAt(0);
      for (let x = a; x <= b; x++) out.push(String.fromCharCode(x));
      i += 2;
      continue;
    }
    out.push(c);
  }
  return out;
}

export const trCommand: CommandSpec = {
  name: 'tr',
  summary: 'translate or delete characters (tr a-z A-Z, tr -d SET, tr -s SET)',
  usage: 'tr [-cds] SET1 [SET2]',
  run(ctx) {
    const p = parseOpts(ctx, { flags: 'cdsC', long: { delete: 'd', 'squeeze-repeats': 's', complement: 'c' } });
    if (typeof p === 'number') return p;
    const del = p.opts.has('d');
    const squeeze = p.opts.has('s');
    const comp = p.opts.has('c') || p.opts.has('C');
    const [s1, s2] = p.args;
    if (s1 === undefined || (!del && !squeeze && s2 === undefined)) {
      ctx.stderr.write(
        s1 === undefined
          ? "tr: missing operand\nTry 'tr --help' for more information.\n"
          : `tr: missing operand after ‘${s1}’\nTwo strings must be given when translating.\nTry 'tr --help' for more information.\n`,
      );
      return 1;
    }
    const set1 = expandTrSet(s1);
    const in1 = (c: string) => set1.includes(c) !== comp;
    const set2 = s2 !== undefined ? expandTrSet(s2) : [];
    let out = '';
    let prev = '';
    for (const c of ctx.stdin) {
      let o: string | null = c;
      if (del && in1(c)) o = null;
      else if (!del && s2 !== undefined && in1(c)) {
        const idx = comp ? set2.length - 1 : set1.indexOf(c);
        o = set2[Math.min(idx, set2.length - 1)] ?? c;
      }
      if (o === null) continue;
      const squeezeSet = del || s2 === undefined ? set1 : set2;
      if (squeeze && o === prev && (del || s2 === undefined ? in1(o) : squeezeSet.includes(o))) continue;
      out += o;
      prev = o;
    }
    ctx.stdout.write(out);
    return 0;
  },
};

export const seqCommand: CommandSpec = {
  name: 'seq',
  summary: 'print a sequence of numbers (seq LAST, seq FIRST [INC] LAST; -s SEP, -w)',
  usage: 'seq [-w] [-s SEP] [FIRST [INCREMENT]] LAST',
  run(ctx) {
    const args = ctx.argv.slice(1);
    let sep = '\n';
    let equal = false;
    const nums: string[] = [];
    for (let i = 0; i < args.length; i++) {
      const a = args[i]!;
      if (a === '-s') sep = args[++i] ?? '';
      else if (a.startsWith('-s')) sep = a.slice(2);
      else if (a === '-w') equal = true;
      else nums.push(a);
    }
    if (nums.length < 1 || nums.length > 3) {
      ctx.stderr.write(
        nums.length
          ? `seq: extra operand ‘${nums[3]}’\nTry 'seq --help' for more information.\n`
          : "seq: missing operand\nTry 'seq --help' for more information.\n",
      );
      return 1;
    }
    for (const n of nums) {
      if (!/^[+-]?(\d+\.?\d*|\.\d+)$/.test(n)) {
        ctx.stderr.write(`seq: invalid floating point argument: ‘${n}’\nTry 'seq --help' for more information.\n`);
        return 1;
      }
    }
    const [first, inc, last] =
      nums.length === 1
        ? ['1', '1', nums[0]!]
        : nums.length === 2
          ? [nums[0]!, '1', nums[1]!]
          : (nums as [string, string, string]);
    const dec = Math.max(...[first, inc].map((n) => (n.includes('.') ? n.split('.')[1]!.length : 0)));
    const a = Number(first);
    const step = Number(inc);
    const b = Number(last);
    if (step === 0) {
      ctx.stderr.write(`seq: invalid Zero increment value: ‘${inc}’\nTry 'seq --help' for more information.\n`);
      return 1;
    }
    const out: string[] = [];
    for (let k = 0; ; k++) {
      const v = a + k * step;
      if (step > 0 ? v > b + 1e-10 : v < b - 1e-10) break;
      out.push(v.toFixed(dec));
      if (out.length > 1_000_000) break;
    }
    const width = equal ? Math.max(...out.map((s) => s.replace('-', '').length)) : 0;
    const shown = equal
      ? out.map((s) => (s.startsWith('-') ? '-' + s.slice(1).padStart(width, '0') : s.padStart(width, '0')))
      : out;
    if (shown.length) ctx.stdout.write(shown.join(sep) + '\n');
    return 0;
  },
};
