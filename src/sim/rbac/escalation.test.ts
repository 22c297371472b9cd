import { describe, expect, it } from 'vitest';
import { Emulator } from '../emulator';
import type { KubeObject } from '../cluster/types';
import { compactString, escalationError, uncoveredRules } from './escalation';

const jane = { name: 'jane', groups: ['system:authenticated'] };
const RBAC = 'rbac.authorization.k8s.io';

function withJaneAdminInDefault(): Emulator {
  const emu = Emulator.create({ scenario: 'kind-iptables' });
  emu.cluster.create({
    apiVersion: `${RBAC}/v1`,
    kind: 'RoleBinding',
    metadata: { name: 'jane-admin', namespace: 'default' },
    roleRef: { apiGroup: RBAC, kind: 'ClusterRole', name: 'admin' },
    subjects: [{ apiGroup: RBAC, kind: 'User', name: 'jane' }],
  });
  return emu;
}

const role = (rules: unknown[], namespace = 'default'): KubeObject => ({
  apiVersion: `${RBAC}/v1`,
  kind: 'Role',
  metadata: { name: 'r', namespace },
  rules,
});

describe('escalation prevention', () => {
  it('writes a rule as CompactString does', () => {
    expect(compactString({ apiGroups: [''], resources: ['pods'], verbs: ['get', 'list'] })).toBe(
      '{APIGroups:[""], Resources:["pods"], Verbs:["get" "list"]}',
    );
    expect(compactString({ nonResourceURLs: ['/healthz'], verbs: ['get'] })).toBe(
      '{NonResourceURLs:["/healthz"], Verbs:["get"]}',
    );
  });

  it('finds the broken-down rules no owned rule covers, honouring * and resource names', () => {
    const owned = [
      { apiGroups: [''], resources: ['pods', '*/status'], verbs: ['get', 'list'] },
      { apiGroups: [''], resources: ['configmaps'], resourceNames: ['a'], verbs: ['get'] },
    ];
    expect(
      uncoveredRules(owned, [{ apiGroups: [''], resources: ['pods', 'services/status'], verbs: ['get'] }]),
    ).toEqual([]);
    expect(uncoveredRules(owned, [{ apiGroups: [''], resources: ['configmaps'], verbs: ['get'] }])).toEqual([
      { apiGroups: [''], resources: ['configmaps'], verbs: ['get'] },
    ]);
    expect(
      uncoveredRules(owned, [{ apiGroups: [''], resources: ['configmaps'], resourceNames: ['a'], verbs: ['get'] }]),
    ).toEqual([]);
  });

  it('lets a namespace admin create a role within its own permissions there', () => {
    const emu = withJaneAdminInDefault();
    expect(
      escalationError(
        emu.cluster,
        jane,
        role([{ apiGroups: [''], resources: ['pods', 'secrets'], verbs: ['get', 'list'] }]),
      ),
    ).toBeUndefined();
  });

  it('refuses a role that grants what the user lacks, naming the missing rules', () => {
    const emu = withJaneAdminInDefault();
    expect(
      escalationError(
        emu.cluster,
        jane,
        role([{ apiGroups: [''], resources: ['pods', 'nodes'], verbs: ['get', 'list'] }]),
      )?.message,
    ).toBe(
      'roles.rbac.authorization.k8s.io "r" is forbidden: user "jane" (groups=["system:authenticated"]) is attempting to grant RBAC permissions not currently held:\n{APIGroups:[""], Resources:["nodes"], Verbs:["get" "list"]}',
    );
  });

  it('judges a role by the permissions held in its own namespace', () => {
    const emu = withJaneAdminInDefault();
    emu.cluster.create({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'other' } });
    expect(
      escalationError(emu.cluster, jane, role([{ apiGroups: [''], resources: ['pods'], verbs: ['get'] }], 'other')),
    ).toBeDefined();
  });

  it('refuses binding cluster-admin without holding it, and allows it with the bind verb', () => {
    const emu = withJaneAdminInDefault();
    const binding: KubeObject = {
      apiVersion: `${RBAC}/v1`,
      kind: 'RoleBinding',
      metadata: { name: 'b', namespace: 'default' },
      roleRef: { apiGroup: RBAC, kind: 'ClusterRole', name: 'cluster-admin' },
      subjects: [{ apiGroup: RBAC, kind: 'User', name: 'bob' }],
    };
    expect(escalationError(emu.cluster, jane, binding)?.message).toBe(
      'rolebindings.rbac.authorization.k8s.io "b" is forbidden: user "jane" (groups=["system:authenticated"]) is attempting to grant RBAC permissions not currently held:\n{APIGroups:["*"], Resources:["*"], Verbs:["*"]}\n{NonResourceURLs:["*"], Verbs:["*"]}',
    );
    emu.cluster.create({
      apiVersion: `${RBAC}/v1`,
      kind: 'ClusterRole',
      metadata: { name: 'binder' },
      rules: [{ apiGroups: [RBAC], resources: ['clusterroles'], resourceNames: ['cluster-admin'], verbs: ['bind'] }],
    });
    emu.cluster.create({
      apiVersion: `${RBAC}/v1`,
      kind: 'ClusterRoleBinding',
      metadata: { name: 'jane-binder' },
      roleRef: { apiGroup: RBAC, kind: 'ClusterRole', name: 'binder' },
      subjects: [{ apiGroup: RBAC, kind: 'User', name: 'jane' }],
    });
    expect(escalationError(emu.cluster, jane, binding)).toBeUndefined();
  });

  it('exempts system:masters and requires cluster-admin powers for aggregation rules', () => {
    const emu = withJaneAdminInDefault();
    const agg: KubeObject = {
      apiVersion: `${RBAC}/v1`,
      kind: 'ClusterRole',
      metadata: { name: 'agg' },
      aggregationRule: { clusterRoleSelectors: [{ matchLabels: { a: 'b' } }] },
      rules: [],
    };
    expect(escalationError(emu.cluster, { name: 'root', groups: ['system:masters'] }, agg)).toBeUndefined();
    expect(escalationError(emu.cluster, jane, agg)?.message).toBe(
      'clusterroles.rbac.authorization.k8s.io "agg" is forbidden: must have cluster-admin privileges to use the aggregationRule',
    );
  });
});
