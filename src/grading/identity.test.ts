import { describe, expect, it } from 'vitest';
import { canonicalJson, labContentHash, learnerSeed } from './identity';
import { labSchema, exerciseSchema } from './schema';
import type { LoadedExercise } from './files';

describe('learnerSeed', () => {
  it('is the same for the same lab, learner and salt, and in 1..999999', () => {
    const seed = learnerSeed('week3-services', 'alice', 'salt');
    expect(seed).toBe(learnerSeed('week3-services', 'alice', 'salt'));
    expect(seed).toBeGreaterThanOrEqual(1);
    expect(seed).toBeLessThanOrEqual(999_999);
  });

  it('differs between learners, labs and salts, and ignores the case of the learner id', () => {
    const seeds = new Set([
      learnerSeed('week3-services', 'alice', 'salt'),
      learnerSeed('week3-services', 'bob', 'salt'),
      learnerSeed('week4-traffic', 'alice', 'salt'),
      learnerSeed('week3-services', 'alice', 'other'),
    ]);
    expect(seeds.size).toBe(4);
    expect(learnerSeed('w', 'Alice', 's')).toBe(learnerSeed('w', 'alice', 's'));
  });

  it('separates the parts, so moving characters between them changes the seed', () => {
    expect(learnerSeed('week1', 'ab', 'c')).not.toBe(learnerSeed('week1', 'a', 'bc'));
  });
});

describe('labContentHash', () => {
  const ex = (setup: string[]): Map<string, LoadedExercise> =>
    new Map([
      [
        'demo/a',
        {
          id: 'demo/a',
          lessonId: 'demo',
          file: 'demo.exercises.yaml',
          exercise: exerciseSchema.parse({
            id: 'a',
            title: 'A',
            goal: 'g',
            scenario: 'empty',
            setup,
            solution: { lines: ['true'] },
            checks: [{ title: 't', run: 'true', exitCode: 0 }],
          }),
        },
      ],
    ]);
  const lab = (extra: object = {}) =>
    labSchema.parse({ id: 'week1', title: 'W', week: 1, description: 'd', exercises: ['demo/a'], ...extra });

  it('changes when an exercise the learner works on changes, not when the roster, dates or points do', () => {
    const before = labContentHash(lab(), ex(['touch x']));
    expect(before).toMatch(/^sha256-[0-9a-f]{16}$/);
    expect(labContentHash(lab(), ex(['touch y']))).not.toBe(before);
    expect(labContentHash(lab({ due: '2026-12-06', roster: ['ada'], title: 'New title' }), ex(['touch x']))).toBe(
      before,
    );
  });

  it('writes canonical JSON with sorted keys and no undefined fields', () => {
    expect(canonicalJson({ b: 1, a: [{ d: undefined, c: 'x' }] })).toBe('{"a":[{"c":"x"}],"b":1}');
  });
});
