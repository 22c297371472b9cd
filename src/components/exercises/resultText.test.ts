import { describe, expect, it } from 'vitest';
import type { CheckResult, ExerciseResult } from '../../grading/checks';
import { commandLine, diffLines, inlineCodeParts, summaryText } from './resultText';

const check = (passed: boolean, where = 'host'): CheckResult => ({
  index: 0,
  kind: 'check',
  title: 't',
  passed,
  command: 'kubectl get svc web',
  where,
  expected: '',
  actual: '',
  reason: '',
});
const result = (...passed: boolean[]): ExerciseResult => ({
  exerciseId: 'services/x',
  passed: passed.every(Boolean),
  checks: passed.map((p) => check(p)),
});

describe('summaryText', () => {
  it('says all checks hold when the exercise passed', () => {
    expect(summaryText(result(true, true))).toBe('Passed: all 2 checks hold.');
  });

  it('speaks of one check in the singular', () => {
    expect(summaryText(result(true))).toBe('Passed: the check holds.');
  });

  it('counts the failed checks', () => {
    expect(summaryText(result(true, false, false))).toBe('Not yet: 2 of 3 checks failed.');
  });
});

describe('commandLine', () => {
  it('shows a host command after a prompt', () => {
    expect(commandLine(check(false))).toBe('$ kubectl get svc web');
  });

  it('says where a command ran when not on the host', () => {
    expect(commandLine(check(false, 'node myk8s-worker'))).toBe('$ kubectl get svc web   # on node myk8s-worker');
  });
});

describe('inlineCodeParts', () => {
  it('splits backtick spans out as code', () => {
    expect(inlineCodeParts('Read `kubectl get svc` first.')).toEqual([
      { code: false, text: 'Read ' },
      { code: true, text: 'kubectl get svc' },
      { code: false, text: ' first.' },
    ]);
  });

  it('keeps an unmatched backtick as text', () => {
    expect(inlineCodeParts('a ` b')).toEqual([{ code: false, text: 'a ` b' }]);
  });
});

describe('diffLines', () => {
  it('classifies removed, added and context lines', () => {
    expect(diffLines(' one\n-two\n+TWO')).toEqual([
      { kind: 'same', text: ' one' },
      { kind: 'del', text: '-two' },
      { kind: 'add', text: '+TWO' },
    ]);
  });
});
