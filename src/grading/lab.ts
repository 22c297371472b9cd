/**
 * Grading a lab submission by replay: for each exercise of the lab, a fresh emulator with the
 * submission's seed, the exercise's setup, the learner's lines, then the checks. Nothing the
 * submission claims is trusted; an exercise it leaves out fails as not attempted.
 */
import type { LoadedExercise } from './files';
import type { Lab, Submission } from './schema';
import { failureSummary, gradeAttempt, type ExerciseResult } from './checks';
import { startState, type ReplayOptions } from './replay';

/** The grade of one exercise of one submission. */
export interface ExerciseGrade {
  exerciseId: string;
  passed: boolean;
  points: number;
  maxPoints: number;
  /** Why it failed, in one line (empty when passed). */
  reason: string;
  /** The full check results (absent when not attempted). */
  result?: ExerciseResult;
}

/** The grade of one submission. */
export interface SubmissionGrade {
  learner: string;
  exercises: ExerciseGrade[];
  points: number;
  maxPoints: number;
}

export interface GradeOptions {
  /** Replay options for one exercise (an abort signal that bounds its replay time, a yield). */
  replay?: (exerciseId: string) => ReplayOptions;
}

/** Replay and grade a validated submission against its lab. `exercises` must hold every id of the lab. */
export async function gradeSubmission(
  lab: Lab,
  exercises: ReadonlyMap<string, LoadedExercise>,
  submission: Submission,
  opts: GradeOptions = {},
): Promise<SubmissionGrade> {
  const grades: ExerciseGrade[] = [];
  for (const ref of lab.exercises) {
    const loaded = exercises.get(ref.id);
    if (!loaded) throw new Error(`lab ${lab.id}: no exercise "${ref.id}"`);
    const attempt = submission.exercises[ref.id];
    if (!attempt) {
      grades.push({ exerciseId: ref.id, passed: false, points: 0, maxPoints: ref.points, reason: 'not attempted' });
      continue;
    }
    const replay = opts.replay?.(ref.id) ?? {};
    const start = await startState(loaded.exercise, submission.seed);
    const result = await gradeAttempt(
      ref.id,
      loaded.exercise,
      start.emu,
      { lines: attempt.lines, answer: attempt.answer },
      replay,
    );
    const stopped = replay.signal?.aborted ? 'replay stopped at the time limit; ' : '';
    grades.push({
      exerciseId: ref.id,
      passed: result.passed,
      points: result.passed ? ref.points : 0,
      maxPoints: ref.points,
      reason: result.passed ? stopped.replace(/; $/, '') : stopped + failureSummary(result),
      result,
    });
  }
  return {
    learner: submission.learner,
    exercises: grades,
    points: grades.reduce((n, g) => n + g.points, 0),
    maxPoints: grades.reduce((n, g) => n + g.maxPoints, 0),
  };
}
