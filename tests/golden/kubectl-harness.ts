/**
 * Runs kubectl command lines against an emulator for the golden tests: the clock moves by
 * LINE_TICK_MS before each line, as the shell does, and files live in the host's filesystem.
 * (A thin stand-in for ShellSession.run: one kubectl invocation per line, simple quoting.)
 */
import { Emulator } from '../../src/sim/emulator';
import { LINE_TICK_MS } from '../../src/sim/core/clock';
import type { CommandContext, LocationRef, ShellApi } from '../../src/sim/shell/types';

export interface RunResult {
  stdout: string;
  stderr: string;
  code: number;
}

/** Split a command line into words: single and double quotes, backslash escapes. */
export function words(line: string): string[] {
  const out: string[] = [];
  let cur = '';
  let inWord = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i]!;
    if (ch === "'") {
      const end = line.indexOf("'", i + 1);
      cur += line.slice(i + 1, end);
      i = end;
      inWord = true;
    } else if (ch === '"') {
      let j = i + 1;
      while (line[j] !== '"') {
        if (line[j] === '\\') j++;
        cur += line[j];
        j++;
      }
      i = j;
      inWord = true;
    } else if (ch === ' ') {
      if (inWord) out.push(cur);
      cur = '';
      inWord = false;
    } else {
      cur += ch;
      inWord = true;
    }
  }
  if (inWord) out.push(cur);
  return out;
}

export interface ShellCall {
  kind: 'runScript' | 'runCommand' | 'enter';
  script?: string;
  argv?: string[];
  location: LocationRef;
  shell?: string;
}

export class KubectlHarness {
  readonly calls: ShellCall[] = [];

  constructor(readonly emu: Emulator) {}

  static scenario(id = 'kind-iptables', seed = 1): KubectlHarness {
    return new KubectlHarness(Emulator.create({ scenario: id, seed }));
  }

  /** Write a file in the host's home directory (what `cat <<EOF > f` would do). */
  writeFile(path: string, content: string): void {
    const full = path.startsWith('/') ? path : `/home/learner/${path}`;
    this.emu.files.mkdir({ kind: 'host' }, full.slice(0, full.lastIndexOf('/')), true);
    const err = this.emu.files.write({ kind: 'host' }, full, content);
    if (err) throw new Error(`write ${path}: ${err}`);
  }

  /** Run one `kubectl ...` line after the typing tick. */
  async run(
    line: string,
    opts: { stdin?: string; tick?: boolean; interactive?: boolean; location?: LocationRef } = {},
  ): Promise<RunResult> {
    if (opts.tick !== false) this.emu.advanceTime(LINE_TICK_MS);
    let stdout = '';
    let stderr = '';
    // Only what kubectl calls is recorded; the rest of ShellApi is stubbed (cast: the contract keeps growing).
    const shell = {
      runScript: async (script, o) => {
        this.calls.push({
          kind: 'runScript',
          script,
          location: o.location ?? { kind: 'host' },
          ...(o.shell ? { shell: o.shell } : {}),
        });
        return 0;
      },
      runCommand: async (argv, o) => {
        this.calls.push({ kind: 'runCommand', argv, location: o.location ?? { kind: 'host' } });
        return 0;
      },
      enter: (location, shellName) => {
        this.calls.push({ kind: 'enter', location, shell: shellName });
      },
      leave: () => false,
      getVar: () => undefined,
      setVar: () => {},
      unsetVar: () => {},
      exportVar: () => {},
      exported: () => ({}),
      variables: () => new Map(),
      history: () => [],
      aliases: () => new Map(),
      functions: () => [],
      shellName: () => 'bash',
      isKeyword: () => false,
      isSpecialBuiltin: () => false,
      clearScreen: () => {},
    } as ShellApi;
    const ctx: CommandContext = {
      argv: words(line),
      stdin: opts.stdin ?? '',
      stdout: { write: (t) => (stdout += t) },
      stderr: { write: (t) => (stderr += t) },
      isTTY: false,
      interactive: opts.interactive ?? false,
      env: {},
      cwd: '/home/learner',
      setCwd: () => {},
      location: opts.location ?? { kind: 'host' },
      emulator: this.emu,
      shell,
      signal: new AbortController().signal,
      checkpoint: async () => {},
    };
    const code = await this.emu.commands.get('kubectl')!.run(ctx);
    return { stdout, stderr, code };
  }
}
