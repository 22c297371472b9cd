/** Redirections: `<`, `>`, `>>`, `&>`, `2>&1`, here-documents and here-strings, opened for one command. */
import type { Emulator } from '../emulator';
import type { Redirect } from './ast';
import { Stdin, type Io, type ShellRunner } from './runtime';
import type { ShellState } from './state';
import type { LocationRef, Writer } from './types';
import { expandString } from './expand';
import { BufferWriter, NULL_WRITER } from './limits';
import { FS_ERROR_TEXT, resolvePath } from './vfs';

/** Open the redirections of one command; a number is the failure status (message already printed). */
export async function applyRedirects(
  sh: ShellRunner,
  redirects: Redirect[],
  state: ShellState,
  io: Io,
): Promise<{ io: Io; flush: () => void } | number> {
  if (!redirects.length) return { io, flush: () => {} };
  const fds = new Map<number, Writer>([
    [1, io.stdout],
    [2, io.stderr],
  ]);
  let stdin = io.stdin;
  const files: FileWriter[] = [];
  const host = sh.expandHost(state, io);
  const fs = sh.rt.emu.files;
  const openFile = (target: string, append: boolean): Writer | number => {
    if (target === '/dev/null') return NULL_WRITER;
    if (target === '/dev/stdout') return fds.get(1)!;
    if (target === '/dev/stderr') return fds.get(2)!;
    const path = resolvePath(state.cwd, target);
    const err = fs.write(state.location, path, '', append);
    if (err) {
      io.stderr.write(`${state.shellName}: ${target}: ${FS_ERROR_TEXT[err]}\n`);
      return 1;
    }
    const w = new FileWriter(sh.rt.emu, state.location, path);
    files.push(w);
    return w;
  };
  const flush = () => {
    for (const f of files) f.flush();
  };
  for (const r of redirects) {
    let target = '';
    if (r.target) {
      const t = await sh.expandOrFail(async () => [await expandString(r.target!, host)], state, io);
      if (t === null) {
        flush();
        return 1;
      }
      target = t[0]!;
    }
    switch (r.op) {
      case '<<':
        stdin = new Stdin(r.heredoc ? await expandString(r.heredoc, host) : '');
        break;
      case '<<<':
        stdin = new Stdin(target + '\n');
        break;
      case '<': {
        if (r.fd !== 0) break;
        const text = fs.read(state.location, resolvePath(state.cwd, target));
        if (text === 'ENOENT' || text === 'EISDIR' || text === 'ENOTDIR' || text === 'EACCES') {
          io.stderr.write(`${state.shellName}: ${target}: ${FS_ERROR_TEXT[text]}\n`);
          flush();
          return 1;
        }
        stdin = new Stdin(text);
        break;
      }
      case '>':
      case '>>':
      case '&>':
      case '&>>': {
        const w = openFile(target, r.op.endsWith('>>'));
        if (typeof w === 'number') {
          flush();
          return w;
        }
        if (r.op.startsWith('&')) {
          fds.set(1, w);
          fds.set(2, w);
        } else fds.set(r.fd, w);
        break;
      }
      case '>&':
      case '<&': {
        if (target === '-') {
          fds.set(r.fd, NULL_WRITER);
        } else if (/^\d+$/.test(target)) {
          const w = fds.get(Number(target));
          if (!w) {
            io.stderr.write(`${state.shellName}: ${target}: Bad file descriptor\n`);
            flush();
            return 1;
          }
          fds.set(r.fd, w);
        } else if (r.op === '>&') {
          const w = openFile(target, false);
          if (typeof w === 'number') {
            flush();
            return w;
          }
          fds.set(1, w);
          fds.set(2, w);
        }
        break;
      }
    }
  }
  return { io: { stdin, stdout: fds.get(1)!, stderr: fds.get(2)! }, flush };
}

/** Writes to a file of the location's filesystem when the command finishes (one append, not one per write). */
class FileWriter implements Writer {
  private buf = new BufferWriter();
  constructor(
    private readonly emu: Emulator,
    private readonly loc: LocationRef,
    private readonly path: string,
  ) {}
  write(text: string): void {
    this.buf.write(text);
  }
  flush(): void {
    const text = this.buf.text();
    this.buf = new BufferWriter();
    if (text) this.emu.files.write(this.loc, this.path, text, true);
  }
}
