import { describe, expect, it } from 'vitest';
import { historyOf, labWorkKey, parseLabWork, readLabWork, updateExercise, writeLabWork } from './labWork';
import { learnerFromUrl, workSummary, type SheetData } from './sheet';

function memory(): Pick<Storage, 'getItem' | 'setItem'> & { data: Map<string, string> } {
  const data = new Map<string, string>();
  return { data, getItem: (k) => data.get(k) ?? null, setItem: (k, v) => void data.set(k, v) };
}

const sheet: SheetData = {
  id: 'week3-services',
  hash: 'sha256-0',
  salt: '',
  exercises: [
    { id: 'services/expose-web', title: 'Expose the web deployment', points: 1, find: false },
    { id: 'services/find-clusterip', title: 'Find the ClusterIP', points: 1, find: true },
  ],
};

describe('lab work store', () => {
  it('keeps one store per lab and learner, the learner id without regard to case', () => {
    expect(labWorkKey('week3-services', 'Alice')).toBe('netlab:lab:v1:week3-services:alice');
    const storage = memory();
    const work = updateExercise(parseLabWork(null), 'services/expose-web', (e) => ({
      ...e,
      lines: ['kubectl expose deployment web --port=80'],
      hintsOpened: 1,
    }));
    expect(writeLabWork(storage, 'week3-services', 'alice', work)).toBe(true);
    expect(readLabWork(storage, 'week3-services', 'ALICE')).toEqual(work);
  });

  it('keeps the valid entries of a damaged store and drops bad fields', () => {
    expect(
      parseLabWork(
        JSON.stringify({
          version: 1,
          exercises: {
            'a/b': { lines: ['ls', 3], hintsOpened: -1, solutionRevealed: 'yes', answer: '10.0.0.1' },
            'a/c': 'nope',
          },
        }),
      ),
    ).toEqual({ version: 1, exercises: { 'a/b': { lines: ['ls'], answer: '10.0.0.1' } } });
    expect(parseLabWork('garbage')).toEqual({ version: 1, exercises: {} });
  });

  it('reads the typed lines from a terminal snapshot', () => {
    expect(historyOf({ shells: [{ history: ['kubectl get pods', 'exit'], stack: [] }] })).toEqual([
      'kubectl get pods',
      'exit',
    ]);
    expect(historyOf({})).toBeUndefined();
  });
});

describe('lab sheet', () => {
  it('takes the learner from the link only when it is a valid id', () => {
    expect(learnerFromUrl('?learner=alice')).toBe('alice');
    expect(learnerFromUrl('?learner=%1B%5B2J')).toBeUndefined();
    expect(learnerFromUrl('')).toBeUndefined();
  });

  it('says what the submission will hold for each exercise', () => {
    const work = {
      version: 1 as const,
      exercises: {
        'services/find-clusterip': { lines: ['kubectl get svc'], answer: '10.200.1.41', hintsOpened: 2 },
      },
    };
    expect(workSummary(sheet, work)).toEqual([
      'Expose the web deployment: nothing yet',
      'Find the ClusterIP: 1 command line, answer “10.200.1.41”, 2 hints opened',
    ]);
  });
});
