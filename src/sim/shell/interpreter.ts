/**
 * The interpreter: walks a `Program` against a `ShellState`. Pipelines run stage by stage with
 * fully buffered stdin (commands are CommandSpecs from the registry), redirections map file
 * descriptors to writers, and every command and loop iteration passes a checkpoint that yields to
 * the host and stops on Ctrl-C. Control flow (`break`, `return`, `exit`) travels as thrown signals.
 */
import type { Emulator } from '../emulator';
import type { AndOr, Command, Compound, Pipeline, Program, Redirect, SimpleCommand, Word } from './ast';
import type { CommandContext, EnterOptions, LocationRef, ShellApi, Writer } from './types';
import { Interrupted, LimitExceeded } from './types';
import { ShellState } from './state';
import { expandWords, expandString, expandPattern, arith, arithText, type ExpandHost } from './expand';
import { BufferWriter, MAX_DEPTH, MAX_LOOP_ITERATIONS, NULL_WRITER } from './limits';
import { BreakSignal, ContinueSignal, ExitSignal, ExpansionError, ReturnSignal } from './signals';
import { parse, shellQuote, ShellSyntaxError, Incomplete } from './parser';
import { isAvailable } from './commandtable';
import { matchPattern } from './pattern';
import { FS_ERROR_TEXT, parentOf, resolvePath } from './vfs';
import { testBinary, testUnary, UNARY_OPS } from './test-ops';
import { defaultShellAt, sameLocation } from './location';

/** What the interpreter needs from the terminal session around it. */
export interface SessionHooks {
  enter(location: LocationRef, shellName: string, opts?: EnterOptions): void;
  leave(): boolean;
  history(): readonly string[];
}

/** One top-level run: the terminal's writers, the abort signal, the host's yield. */
export interface Runtime {
  emu: Emulator;
  signal: AbortSignal;
  yieldToHost?: () => Promise<void> | void;
  interactive: boolean;
  /** The terminal's size (columns and rows), when a person is at a terminal of known size. */
  size?: { columns: number; rows: number };
  /** The terminal's stdout: commands writing here have `isTTY`. */
  tty: Writer;
  session: SessionHooks;
}

/**
 * Standard input shared by the commands of one redirection scope, like a file descriptor's offset:
 * `while read l; do ...; done < f` reads a line per iteration because `read` consumes what it read.
 */
export class Stdin {
  constructor(public rest: string) {}
}

export interface Io {
  stdin: Stdin;
  stdout: Writer;
  stderr: Writer;
}

/** The fixed process id `$$` prints. */
export const SHELL_PID = 4242;

/** Builtins that change the running shell itself, so they live here rather than in the registry. */
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

const RESERVED_WORDS = new Set([
  'if',
  'then',
  'else',
  'elif',
  'fi',
  'case',
  'esac',
  'for',
  'while',
  'until',
  'do',
  'done',
  'in',
  'function',
  '{',
  '}',
  '[[',
  ']]',
  '!',
]);

/** Binary directories whose commands resolve by base name (`/bin/bash`, `/usr/bin/curl`). */
const BIN_DIRS = new Set(['/bin', '/usr/bin', '/sbin', '/usr/sbin', '/usr/local/bin', '/usr/local/sbin']);

export class Interpreter {
  private depth = 0;
  private aliasGuard = new Set<string>();

  constructor(private readonly rt: Runtime) {}

  /** Yield to the host and stop if Ctrl-C was pressed. */
  async checkpoint(): Promise<void> {
    if (this.rt.signal.aborted) throw new Interrupted();
    await this.rt.yieldToHost?.();
    if (this.rt.signal.aborted) throw new Interrupted();
  }

  /** Run a parsed program; returns `$?`. */
  async runProgram(prog: Program, state: ShellState, io: Io): Promise<number> {
    let status = state.lastStatus;
    for (const item of prog.items) status = await this.runAndOr(item, state, io);
    return status;
  }

  /** Run one top-level and-or list (the session ticks the clock between them). */
  async runAndOr(ao: AndOr, state: ShellState, io: Io): Promise<number> {
    if (ao.background) io.stderr.write('netlab: background jobs run in the foreground here\n');
    let status = await this.runPipeline(ao.first, state, io);
    for (const { op, pipeline } of ao.rest) {
      if ((op === '&&') === (status === 0)) status = await this.runPipeline(pipeline, state, io);
    }
    return status;
  }

  private async runPipeline(p: Pipeline, state: ShellState, io: Io): Promise<number> {
    let status: number;
    if (p.commands.length === 1) {
      status = await this.runCommand(p.commands[0]!, state, io);
    } else {
      let stdin = io.stdin;
      status = 0;
      for (const [i, cmd] of p.commands.entries()) {
        const last = i === p.commands.length - 1;
        const buf = last ? null : new BufferWriter();
        const sub = state.clone();
        status = await this.inSubshell(() =>
          this.runCommand(cmd, sub, { stdin, stdout: buf ?? io.stdout, stderr: io.stderr }),
        );
        if (buf) stdin = new Stdin(buf.text());
      }
    }
    if (p.negate) status = status === 0 ? 1 : 0;
    state.lastStatus = status;
    return status;
  }

  /** Run `fn` as a subshell: `exit` ends only it. */
  private async inSubshell(fn: () => Promise<number>): Promise<number> {
    this.enterDepth();
    try {
      return await fn();
    } catch (e) {
      if (e instanceof ExitSignal) return e.status;
      throw e;
    } finally {
      this.depth--;
    }
  }

  private enterDepth(): void {
    if (++this.depth > MAX_DEPTH) {
      this.depth = 0;
      throw new LimitExceeded(`nesting deeper than ${MAX_DEPTH} shells, functions or substitutions; stopped`);
    }
  }

  private async runCommand(cmd: Command, state: ShellState, io: Io): Promise<number> {
    await this.checkpoint();
    if (cmd.type === 'simple') return this.runSimple(cmd, state, io);
    if (cmd.type === 'funcdef') {
      state.functions.set(cmd.name, cmd.body);
      return (state.lastStatus = 0);
    }
    const redirected = cmd.redirects?.length
      ? await this.applyRedirects(cmd.redirects, state, io)
      : { io, flush: () => {} };
    if (typeof redirected === 'number') return (state.lastStatus = redirected);
    try {
      const status = await this.runCompound(cmd, state, redirected.io);
      state.lastStatus = status;
      return status;
    } finally {
      redirected.flush();
    }
  }

  private async runCompound(cmd: Compound, state: ShellState, io: Io): Promise<number> {
    const host = this.expandHost(state, io);
    switch (cmd.type) {
      case 'group':
        return this.runProgram(cmd.body, state, io);
      case 'subshell': {
        const sub = state.clone();
        return this.inSubshell(() => this.runProgram(cmd.body, sub, io));
      }
      case 'if': {
        for (const b of cmd.branches) {
          if ((await this.runProgram(b.cond, state, io)) === 0) return this.runProgram(b.body, state, io);
        }
        return cmd.orElse ? this.runProgram(cmd.orElse, state, io) : 0;
      }
      case 'for': {
        const items = cmd.items
          ? await this.expandOrFail(() => expandWords(cmd.items!, host), state, io)
          : [...state.positional];
        if (items === null) return 1;
        let status = 0;
        let n = 0;
        for (const item of items) {
          await this.loopCheck(++n);
          state.setVar(cmd.name, item, state.exported.has(cmd.name));
          const r = await this.loopBody(cmd.body, state, io);
          status = r.status;
          if (r.stop) break;
        }
        return status;
      }
      case 'cfor': {
        const ok = await this.expandOrFail(
          async () => {
            await arithText(cmd.init, host);
            return [];
          },
          state,
          io,
        );
        if (ok === null) return 1;
        let status = 0;
        for (let n = 1; ; n++) {
          const c = await this.expandOrFail(
            async () => [String(cmd.cond.trim() ? await arithText(cmd.cond, host) : 1)],
            state,
            io,
          );
          if (c === null) return 1;
          if (c[0] === '0') break;
          await this.loopCheck(n);
          const r = await this.loopBody(cmd.body, state, io);
          status = r.status;
          if (r.stop) break;
          if ((await this.expandOrFail(async () => [String(await arithText(cmd.step, host))], state, io)) === null)
            return 1;
        }
        return status;
      }
      case 'while': {
        let status = 0;
        for (let n = 1; ; n++) {
          await this.loopCheck(n);
          const c = await this.runProgram(cmd.cond, state, io);
          if ((c === 0) === cmd.until) break;
          const r = await this.loopBody(cmd.body, state, io);
          status = r.status;
          if (r.stop) break;
        }
        return status;
      }
      case 'case': {
        const subject = await this.expandOrFail(async () => [await expandString(cmd.subject, host)], state, io);
        if (subject === null) return 1;
        for (const item of cmd.items) {
          for (const pw of item.patterns) {
            const pat = await expandPattern(pw, host);
            if (matchPattern(pat, subject[0]!)) return this.runProgram(item.body, state, io);
          }
        }
        return 0;
      }
      case 'arithcmd': {
        const v = await this.expandOrFail(async () => [String(await arith(cmd.expr, host))], state, io);
        if (v === null) return 1;
        return v[0] === '0' ? 1 : 0;
      }
      case 'cond':
        return this.evalCond(cmd.words, state, io);
      case 'funcdef':
        state.functions.set(cmd.name, cmd.body);
        return 0;
    }
  }

  private async loopCheck(n: number): Promise<void> {
    if (n > MAX_LOOP_ITERATIONS)
      throw new LimitExceeded(
        `loop stopped after ${MAX_LOOP_ITERATIONS} iterations (a cap that keeps the page responsive)`,
      );
    await this.checkpoint();
  }

  /** Run a loop body, turning break/continue into loop control. */
  private async loopBody(body: Program, state: ShellState, io: Io): Promise<{ status: number; stop: boolean }> {
    try {
      return { status: await this.runProgram(body, state, io), stop: false };
    } catch (e) {
      if (e instanceof BreakSignal) {
        if (--e.levels > 0) throw e;
        return { status: 0, stop: true };
      }
      if (e instanceof ContinueSignal) {
        if (--e.levels > 0) throw e;
        return { status: 0, stop: false };
      }
      throw e;
    }
  }

  /** Run an expansion; on an expansion error print it and return null. */
  private async expandOrFail(fn: () => Promise<string[]>, state: ShellState, io: Io): Promise<string[] | null> {
    try {
      return await fn();
    } catch (e) {
      if (e instanceof ExpansionError) {
        io.stderr.write(`${state.shellName}: ${e.message}\n`);
        state.lastStatus = e.status;
        return null;
      }
      throw e;
    }
  }

  expandHost(state: ShellState, io: Io): ExpandHost & { substStatus: number | null } {
    const self = this;
    return {
      state,
      pid: SHELL_PID,
      substStatus: null,
      random: () => this.rt.emu.rng.int(32768),
      glob: (pattern) => this.rt.emu.files.glob(state.location, state.cwd, pattern),
      async commandSubst(body) {
        const buf = new BufferWriter();
        const sub = state.clone();
        const status = await self.inSubshell(() =>
          self.runProgram(body, sub, { stdin: new Stdin(''), stdout: buf, stderr: io.stderr }),
        );
        this.substStatus = status;
        return buf.text();
      },
    };
  }

  // ---- simple commands -----------------------------------------------------------------------

  private async runSimple(cmd: SimpleCommand, state: ShellState, io: Io): Promise<number> {
    const host = this.expandHost(state, io);
    const aliasRun = await this.tryAlias(cmd, state, io);
    if (aliasRun !== null) return aliasRun;
    const argv = await this.expandOrFail(() => expandWords(cmd.words, host), state, io);
    if (argv === null) return 1;
    const assigns: Array<[string, string, boolean]> = [];
    for (const a of cmd.assigns) {
      const v = await this.expandOrFail(async () => [await expandString(a.value, host)], state, io);
      if (v === null) return 1;
      assigns.push([a.name, v[0]!, a.append]);
    }
    const redirected = await this.applyRedirects(cmd.redirects, state, io);
    if (typeof redirected === 'number') return (state.lastStatus = redirected);
    try {
      if (argv.length === 0) {
        for (const [name, value, append] of assigns)
          state.setVar(name, append ? (state.getVar(name) ?? '') + value : value, state.exported.has(name));
        return (state.lastStatus = host.substStatus ?? 0);
      }
      const status = await this.invoke(argv, assigns, state, redirected.io);
      state.lastStatus = status;
      return status;
    } finally {
      redirected.flush();
    }
  }

  /** `k get pod` with `alias k=kubectl`: re-run the alias text followed by the other (quoted) words. */
  private async tryAlias(cmd: SimpleCommand, state: ShellState, io: Io): Promise<number | null> {
    const first = cmd.words[0];
    if (!first || first.parts.length !== 1 || first.parts[0]!.k !== 'lit') return null;
    const name = first.parts[0]!.v;
    const value = state.aliases.get(name);
    if (value === undefined || this.aliasGuard.has(name)) return null;
    const host = this.expandHost(state, io);
    const rest = await this.expandOrFail(() => expandWords(cmd.words.slice(1), host), state, io);
    if (rest === null) return 1;
    let prefix = '';
    for (const a of cmd.assigns) {
      const v = await this.expandOrFail(async () => [await expandString(a.value, host)], state, io);
      if (v === null) return 1;
      prefix += `${a.name}${a.append ? '+=' : '='}${shellQuote(v[0]!)} `;
    }
    const text = `${prefix}${value} ${rest.map(shellQuote).join(' ')}`;
    let prog: Program;
    try {
      prog = parse(text);
    } catch (e) {
      io.stderr.write(`${state.shellName}: ${e instanceof Error ? e.message : String(e)}\n`);
      return 2;
    }
    const redirected = await this.applyRedirects(cmd.redirects, state, io);
    if (typeof redirected === 'number') return redirected;
    this.aliasGuard.add(name);
    try {
      return await this.runProgram(prog, state, redirected.io);
    } finally {
      this.aliasGuard.delete(name);
      redirected.flush();
    }
  }

  /** Run argv: function, special builtin, registered command, or a script file. */
  async invoke(argv: string[], assigns: Array<[string, string, boolean]>, state: ShellState, io: Io): Promise<number> {
    const name = argv[0]!;
    const fn = state.functions.get(name);
    if (fn) return this.callFunction(fn, argv, state, io);
    if (name in SPECIAL_BUILTINS) return this.special(name, argv, state, io);
    const spec = this.resolve(name, state);
    if (!spec) {
      if (name.includes('/') && !BIN_DIRS.has(parentOf(resolvePath(state.cwd, name))))
        return this.runFile(name, argv, state, io);
      return this.notFound(name, state, io);
    }
    const env = state.env();
    for (const [k, v, append] of assigns) env[k] = append ? (state.getVar(k) ?? '') + v : v;
    const isTTY = io.stdout === this.rt.tty;
    // Only a command whose stdout is the terminal can ask the terminal its size.
    const size = isTTY ? this.rt.size : undefined;
    const ctx: CommandContext = {
      argv,
      stdin: io.stdin.rest,
      stdout: io.stdout,
      stderr: io.stderr,
      isTTY,
      interactive: this.rt.interactive,
      ...(size ? { columns: size.columns, rows: size.rows } : {}),
      env,
      cwd: state.cwd,
      setCwd: (p) => state.setCwd(p),
      location: state.location,
      emulator: this.rt.emu,
      shell: this.api(state, io),
      signal: this.rt.signal,
      checkpoint: () => this.checkpoint(),
    };
    try {
      const r = await spec.run(ctx);
      return (Number(r) | 0) & 255;
    } catch (e) {
      if (isControl(e)) throw e;
      const msg = e instanceof Error ? e.message : String(e);
      io.stderr.write(`netlab: ${name}: internal error: ${msg}\n`);
      return 1;
    }
  }

  private resolve(name: string, state: ShellState) {
    let base = name;
    if (name.includes('/')) {
      const abs = resolvePath(state.cwd, name);
      if (!BIN_DIRS.has(parentOf(abs))) return undefined;
      base = abs.slice(abs.lastIndexOf('/') + 1);
    }
    const spec = this.rt.emu.commands.get(base);
    if (!spec || !isAvailable(spec, this.rt.emu, state.location)) return undefined;
    return spec;
  }

  private notFound(name: string, state: ShellState, io: Io): number {
    if (name.includes('/')) io.stderr.write(`${state.shellName}: ${name}: No such file or directory\n`);
    else if (state.shellName === 'zsh') io.stderr.write(`zsh: command not found: ${name}\n`);
    else if (state.shellName === 'sh') io.stderr.write(`sh: ${name}: not found\n`);
    else io.stderr.write(`${state.shellName}: ${name}: command not found\n`);
    return 127;
  }

  /** `./script.sh`: run a file of the location's filesystem as a script in a child shell. */
  private async runFile(name: string, argv: string[], state: ShellState, io: Io): Promise<number> {
    const text = this.rt.emu.files.read(state.location, resolvePath(state.cwd, name));
    if (text === 'EISDIR') {
      io.stderr.write(`${state.shellName}: ${name}: Is a directory\n`);
      return 126;
    }
    if (text === 'ENOENT' || text === 'ENOTDIR' || text === 'EACCES') return this.notFound(name, state, io);
    const child = state.clone();
    child.positional = argv.slice(1);
    return this.runScriptText(text as string, child, io);
  }

  private async callFunction(body: Command, argv: string[], state: ShellState, io: Io): Promise<number> {
    const saved = state.positional;
    state.positional = argv.slice(1);
    state.localFrames.push(new Map());
    this.enterDepth();
    try {
      return await this.runCommand(body, state, io);
    } catch (e) {
      if (e instanceof ReturnSignal) return e.status;
      throw e;
    } finally {
      this.depth--;
      state.positional = saved;
      for (const [k, v] of state.localFrames.pop()!) {
        if (v === undefined) state.unsetVar(k);
        else state.vars.set(k, v);
      }
    }
  }

  /** Parse and run script text in `state` (a child or the current shell); syntax errors print bash's message. */
  async runScriptText(text: string, state: ShellState, io: Io): Promise<number> {
    let prog: Program;
    try {
      prog = parse(text);
    } catch (e) {
      io.stderr.write(`${state.shellName}: ${syntaxMessage(e, state.shellName)}\n`);
      return 2;
    }
    return this.inSubshell(() => this.runProgram(prog, state, io));
  }

  private async special(name: string, argv: string[], state: ShellState, io: Io): Promise<number> {
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
        return this.runInPlace(args.join(' '), state, io);
      case 'source':
      case '.': {
        if (!args[0]) {
          io.stderr.write(
            `${state.shellName}: ${name}: filename argument required\n${name}: usage: ${name} filename [arguments]\n`,
          );
          return 2;
        }
        const text = this.rt.emu.files.read(state.location, resolvePath(state.cwd, args[0]));
        if (text === 'ENOENT' || text === 'EISDIR' || text === 'ENOTDIR' || text === 'EACCES') {
          io.stderr.write(`${state.shellName}: ${args[0]}: ${FS_ERROR_TEXT[text]}\n`);
          return 1;
        }
        try {
          return await this.runInPlace(text, state, io);
        } catch (e) {
          if (e instanceof ReturnSignal) return e.status;
          throw e;
        }
      }
      case 'exec':
        if (!args.length) return 0;
        return this.invoke(args, [], state, io);
    }
    return 0;
  }

  /** Run text in the current shell (eval, source): variables and cd stick. */
  private async runInPlace(text: string, state: ShellState, io: Io): Promise<number> {
    let prog: Program;
    try {
      prog = parse(text);
    } catch (e) {
      io.stderr.write(`${state.shellName}: ${syntaxMessage(e, state.shellName)}\n`);
      return 2;
    }
    this.enterDepth();
    try {
      return await this.runProgram(prog, state, io);
    } finally {
      this.depth--;
    }
  }

  // ---- [[ ]] ---------------------------------------------------------------------------------

  private async evalCond(words: Word[], state: ShellState, io: Io): Promise<number> {
    const host = this.expandHost(state, io);
    const isOp = (w: Word | undefined, op: string) =>
      !!w && w.parts.length === 1 && w.parts[0]!.k === 'lit' && w.parts[0]!.v === op;
    let i = 0;
    const env = {
      emulator: this.rt.emu,
      location: state.location,
      cwd: state.cwd,
      isSet: (n: string) => state.getVar(n) !== undefined,
    };
    const str = (w: Word) => expandString(w, host);
    const or = async (): Promise<boolean> => {
      let v = await and();
      while (isOp(words[i], '||')) {
        i++;
        const r = await and();
        v = v || r;
      }
      return v;
    };
    const and = async (): Promise<boolean> => {
      let v = await not();
      while (isOp(words[i], '&&')) {
        i++;
        const r = await not();
        v = v && r;
      }
      return v;
    };
    const not = async (): Promise<boolean> => {
      if (isOp(words[i], '!')) {
        i++;
        return !(await not());
      }
      return primary();
    };
    const primary = async (): Promise<boolean> => {
      const w = words[i];
      if (!w) throw new ExpansionError('syntax error in conditional expression', 2);
      if (isOp(w, '(')) {
        i++;
        const v = await or();
        if (!isOp(words[i], ')')) throw new ExpansionError('syntax error in conditional expression', 2);
        i++;
        return v;
      }
      const lit = w.parts.length === 1 && w.parts[0]!.k === 'lit' ? w.parts[0]!.v : null;
      if (lit && UNARY_OPS.has(lit) && words[i + 1] && !isBinaryAt(words, i + 1)) {
        i += 2;
        return testUnary(lit, await str(words[i - 1]!), env);
      }
      const left = await str(w);
      i++;
      const opw = words[i];
      const op = opw && opw.parts.length === 1 && opw.parts[0]!.k === 'lit' ? opw.parts[0]!.v : null;
      if (
        op &&
        ['==', '=', '!=', '=~', '<', '>', '-eq', '-ne', '-lt', '-le', '-gt', '-ge', '-nt', '-ot', '-ef'].includes(op)
      ) {
        const rw = words[i + 1];
        if (!rw) throw new ExpansionError(`unexpected argument \`]]' to conditional binary operator`, 2);
        i += 2;
        if (op === '==' || op === '=' || op === '!=') {
          const m = matchPattern(await expandPattern(rw, host), left);
          return op === '!=' ? !m : m;
        }
        if (op === '=~') {
          try {
            return new RegExp(await str(rw)).test(left);
          } catch {
            return false;
          }
        }
        const r = testBinary(left, op, await str(rw), '');
        if (typeof r === 'string') throw new ExpansionError(r);
        return r;
      }
      return left !== '';
    };
    try {
      const v = await or();
      if (i < words.length) throw new ExpansionError(`syntax error in conditional expression`, 2);
      return v ? 0 : 1;
    } catch (e) {
      if (e instanceof ExpansionError) {
        io.stderr.write(`${state.shellName}: ${e.message}\n`);
        return e.status === 1 ? 1 : 2;
      }
      throw e;
    }
  }

  // ---- redirections --------------------------------------------------------------------------

  /** Open the redirections of one command; a number is the failure status (message already printed). */
  async applyRedirects(
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
    const host = this.expandHost(state, io);
    const fs = this.rt.emu.files;
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
      const w = new FileWriter(this.rt.emu, state.location, path);
      files.push(w);
      return w;
    };
    const flush = () => {
      for (const f of files) f.flush();
    };
    for (const r of redirects) {
      let target = '';
      if (r.target) {
        const t = await this.expandOrFail(async () => [await expandString(r.target!, host)], state, io);
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

  // ---- the API commands see ------------------------------------------------------------------

  /** The ShellApi handed to one command invocation. */
  api(state: ShellState, io: Io): ShellApi {
    const self = this;
    return {
      async runScript(script, opts) {
        const child =
          opts.location && !sameLocation(opts.location, state.location)
            ? ShellState.login(self.rt.emu, opts.location, opts.shell ?? defaultShellAt(self.rt.emu, opts.location))
            : state.clone();
        if (opts.shell) child.shellName = opts.shell;
        if (opts.args) child.positional = [...opts.args];
        for (const [k, v] of Object.entries(opts.env ?? {})) child.setVar(k, v, true);
        return self.runScriptText(script, child, {
          stdin: new Stdin(opts.stdin ?? ''),
          stdout: opts.stdout ?? io.stdout,
          stderr: opts.stderr ?? io.stderr,
        });
      },
      async runCommand(argv, opts) {
        const child =
          opts.location && !sameLocation(opts.location, state.location)
            ? ShellState.login(self.rt.emu, opts.location, defaultShellAt(self.rt.emu, opts.location), opts.cwd)
            : state.clone();
        const cio = {
          stdin: new Stdin(opts.stdin ?? ''),
          stdout: opts.stdout ?? io.stdout,
          stderr: opts.stderr ?? io.stderr,
        };
        return self.inSubshell(() =>
          self.invoke(
            argv,
            Object.entries(opts.env ?? {}).map(([k, v]) => [k, v, false]),
            child,
            cio,
          ),
        );
      },
      enter: (location, shellName, opts) => self.rt.session.enter(location, shellName, opts),
      leave: () => self.rt.session.leave(),
      getVar: (name) => state.getVar(name),
      setVar: (name, value, exported) => state.setVar(name, value, exported || state.exported.has(name)),
      unsetVar: (name) => state.unsetVar(name),
      exportVar: (name) => {
        state.exported.add(name);
      },
      exported: () => state.env(),
      variables: () => new Map(state.vars),
      history: () => self.rt.session.history(),
      aliases: () => state.aliases,
      functions: () => [...state.functions.keys()].sort(),
      shellName: () => state.shellName,
      clearScreen: () => io.stdout.write('\x1b[H\x1b[2J\x1b[3J'),
      consumeStdin: (chars) => {
        io.stdin.rest = io.stdin.rest.slice(chars);
      },
      isKeyword: (name) => RESERVED_WORDS.has(name),
      isSpecialBuiltin: (name) => name in SPECIAL_BUILTINS,
    };
  }
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

function isBinaryAt(words: Word[], i: number): boolean {
  const w = words[i];
  if (!w || w.parts.length !== 1 || w.parts[0]!.k !== 'lit') return false;
  return ['==', '=', '!=', '=~', '<', '>', '-eq', '-ne', '-lt', '-le', '-gt', '-ge'].includes(w.parts[0]!.v);
}

/** Signals and limits that must pass through a command's error handling untouched. */
export function isControl(e: unknown): boolean {
  return (
    e instanceof Interrupted ||
    e instanceof LimitExceeded ||
    e instanceof ExitSignal ||
    e instanceof BreakSignal ||
    e instanceof ContinueSignal ||
    e instanceof ReturnSignal
  );
}

/** bash's text for a parse failure. */
export function syntaxMessage(e: unknown, shellName = 'bash'): string {
  if (e instanceof ShellSyntaxError) return e.message;
  if (e instanceof Incomplete) {
    const quote = ["'", '"', '`'].includes(e.what) ? e.what : null;
    return quote
      ? `unexpected EOF while looking for matching \`${quote}'\n${shellName}: syntax error: unexpected end of file`
      : 'syntax error: unexpected end of file';
  }
  return e instanceof Error ? e.message : String(e);
}
