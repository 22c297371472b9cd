import { describe, expect, it } from 'vitest';
import { forbiddenDetails, forbiddenError, forbiddenStatusMessage } from './forbidden';

const jane = { name: 'jane', groups: ['system:authenticated'] };
const sa = { name: 'system:serviceaccount:default:sa', groups: [] };

describe('Forbidden messages (reference 3.7)', () => {
  it('names the collection for a list in a namespace', () => {
    expect(
      forbiddenError(sa, { verb: 'list', apiGroup: '', resource: 'pods', namespace: 'default' }).kubectlMessage(),
    ).toBe(
      'Error from server (Forbidden): pods is forbidden: User "system:serviceaccount:default:sa" cannot list resource "pods" in API group "" in the namespace "default"',
    );
  });

  it('quotes the object name for a named request', () => {
    expect(
      forbiddenError(jane, {
        verb: 'get',
        apiGroup: '',
        resource: 'pods',
        name: 'x',
        namespace: 'default',
      }).kubectlMessage(),
    ).toBe(
      'Error from server (Forbidden): pods "x" is forbidden: User "jane" cannot get resource "pods" in API group "" in the namespace "default"',
    );
  });

  it('says at the cluster scope without a namespace', () => {
    expect(forbiddenStatusMessage({ name: 'u', groups: [] }, { verb: 'list', apiGroup: '', resource: 'nodes' })).toBe(
      'nodes is forbidden: User "u" cannot list resource "nodes" in API group "" at the cluster scope',
    );
  });

  it('qualifies a grouped resource with its group', () => {
    expect(
      forbiddenStatusMessage(
        { name: 'u', groups: [] },
        { verb: 'list', apiGroup: 'apps', resource: 'deployments', namespace: 'dev' },
      ),
    ).toBe(
      'deployments.apps is forbidden: User "u" cannot list resource "deployments" in API group "apps" in the namespace "dev"',
    );
  });

  it('prints a subresource as resource/subresource but wraps with the resource', () => {
    expect(
      forbiddenStatusMessage(jane, {
        verb: 'get',
        apiGroup: '',
        resource: 'pods',
        subresource: 'log',
        name: 'web',
        namespace: 'default',
      }),
    ).toBe(
      'pods "web" is forbidden: User "jane" cannot get resource "pods/log" in API group "" in the namespace "default"',
    );
  });

  it('says path for a non-resource URL', () => {
    expect(forbiddenStatusMessage({ name: 'u', groups: [] }, { verb: 'get', path: '/metrics' })).toBe(
      'forbidden: User "u" cannot get path "/metrics"',
    );
  });

  it('appends the authorizer reason after a colon', () => {
    expect(
      forbiddenStatusMessage(
        jane,
        { verb: 'list', apiGroup: '', resource: 'pods', namespace: 'dev' },
        'RBAC: role.rbac.authorization.k8s.io "gone" not found',
      ),
    ).toBe(
      'pods is forbidden: User "jane" cannot list resource "pods" in API group "" in the namespace "dev": RBAC: role.rbac.authorization.k8s.io "gone" not found',
    );
  });

  it('fills Status details with name, group and kind, leaving empty ones out', () => {
    expect(forbiddenDetails({ verb: 'list', apiGroup: '', resource: 'pods', namespace: 'default' })).toEqual({
      kind: 'pods',
    });
    expect(
      JSON.stringify(
        forbiddenDetails({ verb: 'get', apiGroup: 'apps', resource: 'deployments', name: 'web', namespace: 'default' }),
      ),
    ).toBe('{"name":"web","group":"apps","kind":"deployments"}');
    expect(forbiddenDetails({ verb: 'get', path: '/metrics' })).toEqual({});
  });
});
