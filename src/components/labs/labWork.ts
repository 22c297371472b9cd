/**
 * What a learner did on a lab sheet, kept in the browser until they download their submission: per
 * exercise the command lines typed in its terminal (in order, since it was last started), the find
 * answer, the hints opened and whether the solution was revealed. One store per lab and learner
 * (`netlab:lab:v1:<lab>:<learner>`), validated on every read like the progress store: a bad field
 * is dropped, the rest kept; storage that throws only means nothing is remembered.
 */
import type { ExerciseWork } from '../../grading/handin';

export const LAB_WORK_VERSION = 1;

/** The key of one learner's work on one lab. */
export function labWorkKey(lab: string, learner: string): string {
  return `netlab:lab:v1:${lab}:${learner.toLowerCase()}`;
}

/** The key remembering which learner last worked on a lab in this browser. */
export function lastLearnerKey(lab: string): string {
  return `netlab:lab:v1:${lab}:learner`;
}

/** One learner's work on one lab. */
export interface LabWork {
  version: 1;
  exercises: Record<string, ExerciseWork>;
}

export type WorkStorage = Pick<Storage, 'getItem' | 'setItem'>;

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** One exercise's work, field by field; what is not the right shape is left out. */
function readEntry(raw: unknown): ExerciseWork | undefined {
  if (!isRecord(raw)) return undefined;
  const lines = Array.isArray(raw.lines) ? raw.lines.filter((l): l is string => typeof l === 'string') : [];
  const work: ExerciseWork = { lines };
  if (typeof raw.answer === 'string') work.answer = raw.answer;
  if (Number.isInteger(raw.hintsOpened) && (raw.hintsOpened as number) >= 0)
    work.hintsOpened = raw.hintsOpened as number;
  if (raw.solutionRevealed === true) work.solutionRevealed = true;
  return work;
}

/** Parse stored text; anything unreadable reads as no work yet. */
export function parseLabWork(text: string | null): LabWork {
  const empty: LabWork = { version: LAB_WORK_VERSION, exercises: {} };
  if (text === null) return empty;
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    return empty;
  }
  if (!isRecord(data) || data.version !== LAB_WORK_VERSION || !isRecord(data.exercises)) return empty;
  const exercises: Record<string, ExerciseWork> = {};
  for (const [id, raw] of Object.entries(data.exercises)) {
    const entry = readEntry(raw);
    if (entry) exercises[id] = entry;
  }
  return { version: LAB_WORK_VERSION, exercises };
}

export function readLabWork(storage: WorkStorage | null, lab: string, learner: string): LabWork {
  try {
    return parseLabWork(storage?.getItem(labWorkKey(lab, learner)) ?? null);
  } catch {
    return parseLabWork(null);
  }
}

/** Store the work; false when storage refused. */
export function writeLabWork(storage: WorkStorage | null, lab: string, learner: string, work: LabWork): boolean {
  try {
    if (!storage) return false;
    storage.setItem(labWorkKey(lab, learner), JSON.stringify(work));
    return true;
  } catch {
    return false;
  }
}

/** A new store with one exercise's entry changed by `change` (the argument is not modified). */
export function updateExercise(
  work: LabWork,
  exerciseId: string,
  change: (entry: ExerciseWork) => ExerciseWork,
): LabWork {
  const entry = work.exercises[exerciseId] ?? { lines: [] };
  return { ...work, exercises: { ...work.exercises, [exerciseId]: change({ ...entry, lines: [...entry.lines] }) } };
}

/** The shell history of an emulator snapshot's first (the terminal's) session: the lines typed, in order. */
export function historyOf(snapshot: unknown): string[] | undefined {
  const shells = isRecord(snapshot) ? snapshot.shells : undefined;
  const first = Array.isArray(shells) ? shells[0] : undefined;
  const history = isRecord(first) ? first.history : undefined;
  return Array.isArray(history) ? history.filter((l): l is string => typeof l === 'string') : undefined;
}
