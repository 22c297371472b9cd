/**
 * A week's grading as the lead reads it: every file read and checked, the learner's seed derived
 * (never taken from the file), one submission per learner (the latest by the learner's clock), and
 * after the replays the summary: who is on the roster and did not submit, who was late (by their own
 * clock, so self-reported), who used hints or the solution, each exercise's pass rate and most
 * common failing check, copy evidence and seeds that are not the learner's. The same code serves
 * `netlab grade` and the grading page.
 */
import type { LoadedExercise } from './files';
import { LEARNER_ID, type Lab, type RosterEntry, type Submission } from './schema';
import { readSubmission } from './submission';
import { learnerSeed } from './identity';
import { findLearner } from './roster';
import { lateness } from './due';
import { findCopies, normaliseLine, type CopyPair } from './copies';
import type { GradeJobRequest } from './job';
import type { SubmissionGrade } from './lab';

/** A submission file as the host hands it over: its name and text (already size- and encoding-checked), or why it could not be read. */
export type SubmissionFile = { file: string; text: string; size?: number } | { file: string; error: string };

/** A file accepted for grading. */
export interface AcceptedFile {
  /** Position among the files given, for reports in that order. */
  index: number;
  file: string;
  submission: Submission;
  /** The learner id as on the roster when it is there (its spelling), else as in the file. */
  learner: string;
  /** The seed the file names, and the one the grader derived and replays with. */
  claimedSeed: number;
  seed: number;
}

/** Files after reading: the ones to grade (one per learner), the rejected ones, and the ones a later file replaced. */
export interface Intake {
  accepted: AcceptedFile[];
  /** `learner`: the id the file names, when it can be read at all (to tell the lead whose file it was). */
  rejected: { index: number; file: string; error: string; learner?: string }[];
  replaced: { file: string; learner: string; by: string }[];
}

/** Read and check every file, derive seeds, and keep one submission per learner. */
export function intake(lab: Lab, files: readonly SubmissionFile[], roster: readonly RosterEntry[]): Intake {
  const rejected: Intake['rejected'] = [];
  const byLearner = new Map<string, AcceptedFile>();
  const replaced: Intake['replaced'] = [];
  for (const [index, f] of files.entries()) {
    if ('error' in f) {
      rejected.push({ index, file: f.file, error: f.error });
      continue;
    }
    const read = readSubmission(f.text, lab, f.size);
    if (!read.ok) {
      const claimed = claimedLearner(f.text);
      rejected.push({ index, file: f.file, error: read.error, ...(claimed ? { learner: claimed } : {}) });
      continue;
    }
    const s = read.submission;
    const learner = findLearner(roster, s.learner)?.id ?? s.learner;
    const accepted: AcceptedFile = {
      index,
      file: f.file,
      submission: s,
      learner,
      claimedSeed: s.seed,
      seed: learnerSeed(lab.id, learner, lab.salt),
    };
    const key = learner.toLowerCase();
    const before = byLearner.get(key);
    if (!before) {
      byLearner.set(key, accepted);
      continue;
    }
    // A second download replaces the first: the later one by the learner's clock (else the later file given).
    const later = submittedAt(s) >= submittedAt(before.submission) ? accepted : before;
    const earlier = later === accepted ? before : accepted;
    byLearner.set(key, later);
    replaced.push({ file: earlier.file, learner, by: later.file });
  }
  return { accepted: [...byLearner.values()], rejected, replaced };
}

/** The learner id a file that failed validation names, if it is JSON with a plausible one. */
function claimedLearner(text: string): string | undefined {
  try {
    const learner = (JSON.parse(text.replace(/^\ufeff/, '')) as { learner?: unknown } | null)?.learner;
    return typeof learner === 'string' && LEARNER_ID.test(learner) ? learner : undefined;
  } catch {
    return undefined;
  }
}

function submittedAt(s: Submission): number {
  return s.version === 2 ? Date.parse(s.submittedAt) : 0;
}

/** The worker request for an accepted file. */
export function jobRequest(
  lab: Lab,
  exercises: ReadonlyMap<string, LoadedExercise>,
  file: AcceptedFile,
  stepBudget?: number,
): GradeJobRequest {
  return {
    lab: { id: lab.id, exercises: lab.exercises },
    exercises: Object.fromEntries(lab.exercises.map((ref) => [ref.id, exercises.get(ref.id)!.exercise])),
    submission: file.submission,
    seed: file.seed,
    from: 0,
    ...(stepBudget !== undefined ? { stepBudget } : {}),
  };
}

/** Help a learner used on one exercise (version 2 submissions record it). */
export interface HelpUsed {
  exercise: string;
  hints: number;
  solution: boolean;
}

/** One line of the report per learner: graded, on the roster without a submission, or not on the roster. */
export interface LearnerReport {
  learner: string;
  name?: string;
  onRoster: boolean;
  /** `rejected`: on the roster, and the only file naming them was rejected. */
  status: 'graded' | 'missing' | 'rejected';
  file?: string;
  /** Position of the file among those given. */
  index?: number;
  grade?: SubmissionGrade;
  /** The learner's clock when they made the file (version 2). */
  submittedAt?: string;
  /** Self-reported lateness: after the due time by the learner's own clock. */
  late?: string;
  help: HelpUsed[];
  /** Things the lead should look at: a seed that is not theirs, an older lab, not on the roster, copies. */
  notes: string[];
}

/** How one exercise went across the group. */
export interface ExerciseSummary {
  exerciseId: string;
  title: string;
  points: number;
  passed: number;
  graded: number;
  /** The check that failed first most often (its title, or "not attempted"), and how often. */
  commonFailure?: { check: string; count: number };
}

/** Everything the lead reads for a week. */
export interface LabReport {
  lab: Pick<Lab, 'id' | 'title' | 'week'>;
  labHash: string;
  learners: LearnerReport[];
  rejected: Intake['rejected'];
  replaced: Intake['replaced'];
  exercises: ExerciseSummary[];
  copies: CopyPair[];
}

/** Who holds a seed, among the roster (for "it is bob's seed"). */
function seedOwner(lab: Lab, roster: readonly RosterEntry[], seed: number, except: string): string | undefined {
  return roster.find((e) => e.id.toLowerCase() !== except.toLowerCase() && learnerSeed(lab.id, e.id, lab.salt) === seed)
    ?.id;
}

/** Put the graded files and the roster together into the week's report. */
export function labReport(
  lab: Lab,
  exercises: ReadonlyMap<string, LoadedExercise>,
  labHash: string,
  roster: readonly RosterEntry[],
  taken: Intake,
  grades: readonly SubmissionGrade[],
): LabReport {
  const learners: LearnerReport[] = [];
  const graded = taken.accepted.map((file, i) => ({ file, grade: grades[i]! }));
  const byKey = new Map(graded.map((g) => [g.file.learner.toLowerCase(), g]));
  const report = (file: AcceptedFile, grade: SubmissionGrade, entry: RosterEntry | undefined): LearnerReport => {
    const s = file.submission;
    const notes: string[] = [];
    if (!entry && roster.length) notes.push('not on the roster');
    if (file.claimedSeed !== file.seed) {
      const owner = seedOwner(lab, roster, file.claimedSeed, file.learner);
      notes.push(
        `seed ${file.claimedSeed} in the file is not ${file.learner}'s (${file.seed})${owner ? `: it is ${owner}'s` : ''}`,
      );
    }
    if (s.version === 2 && s.labHash !== labHash)
      notes.push(`made against an older version of the lab (${s.labHash}, now ${labHash})`);
    if (s.version === 1) notes.push('version 1 file: no lab hash, time or help record');
    const help: HelpUsed[] =
      s.version === 2
        ? Object.entries(s.exercises)
            .filter(([, e]) => e.hintsOpened > 0 || e.solutionRevealed)
            .map(([exercise, e]) => ({ exercise, hints: e.hintsOpened, solution: e.solutionRevealed }))
        : [];
    const late = s.version === 2 ? lateness(lab.due, s.submittedAt) : { late: false };
    return {
      learner: file.learner,
      ...(entry?.name ? { name: entry.name } : {}),
      onRoster: entry !== undefined,
      status: 'graded',
      file: file.file,
      index: file.index,
      grade,
      ...(s.version === 2 ? { submittedAt: s.submittedAt } : {}),
      ...(late.late ? { late: late.by! } : {}),
      help,
      notes,
    };
  };
  for (const entry of roster) {
    const g = byKey.get(entry.id.toLowerCase());
    if (g) learners.push(report(g.file, g.grade, entry));
    else {
      const theirs = taken.rejected.filter((r) => r.learner?.toLowerCase() === entry.id.toLowerCase());
      learners.push({
        learner: entry.id,
        ...(entry.name ? { name: entry.name } : {}),
        onRoster: true,
        status: theirs.length ? 'rejected' : 'missing',
        help: [],
        notes: theirs.map((r) => `${r.file} rejected: ${r.error}`),
      });
    }
  }
  for (const g of graded) if (!findLearner(roster, g.file.learner)) learners.push(report(g.file, g.grade, undefined));

  const solutions = new Map(
    lab.exercises.map((ref) => [
      ref.id,
      new Set((exercises.get(ref.id)?.exercise.solution.lines ?? []).flatMap((l) => l.split('\n')).map(normaliseLine)),
    ]),
  );
  const copies = findCopies(
    graded.map((g) => ({
      label: g.file.learner,
      exercises: Object.fromEntries(Object.entries(g.file.submission.exercises).map(([id, e]) => [id, e.lines])),
    })),
    solutions,
  );
  for (const pair of copies) {
    for (const [me, other] of [
      [pair.a, pair.b],
      [pair.b, pair.a],
    ] as const) {
      learners
        .find((l) => l.learner === me && l.status === 'graded')
        ?.notes.push(
          `transcript ${pair.identical ? 'identical to' : `${Math.round(pair.similarity * 100)}% like`} ${other}'s`,
        );
    }
  }

  const summaries: ExerciseSummary[] = lab.exercises.map((ref, i) => {
    const rows = grades.map((g) => g.exercises[i]).filter((e) => e !== undefined);
    const failures = new Map<string, number>();
    for (const e of rows) {
      if (e.passed) continue;
      const check = e.result?.checks.find((c) => !c.passed);
      const key = check ? `${check.kind === 'find' ? 'answer' : 'check'} "${check.title}"` : e.reason.split(';')[0]!;
      failures.set(key, (failures.get(key) ?? 0) + 1);
    }
    const common = [...failures].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0];
    return {
      exerciseId: ref.id,
      title: exercises.get(ref.id)?.exercise.title ?? ref.id,
      points: ref.points,
      passed: rows.filter((e) => e.passed).length,
      graded: rows.length,
      ...(common ? { commonFailure: { check: common[0], count: common[1] } } : {}),
    };
  });

  return {
    lab: { id: lab.id, title: lab.title, week: lab.week },
    labHash,
    learners,
    rejected: taken.rejected,
    replaced: taken.replaced,
    exercises: summaries,
    copies,
  };
}
