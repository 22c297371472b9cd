/**
 * Learners get their own seed, while `netlab check` only tries each exercise's own. This runs every
 * exercise of the repository on other seeds: the reference solution must still pass (find tasks
 * answered with the value on that cluster) and the untouched start must still fail, so no check
 * depends on a pod name, an IP or a port that only one seed draws.
 */
import { describe, expect, it } from 'vitest';
import { loadExercises } from '../../src/cli/check';
import { expectedFindValue, gradeAttempt, runChecks, startState } from '../../src/grading';

const { exercises } = loadExercises(process.cwd());
const SEEDS = [2, 3, 42];

describe('repository exercises on other seeds', () => {
  it.each([...exercises.keys()])('%s: the solution passes and the untouched start fails', async (id) => {
    const { exercise } = exercises.get(id)!;
    for (const seed of SEEDS) {
      const { emu } = await startState(exercise, seed);
      const answer = exercise.find ? await expectedFindValue(exercise.find, emu) : undefined;
      const solved = await gradeAttempt(id, exercise, emu, {
        lines: exercise.solution.lines,
        ...(answer !== undefined ? { answer } : {}),
      });
      expect([seed, solved.checks.filter((c) => !c.passed).map((c) => c.reason)]).toEqual([seed, []]);
      expect([seed, (await runChecks(id, exercise, emu)).passed]).toEqual([seed, false]);
    }
  });
});
