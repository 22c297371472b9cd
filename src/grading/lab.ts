/**
 * Grading a lab submission by replay: for each exercise of the lab, a fresh emulator with the
 * learner's seed (derived by the grader, never the one the file claims), the exercise's setup, the
 * learner's lines, then the checks. Nothing the submission claims is trusted; an exercise it leaves
 * out fails as not attempted.
 *
 * A replay is bounded by a step budget that counts emulator work (every command, loop iteration and
 * long command's checkpoint is one step), not milliseconds: the same submission gets the same grade
 * on an idle laptop and on a loaded one. The wall-clock limit for a command that never reaches a
 * checkpoint is the host's job (pool.ts), which runs each submission in its own worker it can kill.
 */
import type { LoadedExercise } from './files';
import type { Exercise, Lab, Submission } from './schema';
import { failureSummary, kubeconfigAtStart, runChecks, type CheckResult, type ExerciseResult } from './checks';
import { replayLines, startState, type ReplayStep } from './replay';

/** Emulator steps one exercise's replay may take: about 2 to 10 s of work on a laptop, 20 times a busy lesson loop. */
export const STEP_BUDGET = 100_000;

/** The grade of one exercise of one submission. */
export interface ExerciseGrade {
  exerciseId: string;
  passed: boolean;
  points: number;
  maxPoints: number;
  /** Why it failed, in one line (empty when passed). */
  reason: string;
  /** The full check results (absent when not attempted or when the replay was stopped by the host). */
  result?: ExerciseResult;
  /** What the replay ran and printed, input by input (absent when not attempted). */
  transcript?: ReplayStep[];
  /** Emulator steps the replay took. */
  steps?: number;
}

/** The grade of one submission. */
export interface SubmissionGrade {
  learner: string;
  /** The seed the replay used (derived from the lab, the learner and the salt). */
  seed: number;
  exercises: ExerciseGrade[];
  points: number;
  maxPoints: number;
}

export interface GradeOptions {
  /** The learner's seed; default: the seed the submission names (only tests and `netlab check` rely on that). */
  seed?: number;
  /** Emulator steps per exercise (default STEP_BUDGET). */
  stepBudget?: number;
  /** Start at this exercise of the lab (a host resuming after it stopped a runaway worker). */
  from?: number;
  /** Called as each exercise is graded, in lab order. */
  onExercise?: (index: number, grade: ExerciseGrade) => void;
}

/** Cuts a long text for reports and worker messages. */
function cut(s: string, max = 20_000): string {
  return s.length > max ? `${s.slice(0, max)}\n… (${s.length - max} more characters)` : s;
}

function compact(check: CheckResult): CheckResult {
  return {
    ...check,
    expected: cut(check.expected),
    actual: cut(check.actual),
    ...(check.diff !== undefined ? { diff: cut(check.diff) } : {}),
  };
}

/** Keeps a transcript to at most about 100 kB: the first inputs whole, then only what was typed. */
function keepTranscript(steps: ReplayStep[]): ReplayStep[] {
  let room = 100_000;
  return steps.map((s) => {
    const output = s.output.length <= room ? s.output : '';
    room -= output.length;
    return { input: cut(s.input, 2000), status: s.status, output };
  });
}

/** Replay and grade one exercise of a submission. */
export async function gradeExercise(
  exerciseId: string,
  exercise: Exercise,
  points: number,
  attempt: Submission['exercises'][string] | undefined,
  seed: number,
  stepBudget = STEP_BUDGET,
): Promise<ExerciseGrade> {
  if (!attempt) return { exerciseId, passed: false, points: 0, maxPoints: points, reason: 'not attempted' };
  const start = await startState(exercise, seed);
  const emu = start.emu.clone();
  const stop = new AbortController();
  let steps = 0;
  const transcript = await replayLines(emu, attempt.lines, {
    signal: stop.signal,
    // Called at every checkpoint of the shell and of long commands: count the work, stop past the budget.
    yieldToHost: () => {
      if (++steps > stepBudget) stop.abort();
    },
  });
  const result = await runChecks(exerciseId, exercise, emu, attempt.answer, kubeconfigAtStart(start.emu));
  const stopped = stop.signal.aborted
    ? `replay stopped after ${stepBudget} emulator steps (commands and loop iterations)`
    : '';
  return {
    exerciseId,
    passed: result.passed,
    points: result.passed ? points : 0,
    maxPoints: points,
    reason: result.passed ? stopped : [stopped, failureSummary(result)].filter(Boolean).join('; '),
    result: { ...result, checks: result.checks.map(compact) },
    transcript: keepTranscript(transcript),
    steps: Math.min(steps, stepBudget),
  };
}

/** Sum up exercise grades into a submission grade. */
export function submissionGrade(learner: string, seed: number, exercises: ExerciseGrade[]): SubmissionGrade {
  return {
    learner,
    seed,
    exercises,
    points: exercises.reduce((n, g) => n + g.points, 0),
    maxPoints: exercises.reduce((n, g) => n + g.maxPoints, 0),
  };
}

/** Replay and grade a validated submission against its lab. `exercises` must hold every id of the lab. */
export async function gradeSubmission(
  lab: Lab,
  exercises: ReadonlyMap<string, LoadedExercise>,
  submission: Submission,
  opts: GradeOptions = {},
): Promise<SubmissionGrade> {
  const seed = opts.seed ?? submission.seed;
  const grades: ExerciseGrade[] = [];
  for (const [index, ref] of lab.exercises.entries()) {
    if (index < (opts.from ?? 0)) continue;
    const loaded = exercises.get(ref.id);
    if (!loaded) throw new Error(`lab ${lab.id}: no exercise "${ref.id}"`);
    const grade = await gradeExercise(
      ref.id,
      loaded.exercise,
      ref.points,
      submission.exercises[ref.id],
      seed,
      opts.stepBudget,
    );
    grades.push(grade);
    opts.onExercise?.(index, grade);
  }
  return submissionGrade(submission.learner, seed, grades);
}
