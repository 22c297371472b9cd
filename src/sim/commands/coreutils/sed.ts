/**
 * `sed`: the stream edits learners use: s/RE/REPLACEMENT/[gpiN], d, p, q, y, with line, `$` and
 * /RE/ addresses and ranges; -n, -e, -E/-r, -i (in place, on the location's filesystem).
 */
import type { CommandSpec } from '../../shell/types';
import { parseOpts, readInput } from './util';
import { compilePosix } from './regex';
import { FS_ERROR_TEXT, resolvePath } from '../../shell/vfs';

type Address = { kind: 'line'; n: number } | { kind: 'last' } | { kind: 're'; re: RegExp };

interface SedCommand {
  a1?: Address;
  a2?: Address;
  negate: boolean;
  op: 's' | 'd' | 'p' | 'q' | 'y' | '=' | 'a' | 'i' | 'c';
  re?: RegExp;
  replacement?: string;
  global?: boolean;
  nth?: number;
  print?: boolean;
  from?: string;
  to?: string;
  text?: string;
  /** For ranges: whether the range is active (per run). */
  active?: boolean;
}

class SedError extends Error {}

/** Parse a sed script into commands. Throws SedError with GNU sed's message. */
export function parseSed(script: string, extended: boolean): SedCommand[] {
  const cmds: SedCommand[] = [];
  let i = 0;
  const err = (msg: string) => new SedError(`sed: -e expression #1, char ${i}: ${msg}`);
  const readDelimited = (delim: string): string => {
    let s = '';
    while (i < script.length && script[i] !== delim) {
      if (script[i] === '\\' && i + 1 < script.length) {
        if (script[i + 1] === delim) {
          s += delim;
          i += 2;
          continue;
        }
        if (script[i + 1] === 'n') {
          s += '\\n';
          i += 2;
          continue;
        }
        s += script[i]! + script[i + 1]!;
        i += 2;
        continue;
      }
      s += script[i++];
    }
    if (i >= script.length) throw err(`unterminated \`s' command`);
    i++;
    return s;
  };
  const regex = (src: string, flags = '') => {
    const re = compilePosix(src, extended, flags);
    if (!re) throw err('Invalid regular expression');
    return re;
  };
  const address = (): Address | undefined => {
    const m = /^\d+/.exec(script.slice(i));
    if (m) {
      i += m[0].length;
      return { kind: 'line', n: Number(m[0]) };
    }
    if (script[i] === '$') {
      i++;
      return { kind: 'last' };
    }
    if (script[i] === '/' || script[i] === '\\') {
      const d = script[i] === '\\' ? script[++i]! : '/';
      i++;
      return { kind: 're', re: regex(readDelimited(d)) };
    }
    return undefined;
  };
  while (i < script.length) {
    while (i < script.length && /[\s;]/.test(script[i]!)) i++;
    if (i >= script.length) break;
    const cmd: Partial<SedCommand> = { negate: false };
    cmd.a1 = address();
    if (cmd.a1 && script[i] === ',') {
      i++;
      cmd.a2 = address();
      if (!cmd.a2) throw err("unexpected `,'");
    }
    while (script[i] === ' ') i++;
    if (script[i] === '!') {
      cmd.negate = true;
      i++;
    }
    const op = script[i++];
    switch (op) {
      case 's': {
        const d = script[i++];
        if (!d) throw err(`unterminated \`s' command`);
        const pat = readDelimited(d);
        const rep = readDelimited(d);
        let flags = '';
        let nth: number | undefined;
        let print = false;
        let global = false;
        while (i < script.length && !/[\s;}]/.test(script[i]!)) {
          const f = script[i++]!;
          if (f === 'g') global = true;
          else if (f === 'p') print = true;
          else if (f === 'i' || f === 'I') flags += 'i';
          else if (/\d/.test(f)) nth = Number(f);
          else throw err(`unknown option to \`s'`);
        }
        Object.assign(cmd, { op: 's', re: regex(pat, 'g' + flags), replacement: rep, global, nth, print });
        break;
      }
      case 'y': {
        const d = script[i++]!;
        const from = readDelimited(d);
        const to = readDelimited(d);
        if ([...from].length !== [...to].length) throw err("strings for `y' command are different lengths");
        Object.assign(cmd, { op: 'y', from, to });
        break;
      }
      case 'a':
      case 'i':
      case 'c': {
        const rest = script.slice(i);
        const nl = rest.indexOf('\n');
        const raw = nl >= 0 ? rest.slice(0, nl) : rest;
        i += raw.length;
        const text = raw.replace(/^\\?\s*/, '');
        Object.assign(cmd, { op, text });
        break;
      }
      case 'd':
      case 'p':
      case 'q':
      case '=':
        cmd.op = op;
        break;
      default:
        if (op === undefined) throw err('missing command');
        throw new SedError(`netlab: sed: the command '${op}' is not emulated (s, d, p, q, y, a, i, c and = are)`);
    }
    cmds.push(cmd as SedCommand);
  }
  return cmds;
}

/** Expand `&`, `\1`..`\9`, `\n` in a replacement for one match. */
function substitute(rep: string, m: RegExpExecArray | string[]): string {
  let out = '';
  for (let k = 0; k < rep.length; k++) {
    const c = rep[k]!;
    if (c === '&') out += m[0];
    else if (c === '\\' && k + 1 < rep.length) {
      const n = rep[++k]!;
      if (/\d/.test(n)) out += m[Number(n)] ?? '';
      else if (n === 'n') out += '\n';
      else if (n === 't') out += '\t';
      else out += n;
    } else out += c;
  }
  return out;
}

/** Run sed commands over text; returns the output. */
export function runSed(cmds: SedCommand[], text: string, quiet: boolean): string {
  const ls = text.split('\n');
  const endsNl = text.endsWith('\n');
  if (endsNl) ls.pop();
  let out = '';
  for (const c of cmds) c.active = false;
  const matches = (a: Address, line: string, n: number) =>
    a.kind === 'line' ? n === a.n : a.kind === 'last' ? n === ls.length : ((a.re.lastIndex = 0), a.re.test(line));
  const selected = (c: SedCommand, line: string, n: number): boolean => {
    let r: boolean;
    if (!c.a1) r = true;
    else if (!c.a2) r = matches(c.a1, line, n);
    else if (c.active) {
      if (c.a2.kind === 'line' ? n >= c.a2.n : matches(c.a2, line, n)) c.active = false;
      r = true;
    } else if (matches(c.a1, line, n)) {
      c.active = !(c.a2.kind === 'line' && c.a2.n <= n);
      r = true;
    } else r = false;
    return r !== c.negate;
  };
  for (let idx = 0; idx < ls.length; idx++) {
    let line = ls[idx]!;
    const n = idx + 1;
    let deleted = false;
    let quit = false;
    let append = '';
    for (const c of cmds) {
      if (!selected(c, line, n)) continue;
      if (c.op === 'd') {
        deleted = true;
        break;
      }
      if (c.op === 'p') out += line + '\n';
      else if (c.op === '=') out += n + '\n';
      else if (c.op === 'q') {
        quit = true;
        break;
      } else if (c.op === 'a') append += c.text + '\n';
      else if (c.op === 'i') out += c.text + '\n';
      else if (c.op === 'c') {
        out += c.text + '\n';
        deleted = true;
        break;
      } else if (c.op === 'y') {
        const from = [...c.from!];
        const to = [...c.to!];
        line = [...line].map((ch) => (from.includes(ch) ? to[from.indexOf(ch)]! : ch)).join('');
      } else if (c.op === 's') {
        let count = 0;
        let did = false;
        const re = c.re!;
        re.lastIndex = 0;
        line = line.replace(re, (...m) => {
          count++;
          const groups = m.slice(0, -2).filter((x) => typeof x === 'string' || x === undefined) as string[];
          if ((c.nth && count !== c.nth) || (!c.global && !c.nth && count > 1)) return m[0] as string;
          did = true;
          return substitute(c.replacement!, groups);
        });
        if (did && c.print) out += line + '\n';
      }
    }
    if (!deleted && !quiet) out += line + (n < ls.length || endsNl ? '\n' : '');
    out += append;
    if (quit) break;
  }
  return out;
}

export const sedCommand: CommandSpec = {
  name: 'sed',
  summary: 'stream editor: s/RE/REPL/g, d, p, addresses (N, $, /RE/, ranges); -n -e -E -i',
  usage: 'sed [-nEi] [-e SCRIPT] SCRIPT [FILE]...',
  flags: [
    { names: ['-n', '--quiet'], description: 'print only what p tells to' },
    { names: ['-e', '--expression'], value: true, description: 'add a script' },
    { names: ['-E', '-r', '--regexp-extended'], description: 'extended regular expressions' },
    { names: ['-i', '--in-place'], description: 'edit files in place' },
  ],
  run(ctx) {
    const p = parseOpts(
      ctx,
      {
        flags: 'nErsiu',
        values: 'e',
        long: { quiet: 'n', silent: 'n', 'expression=': 'e', 'regexp-extended': 'E', 'in-place': 'i' },
      },
      'sed',
    );
    if (typeof p === 'number') return p;
    const args = [...p.args];
    const scripts = p.multi.get('e') ?? [];
    if (!scripts.length) {
      const s = args.shift();
      if (s === undefined) {
        ctx.stderr.write('Usage: sed [OPTION]... {script-only-if-no-other-script} [input-file]...\n');
        return 1;
      }
      scripts.push(s);
    }
    let cmds: SedCommand[];
    try {
      cmds = parseSed(scripts.join('\n'), p.opts.has('E') || p.opts.has('r'));
    } catch (e) {
      if (e instanceof SedError) {
        ctx.stderr.write(e.message + '\n');
        return 1;
      }
      throw e;
    }
    const quiet = p.opts.has('n');
    if (p.opts.has('i')) {
      let status = 0;
      for (const f of args) {
        const text = readInput(ctx, f, 'sed');
        if (text === null) {
          status = 2;
          continue;
        }
        const err = ctx.emulator.files.write(ctx.location, resolvePath(ctx.cwd, f), runSed(cmds, text, quiet));
        if (err) ctx.stderr.write(`sed: couldn't edit ${f}: ${FS_ERROR_TEXT[err]}\n`);
      }
      return status;
    }
    let status = 0;
    let input = '';
    if (!args.length) input = ctx.stdin;
    for (const f of args) {
      const t = readInput(ctx, f, 'sed');
      if (t === null) status = 2;
      else input += t;
    }
    ctx.stdout.write(runSed(cmds, input, quiet));
    return status;
  },
};
