import { describe, expect, it } from 'vitest';
import { NOW, obj } from '../printers/fixtures.test-helpers';
import { contextWith } from './context.test-helpers';
import { describeObject } from './index';

describe('describe role', () => {
  it('prints the compacted rule table', () => {
    const role = obj('Role', 'pod-reader', {
      namespace: 'default',
      rules: [{ apiGroups: [''], resources: ['pods'], verbs: ['get', 'watch', 'list'] }],
    });
    expect(describeObject('roles', role, contextWith(NOW, []))).toBe(
      [
        'Name:         pod-reader',
        'Labels:       <none>',
        'Annotations:  <none>',
        'PolicyRule:',
        '  Resources  Non-Resource URLs  Resource Names  Verbs',
        '  ---------  -----------------  --------------  -----',
        '  pods       []                 []              [get watch list]',
        '',
      ].join('\n'),
    );
  });

  it('sorts rules by PolicyRule.String(), so verbs and then empty groups come first', () => {
    const role = obj('ClusterRole', 'mixed', {
      rules: [
        { apiGroups: ['apps'], resources: ['deployments', 'replicasets'], verbs: ['get'] },
        { nonResourceURLs: ['/healthz'], verbs: ['get'] },
        { apiGroups: [''], resources: ['pods'], verbs: ['get', 'watch', 'list'] },
      ],
    });
    expect(describeObject('clusterroles', role, contextWith(NOW, []))!.split('PolicyRule:\n')[1]).toBe(
      [
        '  Resources         Non-Resource URLs  Resource Names  Verbs',
        '  ---------         -----------------  --------------  -----',
        '  pods              []                 []              [get watch list]',
        '                    [/healthz]         []              [get]',
        '  deployments.apps  []                 []              [get]',
        '  replicasets.apps  []                 []              [get]',
        '',
      ].join('\n'),
    );
  });
});

describe('describe rolebinding', () => {
  it('prints the role reference and the subjects table', () => {
    const rb = obj('RoleBinding', 'read-pods', {
      namespace: 'default',
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: 'pod-reader' },
      subjects: [
        { kind: 'User', name: 'jane', apiGroup: 'rbac.authorization.k8s.io' },
        { kind: 'ServiceAccount', name: 'default', namespace: 'default' },
      ],
    });
    expect(describeObject('rolebindings', rb, contextWith(NOW, []))).toBe(
      [
        'Name:         read-pods',
        'Labels:       <none>',
        'Annotations:  <none>',
        'Role:',
        '  Kind:  Role',
        '  Name:  pod-reader',
        'Subjects:',
        '  Kind            Name     Namespace',
        '  ----            ----     ---------',
        '  User            jane     ',
        '  ServiceAccount  default  default',
        '',
      ].join('\n'),
    );
  });
});
