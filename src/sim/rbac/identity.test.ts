import { describe, expect, it } from 'vitest';
import { Emulator } from '../emulator';
import { CLUSTER_ADMIN_USER, impersonatedUser, parseServiceAccountUsername, serviceAccountUser } from './identity';
import { kubectlIdentity } from './impersonation';

describe('identities', () => {
  it('names a service account system:serviceaccount:NS:NAME with its two groups and system:authenticated', () => {
    expect(serviceAccountUser('dev', 'app')).toEqual({
      name: 'system:serviceaccount:dev:app',
      groups: ['system:serviceaccounts', 'system:serviceaccounts:dev', 'system:authenticated'],
    });
    expect(parseServiceAccountUsername('system:serviceaccount:dev:app')).toEqual({ namespace: 'dev', name: 'app' });
    expect(parseServiceAccountUsername('system:serviceaccount:dev')).toBeUndefined();
  });

  it('impersonates a user with system:authenticated added, unless a group says otherwise', () => {
    expect(impersonatedUser('jane', [])).toEqual({ name: 'jane', groups: ['system:authenticated'] });
    expect(impersonatedUser('jane', ['devs'])).toEqual({ name: 'jane', groups: ['devs', 'system:authenticated'] });
    expect(impersonatedUser('jane', ['system:unauthenticated'])).toEqual({
      name: 'jane',
      groups: ['system:unauthenticated'],
    });
    expect(impersonatedUser('system:anonymous', [])).toEqual({
      name: 'system:anonymous',
      groups: ['system:unauthenticated'],
    });
  });

  it('gives an impersonated service account its groups only when none are asked for', () => {
    expect(impersonatedUser('system:serviceaccount:dev:app', []).groups).toEqual([
      'system:serviceaccounts',
      'system:serviceaccounts:dev',
      'system:authenticated',
    ]);
    expect(impersonatedUser('system:serviceaccount:dev:app', ['ops']).groups).toEqual(['ops', 'system:authenticated']);
  });

  it('checks impersonation of a service account as the serviceaccounts resource in its namespace', () => {
    const emu = Emulator.create({ scenario: 'kind-iptables' });
    emu.store.delete(emu.cluster.resource('clusterrolebindings'), undefined, 'kubeadm:cluster-admins');
    const id = kubectlIdentity(emu.cluster, CLUSTER_ADMIN_USER, 'kind-myk8s', {
      as: 'system:serviceaccount:dev:app',
      asGroups: ['ops'],
      asUid: 'u-1',
    });
    expect(id.user).toEqual({
      name: 'system:serviceaccount:dev:app',
      groups: ['ops', 'system:authenticated'],
      uid: 'u-1',
    });
    expect(() => id.check()).toThrow(
      'serviceaccounts "app" is forbidden: User "kubernetes-admin" cannot impersonate resource "serviceaccounts" in API group "" in the namespace "dev"',
    );
  });

  it('marks refused credentials unauthorized and groups without a user invalid', () => {
    const emu = Emulator.create({ scenario: 'kind-iptables' });
    expect(kubectlIdentity(emu.cluster, undefined, 'kind-myk8s', { asGroups: [] }).unauthorized).toBe(true);
    expect(kubectlIdentity(emu.cluster, CLUSTER_ADMIN_USER, 'kind-myk8s', { asGroups: ['devs'] }).invalidConfig).toBe(
      'invalid configuration: requesting uid, groups or user-extra for kind-myk8s without impersonating a user',
    );
  });
});
