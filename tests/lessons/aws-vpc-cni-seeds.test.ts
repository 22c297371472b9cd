/**
 * The VPC CNI exercises hold on learners' seeds, not only on the seed `netlab check` tries: each
 * solution, replayed on other seeds, passes its checks; a find task's expected value is whatever
 * the learner's own cluster says, so only its checks are run here.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseExerciseFile, replayLines, runChecks, startState } from '../../src/grading';

const FILE = 'src/content/lessons/aws-vpc-cni.exercises.yaml';
const exercises = parseExerciseFile(FILE, readFileSync(FILE, 'utf8')).exercises.map((l) => l.exercise);

describe.each([7, 4242])('aws-vpc-cni exercises on seed %i', (seed) => {
  for (const ex of exercises.filter((e) => e.checks.length)) {
    it(`${ex.id}: the solution passes`, async () => {
      const { emu } = await startState(ex, seed);
      emu.openShell();
      await replayLines(emu, ex.solution.lines);
      const result = await runChecks(`aws-vpc-cni/${ex.id}`, ex, emu);
      expect(result.checks.filter((c) => !c.passed).map((c) => `${c.title}: ${c.reason}`)).toEqual([]);
    }, 60_000);
  }
});
