/** `grep` / `egrep`: the options learners pipe through (-E -i -v -c -o -w -n -q -e -A/-B/-C -r -l -h -F -x). */
import type { CommandContext, CommandSpec } from '../../shell/types';
import { parseOpts, readInput } from './util';
import { compilePosix } from './regex';
import { resolvePath } from '../../shell/vfs';

const USAGE = "Usage: grep [OPTION]... PATTERNS [FILE]...\nTry 'grep --help' for more information.\n";

function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}

/** Files under a directory for -r, in byte order. */
function walk(ctx: CommandContext, path: string, shown: string, out: string[]): void {
  const fs = ctx.emulator.files;
  const st = fs.stat(ctx.location, path);
  if (!st) return;
  if (st.type === 'file') {
    out.push(shown);
    return;
  }
  const names = fs.list(ctx.location, path);
  if (typeof names === 'string') return;
  for (const n of names) walk(ctx, resolvePath(path, n), shown.endsWith('/') ? shown + n : `${shown}/${n}`, out);
}

function runGrep(ctx: CommandContext, extendedDefault: boolean): number {
  const p = parseOpts(
    ctx,
    {
      flags: 'EFGivcownqrRlLhHxsIaZ',
      values: 'eABCfm',
      long: {
        'extended-regexp': 'E',
        'fixed-strings': 'F',
        'ignore-case': 'i',
        'invert-match': 'v',
        count: 'c',
        'only-matching': 'o',
        'word-regexp': 'w',
        'line-number': 'n',
        quiet: 'q',
        silent: 'q',
        recursive: 'r',
        'files-with-matches': 'l',
        'no-filename': 'h',
        'with-filename': 'H',
        'line-regexp': 'x',
        'no-messages': 's',
        'regexp=': 'e',
        'after-context=': 'A',
        'before-context=': 'B',
        'context=': 'C',
        'max-count=': 'm',
        'color=': 'K',
        'colour=': 'K',
        color: 'K',
        colour: 'K',
      },
    },
    'grep',
  );
  if (typeof p === 'number') return p;
  const o = p.opts;
  const patterns = [...(p.multi.get('e') ?? [])];
  const args = [...p.args];
  if (!patterns.length) {
    const first = args.shift();
    if (first === undefined) {
      ctx.stderr.write(USAGE);
      return 2;
    }
    patterns.push(...first.split('\n'));
  }
  const extended = extendedDefault || o.has('E');
  const sources = patterns.map((pat) => {
    let src = o.has('F') ? escapeRe(pat) : compilePosix(pat, extended)?.source;
    if (src === undefined) return null;
    if (o.has('w')) src = `(?<![\\w])(?:${src})(?![\\w])`;
    if (o.has('x')) src = `^(?:${src})$`;
    return src;
  });
  if (sources.some((s) => s === null)) {
    ctx.stderr.write(`grep: Unmatched ( or \\(\n`);
    return 2;
  }
  const re = new RegExp(sources.map((s) => `(?:${s})`).join('|'), o.has('i') ? 'gi' : 'g');
  const after = Number(o.get('A') ?? o.get('C') ?? 0);
  const before = Number(o.get('B') ?? o.get('C') ?? 0);
  const maxCount = o.has('m') ? Number(o.get('m')) : Infinity;
  let files = args;
  if (o.has('r') || o.has('R')) {
    const expanded: string[] = [];
    for (const f of files.length ? files : ['.']) walk(ctx, resolvePath(ctx.cwd, f), f, expanded);
    files = expanded;
  }
  const multi = ((files.length > 1 || o.has('r') || o.has('R')) && !o.has('h')) || o.has('H');
  let anySelected = false;
  let error = false;
  const inputs = files.length ? files : ['-'];
  for (const f of inputs) {
    const text = readInput(ctx, f, 'grep');
    if (text === null) {
      error = true;
      continue;
    }
    const name = f === '-' ? '(standard input)' : f;
    const ls = text.split('\n');
    if (text.endsWith('\n')) ls.pop();
    let count = 0;
    let lastPrinted = -1;
    let pendingAfter = 0;
    for (let i = 0; i < ls.length && count < maxCount; i++) {
      const line = ls[i]!;
      re.lastIndex = 0;
      const matched = re.test(line) !== o.has('v');
      if (!matched) {
        if (pendingAfter > 0 && !o.has('c') && !o.has('q') && !o.has('l')) {
          ctx.stdout.write(`${multi ? name + '-' : ''}${o.has('n') ? `${i + 1}-` : ''}${line}\n`);
          lastPrinted = i;
          pendingAfter--;
        }
        continue;
      }
      count++;
      anySelected = true;
      if (o.has('q')) return 0;
      if (o.has('c') || o.has('l') || o.has('L')) continue;
      if (before || after) {
        const from = Math.max(lastPrinted + 1, i - before);
        if (lastPrinted >= 0 && from > lastPrinted + 1) ctx.stdout.write('--\n');
        for (let k = from; k < i; k++)
          ctx.stdout.write(`${multi ? name + '-' : ''}${o.has('n') ? `${k + 1}-` : ''}${ls[k]}\n`);
      }
      const prefix = `${multi ? name + ':' : ''}${o.has('n') ? `${i + 1}:` : ''}`;
      if (o.has('o') && !o.has('v')) {
        re.lastIndex = 0;
        for (const m of line.matchAll(re)) if (m[0]) ctx.stdout.write(prefix + m[0] + '\n');
      } else ctx.stdout.write(prefix + line + '\n');
      lastPrinted = i;
      pendingAfter = after;
    }
    if (o.has('c')) ctx.stdout.write(`${multi ? name + ':' : ''}${count}\n`);
    if (o.has('l') && count) ctx.stdout.write(name + '\n');
    if (o.has('L') && !count) ctx.stdout.write(name + '\n');
  }
  if (error && !(o.has('q') && anySelected)) return 2;
  return anySelected ? 0 : 1;
}

const grepFlags = [
  { names: ['-E', '--extended-regexp'], description: 'extended regular expressions (a|b, +, ?)' },
  { names: ['-i', '--ignore-case'], description: 'ignore case' },
  { names: ['-v', '--invert-match'], description: 'select non-matching lines' },
  { names: ['-c', '--count'], description: 'print only a count of matching lines' },
  { names: ['-o', '--only-matching'], description: 'print only the matched parts' },
  { names: ['-w', '--word-regexp'], description: 'match whole words' },
  { names: ['-n', '--line-number'], description: 'prefix line numbers' },
  { names: ['-q', '--quiet'], description: 'no output; exit status only' },
  { names: ['-e', '--regexp'], value: true, description: 'pattern (repeatable)' },
  { names: ['-A'], value: true, description: 'lines of context after' },
  { names: ['-B'], value: true, description: 'lines of context before' },
  { names: ['-r', '--recursive'], description: 'search directories' },
];

export const grepCommand: CommandSpec = {
  name: 'grep',
  summary: 'print lines that match a pattern',
  usage: 'grep [OPTION]... PATTERNS [FILE]...',
  flags: grepFlags,
  run: (ctx) => runGrep(ctx, false),
};
export const egrepCommand: CommandSpec = {
  name: 'egrep',
  summary: 'grep -E',
  usage: 'egrep [OPTION]... PATTERNS [FILE]...',
  flags: grepFlags,
  run(ctx) {
    // GNU grep >= 3.8 (Ubuntu 24.04, Debian 12 nodes) warns; pod images (BusyBox, Alpine) do not.
    if (ctx.location.kind === 'host' || ctx.location.kind === 'node')
      ctx.stderr.write('egrep: warning: egrep is obsolescent; using grep -E\n');
    return runGrep(ctx, true);
  },
};
