import { describe, expect, it } from 'vitest';
import { Emulator } from '../emulator';
import { authorize } from './authorizer';

const crontabReader = {
  apiVersion: 'rbac.authorization.k8s.io/v1',
  kind: 'ClusterRole',
  metadata: { name: 'crontab-reader', labels: { 'rbac.authorization.k8s.io/aggregate-to-view': 'true' } },
  rules: [{ apiGroups: ['stable.example.com'], resources: ['crontabs'], verbs: ['get', 'list', 'watch'] }],
};
const rule = { apiGroups: ['stable.example.com'], resources: ['crontabs'], verbs: ['get', 'list', 'watch'] };

describe('ClusterRole aggregation', () => {
  it('builds view, edit and admin from the system:aggregate-to-* roles, edit first in admin', () => {
    const emu = Emulator.create({ scenario: 'kind-iptables' });
    const get = (n: string) => emu.store.get('clusterroles', undefined, n)!.rules;
    expect(get('view')).toEqual(get('system:aggregate-to-view'));
    expect(get('edit')).toEqual([...get('system:aggregate-to-edit'), ...get('view')]);
    expect(get('admin')).toEqual([...get('edit'), ...get('system:aggregate-to-admin')]);
  });

  it('adds a role labelled aggregate-to-view to view, and through it to edit and admin', () => {
    const emu = Emulator.create({ scenario: 'kind-iptables' });
    emu.cluster.create(structuredClone(crontabReader));
    for (const n of ['view', 'edit', 'admin'])
      expect(emu.store.get('clusterroles', undefined, n)!.rules).toContainEqual(rule);
    const viewer = { name: 'v', groups: ['viewers'] };
    emu.cluster.create({
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'ClusterRoleBinding',
      metadata: { name: 'v' },
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'view' },
      subjects: [{ kind: 'Group', name: 'viewers', apiGroup: 'rbac.authorization.k8s.io' }],
    });
    expect(
      authorize(emu.cluster, viewer, {
        verb: 'list',
        apiGroup: 'stable.example.com',
        resource: 'crontabs',
        namespace: 'default',
      }).allowed,
    ).toBe(true);
  });

  it('takes the rules away again when the labelled role is deleted', () => {
    const emu = Emulator.create({ scenario: 'kind-iptables' });
    emu.cluster.create(structuredClone(crontabReader));
    emu.cluster.delete('clusterroles', undefined, 'crontab-reader');
    for (const n of ['view', 'edit', 'admin'])
      expect(emu.store.get('clusterroles', undefined, n)!.rules).not.toContainEqual(rule);
  });

  it('fills a learner-made aggregated role from its selector', () => {
    const emu = Emulator.create({ scenario: 'kind-iptables' });
    emu.cluster.create({
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'ClusterRole',
      metadata: { name: 'monitoring' },
      aggregationRule: {
        clusterRoleSelectors: [{ matchLabels: { 'rbac.example.com/aggregate-to-monitoring': 'true' } }],
      },
      rules: [],
    });
    emu.cluster.create({
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'ClusterRole',
      metadata: { name: 'monitoring-endpoints', labels: { 'rbac.example.com/aggregate-to-monitoring': 'true' } },
      rules: [{ apiGroups: [''], resources: ['services', 'endpointslices', 'pods'], verbs: ['get', 'list', 'watch'] }],
    });
    expect(emu.store.get('clusterroles', undefined, 'monitoring')!.rules).toEqual([
      { apiGroups: [''], resources: ['services', 'endpointslices', 'pods'], verbs: ['get', 'list', 'watch'] },
    ]);
  });
});
