import { describe, expect, it } from 'vitest';
import { renderTable } from './index';
import { NOW, obj } from './fixtures.test-helpers';

describe('rbac tables', () => {
  it('prints roles with CREATED AT in RFC 3339 (reference sample)', () => {
    const role = obj('Role', 'pod-reader', {
      metadata: { name: 'pod-reader', creationTimestamp: '2024-05-01T10:00:00Z' },
    });
    expect(renderTable('roles', [role], { now: NOW })).toBe(
      'NAME         CREATED AT\npod-reader   2024-05-01T10:00:00Z\n',
    );
  });

  it('prints a role binding with Kind/Name (reference sample)', () => {
    const rb = obj('RoleBinding', 'read-pods', {
      age: 5,
      roleRef: { kind: 'Role', name: 'pod-reader', apiGroup: 'rbac.authorization.k8s.io' },
      subjects: [],
    });
    expect(renderTable('rolebindings', [rb], { now: NOW })).toBe(
      'NAME        ROLE              AGE\nread-pods   Role/pod-reader   5s\n',
    );
  });

  it('lists users, groups and service accounts in wide mode', () => {
    const rb = obj('ClusterRoleBinding', 'b', {
      age: 5,
      roleRef: { kind: 'ClusterRole', name: 'view' },
      subjects: [
        { kind: 'User', name: 'jane' },
        { kind: 'Group', name: 'devs' },
        { kind: 'ServiceAccount', name: 'sa1', namespace: 'default' },
        { kind: 'ServiceAccount', name: 'sa2', namespace: 'dev' },
      ],
    });
    expect(renderTable('clusterrolebindings', [rb], { now: NOW, wide: true })).toBe(
      'NAME   ROLE               AGE   USERS   GROUPS   SERVICEACCOUNTS\n' +
        'b      ClusterRole/view   5s    jane    devs     default/sa1, dev/sa2\n',
    );
  });
});
