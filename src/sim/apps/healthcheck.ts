/**
 * kube-proxy's service health server (pkg/proxy/healthcheck/service_health.go): for every Service
 * of type LoadBalancer with externalTrafficPolicy Local, kube-proxy listens on the node's
 * `spec.healthCheckNodePort` and tells a load balancer how many ready endpoints of the Service run
 * on this node: 200 when there is at least one, 503 when there is none, so the load balancer stops
 * sending traffic to nodes that would drop it. Any path gets the same answer.
 */
import type { KubeObject } from '../cluster/types';
import { httpDate, byteLength, type HttpResponse } from './http';
import { needsHealthCheck } from '../cluster/servicepolicy';

export interface HealthCheckTarget {
  namespace: string;
  name: string;
}

/** The Service whose health check kube-proxy serves on `port`, if any. */
export function healthCheckServiceFor(services: readonly KubeObject[], port: number): HealthCheckTarget | undefined {
  const svc = services.find((s) => needsHealthCheck(s.spec) && s.spec?.healthCheckNodePort === port);
  return svc ? { namespace: svc.metadata.namespace ?? 'default', name: svc.metadata.name } : undefined;
}

/**
 * `EndpointsMap.LocalReadyEndpoints`: the distinct ready endpoints (`ip:port`, over all the
 * Service's ports) that run on `node`, read from the Service's IPv4 EndpointSlices as kube-proxy
 * reads them (an endpoint without a ready condition counts as ready).
 */
export function localReadyEndpoints(svc: KubeObject, slices: readonly KubeObject[], node: string): number {
  const seen = new Set<string>();
  const ns = svc.metadata.namespace ?? 'default';
  for (const slice of slices) {
    if ((slice.metadata.namespace ?? 'default') !== ns) continue;
    if (slice.metadata.labels?.['kubernetes.io/service-name'] !== svc.metadata.name) continue;
    if (slice.addressType !== 'IPv4') continue;
    const ports: { port?: number }[] = slice.ports ?? [];
    const endpoints: { addresses?: string[]; nodeName?: string; conditions?: { ready?: boolean } }[] =
      slice.endpoints ?? [];
    for (const ep of endpoints) {
      if (ep.nodeName !== node || ep.conditions?.ready === false) continue;
      for (const addr of ep.addresses ?? []) for (const p of ports) seen.add(`${addr}:${p.port ?? ''}`);
    }
  }
  return seen.size;
}

/**
 * The handler's answer: a tab-indented JSON body with no final newline, Content-Type and the two
 * X- headers it sets (written sorted, as Go writes a handler's headers), then Go's Date and
 * Content-Length. `X-Load-Balancing-Endpoint-Weight` came with Kubernetes 1.28.
 */
export function healthCheckResponse(target: HealthCheckTarget, localEndpoints: number, now: number): HttpResponse {
  const body = [
    '{',
    '\t"service": {',
    `\t\t"namespace": ${JSON.stringify(target.namespace)},`,
    `\t\t"name": ${JSON.stringify(target.name)}`,
    '\t},',
    `\t"localEndpoints": ${localEndpoints},`,
    '\t"serviceProxyHealthy": true',
    '}',
  ].join('\n');
  return {
    status: localEndpoints > 0 ? 200 : 503,
    headers: [
      ['Content-Type', 'application/json'],
      ['X-Content-Type-Options', 'nosniff'],
      ['X-Load-Balancing-Endpoint-Weight', String(localEndpoints)],
      ['Date', httpDate(now)],
      ['Content-Length', String(byteLength(body))],
    ],
    body,
  };
}
