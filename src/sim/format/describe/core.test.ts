import { describe, expect, it } from 'vitest';
import { NOW, obj } from '../printers/fixtures.test-helpers';
import { contextWith } from './context.test-helpers';
import { describeObject } from './index';

describe('describe namespace', () => {
  it('prints status and the quota and limit range notes', () => {
    const ns = obj('Namespace', 'default', {
      metadata: { name: 'default', labels: { 'kubernetes.io/metadata.name': 'default' } },
      status: { phase: 'Active' },
    });
    expect(describeObject('namespaces', ns, contextWith(NOW, []))).toBe(
      'Name:         default\n' +
        'Labels:       kubernetes.io/metadata.name=default\n' +
        'Annotations:  <none>\n' +
        'Status:       Active\n' +
        '\n' +
        'No resource quota.\n' +
        '\n' +
        'No LimitRange resource.\n',
    );
  });
});

describe('describe serviceaccount', () => {
  it('prints the three secret lists aligned like a real cluster', () => {
    const sa = obj('ServiceAccount', 'default', { namespace: 'default' });
    expect(describeObject('serviceaccounts', sa, contextWith(NOW, []))).toBe(
      [
        'Name:                default',
        'Namespace:           default',
        'Labels:              <none>',
        'Annotations:         <none>',
        'Image pull secrets:  <none>',
        'Mountable secrets:   <none>',
        'Tokens:              <none>',
        'Events:              <none>',
        '',
      ].join('\n'),
    );
  });
});

describe('describe configmap', () => {
  it('prints each key with a rule, then BinaryData and Events', () => {
    const cm = obj('ConfigMap', 'app-config', { namespace: 'default', data: { 'b.txt': 'two', 'a.txt': 'one\nline' } });
    expect(describeObject('configmaps', cm, contextWith(NOW, []))).toBe(
      [
        'Name:         app-config',
        'Namespace:    default',
        'Labels:       <none>',
        'Annotations:  <none>',
        '',
        'Data',
        '====',
        'a.txt:',
        '----',
        'one',
        'line',
        '',
        'b.txt:',
        '----',
        'two',
        '',
        '',
        'BinaryData',
        '====',
        '',
        'Events:  <none>',
        '',
      ].join('\n'),
    );
  });

  it('prints a long annotation on its own indented line, shortened', () => {
    const long =
      'Contains a CA bundle that can be used to verify the kube-apiserver when using internal endpoints such as the internal service IP or kubernetes.default.svc.';
    const cm = obj('ConfigMap', 'kube-root-ca.crt', {
      namespace: 'default',
      metadata: { name: 'kube-root-ca.crt', namespace: 'default', annotations: { 'kubernetes.io/description': long } },
    });
    expect(describeObject('configmaps', cm, contextWith(NOW, []))).toContain(
      'Annotations:  kubernetes.io/description:\n' +
        '                Contains a CA bundle that can be used to verify the kube-apiserver when using internal endpoints such as the internal service IP or kubern...\n',
    );
  });
});
