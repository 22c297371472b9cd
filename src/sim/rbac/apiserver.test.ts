import { describe, expect, it } from 'vitest';
import { Emulator } from '../emulator';
import { handleApiRequest, requestInfo } from './apiserver';
import { podToken, requestToken } from './token';

const CURL = { 'User-Agent': 'curl/8.7.1', Accept: '*/*' };

/** A token for a service account bound to cluster-admin. */
function createAdminToken(emu: Emulator): string {
  emu.cluster.create({ apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'root', namespace: 'default' } });
  emu.cluster.create({
    apiVersion: 'rbac.authorization.k8s.io/v1',
    kind: 'ClusterRoleBinding',
    metadata: { name: 'root' },
    roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'cluster-admin' },
    subjects: [{ kind: 'ServiceAccount', name: 'root', namespace: 'default' }],
  });
  return requestToken(emu.cluster, emu.store.get('serviceaccounts', 'default', 'root')!);
}

function setup() {
  const emu = Emulator.create({ scenario: 'kind-iptables' });
  emu.cluster.create({
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: 'app', namespace: 'default' },
    spec: { containers: [{ name: 'app', image: 'nginx' }] },
  });
  emu.advanceTime(10_000);
  const token = podToken(
    emu.cluster,
    emu.store.get('pods', 'default', 'app')!,
    emu.store.get('serviceaccounts', 'default', 'default')!,
  );
  return { emu, token };
}

describe('requestInfo', () => {
  it('reads a namespaced collection, a named object and a subresource', () => {
    expect(requestInfo('GET', '/api/v1/namespaces/default/pods')).toMatchObject({
      resourceRequest: true,
      verb: 'list',
      apiGroup: '',
      resource: 'pods',
      namespace: 'default',
      name: '',
    });
    expect(requestInfo('GET', '/apis/apps/v1/namespaces/dev/deployments/web/scale')).toMatchObject({
      verb: 'get',
      apiGroup: 'apps',
      resource: 'deployments',
      name: 'web',
      subresource: 'scale',
      namespace: 'dev',
    });
    expect(requestInfo('DELETE', '/api/v1/namespaces/default/pods')).toMatchObject({ verb: 'deletecollection' });
    expect(requestInfo('GET', '/api/v1/pods?watch=true')).toMatchObject({ verb: 'watch', namespace: '' });
  });

  it('treats /namespaces/NS as the namespace object, in its own namespace', () => {
    expect(requestInfo('GET', '/api/v1/namespaces/dev')).toMatchObject({
      resource: 'namespaces',
      name: 'dev',
      namespace: 'dev',
    });
  });

  it('leaves discovery and health paths as non-resource requests', () => {
    expect(requestInfo('GET', '/apis/apps')).toMatchObject({ resourceRequest: false, path: '/apis/apps', verb: 'get' });
  });
});

describe('handleApiRequest', () => {
  it('answers an anonymous list with the 403 Status object, indented for curl, no trailing newline', () => {
    const { emu } = setup();
    const res = handleApiRequest(emu, { method: 'GET', path: '/api/v1/namespaces/default/pods', headers: CURL });
    expect(res.status).toBe(403);
    expect(res.body).toBe(`{
  "kind": "Status",
  "apiVersion": "v1",
  "metadata": {},
  "status": "Failure",
  "message": "pods is forbidden: User \\"system:anonymous\\" cannot list resource \\"pods\\" in API group \\"\\" in the namespace \\"default\\"",
  "reason": "Forbidden",
  "details": {
    "kind": "pods"
  },
  "code": 403
}`);
  });

  it('writes compact JSON with a newline for clients that are not curl', () => {
    const { emu, token } = setup();
    const res = handleApiRequest(emu, {
      method: 'GET',
      path: '/api/v1/namespaces/default/pods',
      headers: { Authorization: `Bearer ${token}` },
    });
    expect(res.body).toBe(
      '{"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure","message":"pods is forbidden: User \\"system:serviceaccount:default:default\\" cannot list resource \\"pods\\" in API group \\"\\" in the namespace \\"default\\"","reason":"Forbidden","details":{"kind":"pods"},"code":403}\n',
    );
  });

  it('answers an unknown bearer token with 401 Unauthorized', () => {
    const { emu } = setup();
    const res = handleApiRequest(emu, {
      method: 'GET',
      path: '/api/v1/namespaces/default/pods',
      headers: { ...CURL, Authorization: 'Bearer abc.def.ghi' },
    });
    expect(res.status).toBe(401);
    expect(res.body).toBe(`{
  "kind": "Status",
  "apiVersion": "v1",
  "metadata": {},
  "status": "Failure",
  "message": "Unauthorized",
  "reason": "Unauthorized",
  "code": 401
}`);
  });

  it('lists pods as a PodList once a RoleBinding lets the service account read them', () => {
    const { emu, token } = setup();
    emu.cluster.create({
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'Role',
      metadata: { name: 'pod-reader', namespace: 'default' },
      rules: [{ apiGroups: [''], resources: ['pods'], verbs: ['get', 'list', 'watch'] }],
    });
    emu.cluster.create({
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'RoleBinding',
      metadata: { name: 'read-pods', namespace: 'default' },
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: 'pod-reader' },
      subjects: [{ kind: 'ServiceAccount', name: 'default', namespace: 'default' }],
    });
    const res = handleApiRequest(emu, {
      method: 'GET',
      path: '/api/v1/namespaces/default/pods',
      headers: { Authorization: `Bearer ${token}` },
    });
    expect(res.status).toBe(200);
    const list = JSON.parse(res.body);
    expect(Object.keys(list)).toEqual(['kind', 'apiVersion', 'metadata', 'items']);
    expect(list.kind).toBe('PodList');
    expect(list.metadata).toEqual({ resourceVersion: String(emu.store.currentResourceVersion()) });
    expect(list.items.map((p: any) => p.metadata.name)).toEqual(['app']);
    expect(Object.keys(list.items[0])).toEqual(['metadata', 'spec', 'status']);
    const one = handleApiRequest(emu, {
      method: 'GET',
      path: '/api/v1/namespaces/default/pods/app',
      headers: { Authorization: `Bearer ${token}` },
    });
    expect(Object.keys(JSON.parse(one.body)).slice(0, 3)).toEqual(['kind', 'apiVersion', 'metadata']);
  });

  it('serves a pod log as plain text to a user allowed pods/log', () => {
    const { emu } = setup();
    emu.cluster.appendLog('default', 'app', 'app', 'hello from nginx\n');
    const res = handleApiRequest(emu, {
      method: 'GET',
      path: '/api/v1/namespaces/default/pods/app/log',
      headers: CURL,
    });
    expect(res.status).toBe(403);
    expect(JSON.parse(res.body).message).toBe(
      'pods "app" is forbidden: User "system:anonymous" cannot get resource "pods/log" in API group "" in the namespace "default"',
    );
    const admin = createAdminToken(emu);
    const log = handleApiRequest(emu, {
      method: 'GET',
      path: '/api/v1/namespaces/default/pods/app/log',
      headers: { Authorization: `Bearer ${admin}` },
    });
    expect(log.status).toBe(200);
    expect(log.body).toBe(emu.cluster.logs('default', 'app', 'app'));
    expect(log.body.endsWith('hello from nginx\n')).toBe(true);
  });

  it('answers a missing object with 404 NotFound and its details', () => {
    const { emu, token } = setup();
    emu.cluster.create({
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'ClusterRoleBinding',
      metadata: { name: 'sa-view' },
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'view' },
      subjects: [{ kind: 'ServiceAccount', name: 'default', namespace: 'default' }],
    });
    const res = handleApiRequest(emu, {
      method: 'GET',
      path: '/apis/apps/v1/namespaces/default/deployments/nope',
      headers: { Authorization: `Bearer ${token}` },
    });
    expect(res.status).toBe(404);
    expect(res.body).toBe(
      '{"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure","message":"deployments.apps \\"nope\\" not found","reason":"NotFound","details":{"name":"nope","group":"apps","kind":"deployments"},"code":404}\n',
    );
  });

  it('serves /healthz as plain ok to anyone, and /api only to authenticated users', () => {
    const { emu, token } = setup();
    expect(handleApiRequest(emu, { method: 'GET', path: '/healthz', headers: CURL })).toMatchObject({
      status: 200,
      body: 'ok',
    });
    expect(handleApiRequest(emu, { method: 'GET', path: '/api', headers: CURL }).status).toBe(403);
    const api = handleApiRequest(emu, { method: 'GET', path: '/api', headers: { Authorization: `Bearer ${token}` } });
    expect(JSON.parse(api.body)).toEqual({
      kind: 'APIVersions',
      versions: ['v1'],
      serverAddressByClientCIDRs: [
        {
          clientCIDR: '0.0.0.0/0',
          serverAddress: `${emu.store.get('nodes', undefined, 'myk8s-control-plane')!.status.addresses[0].address}:6443`,
        },
      ],
    });
  });

  it('says forbidden path for a non-resource URL the user may not get', () => {
    const { emu, token } = setup();
    const res = handleApiRequest(emu, {
      method: 'GET',
      path: '/metrics',
      headers: { Authorization: `Bearer ${token}` },
    });
    expect(JSON.parse(res.body).message).toBe(
      'forbidden: User "system:serviceaccount:default:default" cannot get path "/metrics"',
    );
    expect(JSON.parse(res.body).details).toEqual({});
  });
});
