/**
 * The Service IP and node-port allocators' part of the API server: a Service gets its cluster IP and
 * node ports on create (or keeps the ones it asks for, if free), and gives them back when it changes
 * type or is deleted.
 */
import type { Rng } from '../core/rng';
import type { KubeObject } from './types';
import type { NodePortAllocator, ServiceIpAllocator } from './allocators';
import { ApiError } from './errors';
import { needsHealthCheck } from './servicepolicy';

export interface ServiceAllocators {
  serviceIPs: ServiceIpAllocator | undefined;
  nodePorts: NodePortAllocator;
  rng: Rng;
}

/** Give a Service being created or updated its cluster IP and node ports (checking the ones it asks for), releasing what `live` held and it no longer does. */
export function allocateService(
  a: ServiceAllocators,
  svc: KubeObject,
  live: KubeObject | undefined,
  dryRun = false,
): void {
  const spec = svc.spec;
  if (spec.type === 'ExternalName') {
    delete spec.clusterIP;
    delete spec.clusterIPs;
    return;
  }
  if (!a.serviceIPs) throw new ApiError('', 'no service CIDR configured');
  if (live && live.spec.clusterIP && spec.clusterIP === undefined) spec.clusterIP = live.spec.clusterIP;
  if (spec.clusterIP === 'None') {
    spec.clusterIPs = ['None'];
  } else if (!live || spec.clusterIP !== live.spec.clusterIP) {
    if (spec.clusterIP) {
      if (!dryRun && !a.serviceIPs.allocate(spec.clusterIP)) {
        throw new ApiError(
          'Invalid',
          `The Service "${svc.metadata.name}" is invalid: spec.clusterIPs: Invalid value: []string{"${spec.clusterIP}"}: failed to allocate IP ${spec.clusterIP}: provided IP is already allocated`,
        );
      }
    } else {
      const ip = a.serviceIPs.allocateNext(a.rng);
      if (!ip) throw new ApiError('', 'Internal error occurred: failed to allocate a serviceIP: range is full');
      spec.clusterIP = ip;
    }
    spec.clusterIPs = [spec.clusterIP];
  }
  spec.clusterIPs ??= [spec.clusterIP];
  spec.ipFamilies ??= ['IPv4'];
  spec.ipFamilyPolicy ??= 'SingleStack';
  const wantsNodePort =
    spec.type === 'NodePort' || (spec.type === 'LoadBalancer' && spec.allocateLoadBalancerNodePorts !== false);
  for (const [i, p] of (spec.ports ?? []).entries()) {
    if (!wantsNodePort) {
      delete p.nodePort;
      continue;
    }
    const old = live?.spec.ports?.find((q: any) => q.nodePort === p.nodePort);
    if (p.nodePort !== undefined) {
      if (!old && !dryRun && !a.nodePorts.allocate(p.nodePort))
        throw new ApiError(
          'Invalid',
          `The Service "${svc.metadata.name}" is invalid: spec.ports[${i}].nodePort: Invalid value: ${p.nodePort}: provided port is already allocated`,
        );
    } else {
      const np = a.nodePorts.allocateNext(a.rng);
      if (np === undefined)
        throw new ApiError('', 'Internal error occurred: failed to allocate a nodePort: range is full');
      p.nodePort = np;
    }
  }
  // allocHealthCheckNodePort: after the node ports, from the same range, for a LoadBalancer with
  // externalTrafficPolicy Local (the one asked for, or any free one).
  if (needsHealthCheck(spec)) {
    const held = live && needsHealthCheck(live.spec) ? live.spec.healthCheckNodePort : undefined;
    const want: number | undefined = spec.healthCheckNodePort || undefined;
    if (want !== undefined) {
      if (want !== held && !dryRun && !a.nodePorts.allocate(want))
        throw new ApiError(
          '',
          `Internal error occurred: failed to allocate requested HealthCheck NodePort ${want}: provided port is already allocated`,
        );
    } else {
      const hc = a.nodePorts.allocateNext(a.rng);
      if (hc === undefined)
        throw new ApiError('', 'Internal error occurred: failed to allocate a nodePort: range is full');
      spec.healthCheckNodePort = hc;
    }
  } else delete spec.healthCheckNodePort;
  if (live) releaseServicePorts(a, live, svc);
}

/** Release the node ports and cluster IP `old` held that `next` (undefined: deleted) no longer does. */
export function releaseServicePorts(a: ServiceAllocators, old: KubeObject, next: KubeObject | undefined): void {
  const keep = new Set<number>(
    [...(next?.spec?.ports ?? []).map((p: any) => p.nodePort), next?.spec?.healthCheckNodePort].filter(
      (n: unknown) => typeof n === 'number',
    ),
  );
  for (const p of old.spec?.ports ?? [])
    if (typeof p.nodePort === 'number' && !keep.has(p.nodePort)) a.nodePorts.release(p.nodePort);
  const hc = old.spec?.healthCheckNodePort;
  if (typeof hc === 'number' && !keep.has(hc)) a.nodePorts.release(hc);
  const ip = old.spec?.clusterIP;
  if (ip && ip !== 'None' && ip !== next?.spec?.clusterIP) a.serviceIPs?.release(ip);
}
