/**
 * `netlab check` end to end: the repo's own exercises and labs pass, and fixture projects under
 * tests/fixtures/grading show that it fails on a wrong solution, a start state that already
 * passes, a wrong attempt that passes, a failing setup, schema errors and broken labs.
 */
import { describe, expect, it } from 'vitest';
import { check } from '../../src/cli/check';

async function runCheck(root: string): Promise<{ code: number; lines: string[] }> {
  const lines: string[] = [];
  const code = await check(root, (line) => lines.push(line));
  return { code, lines };
}

describe('netlab check', () => {
  it("passes on the repository's exercises and labs", async () => {
    const { code, lines } = await runCheck(process.cwd());
    expect(lines.length === 1 ? lines[0] : lines.join('\n')).toMatch(
      /^netlab check: \d+ exercises, \d+ labs?: all passed$/,
    );
    expect(code).toBe(0);
    // Every lesson's exercises and every lab are replayed: about 12 s of CPU for eight lessons, far
    // more wall time on a loaded machine. Its speed is not what this test checks.
  }, 300_000);

  it('passes on a sound fixture project', async () => {
    expect(await runCheck('tests/fixtures/grading/good')).toEqual({
      code: 0,
      lines: ['netlab check: 2 exercises, 1 lab: all passed'],
    });
  });

  it('fails on a wrong solution, a start that already passes, a wrong attempt that passes, a failing setup, schema errors and broken labs', async () => {
    const notes = 'src/content/lessons/notes.exercises.yaml';
    const typos = 'src/content/lessons/typos.exercises.yaml';
    expect(await runCheck('tests/fixtures/grading/broken')).toEqual({
      code: 1,
      lines: [
        `${typos}: exercise Typo: id: id must be lowercase letters, digits and dashes (it becomes part of a stable id: lesson/exercise)`,
        `${typos}: exercise Typo: scenario: unknown scenario: use kind-iptables, kind-ipvs, aws-vpc-cni, weave or empty`,
        `${typos}: exercise Typo: solution: expected object, got a list`,
        `${typos}: exercise Typo: checks[0].run: expected string, got boolean`,
        `${typos}: exercise Typo: checks[0]: unknown field "exactly"`,
        `${notes}: exercise wrong-solution: solution: the solution fails check "notes.txt says hello": line 1: expected "hello", got "helo"`,
        `${notes}: exercise passes-untouched: checks: the untouched start state already passes every check (the checks grade nothing)`,
        `${notes}: exercise weak-check: wrongAttempts[0]: this wrong attempt (a typo) passes every check; a check should catch it`,
        `${notes}: exercise bad-setup: setup: setup input exited with status 1: "cat missing.txt" printed "cat: missing.txt: No such file or directory"`,
        'labs/renamed.yaml: id: the lab id "week7" does not match the file name (expected "renamed")',
        'labs/week1.yaml: exercises[1]: there is no exercise "notes/nope" (ids are <lessonId>/<exerciseId>)',
        'netlab check: 4 exercises, 2 labs: 11 problems',
      ],
    });
  });
});
