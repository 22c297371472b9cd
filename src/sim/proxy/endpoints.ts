/**
 * What kube-proxy sees of the API: service ports and their endpoints, built from Service and
 * EndpointSlice objects (plain JSON in the real shapes), the way upstream's ServiceChangeTracker and
 * EndpointSliceCache do. Pure functions; no kube-proxy policy here.
 */
import type { KubeObject } from '../cluster/types';
import { servicePortNameString } from './hash';

/** One endpoint of one service port (upstream `endpointInfo`). */
export interface Endpoint {
  ip: string;
  port: number;
  /** "ip:port": the sort key and the text in comments and DNAT targets. */
  ipPort: string;
  ready: boolean;
  serving: boolean;
  terminating: boolean;
  nodeName?: string;
}

/** One port of one Service, with everything kube-proxy's rules depend on (upstream `ServicePort`). */
export interface ServicePortInfo {
  namespace: string;
  name: string;
  portName: string;
  /** `ServicePortName.String()`: "ns/name[:port]". */
  nameString: string;
  /** Lower case: tcp, udp, sctp. */
  protocol: string;
  clusterIP: string;
  port: number;
  nodePort: number;
  externalIPs: string[];
  loadBalancerIPs: string[];
  loadBalancerSourceRanges: string[];
  externalPolicyLocal: boolean;
  internalPolicyLocal: boolean;
  /** ClientIP affinity timeout in seconds, or 0 without affinity. */
  stickySeconds: number;
  healthCheckNodePort: number;
  /** Endpoints sorted by "ip:port" as plain strings (upstream byEndpoint: "10.0.0.10" < "10.0.0.2"). */
  endpoints: Endpoint[];
}

const DEFAULT_STICKY_SECONDS = 10800;

/** The service ports kube-proxy programs: every port of every non-headless, non-ExternalName Service, with its slices' endpoints. */
export function servicePorts(services: readonly KubeObject[], slices: readonly KubeObject[]): ServicePortInfo[] {
  const slicesByService = new Map<string, KubeObject[]>();
  for (const s of slices) {
    const svc = s.metadata.labels?.['kubernetes.io/service-name'];
    if (!svc || (s.addressType ?? 'IPv4') !== 'IPv4') continue;
    const key = `${s.metadata.namespace ?? 'default'}/${svc}`;
    const list = slicesByService.get(key);
    if (list) list.push(s);
    else slicesByService.set(key, [s]);
  }
  const out: ServicePortInfo[] = [];
  for (const svc of services) {
    const spec = svc.spec ?? {};
    const clusterIP: string | undefined = spec.clusterIP;
    if (spec.type === 'ExternalName' || !clusterIP || clusterIP === 'None') continue;
    const namespace = svc.metadata.namespace ?? 'default';
    const name = svc.metadata.name;
    const type: string = spec.type ?? 'ClusterIP';
    const svcSlices = slicesByService.get(`${namespace}/${name}`) ?? [];
    // An ingress IP whose ipMode is Proxy is the load balancer's to handle: kube-proxy leaves it
    // out (serviceport.go, proxyutil.IsVIPMode; no ipMode counts as VIP).
    const lbIPs: string[] =
      type === 'LoadBalancer'
        ? (svc.status?.loadBalancer?.ingress ?? [])
            .filter((i: { ipMode?: string }) => i.ipMode === undefined || i.ipMode === 'VIP')
            .map((i: { ip?: string }) => i.ip)
            .filter((ip: unknown): ip is string => typeof ip === 'string')
        : [];
    for (const p of (spec.ports ?? []) as { name?: string; port: number; protocol?: string; nodePort?: number }[]) {
      const portName = p.name ?? '';
      const protocol = (p.protocol ?? 'TCP').toLowerCase();
      const nodePort = type === 'NodePort' || type === 'LoadBalancer' ? (p.nodePort ?? 0) : 0;
      const externalIPs: string[] = spec.externalIPs ?? [];
      const externallyAccessible = nodePort !== 0 || lbIPs.length > 0 || externalIPs.length > 0;
      out.push({
        namespace,
        name,
        portName,
        nameString: servicePortNameString(namespace, name, portName),
        protocol,
        clusterIP,
        port: p.port,
        nodePort,
        externalIPs,
        loadBalancerIPs: lbIPs,
        loadBalancerSourceRanges: spec.loadBalancerSourceRanges ?? [],
        externalPolicyLocal: externallyAccessible && spec.externalTrafficPolicy === 'Local',
        internalPolicyLocal: spec.internalTrafficPolicy === 'Local',
        stickySeconds:
          spec.sessionAffinity === 'ClientIP'
            ? (spec.sessionAffinityConfig?.clientIP?.timeoutSeconds ?? DEFAULT_STICKY_SECONDS)
            : 0,
        healthCheckNodePort:
          externallyAccessible && spec.externalTrafficPolicy === 'Local' ? (spec.healthCheckNodePort ?? 0) : 0,
        endpoints: endpointsFor(svcSlices, portName, protocol),
      });
    }
  }
  return out;
}

function endpointsFor(slices: readonly KubeObject[], portName: string, protocol: string): Endpoint[] {
  const seen = new Map<string, Endpoint>();
  for (const slice of slices) {
    const port = ((slice.ports ?? []) as { name?: string; port?: number; protocol?: string }[]).find(
      (sp) => (sp.name ?? '') === portName && (sp.protocol ?? 'TCP').toLowerCase() === protocol,
    );
    if (!port || port.port === undefined) continue;
    for (const ep of (slice.endpoints ?? []) as {
      addresses: string[];
      conditions?: { ready?: boolean; serving?: boolean; terminating?: boolean };
      nodeName?: string;
    }[]) {
      const ip = ep.addresses[0];
      if (!ip) continue;
      const ipPort = `${ip}:${port.port}`;
      if (seen.has(ipPort)) continue;
      // EndpointSlice semantics: a nil ready/serving means true, a nil terminating means false.
      const ready = ep.conditions?.ready !== false;
      seen.set(ipPort, {
        ip,
        port: port.port,
        ipPort,
        ready,
        serving: ep.conditions?.serving ?? ready,
        terminating: ep.conditions?.terminating ?? false,
        ...(ep.nodeName !== undefined ? { nodeName: ep.nodeName } : {}),
      });
    }
  }
  return [...seen.values()].sort((a, b) => (a.ipPort < b.ipPort ? -1 : a.ipPort > b.ipPort ? 1 : 0));
}
