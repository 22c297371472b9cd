/**
 * The contract between the shell, the commands and the emulator. Every command (kubectl, ip,
 * iptables, curl, grep, ...) is one module that exports a `CommandSpec`, listed by the composition
 * root (src/sim/emulator.ts); the shell resolves argv[0] through the emulator's `CommandTable`, and
 * `help` and Tab completion read the same table.
 */
import type { Emulator } from '../emulator';
import type { JobControl, JobTable } from './jobs';

/** Where a shell runs: the learner's machine, a node (kind container or EC2 instance), or a pod container. */
export type LocationKind = 'host' | 'node' | 'pod' | 'container';

export interface Writer {
  write(text: string): void;
}

/** What a running command may ask of the shell that started it. */
export interface ShellApi {
  /** Run a script (one or more lines) in a given location, sharing this command's output writers. Used by `kubectl exec`, `docker exec`, `ssh`, `sh -c`, `xargs`, `watch`. */
  runScript(
    script: string,
    opts: {
      location?: LocationRef;
      stdin?: string;
      stdout?: Writer;
      stderr?: Writer;
      env?: Record<string, string>;
      /** `bash`, `sh` or `zsh`: decides the wording of errors; default: the location's usual shell. */ shell?: string;
      /** Positional parameters ($1...). */ args?: string[];
    },
  ): Promise<number>;
  /**
   * Run one command (argv, no shell parsing) in a given location: `kubectl exec POD -- CMD ARGS`,
   * `docker exec NODE CMD ARGS`. Unknown commands print the location shell's "not found" and return 127.
   */
  runCommand(
    argv: string[],
    opts: {
      location?: LocationRef;
      stdin?: string;
      stdout?: Writer;
      stderr?: Writer;
      env?: Record<string, string>;
      /** Working directory of a login at another location (`sudo` keeps the caller's). */ cwd?: string;
    },
  ): Promise<number>;
  /**
   * Enter an interactive shell in another location (`docker exec -it NODE bash`, `kubectl exec -it POD -- sh`, `ssh NODE`).
   * `onExit` runs when that shell is left (`kubectl run -it --rm` deletes its pod then).
   */
  enter(location: LocationRef, shellName: string, opts?: EnterOptions): void;
  /** Leave the current interactive shell (`exit`); false when already at the bottom (the host shell). */
  leave(): boolean;
  /** Shell variables and exported environment of the current shell. */
  getVar(name: string): string | undefined;
  setVar(name: string, value: string, exported?: boolean): void;
  unsetVar(name: string): void;
  /** Mark a variable exported (`export NAME`). */
  exportVar(name: string): void;
  /** The exported environment, sorted by name. */
  exported(): Record<string, string>;
  /** All shell variables (a copy). */
  variables(): Map<string, string>;
  history(): readonly string[];
  /** The live alias table (`alias` / `unalias` change it). */
  aliases(): Map<string, string>;
  /** Names of shell functions defined here. */
  functions(): string[];
  /** `bash`, `sh` or `zsh`: the prefix of shell error messages (`bash: cd: x: No such file or directory`). */
  shellName(): string;
  /** Reserved words and special builtins, for `type`. */
  isKeyword(name: string): boolean;
  isSpecialBuiltin(name: string): boolean;
  /** Clear the screen (`clear`, Ctrl-L): the terminal decides how. */
  clearScreen(): void;
  /** This terminal's background jobs (`jobs`, `kill %1`, `fg`); absent where no terminal runs the shell. */
  jobs?(): JobTable | undefined;
  /**
   * The command read only `chars` characters of `ctx.stdin` (`read` takes one line): the rest stays
   * for the next command reading the same input, as with a real file descriptor.
   */
  consumeStdin?(chars: number): void;
}

/**
 * Something to do when an interactive shell is left, kept as data (not a closure) so that session
 * snapshots stay JSON: `kind` names an `ExitHookHandler` (shell/exithooks.ts) the composition root lists,
 * `params` are its arguments.
 */
export interface ExitHook {
  kind: string;
  params: Record<string, string>;
}

export interface EnterOptions {
  onExit?: ExitHook;
}

/** Identifies a location; the emulator resolves it to a live `Location` (filesystem, netns, image). */
export type LocationRef =
  | {
      kind: 'host';
      /** Who is logged in when it is not the learner (`sudo`): see shell/accounts.ts. */ user?: string;
      /** The data-plane name of a named netns the process runs in (`ip netns exec`), when not the machine's own. */
      netns?: string;
    }
  | {
      kind: 'node';
      node: string;
      /** Who is logged in when it is not root (`ssh ec2-user@IP`): see shell/accounts.ts. */ user?: string;
      /** As for `host`: `ip netns exec NAME CMD` on a node. */
      netns?: string;
    }
  | { kind: 'pod'; namespace: string; pod: string; container?: string }
  | {
      kind: 'container';
      /** A container the learner started with `docker run` (its name, without docker's leading slash). */
      name: string;
      /** `docker exec --privileged`: this command runs with every capability. */ privileged?: boolean;
    };

export interface CommandContext {
  /** argv[0] is the command name as typed (after alias expansion). */
  argv: string[];
  /** Standard input, fully buffered: pipelines run stage by stage. '' when nothing is piped in. */
  stdin: string;
  stdout: Writer;
  stderr: Writer;
  /** True when stdout is the terminal (not a pipe or file): some tools print colour or progress only then. */
  isTTY: boolean;
  /**
   * A person is at a terminal and can press Ctrl-C. False in `netlab run` and in grading, where
   * commands that wait for changes (`watch`, `kubectl get -w`) must end by themselves.
   */
  interactive: boolean;
  /**
   * The terminal's size when stdout is the terminal; undefined when piped or non-interactive. What a
   * real program gets from ioctl(TIOCGWINSZ): bash's COLUMNS is a shell variable, not exported.
   */
  columns?: number;
  rows?: number;
  env: Readonly<Record<string, string>>;
  cwd: string;
  setCwd(path: string): void;
  location: LocationRef;
  emulator: Emulator;
  shell: ShellApi;
  /** Aborted on Ctrl-C. Long commands check it (or call `checkpoint`) and stop with exit 130. */
  signal: AbortSignal;
  /** Yield to the host (the worker's message loop) and throw `Interrupted` if aborted. Cheap; call in loops. */
  checkpoint(): Promise<void>;
  /** Present when the command was started with `&` and its spec says it can run as a job (`jobs`). */
  job?: JobControl;
}

/** A command's exit status; async for commands that wait (sleep, watch, kubectl wait). */
export type CommandResult = number | Promise<number>;

export interface FlagSpec {
  /** `--namespace` / `-n`: names as typed, with dashes. */
  names: string[];
  /** Takes a value (`-n default`, `--output=yaml`). */
  value?: boolean;
  description: string;
  /** Values offered by Tab completion. */
  values?: string[] | ((ctx: CompletionContext) => string[]);
}

export interface CompletionContext {
  emulator: Emulator;
  location: LocationRef;
  /** Words before the one being completed, argv[0] first. */
  words: string[];
  /** The partial word being completed. */
  current: string;
  cwd: string;
}

export interface CommandSpec {
  name: string;
  /** One line for `help`. */
  summary: string;
  /** Usage lines for `help NAME` / `NAME --help` where the real tool has no richer text. */
  usage?: string;
  /** Which locations have this binary. Default: everywhere. */
  availableIn?: LocationKind[] | ((ctx: { emulator: Emulator; location: LocationRef }) => boolean);
  flags?: FlagSpec[];
  /** Subcommands, for completion and help (kubectl verbs, `ip route`, ...). */
  subcommands?: string[];
  complete?(ctx: CompletionContext): string[];
  /** A shell builtin (cd, echo, export, ...): `type` says so. */
  builtin?: boolean;
  /** It can be left running with `&` (it then gets `ctx.job`); other commands run in the foreground. */
  jobs?: boolean;
  run(ctx: CommandContext): CommandResult;
}

/** Thrown by `checkpoint()` when Ctrl-C aborted the run; the shell turns it into `^C` and status 130. */
export class Interrupted extends Error {
  constructor() {
    super('interrupted');
    this.name = 'Interrupted';
  }
}

/** Thrown when a run exceeds a safety cap (loop iterations, output size, recursion depth). */
export class LimitExceeded extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'LimitExceeded';
  }
}
