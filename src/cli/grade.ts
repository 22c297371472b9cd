/**
 * `netlab grade LAB.yaml SUBMISSION.json|DIR... [--csv FILE] [--detail FILE] [--roster FILE] [--jobs N]`:
 * replay each learner's submission in its own worker thread and print who passed what and why,
 * then the week's summary (pass rates, who did not submit, lateness, help used, copy evidence).
 * A broken or tampered submission is listed with the reason it was rejected and the others are
 * still graded; only a broken lab stops the run. Results are reported as each submission finishes
 * (through `progress`), the table when all are done.
 * Exit: 0 when grading completed (whatever the learners scored), 1 for a broken lab or an unwritable
 * CSV file, 2 for a usage error.
 */
import {
  closeSync,
  constants,
  fstatSync,
  mkdtempSync,
  openSync,
  readdirSync,
  readSync,
  rmSync,
  statSync,
} from 'node:fs';
import { writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { formatProblem, rosterOf } from '../grading/files';
import { SUBMISSION_LIMITS, type RosterEntry } from '../grading/schema';
import { decodeSubmission } from '../grading/submission';
import { intake, jobRequest, labReport, type SubmissionFile } from '../grading/cohort';
import { labContentHash } from '../grading/identity';
import { gradeInWorkers, WALL_CLOCK_MS, type JobWorker } from '../grading/pool';
import type { GradeJobMessage } from '../grading/job';
import { reportDetailCsv, reportTable, reportWideCsv } from '../grading/report';
import { parseRosterText } from '../grading/roster';
import { printable } from '../grading/text';
import { loadExercises, loadLab, lessonIds } from './check';
import { readFileSync } from 'node:fs';

export const GRADE_USAGE =
  'usage: netlab grade LAB.yaml SUBMISSION.json|DIR... [--csv FILE] [--detail FILE] [--roster FILE] [--jobs N]\n';

/** Memory one grading worker may use before it is stopped (a runaway variable, not a lesson's cluster). */
const WORKER_HEAP_MB = 768;

interface GradeArgs {
  lab: string;
  submissions: string[];
  csv?: string;
  detail?: string;
  roster?: string;
  jobs?: number;
}

/** Parse `grade`'s arguments; a string is the error to print. */
export function parseGradeArgs(argv: string[]): GradeArgs | string {
  const files: string[] = [];
  const opts: Partial<Record<'csv' | 'detail' | 'roster' | 'jobs', string>> = {};
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    const m = /^--(csv|detail|roster|jobs)(?:=(.*))?$/.exec(a);
    if (m) {
      const value = m[2] ?? argv[++i];
      if (value === undefined) return `netlab grade: --${m[1]} needs a ${m[1] === 'jobs' ? 'number' : 'file name'}`;
      opts[m[1] as 'csv'] = value;
    } else if (a.startsWith('-') && a !== '-') return `netlab grade: unknown option "${a}"`;
    else files.push(a);
  }
  const [lab, ...submissions] = files;
  if (lab === undefined) return 'netlab grade: the lab file is missing';
  if (submissions.length === 0) return 'netlab grade: no submission files given';
  let jobs: number | undefined;
  if (opts.jobs !== undefined) {
    jobs = Number(opts.jobs);
    if (!Number.isInteger(jobs) || jobs < 1 || jobs > 64)
      return `netlab grade: --jobs must be a whole number from 1 to 64, not "${opts.jobs}"`;
  }
  return {
    lab,
    submissions,
    ...(opts.csv !== undefined ? { csv: opts.csv } : {}),
    ...(opts.detail !== undefined ? { detail: opts.detail } : {}),
    ...(opts.roster !== undefined ? { roster: opts.roster } : {}),
    ...(jobs !== undefined ? { jobs } : {}),
  };
}

/**
 * A submission file's text, checked before it is read: only a regular file (a FIFO, a device or a
 * symlink to one is refused; opened non-blocking so a FIFO cannot stall the run), at most the size
 * limit (read no further than that), UTF-8 (a byte order mark accepted).
 */
export function readSubmissionFile(path: string): SubmissionFile {
  let fd: number;
  try {
    fd = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch (e) {
    return { file: path, error: `cannot read: ${(e as NodeJS.ErrnoException).code ?? String(e)}` };
  }
  try {
    const st = fstatSync(fd);
    if (st.isDirectory()) return { file: path, error: 'is a directory' };
    if (!st.isFile()) {
      const kind = st.isFIFO()
        ? 'a FIFO'
        : st.isCharacterDevice() || st.isBlockDevice()
          ? 'a device'
          : st.isSocket()
            ? 'a socket'
            : 'not a regular file';
      return { file: path, error: `not a regular file (${kind}); a submission is a .json file` };
    }
    if (st.size > SUBMISSION_LIMITS.bytes)
      return {
        file: path,
        error: `the file is ${st.size} bytes; a submission is at most ${SUBMISSION_LIMITS.bytes} bytes`,
      };
    // Never more than the limit plus one byte, whatever the file grows to meanwhile.
    const buf = Buffer.alloc(Math.min(st.size, SUBMISSION_LIMITS.bytes) + 1);
    let length = 0;
    for (let n; length < buf.length && (n = readSync(fd, buf, length, buf.length - length, null)) > 0;) length += n;
    const decoded = decodeSubmission(buf.subarray(0, length));
    return 'error' in decoded ? { file: path, error: decoded.error } : { file: path, text: decoded.text, size: length };
  } catch (e) {
    return { file: path, error: `cannot read: ${(e as NodeJS.ErrnoException).code ?? String(e)}` };
  } finally {
    closeSync(fd);
  }
}

/** The submission files an argument stands for: itself, or the *.json files of a directory (sorted). */
function expand(arg: string): string[] {
  try {
    if (statSync(arg).isDirectory())
      return readdirSync(arg)
        .filter((f) => f.endsWith('.json'))
        .sort()
        .map((f) => join(arg, f));
  } catch {
    // Not there: reported as unreadable when read.
  }
  return [arg];
}

const WORKER_SOURCE = fileURLToPath(new URL('./gradeWorker.ts', import.meta.url));

/**
 * The grading worker as one JavaScript file: bundled once per run with esbuild (a quarter of a
 * second), because a worker started on the TypeScript sources spends about 1.7 s compiling them.
 */
async function workerScript(dir: string): Promise<{ file: string; execArgv?: string[] }> {
  try {
    const { build } = await import('esbuild');
    const file = join(dir, 'grade-worker.mjs');
    await build({
      entryPoints: [WORKER_SOURCE],
      bundle: true,
      platform: 'node',
      format: 'esm',
      outfile: file,
      logLevel: 'silent',
      banner: { js: "import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);" },
    });
    return { file, execArgv: [] };
  } catch {
    // No esbuild: run the sources through the loader this process runs under (tsx).
    return { file: WORKER_SOURCE };
  }
}

function nodeWorker(script: { file: string; execArgv?: string[] }): JobWorker {
  let worker: Worker | undefined;
  return {
    start(req, onMessage, onCrash) {
      worker = new Worker(script.file, {
        ...(script.execArgv ? { execArgv: script.execArgv } : {}),
        resourceLimits: { maxOldGenerationSizeMb: WORKER_HEAP_MB },
      });
      worker.on('message', (m: GradeJobMessage) => onMessage(m));
      worker.on('error', (e) =>
        onCrash(
          (e as NodeJS.ErrnoException).code === 'ERR_WORKER_OUT_OF_MEMORY'
            ? `the replay used more than ${WORKER_HEAP_MB} MB of memory`
            : e.message,
        ),
      );
      worker.on('exit', (code) => onCrash(`the grading worker exited (${code})`));
      worker.postMessage(req);
    },
    terminate() {
      void worker?.terminate();
    },
  };
}

export interface GradeCommandOptions {
  /** Wall-clock limit per exercise in ms (tests lower it). */
  wallClockMs?: number;
  /** Emulator steps per exercise. */
  stepBudget?: number;
}

/** The `grade` subcommand, for the project at `root`. `progress` gets one line per submission as it finishes. */
export async function gradeCommand(
  argv: string[],
  root: string,
  out: (s: string) => void,
  err: (s: string) => void,
  progress: (s: string) => void = () => undefined,
  options: GradeCommandOptions = {},
): Promise<number> {
  const args = parseGradeArgs(argv);
  if (typeof args === 'string') {
    err(`${args}\n${GRADE_USAGE}`);
    return 2;
  }
  const { exercises, problems: exerciseProblems } = loadExercises(root);
  const { lab, problems } = loadLab(args.lab, args.lab, exercises, lessonIds(root));
  if (!lab) {
    for (const p of problems) err(`${formatProblem(p)}\n`);
    // A broken exercise file makes its exercises unknown to the lab: show why.
    for (const p of exerciseProblems) err(`${formatProblem(p)}\n`);
    err(`netlab grade: the lab ${args.lab} is broken; nothing graded\n`);
    return 1;
  }
  let roster: RosterEntry[] = rosterOf(lab);
  if (args.roster !== undefined) {
    let text: string;
    try {
      text = readFileSync(args.roster, 'utf8');
    } catch (e) {
      err(`netlab grade: cannot read the roster ${args.roster}: ${(e as NodeJS.ErrnoException).code ?? String(e)}\n`);
      return 1;
    }
    const read = parseRosterText(text);
    for (const p of read.problems) err(`${args.roster}: ${p}\n`);
    roster = read.learners;
  }

  const files = args.submissions.flatMap(expand).map(readSubmissionFile);
  const taken = intake(lab, files, roster);
  for (const r of taken.rejected) progress(`netlab grade: rejected ${printable(r.file)}: ${printable(r.error)}\n`);
  const requests = taken.accepted.map((f) => jobRequest(lab, exercises, f, options.stepBudget));
  const dir = mkdtempSync(join(tmpdir(), 'netlab-grade-'));
  let grades;
  try {
    const script = requests.length ? await workerScript(dir) : { file: WORKER_SOURCE };
    let done = 0;
    grades = await gradeInWorkers(requests, {
      spawn: () => nodeWorker(script),
      concurrency: args.jobs ?? Math.max(1, Math.min(availableParallelism(), 4)),
      wallClockMs: options.wallClockMs ?? WALL_CLOCK_MS,
      onDone: (job, g) => {
        const passed = g.exercises.filter((e) => e.passed).length;
        progress(
          `netlab grade: [${++done}/${requests.length}] ${printable(taken.accepted[job]!.learner)} (${printable(taken.accepted[job]!.file)}): ${passed}/${g.exercises.length} passed, ${g.points}/${g.maxPoints} points\n`,
        );
      },
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  const report = labReport(lab, exercises, labContentHash(lab, exercises), roster, taken, grades);
  out(reportTable(report));
  for (const [file, text] of [
    [args.csv, () => reportWideCsv(report)],
    [args.detail, () => reportDetailCsv(report)],
  ] as const) {
    if (file === undefined) continue;
    try {
      writeFileSync(file, text());
    } catch (e) {
      err(`netlab grade: cannot write ${file}: ${(e as NodeJS.ErrnoException).code ?? String(e)}\n`);
      return 1;
    }
  }
  return 0;
}
