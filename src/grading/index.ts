/**
 * The grading engine's public surface, shared by the site (exercise component, lab sheet, in the
 * browser worker) and the `netlab` CLI. Pure TypeScript over src/sim: no DOM, no Node-only API.
 */
export {
  exerciseSchema,
  exerciseFileSchema,
  checkSchema,
  findSchema,
  attemptSchema,
  labSchema,
  submissionSchema,
  SUBMISSION_LIMITS,
  MATCHER_KINDS,
  EXERCISE_KINDS,
  exerciseKindOf,
} from './schema';
export type { Exercise, ExerciseKind, Check, FindTask, Attempt, Lab, Submission, MatcherKind } from './schema';
export { parseExerciseFile, parseLabFile, formatProblem, lessonIdOf, EXERCISE_FILE_SUFFIX } from './files';
export type { FileProblem, LoadedExercise } from './files';
export { startState, replayLines } from './replay';
export type { StartState, ReplayStep, ReplayOptions } from './replay';
export { runChecks, gradeAttempt, runIn, expectedFindValue, failureSummary } from './checks';
export type { CheckResult, ExerciseResult } from './checks';
export type { CellDiff, CommandResult } from './matchers';
export { explainCheck } from './explain';
export { checkExercise } from './validate';
export { readSubmission, buildSubmission } from './submission';
export type { SubmissionRead } from './submission';
export { gradeSubmission } from './lab';
export type { ExerciseGrade, SubmissionGrade, GradeOptions } from './lab';
export { reportRows, reportTable, reportCsv } from './report';
export type { GradedFile } from './report';
export { splitInputs, scriptOf } from './inputs';
