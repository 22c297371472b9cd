/** Commands over the location's filesystem: cat, tee, ls, mkdir, rm, touch. */
import type { CommandContext, CommandSpec } from '../../shell/types';
import { FS_ERROR_TEXT, resolvePath, type FsError } from '../../shell/vfs';
import { parseOpts, readInput } from './util';

export const catCommand: CommandSpec = {
  name: 'cat',
  summary: 'print files (or stdin); -n numbers the lines',
  usage: 'cat [-n] [FILE]...',
  flags: [{ names: ['-n', '--number'], description: 'number all output lines' }],
  run(ctx) {
    const p = parseOpts(ctx, { flags: 'nAEsTuv', long: { number: 'n' } });
    if (typeof p === 'number') return p;
    const files = p.args.length ? p.args : ['-'];
    let status = 0;
    let n = 0;
    for (const f of files) {
      const text = readInput(ctx, f);
      if (text === null) {
        status = 1;
        continue;
      }
      if (p.opts.has('n')) {
        const ls = text.split('\n');
        const last = ls.pop();
        ctx.stdout.write(
          ls.map((l) => `${String(++n).padStart(6)}\t${l}\n`).join('') +
            (last ? `${String(++n).padStart(6)}\t${last}` : ''),
        );
      } else ctx.stdout.write(text);
    }
    return status;
  },
};

export const teeCommand: CommandSpec = {
  name: 'tee',
  summary: 'copy stdin to stdout and to files (-a: append)',
  usage: 'tee [-a] [FILE]...',
  flags: [{ names: ['-a', '--append'], description: 'append to the files, do not overwrite' }],
  run(ctx) {
    const p = parseOpts(ctx, { flags: 'ai', long: { append: 'a' } });
    if (typeof p === 'number') return p;
    let status = 0;
    for (const f of p.args) {
      const err = ctx.emulator.files.write(ctx.location, resolvePath(ctx.cwd, f), ctx.stdin, p.opts.has('a'));
      if (err) {
        ctx.stderr.write(`tee: ${f}: ${FS_ERROR_TEXT[err]}\n`);
        status = 1;
      }
    }
    ctx.stdout.write(ctx.stdin);
    return status;
  },
};

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

function modeString(type: 'file' | 'dir', mode: number): string {
  const bits = 'rwxrwxrwx'.split('').map((c, i) => (mode & (1 << (8 - i)) ? c : '-'));
  if (mode & 0o1000) bits[8] = bits[8] === 'x' ? 't' : 'T';
  return (type === 'dir' ? 'd' : '-') + bits.join('');
}

function humanSize(n: number): string {
  if (n < 1024) return String(n);
  const units = ['K', 'M', 'G', 'T'];
  let v = n;
  let u = -1;
  do {
    v /= 1024;
    u++;
  } while (v >= 1024 && u < units.length - 1);
  return (v < 10 ? (Math.ceil(v * 10) / 10).toFixed(1) : String(Math.ceil(v))) + units[u];
}

/** `ls -l`'s date column: `Oct  2 16:00` (recent files; the clock never runs far). */
function lsDate(ms: number): string {
  const d = new Date(ms);
  return `${MONTHS[d.getUTCMonth()]} ${String(d.getUTCDate()).padStart(2)} ${String(d.getUTCHours()).padStart(2, '0')}:${String(d.getUTCMinutes()).padStart(2, '0')}`;
}

export const lsCommand: CommandSpec = {
  name: 'ls',
  summary: 'list directory contents (-l long, -a all, -1 one per line, -h human sizes)',
  usage: 'ls [-la1h] [FILE]...',
  flags: [
    { names: ['-l'], description: 'long listing' },
    { names: ['-a', '--all'], description: 'include names starting with .' },
    { names: ['-1'], description: 'one name per line' },
    { names: ['-h', '--human-readable'], description: 'sizes like 1.5K' },
    { names: ['-A', '--almost-all'], description: 'like -a, without . and ..' },
    { names: ['-d', '--directory'], description: 'list directories themselves, not their contents' },
    { names: ['-F', '--classify'], description: 'append / to directories, * to executables' },
    { names: ['-R', '--recursive'], description: 'list subdirectories recursively' },
    { names: ['-r', '--reverse'], description: 'reverse the order' },
    { names: ['-t'], description: 'newest first' },
  ],
  run(ctx) {
    const p = parseOpts(ctx, {
      flags: 'la1hAFdtrR',
      long: {
        all: 'a',
        'human-readable': 'h',
        'almost-all': 'A',
        directory: 'd',
        classify: 'F',
        recursive: 'R',
        reverse: 'r',
      },
    });
    if (typeof p === 'number') return p;
    const long = p.opts.has('l');
    const all = p.opts.has('a');
    const fs = ctx.emulator.files;
    const targets = p.args.length ? p.args : ['.'];
    let status = 0;
    const fileOps: string[] = [];
    const dirOps: string[] = [];
    for (const t of targets) {
      const st = fs.stat(ctx.location, resolvePath(ctx.cwd, t));
      if (!st) {
        ctx.stderr.write(`ls: cannot access '${t}': No such file or directory\n`);
        status = 2;
      } else if (st.type === 'dir' && !p.opts.has('d')) dirOps.push(t);
      else fileOps.push(t);
    }
    const render = (dir: string, names: string[]) => {
      if (!long) return p.opts.has('1') || !ctx.isTTY ? names.map((n) => n + '\n').join('') : columns(names);
      const rows = names.map((n) => {
        const st = fs.stat(ctx.location, resolvePath(resolvePath(ctx.cwd, dir), n))!;
        const size = p.opts.has('h') ? humanSize(st.size) : String(st.size);
        const owner = ctx.location.kind === 'host' ? 'learner' : 'root';
        return {
          mode: modeString(st.type, st.mode),
          links: st.type === 'dir' ? '2' : '1',
          owner,
          size,
          date: lsDate(st.mtime),
          name: n,
        };
      });
      const sw = Math.max(0, ...rows.map((r) => r.size.length));
      const lw = Math.max(0, ...rows.map((r) => r.links.length));
      const total = names.reduce(
        (acc, n) =>
          acc + Math.ceil((fs.stat(ctx.location, resolvePath(resolvePath(ctx.cwd, dir), n))?.size ?? 0) / 4096) * 4,
        0,
      );
      return (
        (dir === '' ? '' : `total ${total}\n`) +
        rows
          .map(
            (r) =>
              `${r.mode} ${r.links.padStart(lw)} ${r.owner} ${r.owner} ${r.size.padStart(sw)} ${r.date} ${r.name}\n`,
          )
          .join('')
      );
    };
    const pathOf = (dir: string, n: string) => resolvePath(resolvePath(ctx.cwd, dir), n);
    // GNU ls orders by name (C locale), -t newest first (ties by name), -r reverses either.
    const order = (dir: string, names: string[]) => {
      const sorted = [...names].sort();
      if (p.opts.has('t'))
        sorted.sort(
          (a, b) =>
            (fs.stat(ctx.location, pathOf(dir, b))?.mtime ?? 0) - (fs.stat(ctx.location, pathOf(dir, a))?.mtime ?? 0),
        );
      return p.opts.has('r') ? sorted.reverse() : sorted;
    };
    // -F: `/` after directories, `*` after executables (the emulated files are only files and directories).
    const classify = (dir: string, names: string[]) =>
      p.opts.has('F')
        ? names.map((n) => {
            const st = fs.stat(ctx.location, pathOf(dir, n));
            if (!st) return n;
            if (st.type === 'dir') return `${n}/`;
            return st.mode & 0o111 ? `${n}*` : n;
          })
        : names;
    if (fileOps.length) ctx.stdout.write(render('', classify('', order('', fileOps))));
    const recursive = p.opts.has('R');
    let first = fileOps.length === 0;
    const listDir = (d: string) => {
      const names = fs.list(ctx.location, resolvePath(ctx.cwd, d));
      if (typeof names === 'string') return;
      let shown = order(
        d,
        names.filter((n) => all || p.opts.has('A') || !n.startsWith('.')),
      );
      if (all) shown = [...(p.opts.has('r') ? [] : ['.', '..']), ...shown, ...(p.opts.has('r') ? ['..', '.'] : [])];
      if (recursive || fileOps.length || dirOps.length > 1) ctx.stdout.write(`${first ? '' : '\n'}${d}:\n`);
      first = false;
      ctx.stdout.write(render(d, classify(d, shown)));
      if (!recursive) return;
      for (const n of shown) {
        if (n === '.' || n === '..') continue;
        const st = fs.stat(ctx.location, pathOf(d, n));
        if (st?.type === 'dir') listDir(d === '/' ? `/${n}` : `${d.replace(/\/$/, '')}/${n}`);
      }
    };
    for (const d of order('', dirOps)) listDir(d);
    return status;
  },
};

/** The terminal width `ls` lays names out for (xterm's default 80 columns). */
const LINE_LENGTH = 80;

/**
 * GNU ls's column layout on a terminal: the most columns that fit, filled top to bottom, each
 * column as wide as its longest name plus two spaces (the last column unpadded).
 */
export function columns(names: string[]): string {
  if (!names.length) return '';
  for (let cols = Math.min(names.length, Math.floor(LINE_LENGTH / 3)); cols >= 1; cols--) {
    const rows = Math.ceil(names.length / cols);
    if (Math.ceil(names.length / rows) !== cols && cols > 1) continue;
    const widths = Array.from(
      { length: cols },
      (_, c) => Math.max(...names.slice(c * rows, (c + 1) * rows).map((n) => n.length)) + (c === cols - 1 ? 0 : 2),
    );
    if (cols > 1 && widths.reduce((a, b) => a + b, 0) >= LINE_LENGTH) continue;
    let out = '';
    for (let r = 0; r < rows; r++) {
      const cells: string[] = [];
      for (let c = 0; c < cols; c++) {
        const n = names[c * rows + r];
        if (n !== undefined) cells.push(n);
      }
      out += cells.map((n, c) => (c === cells.length - 1 ? n : n.padEnd(widths[c]!))).join('') + '\n';
    }
    return out;
  }
  return names.join('\n') + '\n';
}

function fsFail(ctx: CommandContext, msg: string, err: FsError): number {
  ctx.stderr.write(`${msg}: ${FS_ERROR_TEXT[err]}\n`);
  return 1;
}

export const mkdirCommand: CommandSpec = {
  name: 'mkdir',
  summary: 'make directories (-p: parents too, no error if existing)',
  usage: 'mkdir [-p] DIRECTORY...',
  run(ctx) {
    const p = parseOpts(ctx, { flags: 'pv', long: { parents: 'p' } });
    if (typeof p === 'number') return p;
    let status = 0;
    for (const d of p.args) {
      const err = ctx.emulator.files.mkdir(ctx.location, resolvePath(ctx.cwd, d), p.opts.has('p'));
      if (err) status = fsFail(ctx, `mkdir: cannot create directory '${d}'`, err);
    }
    return status;
  },
};

export const rmCommand: CommandSpec = {
  name: 'rm',
  summary: 'remove files (-r: directories, -f: ignore missing)',
  usage: 'rm [-rf] FILE...',
  run(ctx) {
    const p = parseOpts(ctx, { flags: 'rRfv', long: { recursive: 'r', force: 'f' } });
    if (typeof p === 'number') return p;
    let status = 0;
    for (const f of p.args) {
      const path = resolvePath(ctx.cwd, f);
      const st = ctx.emulator.files.stat(ctx.location, path);
      if (st?.type === 'dir' && !p.opts.has('r') && !p.opts.has('R')) {
        ctx.stderr.write(`rm: cannot remove '${f}': Is a directory\n`);
        status = 1;
        continue;
      }
      const err = ctx.emulator.files.rm(ctx.location, path, true);
      if (err && !(err === 'ENOENT' && p.opts.has('f'))) status = fsFail(ctx, `rm: cannot remove '${f}'`, err);
    }
    return status;
  },
};

export const touchCommand: CommandSpec = {
  name: 'touch',
  summary: 'create empty files or update their time',
  usage: 'touch FILE...',
  run(ctx) {
    let status = 0;
    for (const f of ctx.argv.slice(1).filter((a) => !a.startsWith('-'))) {
      const err = ctx.emulator.files.write(ctx.location, resolvePath(ctx.cwd, f), '', true);
      if (err) status = fsFail(ctx, `touch: cannot touch '${f}'`, err);
    }
    return status;
  },
};
