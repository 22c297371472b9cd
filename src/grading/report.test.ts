import { describe, expect, it } from 'vitest';
import type { LabReport, LearnerReport } from './cohort';
import {
  csvField,
  CSV_BOM,
  reportDetailCsv,
  reportRows,
  reportSummary,
  reportTable,
  reportWideCsv,
  wideHeader,
} from './report';

function graded(
  learner: string,
  name: string | undefined,
  points: [number, number][],
  extra: Partial<LearnerReport> = {},
): LearnerReport {
  const exercises = points.map(([p, max], i) => ({
    exerciseId: `services/${'ab'[i]}`,
    passed: p === max,
    points: p,
    maxPoints: max,
    reason: p === max ? '' : 'check "x": output does not contain "80"',
  }));
  return {
    learner,
    ...(name ? { name } : {}),
    onRoster: true,
    status: 'graded',
    file: `${learner}.json`,
    grade: {
      learner,
      seed: 1,
      exercises,
      points: exercises.reduce((n, e) => n + e.points, 0),
      maxPoints: exercises.reduce((n, e) => n + e.maxPoints, 0),
    },
    help: [],
    notes: [],
    ...extra,
  };
}

function report(learners: LearnerReport[], extra: Partial<LabReport> = {}): LabReport {
  return {
    lab: { id: 'week1', title: 'Week 1', week: 1 },
    labHash: 'sha256-0',
    learners,
    rejected: [],
    replaced: [],
    exercises: [
      { exerciseId: 'services/a', title: 'A', points: 2, passed: 2, graded: 2 },
      {
        exerciseId: 'services/b',
        title: 'B',
        points: 1,
        passed: 1,
        graded: 2,
        commonFailure: { check: 'check "x"', count: 1 },
      },
    ],
    copies: [],
    ...extra,
  };
}

describe('grade report', () => {
  it('prints an aligned table with a total per learner, missing learners and rejected files', () => {
    const r = report(
      [
        graded('Doe', undefined, [
          [2, 2],
          [0, 1],
        ]),
        { learner: 'carol', onRoster: true, status: 'missing', help: [], notes: [] },
      ],
      { rejected: [{ index: 3, file: 'b.json', error: 'not JSON: Unexpected token' }] },
    );
    expect(reportTable(r).split('\n\n')[0]).toBe(
      [
        'LEARNER   EXERCISE     RESULT       POINTS   REASON',
        'Doe       services/a   PASS         2/2',
        'Doe       services/b   FAIL         0/1      check "x": output does not contain "80"',
        'Doe       TOTAL        1/2 passed   2/3',
        'carol     -            MISSING      0/3      no submission',
        'b.json    -            REJECTED     -        not JSON: Unexpected token',
      ].join('\n'),
    );
  });

  it('keeps the columns aligned for Hangul names, measured by display width', () => {
    const r = report([
      graded('alice', 'Alice Martin', [
        [2, 2],
        [1, 1],
      ]),
      graded('minsu', '김민수', [
        [2, 2],
        [1, 1],
      ]),
    ]);
    const table = reportTable(r).split('\n\n')[0]!.split('\n');
    expect(table.slice(0, 4)).toEqual([
      'LEARNER   NAME           EXERCISE     RESULT       POINTS   REASON',
      'alice     Alice Martin   services/a   PASS         2/2',
      'alice     Alice Martin   services/b   PASS         1/1',
      'alice     Alice Martin   TOTAL        2/2 passed   3/3',
    ]);
    // 김민수 is three characters but six columns wide: nine spaces bring it to the 15 of "Alice Martin   ".
    expect(table[4]).toBe('minsu     김민수         services/a   PASS         2/2');
  });

  it('shows control characters and bidirectional overrides from a submission as escapes', () => {
    const r = report([graded('x', 'evil\u001b]0;pwned\u0007\u202ename', [[2, 2]])]);
    const table = reportTable(r);
    expect(table).toContain('evil\\x1b]0;pwned\\x07\\u202ename');
    expect(table).not.toMatch(/[\u001b\u0007\u202e]/);
  });

  it('summarises pass rates, the most common failing check, lateness and help', () => {
    const r = report([
      graded('ada', undefined, [[2, 2]], {
        submittedAt: '2026-12-07T01:10:00+09:00',
        late: '1 h 11 min',
        help: [{ exercise: 'services/a', hints: 2, solution: true }],
      }),
    ]);
    const summary = reportSummary(r);
    expect(summary).toContain('services/b   1/2      50%         check "x" (1)');
    expect(summary).toContain(
      'ada       2/2      2026-12-07T01:10:00+09:00     late by 1 h 11 min     2 hints, 1 solution',
    );
  });

  it('pins the wide CSV: header, a BOM, one row per learner with numeric columns', () => {
    const r = report([
      graded(
        'minsu',
        '김민수',
        [
          [2, 2],
          [0, 1],
        ],
        {
          late: '2 h',
          help: [{ exercise: 'services/a', hints: 3, solution: false }],
          submittedAt: '2026-12-07T01:10:00+09:00',
        },
      ),
      { learner: 'carol', onRoster: true, status: 'missing', help: [], notes: [] },
    ]);
    expect(wideHeader(r)).toEqual([
      'learner',
      'name',
      'status',
      'services/a',
      'services/b',
      'points',
      'max_points',
      'exercises_passed',
      'late_self_reported',
      'hints_opened',
      'solutions_revealed',
      'submitted_at',
      'file',
      'notes',
    ]);
    expect(reportWideCsv(r)).toBe(
      CSV_BOM +
        [
          'learner,name,status,services/a,services/b,points,max_points,exercises_passed,late_self_reported,hints_opened,solutions_revealed,submitted_at,file,notes',
          'minsu,김민수,graded,2,0,2,3,1,1,3,0,2026-12-07T01:10:00+09:00,minsu.json,',
          'carol,,missing,0,0,0,3,0,0,0,0,,,',
          '',
        ].join('\r\n'),
    );
  });

  it('writes the long detail CSV with numeric points', () => {
    const r = report([
      graded('Doe, "JD"', undefined, [
        [2, 2],
        [0, 1],
      ]),
    ]);
    expect(reportDetailCsv(r).split('\r\n')).toEqual([
      `${CSV_BOM}learner,name,exercise,result,points,max_points,reason,hints_opened,solution_revealed,file`,
      '"Doe, ""JD""",,services/a,PASS,2,2,,0,0,"Doe, ""JD"".json"',
      '"Doe, ""JD""",,services/b,FAIL,0,1,"check ""x"": output does not contain ""80""",0,0,"Doe, ""JD"".json"',
      '',
    ]);
  });

  it('defuses a cell a spreadsheet would run as a formula', () => {
    expect(csvField('=HYPERLINK("http://x")')).toBe(`"'=HYPERLINK(""http://x"")"`);
    expect(csvField('@SUM(A1)')).toBe(`'@SUM(A1)`);
    expect(csvField('-')).toBe('-');
    expect(csvField(-3)).toBe('-3');
  });

  it('lists a roster learner whose only file was rejected as rejected, with the reason', () => {
    const r = report(
      [
        {
          learner: 'bob',
          onRoster: true,
          status: 'rejected',
          help: [],
          notes: ['bob.json rejected: unknown field "score"'],
        },
      ],
      { rejected: [{ index: 0, file: 'bob.json', error: 'unknown field "score"', learner: 'bob' }] },
    );
    expect(reportRows(r)).toEqual([['bob', '-', 'REJECTED', '0/3', 'bob.json rejected: unknown field "score"']]);
  });
});
