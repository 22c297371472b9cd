/**
 * Reading a learner's submission: size first, then the encoding (UTF-8, a byte order mark accepted),
 * then JSON, then the strict schema, then whether it belongs to this lab. A submission carries what
 * the learner typed, never a result: a field such as "passed" or "score" is rejected by name,
 * because the grader computes results itself.
 */
import { submissionSchema, SUBMISSION_LIMITS, type Lab, type Submission } from './schema';
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

export { buildSubmission, localIsoTime, submissionFileName } from './handin';
export type { ExerciseWork, SubmissionInput } from './handin';
