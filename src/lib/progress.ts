/**
 * The learner's progress: which exercises passed and when, how many checks it took, whether the
 * solution was looked at, and the learner's own seed. It lives in localStorage under one
 * versioned key and is validated with zod on every read: private mode, a full quota, or a value
 * written by another version or by hand must never break a page, and never lose more than it must.
 * A store with a bad field keeps everything else (one bad `attempts` loses that count, not the
 * learner's progress or seed); whatever had to be dropped or replaced, the raw text is first copied
 * to a backup key, and the caller gets a one-line notice to show, so the learner knows.
 *
 * Pure functions over a `Storage`-like object, so the rules are unit-tested in Node; the page code
 * (lesson list, progress panel, exercise island) only wires them to the DOM.
 */
import * as z from 'zod/mini';
import { progress as en } from '../i18n/en/progress';
import { progress as ko } from '../i18n/ko/progress';
import { localized } from '../i18n/client';

const t = localized(en, ko);

/** localStorage key of the progress store, shape `StoredProgress`. */
export const PROGRESS_KEY = 'netlab:progress:v1';

/** Where the raw text of a store that could not be read whole is copied before it is repaired or replaced. */
export const PROGRESS_BACKUP_KEY = 'netlab:progress:v1:backup';

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

/** Reading raw stored text: nothing yet, a valid store, a store repaired around bad fields, or one that must be replaced. */
export type ParsedProgress =
  | { kind: 'empty' }
  /**
   * `seeded`: the stored text had no seed and one was drawn; `repaired`: the fields that were bad
   * and dropped (the rest kept). Either way the store should be written back.
   */
  | { kind: 'ok'; progress: StoredProgress; seeded?: true; repaired?: string[] }
  | { kind: 'corrupt'; reason: string };

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/**
 * One exercise's entry, field by field: a bad field is dropped (attempts back to 0), the rest kept.
 * Undefined when the entry is not an object at all.
 */
function salvageEntry(id: string, raw: unknown, repaired: string[]): ExerciseProgress | undefined {
  const at = `exercises.${id}`;
  if (!isRecord(raw)) {
    repaired.push(at);
    return undefined;
  }
  const entry: ExerciseProgress = { lesson: lessonOf(id), attempts: 0 };
  const field = <K extends keyof typeof exerciseProgressSchema.shape>(key: K): void => {
    if (!(key in raw)) return;
    const ok = exerciseProgressSchema.shape[key].safeParse(raw[key]);
    if (ok.success && ok.data !== undefined) (entry as Record<string, unknown>)[key] = ok.data;
    else if (!ok.success) repaired.push(`${at}.${key}`);
  };
  field('lesson');
  field('attempts');
  field('passedAt');
  field('usedSolution');
  return entry;
}

/**
 * Validate stored text. A store of this version with some bad fields keeps the good ones and lists
 * the bad in `repaired`; a store without a (valid) seed gets one drawn from `random` (`seeded`).
 * Only text that is not JSON, not an object, or of another version is corrupt as a whole.
 */
export function parseProgress(raw: string | null, random: () => number = browserRandom): ParsedProgress {
  if (raw === null) return { kind: 'empty' };
  let data: unknown;
  try {
    data = JSON.parse(raw);
  } catch {
    return { kind: 'corrupt', reason: 'not valid JSON' };
  }
  if (!isRecord(data)) return { kind: 'corrupt', reason: 'unexpected value at top level' };
  const version = data.version;
  if (typeof version === 'number' && version !== PROGRESS_VERSION)
    return { kind: 'corrupt', reason: `unknown format version ${version}` };
  const parsed = storedProgressSchema.safeParse(data);
  if (parsed.success) {
    const { seed, ...rest } = parsed.data;
    if (seed === undefined)
      return { kind: 'ok', progress: { ...rest, seed: emptyProgress(random).seed }, seeded: true };
    return { kind: 'ok', progress: { ...rest, seed } };
  }
  if (version !== PROGRESS_VERSION) return { kind: 'corrupt', reason: 'unexpected value at version' };
  // Partly invalid: keep what is valid, field by field.
  const repaired: string[] = [];
  const exercises: Record<string, ExerciseProgress> = {};
  if (isRecord(data.exercises)) {
    for (const [id, entry] of Object.entries(data.exercises)) {
      const kept = salvageEntry(id, entry, repaired);
      if (kept) exercises[id] = kept;
    }
  } else if (data.exercises !== undefined) repaired.push('exercises');
  const seed = seedSchema.safeParse(data.seed);
  if (!seed.success && data.seed !== undefined) repaired.push('seed');
  const progress = { version: PROGRESS_VERSION, seed: seed.success ? seed.data : 0, exercises } as StoredProgress;
  if (!seed.success) progress.seed = emptyProgress(random).seed;
  return {
    kind: 'ok',
    progress,
    ...(seed.success ? {} : { seeded: true as const }),
    repaired,
  };
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
  return t.resetNotice(reason, PROGRESS_BACKUP_KEY);
}

/** The one-line notice shown where a store was kept except for some bad fields. */
export function repairNotice(fields: readonly string[]): string {
  const listed = fields.slice(0, 3).join(', ') + (fields.length > 3 ? t.andMore(fields.length - 3) : '');
  return t.repairNotice(listed, PROGRESS_BACKUP_KEY);
}

/** Copy the raw text of a store before it is repaired or replaced; best effort (storage may be full). */
function backup(storage: ProgressStorage | null | undefined, raw: string): void {
  try {
    storage?.setItem(PROGRESS_BACKUP_KEY, raw);
  } catch {
    // A full quota: the repaired store is still written; the notice says what was lost.
  }
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
    if (parsed.repaired?.length) {
      backup(storage, raw!);
      writeProgress(storage, parsed.progress);
      return { progress: parsed.progress, notice: repairNotice(parsed.repaired) };
    }
    if (parsed.seeded) writeProgress(storage, parsed.progress);
    return { progress: parsed.progress };
  }
  if (parsed.kind === 'corrupt') backup(storage, raw!);
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
  if (parsed.kind === 'empty') return { kind: 'refused', reason: t.fileEmpty };
  if (parsed.kind === 'corrupt') return { kind: 'refused', reason: t.notProgressFile(parsed.reason) };
  // An import is all or nothing: a file with bad fields is refused, not half-merged.
  if (parsed.repaired?.length)
    return { kind: 'refused', reason: t.notProgressFile(t.unexpectedValueAt(parsed.repaired[0]!)) };
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
