/**
 * The endpointslice controller (one IPv4 slice per Service here, named `<service>-<5 chars>`) and the
 * mirroring controller, which copies hand-made Endpoints of selector-less Services into slices.
 */
import type { Controller, ControllerContext } from '../controller';
import type { KubeObject } from '../types';
import { rfc3339 } from '../../format/duration';
import { sameJson } from '../jsonequal';
import { serviceEndpoints, shouldSetHostname, syncEndpoints } from './endpoints';
import { matchesSelector } from '../selectors';

const MANAGED_BY = 'endpointslice.kubernetes.io/managed-by';
const CONTROLLER = 'endpointslice-controller.k8s.io';
const MIRRORING = 'endpointslicemirroring-controller.k8s.io';

function zoneOf(c: ControllerContext, node: string | undefined): string | undefined {
  if (!node) return undefined;
  return c.store.get('nodes', undefined, node)?.metadata.labels?.['topology.kubernetes.io/zone'];
}

function sliceFor(c: ControllerContext, svc: KubeObject, manager: string): KubeObject | undefined {
  return c.store
    .list('endpointslices', svc.metadata.namespace)
    .find(
      (s) =>
        s.metadata.labels?.['kubernetes.io/service-name'] === svc.metadata.name &&
        s.metadata.labels?.[MANAGED_BY] === manager,
    );
}

function writeSlice(
  c: ControllerContext,
  svc: KubeObject,
  manager: string,
  endpoints: any[] | null,
  ports: any[] | null,
): void {
  const live = sliceFor(c, svc, manager);
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
    writeSlice(c, svc, MIRRORING, endpoints.length ? endpoints : null, ports.length ? ports : null);
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
  writeSlice(c, svc, CONTROLLER, endpoints.length ? endpoints : null, ports && ports.length ? ports : null);
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
