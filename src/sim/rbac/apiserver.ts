/**
 * kube-apiserver as an HTTP client other than kubectl sees it (`curl -k -H "Authorization: Bearer
 * $TOKEN" https://kubernetes.default.svc/api/v1/namespaces/default/pods` from a pod): the bearer
 * token is authenticated (a token this cluster issued → its service account; none → system:anonymous;
 * anything else → 401), the request is authorized like every other (403 with the Status object the
 * server writes), and reads are served from the object store. The composition root wires it as
 * `emu.apiServer`, where curl's HTTPS exchanges with kube-apiserver arrive.
 */
import type { Emulator } from '../emulator';
import type { KubeObject } from '../cluster/types';
import { API_RESOURCES, apiVersionOf, type ApiResource } from '../cluster/resources';
import { ApiError } from '../cluster/errors';
import type { ApiRequest, ApiResponse } from '../apps/apiserver';
import { authorize } from './authorizer';
import { forbiddenDetails, forbiddenStatusMessage } from './forbidden';
import { ANONYMOUS_USER, type UserInfo } from './identity';
import type { Attributes } from './rules';
import { authenticateToken } from './token';
import { readCertificate } from '../pki/x509';
import { authenticateCertificate } from '../kubeconfig/client';
import { apiJson } from './apijson';

export type { ApiRequest, ApiResponse } from '../apps/apiserver';

/** The parsed request line: what the apiserver's RequestInfoFactory makes of a path. */
interface RequestInfo {
  resourceRequest: boolean;
  path: string;
  verb: string;
  apiGroup: string;
  apiVersion: string;
  resource: string;
  subresource: string;
  namespace: string;
  name: string;
  /** Discovery document paths (/api, /apis/apps, ...): non-resource requests the server answers itself. */
  parts: string[];
}

const METHOD_VERBS: Record<string, string> = { POST: 'create', PUT: 'update', PATCH: 'patch', DELETE: 'delete' };

/** RequestInfoFactory.NewRequestInfo for the paths the emulator serves. */
export function requestInfo(method: string, rawPath: string): RequestInfo {
  const [path, query = ''] = rawPath.split('?', 2) as [string, string | undefined];
  const parts = path.split('/').filter(Boolean);
  const base: RequestInfo = {
    resourceRequest: false,
    path,
    verb: method.toLowerCase(),
    apiGroup: '',
    apiVersion: '',
    resource: '',
    subresource: '',
    namespace: '',
    name: '',
    parts,
  };
  let rest: string[];
  if (parts[0] === 'api' && parts.length >= 3) {
    base.apiVersion = parts[1]!;
    rest = parts.slice(2);
  } else if (parts[0] === 'apis' && parts.length >= 4) {
    base.apiGroup = parts[1]!;
    base.apiVersion = parts[2]!;
    rest = parts.slice(3);
  } else return base;
  base.resourceRequest = true;
  // /namespaces/NS/RESOURCE/... is relative to RESOURCE; /namespaces/NS (and its status, finalize) is the namespace itself.
  if (rest[0] === 'namespaces' && rest.length > 1) {
    base.namespace = rest[1]!;
    if (rest.length > 2 && rest[2] !== 'status' && rest[2] !== 'finalize') rest = rest.slice(2);
  }
  base.resource = rest[0] ?? '';
  base.name = rest[1] ?? '';
  base.subresource = rest[2] ?? '';
  const watch = /(^|&)watch=(true|1)(&|$)/.test(query);
  if (method === 'GET' || method === 'HEAD') base.verb = base.name ? 'get' : watch ? 'watch' : 'list';
  else if (method === 'DELETE' && !base.name) base.verb = 'deletecollection';
  else base.verb = METHOD_VERBS[method] ?? method.toLowerCase();
  return base;
}

function headerValue(req: ApiRequest, name: string): string | undefined {
  const lower = name.toLowerCase();
  for (const [k, v] of Object.entries(req.headers)) if (k.toLowerCase() === lower) return v;
  return undefined;
}

/** isPrettyPrint: `?pretty=...` decides, else curl, Wget and browsers get indented JSON. */
function wantsPretty(req: ApiRequest): boolean {
  const m = /[?&]pretty=([^&]*)/.exec(req.path);
  if (m) return ['1', 't', 'T', 'true', 'TRUE', 'True'].includes(m[1]!);
  const ua = headerValue(req, 'User-Agent') ?? '';
  return ua.startsWith('curl') || ua.startsWith('Wget') || ua.startsWith('Mozilla/5.0');
}

const JSON_HEADERS = { 'Cache-Control': 'no-cache, private', 'Content-Type': 'application/json' };

function respond(status: number, body: unknown, pretty: boolean, extra: Record<string, string> = {}): ApiResponse {
  return { status, headers: { ...JSON_HEADERS, ...extra }, body: apiJson(body, pretty) };
}

/** A failure Status object (metav1.Status), as responsewriters.ErrorNegotiated writes it. */
function status(
  code: number,
  reason: string,
  message: string,
  details: Record<string, string> | undefined,
  pretty: boolean,
): ApiResponse {
  const body = {
    kind: 'Status',
    apiVersion: 'v1',
    metadata: {},
    status: 'Failure',
    message,
    reason,
    ...(details ? { details } : {}),
    code,
  };
  return respond(code, body, pretty, code === 401 || code === 403 ? { 'X-Content-Type-Options': 'nosniff' } : {});
}

function attributesOf(info: RequestInfo): Attributes {
  if (!info.resourceRequest) return { verb: info.verb, path: info.path };
  return {
    verb: info.verb,
    apiGroup: info.apiGroup,
    resource: info.resource,
    namespace: info.namespace,
    ...(info.subresource ? { subresource: info.subresource } : {}),
    ...(info.name ? { name: info.name } : {}),
  };
}

/**
 * The user a request authenticates as, or undefined (401): a client certificate the cluster CA
 * signed (x509 authenticator), else a bearer token the cluster issued, else system:anonymous.
 */
function authenticate(emu: Emulator, req: ApiRequest): UserInfo | undefined {
  if (req.clientCertificate) {
    const cert = readCertificate(req.clientCertificate);
    const user = cert && authenticateCertificate(emu, cert);
    if (user) return user;
    if (!headerValue(req, 'Authorization')) return undefined;
  }
  const auth = headerValue(req, 'Authorization');
  if (!auth) return ANONYMOUS_USER;
  const m = /^Bearer\s+(.+)$/i.exec(auth.trim());
  if (!m) return ANONYMOUS_USER;
  return authenticateToken(emu.cluster, m[1]!);
}

/** Serve one HTTP request that reached kube-apiserver (port 6443, or the kubernetes Service's 443). */
export function handleApiRequest(emu: Emulator, req: ApiRequest): ApiResponse {
  const pretty = wantsPretty(req);
  const user = authenticate(emu, req);
  if (!user) return status(401, 'Unauthorized', 'Unauthorized', undefined, pretty);
  return serveAs(emu, user, req);
}

/** Serve a request already authenticated as `user` (kubectl's own requests, `kubectl get --raw`). */
export function serveAs(emu: Emulator, user: UserInfo, req: ApiRequest): ApiResponse {
  const pretty = wantsPretty(req);
  const info = requestInfo(req.method.toUpperCase(), req.path);
  const attrs = attributesOf(info);
  const decision = authorize(emu.cluster, user, attrs);
  if (!decision.allowed)
    return status(
      403,
      'Forbidden',
      forbiddenStatusMessage(user, attrs, decision.reason),
      forbiddenDetails(attrs),
      pretty,
    );
  return info.resourceRequest ? serveResource(emu, info, req, pretty) : serveNonResource(emu, info, pretty);
}

function findResource(info: RequestInfo): ApiResource | undefined {
  const groupVersion = info.apiGroup ? `${info.apiGroup}/${info.apiVersion}` : info.apiVersion;
  return API_RESOURCES.find((r) => r.plural === info.resource && apiVersionOf(r) === groupVersion);
}

const NOT_FOUND_MESSAGE = 'the server could not find the requested resource';

/** An object as the server returns it in a list: without kind and apiVersion (the list's own say it). */
function listItem(o: KubeObject): KubeObject {
  const { kind: _k, apiVersion: _a, ...rest } = o;
  return rest as KubeObject;
}

function serveResource(emu: Emulator, info: RequestInfo, req: ApiRequest, pretty: boolean): ApiResponse {
  const res = findResource(info);
  if (!res || (info.namespace && !res.namespaced && res.plural !== 'namespaces'))
    return status(404, 'NotFound', NOT_FOUND_MESSAGE, {}, pretty);
  const cluster = emu.cluster;
  const ns = res.namespaced ? info.namespace || undefined : undefined;
  const missing = () =>
    status(
      404,
      'NotFound',
      `${res.group ? `${res.plural}.${res.group}` : res.plural} "${info.name}" not found`,
      { name: info.name, ...(res.group ? { group: res.group } : {}), kind: res.plural },
      pretty,
    );
  try {
    switch (info.verb) {
      case 'get': {
        const o = cluster.get(res.plural, ns, info.name);
        if (!o) return missing();
        if (!info.subresource || info.subresource === 'status') return respond(200, o, pretty);
        if (res.plural === 'pods' && info.subresource === 'log') {
          // ?container=NAME, else the only (first) container, as the log endpoint picks it.
          const want = /[?&]container=([^&]+)/.exec(req.path)?.[1];
          const container = want ?? o.spec?.containers?.[0]?.name ?? '';
          return {
            status: 200,
            headers: { 'Cache-Control': 'no-cache, private', 'Content-Type': 'text/plain' },
            body: cluster.logs(ns ?? 'default', info.name, decodeURIComponent(container)),
          };
        }
        return status(404, 'NotFound', NOT_FOUND_MESSAGE, {}, pretty);
      }
      case 'list': {
        const items = cluster.list(res.plural, ns).map(listItem);
        const list = {
          kind: `${res.kind}List`,
          apiVersion: apiVersionOf(res),
          metadata: { resourceVersion: String(emu.store.currentResourceVersion()) },
          items,
        };
        return respond(200, list, pretty);
      }
      case 'delete': {
        if (!cluster.get(res.plural, ns, info.name)) return missing();
        const o = cluster.delete(res.plural, ns, info.name);
        return respond(200, o, pretty);
      }
      case 'create': {
        let obj: KubeObject;
        try {
          obj = JSON.parse(req.body ?? '') as KubeObject;
        } catch {
          return status(
            400,
            'BadRequest',
            'the object provided is unrecognized (must be of type ' + res.kind + ')',
            {},
            pretty,
          );
        }
        obj.metadata = { ...(obj.metadata ?? { name: '' }), ...(ns ? { namespace: ns } : {}) };
        return respond(201, cluster.create(obj), pretty);
      }
    }
  } catch (e) {
    if (e instanceof ApiError) {
      const code =
        e.reason === 'NotFound'
          ? 404
          : e.reason === 'AlreadyExists'
            ? 409
            : e.reason === 'Invalid'
              ? 422
              : e.reason === 'Forbidden'
                ? 403
                : 400;
      return status(code, e.reason || 'BadRequest', e.message, {}, pretty);
    }
    throw e;
  }
  return status(
    405,
    'MethodNotAllowed',
    `netlab: ${req.method.toUpperCase()} ${info.path} is not emulated`,
    {},
    pretty,
  );
}

/** `/version` of the emulated server (the v1.31.0 release build). */
function versionInfo(emu: Emulator): Record<string, string> {
  const git = emu.cluster.config?.kubernetesVersion ?? 'v1.31.0';
  const [major = '1', minor = '31'] = git.replace(/^v/, '').split('.');
  return {
    major,
    minor,
    gitVersion: git,
    gitCommit: '9edcffcde5595e8a5b1a35f88c421764e575afce',
    gitTreeState: 'clean',
    buildDate: '2024-08-13T07:28:49Z',
    goVersion: 'go1.22.5',
    compiler: 'gc',
    platform: 'linux/amd64',
  };
}

function groups(): string[] {
  return [...new Set(API_RESOURCES.filter((r) => r.group).map((r) => r.group))];
}

function resourceList(groupVersion: string): unknown {
  const resources = API_RESOURCES.filter((r) => apiVersionOf(r) === groupVersion).map((r) => ({
    name: r.plural,
    singularName: r.singular,
    namespaced: r.namespaced,
    kind: r.kind,
    verbs: r.verbs,
    ...(r.shortNames.length ? { shortNames: r.shortNames } : {}),
  }));
  return { kind: 'APIResourceList', apiVersion: 'v1', groupVersion, resources };
}

function serveNonResource(emu: Emulator, info: RequestInfo, pretty: boolean): ApiResponse {
  const p = info.parts;
  const path = `/${p.join('/')}`;
  if (info.verb !== 'get' && info.verb !== 'head')
    return status(
      405,
      'MethodNotAllowed',
      `the server does not allow this method on the requested resource`,
      {},
      pretty,
    );
  if (path === '/healthz' || path === '/livez' || path === '/readyz') {
    return {
      status: 200,
      headers: {
        'Cache-Control': 'no-cache, private',
        'Content-Type': 'text/plain; charset=utf-8',
        'X-Content-Type-Options': 'nosniff',
      },
      body: 'ok',
    };
  }
  if (path === '/version') return respond(200, versionInfo(emu), pretty);
  if (path === '/api') {
    const cp = emu.store
      .list('nodes')
      .find((n) => n.metadata.labels?.['node-role.kubernetes.io/control-plane'] !== undefined);
    const ip = cp?.status?.addresses?.find((a: { type: string }) => a.type === 'InternalIP')?.address ?? '172.18.0.2';
    return respond(
      200,
      {
        kind: 'APIVersions',
        versions: ['v1'],
        serverAddressByClientCIDRs: [{ clientCIDR: '0.0.0.0/0', serverAddress: `${ip}:6443` }],
      },
      pretty,
    );
  }
  if (path === '/apis') {
    const gs = groups().map((name) => ({
      name,
      versions: [{ groupVersion: `${name}/v1`, version: 'v1' }],
      preferredVersion: { groupVersion: `${name}/v1`, version: 'v1' },
    }));
    return respond(200, { kind: 'APIGroupList', apiVersion: 'v1', groups: gs }, pretty);
  }
  if (path === '/api/v1') return respond(200, resourceList('v1'), pretty);
  if (p[0] === 'apis' && p.length === 2 && groups().includes(p[1]!)) {
    const v = { groupVersion: `${p[1]}/v1`, version: 'v1' };
    return respond(200, { kind: 'APIGroup', apiVersion: 'v1', name: p[1], versions: [v], preferredVersion: v }, pretty);
  }
  if (p[0] === 'apis' && p.length === 3 && groups().includes(p[1]!) && p[2] === 'v1')
    return respond(200, resourceList(`${p[1]}/v1`), pretty);
  return status(404, 'NotFound', NOT_FOUND_MESSAGE, {}, pretty);
}
