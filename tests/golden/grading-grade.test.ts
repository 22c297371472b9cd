/**
 * `netlab grade` end to end on the fixture lab: a good, a bad, a tampered (claims passed), a
 * wrong-lab and a non-JSON submission in one run; the table, the CSV and the exit statuses.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { gradeCommand } from '../../src/cli/grade';

const ROOT = 'tests/fixtures/grading/good';
const SUBS = ['ada', 'bea', 'cheat', 'other-lab', 'not-json'].map((n) => `${ROOT}/submissions/${n}.json`);

async function grade(argv: string[], root = ROOT): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await gradeCommand(
    argv,
    root,
    (s) => void (out += s),
    (s) => void (err += s),
  );
  return { code, out, err };
}

describe('netlab grade', () => {
  it('grades the good and bad submissions and lists the rejected ones with their reason', async () => {
    const csv = join(mkdtempSync(join(tmpdir(), 'netlab-grade-')), 'grades.csv');
    const { code, out, err } = await grade([`${ROOT}/labs/week1.yaml`, ...SUBS, '--csv', csv]);
    expect([code, err]).toEqual([0, '']);
    const lines = out.split('\n');
    expect(lines.slice(0, 9)).toEqual([
      'LEARNER                                                  EXERCISE            RESULT       POINTS   REASON',
      'ada                                                      notes/write-note    PASS         1/1',
      'ada                                                      notes/count-lines   PASS         2/2',
      'ada                                                      TOTAL               2/2 passed   3/3',
      'bea                                                      notes/write-note    FAIL         0/1      check "notes.txt says hello": line 1: expected "hello", got "Hello"',
      'bea                                                      notes/count-lines   FAIL         0/2      not attempted',
      'bea                                                      TOTAL               0/2 passed   0/3',
      'tests/fixtures/grading/good/submissions/cheat.json       -                   REJECTED     -        exercises.notes/write-note: unknown field "passed" (a submission holds command lines and answers only; results are computed by the grader, never claimed)',
      'tests/fixtures/grading/good/submissions/other-lab.json   -                   REJECTED     -        the submission is for lab "week2", not "week1"',
    ]);
    expect(lines[9]).toMatch(
      /^tests\/fixtures\/grading\/good\/submissions\/not-json\.json +- +REJECTED +- +not JSON: /,
    );
    const written = readFileSync(csv, 'utf8').split('\n');
    expect(written.slice(0, 9)).toEqual([
      'learner,exercise,result,points,reason',
      'ada,notes/write-note,PASS,1/1,',
      'ada,notes/count-lines,PASS,2/2,',
      'ada,TOTAL,2/2 passed,3/3,',
      'bea,notes/write-note,FAIL,0/1,"check ""notes.txt says hello"": line 1: expected ""hello"", got ""Hello"""',
      'bea,notes/count-lines,FAIL,0/2,not attempted',
      'bea,TOTAL,0/2 passed,0/3,',
      'tests/fixtures/grading/good/submissions/cheat.json,-,REJECTED,-,"exercises.notes/write-note: unknown field ""passed"" (a submission holds command lines and answers only; results are computed by the grader, never claimed)"',
      'tests/fixtures/grading/good/submissions/other-lab.json,-,REJECTED,-,"the submission is for lab ""week2"", not ""week1"""',
    ]);
    expect(written.slice(9)).toEqual([
      expect.stringMatching(/^tests\/fixtures\/grading\/good\/submissions\/not-json\.json,-,REJECTED,-,"not JSON: /),
      '',
    ]);
  });

  it("replays with the submission's seed, so a find answer holds on the learner's own cluster", async () => {
    const { out } = await grade([`${ROOT}/labs/week1.yaml`, `${ROOT}/submissions/ada.json`]);
    expect(out).toContain('ada       notes/count-lines   PASS         2/2\n');
  });

  it('lists a missing submission file and still grades the others', async () => {
    const { code, out } = await grade([`${ROOT}/labs/week1.yaml`, 'nowhere.json', `${ROOT}/submissions/ada.json`]);
    expect(code).toBe(0);
    expect(out.split('\n')[1]).toBe('nowhere.json   -                   REJECTED     -        cannot read: ENOENT');
    expect(out).toContain('ada            TOTAL               2/2 passed   3/3');
  });

  it('exits 1 and grades nothing when the lab is broken', async () => {
    const { code, out, err } = await grade(
      ['tests/fixtures/grading/broken/labs/week1.yaml', SUBS[0]!],
      'tests/fixtures/grading/broken',
    );
    expect(code).toBe(1);
    expect(out).toBe('');
    expect(err.split('\n').filter((l) => l.startsWith('tests/') || l.startsWith('netlab grade'))).toEqual([
      'tests/fixtures/grading/broken/labs/week1.yaml: exercises[1]: there is no exercise "notes/nope" (ids are <lessonId>/<exerciseId>)',
      'netlab grade: the lab tests/fixtures/grading/broken/labs/week1.yaml is broken; nothing graded',
    ]);
  });

  it('exits 2 with the usage on bad arguments', async () => {
    expect(await grade([`${ROOT}/labs/week1.yaml`])).toEqual({
      code: 2,
      out: '',
      err: 'netlab grade: no submission files given\nusage: netlab grade LAB.yaml SUBMISSION.json... [--csv FILE]\n',
    });
    expect((await grade([`${ROOT}/labs/week1.yaml`, 'a.json', '--csv'])).err).toBe(
      'netlab grade: --csv needs a file name\nusage: netlab grade LAB.yaml SUBMISSION.json... [--csv FILE]\n',
    );
    expect((await grade(['--pdf', 'x'])).code).toBe(2);
  });
});
