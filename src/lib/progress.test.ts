import { describe, expect, it } from 'vitest';
import { lessonsWithPassedExercise, PROGRESS_KEY, readCompletedLessons } from './progress';

describe('lessonsWithPassedExercise', () => {
  it('lists each lesson that has a passed exercise once', () => {
    const raw = JSON.stringify({
      version: 1,
      exercises: {
        'svc-1': { passedAt: '2026-11-22T10:00:00Z', lesson: 'services' },
        'svc-2': { passedAt: '2026-11-22T10:05:00Z', lesson: 'services' },
        'dns-1': { passedAt: '2026-11-22T10:09:00Z', lesson: 'dns' },
      },
    });
    expect([...lessonsWithPassedExercise(raw)]).toEqual(['services', 'dns']);
  });

  it('reads nothing stored as no progress', () => {
    expect(lessonsWithPassedExercise(null).size).toBe(0);
  });

  it('reads invalid JSON as no progress', () => {
    expect(lessonsWithPassedExercise('{"version":1,').size).toBe(0);
  });

  it('ignores a store of another version', () => {
    const raw = JSON.stringify({ version: 2, exercises: { a: { passedAt: 'x', lesson: 'services' } } });
    expect(lessonsWithPassedExercise(raw).size).toBe(0);
  });

  it('skips malformed exercise entries and keeps the good ones', () => {
    const raw = JSON.stringify({
      version: 1,
      exercises: { a: null, b: { lesson: 42, passedAt: 'x' }, c: { passedAt: 'x' }, d: { passedAt: 'x', lesson: 'dns' } },
    });
    expect([...lessonsWithPassedExercise(raw)]).toEqual(['dns']);
  });
});

describe('readCompletedLessons', () => {
  it('reads the progress key from storage', () => {
    const raw = JSON.stringify({ version: 1, exercises: { a: { passedAt: 'x', lesson: 'dns' } } });
    const storage = { getItem: (key: string) => (key === PROGRESS_KEY ? raw : null) };
    expect([...readCompletedLessons(storage)]).toEqual(['dns']);
  });

  it('reads storage that throws on access as no progress', () => {
    const storage = {
      getItem: (): string | null => {
        throw new DOMException('denied', 'SecurityError');
      },
    };
    expect(readCompletedLessons(storage).size).toBe(0);
  });

  it('reads missing storage as no progress', () => {
    expect(readCompletedLessons(undefined).size).toBe(0);
  });
});
