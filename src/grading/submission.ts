/**
 * Reading a learner's submission: size first, then the encoding (UTF-8, a byte order mark accepted),
 * then JSON, then the strict schema, then whether it belongs to this lab. A submission carries what
 * the learner typed, never a result: a field such as "passed" or "score" is rejected by name,
 * because the grader computes results itself.
 */
import {
  submissionSchema,
  SUBMISSION_LIMITS,
  type Attempt,
  type Lab,
  type Submission,
  type SubmissionV2,
} from './schema';
import { fieldProblems } from './issues';

/** Either a submission fit for grading, or why the file was rejected (one sentence). */
export type SubmissionRead = { ok: true; submission: Submission } | { ok: false; error: string };

/** The text of a submission file's bytes, or why they are not a submission's text. */
export function decodeSubmission(bytes: Uint8Array): { text: string } | { error: string } {
  if (bytes.length > SUBMISSION_LIMITS.bytes) return { error: tooBig(bytes.length) };
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff))
    return { error: 'the file is UTF-16 text; a submission is UTF-8 (save it again as UTF-8)' };
  try {
    // TextDecoder drops a UTF-8 byte order mark (ignoreBOM is false), as editors on Windows write one.
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes) };
  } catch {
    return { error: 'the file is not UTF-8 text' };
  }
}

function tooBig(size: number): string {
  return `the file is ${size} bytes; a submission is at most ${SUBMISSION_LIMITS.bytes} bytes`;
}

/** Validate a submission file's text for `lab`. `size` is the file's length in bytes, checked before parsing. */
export function readSubmission(text: string, lab: Lab, size = text.length): SubmissionRead {
  if (size > SUBMISSION_LIMITS.bytes) return { ok: false, error: tooBig(size) };
  let raw: unknown;
  try {
    raw = JSON.parse(text.replace(/^\ufeff/, ''));
  } catch (e) {
    return { ok: false, error: `not JSON: ${e instanceof Error ? e.message : String(e)}` };
  }
  const version = (raw as { version?: unknown } | null)?.version;
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw))
    return { ok: false, error: 'not a submission: the file holds JSON, but not an object' };
  if (version !== 1 && version !== 2)
    return {
      ok: false,
      error: `version: version must be 1 or 2${version === undefined ? '' : `, not ${JSON.stringify(version).slice(0, 20)}`}`,
    };
  const parsed = submissionSchema.safeParse(raw);
  if (!parsed.success) {
    const problems = fieldProblems(parsed.error).map((p) => (p.field ? `${p.field}: ${p.message}` : p.message));
    const claims = parsed.error.issues.some((i) => i.code === 'unrecognized_keys');
    return {
      ok: false,
      error: `${problems.join('; ')}${claims ? ' (a submission holds command lines and answers only; results are computed by the grader, never claimed)' : ''}`,
    };
  }
  const submission = parsed.data;
  if (submission.lab !== lab.id)
    return { ok: false, error: `the submission is for lab "${submission.lab}", not "${lab.id}"` };
  const known = new Set(lab.exercises.map((e) => e.id));
  const unknown = Object.keys(submission.exercises).filter((id) => !known.has(id));
  if (unknown.length) {
    return {
      ok: false,
      error: `unknown exercise${unknown.length > 1 ? 's' : ''} ${unknown.map((id) => `"${id}"`).join(', ')} (lab ${lab.id} has ${[...known].join(', ')})`,
    };
  }
  return { ok: true, submission };
}

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
