/** Tables for services, endpoints, endpoint slices, ingresses and network policies (printers.go). */
import type { KubeObject } from '../../cluster/types';
import { age } from '../duration';
import { formatLabels, formatLabelSelector } from '../labels';
import { joinWithMore, loadBalancerStatus } from './cells';
import { col, type PrintContext, type TablePrinter } from './types';

/** `getServiceExternalIP`: externalIPs, LB ingress, `<pending>`, or the ExternalName. */
export function serviceExternalIP(svc: KubeObject, wide: boolean): string {
  const externalIPs: string[] = svc.spec?.externalIPs ?? [];
  switch (svc.spec?.type ?? 'ClusterIP') {
    case 'ClusterIP':
    case 'NodePort':
      return externalIPs.length > 0 ? externalIPs.join(',') : '<none>';
    case 'LoadBalancer': {
      const lb = loadBalancerStatus(svc.status?.loadBalancer?.ingress, wide);
      if (externalIPs.length > 0) return [...(lb ? lb.split(',') : []), ...externalIPs].join(',');
      return lb || '<pending>';
    }
    case 'ExternalName':
      return svc.spec?.externalName ?? '';
    default:
      return '<unknown>';
  }
}

/** `makePortString`: `80/TCP`, `80:30080/TCP`, joined by `,`. */
export function servicePorts(ports: { port: number; protocol?: string; nodePort?: number }[] | undefined): string {
  return (ports ?? [])
    .map((p) =>
      p.nodePort && p.nodePort > 0
        ? `${p.port}:${p.nodePort}/${p.protocol ?? 'TCP'}`
        : `${p.port}/${p.protocol ?? 'TCP'}`,
    )
    .join(',');
}

export const servicePrinter: TablePrinter = {
  columns: [
    col('NAME'),
    col('TYPE'),
    col('CLUSTER-IP'),
    col('EXTERNAL-IP'),
    col('PORT(S)'),
    col('AGE'),
    col('SELECTOR', true),
  ],
  row(svc: KubeObject, ctx: PrintContext): string[] {
    return [
      svc.metadata.name,
      svc.spec?.type ?? '',
      svc.spec?.clusterIPs?.[0] ?? '<none>',
      serviceExternalIP(svc, ctx.wide ?? false),
      servicePorts(svc.spec?.ports) || '<none>',
      age(svc.metadata.creationTimestamp, ctx.now),
      formatLabels(svc.spec?.selector),
    ];
  },
};

/** `net.JoinHostPort`: IPv6 addresses get brackets. */
export const joinHostPort = (ip: string, port: number): string =>
  ip.includes(':') ? `[${ip}]:${port}` : `${ip}:${port}`;

/** `formatEndpoints`: ready `ip:port` pairs, at most 3 then ` + N more...`; `<none>` without subsets. */
export function formatEndpoints(ep: KubeObject): string {
  const subsets: { addresses?: { ip: string }[]; ports?: { port: number }[] }[] = ep.subsets ?? [];
  if (subsets.length === 0) return '<none>';
  const list: string[] = [];
  let count = 0;
  for (const ss of subsets) {
    const addrs = ss.addresses ?? [];
    const ports = ss.ports ?? [];
    // Headless services may have no ports: then the bare addresses count.
    const pairs =
      ports.length === 0 ? addrs.map((a) => a.ip) : ports.flatMap((p) => addrs.map((a) => joinHostPort(a.ip, p.port)));
    count += pairs.length;
    for (const p of pairs) if (list.length < 3) list.push(p);
  }
  const ret = list.join(',');
  return count > 3 ? `${ret} + ${count - 3} more...` : ret;
}

export const endpointsPrinter: TablePrinter = {
  columns: [col('NAME'), col('ENDPOINTS'), col('AGE')],
  row: (ep, ctx) => [ep.metadata.name, formatEndpoints(ep), age(ep.metadata.creationTimestamp, ctx.now)],
};

/** `formatDiscoveryPorts`: port numbers (name when unset, `*` when both are), max 3, `<unset>` if none. */
export function formatDiscoveryPorts(
  ports: { port?: number | null; name?: string | null }[] | undefined | null,
): string {
  const items = (ports ?? []).map((p) => (p.port !== undefined && p.port !== null ? String(p.port) : (p.name ?? '*')));
  return joinWithMore(items, 3, '<unset>');
}

/** `formatDiscoveryEndpoints`: every address of every endpoint, ready or not, max 3, `<unset>` if none. */
export function formatDiscoveryEndpoints(endpoints: { addresses?: string[] }[] | undefined | null): string {
  return joinWithMore(
    (endpoints ?? []).flatMap((e) => e.addresses ?? []),
    3,
    '<unset>',
  );
}

export const endpointSlicePrinter: TablePrinter = {
  columns: [col('NAME'), col('ADDRESSTYPE'), col('PORTS'), col('ENDPOINTS'), col('AGE')],
  row: (s, ctx) => [
    s.metadata.name,
    s.addressType ?? '',
    formatDiscoveryPorts(s.ports),
    formatDiscoveryEndpoints(s.endpoints),
    age(s.metadata.creationTimestamp, ctx.now),
  ],
};

/** `formatHosts`: up to 3 rule hosts, `*` when none. */
function ingressHosts(rules: { host?: string }[] | undefined): string {
  const rs = rules ?? [];
  const list: string[] = [];
  let more = false;
  for (const r of rs) {
    if (list.length === 3) more = true;
    if (!more && r.host) list.push(r.host);
  }
  if (list.length === 0) return '*';
  return more ? `${list.join(',')} + ${rs.length - 3} more...` : list.join(',');
}

export const ingressPrinter: TablePrinter = {
  columns: [col('NAME'), col('CLASS'), col('HOSTS'), col('ADDRESS'), col('PORTS'), col('AGE')],
  row: (ing, ctx) => [
    ing.metadata.name,
    ing.spec?.ingressClassName ?? '<none>',
    ingressHosts(ing.spec?.rules),
    loadBalancerStatus(ing.status?.loadBalancer?.ingress, ctx.wide ?? false),
    (ing.spec?.tls ?? []).length > 0 ? '80, 443' : '80',
    age(ing.metadata.creationTimestamp, ctx.now),
  ],
};

export const networkPolicyPrinter: TablePrinter = {
  columns: [col('NAME'), col('POD-SELECTOR'), col('AGE')],
  row: (np, ctx) => [
    np.metadata.name,
    formatLabelSelector(np.spec?.podSelector ?? {}),
    age(np.metadata.creationTimestamp, ctx.now),
  ],
};
