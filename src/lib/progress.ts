/**
 * The learner's progress: which exercises passed and when, how many checks it took, whether the
 * solution was looked at, and the learner's own seed. It lives in localStorage under one
 * versioned key and is validated with zod on every read: private mode, a full quota, or a value
 * written by another version or by hand must never break a page. A store that cannot be read is
 * replaced by a fresh one and the caller gets a one-line notice to show, so the learner knows.
 *
 * Pure functions over a `Storage`-like object, so the rules are unit-tested in Node; the page code
 * (lesson list, progress panel, exercise island) only wires them to the DOM.
 */
import * as z from 'zod/mini';

/** localStorage key of the progress store, shape `StoredProgress`. */
export const PROGRESS_KEY = 'netlab:progress:v1';

/** Format version of the stored shape; bumped (with the key) when the shape changes. */
export const PROGRESS_VERSION = 1;

/** The largest learner seed: small enough to read out loud, large enough that learners differ. */
export const MAX_SEED = 999_999;

const exerciseProgressSchema = z.object({
  /** Lesson the exercise belongs to (the part of its id before the slash), for completion marks. */
  lesson: z.string().check(z.minLength(1)),
  /** How many times Check was pressed for it (0 when an older writer left it out). */
  attempts: z._default(z.number().check(z.int(), z.nonnegative()), 0),
  /** ISO time of the first passing Check; absent while the exercise is tried but not passed. */
  passedAt: z.optional(z.string().check(z.minLength(1))),
  /** The solution was revealed before the exercise first passed: "solved with help". */
  usedSolution: z.optional(z.boolean()),
});

const seedSchema = z.number().check(z.int(), z.minimum(1), z.maximum(MAX_SEED));

const storedProgressSchema = z.object({
  version: z.literal(PROGRESS_VERSION),
  /**
   * The learner's seed: every exercise cluster is built with it, so find-task values differ between
   * learners. Optional when read, because the first version-1 writer did not store it: a store
   * without one keeps its exercises and gets a seed.
   */
  seed: z.optional(seedSchema),
  /** By full exercise id (`services/expose-web`). */
  exercises: z.record(z.string(), exerciseProgressSchema),
});

export type ExerciseProgress = z.infer<typeof exerciseProgressSchema>;
/** The progress as the site uses it: always with a seed. */
export type StoredProgress = z.infer<typeof storedProgressSchema> & { seed: number };

/** The slice of `Storage` used here (tests pass a Map-backed fake). */
export type ProgressStorage = Pick<Storage, 'getItem' | 'setItem'>;

/** Reading raw stored text: nothing yet, a valid store, or something that must be replaced. */
export type ParsedProgress =
  | { kind: 'empty' }
  /** `seeded`: the stored text had no seed and one was drawn; the store should be written back. */
  | { kind: 'ok'; progress: StoredProgress; seeded?: true }
  | { kind: 'corrupt'; reason: string };

/** Validate stored text; a store without a seed gets one drawn from `random` (and `seeded` says so). */
export function parseProgress(raw: string | null, random: () => number = browserRandom): ParsedProgress {
  if (raw === null) return { kind: 'empty' };
  let data: unknown;
  try {
    data = JSON.parse(raw);
  } catch {
    return { kind: 'corrupt', reason: 'not valid JSON' };
  }
  const version = (data as { version?: unknown } | null)?.version;
  if (typeof version === 'number' && version !== PROGRESS_VERSION)
    return { kind: 'corrupt', reason: `unknown format version ${version}` };
  const parsed = storedProgressSchema.safeParse(data);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return { kind: 'corrupt', reason: `unexpected value at ${issue?.path.join('.') || 'top level'}` };
  }
  const { seed, ...rest } = parsed.data;
  if (seed === undefined) return { kind: 'ok', progress: { ...rest, seed: emptyProgress(random).seed }, seeded: true };
  return { kind: 'ok', progress: { ...rest, seed } };
}

/** A fresh, empty store with a new learner seed drawn from `random` (a number in [0, 1)). */
export function emptyProgress(random: () => number): StoredProgress {
  return { version: PROGRESS_VERSION, seed: 1 + Math.floor(random() * MAX_SEED), exercises: {} };
}

/** Randomness for the learner seed; this is page code, not the deterministic emulator. */
function browserRandom(): number {
  const c = globalThis.crypto;
  if (c?.getRandomValues) return c.getRandomValues(new Uint32Array(1))[0]! / 2 ** 32;
  return Math.random();
}

/** What reading the store gave: the progress to use and, when the store had to be reset, the notice to show. */
export interface ProgressRead {
  progress: StoredProgress;
  notice?: string;
}

/** The one-line notice shown on the page where an unreadable store was found and reset. */
export function resetNotice(reason: string): string {
  return `Your saved progress could not be read (${reason}), so it was reset.`;
}

/**
 * Read the store, creating it (with a new seed) when there is none, and replacing it, with a
 * notice, when it is corrupt or of an unknown version. Storage that throws reads as a fresh store
 * that is not kept: the page works, it only forgets.
 */
export function readProgress(
  storage: ProgressStorage | null | undefined,
  random: () => number = browserRandom,
): ProgressRead {
  let raw: string | null = null;
  try {
    raw = storage?.getItem(PROGRESS_KEY) ?? null;
  } catch {
    // Safari private mode and sandboxed iframes throw on access.
    return { progress: emptyProgress(random) };
  }
  const parsed = parseProgress(raw, random);
  if (parsed.kind === 'ok') {
    if (parsed.seeded) writeProgress(storage, parsed.progress);
    return { progress: parsed.progress };
  }
  const progress = emptyProgress(random);
  writeProgress(storage, progress);
  return parsed.kind === 'corrupt' ? { progress, notice: resetNotice(parsed.reason) } : { progress };
}

/** Store progress; false when storage refused (private mode, full quota). */
export function writeProgress(storage: ProgressStorage | null | undefined, progress: StoredProgress): boolean {
  try {
    if (!storage) return false;
    storage.setItem(PROGRESS_KEY, JSON.stringify(progress));
    return true;
  } catch {
    return false;
  }
}

/** The lesson of a full exercise id (`services/expose-web` → `services`). */
export function lessonOf(exerciseId: string): string {
  const slash = exerciseId.indexOf('/');
  return slash < 0 ? exerciseId : exerciseId.slice(0, slash);
}

function entryFor(progress: StoredProgress, exerciseId: string): ExerciseProgress {
  return progress.exercises[exerciseId] ?? { lesson: lessonOf(exerciseId), attempts: 0 };
}

/**
 * Count one press of Check and, on the first pass, remember when (later passes keep the first
 * time). Returns a new store; the argument is not modified.
 */
export function recordCheck(
  progress: StoredProgress,
  exerciseId: string,
  passed: boolean,
  now: string,
): StoredProgress {
  const entry = entryFor(progress, exerciseId);
  const next: ExerciseProgress = { ...entry, attempts: entry.attempts + 1 };
  if (passed && next.passedAt === undefined) next.passedAt = now;
  return { ...progress, exercises: { ...progress.exercises, [exerciseId]: next } };
}

/** Remember that the solution was revealed; only counts before the exercise first passed. */
export function recordSolutionSeen(progress: StoredProgress, exerciseId: string): StoredProgress {
  const entry = entryFor(progress, exerciseId);
  if (entry.passedAt !== undefined || entry.usedSolution) return progress;
  return { ...progress, exercises: { ...progress.exercises, [exerciseId]: { ...entry, usedSolution: true } } };
}

/** How many of a lesson's exercises have passed. */
export function lessonProgress(
  progress: StoredProgress,
  exerciseIds: readonly string[],
): { passed: number; total: number } {
  const passed = exerciseIds.filter((id) => progress.exercises[id]?.passedAt !== undefined).length;
  return { passed, total: exerciseIds.length };
}

/** A lesson is complete when it has exercises and every one of them has passed. */
export function isLessonComplete(progress: StoredProgress, exerciseIds: readonly string[]): boolean {
  const { passed, total } = lessonProgress(progress, exerciseIds);
  return total > 0 && passed === total;
}

/** The store as the text of a downloadable file. */
export function exportProgress(progress: StoredProgress): string {
  return JSON.stringify(progress, null, 2) + '\n';
}

/** Importing a file: the merged store, or why the file was refused. */
export type ImportResult =
  { kind: 'ok'; progress: StoredProgress; added: number } | { kind: 'refused'; reason: string };

/**
 * Merge an exported file into the current store. Nothing is lost either way: an exercise passed
 * in either is passed, at the earlier time, with the larger attempt count. The file's seed is
 * adopted, because it is the learner's identity: the clusters (and find-task values) they had in
 * the browser they exported from.
 */
export function importProgress(current: StoredProgress, text: string): ImportResult {
  const parsed = parseProgress(text, () => 0);
  if (parsed.kind === 'empty') return { kind: 'refused', reason: 'the file is empty' };
  if (parsed.kind === 'corrupt')
    return { kind: 'refused', reason: `the file is not a k8s-netlab progress file (${parsed.reason})` };
  const exercises = { ...current.exercises };
  let added = 0;
  for (const [id, theirs] of Object.entries(parsed.progress.exercises)) {
    const ours = exercises[id];
    if (theirs.passedAt !== undefined && ours?.passedAt === undefined) added++;
    exercises[id] = ours ? mergeEntry(ours, theirs) : theirs;
  }
  const seed = parsed.seeded ? current.seed : parsed.progress.seed;
  return { kind: 'ok', progress: { version: PROGRESS_VERSION, seed, exercises }, added };
}

function mergeEntry(a: ExerciseProgress, b: ExerciseProgress): ExerciseProgress {
  // The earlier pass wins, and with it whether that pass used the solution.
  const first = b.passedAt !== undefined && (a.passedAt === undefined || b.passedAt < a.passedAt) ? b : a;
  const merged: ExerciseProgress = { lesson: a.lesson, attempts: Math.max(a.attempts, b.attempts) };
  if (first.passedAt !== undefined) merged.passedAt = first.passedAt;
  const usedSolution = first.passedAt !== undefined ? first.usedSolution : a.usedSolution || b.usedSolution;
  if (usedSolution) merged.usedSolution = true;
  return merged;
}
