import { describe, expect, it } from 'vitest';
import { labSchema, SUBMISSION_LIMITS } from './schema';
import { buildSubmission, readSubmission } from './submission';

const lab = labSchema.parse({
  id: 'week1',
  title: 'Week 1',
  week: 1,
  description: 'x',
  exercises: ['demo/a', 'demo/b'],
});

function sub(
  extra: Record<string, unknown> = {},
  exercises: Record<string, unknown> = { 'demo/a': { lines: ['echo hi'] } },
): string {
  return JSON.stringify({ version: 1, lab: 'week1', learner: 'ada', seed: 4, exercises, ...extra });
}

function error(text: string): string {
  const read = readSubmission(text, lab);
  return read.ok ? 'accepted' : read.error;
}

describe('readSubmission', () => {
  it('accepts command lines and answers per exercise', () => {
    expect(readSubmission(sub({}, { 'demo/a': { lines: ['echo hi'], answer: '10.0.0.1' } }), lab)).toEqual({
      ok: true,
      submission: {
        version: 1,
        lab: 'week1',
        learner: 'ada',
        seed: 4,
        exercises: { 'demo/a': { lines: ['echo hi'], answer: '10.0.0.1' } },
      },
    });
  });

  it('rejects a claimed result by naming the field', () => {
    expect(error(sub({}, { 'demo/a': { lines: [], passed: true } }))).toBe(
      'exercises.demo/a: unknown field "passed" (a submission holds command lines and answers only; results are computed by the grader, never claimed)',
    );
    expect(error(sub({ score: 100 }))).toBe(
      'unknown field "score" (a submission holds command lines and answers only; results are computed by the grader, never claimed)',
    );
  });

  it('rejects a submission for another lab', () => {
    expect(error(sub({ lab: 'week2' }))).toBe('the submission is for lab "week2", not "week1"');
  });

  it('rejects exercise ids the lab does not have', () => {
    expect(error(sub({}, { 'demo/zzz': { lines: [] } }))).toBe(
      'unknown exercise "demo/zzz" (lab week1 has demo/a, demo/b)',
    );
  });

  it('rejects text that is not JSON', () => {
    expect(error('lines: [kubectl get pods]')).toMatch(/^not JSON: /);
  });

  it('rejects absurd sizes before parsing, and too many lines', () => {
    expect(error(' '.repeat(SUBMISSION_LIMITS.bytes + 1))).toBe(
      `the file is ${SUBMISSION_LIMITS.bytes + 1} bytes; a submission is at most ${SUBMISSION_LIMITS.bytes} bytes`,
    );
    expect(error(sub({}, { 'demo/a': { lines: Array(2001).fill('true') } }))).toBe(
      'exercises.demo/a.lines: more than 2000 lines',
    );
  });

  it('rejects a missing learner and a wrong version', () => {
    expect(error(sub({ learner: ' ', version: 2 }))).toBe(
      'version: version must be 1; learner: learner must not be empty',
    );
  });

  it('reads back what buildSubmission writes', () => {
    const text = buildSubmission('week1', 'ada', 9, { 'demo/b': { lines: ['kubectl get svc'], answer: '10.200.1.7' } });
    expect(text).toBe(
      '{\n  "version": 1,\n  "lab": "week1",\n  "learner": "ada",\n  "seed": 9,\n  "exercises": {\n    "demo/b": {\n      "lines": [\n        "kubectl get svc"\n      ],\n      "answer": "10.200.1.7"\n    }\n  }\n}\n',
    );
    expect(readSubmission(text, lab).ok).toBe(true);
  });
});
