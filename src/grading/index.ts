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
  learnerIdSchema,
  rosterEntrySchema,
  submissionSchema,
  submissionV1Schema,
  submissionV2Schema,
  LEARNER_ID,
  SUBMISSION_LIMITS,
  MATCHER_KINDS,
  EXERCISE_KINDS,
  exerciseKindOf,
} from './schema';
export type {
  Exercise,
  ExerciseKind,
  Check,
  FindTask,
  Attempt,
  Lab,
  LabExerciseRef,
  ReadItem,
  RosterEntry,
  Submission,
  SubmissionV2,
  MatcherKind,
} from './schema';
export { parseExerciseFile, parseLabFile, rosterOf, formatProblem, lessonIdOf, EXERCISE_FILE_SUFFIX } from './files';
export type { FileProblem, LoadedExercise, LabContext } from './files';
export { startState, replayLines } from './replay';
export type { StartState, ReplayStep, ReplayOptions } from './replay';
export {
  runChecks,
  gradeAttempt,
  runIn,
  expectedFindValue,
  failureSummary,
  kubeconfigAtStart,
  CLEAN_CONTEXT,
} from './checks';
export type { CheckResult, ExerciseResult, CheckContext } from './checks';
export type { CellDiff, CommandResult } from './matchers';
export { explainCheck } from './explain';
export { checkExercise } from './validate';
export { readSubmission, decodeSubmission, buildSubmission, submissionFileName, localIsoTime } from './submission';
export type { SubmissionRead, SubmissionInput, ExerciseWork } from './submission';
export { gradeSubmission, gradeExercise, submissionGrade, STEP_BUDGET } from './lab';
export type { ExerciseGrade, SubmissionGrade, GradeOptions } from './lab';
export { runGradeJob, failedGrade } from './job';
export type { GradeJobRequest, GradeJobMessage } from './job';
export { gradeInWorkers, wallClockReason, WALL_CLOCK_MS } from './pool';
export type { JobWorker, PoolOptions } from './pool';
export { intake, jobRequest, labReport } from './cohort';
export type {
  SubmissionFile,
  AcceptedFile,
  Intake,
  LabReport,
  LearnerReport,
  ExerciseSummary,
  HelpUsed,
} from './cohort';
export { findCopies, normaliseLine } from './copies';
export type { CopyPair, EvidenceRow, Transcript } from './copies';
export { learnerSeed, labContentHash, canonicalJson, MAX_LEARNER_SEED } from './identity';
export { parseDue, formatDue, lateness, zoneOffsetMinutes, AOE } from './due';
export type { Due } from './due';
export { parseRosterText, findLearner } from './roster';
export type { RosterRead } from './roster';
export { printable, displayWidth, padDisplay, alignedTable } from './text';
export {
  reportRows,
  reportTable,
  reportSummary,
  reportWideCsv,
  reportDetailCsv,
  wideHeader,
  helpText,
  csvField,
  CSV_BOM,
  REPORT_HEADER,
  DETAIL_HEADER,
} from './report';
export { splitInputs, scriptOf } from './inputs';
