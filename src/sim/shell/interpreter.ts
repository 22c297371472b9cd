/**
 * The interpreter: walks a `Program` against a `ShellState`. Pipelines run stage by stage with
 * fully buffered stdin (commands are CommandSpecs from the emulator's command table), and every
 * command and loop iteration passes a checkpoint that yields to the host and stops on Ctrl-C.
 * Control flow (`break`, `return`, `exit`) travels as thrown signals. Its parts live beside it:
 * redirections (redirect.ts), `[[ ]]` (cond.ts), special builtins (special.ts), the ShellApi
 * commands get (shellapi.ts), and what they share (runtime.ts).
 */
import { NotEmulatedError } from '../core/limits';
import type { AndOr, Command, Compound, Pipeline, Program, SimpleCommand } from './ast';
import type { CommandContext } from './types';
import { Interrupted, LimitExceeded } from './types';
import { ShellState } from './state';
import { expandWords, expandString, expandPattern, arith, arithText, type ExpandHost } from './expand';
import { BufferWriter, MAX_DEPTH, MAX_LOOP_ITERATIONS } from './limits';
import {
  BreakSignal,
  ContinueSignal,
  ExitSignal,
  ExpansionError,
  ReturnSignal,
  isControl,
  syntaxMessage,
} from './signals';
import { parse, shellQuote } from './parser';
import { isAvailable } from './commandtable';
import { matchPattern } from './pattern';
import { parentOf, resolvePath } from './vfs';
import { SHELL_PID, Stdin, type Io, type Runtime, type ShellRunner } from './runtime';
import { SPECIAL_BUILTINS, runSpecialBuiltin } from './special';
import { applyRedirects } from './redirect';
import { evalCond } from './cond';
import { shellApi } from './shellapi';

/** What a line ending in `&` gets when its command cannot be left running (only `kubectl proxy` can). */
const FOREGROUND_NOTE = 'netlab: background jobs run in the foreground here\n';

/** Binary directories whose commands resolve by base name (`/bin/bash`, `/usr/bin/curl`). */
const BIN_DIRS = new Set(['/bin', '/usr/bin', '/sbin', '/usr/sbin', '/usr/local/bin', '/usr/local/sbin']);

export class Interpreter implements ShellRunner {
  private depth = 0;
  private aliasGuard = new Set<string>();

  constructor(readonly rt: Runtime) {}

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
    // `cmd &`: a single command may become a job (kubectl proxy); anything else runs in the foreground.
    const job =
      ao.background &&
      ao.rest.length === 0 &&
      ao.first.commands.length === 1 &&
      ao.first.commands[0]!.type === 'simple';
    if (ao.background && !job) io.stderr.write(FOREGROUND_NOTE);
    let status = await this.runPipeline(ao.first, state, job ? { ...io, background: true } : io);
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

  async inSubshell(fn: () => Promise<number>): Promise<number> {
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
      ? await applyRedirects(this, cmd.redirects, state, io)
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
        return evalCond(this, cmd.words, state, io);
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
  async expandOrFail(fn: () => Promise<string[]>, state: ShellState, io: Io): Promise<string[] | null> {
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
    const redirected = await applyRedirects(this, cmd.redirects, state, io);
    if (typeof redirected === 'number') return (state.lastStatus = redirected);
    try {
      if (argv.length === 0) {
        for (const [name, value, append] of assigns)
          state.setVar(name, append ? (state.getVar(name) ?? '') + value : value, state.exported.has(name));
        return (state.lastStatus = host.substStatus ?? 0);
      }
      const status = await this.invoke(
        argv,
        assigns,
        state,
        io.background ? { ...redirected.io, background: true } : redirected.io,
      );
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
      if (e instanceof NotEmulatedError) {
        io.stderr.write(`netlab: ${e.message}\n`);
        return 1;
      }
      io.stderr.write(`${state.shellName}: ${e instanceof Error ? e.message : String(e)}\n`);
      return 2;
    }
    const redirected = await applyRedirects(this, cmd.redirects, state, io);
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
  async invoke(
    argv: string[],
    assigns: Array<[string, string, boolean]>,
    state: ShellState,
    bgIo: Io,
  ): Promise<number> {
    const name = argv[0]!;
    const background = bgIo.background === true;
    const io: Io = background ? { stdin: bgIo.stdin, stdout: bgIo.stdout, stderr: bgIo.stderr } : bgIo;
    const fn = state.functions.get(name);
    const spec = fn || name in SPECIAL_BUILTINS ? undefined : this.resolve(name, state);
    const jobs = this.rt.session.jobs;
    if (background && !(spec?.jobs && jobs)) io.stderr.write(FOREGROUND_NOTE);
    if (fn) return this.callFunction(fn, argv, state, io);
    if (name in SPECIAL_BUILTINS) return runSpecialBuiltin(this, name, argv, state, io);
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
      shell: shellApi(this, state, io),
      signal: this.rt.signal,
      checkpoint: () => this.checkpoint(),
      ...(background && spec.jobs && jobs
        ? {
            job: {
              start: (kind: string, params: Record<string, string>) => {
                const job = jobs.add(argv.map(shellQuote).join(' '), kind, params, state.location);
                // An interactive bash announces the job before the job's own output.
                if (this.rt.interactive) io.stderr.write(`[${job.id}] ${job.pid}\n`);
                return job;
              },
            },
          }
        : {}),
    };
    try {
      const r = await spec.run(ctx);
      return (Number(r) | 0) & 255;
    } catch (e) {
      if (isControl(e)) throw e;
      if (e instanceof NotEmulatedError) {
        io.stderr.write(`netlab: ${e.message}\n`);
        return 1;
      }
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
      if (e instanceof NotEmulatedError) {
        io.stderr.write(`netlab: ${e.message}\n`);
        return 1;
      }
      io.stderr.write(`${state.shellName}: ${syntaxMessage(e, state.shellName)}\n`);
      return 2;
    }
    return this.inSubshell(() => this.runProgram(prog, state, io));
  }

  /** Run text in the current shell (eval, source): variables and cd stick. */
  async runInPlace(text: string, state: ShellState, io: Io): Promise<number> {
    let prog: Program;
    try {
      prog = parse(text);
    } catch (e) {
      if (e instanceof NotEmulatedError) {
        io.stderr.write(`netlab: ${e.message}\n`);
        return 1;
      }
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
}
