/**
 * The labs as the site builds them: every `labs/*.yaml` parsed with the same code as `netlab check`
 * (and every lesson's exercise file read raw and parsed the same way), so the lab sheet, the
 * grading page and the CLI agree on each lab's exercises, content hash and seeds. Build time only.
 */
import {
  labContentHash,
  parseExerciseFile,
  parseLabFile,
  rosterOf,
  type Lab,
  type LoadedExercise,
  type RosterEntry,
} from '../../grading';

const labFiles = import.meta.glob('/labs/*.{yaml,yml}', { query: '?raw', import: 'default', eager: true }) as Record<
  string,
  string
>;
const rosterFiles = import.meta.glob('/labs/**/*.{txt,csv,tsv}', {
  query: '?raw',
  import: 'default',
  eager: true,
}) as Record<string, string>;
const exerciseFiles = import.meta.glob('/src/content/lessons/*.exercises.yaml', {
  query: '?raw',
  import: 'default',
  eager: true,
}) as Record<string, string>;
const lessonFiles = import.meta.glob('/src/content/lessons/*.{md,mdx}');

/** A lab with what its pages need. */
export interface SiteLab {
  lab: Lab;
  hash: string;
  roster: RosterEntry[];
  /** The lab's exercises, in lab order. */
  exercises: LoadedExercise[];
}

function loadExercises(): Map<string, LoadedExercise> {
  const all = new Map<string, LoadedExercise>();
  for (const [path, text] of Object.entries(exerciseFiles)) {
    const { exercises, problems } = parseExerciseFile(path.slice(1), text);
    if (problems.length) throw new Error(problems.map((p) => `${p.file}: ${p.message}`).join('\n'));
    for (const ex of exercises) all.set(ex.id, ex);
  }
  return all;
}

let cache: SiteLab[] | undefined;

/** Every lab, by week then id; a broken lab fails the build with `netlab check`'s messages. */
export function siteLabs(): SiteLab[] {
  if (cache) return cache;
  const exercises = loadExercises();
  const lessons = new Set(
    Object.keys(lessonFiles).map((p) =>
      p
        .split('/')
        .pop()!
        .replace(/\.mdx?$/, ''),
    ),
  );
  const labs: SiteLab[] = [];
  for (const [path, text] of Object.entries(labFiles)) {
    const dir = path.slice(0, path.lastIndexOf('/') + 1);
    const { lab, problems } = parseLabFile(path.slice(1), text, exercises, {
      readRelative: (rel) => rosterFiles[`${dir}${rel}`.replace(/\/\.\//g, '/')],
      lessons,
    });
    if (!lab) throw new Error(problems.map((p) => `${p.file}: ${p.field ?? ''}: ${p.message}`).join('\n'));
    labs.push({
      lab,
      hash: labContentHash(lab, exercises),
      roster: rosterOf(lab),
      exercises: lab.exercises.map((ref) => exercises.get(ref.id)!),
    });
  }
  cache = labs.sort((a, b) => a.lab.week - b.lab.week || a.lab.id.localeCompare(b.lab.id));
  return cache;
}

/** The total points of a lab. */
export function totalPoints(lab: Lab): number {
  return lab.exercises.reduce((n, e) => n + e.points, 0);
}
