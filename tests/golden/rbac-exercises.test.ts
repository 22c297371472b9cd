/**
 * The RBAC lesson's exercises on learners' seeds: `netlab check` tries each exercise's own seed
 * only; these are two others. Each solution passes (find tasks with the value on that cluster), and
 * each untouched start fails.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  expectedFindValue,
  failureSummary,
  gradeAttempt,
  parseExerciseFile,
  runChecks,
  startState,
} from '../../src/grading';

const parsed = parseExerciseFile(
  'rbac.exercises.yaml',
  readFileSync(new URL('../../src/content/lessons/rbac.exercises.yaml', import.meta.url), 'utf8'),
);

describe.each([7, 424242])('the RBAC exercises with seed %i', (seed) => {
  for (const { exercise } of parsed.exercises) {
    it(`${exercise.id} passes its solution and fails untouched`, async () => {
      const { emu } = await startState(exercise, seed);
      const answer = exercise.find ? await expectedFindValue(exercise.find, emu) : undefined;
      const solved = await gradeAttempt(`rbac/${exercise.id}`, exercise, emu, {
        lines: exercise.solution.lines,
        ...(answer !== undefined ? { answer } : {}),
      });
      expect(failureSummary(solved)).toBe('');
      const untouched = await runChecks(`rbac/${exercise.id}`, exercise, emu, exercise.find ? 'nope' : undefined);
      expect(untouched.passed).toBe(false);
    }, 30_000);
  }
});
