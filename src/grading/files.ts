/**
 * Exercise and lab files from their text: YAML parsed, then validated by the schemas, every problem
 * reported as `FILE: exercise ID: FIELD: message`. Pure (the caller reads the files), so the CLI and
 * the site share it: the site imports the YAML with `?raw` and calls the same functions.
 */
import { parseDocument } from 'yaml';
import type { z } from 'zod';
import { exerciseFileSchema, labSchema, type Exercise, type Lab, type RosterEntry } from './schema';
import { parseRosterText } from './roster';
import { fieldPath, fieldProblems } from './issues';

/** Where exercise files live, beside their lesson: `<lessonId>.exercises.yaml`. */
export const EXERCISE_FILE_SUFFIX = '.exercises.yaml';

/** A problem in an exercise or lab file. */
export interface FileProblem {
  file: string;
  /** The exercise id (short, as in the file) when the problem belongs to one exercise. */
  exercise?: string;
  /** Field path inside the exercise (or the file), e.g. `checks[1].table`. */
  field?: string;
  message: string;
}

/** One exercise with the ids and file it came from. */
export interface LoadedExercise {
  /** Stable full id: `<lessonId>/<exerciseId>`. */
  id: string;
  lessonId: string;
  file: string;
  exercise: Exercise;
}

/** A problem as the one line `netlab check` prints. */
export function formatProblem(p: FileProblem): string {
  return [p.file, p.exercise !== undefined ? `exercise ${p.exercise}` : undefined, p.field || undefined, p.message]
    .filter((s) => s !== undefined)
    .join(': ');
}

/** The lesson id of an exercise file path (`src/content/lessons/services.exercises.yaml` → `services`). */
export function lessonIdOf(file: string): string {
  const base = file.split('/').pop() ?? file;
  return base.endsWith(EXERCISE_FILE_SUFFIX)
    ? base.slice(0, -EXERCISE_FILE_SUFFIX.length)
    : base.replace(/\.ya?ml$/, '');
}

/** Parse YAML text; syntax errors become problems with their line. */
function parseYaml(file: string, text: string): { value?: unknown; problems: FileProblem[] } {
  const doc = parseDocument(text, { prettyErrors: true });
  if (doc.errors.length) {
    return {
      problems: doc.errors.map((e) => ({
        file,
        message: `YAML syntax: ${(e.message.split('\n')[0] ?? '').replace(/:$/, '')}`,
      })),
    };
  }
  return { value: doc.toJS(), problems: [] };
}

/** Schema problems of an exercise list, attributed to the exercise (by its id when it has one). */
function exerciseProblems(file: string, raw: unknown, error: z.ZodError): FileProblem[] {
  return fieldProblems(error).map((p, k) => {
    const path = error.issues[k]!.path;
    const [first, ...rest] = path;
    if (typeof first !== 'number') return { file, message: p.message };
    const item = Array.isArray(raw) ? (raw[first] as { id?: unknown } | undefined) : undefined;
    const exercise = typeof item?.id === 'string' ? item.id : `#${first + 1}`;
    return { file, exercise, field: fieldPath(rest), message: p.message };
  });
}

/** Parse and validate one lesson's exercise file. */
export function parseExerciseFile(
  file: string,
  text: string,
): { exercises: LoadedExercise[]; problems: FileProblem[] } {
  const { value, problems } = parseYaml(file, text);
  if (problems.length) return { exercises: [], problems };
  const parsed = exerciseFileSchema.safeParse(value);
  if (!parsed.success) return { exercises: [], problems: exerciseProblems(file, value, parsed.error) };
  const lessonId = lessonIdOf(file);
  return {
    exercises: parsed.data.map((exercise) => ({ id: `${lessonId}/${exercise.id}`, lessonId, file, exercise })),
    problems: [],
  };
}

/** Where a lab's roster file and lessons are looked up (the CLI reads the disk; the site passes what it has). */
export interface LabContext {
  /** The text of a file named relative to the lab file, or undefined when it cannot be read. */
  readRelative?: (path: string) => string | undefined;
  /** The lesson ids that exist, to check `read`; leave out to skip that check. */
  lessons?: ReadonlySet<string>;
}

/**
 * Parse and validate a lab file against the exercises that exist. The lab id must match the file
 * name, so `labs/<id>.yaml` is always where a lab id points. A roster given as a file name is read
 * and replaced by its learners, so the lab returned always holds its roster as a list.
 */
export function parseLabFile(
  file: string,
  text: string,
  known: ReadonlyMap<string, LoadedExercise>,
  context: LabContext = {},
): { lab?: Lab; problems: FileProblem[] } {
  const { value, problems } = parseYaml(file, text);
  if (problems.length) return { problems };
  const parsed = labSchema.safeParse(value);
  if (!parsed.success)
    return {
      problems: fieldProblems(parsed.error).map((p) => ({
        file,
        ...(p.field ? { field: p.field } : {}),
        message: p.message,
      })),
    };
  const lab = parsed.data;
  const out: FileProblem[] = [];
  const base = (file.split('/').pop() ?? file).replace(/\.ya?ml$/, '');
  if (lab.id !== base)
    out.push({
      file,
      field: 'id',
      message: `the lab id "${lab.id}" does not match the file name (expected "${base}")`,
    });
  lab.exercises.forEach((ref, i) => {
    if (!known.has(ref.id))
      out.push({
        file,
        field: `exercises[${i}]`,
        message: `there is no exercise "${ref.id}" (ids are <lessonId>/<exerciseId>)`,
      });
  });
  if (context.lessons) {
    lab.read.forEach((item, i) => {
      if (!context.lessons!.has(item.lesson))
        out.push({ file, field: `read[${i}]`, message: `there is no lesson "${item.lesson}"` });
    });
  }
  if (typeof lab.roster === 'string') {
    const rosterText = context.readRelative?.(lab.roster);
    if (rosterText === undefined) {
      out.push({ file, field: 'roster', message: `cannot read the roster file "${lab.roster}"` });
    } else {
      const roster = parseRosterText(rosterText);
      for (const p of roster.problems) out.push({ file, field: 'roster', message: `${lab.roster}: ${p}` });
      lab.roster = roster.learners;
    }
  }
  return out.length ? { problems: out } : { lab, problems: [] };
}

/** A lab's roster as a list (empty when it has none). */
export function rosterOf(lab: Lab): RosterEntry[] {
  return Array.isArray(lab.roster) ? lab.roster : [];
}
