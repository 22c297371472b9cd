/**
 * The RBAC week graded end to end by `netlab grade`: alice hands in every exercise's reference
 * solution (and, for find tasks, the value on her own cluster) and passes them all; bob hands in the
 * first wrong attempt of each, the mistakes the exercises name, and fails every one.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadExercises, loadLab } from '../../src/cli/check';
import { expectedFindValue, learnerSeed, startState } from '../../src/grading';
import { grade } from './grade-harness';

const { exercises } = loadExercises(process.cwd());
const { lab } = loadLab('labs/week8-rbac.yaml', 'labs/week8-rbac.yaml', exercises);

async function submission(learner: string, wrong: boolean): Promise<string> {
  const seed = learnerSeed(lab!.id, learner, lab!.salt);
  const work: Record<string, { lines: string[]; answer?: string }> = {};
  for (const ref of lab!.exercises) {
    const { exercise } = exercises.get(ref.id)!;
    if (wrong) {
      const w = exercise.wrongAttempts[0]!;
      work[ref.id] = { lines: w.lines ?? [], ...(w.answer !== undefined ? { answer: w.answer } : {}) };
      continue;
    }
    const answer = exercise.find
      ? await expectedFindValue(exercise.find, (await startState(exercise, seed)).emu)
      : undefined;
    work[ref.id] = { lines: exercise.solution.lines, ...(answer !== undefined ? { answer } : {}) };
  }
  const file = join(mkdtempSync(join(tmpdir(), 'netlab-week8-')), `week8-rbac--${learner}.json`);
  writeFileSync(
    file,
    JSON.stringify({
      version: 2,
      lab: lab!.id,
      labHash: 'x',
      learner,
      seed,
      submittedAt: '2027-01-20T21:00:00+09:00',
      exercises: work,
    }),
  );
  return file;
}

describe('week 8 (RBAC) lab', () => {
  it('passes the reference solutions and fails the named mistakes', async () => {
    const { code, out } = await grade(
      ['labs/week8-rbac.yaml', await submission('alice', false), await submission('bob', true), '--jobs', '1'],
      '.',
    );
    expect(code).toBe(0);
    const max = lab!.exercises.reduce((n, e) => n + e.points, 0);
    expect(out).toMatch(
      new RegExp(`alice +Alice Martin +TOTAL +${lab!.exercises.length}/${lab!.exercises.length} passed +${max}/${max}`),
    );
    expect(out).toMatch(new RegExp(`bob +Bob Okafor +TOTAL +0/${lab!.exercises.length} passed +0/${max}`));
  }, 120_000);
});
