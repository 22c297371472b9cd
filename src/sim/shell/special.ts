/**
 * The special builtins: they change the running shell itself (exit, break, continue, return, shift,
 * set, local, eval, source, exec), so the interpreter runs them rather than the command table.
 */
import type { Io, ShellRunner } from './runtime';
import type { ShellState } from './state';
import { BreakSignal, ContinueSignal, ExitSignal, ReturnSignal } from './signals';
import { shellQuote } from './parser';
import { FS_ERROR_TEXT, resolvePath } from './vfs';

/** Builtins that change the running shell itself, so the interpreter runs them rather than the command table. */
export const SPECIAL_BUILTINS: Record<string, { summary: string; usage: string }> = {
  exit: { summary: 'leave the current shell (back to where you came from)', usage: 'exit [n]' },
  break: { summary: 'leave a for, while or until loop', usage: 'break [n]' },
  continue: { summary: 'next iteration of a loop', usage: 'continue [n]' },
  return: { summary: 'return from a function', usage: 'return [n]' },
  shift: { summary: 'shift positional parameters', usage: 'shift [n]' },
  set: { summary: 'set positional parameters (set -- a b c)', usage: 'set [--] [arg ...]' },
  local: { summary: 'declare a function-local variable', usage: 'local name[=value] ...' },
  eval: { summary: 'run arguments as a shell command', usage: 'eval [arg ...]' },
  source: { summary: 'run a file in the current shell', usage: 'source FILE [args]' },
  '.': { summary: 'run a file in the current shell', usage: '. FILE [args]' },
  exec: { summary: 'run a command in place of the shell', usage: 'exec [command [args]]' },
};

/** Run one special builtin; control flow leaves as thrown signals. */
export async function runSpecialBuiltin(
  sh: ShellRunner,
  name: string,
  argv: string[],
  state: ShellState,
  io: Io,
): Promise<number> {
  const args = argv.slice(1);
  const num = (def: number): number | null => {
    if (args[0] === undefined) return def;
    if (!/^-?\d+$/.test(args[0])) {
      io.stderr.write(`${state.shellName}: ${name}: ${args[0]}: numeric argument required\n`);
      return null;
    }
    return Number(args[0]);
  };
  switch (name) {
    case 'exit': {
      const n = num(state.lastStatus);
      throw new ExitSignal(n === null ? 2 : n & 255);
    }
    case 'break':
    case 'continue': {
      const n = num(1);
      if (n === null) return 1;
      if (n < 1) {
        io.stderr.write(`${state.shellName}: ${name}: ${n}: loop count out of range\n`);
        return 1;
      }
      throw name === 'break' ? new BreakSignal(n) : new ContinueSignal(n);
    }
    case 'return': {
      const n = num(state.lastStatus);
      throw new ReturnSignal(n === null ? 2 : n & 255);
    }
    case 'shift': {
      const n = num(1);
      if (n === null || n > state.positional.length) return 1;
      state.positional = state.positional.slice(n);
      return 0;
    }
    case 'set': {
      if (args.length === 0) {
        for (const [k, v] of [...state.vars].sort((a, b) => (a[0] < b[0] ? -1 : 1)))
          io.stdout.write(`${k}=${shellQuote(v)}\n`);
        return 0;
      }
      const i = args.indexOf('--');
      if (i >= 0) state.positional = args.slice(i + 1);
      else if (!args[0]!.startsWith('-') && !args[0]!.startsWith('+')) state.positional = args;
      return 0;
    }
    case 'local': {
      const frame = state.localFrames[state.localFrames.length - 1];
      if (!frame) {
        io.stderr.write(`${state.shellName}: local: can only be used in a function\n`);
        return 1;
      }
      for (const a of args) {
        const eq = a.indexOf('=');
        const k = eq < 0 ? a : a.slice(0, eq);
        if (!frame.has(k)) frame.set(k, state.getVar(k));
        state.vars.set(k, eq < 0 ? (state.getVar(k) ?? '') : a.slice(eq + 1));
      }
      return 0;
    }
    case 'eval':
      return sh.runInPlace(args.join(' '), state, io);
    case 'source':
    case '.': {
      if (!args[0]) {
        io.stderr.write(
          `${state.shellName}: ${name}: filename argument required\n${name}: usage: ${name} filename [arguments]\n`,
        );
        return 2;
      }
      const text = sh.rt.emu.files.read(state.location, resolvePath(state.cwd, args[0]));
      if (text === 'ENOENT' || text === 'EISDIR' || text === 'ENOTDIR' || text === 'EACCES') {
        io.stderr.write(`${state.shellName}: ${args[0]}: ${FS_ERROR_TEXT[text]}\n`);
        return 1;
      }
      try {
        return await sh.runInPlace(text, state, io);
      } catch (e) {
        if (e instanceof ReturnSignal) return e.status;
        throw e;
      }
    }
    case 'exec':
      if (!args.length) return 0;
      return sh.invoke(args, [], state, io);
  }
  return 0;
}
