import { describe, expect, it } from 'vitest';
import { checkSchema } from './schema';
import { compare, type CommandResult } from './matchers';

function result(output: string, exitCode = 0, stderr = ''): CommandResult {
  return { stdout: output, stderr, output: output + stderr, exitCode };
}

/** A check as an author writes it, through the schema (so defaults apply). */
function check(fields: Record<string, unknown>) {
  return checkSchema.parse({ title: 't', run: 'true', ...fields });
}

const SVC_TABLE = `NAME         TYPE        CLUSTER-IP     EXTERNAL-IP   PORT(S)   AGE
kubernetes   ClusterIP   10.200.1.1     <none>        443/TCP   6m33s
web          ClusterIP   10.200.1.229   <none>        80/TCP    8s
`;

describe('exact', () => {
  it('passes when only trailing spaces and trailing newlines differ', () => {
    expect(compare(check({ exact: 'a\nb' }), result('a   \nb  \n\n')).passed).toBe(true);
  });

  it('names the first differing line and shows a line diff', () => {
    const out = compare(check({ exact: 'one\ntwo\nthree' }), result('one\nTWO\nthree\n'));
    expect(out).toEqual({
      passed: false,
      expected: 'one\ntwo\nthree',
      actual: 'one\nTWO\nthree',
      reason: 'line 2: expected "two", got "TWO"',
      diff: '  one\n- two\n+ TWO\n  three',
    });
  });

  it('says the command printed nothing when the output is empty', () => {
    expect(compare(check({ exact: '3' }), result('')).reason).toBe('the command printed nothing');
  });

  it('reads a YAML number as the text it stands for', () => {
    expect(compare(check({ exact: 3 }), result('3\n')).passed).toBe(true);
  });
});

describe('pattern', () => {
  it('anchors the whole output by default', () => {
    expect(compare(check({ pattern: '10\\.200\\.1\\.\\d+' }), result('10.200.1.229')).passed).toBe(true);
    expect(compare(check({ pattern: '10\\.200\\.1\\.\\d+' }), result('ip 10.200.1.229')).reason).toBe(
      'output does not match /10\\.200\\.1\\.\\d+/',
    );
  });

  it('passes with scope anyLine when one line matches whole', () => {
    expect(compare(check({ pattern: 'web .*', scope: 'anyLine' }), result(SVC_TABLE)).passed).toBe(true);
  });

  it('names the first line that does not match with scope everyLine', () => {
    const out = compare(check({ pattern: '\\S+ +ClusterIP .*', scope: 'everyLine' }), result(SVC_TABLE));
    expect(out.reason).toBe(
      'line "NAME         TYPE        CLUSTER-IP     EXTERNAL-IP   PORT(S)   AGE" does not match /\\S+ +ClusterIP .*/',
    );
  });
});

describe('linesAnyOrder', () => {
  it('passes whatever the order of the lines', () => {
    expect(compare(check({ linesAnyOrder: 'b\na\nc' }), result('a\nb\nc\n')).passed).toBe(true);
  });

  it('lists missing lines with - and unexpected ones with +', () => {
    const out = compare(check({ linesAnyOrder: 'a\nb\nc' }), result('c\nd\na\n'));
    expect([out.reason, out.diff]).toEqual(['missing line "b"; unexpected line "d"', '- b\n+ d']);
  });

  it('counts repeated lines', () => {
    expect(compare(check({ linesAnyOrder: 'a\na' }), result('a\n')).reason).toBe('missing line "a"');
  });
});

describe('table', () => {
  it('compares only the listed columns, so AGE never matters', () => {
    const c = check({ table: { key: 'NAME', rows: [{ NAME: 'web', TYPE: 'ClusterIP', 'PORT(S)': '80/TCP' }] } });
    expect(compare(c, result(SVC_TABLE)).passed).toBe(true);
  });

  it('matches a cell written /like this/ as a regular expression over the whole cell', () => {
    const c = check({ table: { key: 'NAME', rows: [{ NAME: 'web', 'CLUSTER-IP': '/10\\.200\\.1\\.\\d+/' }] } });
    expect(compare(c, result(SVC_TABLE)).passed).toBe(true);
    const partial = check({ table: { key: 'NAME', rows: [{ NAME: 'web', 'CLUSTER-IP': '/10\\.200/' }] } });
    expect(compare(partial, result(SVC_TABLE)).passed).toBe(false);
  });

  it('finds rows with generated names by a key pattern', () => {
    const pods = `NAME                   READY   STATUS    RESTARTS   AGE
web-7645484697-9w589   1/1     Running   0          2m
`;
    const c = check({ table: { key: 'NAME', rows: [{ NAME: '/web-[a-z0-9]+-[a-z0-9]{5}/', STATUS: 'Running' }] } });
    expect(compare(c, result(pods)).passed).toBe(true);
  });

  it('reports the differing cell by row key and column', () => {
    const c = check({ table: { key: 'NAME', rows: [{ NAME: 'web', TYPE: 'NodePort' }] } });
    const out = compare(c, result(SVC_TABLE));
    expect([out.reason, out.cell]).toEqual([
      'row web, column TYPE: expected "NodePort", got "ClusterIP"',
      { row: 'web', column: 'TYPE', expected: 'NodePort', actual: 'ClusterIP' },
    ]);
  });

  it('reports a missing row and a missing column', () => {
    expect(compare(check({ table: { key: 'NAME', rows: [{ NAME: 'api' }] } }), result(SVC_TABLE)).reason).toBe(
      'no row with NAME "api"',
    );
    expect(
      compare(check({ table: { key: 'NAME', rows: [{ NAME: 'web', ENDPOINTS: 'x' }] } }), result(SVC_TABLE)).reason,
    ).toBe('no column ENDPOINTS in the output (columns: NAME, TYPE, CLUSTER-IP, EXTERNAL-IP, PORT(S), AGE)');
  });

  it('compares rows in order, and their count, without a key', () => {
    const c = check({ table: { rows: [{ NAME: 'kubernetes' }] } });
    expect(compare(c, result(SVC_TABLE)).reason).toBe('expected 1 row, got 2');
  });

  it('refuses rows the expectation does not list when allRows is set', () => {
    const c = check({ table: { key: 'NAME', allRows: true, rows: [{ NAME: 'web' }] } });
    expect(compare(c, result(SVC_TABLE)).reason).toBe('unexpected row with NAME "kubernetes"');
  });

  it('reads headers with a space in them, such as NOMINATED NODE', () => {
    const wide = `NAME   NODE           NOMINATED NODE   READINESS GATES
a      myk8s-worker   <none>           <none>
`;
    expect(compare(check({ table: { rows: [{ NAME: 'a', 'NOMINATED NODE': '<none>' }] } }), result(wide)).passed).toBe(
      true,
    );
  });
});

describe('contains and notContains', () => {
  it('passes contains when the text is there', () => {
    expect(compare(check({ contains: '80/TCP' }), result(SVC_TABLE)).passed).toBe(true);
  });

  it('fails contains with the missing text named', () => {
    expect(compare(check({ contains: '30080' }), result(SVC_TABLE)).reason).toBe('output does not contain "30080"');
  });

  it('fails notContains with the line holding the text', () => {
    expect(compare(check({ notContains: '443/TCP' }), result(SVC_TABLE)).reason).toBe(
      'output contains "443/TCP" in line "kubernetes   ClusterIP   10.200.1.1     <none>        443/TCP   6m33s"',
    );
  });
});

describe('exitCode', () => {
  it('passes alone on the right status', () => {
    expect(compare(check({ exitCode: 1 }), result('', 1)).passed).toBe(true);
  });

  it('fails first on the status, quoting what the command said', () => {
    const out = compare(
      check({ exitCode: 0, contains: 'web' }),
      result('', 1, 'Error from server (NotFound): services "web" not found\n'),
    );
    expect(out.reason).toBe('exit code 1, expected 0 ("Error from server (NotFound): services "web" not found")');
  });
});

describe('stream', () => {
  it('compares stderr alone when asked', () => {
    const c = check({ stream: 'stderr', exact: 'oops' });
    expect(compare(c, { stdout: 'fine\n', stderr: 'oops\n', output: 'fine\noops\n', exitCode: 1 }).passed).toBe(true);
  });
});
