/**
 * The grade report `netlab grade` prints: one row per learner and exercise, a total row per
 * learner, and one row per rejected file, as an aligned table (kubectl's tabwriter settings) or as
 * CSV (RFC 4180 quoting).
 */
import { KUBECTL_TABLE, tabwriterGo } from '../sim/format/table';
import type { SubmissionGrade } from './lab';

/** One submission file's outcome: graded, or rejected with the reason. */
export type GradedFile = { file: string; grade: SubmissionGrade } | { file: string; error: string };

export const REPORT_HEADER = ['LEARNER', 'EXERCISE', 'RESULT', 'POINTS', 'REASON'] as const;

/** The report's rows (without the header), in the order the files were given. */
export function reportRows(files: readonly GradedFile[]): string[][] {
  const rows: string[][] = [];
  for (const f of files) {
    if ('error' in f) {
      rows.push([f.file, '-', 'REJECTED', '-', f.error]);
      continue;
    }
    const { learner, exercises, points, maxPoints } = f.grade;
    for (const e of exercises)
      rows.push([learner, e.exerciseId, e.passed ? 'PASS' : 'FAIL', `${e.points}/${e.maxPoints}`, e.reason]);
    rows.push([
      learner,
      'TOTAL',
      `${exercises.filter((e) => e.passed).length}/${exercises.length} passed`,
      `${points}/${maxPoints}`,
      '',
    ]);
  }
  return rows;
}

/** The report as an aligned table; cells are flattened to one line. */
export function reportTable(files: readonly GradedFile[]): string {
  const lines = [[...REPORT_HEADER], ...reportRows(files)].map((row) =>
    row.map((c) => c.replace(/\s+/g, ' ').trim()).join('\t'),
  );
  // An empty last cell leaves the padding of the one before it: trim it off.
  return tabwriterGo(`${lines.join('\n')}\n`, KUBECTL_TABLE).replace(/ +$/gm, '');
}

/**
 * One CSV field: quoted when it holds a comma, quote or line break. A field a spreadsheet would run
 * as a formula (=, +, @, or - followed by more) gets a leading apostrophe: learner names and
 * reasons come from submissions, which the lead must be able to open safely.
 */
export function csvField(value: string): string {
  const safe = /^[=+@\t\r]|^-./.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** The report as CSV with a header row, lines ending in \n. */
export function reportCsv(files: readonly GradedFile[]): string {
  const header = REPORT_HEADER.map((h) => h.toLowerCase());
  return [header, ...reportRows(files)].map((row) => row.map(csvField).join(',')).join('\n') + '\n';
}
