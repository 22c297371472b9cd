import { describe, expect, it } from 'vitest';
import { ruleAllows } from './rules';

describe('ruleAllows', () => {
  const podReader = { apiGroups: [''], resources: ['pods'], verbs: ['get', 'list', 'watch'] };

  it('allows a listed verb on a listed resource in a listed group', () => {
    expect(ruleAllows(podReader, { verb: 'list', apiGroup: '', resource: 'pods', namespace: 'default' })).toBe(true);
  });

  it('refuses a verb the rule does not list', () => {
    expect(
      ruleAllows(podReader, { verb: 'delete', apiGroup: '', resource: 'pods', namespace: 'default', name: 'x' }),
    ).toBe(false);
  });

  it('refuses the same resource name in another API group', () => {
    expect(
      ruleAllows(
        { apiGroups: ['apps'], resources: ['deployments'], verbs: ['get'] },
        { verb: 'get', apiGroup: 'extensions', resource: 'deployments', name: 'web' },
      ),
    ).toBe(false);
  });

  it('does not let pods cover the pods/log subresource', () => {
    expect(ruleAllows(podReader, { verb: 'get', apiGroup: '', resource: 'pods', subresource: 'log', name: 'x' })).toBe(
      false,
    );
  });

  it('matches a subresource written as resource/subresource', () => {
    expect(
      ruleAllows(
        { apiGroups: [''], resources: ['pods/log'], verbs: ['get'] },
        { verb: 'get', apiGroup: '', resource: 'pods', subresource: 'log', name: 'x' },
      ),
    ).toBe(true);
  });

  it('matches */scale against any resource scale subresource but not the resource itself', () => {
    const rule = { apiGroups: ['*'], resources: ['*/scale'], verbs: ['patch'] };
    expect(
      ruleAllows(rule, { verb: 'patch', apiGroup: 'apps', resource: 'deployments', subresource: 'scale', name: 'web' }),
    ).toBe(true);
    expect(ruleAllows(rule, { verb: 'patch', apiGroup: 'apps', resource: 'deployments', name: 'web' })).toBe(false);
  });

  it('lets * stand for every verb, group and resource', () => {
    expect(
      ruleAllows(
        { apiGroups: ['*'], resources: ['*'], verbs: ['*'] },
        { verb: 'escalate', apiGroup: 'rbac.authorization.k8s.io', resource: 'clusterroles', name: 'x' },
      ),
    ).toBe(true);
  });

  it('restricts named requests to resourceNames', () => {
    const rule = { apiGroups: [''], resources: ['configmaps'], resourceNames: ['app-config'], verbs: ['get', 'list'] };
    expect(
      ruleAllows(rule, { verb: 'get', apiGroup: '', resource: 'configmaps', name: 'app-config', namespace: 'dev' }),
    ).toBe(true);
    expect(
      ruleAllows(rule, { verb: 'get', apiGroup: '', resource: 'configmaps', name: 'other', namespace: 'dev' }),
    ).toBe(false);
  });

  it('never lets resourceNames grant a list, which names no object', () => {
    const rule = { apiGroups: [''], resources: ['configmaps'], resourceNames: ['app-config'], verbs: ['get', 'list'] };
    expect(ruleAllows(rule, { verb: 'list', apiGroup: '', resource: 'configmaps', namespace: 'dev' })).toBe(false);
  });

  it('matches non-resource URLs exactly or by a trailing * prefix', () => {
    const rule = { nonResourceURLs: ['/healthz', '/logs/*'], verbs: ['get'] };
    expect(ruleAllows(rule, { verb: 'get', path: '/healthz' })).toBe(true);
    expect(ruleAllows(rule, { verb: 'get', path: '/healthz/etcd' })).toBe(false);
    expect(ruleAllows(rule, { verb: 'get', path: '/logs/kube-apiserver.log' })).toBe(true);
    expect(ruleAllows(rule, { verb: 'post', path: '/logs/x' })).toBe(false);
  });

  it('never lets a resource rule grant a non-resource URL', () => {
    expect(ruleAllows({ apiGroups: ['*'], resources: ['*'], verbs: ['*'] }, { verb: 'get', path: '/metrics' })).toBe(
      false,
    );
  });
});
