/**
 * `netlab grade LAB.yaml SUBMISSION.json... [--csv FILE]`: replay each learner's submission in fresh
 * emulators and print who passed what and why. A broken or tampered submission is listed with the
 * reason it was rejected and the others are still graded; only a broken lab stops the run.
 * Exit: 0 when grading completed (whatever the learners scored), 1 for a broken lab or an unwritable
 * CSV file, 2 for a usage error.
 */
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { formatProblem } from '../grading/files';
import { gradeSubmission } from '../grading/lab';
import { readSubmission } from '../grading/submission';
import { reportCsv, reportTable, type GradedFile } from '../grading/report';
import type { ReplayOptions } from '../grading/replay';
import { SUBMISSION_LIMITS } from '../grading/schema';
import { loadExercises, loadLab } from './check';

export const GRADE_USAGE = 'usage: netlab grade LAB.yaml SUBMISSION.json... [--csv FILE]\n';

/** Wall-clock budget for replaying one exercise of one submission (a runaway loop stops here). */
export const REPLAY_BUDGET_MS = 20_000;

interface GradeArgs {
  lab: string;
  submissions: string[];
  csv?: string;
}

/** Parse `grade`'s arguments; a string is the error to print. */
export function parseGradeArgs(argv: string[]): GradeArgs | string {
  const files: string[] = [];
  let csv: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--csv') {
      csv = argv[++i];
      if (csv === undefined) return 'netlab grade: --csv needs a file name';
    } else if (a.startsWith('--csv=')) csv = a.slice('--csv='.length);
    else if (a.startsWith('-') && a !== '-') return `netlab grade: unknown option "${a}"`;
    else files.push(a);
  }
  const [lab, ...submissions] = files;
  if (lab === undefined) return 'netlab grade: the lab file is missing';
  if (submissions.length === 0) return 'netlab grade: no submission files given';
  return { lab, submissions, ...(csv !== undefined ? { csv } : {}) };
}

/** Replay options that bound one exercise's replay in wall time and let the timer fire. */
function replayBudget(): ReplayOptions {
  let last = performance.now();
  return {
    signal: AbortSignal.timeout(REPLAY_BUDGET_MS),
    // The shell only sees an abort when it yields; yield to the event loop every 50 ms of work.
    yieldToHost: () => {
      if (performance.now() - last < 50) return;
      last = performance.now();
      return new Promise<void>((resolve) => setImmediate(resolve));
    },
  };
}

function readText(file: string): { text: string; size: number } | { error: string } {
  try {
    const size = statSync(file).size;
    // Too big to be a submission: reject before reading it into memory.
    return { size, text: size > SUBMISSION_LIMITS.bytes ? '' : readFileSync(file, 'utf8') };
  } catch (e) {
    return { error: `cannot read: ${(e as NodeJS.ErrnoException).code ?? String(e)}` };
  }
}

/** The `grade` subcommand, for the project at `root`. */
export async function gradeCommand(
  argv: string[],
  root: string,
  out: (s: string) => void,
  err: (s: string) => void,
): Promise<number> {
  const args = parseGradeArgs(argv);
  if (typeof args === 'string') {
    err(`${args}\n${GRADE_USAGE}`);
    return 2;
  }
  const { exercises, problems: exerciseProblems } = loadExercises(root);
  const { lab, problems } = loadLab(args.lab, args.lab, exercises);
  if (!lab) {
    for (const p of problems) err(`${formatProblem(p)}\n`);
    // A broken exercise file makes its exercises unknown to the lab: show why.
    for (const p of exerciseProblems) err(`${formatProblem(p)}\n`);
    err(`netlab grade: the lab ${args.lab} is broken; nothing graded\n`);
    return 1;
  }
  const graded: GradedFile[] = [];
  for (const file of args.submissions) {
    const read = readText(file);
    if ('error' in read) {
      graded.push({ file, error: read.error });
      continue;
    }
    const sub = readSubmission(read.text, lab, read.size);
    if (!sub.ok) {
      graded.push({ file, error: sub.error });
      continue;
    }
    try {
      graded.push({ file, grade: await gradeSubmission(lab, exercises, sub.submission, { replay: replayBudget }) });
    } catch (e) {
      // An emulator failure on one submission must not lose the others' grades.
      graded.push({ file, error: `replay failed: ${e instanceof Error ? e.message : String(e)}` });
    }
  }
  out(reportTable(graded));
  if (args.csv !== undefined) {
    try {
      writeFileSync(args.csv, reportCsv(graded));
    } catch (e) {
      err(`netlab grade: cannot write ${args.csv}: ${(e as NodeJS.ErrnoException).code ?? String(e)}\n`);
      return 1;
    }
  }
  return 0;
}
