/** The `ShellApi` a command gets: run scripts and commands elsewhere, enter and leave shells, read and set variables. */
import type { ShellApi } from './types';
import { Stdin, type Io, type ShellRunner } from './runtime';
import { ShellState } from './state';
import { defaultShellAt, sameLocation, sameMachine } from './location';
import { SPECIAL_BUILTINS } from './special';

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

/** The ShellApi handed to one command invocation. */
export function shellApi(self: ShellRunner, state: ShellState, io: Io): ShellApi {
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
        opts.location && !sameLocation(opts.location, state.location) && !sameMachine(opts.location, state.location)
          ? ShellState.login(self.rt.emu, opts.location, defaultShellAt(self.rt.emu, opts.location), opts.cwd)
          : state.clone();
      // `ip netns exec`: the same process environment, in another network namespace.
      if (opts.location && sameMachine(opts.location, state.location)) child.location = opts.location;
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
    jobs: () => self.rt.session.jobs,
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
