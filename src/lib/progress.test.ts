import { describe, expect, it } from 'vitest';
import {
  exportProgress,
  importProgress,
  isLessonComplete,
  lessonProgress,
  parseProgress,
  PROGRESS_BACKUP_KEY,
  PROGRESS_KEY,
  readProgress,
  recordCheck,
  recordSolutionSeen,
  type StoredProgress,
  writeProgress,
} from './progress';

/** A Map-backed Storage fake. */
function memoryStorage(initial?: string): {
  getItem(k: string): string | null;
  setItem(k: string, v: string): void;
  data: Map<string, string>;
} {
  const data = new Map<string, string>();
  if (initial !== undefined) data.set(PROGRESS_KEY, initial);
  return { data, getItem: (k) => data.get(k) ?? null, setItem: (k, v) => void data.set(k, v) };
}

const half = () => 0.5;

const sample: StoredProgress = {
  version: 1,
  seed: 4242,
  exercises: {
    'services/expose-web': { lesson: 'services', attempts: 2, passedAt: '2026-11-22T10:00:00.000Z' },
    'services/fix-selector': { lesson: 'services', attempts: 1 },
  },
};

describe('parseProgress', () => {
  it('accepts a valid store', () => {
    expect(parseProgress(JSON.stringify(sample))).toEqual({ kind: 'ok', progress: sample });
  });

  it('reads nothing stored as empty', () => {
    expect(parseProgress(null)).toEqual({ kind: 'empty' });
  });

  it('calls text that is not JSON corrupt', () => {
    expect(parseProgress('{"version":1,')).toEqual({ kind: 'corrupt', reason: 'not valid JSON' });
  });

  it('calls a store of another version corrupt, naming the version', () => {
    expect(parseProgress(JSON.stringify({ ...sample, version: 2 }))).toEqual({
      kind: 'corrupt',
      reason: 'unknown format version 2',
    });
  });

  it('keeps the rest of a store with one bad field, and names that field', () => {
    const bad = {
      ...sample,
      exercises: { ...sample.exercises, 'services/nodeport': { lesson: 'services', attempts: -1, passedAt: 'x' } },
    };
    expect(parseProgress(JSON.stringify(bad), half)).toEqual({
      kind: 'ok',
      progress: {
        ...sample,
        exercises: {
          ...sample.exercises,
          'services/nodeport': { lesson: 'services', attempts: 0, passedAt: 'x' },
        },
      },
      repaired: ['exercises.services/nodeport.attempts'],
    });
  });

  it('drops an entry that is not an object and a bad field, keeping the seed and the other entries', () => {
    const bad = {
      version: 1,
      seed: 4242,
      exercises: {
        'services/expose-web': 'passed!',
        'services/fix-selector': { lesson: 7, attempts: 2, usedSolution: 'yes' },
      },
    };
    expect(parseProgress(JSON.stringify(bad), half)).toEqual({
      kind: 'ok',
      progress: { version: 1, seed: 4242, exercises: { 'services/fix-selector': { lesson: 'services', attempts: 2 } } },
      repaired: [
        'exercises.services/expose-web',
        'exercises.services/fix-selector.lesson',
        'exercises.services/fix-selector.usedSolution',
      ],
    });
  });

  it('keeps the exercises of a store written without a seed, and draws one', () => {
    const old = {
      version: 1,
      exercises: { 'services/nodeport': { lesson: 'services', passedAt: '2026-11-22T10:00:00Z' } },
    };
    expect(parseProgress(JSON.stringify(old), half)).toEqual({
      kind: 'ok',
      seeded: true,
      progress: {
        version: 1,
        seed: 500000,
        exercises: { 'services/nodeport': { lesson: 'services', attempts: 0, passedAt: '2026-11-22T10:00:00Z' } },
      },
    });
  });

  it('draws a new seed only when the seed itself is outside 1..999999', () => {
    expect(parseProgress(JSON.stringify({ ...sample, seed: 0 }), half)).toEqual({
      kind: 'ok',
      progress: { ...sample, seed: 500000 },
      seeded: true,
      repaired: ['seed'],
    });
  });
});

describe('readProgress', () => {
  it('creates a store with a seed from the random source when there is none', () => {
    const storage = memoryStorage();
    const read = readProgress(storage, half);
    expect(read).toEqual({ progress: { version: 1, seed: 500000, exercises: {} } });
    expect(storage.data.get(PROGRESS_KEY)).toBe('{"version":1,"seed":500000,"exercises":{}}');
  });

  it('writes back a store that was given a seed', () => {
    const storage = memoryStorage('{"version":1,"exercises":{}}');
    readProgress(storage, half);
    expect(storage.data.get(PROGRESS_KEY)).toBe('{"version":1,"exercises":{},"seed":500000}');
  });

  it('returns a valid store as it is, without a notice', () => {
    expect(readProgress(memoryStorage(JSON.stringify(sample)), half)).toEqual({ progress: sample });
  });

  it('resets a corrupt store, keeps a backup copy of it, and returns the notice', () => {
    const storage = memoryStorage('garbage{');
    const read = readProgress(storage, half);
    expect(read.notice).toBe(
      'Your saved progress could not be read (not valid JSON), so it was reset. A copy of what was stored is kept in this browser under netlab:progress:v1:backup.',
    );
    expect(read.progress).toEqual({ version: 1, seed: 500000, exercises: {} });
    expect(storage.data.get(PROGRESS_KEY)).toBe('{"version":1,"seed":500000,"exercises":{}}');
    expect(storage.data.get(PROGRESS_BACKUP_KEY)).toBe('garbage{');
  });

  it('keeps all other progress and the seed when one field is bad (attempts: -1), with a backup and a notice', () => {
    const raw = JSON.stringify({
      ...sample,
      exercises: { ...sample.exercises, 'services/nodeport': { lesson: 'services', attempts: -1 } },
    });
    const storage = memoryStorage(raw);
    const read = readProgress(storage, () => 0.9);
    expect(read.progress.seed).toBe(4242);
    expect(read.progress.exercises['services/expose-web']).toEqual(sample.exercises['services/expose-web']);
    expect(read.progress.exercises['services/nodeport']).toEqual({ lesson: 'services', attempts: 0 });
    expect(read.notice).toBe(
      'Part of your saved progress could not be read (exercises.services/nodeport.attempts); the rest was kept. A copy of what was stored is kept in this browser under netlab:progress:v1:backup.',
    );
    expect(storage.data.get(PROGRESS_BACKUP_KEY)).toBe(raw);
    expect(JSON.parse(storage.data.get(PROGRESS_KEY)!)).toEqual(read.progress);
    // Read again: the repaired store is valid now, so no notice.
    expect(readProgress(storage, () => 0.9).notice).toBeUndefined();
  });

  it('works without a notice when storage throws on access', () => {
    const storage = {
      getItem(): string | null {
        throw new DOMException('denied', 'SecurityError');
      },
      setItem() {
        throw new DOMException('denied', 'SecurityError');
      },
    };
    expect(readProgress(storage, half)).toEqual({ progress: { version: 1, seed: 500000, exercises: {} } });
  });
});

describe('writeProgress', () => {
  it('reports a refused write as false', () => {
    const full = {
      getItem: () => null,
      setItem() {
        throw new DOMException('full', 'QuotaExceededError');
      },
    };
    expect(writeProgress(full, sample)).toBe(false);
  });
});

describe('recordCheck', () => {
  it('counts a failed check without a pass time', () => {
    const next = recordCheck(sample, 'services/nodeport', false, '2026-11-22T11:00:00.000Z');
    expect(next.exercises['services/nodeport']).toEqual({ lesson: 'services', attempts: 1 });
  });

  it('keeps the first pass time when an exercise passes again', () => {
    const next = recordCheck(sample, 'services/expose-web', true, '2026-11-22T11:00:00.000Z');
    expect(next.exercises['services/expose-web']).toEqual({
      lesson: 'services',
      attempts: 3,
      passedAt: '2026-11-22T10:00:00.000Z',
    });
  });

  it('leaves the store it was given unchanged', () => {
    recordCheck(sample, 'services/fix-selector', true, '2026-11-22T11:00:00.000Z');
    expect(sample.exercises['services/fix-selector']).toEqual({ lesson: 'services', attempts: 1 });
  });
});

describe('recordSolutionSeen', () => {
  it('marks an exercise not yet passed as helped', () => {
    expect(recordSolutionSeen(sample, 'services/fix-selector').exercises['services/fix-selector']).toEqual({
      lesson: 'services',
      attempts: 1,
      usedSolution: true,
    });
  });

  it('does not mark an exercise that already passed on its own', () => {
    expect(recordSolutionSeen(sample, 'services/expose-web')).toBe(sample);
  });
});

describe('lesson completion', () => {
  const ids = ['services/expose-web', 'services/fix-selector'];

  it('counts passed exercises of a lesson', () => {
    expect(lessonProgress(sample, ids)).toEqual({ passed: 1, total: 2 });
  });

  it('is not complete while one exercise has not passed', () => {
    expect(isLessonComplete(sample, ids)).toBe(false);
  });

  it('is complete when every exercise passed', () => {
    expect(isLessonComplete(recordCheck(sample, 'services/fix-selector', true, '2026-11-22T11:00:00.000Z'), ids)).toBe(
      true,
    );
  });

  it('never calls a lesson without exercises complete', () => {
    expect(isLessonComplete(sample, [])).toBe(false);
  });
});

describe('export and import', () => {
  it('exports the store as indented JSON', () => {
    expect(exportProgress({ version: 1, seed: 7, exercises: {} })).toBe(
      '{\n  "version": 1,\n  "seed": 7,\n  "exercises": {}\n}\n',
    );
  });

  it('round-trips an export into an empty store', () => {
    const result = importProgress({ version: 1, seed: 1, exercises: {} }, exportProgress(sample));
    expect(result).toEqual({ kind: 'ok', progress: sample, added: 1 });
  });

  it('merges: the earlier pass wins and attempts take the larger count', () => {
    const current: StoredProgress = {
      version: 1,
      seed: 9,
      exercises: {
        'services/expose-web': {
          lesson: 'services',
          attempts: 5,
          passedAt: '2026-11-23T09:00:00.000Z',
          usedSolution: true,
        },
        'services/nodeport': { lesson: 'services', attempts: 1, passedAt: '2026-11-23T09:30:00.000Z' },
      },
    };
    const result = importProgress(current, JSON.stringify(sample));
    expect(result).toEqual({
      kind: 'ok',
      added: 0,
      progress: {
        version: 1,
        seed: 4242,
        exercises: {
          'services/expose-web': { lesson: 'services', attempts: 5, passedAt: '2026-11-22T10:00:00.000Z' },
          'services/nodeport': { lesson: 'services', attempts: 1, passedAt: '2026-11-23T09:30:00.000Z' },
          'services/fix-selector': { lesson: 'services', attempts: 1 },
        },
      },
    });
  });

  it('keeps the current seed when the imported file has none', () => {
    const result = importProgress(sample, '{"version":1,"exercises":{}}');
    expect(result.kind === 'ok' && result.progress.seed).toBe(4242);
  });

  it('refuses a file with a bad field rather than merging half of it', () => {
    const bad = { ...sample, exercises: { 'services/nodeport': { lesson: 'services', attempts: -1 } } };
    expect(importProgress(sample, JSON.stringify(bad))).toEqual({
      kind: 'refused',
      reason: 'the file is not a k8s-netlab progress file (unexpected value at exercises.services/nodeport.attempts)',
    });
  });

  it('refuses a file that is not a progress file, saying why', () => {
    expect(importProgress(sample, '{"hello":"world"}')).toEqual({
      kind: 'refused',
      reason: 'the file is not a k8s-netlab progress file (unexpected value at version)',
    });
  });
});
