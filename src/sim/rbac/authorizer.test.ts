import { beforeAll, describe, expect, it } from 'vitest';
import { Emulator } from '../emulator';
import type { KubeObject } from '../cluster/types';
import { authorize, rulesFor } from './authorizer';
import { CLUSTER_ADMIN_USER, serviceAccountUser } from './identity';

const RBAC = 'rbac.authorization.k8s.io/v1';
const role = (name: string, namespace: string, rules: unknown[]): KubeObject => ({
  apiVersion: RBAC,
  kind: 'Role',
  metadata: { name, namespace },
  rules,
});
const clusterRole = (name: string, rules: unknown[]): KubeObject => ({
  apiVersion: RBAC,
  kind: 'ClusterRole',
  metadata: { name },
  rules,
});
const binding = (
  kind: 'RoleBinding' | 'ClusterRoleBinding',
  name: string,
  namespace: string | undefined,
  roleKind: string,
  roleName: string,
  subjects: unknown[],
): KubeObject => ({
  apiVersion: RBAC,
  kind,
  metadata: namespace ? { name, namespace } : { name },
  roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: roleKind, name: roleName },
  subjects,
});

describe('authorize', () => {
  let emu: Emulator;
  const jane = { name: 'jane', groups: ['system:authenticated'] };
  const app = serviceAccountUser('dev', 'app');
  beforeAll(() => {
    emu = Emulator.create({ scenario: 'kind-iptables' });
    const c = emu.cluster;
    c.create({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'dev' } });
    c.create(role('pod-reader', 'dev', [{ apiGroups: [''], resources: ['pods'], verbs: ['get', 'list', 'watch'] }]));
    c.create(
      binding('RoleBinding', 'read-pods', 'dev', 'Role', 'pod-reader', [{ kind: 'ServiceAccount', name: 'app' }]),
    );
    c.create(
      binding('RoleBinding', 'jane-edit', 'dev', 'ClusterRole', 'edit', [
        { apiGroup: 'rbac.authorization.k8s.io', kind: 'User', name: 'jane' },
      ]),
    );
    c.create(clusterRole('node-reader', [{ apiGroups: [''], resources: ['nodes'], verbs: ['get', 'list'] }]));
    c.create(
      binding('ClusterRoleBinding', 'ops-nodes', undefined, 'ClusterRole', 'node-reader', [
        { apiGroup: 'rbac.authorization.k8s.io', kind: 'Group', name: 'ops' },
      ]),
    );
    c.create(
      binding('RoleBinding', 'dangling', 'dev', 'Role', 'gone', [
        { apiGroup: 'rbac.authorization.k8s.io', kind: 'User', name: 'bob' },
      ]),
    );
  });

  it('lets kubernetes-admin do anything through the kubeadm:cluster-admins binding', () => {
    expect(
      authorize(emu.cluster, CLUSTER_ADMIN_USER, {
        verb: 'delete',
        apiGroup: '',
        resource: 'nodes',
        name: 'myk8s-worker',
      }),
    ).toEqual({
      allowed: true,
      reason:
        'RBAC: allowed by ClusterRoleBinding "kubeadm:cluster-admins" of ClusterRole "cluster-admin" to Group "kubeadm:cluster-admins"',
    });
  });

  it('allows system:masters before RBAC is asked', () => {
    expect(
      authorize(emu.cluster, { name: 'root', groups: ['system:masters'] }, { verb: 'get', path: '/anything' }),
    ).toEqual({ allowed: true, reason: '' });
  });

  it('grants a service account what its RoleBinding grants, in that namespace only', () => {
    expect(authorize(emu.cluster, app, { verb: 'list', apiGroup: '', resource: 'pods', namespace: 'dev' })).toEqual({
      allowed: true,
      reason: 'RBAC: allowed by RoleBinding "read-pods/dev" of Role "pod-reader" to ServiceAccount "app/dev"',
    });
    expect(
      authorize(emu.cluster, app, { verb: 'list', apiGroup: '', resource: 'pods', namespace: 'default' }).allowed,
    ).toBe(false);
    expect(authorize(emu.cluster, app, { verb: 'list', apiGroup: '', resource: 'pods', namespace: '' }).allowed).toBe(
      false,
    );
  });

  it('does not let a namespace RoleBinding match a same-named service account of another namespace', () => {
    expect(
      authorize(emu.cluster, serviceAccountUser('default', 'app'), {
        verb: 'list',
        apiGroup: '',
        resource: 'pods',
        namespace: 'dev',
      }).allowed,
    ).toBe(false);
  });

  it('confines a ClusterRole bound by a RoleBinding to the binding namespace', () => {
    expect(
      authorize(emu.cluster, jane, { verb: 'create', apiGroup: 'apps', resource: 'deployments', namespace: 'dev' })
        .allowed,
    ).toBe(true);
    expect(
      authorize(emu.cluster, jane, { verb: 'create', apiGroup: 'apps', resource: 'deployments', namespace: 'default' })
        .allowed,
    ).toBe(false);
  });

  it('gives edit no access to roles, which only admin has', () => {
    expect(
      authorize(emu.cluster, jane, {
        verb: 'create',
        apiGroup: 'rbac.authorization.k8s.io',
        resource: 'roles',
        namespace: 'dev',
      }).allowed,
    ).toBe(false);
  });

  it('grants group members a ClusterRoleBinding in every namespace and at cluster scope', () => {
    const opsUser = { name: 'carol', groups: ['ops', 'system:authenticated'] };
    expect(authorize(emu.cluster, opsUser, { verb: 'list', apiGroup: '', resource: 'nodes' }).reason).toBe(
      'RBAC: allowed by ClusterRoleBinding "ops-nodes" of ClusterRole "node-reader" to Group "ops"',
    );
  });

  it('lets every authenticated user reach the discovery paths but not /metrics', () => {
    expect(authorize(emu.cluster, jane, { verb: 'get', path: '/apis/apps/v1' }).allowed).toBe(true);
    expect(authorize(emu.cluster, jane, { verb: 'get', path: '/metrics' })).toEqual({ allowed: false, reason: '' });
  });

  it('lets an anonymous user read /version and /healthz only', () => {
    const anon = { name: 'system:anonymous', groups: ['system:unauthenticated'] };
    expect(authorize(emu.cluster, anon, { verb: 'get', path: '/version' }).allowed).toBe(true);
    expect(authorize(emu.cluster, anon, { verb: 'get', path: '/api' }).allowed).toBe(false);
  });

  it('reports a binding to a missing role as the denial reason', () => {
    expect(
      authorize(
        emu.cluster,
        { name: 'bob', groups: ['system:authenticated'] },
        { verb: 'get', apiGroup: '', resource: 'pods', name: 'x', namespace: 'dev' },
      ),
    ).toEqual({
      allowed: false,
      reason: 'RBAC: role.rbac.authorization.k8s.io "gone" not found',
    });
  });

  it('lists the rules that apply in a namespace, resource rules and non-resource rules apart', () => {
    const review = rulesFor(emu.cluster, app, 'dev');
    expect(review.incomplete).toBe(false);
    expect(review.resourceRules).toContainEqual({
      verbs: ['get', 'list', 'watch'],
      apiGroups: [''],
      resources: ['pods'],
    });
    expect(review.nonResourceRules).toContainEqual({
      verbs: ['get'],
      nonResourceURLs: [
        '/.well-known/openid-configuration',
        '/.well-known/openid-configuration/',
        '/openid/v1/jwks',
        '/openid/v1/jwks/',
      ],
    });
    expect(rulesFor(emu.cluster, { name: 'bob', groups: [] }, 'dev')).toEqual({
      resourceRules: [],
      nonResourceRules: [],
      incomplete: true,
      evaluationError: 'role.rbac.authorization.k8s.io "gone" not found',
    });
  });

  it('decides in well under a millisecond on a default cluster', () => {
    const start = performance.now();
    for (let i = 0; i < 1000; i++)
      authorize(emu.cluster, jane, { verb: 'list', apiGroup: '', resource: 'pods', namespace: 'default' });
    expect((performance.now() - start) / 1000).toBeLessThan(1);
  });
});
