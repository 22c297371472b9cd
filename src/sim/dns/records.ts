/**
 * CoreDNS's `kubernetes` plugin: answers computed from the API objects at query time (no cache that
 * could go stale), following the Kubernetes DNS spec and CoreDNS's concrete choices (reference 1.1):
 * ClusterIP A records, headless services' ready endpoints, `hostname.svc` endpoint names, SRV for
 * ports, ExternalName as CNAME, pod `a-b-c-d.ns.pod` names, PTR for service and endpoint IPs, and
 * NXDOMAIN / NODATA with the zone's SOA in the authority section.
 */
import type { KubeObject } from '../cluster/types';
import type { KubernetesPluginConfig } from './corefile';
import { emptyResponse, type DnsQuestion, type DnsResponse, type ResourceRecord } from './message';
import { dashedIp, inZone, ipFromReverse, isIPv4 } from './names';

/** What the plugin reads: anything that lists and gets API objects like the ObjectStore. */
export interface ApiView {
  list(resource: string, namespace?: string): KubeObject[];
  get(resource: string, namespace: string | undefined, name: string): KubeObject | undefined;
}

/** One address a service resolves to through its endpoint slices. */
export interface ServiceEndpoint {
  ip: string;
  /** The DNS label of this endpoint: its hostname, else the IP with dashes (CoreDNS `endpointHostname`). */
  hostname: string;
  ready: boolean;
  ports: { name: string; port: number; protocol: string }[];
}

/** The answer, or `fallthrough` when the name is not ours and the Corefile lets it go on to forward. */
export type PluginResult = DnsResponse | 'fallthrough';

function epochSeconds(ts: unknown): number {
  const t = typeof ts === 'string' ? Date.parse(ts) : NaN;
  return Number.isNaN(t) ? 0 : Math.floor(t / 1000);
}

/** The SOA serial: Unix time of the last change CoreDNS saw in services and endpoint slices. */
export function soaSerial(api: ApiView): number {
  let serial = 0;
  for (const res of ['services', 'endpointslices']) {
    for (const o of api.list(res)) {
      serial = Math.max(
        serial,
        epochSeconds(o.metadata.creationTimestamp),
        epochSeconds(o.metadata.annotations?.['endpoints.kubernetes.io/last-change-trigger-time']),
      );
    }
  }
  return serial;
}

/** The zone's SOA record (coredns plugin/backend_lookup.go `SOA`): TTL = min(ttl, 300). */
export function zoneSoa(zone: string, ttl: number, serial: number): ResourceRecord {
  const apex = zone === '.' ? '' : zone;
  return {
    name: zone,
    ttl: Math.min(ttl, 300),
    rdata: {
      type: 'SOA',
      mname: `ns.dns.${apex}`,
      rname: `hostmaster.${apex}`,
      serial,
      refresh: 7200,
      retry: 1800,
      expire: 86400,
      minimum: ttl,
    },
  };
}

/**
 * The endpoints of a service from its EndpointSlices (what CoreDNS watches), deduplicated by IP.
 * An endpoint's hostname counts only when its pod's `subdomain` names this service, as the
 * endpointslice controller sets it in a real cluster.
 */
export function serviceEndpoints(api: ApiView, svc: KubeObject): ServiceEndpoint[] {
  const ns = svc.metadata.namespace;
  const out = new Map<string, ServiceEndpoint>();
  const publishNotReady = Boolean(svc.spec?.publishNotReadyAddresses);
  for (const slice of api.list('endpointslices', ns)) {
    if (slice.metadata.labels?.['kubernetes.io/service-name'] !== svc.metadata.name) continue;
    if (slice.addressType && slice.addressType !== 'IPv4') continue;
    const ports = ((slice.ports ?? []) as { name?: string; port?: number; protocol?: string }[]).map((p) => ({
      name: p.name ?? '',
      port: p.port ?? 0,
      protocol: p.protocol ?? 'TCP',
    }));
    for (const ep of (slice.endpoints ?? []) as {
      addresses?: string[];
      hostname?: string;
      conditions?: { ready?: boolean };
      targetRef?: { kind?: string; name?: string; namespace?: string };
    }[]) {
      let hostname = ep.hostname;
      if (hostname && ep.targetRef?.kind === 'Pod') {
        const pod = api.get('pods', ep.targetRef.namespace ?? ns, ep.targetRef.name ?? '');
        if (pod && pod.spec?.subdomain !== svc.metadata.name) hostname = undefined;
      }
      for (const ip of ep.addresses ?? []) {
        if (out.has(ip)) continue;
        out.set(ip, {
          ip,
          hostname: hostname ?? dashedIp(ip),
          ready: publishNotReady || ep.conditions?.ready !== false,
          ports,
        });
      }
    }
  }
  return [...out.values()];
}

function isHeadless(svc: KubeObject): boolean {
  return svc.spec?.clusterIP === 'None';
}

/** SRV weight for `n` records of one priority: floor(100/n), at least 1 (backend_lookup.go). */
function srvWeight(n: number): number {
  return Math.max(1, Math.floor(100 / n));
}

interface Ctx {
  api: ApiView;
  cfg: KubernetesPluginConfig;
  zone: string;
  q: DnsQuestion;
  /** Resolve a CNAME target through the upstream (CoreDNS's `upstream` re-enters the server). */
  chase(target: string, type: DnsQuestion['type']): ResourceRecord[];
}

function nxdomain(c: Ctx): DnsResponse {
  const r = emptyResponse(c.q, 'NXDOMAIN', true, false);
  r.authority.push(zoneSoa(c.zone, c.cfg.ttl, soaSerial(c.api)));
  return r;
}

function nodata(c: Ctx): DnsResponse {
  const r = emptyResponse(c.q, 'NOERROR', true, false);
  r.authority.push(zoneSoa(c.zone, c.cfg.ttl, soaSerial(c.api)));
  return r;
}

function answer(c: Ctx, answer: ResourceRecord[], additional: ResourceRecord[] = []): DnsResponse {
  if (!answer.length) return nodata(c);
  return { ...emptyResponse(c.q, 'NOERROR', true, false), answer, additional };
}

function aRecords(c: Ctx, name: string, ips: string[]): ResourceRecord[] {
  return ips.filter(isIPv4).map((address) => ({ name, ttl: c.cfg.ttl, rdata: { type: 'A' as const, address } }));
}

/** `<svc>.<ns>.svc.<zone>` and below: service, endpoint hostname or SRV, by the labels before `svc`. */
function serviceQuery(c: Ctx, labels: string[]): DnsResponse {
  const { q, api, cfg, zone } = c;
  const [ns, svcName, ...rest] = [...labels].reverse() as [string | undefined, string | undefined, ...string[]];
  if (!ns) return nodata(c);
  if (!api.get('namespaces', undefined, ns)) return nxdomain(c);
  if (!svcName) return nodata(c);
  const svc = api.get('services', ns, svcName);
  if (!svc) return nxdomain(c);
  const svcFqdn = `${svcName}.${ns}.svc.${zone}`;
  const host = rest.reverse(); // labels left of the service name, in order
  if (svc.spec?.type === 'ExternalName') {
    if (host.length) return nxdomain(c);
    const target = `${String(svc.spec.externalName ?? '')
      .toLowerCase()
      .replace(/\.$/, '')}.`;
    const cname: ResourceRecord = { name: q.name, ttl: cfg.ttl, rdata: { type: 'CNAME', target } };
    if (q.type === 'CNAME' || q.type === 'ANY') return answer(c, [cname]);
    if (q.type !== 'A' && q.type !== 'AAAA') return nodata(c);
    return answer(c, [cname, ...c.chase(target, q.type)]);
  }
  const eps = serviceEndpoints(api, svc);
  const ready = eps.filter((e) => e.ready);
  // SRV: `_port._proto.svc.ns.svc.zone` (named ports only), or the service name itself (every port).
  if (host.length === 2 && host[0]!.startsWith('_') && host[1]!.startsWith('_')) {
    if (q.type !== 'SRV' && q.type !== 'ANY') return nodata(c);
    const portName = host[0]!.slice(1);
    const proto = host[1]!.slice(1);
    return srvAnswer(
      c,
      svc,
      svcFqdn,
      ready,
      (p) => p.name !== '' && p.name.toLowerCase() === portName && p.protocol.toLowerCase() === proto,
    );
  }
  if (host.length === 1) {
    const matches = eps.filter((e) => e.hostname === host[0] && e.ready);
    if (!matches.length) return nxdomain(c);
    if (q.type !== 'A' && q.type !== 'ANY') return nodata(c);
    return answer(
      c,
      aRecords(
        c,
        q.name,
        matches.map((e) => e.ip),
      ),
    );
  }
  if (host.length) return nxdomain(c);
  if (q.type === 'SRV') return srvAnswer(c, svc, svcFqdn, ready, () => true);
  if (isHeadless(svc)) {
    if (!ready.length) return nxdomain(c);
    if (q.type !== 'A' && q.type !== 'ANY') return nodata(c);
    return answer(
      c,
      aRecords(
        c,
        q.name,
        ready.map((e) => e.ip),
      ),
    );
  }
  if (q.type !== 'A' && q.type !== 'ANY') return nodata(c);
  return answer(c, aRecords(c, q.name, [String(svc.spec?.clusterIP ?? '')]));
}

function srvAnswer(
  c: Ctx,
  svc: KubeObject,
  svcFqdn: string,
  ready: ServiceEndpoint[],
  want: (p: { name: string; protocol: string }) => boolean,
): DnsResponse {
  const targets: { target: string; port: number; ip: string }[] = [];
  if (isHeadless(svc)) {
    for (const e of ready)
      for (const p of e.ports)
        if (want(p)) targets.push({ target: `${e.hostname}.${svcFqdn}`, port: p.port, ip: e.ip });
  } else {
    for (const p of (svc.spec?.ports ?? []) as { name?: string; port: number; protocol?: string }[]) {
      if (want({ name: p.name ?? '', protocol: p.protocol ?? 'TCP' }))
        targets.push({ target: svcFqdn, port: p.port, ip: String(svc.spec?.clusterIP) });
    }
  }
  if (!targets.length) return isHeadless(svc) && !ready.length ? nxdomain(c) : nodata(c);
  const weight = srvWeight(targets.length);
  const answerRRs: ResourceRecord[] = targets.map((t) => ({
    name: c.q.name,
    ttl: c.cfg.ttl,
    rdata: { type: 'SRV', priority: 0, weight, port: t.port, target: t.target },
  }));
  const seen = new Set<string>();
  const extra: ResourceRecord[] = [];
  for (const t of targets) {
    if (seen.has(t.target)) continue;
    seen.add(t.target);
    extra.push(...aRecords(c, t.target, [t.ip]));
  }
  return answer(c, answerRRs, extra);
}

/** `a-b-c-d.<ns>.pod.<zone>`: with `pods insecure` the address is read from the name (namespace must exist). */
function podQuery(c: Ctx, labels: string[]): DnsResponse {
  if (c.cfg.pods === 'disabled' || labels.length !== 2)
    return labels.length < 2 && c.cfg.pods !== 'disabled' ? nodata(c) : nxdomain(c);
  const [dashed, ns] = labels as [string, string];
  const ip = dashed.replace(/-/g, '.');
  if (!isIPv4(ip) || !c.api.get('namespaces', undefined, ns)) return nxdomain(c);
  if (c.cfg.pods === 'verified' && !c.api.list('pods', ns).some((p) => p.status?.podIP === ip)) return nxdomain(c);
  if (c.q.type !== 'A' && c.q.type !== 'ANY') return nodata(c);
  return answer(c, aRecords(c, c.q.name, [ip]));
}

/** PTR for a service ClusterIP, else for an endpoint of any service; undefined when the IP is not known. */
function reverseQuery(c: Ctx, ip: string, clusterZone: string): DnsResponse | undefined {
  const ptr = (target: string) => answer(c, [{ name: c.q.name, ttl: c.cfg.ttl, rdata: { type: 'PTR', target } }]);
  const services = c.api.list('services');
  for (const svc of services) {
    const ips = [svc.spec?.clusterIP, ...((svc.spec?.clusterIPs as string[] | undefined) ?? [])];
    if (ips.includes(ip))
      return c.q.type === 'PTR' || c.q.type === 'ANY'
        ? ptr(`${svc.metadata.name}.${svc.metadata.namespace}.svc.${clusterZone}`)
        : nodata(c);
  }
  for (const svc of services) {
    const ep = serviceEndpoints(c.api, svc).find((e) => e.ip === ip);
    if (ep)
      return c.q.type === 'PTR' || c.q.type === 'ANY'
        ? ptr(`${ep.hostname}.${svc.metadata.name}.${svc.metadata.namespace}.svc.${clusterZone}`)
        : nodata(c);
  }
  return undefined;
}

/**
 * The plugin's answer to `q`, or `fallthrough`, or undefined when the name is in none of its zones.
 * `chase` resolves an ExternalName target (for A/AAAA queries) through the rest of the server.
 */
export function kubernetesAnswer(
  api: ApiView,
  cfg: KubernetesPluginConfig,
  q: DnsQuestion,
  chase: Ctx['chase'],
): PluginResult | undefined {
  const zone = cfg.zones.filter((z) => inZone(q.name, z)).sort((a, b) => b.length - a.length)[0];
  if (!zone) return undefined;
  const clusterZone = cfg.zones.find((z) => !z.endsWith('arpa.')) ?? 'cluster.local.';
  const c: Ctx = { api, cfg, zone, q, chase };
  const falls = cfg.fallthrough.some((f) => inZone(q.name, f));
  if (zone.endsWith('arpa.')) {
    const ip = ipFromReverse(q.name);
    const r = ip ? reverseQuery(c, ip, clusterZone) : undefined;
    if (r) return r;
    return falls ? 'fallthrough' : nxdomain(c);
  }
  const rel = q.name === zone ? [] : q.name.slice(0, -zone.length - 1).split('.');
  if (rel.length === 0) return q.type === 'SOA' ? answer(c, [zoneSoa(zone, cfg.ttl, soaSerial(api))]) : nodata(c);
  if (rel.length === 1 && rel[0] === 'dns-version') {
    return q.type === 'TXT'
      ? answer(c, [{ name: q.name, ttl: cfg.ttl, rdata: { type: 'TXT', text: '1.1.0' } }])
      : nodata(c);
  }
  const kind = rel[rel.length - 1];
  let r: DnsResponse;
  if (kind === 'svc') r = serviceQuery(c, rel.slice(0, -1));
  else if (kind === 'pod') r = podQuery(c, rel.slice(0, -1));
  else r = nxdomain(c);
  if (r.rcode === 'NXDOMAIN' && falls) return 'fallthrough';
  return r;
}
