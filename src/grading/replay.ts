/**
 * Feeding command lines to an emulator: the setup of an exercise, a solution, a wrong attempt or a
 * learner's submitted lines. Each runs in a fresh host shell, non-interactive, exactly as the
 * terminal would run them, and stops early when the caller aborts (a runaway submission).
 */
import { Emulator } from '../sim/emulator';
import type { Writer } from '../sim/shell/types';
import { scriptOf, splitInputs } from './inputs';
import type { Exercise } from './schema';

/** How much of one input's output a replay keeps for diagnostics (the shell caps what it prints). */
const KEPT_OUTPUT_CHARS = 4096;

/** One input run during a replay: what was typed, its exit status, and (the start of) what it printed. */
export interface ReplayStep {
  input: string;
  status: number;
  output: string;
}

export interface ReplayOptions {
  /** Aborting stops the replay at the next checkpoint; the remaining inputs are not run. */
  signal?: AbortSignal;
  /** Passed to the shell's checkpoints, so a host can yield to its event loop (and see the abort). */
  yieldToHost?: () => Promise<void> | void;
  /** Stop after this many inputs (the rest are ignored). */
  maxInputs?: number;
}

/** A writer that keeps only the first KEPT_OUTPUT_CHARS characters. */
class HeadWriter implements Writer {
  text = '';
  write(s: string): void {
    if (this.text.length < KEPT_OUTPUT_CHARS) this.text += s.slice(0, KEPT_OUTPUT_CHARS - this.text.length);
  }
}

/** Run command lines in a fresh host shell of `emu`; returns one step per input that ran. */
export async function replayLines(
  emu: Emulator,
  lines: readonly string[],
  opts: ReplayOptions = {},
): Promise<ReplayStep[]> {
  const shell = emu.openShell();
  const steps: ReplayStep[] = [];
  const inputs = splitInputs(scriptOf(lines), (t) => shell.isComplete(t));
  for (const input of inputs.slice(0, opts.maxInputs ?? inputs.length)) {
    if (opts.signal?.aborted) break;
    const out = new HeadWriter();
    const status = await shell.run(input, {
      stdout: out,
      stderr: out,
      interactive: false,
      signal: opts.signal,
      yieldToHost: opts.yieldToHost,
    });
    steps.push({ input, status, output: out.text });
  }
  return steps;
}

/** An exercise's starting cluster and the steps its setup ran. */
export interface StartState {
  emu: Emulator;
  setup: ReplayStep[];
}

/**
 * Build the state a learner starts an exercise from: the scenario with `seed`, then the setup lines.
 * The setup's shell is dropped afterwards, so the learner's terminal opens with an empty history.
 */
export async function startState(exercise: Exercise, seed: number): Promise<StartState> {
  const built = Emulator.create({ scenario: exercise.scenario, seed });
  const setup = await replayLines(built, exercise.setup);
  const emu = Emulator.restore({ ...built.snapshot(), shells: [] });
  return { emu, setup };
}
