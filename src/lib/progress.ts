/**
 * Read-only view of the learner's progress for the site chrome (completion marks in the lesson
 * list). The progress store itself belongs to the exercise code; this only reads its key, and
 * defensively: private mode, a full quota, or a value written by an older or newer version must
 * never break a page, so anything unexpected reads as "no progress".
 */

/** localStorage key of the progress store, shape `StoredProgress`. */
export const PROGRESS_KEY = 'netlab:progress:v1';

/** What the progress store writes under PROGRESS_KEY. */
export interface StoredProgress {
  version: 1;
  exercises: Record<string, { passedAt: string; lesson: string }>;
}

/**
 * Ids of lessons with at least one passed exercise, from the raw stored JSON.
 * For now a lesson counts as complete as soon as one of its exercises has passed; a later issue
 * settles the rule once lessons declare their exercises.
 */
export function lessonsWithPassedExercise(raw: string | null): Set<string> {
  const done = new Set<string>();
  if (raw === null) return done;
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    return done;
  }
  if (!isRecord(parsed) || parsed.version !== 1 || !isRecord(parsed.exercises)) return done;
  for (const entry of Object.values(parsed.exercises)) {
    if (isRecord(entry) && typeof entry.lesson === 'string' && typeof entry.passedAt === 'string') {
      done.add(entry.lesson);
    }
  }
  return done;
}

/** Completed lesson ids from a Storage (localStorage in the browser); empty if storage is unusable. */
export function readCompletedLessons(storage: Pick<Storage, 'getItem'> | undefined): Set<string> {
  try {
    return lessonsWithPassedExercise(storage?.getItem(PROGRESS_KEY) ?? null);
  } catch {
    // Safari private mode and sandboxed iframes throw on access.
    return new Set();
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
