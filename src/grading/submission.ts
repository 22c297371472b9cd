/**
 * Reading a learner's submission: size first, then JSON, then the strict schema, then whether it
 * belongs to this lab. A submission carries what the learner typed, never a result: a field such as
 * "passed" or "score" is rejected by name, because the grader computes results itself.
 */
import { submissionSchema, SUBMISSION_LIMITS, type Attempt, type Lab, type Submission } from './schema';
import { fieldProblems } from './issues';

/** Either a submission fit for grading, or why the file was rejected (one sentence). */
export type SubmissionRead = { ok: true; submission: Submission } | { ok: false; error: string };

/** Validate a submission file's text for `lab`. `size` is the file's length in bytes, checked before parsing. */
export function readSubmission(text: string, lab: Lab, size = text.length): SubmissionRead {
  if (size > SUBMISSION_LIMITS.bytes)
    return { ok: false, error: `the file is ${size} bytes; a submission is at most ${SUBMISSION_LIMITS.bytes} bytes` };
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    return { ok: false, error: `not JSON: ${e instanceof Error ? e.message : String(e)}` };
  }
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

/** The submission file a learner hands in: their lines (and answers) per exercise, the seed and the lab id. */
export function buildSubmission(
  lab: string,
  learner: string,
  seed: number,
  exercises: Readonly<Record<string, Attempt>>,
): string {
  const submission: Submission = {
    version: 1,
    lab,
    learner,
    seed,
    exercises: Object.fromEntries(
      Object.entries(exercises).map(([id, a]) => [
        id,
        { lines: [...a.lines], ...(a.answer !== undefined ? { answer: a.answer } : {}) },
      ]),
    ),
  };
  return `${JSON.stringify(submission, null, 2)}\n`;
}
