import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../cluster/types';
import { matchFieldSelector, parseFieldSelector, validateFieldSelector } from './fields';

const pod: KubeObject = {
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name: 'web-1', namespace: 'default' },
  spec: { nodeName: 'myk8s-worker' },
  status: { phase: 'Running' },
};

describe('parseFieldSelector', () => {
  it('reads =, == and != terms', () => {
    expect(parseFieldSelector('metadata.name=web-1,status.phase!=Failed,spec.nodeName==n')).toEqual([
      { field: 'metadata.name', operator: '=', value: 'web-1' },
      { field: 'status.phase', operator: '!=', value: 'Failed' },
      { field: 'spec.nodeName', operator: '==', value: 'n' },
    ]);
  });

  it('splits at the first operator in the term', () => {
    expect(parseFieldSelector('a=b!=c')).toEqual([{ field: 'a', operator: '=', value: 'b!=c' }]);
  });

  it('rejects a term without an operator', () => {
    expect(() => parseFieldSelector('metadata.name')).toThrow(
      "invalid selector: 'metadata.name'; can't understand 'metadata.name'",
    );
  });
});

describe('matchFieldSelector', () => {
  it('matches name, node and phase', () => {
    expect(
      matchFieldSelector(
        parseFieldSelector('metadata.name=web-1,spec.nodeName=myk8s-worker,status.phase=Running'),
        pod,
      ),
    ).toBe(true);
  });

  it('fails when a != term equals the value', () => {
    expect(matchFieldSelector(parseFieldSelector('metadata.namespace!=default'), pod)).toBe(false);
  });
});

describe('validateFieldSelector', () => {
  it('rejects a field the kind cannot be filtered on', () => {
    expect(() => validateFieldSelector('Service', parseFieldSelector('spec.type=NodePort'))).toThrow(
      'field label not supported: spec.type',
    );
  });

  it('accepts pod fields on pods', () => {
    expect(() => validateFieldSelector('Pod', parseFieldSelector('spec.nodeName=x'))).not.toThrow();
  });
});
