/**
 * `netlab grade` end to end on the fixture lab: a good, a bad, a tampered (claims passed), a
 * wrong-lab and a non-JSON submission in one run; the table, the CSV files and the exit statuses.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { grade } from './grade-harness';

const ROOT = 'tests/fixtures/grading/good';
const SUBS = ['ada', 'bea', 'cheat', 'other-lab', 'not-json'].map((n) => `${ROOT}/submissions/${n}.json`);

describe('netlab grade', () => {
  it('grades the good and bad submissions and lists the rejected ones with their reason', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'netlab-grade-'));
    const { code, out, err } = await grade([
      `${ROOT}/labs/week1.yaml`,
      ...SUBS,
      '--csv',
      join(dir, 'wide.csv'),
      '--detail',
      join(dir, 'long.csv'),
    ]);
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
    expect(lines.slice(11, 14)).toEqual([
      'EXERCISE            PASSED   PASS RATE   MOST COMMON FAILING CHECK',
      'notes/write-note    1/2      50%         check "notes.txt says hello" (1)',
      'notes/count-lines   1/2      50%         not attempted (1)',
    ]);
    const wide = readFileSync(join(dir, 'wide.csv'), 'utf8').split('\r\n');
    expect(wide.slice(0, 3)).toEqual([
      '\ufefflearner,name,status,notes/write-note,notes/count-lines,points,max_points,exercises_passed,late_self_reported,hints_opened,solutions_revealed,submitted_at,file,notes',
      `ada,,graded,1,2,3,3,2,0,0,0,,${ROOT}/submissions/ada.json,"seed 5 in the file is not ada's (463196); version 1 file: no lab hash, time or help record"`,
      `bea,,graded,0,0,0,3,0,0,0,0,,${ROOT}/submissions/bea.json,"seed 6 in the file is not bea's (148669); version 1 file: no lab hash, time or help record"`,
    ]);
    const long = readFileSync(join(dir, 'long.csv'), 'utf8').split('\r\n');
    expect(long.slice(0, 6)).toEqual([
      '\ufefflearner,name,exercise,result,points,max_points,reason,hints_opened,solution_revealed,file',
      `ada,,notes/write-note,PASS,1,1,,0,0,${ROOT}/submissions/ada.json`,
      `ada,,notes/count-lines,PASS,2,2,,0,0,${ROOT}/submissions/ada.json`,
      `bea,,notes/write-note,FAIL,0,1,"check ""notes.txt says hello"": line 1: expected ""hello"", got ""Hello""",0,0,${ROOT}/submissions/bea.json`,
      `bea,,notes/count-lines,FAIL,0,2,not attempted,0,0,${ROOT}/submissions/bea.json`,
      `,,,REJECTED,0,3,"exercises.notes/write-note: unknown field ""passed"" (a submission holds command lines and answers only; results are computed by the grader, never claimed)",0,0,${ROOT}/submissions/cheat.json`,
    ]);
  });

  it('replays with the seed it derives for the learner, not the one the file names', async () => {
    const { out } = await grade([`${ROOT}/labs/week1.yaml`, `${ROOT}/submissions/ada.json`]);
    expect(out).toContain('ada       notes/count-lines   PASS         2/2\n');
    expect(out).toContain("seed 5 in the file is not ada's (463196)");
  });

  it('lists a missing submission file and still grades the others', async () => {
    const { code, out } = await grade([`${ROOT}/labs/week1.yaml`, 'nowhere.json', `${ROOT}/submissions/ada.json`]);
    expect(code).toBe(0);
    expect(out.split('\n')[1]).toBe('nowhere.json   -                   REJECTED     -        cannot read: ENOENT');
    expect(out).toContain('ada            TOTAL               2/2 passed   3/3');
  });

  it('grades every .json file of a directory', async () => {
    const { out } = await grade([`${ROOT}/labs/week1.yaml`, `${ROOT}/submissions`]);
    expect(out.split('\n').filter((l) => / TOTAL | REJECTED /.test(l))).toHaveLength(5);
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
    const usage =
      'usage: netlab grade LAB.yaml SUBMISSION.json|DIR... [--csv FILE] [--detail FILE] [--roster FILE] [--jobs N]\n';
    expect(await grade([`${ROOT}/labs/week1.yaml`])).toMatchObject({
      code: 2,
      out: '',
      err: `netlab grade: no submission files given\n${usage}`,
    });
    expect((await grade([`${ROOT}/labs/week1.yaml`, 'a.json', '--csv'])).err).toBe(
      `netlab grade: --csv needs a file name\n${usage}`,
    );
    expect((await grade([`${ROOT}/labs/week1.yaml`, 'a.json', '--jobs', '0'])).code).toBe(2);
    expect((await grade(['--pdf', 'x'])).code).toBe(2);
  });
});
