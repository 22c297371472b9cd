/**
 * One interactive shell session (one terminal): the stack of locations entered with
 * `docker exec -it` / `kubectl exec -it` / `ssh`, each level's shell state, and the history.
 * The terminal calls `run` for each complete input, `isComplete` to decide between running and
 * showing `> `, `prompt` for PS1 and `complete` for Tab.
 */
import type { Emulator } from '../emulator';
import { NotEmulatedError } from '../core/limits';
import type { EnterOptions, LocationRef, Writer } from './types';
import { Interrupted, LimitExceeded } from './types';
import { LINE_TICK_MS } from '../core/clock';
import { ShellState, type ShellStateSnapshot } from './state';
import { Interpreter } from './interpreter';
import { Stdin, type Runtime } from './runtime';
import { JobTable, type JobRecord } from './jobs';
import { syntaxMessage } from './signals';
import { parse, isCompleteInput } from './parser';
import { LimitedWriter, MAX_OUTPUT_BYTES } from './limits';
import { ExitSignal, BreakSignal, ContinueSignal, ReturnSignal } from './signals';
import { locationLabel, promptFor } from './location';
import { completeLine, type Completion } from './complete';
import { runExitHook } from './exithooks';

export interface RunIO {
  stdout: Writer;
  stderr: Writer;
  /** Aborted on Ctrl-C: the run stops at the next checkpoint, prints `^C`, and `$?` becomes 130. */
  signal?: AbortSignal;
  /** Called at every checkpoint; the host decides how often to really yield (e.g. every 10 ms). */
  yieldToHost?: () => Promise<void> | void;
  /** A person is at a terminal (default false: `netlab run`, grading). */
  interactive?: boolean;
  /** The terminal's width and height in cells (xterm's cols and rows), when a person is at a terminal. */
  columns?: number;
  rows?: number;
}

/** Shells that keep COLUMNS and LINES up to date, as bash's checkwinsize and zsh do (dash does not). */
const WINSIZE_SHELLS = new Set(['bash', 'zsh']);

/** The terminal size of a run, or undefined when nobody is at a terminal or its size is unknown. */
function terminalSize(io: RunIO): { columns: number; rows: number } | undefined {
  if (!io.interactive || !io.columns || io.columns < 1) return undefined;
  return { columns: Math.floor(io.columns), rows: Math.max(1, Math.floor(io.rows ?? 24)) };
}

export interface ShellSessionSnapshot {
  history: string[];
  stack: ShellStateSnapshot[];
  /** Background jobs (`kubectl proxy &`), when there are or were some. */
  jobs?: { jobs: JobRecord[]; nextPid: number };
}

const DISCARD: Writer = { write: () => undefined };

/** What `exit` prints when the learner is already on the host (the page's terminal cannot close). */
export const HOST_EXIT_NOTE =
  'netlab: this is the host shell of the page; exit has nowhere to go back to, so the terminal stays open\n';

export class ShellSession {
  private hist: string[] = [];
  private stack: ShellState[];
  /** This terminal's background jobs. */
  readonly jobs = new JobTable();

  constructor(readonly emu: Emulator) {
    this.stack = [ShellState.login(emu, { kind: 'host' })];
  }

  private get top(): ShellState {
    return this.stack[this.stack.length - 1]!;
  }

  /** The commands typed so far, one entry per input (multi-line inputs as typed). */
  get history(): readonly string[] {
    return this.hist;
  }

  /** `$?` of the current shell level. */
  get lastStatus(): number {
    return this.top.lastStatus;
  }

  /** Whether `text` is a complete input; when not, the terminal shows `> ` and keeps reading. */
  isComplete(text: string): boolean {
    return isCompleteInput(text);
  }

  prompt(): string {
    const s = this.top;
    return promptFor(this.emu, s.location, s.cwd, s.shellName);
  }

  continuationPrompt(): string {
    return '> ';
  }

  location(): LocationRef {
    return structuredClone(this.top.location);
  }

  locationLabel(): string {
    return locationLabel(this.top.location);
  }

  /** The current directory of the current shell level. */
  cwd(): string {
    return this.top.cwd;
  }

  /** Tab completion at `cursor` in `line`. */
  complete(line: string, cursor: number): Completion {
    return completeLine(this.emu, this.top, line, cursor);
  }

  /**
   * Run one complete input (it may hold several lines). The clock moves `LINE_TICK_MS` before each
   * top-level command line. Returns the final `$?`.
   */
  async run(text: string, io: RunIO): Promise<number> {
    const source = text.replace(/\n+$/, '');
    if (source.trim() === '') return this.top.lastStatus;
    this.hist.push(source);
    const signal = io.signal ?? new AbortController().signal;
    const tty = new LimitedWriter(
      io.stdout,
      MAX_OUTPUT_BYTES,
      `output limit of ${MAX_OUTPUT_BYTES / 1024 / 1024} MB per command line reached; stopped`,
    );
    const ttyErr = new LimitedWriter(
      io.stderr,
      MAX_OUTPUT_BYTES,
      `output limit of ${MAX_OUTPUT_BYTES / 1024 / 1024} MB per command line reached; stopped`,
    );
    const size = terminalSize(io);
    this.noteTerminalSize(size);
    const rt: Runtime = {
      emu: this.emu,
      signal,
      yieldToHost: io.yieldToHost,
      interactive: io.interactive ?? false,
      ...(size ? { size } : {}),
      tty,
      session: {
        enter: (location, shellName, opts) => this.enter(location, shellName, opts),
        leave: () => this.leave(io),
        history: () => this.hist,
        jobs: this.jobs,
      },
    };
    let prog;
    try {
      prog = parse(source);
    } catch (e) {
      this.emu.advanceTime(LINE_TICK_MS);
      if (e instanceof NotEmulatedError) {
        io.stderr.write(`netlab: ${e.message}\n`);
        return (this.top.lastStatus = 1);
      }
      io.stderr.write(`${this.top.shellName}: ${syntaxMessage(e, this.top.shellName)}\n`);
      return (this.top.lastStatus = 2);
    }
    const interp = new Interpreter(rt);
    let lastLine = -1;
    for (const item of prog.items) {
      if (item.line !== lastLine) {
        this.emu.advanceTime(LINE_TICK_MS);
        lastLine = item.line ?? lastLine;
      }
      const state = this.top;
      try {
        await interp.runAndOr(item, state, { stdin: new Stdin(''), stdout: tty, stderr: ttyErr });
      } catch (e) {
        if (e instanceof ExitSignal) {
          this.exitLevel(e.status, io);
          break;
        }
        if (e instanceof Interrupted) {
          io.stdout.write('^C\n');
          state.lastStatus = 130;
          break;
        }
        if (e instanceof LimitExceeded) {
          io.stderr.write(`netlab: ${e.message}\n`);
          state.lastStatus = 1;
          break;
        }
        if (e instanceof BreakSignal || e instanceof ContinueSignal) {
          io.stderr.write(
            `${state.shellName}: ${e instanceof BreakSignal ? 'break' : 'continue'}: only meaningful in a \`for', \`while', or \`until' loop\n`,
          );
          state.lastStatus = 0;
          continue;
        }
        if (e instanceof ReturnSignal) {
          io.stderr.write(`${state.shellName}: return: can only \`return' from a function or sourced script\n`);
          state.lastStatus = 2;
          continue;
        }
        if (e instanceof NotEmulatedError) {
          io.stderr.write(`netlab: ${e.message}\n`);
          state.lastStatus = 1;
          break;
        }
        io.stderr.write(`netlab: internal error: ${e instanceof Error ? e.message : String(e)}\n`);
        state.lastStatus = 1;
        break;
      }
    }
    // A shell entered during this input (`docker exec -it NODE bash`) learns the size too.
    this.noteTerminalSize(size);
    return this.top.lastStatus;
  }

  /**
   * Set COLUMNS and LINES in the current shell as bash's checkwinsize does: shell variables, not
   * exported (one already exported stays so), so `echo $COLUMNS` works while `env` does not show them.
   */
  private noteTerminalSize(size: { columns: number; rows: number } | undefined): void {
    const state = this.top;
    if (!size || !WINSIZE_SHELLS.has(state.shellName)) return;
    state.setVar('COLUMNS', String(size.columns));
    state.setVar('LINES', String(size.rows));
  }

  /** `exit` at the prompt: back to the previous location (running the level's exit hook), or a note on the host. */
  private exitLevel(status: number, io: { stdout: Writer; stderr: Writer }): void {
    if (this.stack.length > 1) {
      io.stderr.write('exit\n');
      this.pop(io);
      this.top.lastStatus = status;
    } else {
      io.stderr.write(HOST_EXIT_NOTE);
    }
  }

  /** Push an interactive shell at another location (`docker exec -it NODE bash`); `onExit` runs when it is left. */
  enter(location: LocationRef, shellName: string, opts: EnterOptions = {}): void {
    const state = ShellState.login(this.emu, location, shellName);
    if (opts.onExit) state.onExit = structuredClone(opts.onExit);
    this.stack.push(state);
  }

  /** Pop back to the previous location (running the level's exit hook, its output to `io`); false on the host. */
  leave(io: { stdout: Writer; stderr: Writer } = { stdout: DISCARD, stderr: DISCARD }): boolean {
    if (this.stack.length <= 1) return false;
    this.pop(io);
    return true;
  }

  private pop(io: { stdout: Writer; stderr: Writer }): void {
    const left = this.stack.pop();
    if (left?.onExit) runExitHook(this.emu, left.onExit, io);
  }

  snapshot(): ShellSessionSnapshot {
    const jobs = this.jobs.snapshot();
    return { history: [...this.hist], stack: this.stack.map((s) => s.snapshot()), ...(jobs ? { jobs } : {}) };
  }

  restore(snap: ShellSessionSnapshot): void {
    this.hist = [...(snap.history ?? [])];
    this.jobs.restore(snap.jobs);
    if (snap.stack?.length) this.stack = snap.stack.map((s) => ShellState.restore(s));
  }
}
