/** Messages between an exercise island (grader.ts) and its grading worker (worker.ts). */
import type { ExerciseResult } from '../../grading/checks';
import type { ExerciseData } from './data';

/** Page → worker: grade this snapshot of the learner's terminal. */
export interface GradeRequest {
  id: number;
  exercise: Pick<ExerciseData, 'id' | 'checks' | 'find'>;
  /** `Emulator.snapshot()` of the learner's terminal. */
  snapshot: unknown;
  /** For a find task: what the learner typed. */
  answer?: string;
}

/** Worker → page. */
export type GradeReply = { id: number; result: ExerciseResult } | { id: number; error: string };
