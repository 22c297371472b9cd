import { describe, expect, it } from 'vitest';
import { findCopies } from './copies';

const solutions = new Map([['s/a', new Set(['kubectl expose deployment web --port=80'])]]);
const t = (label: string, lines: string[]) => ({ label, exercises: { 's/a': lines } });

describe('findCopies', () => {
  it('reports identical transcripts with the lines side by side, leaving out the reference solution', () => {
    const lines = ['kubectl get pods -o wide', 'kubectl expose deployment web --port=80', 'kubectl get ep web'];
    const [pair, ...rest] = findCopies(
      [
        t('alice', lines),
        t(
          'bob',
          lines.map((l) => `  ${l}`),
        ),
      ],
      solutions,
    );
    expect(rest).toEqual([]);
    expect(pair).toMatchObject({ a: 'alice', b: 'bob', identical: true, similarity: 1, matched: 2, linesA: 2 });
    expect(pair!.rows).toEqual([
      { exercise: 's/a', a: 'kubectl get pods -o wide', b: 'kubectl get pods -o wide', same: true },
      { exercise: 's/a', a: 'kubectl get ep web', b: 'kubectl get ep web', same: true },
    ]);
  });

  it('reports near-identical transcripts and shows where they differ', () => {
    const a = ['k get po', 'k describe svc web', 'k get ep web', 'k get svc', 'echo done'];
    const b = ['k get po', 'k describe svc web', 'k get ep web', 'k get svc', 'echo finished'];
    const [pair] = findCopies([t('a', a), t('b', b)], solutions);
    expect(pair).toMatchObject({ identical: false, similarity: 0.8, matched: 4 });
    expect(pair!.rows.filter((r) => !r.same)).toEqual([
      { exercise: 's/a', a: 'echo done', b: 'echo finished', same: false },
    ]);
  });

  it('does not report transcripts made only of the reference solution, or different work', () => {
    expect(
      findCopies(
        [t('a', ['kubectl expose deployment web --port=80']), t('b', ['kubectl expose deployment web --port=80'])],
        solutions,
      ),
    ).toEqual([]);
    expect(findCopies([t('a', ['k get po', 'k get svc', 'x']), t('b', ['k get po', 'y', 'z'])], solutions)).toEqual([]);
  });

  it('leaves out lines most of a group typed, in a group of four or more', () => {
    const common = ['kubectl get pods', 'kubectl get svc'];
    const group = [
      t('a', [...common, 'a1']),
      t('b', [...common, 'b1']),
      t('c', [...common, 'c1']),
      t('d', [...common, 'd1']),
    ];
    expect(findCopies(group, solutions)).toEqual([]);
  });
});
