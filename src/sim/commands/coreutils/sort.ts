/**
 * `sort` and `uniq`. sort compares in the C locale (byte order), as `LC_ALL=C sort` does: real
 * sort in a UTF-8 locale ignores case and punctuation at first, which the emulator does not copy.
 */
import type { CommandSpec } from '../../shell/types';
import { parseOpts, readInputs, lines } from './util';

interface Key {
  start: number;
  end: number | null;
  numeric: boolean;
  reverse: boolean;
  human: boolean;
}

function fieldsOf(line: string, sep: string | undefined): Array<[number, number]> {
  const spans: Array<[number, number]> = [];
  if (sep !== undefined) {
    let s = 0;
    for (let i = 0; i <= line.length; i++) {
      if (i === line.length || line[i] === sep) {
        spans.push([s, i]);
        s = i + 1;
      }
    }
    return spans;
  }
  // Default: a field is leading blanks plus non-blanks.
  let i = 0;
  while (i < line.length) {
    const s = i;
    while (i < line.length && (line[i] === ' ' || line[i] === '\t')) i++;
    while (i < line.length && line[i] !== ' ' && line[i] !== '\t') i++;
    spans.push([s, i]);
  }
  return spans;
}

function keyText(line: string, k: Key, sep: string | undefined): string {
  const f = fieldsOf(line, sep);
  const a = f[k.start - 1];
  if (!a) return '';
  const b = f[(k.end ?? f.length) - 1] ?? f[f.length - 1]!;
  return line.slice(a[0], Math.max(a[0], b[1]));
}

const SUFFIX = 'KMGTPE';

function numValue(s: string, human: boolean): number {
  const m = /^\s*([+-]?\d*\.?\d+)([KMGTPE]?)/.exec(s);
  if (!m) return 0;
  const v = Number(m[1]);
  return human && m[2] ? v * 1024 ** (SUFFIX.indexOf(m[2]) + 1) : v;
}

function cmpBytes(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export const sortCommand: CommandSpec = {
  name: 'sort',
  summary: 'sort lines (-n numeric, -r reverse, -k N[,M] key, -t SEP, -u unique)',
  usage: 'sort [-nruh] [-t SEP] [-k N[,M]] [FILE]...',
  flags: [
    { names: ['-n', '--numeric-sort'], description: 'compare by numeric value' },
    { names: ['-r', '--reverse'], description: 'reverse the result' },
    { names: ['-k', '--key'], value: true, description: 'sort by fields N to M' },
    { names: ['-t', '--field-separator'], value: true, description: 'field separator' },
    { names: ['-u', '--unique'], description: 'output only the first of equal lines' },
  ],
  run(ctx) {
    const p = parseOpts(ctx, {
      flags: 'nruhfbsVMgc',
      values: 'ktTo',
      long: {
        'numeric-sort': 'n',
        reverse: 'r',
        unique: 'u',
        'human-numeric-sort': 'h',
        'key=': 'k',
        'field-separator=': 't',
        'ignore-case': 'f',
        stable: 's',
      },
    });
    if (typeof p === 'number') return p;
    const o = p.opts;
    const sep = o.get('t') as string | undefined;
    const globalNum = o.has('n') || o.has('g');
    const keys: Key[] = [];
    for (const spec of p.multi.get('k') ?? []) {
      const m = /^(\d+)(?:\.\d+)?([a-zA-Z]*)(?:,(\d+)(?:\.\d+)?([a-zA-Z]*))?$/.exec(spec);
      if (!m || Number(m[1]) < 1) {
        ctx.stderr.write(`sort: invalid number at field start: invalid count at start of ‘${spec}’\n`);
        return 2;
      }
      const fl = (m[2] ?? '') + (m[4] ?? '');
      keys.push({
        start: Number(m[1]),
        end: m[3] ? Number(m[3]) : null,
        numeric: fl.includes('n') || fl.includes('g') || (!fl && globalNum),
        reverse: fl.includes('r'),
        human: fl.includes('h') || (!fl && o.has('h')),
      });
    }
    const { inputs, ok } = readInputs(ctx, p.args);
    const all = inputs.flatMap((i) => lines(i.text));
    const fold = (s: string) => (o.has('f') ? s.toUpperCase() : s);
    const cmpKeys = (a: string, b: string): number => {
      if (!keys.length) {
        if (globalNum || o.has('h')) return numValue(a, o.has('h')) - numValue(b, o.has('h'));
        return cmpBytes(fold(a), fold(b));
      }
      for (const k of keys) {
        const ka = keyText(a, k, sep);
        const kb = keyText(b, k, sep);
        let c = k.numeric || k.human ? numValue(ka, k.human) - numValue(kb, k.human) : cmpBytes(fold(ka), fold(kb));
        if (k.reverse) c = -c;
        if (c) return c;
      }
      return 0;
    };
    const reverse = o.has('r');
    const sorted = all
      .map((line, i) => ({ line, i }))
      .sort((x, y) => {
        let c = cmpKeys(x.line, y.line);
        // Last-resort comparison of whole lines (unless -s or -u), as GNU sort does.
        if (c === 0 && !o.has('s') && !o.has('u')) c = cmpBytes(x.line, y.line);
        if (reverse) c = -c;
        return c || x.i - y.i;
      })
      .map((x) => x.line);
    const out = o.has('u') ? sorted.filter((l, i) => i === 0 || cmpKeys(sorted[i - 1]!, l) !== 0) : sorted;
    if (out.length) ctx.stdout.write(out.join('\n') + '\n');
    return ok ? 0 : 2;
  },
};

export const uniqCommand: CommandSpec = {
  name: 'uniq',
  summary: 'merge adjacent equal lines (-c count, -d only repeated, -u only unique)',
  usage: 'uniq [-cdui] [INPUT [OUTPUT]]',
  flags: [
    { names: ['-c', '--count'], description: 'prefix lines by the number of occurrences' },
    { names: ['-d', '--repeated'], description: 'only print duplicate lines' },
    { names: ['-u', '--unique'], description: 'only print unique lines' },
  ],
  run(ctx) {
    const p = parseOpts(ctx, { flags: 'cdui', long: { count: 'c', repeated: 'd', unique: 'u', 'ignore-case': 'i' } });
    if (typeof p === 'number') return p;
    const { inputs, ok } = readInputs(ctx, p.args.slice(0, 1));
    if (!ok) return 1;
    const ls = lines(inputs[0]!.text);
    const same = (a: string, b: string) => (p.opts.has('i') ? a.toLowerCase() === b.toLowerCase() : a === b);
    let out = '';
    for (let i = 0; i < ls.length;) {
      let j = i + 1;
      while (j < ls.length && same(ls[j]!, ls[i]!)) j++;
      const n = j - i;
      if (!(p.opts.has('d') && n < 2) && !(p.opts.has('u') && n > 1))
        out += (p.opts.has('c') ? `${String(n).padStart(7)} ` : '') + ls[i] + '\n';
      i = j;
    }
    ctx.stdout.write(out);
    return 0;
  },
};
