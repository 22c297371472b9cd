/**
 * The endpointslice controller (IPv4 slices named `<service>-<5 chars>`, at most 100 endpoints each,
 * packed as k8s.io/endpointslice does: slicepack.ts) and the mirroring controller, which copies
 * hand-made Endpoints of selector-less Services into a slice.
 */
import type { Controller, ControllerContext } from '../controller';
import type { KubeObject } from '../types';
import { rfc3339 } from '../../format/duration';
import { sameJson } from '../jsonequal';
import { serviceEndpoints, shouldSetHostname, syncEndpoints } from './endpoints';
import { matchesSelector } from '../selectors';
import { DEFAULT_MAX_ENDPOINTS_PER_SLICE, planSlices } from './slicepack';

const MANAGED_BY = 'endpointslice.kubernetes.io/managed-by';
const CONTROLLER = 'endpointslice-controller.k8s.io';
const MIRRORING = 'endpointslicemirroring-controller.k8s.io';

function zoneOf(c: ControllerContext, node: string | undefined): string | undefined {
  if (!node) return undefined;
  return c.store.get('nodes', undefined, node)?.metadata.labels?.['topology.kubernetes.io/zone'];
}

/**
 * kube-controller-manager's --max-endpoints-per-slice. kind leaves it at its default; a real operator
 * changes it in the controller manager's static pod manifest, which this emulator does not model.
 */
const MAX_ENDPOINTS_PER_SLICE = DEFAULT_MAX_ENDPOINTS_PER_SLICE;

/** The slices `manager` keeps for a Service, oldest first. */
function slicesFor(c: ControllerContext, svc: KubeObject, manager: string): KubeObject[] {
  return c.store
    .list('endpointslices', svc.metadata.namespace)
    .filter(
      (s) =>
        s.metadata.labels?.['kubernetes.io/service-name'] === svc.metadata.name &&
        s.metadata.labels?.[MANAGED_BY] === manager,
    );
}

/** Write one slice of a Service (`live`: the stored slice it replaces, or undefined for a new one). */
function writeSlice(
  c: ControllerContext,
  svc: KubeObject,
  manager: string,
  endpoints: any[] | null,
  ports: any[] | null,
  live: KubeObject | undefined,
): void {
  const labels: Record<string, string> = {
    ...(svc.metadata.labels ?? {}),
    [MANAGED_BY]: manager,
    'kubernetes.io/service-name': svc.metadata.name,
  };
  if (svc.spec?.clusterIP === 'None') labels['service.kubernetes.io/headless'] = '';
  if (
    live &&
    sameJson(live.endpoints, endpoints) &&
    sameJson(live.ports, ports) &&
    sameJson(live.metadata.labels, labels)
  )
    return;
  const meta: KubeObject['metadata'] = live
    ? structuredClone(live.metadata)
    : {
        name: `${svc.metadata.name}-${c.suffix()}`,
        generateName: `${svc.metadata.name}-`,
        namespace: svc.metadata.namespace,
        ownerReferences: [
          {
            apiVersion: 'v1',
            blockOwnerDeletion: true,
            controller: true,
            kind: 'Service',
            name: svc.metadata.name,
            uid: svc.metadata.uid!,
          },
        ],
      };
  meta.labels = labels;
  if (manager === CONTROLLER)
    meta.annotations = { 'endpoints.kubernetes.io/last-change-trigger-time': rfc3339(c.now()) };
  const next: KubeObject = {
    addressType: 'IPv4',
    apiVersion: 'discovery.k8s.io/v1',
    endpoints,
    kind: 'EndpointSlice',
    metadata: meta,
    ports,
  };
  if (live) c.write(next);
  else c.createInternal(next);
}

/** One address of a hand-made Endpoints as the mirroring controller copies it (addressToEndpoint). */
function mirroredEndpoint(a: any, ready: boolean): any {
  return {
    addresses: [a.ip],
    conditions: { ready },
    ...(a.hostname ? { hostname: a.hostname } : {}),
    ...(a.nodeName ? { nodeName: a.nodeName } : {}),
    ...(a.targetRef ? { targetRef: a.targetRef } : {}),
  };
}

/** Reconcile the EndpointSlice of one Service (or mirror its hand-made Endpoints when it has no selector). */
export function syncEndpointSlices(c: ControllerContext, svc: KubeObject): void {
  const sel = svc.spec?.selector;
  if (svc.spec?.type === 'ExternalName') return;
  if (!sel || Object.keys(sel).length === 0) {
    const ep = c.store.get('endpoints', svc.metadata.namespace, svc.metadata.name);
    if (!ep || ep.metadata.labels?.['endpointslice.kubernetes.io/skip-mirror'] === 'true') return;
    const subset = ep.subsets?.[0];
    const endpoints = [
      ...(subset?.addresses ?? []).map((a: any) => mirroredEndpoint(a, true)),
      ...(subset?.notReadyAddresses ?? []).map((a: any) => mirroredEndpoint(a, false)),
    ];
    const ports = (subset?.ports ?? []).map((p: any) => ({
      name: p.name ?? '',
      port: p.port,
      protocol: p.protocol ?? 'TCP',
    }));
    writeSlice(
      c,
      svc,
      MIRRORING,
      endpoints.length ? endpoints : null,
      ports.length ? ports : null,
      slicesFor(c, svc, MIRRORING)[0],
    );
    return;
  }
  const eps = serviceEndpoints(c, svc);
  const endpoints = eps.map((e) => {
    const zone = zoneOf(c, e.pod.spec?.nodeName);
    return {
      addresses: [e.ip],
      conditions: { ready: e.ready, serving: e.ready, terminating: false },
      ...(shouldSetHostname(e.pod, svc) ? { hostname: e.pod.spec.hostname } : {}),
      ...(e.pod.spec?.nodeName ? { nodeName: e.pod.spec.nodeName } : {}),
      targetRef: {
        kind: 'Pod',
        name: e.pod.metadata.name,
        namespace: e.pod.metadata.namespace,
        uid: e.pod.metadata.uid,
      },
      ...(zone ? { zone } : {}),
    };
  });
  const first = eps[0];
  const ports = first
    ? first.ports.map((p) => ({ name: p.name ?? '', port: p.port, protocol: p.protocol }))
    : (svc.spec?.ports ?? []).length
      ? []
      : null;
  writeControllerSlices(c, svc, endpoints, ports && ports.length ? ports : null);
}

/**
 * Spread a Service's endpoints over its slices (reconcileByPortMapping, then finalize): with no
 * endpoints the Service keeps one placeholder slice (`endpoints: null`), as upstream does.
 */
/** An endpoint of a slice, as far as the packing reads it (its first address is its key). */
interface SliceEndpoint {
  addresses: string[];
  [field: string]: unknown;
}

function writeControllerSlices(
  c: ControllerContext,
  svc: KubeObject,
  endpoints: SliceEndpoint[],
  ports: unknown[] | null,
): void {
  const live = slicesFor(c, svc, CONTROLLER);
  const byName = new Map(live.map((s) => [s.metadata.name, s]));
  const ns = svc.metadata.namespace;
  if (endpoints.length === 0) {
    writeSlice(c, svc, CONTROLLER, null, ports, live[0]);
    for (const extra of live.slice(1)) c.deleteInternal('endpointslices', ns, extra.metadata.name);
    return;
  }
  const plan = planSlices(
    live.map((s) => {
      const eps: SliceEndpoint[] = s.endpoints ?? [];
      return { name: s.metadata.name, endpoints: eps };
    }),
    endpoints,
    (e) => e.addresses[0] ?? '',
    MAX_ENDPOINTS_PER_SLICE,
  );
  // Within a slice, upstream's order is Go's map order; here each slice lists its endpoints in the
  // order the Service's pods are listed, so a slice reads the same whichever sync added an endpoint.
  const rank = new Map(endpoints.map((e, i) => [e.addresses[0] ?? '', i]));
  const ordered = (eps: SliceEndpoint[]) =>
    [...eps].sort((a, b) => (rank.get(a.addresses[0] ?? '') ?? 0) - (rank.get(b.addresses[0] ?? '') ?? 0));
  const touched = new Set<string>();
  for (const u of plan.update) {
    touched.add(u.name);
    writeSlice(c, svc, CONTROLLER, ordered(u.endpoints), ports, byName.get(u.name));
  }
  for (const name of plan.delete) {
    touched.add(name);
    c.deleteInternal('endpointslices', ns, name);
  }
  // Slices whose endpoints stay as they are still follow the Service's labels and ports.
  for (const s of live) if (!touched.has(s.metadata.name)) writeSlice(c, svc, CONTROLLER, s.endpoints, ports, s);
  for (const eps of plan.create) writeSlice(c, svc, CONTROLLER, ordered(eps), ports, undefined);
}

/** Whether a Service's Endpoints list `pod` (ready or not), so a pod that stopped matching is removed. */
function endpointsMention(ctx: ControllerContext, svc: KubeObject, pod: string): boolean {
  const ep = ctx.store.get('endpoints', svc.metadata.namespace, svc.metadata.name);
  for (const s of ep?.subsets ?? [])
    for (const a of [...(s.addresses ?? []), ...(s.notReadyAddresses ?? [])])
      if (a.targetRef?.name === pod) return true;
  return false;
}

/**
 * The endpoints, endpointslice and endpointslice-mirroring controllers, run together: a Service's
 * Endpoints then its EndpointSlice, for each Service a changed pod concerns; a selector-less
 * Service's slice mirrors its hand-made Endpoints.
 */
export const endpointsController: Controller = {
  name: 'endpoints',
  watches: ['pods', 'services', 'endpoints'],
  sync(ctx, change) {
    const ns = change.namespace;
    if (change.resource === 'services') {
      const svc = change.object;
      if (svc) {
        syncEndpoints(ctx, svc);
        syncEndpointSlices(ctx, svc);
      }
      return;
    }
    if (change.resource === 'endpoints') {
      const svc = ctx.store.get('services', ns, change.name);
      if (svc && !svc.spec?.selector) syncEndpointSlices(ctx, svc);
      return;
    }
    const pod = change.object;
    for (const svc of ctx.store.list('services', ns)) {
      const sel = svc.spec?.selector;
      if (!sel) continue;
      if (!pod || matchesSelector(sel, pod.metadata.labels) || endpointsMention(ctx, svc, change.name)) {
        syncEndpoints(ctx, svc);
        syncEndpointSlices(ctx, svc);
      }
    }
  },
};
