/**
 * `netlab run --scenario ID [--seed N] [--echo] [FILE|-]` and `netlab run --scenario ID -c 'LINE'`:
 * feed a shell script to a fresh emulator as if typed into the terminal line by line (lines are
 * gathered until the shell says the input is complete: heredocs, loops, continuations), and print
 * what the terminal would show, stdout and stderr merged in order. A command's own failure is
 * shown, not propagated: the exit status is 0 unless the emulator itself fails.
 */
import { readFileSync } from 'node:fs';
import { Emulator, allScenarios, getScenario } from '../sim/emulator';
import type { Writer } from '../sim/shell/types';
import { splitInputs } from '../grading/inputs';

// The splitting lives in src/grading (pure, shared with the browser); re-exported for callers of run.
export { splitInputs };

export const RUN_USAGE =
  'usage: netlab run --scenario ID [--seed N] [--echo] [FILE|-]\n       netlab run --scenario ID [--seed N] [--echo] -c LINE\n';

interface RunOptions {
  scenario: string;
  seed: number;
  echo: boolean;
  source: { file: string } | { text: string };
}

/** Parse `run`'s arguments; a string is the error to print. */
export function parseRunArgs(argv: string[]): RunOptions | string {
  let scenario: string | undefined;
  let seed = 1;
  let echo = false;
  let source: RunOptions['source'] | undefined;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    const value = (name: string): string | undefined => {
      if (a.startsWith(`${name}=`)) return a.slice(name.length + 1);
      return argv[++i];
    };
    if (a === '--scenario' || a.startsWith('--scenario=')) scenario = value('--scenario');
    else if (a === '--seed' || a.startsWith('--seed=')) {
      const v = value('--seed');
      if (v === undefined || !/^\d+$/.test(v))
        return `netlab run: --seed needs a non-negative integer, got ${v === undefined ? 'nothing' : `"${v}"`}`;
      seed = Number(v);
    } else if (a === '--echo') echo = true;
    else if (a === '-c') {
      const v = argv[++i];
      if (v === undefined) return 'netlab run: -c needs a command line';
      source = { text: v };
    } else if (a === '-' || !a.startsWith('-')) {
      if (source) return `netlab run: more than one script given ("${a}")`;
      source = { file: a };
    } else return `netlab run: unknown option "${a}"`;
  }
  if (!scenario) return 'netlab run: --scenario is required';
  return { scenario, seed, echo, source: source ?? { file: '-' } };
}

/** Run a script in a scenario and write the terminal's output to `out`. Returns the CLI exit status. */
export async function runScript(opts: RunOptions, script: string, out: Writer): Promise<number> {
  const emu = Emulator.create({ scenario: opts.scenario, seed: opts.seed });
  const shell = emu.openShell();
  for (const input of splitInputs(script, (t) => shell.isComplete(t))) {
    if (opts.echo) {
      const [first, ...rest] = input.split('\n');
      out.write(`$ ${first}\n${rest.map((l) => `> ${l}\n`).join('')}`);
    }
    await shell.run(input, { stdout: out, stderr: out, interactive: false });
  }
  return 0;
}

/** The `run` subcommand. */
export async function runCommand(argv: string[]): Promise<number> {
  const opts = parseRunArgs(argv);
  if (typeof opts === 'string') {
    process.stderr.write(`${opts}\n${RUN_USAGE}`);
    return 2;
  }
  if (!getScenario(opts.scenario)) {
    process.stderr.write(
      `netlab run: unknown scenario "${opts.scenario}"; valid scenarios: ${allScenarios()
        .map((s) => s.id)
        .join(', ')}\n`,
    );
    return 2;
  }
  let script: string;
  if ('text' in opts.source) script = opts.source.text + '\n';
  else {
    try {
      script = readFileSync(opts.source.file === '-' ? 0 : opts.source.file, 'utf8');
    } catch (e) {
      process.stderr.write(
        `netlab run: cannot read ${opts.source.file}: ${(e as NodeJS.ErrnoException).code ?? String(e)}\n`,
      );
      return 2;
    }
  }
  // Writes to a pipe or file are synchronous on Linux, so the order of stdout and stderr holds.
  return runScript(opts, script, { write: (s) => void process.stdout.write(s) });
}
