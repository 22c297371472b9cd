import { describe, expect, it } from 'vitest';
import type { CheckResult, ExerciseResult } from '../../grading/checks';
import { commandLine, diffLines, failureView, inlineCodeParts, summaryText } from './resultText';

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

describe('failureView', () => {
  const failed = (over: Partial<CheckResult>): CheckResult => ({ ...check(false), ...over });

  it('shows a differing cell once, with a literal expected value', () => {
    const view = failureView(
      failed({
        reason: 'row web, column PORT(S): expected "80/TCP", got "8080/TCP"',
        cell: { row: 'web', column: 'PORT(S)', expected: '80/TCP', actual: '8080/TCP' },
      }),
    );
    expect(view).toEqual({ where: 'Row web, column PORT(S)', expected: '80/TCP', got: '8080/TCP' });
  });

  it('never shows a pattern as the expected value of a cell', () => {
    const view = failureView(
      failed({
        reason: 'row web, column ENDPOINTS: expected "/10\\.10\\.\\d+\\.\\d+:80/", got "<none>"',
        cell: { row: 'web', column: 'ENDPOINTS', expected: '/10\\.10\\.\\d+\\.\\d+:80/', actual: '<none>' },
      }),
    );
    expect(view).toEqual({ where: 'Row web, column ENDPOINTS', got: '<none>' });
  });

  it('turns a one-line diff into expected and got, without repeating the reason', () => {
    const view = failureView(failed({ reason: 'line 1: expected "Local", got "Cluster"', diff: '- Local\n+ Cluster' }));
    expect(view).toEqual({ expected: 'Local', got: 'Cluster' });
  });

  it('says the command printed nothing when a diff has no actual line', () => {
    expect(failureView(failed({ reason: 'the command printed nothing', diff: '- Local' }))).toEqual({
      expected: 'Local',
      got: '(nothing)',
    });
  });

  it('keeps a diff of several lines as a diff', () => {
    const diff = '  one\n- two\n+ TWO\n- three';
    expect(failureView(failed({ reason: 'line 2: expected "two", got "TWO"', diff }))).toEqual({ diff });
  });

  it('words a pattern mismatch and offers the output instead of the regex', () => {
    const view = failureView(
      failed({
        expected: '/.*NodePort\\s.*/',
        actual: 'service/web ClusterIP',
        reason: 'output does not match /.*NodePort\\s.*/',
      }),
    );
    expect(view).toEqual({
      statement: 'What the command printed does not show what this check expects.',
      output: 'service/web ClusterIP',
    });
  });

  it('hides a pattern quoted in a table reason too', () => {
    const view = failureView(failed({ expected: 'NAME=/web-.*/', actual: 'x', reason: 'no row with NAME "/web-.*/"' }));
    expect(view.statement).toBe('What the command printed does not show what this check expects.');
  });

  it('states any other reason once, as a sentence', () => {
    const reason = 'the command failed with exit code 1: "Error from server (NotFound): services "web" not found"';
    expect(failureView(failed({ expected: 'NAME=web TYPE=ClusterIP', reason }))).toEqual({
      statement: 'The command failed with exit code 1: "Error from server (NotFound): services "web" not found"',
    });
    expect(failureView(failed({ reason: 'output does not contain "DROP"' })).statement).toBe(
      'Output does not contain "DROP"',
    );
  });
});
