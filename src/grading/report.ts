/**
 * The grade report `netlab grade` prints and the grading page downloads: the table (one row per
 * learner and exercise, a total per learner, one row per learner on the roster who did not submit
 * and per rejected file), the week's summary below it, and two CSV files: wide (one row per learner,
 * numeric columns, for a spreadsheet) and long (the table's rows in detail). Every cell that came
 * from a submission is made printable first; CSV files start with a UTF-8 byte order mark so that
 * spreadsheet programs read Hangul and other scripts right.
 */
import type { LabReport, LearnerReport } from './cohort';
import { alignedTable, printable } from './text';

export const REPORT_HEADER = ['LEARNER', 'EXERCISE', 'RESULT', 'POINTS', 'REASON'] as const;

/** Byte order mark that starts every CSV file. */
export const CSV_BOM = '\ufeff';

/** Whether any learner has a name on the roster (the table then gets a NAME column). */
function hasNames(report: LabReport): boolean {
  return report.learners.some((l) => l.name !== undefined);
}

type Entry = { kind: 'learner'; l: LearnerReport } | { kind: 'rejected'; file: string; error: string };

/** Learners on the roster first, in roster order; then everything else in the order the files were given. */
function entries(report: LabReport): Entry[] {
  const rostered: Entry[] = report.learners.filter((l) => l.onRoster).map((l) => ({ kind: 'learner', l }));
  const attributed = new Set(
    report.learners.filter((l) => l.status === 'rejected').map((l) => l.learner.toLowerCase()),
  );
  const others: { index: number; e: Entry }[] = [
    ...report.learners
      .filter((l) => !l.onRoster)
      .map((l) => ({ index: l.index ?? 0, e: { kind: 'learner', l } as Entry })),
    ...report.rejected
      .filter((r) => !(r.learner && attributed.has(r.learner.toLowerCase())))
      .map((r) => ({ index: r.index, e: { kind: 'rejected', file: r.file, error: r.error } as Entry })),
  ];
  return [...rostered, ...others.sort((a, b) => a.index - b.index).map((o) => o.e)];
}

/** The table's rows (without the header): learner[, name], exercise, result, points, reason. */
export function reportRows(report: LabReport): string[][] {
  const names = hasNames(report);
  const rows: string[][] = [];
  const push = (learner: string, name: string | undefined, rest: string[]) =>
    rows.push(names ? [learner, name ?? '', ...rest] : [learner, ...rest]);
  const maxPoints = report.exercises.reduce((n, e) => n + e.points, 0);
  for (const e of entries(report)) {
    if (e.kind === 'rejected') {
      push(e.file, undefined, ['-', 'REJECTED', '-', e.error]);
      continue;
    }
    const { l } = e;
    if (l.status === 'missing') {
      push(l.learner, l.name, ['-', 'MISSING', `0/${maxPoints}`, 'no submission']);
      continue;
    }
    if (l.status === 'rejected') {
      for (const note of l.notes) push(l.learner, l.name, ['-', 'REJECTED', `0/${maxPoints}`, note]);
      continue;
    }
    const grade = l.grade!;
    for (const x of grade.exercises)
      push(l.learner, l.name, [x.exerciseId, x.passed ? 'PASS' : 'FAIL', `${x.points}/${x.maxPoints}`, x.reason]);
    push(l.learner, l.name, [
      'TOTAL',
      `${grade.exercises.filter((x) => x.passed).length}/${grade.exercises.length} passed`,
      `${grade.points}/${grade.maxPoints}`,
      '',
    ]);
  }
  return rows;
}

function percent(n: number, of: number): string {
  return of === 0 ? '-' : `${Math.round((100 * n) / of)}%`;
}

/** A learner's help, in words: `2 hints, 1 solution`. */
export function helpText(l: LearnerReport): string {
  const hints = l.help.reduce((n, h) => n + h.hints, 0);
  const solutions = l.help.filter((h) => h.solution).length;
  const parts = [
    hints ? `${hints} hint${hints === 1 ? '' : 's'}` : '',
    solutions ? `${solutions} solution${solutions === 1 ? '' : 's'}` : '',
  ];
  return parts.filter(Boolean).join(', ') || 'none';
}

/** The summary printed below the table: exercises, learners, copy evidence. */
export function reportSummary(report: LabReport): string {
  const out: string[] = [];
  const graded = report.learners.filter((l) => l.status === 'graded');
  if (graded.length) {
    out.push(
      alignedTable([
        ['EXERCISE', 'PASSED', 'PASS RATE', 'MOST COMMON FAILING CHECK'],
        ...report.exercises.map((e) => [
          e.exerciseId,
          `${e.passed}/${e.graded}`,
          percent(e.passed, e.graded),
          e.commonFailure ? `${e.commonFailure.check} (${e.commonFailure.count})` : '',
        ]),
      ]),
    );
    out.push(
      alignedTable([
        ['LEARNER', 'POINTS', "SUBMITTED (LEARNER'S CLOCK)", 'LATE (SELF-REPORTED)', 'HELP USED', 'NOTES'],
        ...report.learners.map((l) => [
          l.learner,
          l.grade ? `${l.grade.points}/${l.grade.maxPoints}` : '-',
          l.status === 'graded' ? (l.submittedAt ?? '-') : l.status === 'missing' ? 'not submitted' : 'rejected',
          l.late ? `late by ${l.late}` : l.submittedAt ? 'no' : '-',
          l.status === 'graded' ? helpText(l) : '-',
          l.notes.join('; '),
        ]),
      ]),
    );
  }
  const missing = report.learners.filter((l) => l.status !== 'graded');
  if (missing.length)
    out.push(`Not graded (on the roster, no accepted file): ${missing.map((l) => printable(l.learner)).join(', ')}\n`);
  for (const r of report.replaced)
    out.push(`${printable(r.file)} was replaced by ${printable(r.by)} (the later file of ${printable(r.learner)})\n`);
  if (report.copies.length) {
    const blocks = report.copies.map((p) => {
      const head = `${printable(p.a)} and ${printable(p.b)}: ${p.identical ? 'identical transcripts' : `${Math.round(p.similarity * 100)}% alike`} (${p.matched} matching of ${p.linesA} and ${p.linesB} lines, reference-solution lines left out)\n`;
      const table = alignedTable([
        ['EXERCISE', p.a.toUpperCase(), p.b.toUpperCase(), ''],
        ...p.rows.map((r) => [r.exercise, r.a ?? '', r.b ?? '', r.same ? '' : '<>']),
      ]);
      return head + table.replace(/^/gm, '  ');
    });
    out.push(`COPY EVIDENCE (not a verdict: compare the lines yourself)\n${blocks.join('\n')}`);
  }
  return out.join('\n');
}

/** The report as an aligned table (learner, [name,] exercise, result, points, reason), then the summary. */
export function reportTable(report: LabReport): string {
  const header = hasNames(report) ? ['LEARNER', 'NAME', ...REPORT_HEADER.slice(1)] : [...REPORT_HEADER];
  const summary = reportSummary(report);
  return alignedTable([header, ...reportRows(report)]) + (summary ? `\n${summary}` : '');
}

/**
 * One CSV field: made printable, then quoted when it holds a comma or a quote. A field a spreadsheet
 * would run as a formula (=, +, @, or - followed by more) gets a leading apostrophe: learner names
 * and reasons come from submissions, which the lead must be able to open safely.
 */
export function csvField(value: string | number): string {
  if (typeof value === 'number') return String(value);
  const text = printable(value);
  const safe = /^[=+@]|^-./.test(text) ? `'${text}` : text;
  return /[",]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

function csv(rows: readonly (readonly (string | number)[])[]): string {
  return CSV_BOM + rows.map((row) => row.map(csvField).join(',')).join('\r\n') + '\r\n';
}

/** The wide CSV's header: fixed columns around one points column per exercise. */
export function wideHeader(report: LabReport): string[] {
  return [
    'learner',
    'name',
    'status',
    ...report.exercises.map((e) => e.exerciseId),
    'points',
    'max_points',
    'exercises_passed',
    'late_self_reported',
    'hints_opened',
    'solutions_revealed',
    'submitted_at',
    'file',
    'notes',
  ];
}

/** Wide CSV: one row per learner (roster order, then the others), numeric columns, then rejected files. */
export function reportWideCsv(report: LabReport): string {
  const maxPoints = report.exercises.reduce((n, e) => n + e.points, 0);
  const rows: (string | number)[][] = [wideHeader(report)];
  for (const e of entries(report)) {
    if (e.kind === 'rejected') {
      rows.push(['', '', 'rejected', ...report.exercises.map(() => 0), 0, maxPoints, 0, 0, 0, 0, '', e.file, e.error]);
      continue;
    }
    const { l } = e;
    const g = l.grade;
    rows.push([
      l.learner,
      l.name ?? '',
      l.status,
      ...report.exercises.map((_, i) => g?.exercises[i]?.points ?? 0),
      g?.points ?? 0,
      maxPoints,
      g ? g.exercises.filter((x) => x.passed).length : 0,
      l.late ? 1 : 0,
      l.help.reduce((n, h) => n + h.hints, 0),
      l.help.filter((h) => h.solution).length,
      l.submittedAt ?? '',
      l.file ?? '',
      l.notes.join('; '),
    ]);
  }
  return csv(rows);
}

export const DETAIL_HEADER = [
  'learner',
  'name',
  'exercise',
  'result',
  'points',
  'max_points',
  'reason',
  'hints_opened',
  'solution_revealed',
  'file',
] as const;

/** Long CSV: the table's rows with numeric points and the help per exercise. */
export function reportDetailCsv(report: LabReport): string {
  const rows: (string | number)[][] = [[...DETAIL_HEADER]];
  const maxPoints = report.exercises.reduce((n, e) => n + e.points, 0);
  for (const e of entries(report)) {
    if (e.kind === 'rejected') {
      rows.push(['', '', '', 'REJECTED', 0, maxPoints, e.error, 0, 0, e.file]);
      continue;
    }
    const { l } = e;
    if (!l.grade) {
      rows.push([
        l.learner,
        l.name ?? '',
        '',
        l.status === 'missing' ? 'MISSING' : 'REJECTED',
        0,
        maxPoints,
        l.notes.join('; ') || 'no submission',
        0,
        0,
        '',
      ]);
      continue;
    }
    for (const x of l.grade.exercises) {
      const help = l.help.find((h) => h.exercise === x.exerciseId);
      rows.push([
        l.learner,
        l.name ?? '',
        x.exerciseId,
        x.passed ? 'PASS' : 'FAIL',
        x.points,
        x.maxPoints,
        x.reason,
        help?.hints ?? 0,
        help?.solution ? 1 : 0,
        l.file ?? '',
      ]);
    }
  }
  return csv(rows);
}
