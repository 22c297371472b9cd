/**
 * Writing a submission on the lab sheet: the file a learner hands in. Only type imports, so the
 * sheet's island stays small (the schemas, and with them the emulator's scenarios, are not loaded).
 */
import type { Attempt, SubmissionV2 } from './schema';

/** What a learner did for one exercise of a lab: their lines (and answer), and the help they used. */
export interface ExerciseWork extends Attempt {
  hintsOpened?: number;
  solutionRevealed?: boolean;
}

/** What the lab sheet knows when the learner downloads their submission. */
export interface SubmissionInput {
  lab: string;
  labHash: string;
  learner: string;
  seed: number;
  /** The learner's clock, ISO 8601 with their offset (`2026-12-05T21:14:03+09:00`). */
  submittedAt: string;
  exercises: Readonly<Record<string, ExerciseWork>>;
}

/**
 * The submission file a learner hands in (version 2): their lines (and answers) per exercise in lab
 * order, the help they used, the lab's hash, their derived seed and their clock. Readable JSON.
 */
export function buildSubmission(input: SubmissionInput, order: readonly string[] = []): string {
  const ids = [...order.filter((id) => id in input.exercises), ...Object.keys(input.exercises)];
  const submission: SubmissionV2 = {
    version: 2,
    lab: input.lab,
    labHash: input.labHash,
    learner: input.learner,
    seed: input.seed,
    submittedAt: input.submittedAt,
    exercises: Object.fromEntries(
      [...new Set(ids)].map((id) => {
        const w = input.exercises[id]!;
        return [
          id,
          {
            lines: [...w.lines],
            ...(w.answer !== undefined ? { answer: w.answer } : {}),
            hintsOpened: w.hintsOpened ?? 0,
            solutionRevealed: w.solutionRevealed ?? false,
          },
        ];
      }),
    ),
  };
  return `${JSON.stringify(submission, null, 2)}\n`;
}

/** The file name a submission is saved as: one per learner per lab, so a second download replaces the first. */
export function submissionFileName(lab: string, learner: string): string {
  return `${lab}--${learner}.json`;
}

/** An ISO 8601 time with the local offset, from a time and the minutes the zone is ahead of UTC. */
export function localIsoTime(at: number, offsetMinutes: number): string {
  const local = new Intl.DateTimeFormat('sv-SE', {
    timeZone: 'UTC',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hourCycle: 'h23',
  })
    .format(at + offsetMinutes * 60_000)
    .replace(' ', 'T');
  const sign = offsetMinutes < 0 ? '-' : '+';
  const m = Math.abs(offsetMinutes);
  return `${local}${sign}${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
}
