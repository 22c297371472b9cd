/**
 * The endpoints controller: for every Service with a selector, the matching pods' addresses
 * (ready or not) and the service ports resolved to target ports, numeric or named
 * (`targetPort: http` looks up the container port called `http` in each pod).
 */
import type { ControllerContext } from '../controller';
import type { KubeObject } from '../types';
import { parseIp } from '../../core/ipv4';
import { rfc3339 } from '../../format/duration';
import { sameJson } from '../jsonequal';
import { matchesSelector } from '../selectors';
import { isPodReady } from './replicaset';

export interface ResolvedEndpoint {
  pod: KubeObject;
  ip: string;
  ready: boolean;
  /** One entry per service port, in the service's order. */
  ports: Array<{ name?: string; port: number; protocol: string }>;
}

/** The container port a service port's targetPort names in `pod`, or undefined when the pod has none by that name. */
export function resolveTargetPort(pod: KubeObject, target: number | string, protocol: string): number | undefined {
  if (typeof target === 'number') return target;
  if (/^\d+$/.test(target)) return Number(target);
  for (const ctr of pod.spec?.containers ?? []) {
    for (const p of ctr.ports ?? [])
      if (p.name === target && (p.protocol ?? 'TCP') === protocol) return p.containerPort;
  }
  return undefined;
}

/** The pods backing `svc` with their addresses and resolved ports, sorted by IP (as RepackSubsets sorts). */
export function serviceEndpoints(c: ControllerContext, svc: KubeObject): ResolvedEndpoint[] {
  const sel = svc.spec?.selector as Record<string, string> | undefined;
  if (!sel || Object.keys(sel).length === 0) return [];
  const publishNotReady = Boolean(svc.spec?.publishNotReadyAddresses);
  const out: ResolvedEndpoint[] = [];
  for (const pod of c.store.list('pods', svc.metadata.namespace)) {
    if (!matchesSelector(sel, pod.metadata.labels)) continue;
    const ip = pod.status?.podIP;
    if (!ip || pod.metadata.deletionTimestamp || pod.status?.phase === 'Succeeded' || pod.status?.phase === 'Failed')
      continue;
    const ports: ResolvedEndpoint['ports'] = [];
    let ok = true;
    for (const sp of svc.spec?.ports ?? []) {
      const proto = sp.protocol ?? 'TCP';
      const port = resolveTargetPort(pod, sp.targetPort ?? sp.port, proto);
      if (port === undefined) {
        ok = false;
        break;
      }
      ports.push({ ...(sp.name ? { name: sp.name } : {}), port, protocol: proto });
    }
    if (!ok) continue;
    out.push({ pod, ip, ready: publishNotReady || isPodReady(pod), ports });
  }
  return out.sort((a, b) => (parseIp(a.ip) ?? 0) - (parseIp(b.ip) ?? 0));
}

/**
 * Whether an endpoint carries the pod's hostname: only when the pod's subdomain names this Service
 * in the same namespace (endpointutil.ShouldSetHostname, shared by both endpoint controllers).
 */
export function shouldSetHostname(pod: KubeObject, svc: KubeObject): boolean {
  return (
    Boolean(pod.spec?.hostname) &&
    pod.spec?.subdomain === svc.metadata.name &&
    pod.metadata.namespace === svc.metadata.namespace
  );
}

/** An EndpointAddress, with `hostname` where shouldSetHostname says so. */
function address(e: ResolvedEndpoint, svc: KubeObject): any {
  const pod = e.pod;
  return {
    ...(shouldSetHostname(pod, svc) ? { hostname: pod.spec.hostname } : {}),
    ip: e.ip,
    ...(pod.spec?.nodeName ? { nodeName: pod.spec.nodeName } : {}),
    targetRef: { kind: 'Pod', name: pod.metadata.name, namespace: pod.metadata.namespace, uid: pod.metadata.uid },
  };
}

/** Reconcile the Endpoints object of one Service. */
export function syncEndpoints(c: ControllerContext, svc: KubeObject): void {
  const sel = svc.spec?.selector;
  if (!sel || Object.keys(sel).length === 0) return; // selector-less Services keep hand-made Endpoints
  const ns = svc.metadata.namespace!;
  const eps = serviceEndpoints(c, svc);
  const groups = new Map<string, { ports: ResolvedEndpoint['ports']; ready: any[]; notReady: any[] }>();
  for (const e of eps) {
    const k = JSON.stringify(e.ports);
    let g = groups.get(k);
    if (!g) groups.set(k, (g = { ports: e.ports, ready: [], notReady: [] }));
    (e.ready ? g.ready : g.notReady).push(address(e, svc));
  }
  const subsets = [...groups.values()].map((g) => ({
    ...(g.ready.length ? { addresses: g.ready } : {}),
    ...(g.notReady.length ? { notReadyAddresses: g.notReady } : {}),
    ...(g.ports.length ? { ports: g.ports } : {}),
  }));
  const live = c.store.get('endpoints', ns, svc.metadata.name);
  const labels: Record<string, string> = { ...(svc.metadata.labels ?? {}) };
  if (svc.spec?.clusterIP === 'None') labels['service.kubernetes.io/headless'] = '';
  const same = live && sameJson(live.subsets ?? [], subsets) && sameJson(live.metadata.labels ?? {}, labels);
  if (same) return;
  const next: KubeObject = {
    apiVersion: 'v1',
    kind: 'Endpoints',
    metadata: live ? structuredClone(live.metadata) : { name: svc.metadata.name, namespace: ns },
  };
  next.metadata.annotations = { 'endpoints.kubernetes.io/last-change-trigger-time': rfc3339(c.now()) };
  if (Object.keys(labels).length) next.metadata.labels = labels;
  else delete next.metadata.labels;
  if (subsets.length) next.subsets = subsets;
  if (live) c.write(next);
  else c.createInternal(next);
}
