/**
 * `netlab check`: validates every lesson exercise (`src/content/lessons/<lessonId>.exercises.yaml`)
 * and every lab (`labs/<id>.yaml`): schemas, then each exercise's behaviour (solution passes, the
 * untouched start fails, wrong attempts fail, setup runs cleanly) and each lab's exercise ids.
 * One line per problem, `FILE: exercise ID: FIELD: what is wrong`, then a summary; exit 1 on any.
 */
import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { basename, dirname, join, relative } from 'node:path';
import {
  EXERCISE_FILE_SUFFIX,
  formatProblem,
  parseExerciseFile,
  parseLabFile,
  type FileProblem,
  type LoadedExercise,
} from '../grading/files';
import { checkExercise } from '../grading/validate';
import type { Lab } from '../grading/schema';

/** Where exercise files and labs live, relative to the project root. */
export const LESSONS_DIR = 'src/content/lessons';
export const LABS_DIR = 'labs';

function filesUnder(dir: string, accept: (name: string) => boolean): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter(accept)
    .map((f) => join(dir, f))
    .sort();
}

/** Every exercise file under the project root, parsed: the exercises by full id, and the problems. */
export function loadExercises(root: string): {
  exercises: Map<string, LoadedExercise>;
  problems: FileProblem[];
  files: number;
} {
  const exercises = new Map<string, LoadedExercise>();
  const problems: FileProblem[] = [];
  const files = filesUnder(join(root, LESSONS_DIR), (f) => f.endsWith(EXERCISE_FILE_SUFFIX));
  for (const path of files) {
    const file = relative(root, path);
    const parsed = parseExerciseFile(file, readFileSync(path, 'utf8'));
    problems.push(...parsed.problems);
    for (const ex of parsed.exercises) exercises.set(ex.id, ex);
  }
  return { exercises, problems, files: files.length };
}

/** The ids of the lessons under the project root (`src/content/lessons/<id>.mdx`). */
export function lessonIds(root: string): Set<string> {
  return new Set(
    filesUnder(join(root, LESSONS_DIR), (f) => /\.mdx?$/.test(f)).map((f) => basename(f).replace(/\.mdx?$/, '')),
  );
}

/** Read and validate one lab file; `file` is shown in problems as given. A roster file is read beside it. */
export function loadLab(
  path: string,
  file: string,
  exercises: ReadonlyMap<string, LoadedExercise>,
  lessons?: ReadonlySet<string>,
): { lab?: Lab; problems: FileProblem[] } {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    return { problems: [{ file, message: `cannot read: ${(e as NodeJS.ErrnoException).code ?? String(e)}` }] };
  }
  return parseLabFile(file, text, exercises, {
    readRelative: (rel) => {
      try {
        return readFileSync(join(dirname(path), rel), 'utf8');
      } catch {
        return undefined;
      }
    },
    ...(lessons ? { lessons } : {}),
  });
}

/** Run `netlab check` on the project at `root`; writes lines through `out`, returns the exit status. */
export async function check(root: string, out: (line: string) => void): Promise<number> {
  const { exercises, problems } = loadExercises(root);
  for (const loaded of exercises.values()) problems.push(...(await checkExercise(loaded)));
  const labFiles = filesUnder(join(root, LABS_DIR), (f) => /^[^/]+\.ya?ml$/.test(f));
  const lessons = lessonIds(root);
  for (const path of labFiles)
    problems.push(...loadLab(path, relative(root, path), exercises, lessons.size ? lessons : undefined).problems);
  for (const p of problems) out(formatProblem(p));
  const counts = `${exercises.size} exercise${exercises.size === 1 ? '' : 's'}, ${labFiles.length} lab${labFiles.length === 1 ? '' : 's'}`;
  out(
    `netlab check: ${counts}: ${problems.length ? `${problems.length} problem${problems.length === 1 ? '' : 's'}` : 'all passed'}`,
  );
  return problems.length ? 1 : 0;
}
