import { describe, expect, it } from 'vitest';
import { csvField, reportCsv, reportTable, type GradedFile } from './report';

const files: GradedFile[] = [
  {
    file: 'a.json',
    grade: {
      learner: 'Doe, "JD"',
      points: 2,
      maxPoints: 3,
      exercises: [
        { exerciseId: 'services/a', passed: true, points: 2, maxPoints: 2, reason: '' },
        {
          exerciseId: 'services/b',
          passed: false,
          points: 0,
          maxPoints: 1,
          reason: 'check "x": output does not contain "80"',
        },
      ],
    },
  },
  { file: 'b.json', error: 'not JSON: Unexpected token' },
];

describe('grade report', () => {
  it('prints an aligned table with a total per learner and rejected files', () => {
    expect(reportTable(files)).toBe(
      [
        'LEARNER     EXERCISE     RESULT       POINTS   REASON',
        'Doe, "JD"   services/a   PASS         2/2',
        'Doe, "JD"   services/b   FAIL         0/1      check "x": output does not contain "80"',
        'Doe, "JD"   TOTAL        1/2 passed   2/3',
        'b.json      -            REJECTED     -        not JSON: Unexpected token',
        '',
      ].join('\n'),
    );
  });

  it('writes CSV with a header row and RFC 4180 quoting', () => {
    expect(reportCsv(files)).toBe(
      [
        'learner,exercise,result,points,reason',
        '"Doe, ""JD""",services/a,PASS,2/2,',
        '"Doe, ""JD""",services/b,FAIL,0/1,"check ""x"": output does not contain ""80"""',
        '"Doe, ""JD""",TOTAL,1/2 passed,2/3,',
        'b.json,-,REJECTED,-,not JSON: Unexpected token',
        '',
      ].join('\n'),
    );
  });

  it('defuses a cell a spreadsheet would run as a formula', () => {
    expect(csvField('=HYPERLINK("http://x")')).toBe(`"'=HYPERLINK(""http://x"")"`);
    expect(csvField('-')).toBe('-');
  });
});
