/**
 * Every lab gives each learner their own cluster: two learners' seeds (derived from the lab id, the
 * learner id and the lab's salt) must change the names or addresses in at least one answer the
 * checks read, so a transcript that hard-codes another learner's values fails. And each learner's
 * reference solution still passes on their own cluster.
 */
import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadExercises, loadLab } from '../../src/cli/check';
import { expectedFindValue, gradeAttempt, learnerSeed, rosterOf, startState } from '../../src/grading';

const { exercises } = loadExercises(process.cwd());
const labs = readdirSync('labs').filter((f) => /\.ya?ml$/.test(f));

/** What the checks read on a learner's cluster after the solution: every check's output and find value. */
async function checkedAnswers(id: string, seed: number): Promise<{ passed: boolean; seen: string[] }> {
  const { exercise } = exercises.get(id)!;
  const { emu } = await startState(exercise, seed);
  const answer = exercise.find ? await expectedFindValue(exercise.find, emu) : undefined;
  const result = await gradeAttempt(id, exercise, emu, {
    lines: exercise.solution.lines,
    ...(answer !== undefined ? { answer } : {}),
  });
  return { passed: result.passed, seen: result.checks.map((c) => (c.kind === 'find' ? c.expected : c.actual)) };
}

describe('lab seeds', () => {
  it.each(labs)(
    "%s: two learners' seeds change at least one checked answer",
    async (file) => {
      const { lab, problems } = loadLab(`labs/${file}`, `labs/${file}`, exercises);
      expect(problems).toEqual([]);
      const [a = 'learner-a', b = 'learner-b'] = rosterOf(lab!).map((e) => e.id);
      const [seedA, seedB] = [learnerSeed(lab!.id, a, lab!.salt), learnerSeed(lab!.id, b, lab!.salt)];
      expect(seedA).not.toBe(seedB);
      const differing: string[] = [];
      for (const ref of lab!.exercises) {
        const [x, y] = [await checkedAnswers(ref.id, seedA), await checkedAnswers(ref.id, seedB)];
        expect([ref.id, x.passed, y.passed]).toEqual([ref.id, true, true]);
        if (JSON.stringify(x.seen) !== JSON.stringify(y.seen)) differing.push(ref.id);
      }
      expect(differing.length).toBeGreaterThan(0);
    },
    120_000,
  );
});
