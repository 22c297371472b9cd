/**
 * One submission's grading as a job for a worker: the same code runs in a Node worker thread
 * (`netlab grade`) and in a browser Web Worker (the lead's grading page). The host sends one request
 * and gets one message per exercise as it is graded, then `done`; it can kill the worker at any time
 * and start another from the next exercise (pool.ts).
 */
import { gradeExercise, STEP_BUDGET, type ExerciseGrade } from './lab';
import type { Exercise, Lab, Submission } from './schema';

/** Host → worker: grade this submission from exercise `from` on. Plain data (structured-cloneable). */
export interface GradeJobRequest {
  lab: Pick<Lab, 'id' | 'exercises'>;
  /** The lab's exercises by full id (only those the lab lists). */
  exercises: Record<string, Exercise>;
  submission: Submission;
  /** The learner's seed, derived by the host. */
  seed: number;
  from: number;
  stepBudget?: number;
}

/** Worker → host. */
export type GradeJobMessage =
  { type: 'exercise'; index: number; grade: ExerciseGrade } | { type: 'done' } | { type: 'error'; message: string };

/** A failed exercise grade with a reason and no results (the replay did not finish). */
export function failedGrade(exerciseId: string, maxPoints: number, reason: string): ExerciseGrade {
  return { exerciseId, passed: false, points: 0, maxPoints, reason };
}

/** Run a grading job, posting each exercise's grade as it is ready. */
export async function runGradeJob(req: GradeJobRequest, post: (m: GradeJobMessage) => void): Promise<void> {
  try {
    for (const [index, ref] of req.lab.exercises.entries()) {
      if (index < req.from) continue;
      const exercise = req.exercises[ref.id];
      if (!exercise) throw new Error(`lab ${req.lab.id}: no exercise "${ref.id}"`);
      let grade: ExerciseGrade;
      try {
        grade = await gradeExercise(
          ref.id,
          exercise,
          ref.points,
          req.submission.exercises[ref.id],
          req.seed,
          req.stepBudget ?? STEP_BUDGET,
        );
      } catch (e) {
        // An emulator failure fails this exercise, not the submission: the others are still graded.
        grade = failedGrade(ref.id, ref.points, `replay failed: ${e instanceof Error ? e.message : String(e)}`);
      }
      post({ type: 'exercise', index, grade });
    }
    post({ type: 'done' });
  } catch (e) {
    post({ type: 'error', message: e instanceof Error ? e.message : String(e) });
  }
}
