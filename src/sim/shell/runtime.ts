/**
 * What one run of the shell holds and what the interpreter's parts share: the terminal's writers and
 * size, the abort signal and the host's yield (`Runtime`), standard input with its offset (`Stdin`),
 * a command's three streams (`Io`), and the calls back into the interpreter that redirections,
 * special builtins and the `ShellApi` make (`ShellRunner`).
 */
import type { Emulator } from '../emulator';
import type { ExpandHost } from './expand';
import type { ShellState } from './state';
import type { EnterOptions, LocationRef, Writer } from './types';
import type { JobTable } from './jobs';

/** What the interpreter needs from the terminal session around it. */
export interface SessionHooks {
  enter(location: LocationRef, shellName: string, opts?: EnterOptions): void;
  leave(): boolean;
  history(): readonly string[];
  /** The terminal's background jobs (absent in runs with no terminal behind them). */
  jobs?: JobTable;
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
  /** Set for the one command of a line ending in `&`. */
  background?: boolean;
}

/** The fixed process id `$$` prints. */
export const SHELL_PID = 4242;

/** The interpreter as its parts (redirections, special builtins, the ShellApi) call back into it. */
export interface ShellRunner {
  readonly rt: Runtime;
  /** Expansion callbacks for one command in `state` (command substitution runs in a subshell). */
  expandHost(state: ShellState, io: Io): ExpandHost & { substStatus: number | null };
  /** Run an expansion; on an expansion error print it and return null. */
  expandOrFail(fn: () => Promise<string[]>, state: ShellState, io: Io): Promise<string[] | null>;
  /** Run argv: function, special builtin, command, or a script file. */
  invoke(argv: string[], assigns: Array<[string, string, boolean]>, state: ShellState, io: Io): Promise<number>;
  /** Run text in the current shell (eval, source): variables and cd stick. */
  runInPlace(text: string, state: ShellState, io: Io): Promise<number>;
  /** Parse and run script text in `state` (a child or the current shell). */
  runScriptText(text: string, state: ShellState, io: Io): Promise<number>;
  /** Run `fn` as a subshell: `exit` ends only it. */
  inSubshell(fn: () => Promise<number>): Promise<number>;
}
