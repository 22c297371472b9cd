/**
 * The cluster as one user's client sees it: every API call kubectl makes goes through here and is
 * authorized first, so a denial stops the command with the apiserver's Forbidden error, whatever
 * the verb module does. Calls map to the requests kubectl sends: get → GET (get), list → GET on the
 * collection (list), create → POST (create), update → PATCH for the verbs that patch (apply, label,
 * annotate, patch, set, rollout restart, scale on the scale subresource) else PUT (update), delete →
 * DELETE, logs → GET pods/log, updateStatus → PATCH or PUT on the status subresource. Writes of RBAC objects are also checked for escalation. Everything
 * else (config, allocators, ...) passes through untouched.
 */
import type { Cluster } from '../cluster/cluster';
import type { KubeObject } from '../cluster/types';
import { authorize } from './authorizer';
import { forbiddenError } from './forbidden';
import { escalationError } from './escalation';
import type { UserInfo } from './identity';
import type { Attributes } from './rules';
import { stampRequester } from '../certificates/csr';

/** kubectl verbs that change objects with PATCH rather than PUT. */
const PATCHING_VERBS = new Set(['apply', 'label', 'annotate', 'patch', 'set', 'rollout', 'scale']);

/** Throw the Forbidden error unless `user` may make the request. */
export function mustAuthorize(cluster: Cluster, user: UserInfo, attrs: Attributes): void {
  const d = authorize(cluster, user, attrs);
  if (!d.allowed) throw forbiddenError(user, attrs, d.reason);
}

/**
 * A Cluster whose API calls are authorized for `user`, made on behalf of `kubectlVerb`.
 * `before` runs ahead of every request (the impersonation check, which the apiserver repeats per request).
 */
export function authorizedCluster(
  cluster: Cluster,
  user: UserInfo,
  kubectlVerb: string,
  before: () => void = () => {},
): Cluster {
  const check = (
    resource: string,
    verb: string,
    namespace: string | undefined,
    name?: string,
    subresource?: string,
  ) => {
    before();
    const res = cluster.resource(resource);
    mustAuthorize(cluster, user, {
      verb,
      apiGroup: res.group,
      resource: res.plural,
      namespace: res.namespaced ? (namespace ?? '') : '',
      ...(name ? { name } : {}),
      ...(subresource ? { subresource } : {}),
    });
  };
  const objectNs = (obj: KubeObject) => obj.metadata?.namespace ?? 'default';
  // Writing RBAC objects is also checked against escalation, after the verb itself is allowed.
  const noEscalation = (obj: KubeObject) => {
    const err = escalationError(cluster, user, obj);
    if (err) throw err;
  };
  const updateVerb = PATCHING_VERBS.has(kubectlVerb) ? 'patch' : 'update';
  // A CertificateSigningRequest records who asked for it (the registry's PrepareForCreate).
  const withRequester = (obj: KubeObject): KubeObject => {
    if (obj.kind !== 'CertificateSigningRequest') return obj;
    const stamped = structuredClone(obj);
    stampRequester(stamped, user);
    return stamped;
  };
  const api = {
    get: (resource: string, ns: string | undefined, name: string) => {
      check(resource, 'get', ns, name);
      return cluster.get(resource, ns, name);
    },
    mustGet: (resource: string, ns: string | undefined, name: string) => {
      check(resource, 'get', ns, name);
      return cluster.mustGet(resource, ns, name);
    },
    list: (resource: string, ns?: string) => {
      check(resource, 'list', ns);
      return cluster.list(resource, ns);
    },
    create: (obj: KubeObject, opts?: { dryRun?: boolean }) => {
      check(cluster.resourceFor(obj).plural, 'create', objectNs(obj));
      noEscalation(obj);
      return cluster.create(withRequester(obj), opts);
    },
    update: (obj: KubeObject) => {
      const res = cluster.resourceFor(obj);
      check(res.plural, updateVerb, objectNs(obj), obj.metadata.name, kubectlVerb === 'scale' ? 'scale' : undefined);
      noEscalation(obj);
      return cluster.update(obj);
    },
    updateStatus: (obj: KubeObject) => {
      const res = cluster.resourceFor(obj);
      check(res.plural, updateVerb, objectNs(obj), obj.metadata.name, 'status');
      return cluster.updateStatus(obj);
    },
    apply: (obj: KubeObject) => {
      const res = cluster.resourceFor(obj);
      const name = String(obj.metadata?.name ?? '');
      check(res.plural, 'get', objectNs(obj), name);
      const live = cluster.get(res.plural, objectNs(obj), name);
      check(res.plural, live ? 'patch' : 'create', objectNs(obj), live ? name : undefined);
      noEscalation(obj);
      const applied = cluster.apply(obj);
      // The requester is the API server's to record, after kubectl computed last-applied-configuration.
      if (!live && obj.kind === 'CertificateSigningRequest' && !applied.object.spec?.username) {
        cluster.write(withRequester(applied.object));
        cluster.reconcile();
        return { ...applied, object: cluster.get(res.plural, undefined, name) ?? applied.object };
      }
      return applied;
    },
    delete: (resource: string, ns: string | undefined, name: string, opts?: { gracePeriodSeconds?: number }) => {
      check(resource, 'delete', ns, name);
      return cluster.delete(resource, ns, name, opts);
    },
    logs: (ns: string, pod: string, container: string) => {
      check('pods', 'get', ns, pod, 'log');
      return cluster.logs(ns, pod, container);
    },
  };
  return new Proxy(cluster, {
    get(target, prop) {
      if (typeof prop === 'string' && Object.prototype.hasOwnProperty.call(api, prop))
        return api[prop as keyof typeof api];
      const v = Reflect.get(target, prop);
      return typeof v === 'function' ? v.bind(target) : v;
    },
    set(target, prop, value) {
      return Reflect.set(target, prop, value);
    },
  });
}
