import { describe, expect, it } from 'vitest';
import { labSchema, SUBMISSION_LIMITS } from './schema';
import { buildSubmission, decodeSubmission, localIsoTime, readSubmission, submissionFileName } from './submission';

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

  it('rejects a missing learner and an unknown version', () => {
    expect(error(sub({ learner: ' ' }))).toBe('learner: learner must not be empty');
    expect(error(sub({ version: 3 }))).toBe('version: version must be 1 or 2, not 3');
    expect(error('[1, 2]')).toBe('not a submission: the file holds JSON, but not an object');
  });

  it('accepts a UTF-8 byte order mark, as Windows editors write one', () => {
    expect(readSubmission(`\ufeff${sub()}`, lab).ok).toBe(true);
    const bytes = new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode(sub())]);
    const decoded = decodeSubmission(bytes);
    expect('text' in decoded && readSubmission(decoded.text, lab).ok).toBe(true);
  });

  it('refuses UTF-16 and bytes that are not UTF-8, and oversized files before decoding', () => {
    expect(decodeSubmission(new Uint8Array([0xff, 0xfe, 0x7b, 0x00]))).toEqual({
      error: 'the file is UTF-16 text; a submission is UTF-8 (save it again as UTF-8)',
    });
    expect(decodeSubmission(new Uint8Array([0x7b, 0xc3, 0x28]))).toEqual({ error: 'the file is not UTF-8 text' });
    expect(decodeSubmission(new Uint8Array(SUBMISSION_LIMITS.bytes + 1))).toEqual({
      error: `the file is ${SUBMISSION_LIMITS.bytes + 1} bytes; a submission is at most ${SUBMISSION_LIMITS.bytes} bytes`,
    });
  });

  it('requires a version 2 learner to be an id, so no name can carry escape sequences', () => {
    const v2 = (learner: string) =>
      JSON.stringify({
        version: 2,
        lab: 'week1',
        labHash: 'sha256-0',
        learner,
        seed: 4,
        submittedAt: '2026-12-05T21:14:03+09:00',
        exercises: {},
      });
    expect(error(v2('ada'))).toBe('accepted');
    expect(error(v2('ada\u001b[2J'))).toBe(
      'learner: a learner id is 1 to 64 letters, digits, dots, dashes or underscores, starting with a letter or digit',
    );
  });

  it('writes version 2 with the help used and the learner clock, in lab order, and reads it back', () => {
    const text = buildSubmission(
      {
        lab: 'week1',
        labHash: 'sha256-abc',
        learner: 'ada',
        seed: 9,
        submittedAt: '2026-12-05T21:14:03+09:00',
        exercises: {
          'demo/b': { lines: ['kubectl get svc'], answer: '10.200.1.7', hintsOpened: 2 },
          'demo/a': { lines: ['echo hi'], solutionRevealed: true },
        },
      },
      ['demo/a', 'demo/b'],
    );
    expect(JSON.parse(text)).toEqual({
      version: 2,
      lab: 'week1',
      labHash: 'sha256-abc',
      learner: 'ada',
      seed: 9,
      submittedAt: '2026-12-05T21:14:03+09:00',
      exercises: {
        'demo/a': { lines: ['echo hi'], hintsOpened: 0, solutionRevealed: true },
        'demo/b': { lines: ['kubectl get svc'], answer: '10.200.1.7', hintsOpened: 2, solutionRevealed: false },
      },
    });
    expect(Object.keys(JSON.parse(text).exercises)).toEqual(['demo/a', 'demo/b']);
    expect(text.split('\n')[1]).toBe('  "version": 2,');
    expect(readSubmission(text, lab).ok).toBe(true);
  });

  it('names the file by lab and learner, and writes the learner clock with its offset', () => {
    expect(submissionFileName('week1', 'ada')).toBe('week1--ada.json');
    expect(localIsoTime(Date.UTC(2026, 11, 5, 12, 14, 3), 540)).toBe('2026-12-05T21:14:03+09:00');
    expect(localIsoTime(Date.UTC(2026, 11, 5, 2, 0, 0), -300)).toBe('2026-12-04T21:00:00-05:00');
  });
});
