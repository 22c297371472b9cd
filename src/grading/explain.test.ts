import { describe, expect, it } from 'vitest';
import { explainCheck } from './explain';
import type { CheckResult } from './checks';

const base: CheckResult = {
  index: 0,
  kind: 'check',
  title: 'notes.txt says hello',
  passed: false,
  command: 'cat notes.txt',
  where: 'node myk8s-worker',
  expected: 'hello\nworld',
  actual: 'hello\nWorld',
  reason: 'line 2: expected "world", got "World"',
  diff: '  hello\n- world\n+ World',
  explain: 'Mind the capital letters.',
};

describe('explainCheck', () => {
  it("names the check, the command and where it ran, the differing fact, the diff and the author's explanation", () => {
    expect(explainCheck(base)).toBe(
      [
        'FAIL notes.txt says hello',
        '  $ cat notes.txt (on node myk8s-worker)',
        '  line 2: expected "world", got "World"',
        '  expected (-) against actual (+):',
        '      hello',
        '    - world',
        '    + World',
        '  Mind the capital letters.',
      ].join('\n'),
    );
  });

  it('never shows the expected value of a find task', () => {
    const find: CheckResult = {
      index: 1,
      kind: 'find',
      title: 'ClusterIP of api?',
      passed: false,
      command: 'kubectl get svc api',
      where: 'host',
      expected: '10.200.1.198',
      actual: '10.200.1.1',
      reason: 'the answer "10.200.1.1" is not the value on this cluster',
    };
    expect(explainCheck(find)).toBe(
      'FAIL ClusterIP of api?\n  the answer "10.200.1.1" is not the value on this cluster',
    );
  });

  it('is one line for a passing check', () => {
    expect(explainCheck({ ...base, passed: true })).toBe('PASS notes.txt says hello');
  });
});
