/** describe layouts for Services, Endpoints and EndpointSlices (describe.go). */
import type { KubeObject } from '../../cluster/types';
import { formatLabels } from '../labels';
import { joinHostPort } from '../printers/network';
import { loadBalancerStatus } from '../printers/cells';
import { eventsFor, writeEvents } from './events';
import { type DescribeContext, DescribeWriter, writeAnnotations, writeLabels } from './writer';

interface SlicePort {
  name?: string | null;
  port?: number | null;
  protocol?: string;
}
interface SliceEndpoint {
  addresses: string[];
  conditions?: { ready?: boolean | null };
}

/**
 * formatEndpointSlices for one service port: ready `ip:port` pairs, max 3 then ` + N more...`;
 * `<none>` without slices, '' when slices exist but nothing is ready. The `more` flag is set before
 * the readiness check, exactly as upstream does.
 */
export function formatEndpointSlices(slices: KubeObject[], portName: string): string {
  if (slices.length === 0) return '<none>';
  const list: string[] = [];
  let more = false;
  let count = 0;
  const isReady = (e: SliceEndpoint): boolean =>
    e.conditions?.ready === undefined || e.conditions.ready === null || e.conditions.ready;
  for (const slice of slices) {
    const ports: SlicePort[] = slice.ports ?? [];
    const endpoints: SliceEndpoint[] = slice.endpoints ?? [];
    if (ports.length === 0) {
      for (const e of endpoints) {
        if (list.length === 3) more = true;
        if (!isReady(e)) continue;
        if (!more) list.push(e.addresses[0]!);
        count++;
      }
      continue;
    }
    for (const port of ports) {
      if ((port.name ?? '') !== portName) continue;
      for (const e of endpoints) {
        if (list.length === 3) more = true;
        if (!isReady(e)) continue;
        if (!more) list.push(joinHostPort(e.addresses[0]!, port.port ?? 0));
        count++;
      }
    }
  }
  const ret = list.join(',');
  return more ? `${ret} + ${count - 3} more...` : ret;
}

/** buildIngressString: `ip (VIP)` / `ip` / hostname, joined by `, `. */
function ingressString(ingress: { ip?: string; hostname?: string; ipMode?: string }[]): string {
  return ingress.map((i) => (i.ip ? (i.ipMode ? `${i.ip} (${i.ipMode})` : i.ip) : (i.hostname ?? ''))).join(', ');
}

/** `kubectl describe service`. Endpoints come from the service's EndpointSlices (kubernetes.io/service-name). */
export function describeService(svc: KubeObject, ctx: DescribeContext): string {
  const w = new DescribeWriter();
  const spec = svc.spec ?? {};
  const slices = ctx
    .list('endpointslices', svc.metadata.namespace)
    .filter((s) => s.metadata.labels?.['kubernetes.io/service-name'] === svc.metadata.name);
  w.write(0, `Name:\t${svc.metadata.name}\n`);
  w.write(0, `Namespace:\t${svc.metadata.namespace ?? ''}\n`);
  writeLabels(w, 'Labels', svc.metadata.labels);
  writeAnnotations(w, 'Annotations', svc.metadata.annotations);
  w.write(0, `Selector:\t${formatLabels(spec.selector)}\n`);
  w.write(0, `Type:\t${spec.type ?? ''}\n`);
  if (spec.ipFamilyPolicy) w.write(0, `IP Family Policy:\t${spec.ipFamilyPolicy}\n`);
  const families: string[] = spec.ipFamilies ?? [];
  w.write(0, `IP Families:\t${families.length > 0 ? families.join(',') : '<none>'}\n`);
  w.write(0, `IP:\t${spec.clusterIP ?? ''}\n`);
  const ips: string[] = spec.clusterIPs ?? [];
  w.write(0, `IPs:\t${ips.length > 0 ? ips.join(',') : '<none>'}\n`);
  if ((spec.externalIPs ?? []).length > 0) w.write(0, `External IPs:\t${spec.externalIPs.join(',')}\n`);
  if (spec.loadBalancerIP) w.write(0, `Desired LoadBalancer IP:\t${spec.loadBalancerIP}\n`);
  if (spec.externalName) w.write(0, `External Name:\t${spec.externalName}\n`);
  const ingress = svc.status?.loadBalancer?.ingress ?? [];
  if (ingress.length > 0) w.write(0, `LoadBalancer Ingress:\t${ingressString(ingress)}\n`);
  for (const sp of spec.ports ?? []) {
    const name = sp.name || '<unset>';
    w.write(0, `Port:\t${name}\t${sp.port}/${sp.protocol ?? 'TCP'}\n`);
    w.write(0, `TargetPort:\t${sp.targetPort ?? sp.port}/${sp.protocol ?? 'TCP'}\n`);
    if (sp.nodePort) w.write(0, `NodePort:\t${name}\t${sp.nodePort}/${sp.protocol ?? 'TCP'}\n`);
    w.write(0, `Endpoints:\t${formatEndpointSlices(slices, sp.name ?? '')}\n`);
  }
  w.write(0, `Session Affinity:\t${spec.sessionAffinity ?? ''}\n`);
  if (spec.externalTrafficPolicy) w.write(0, `External Traffic Policy:\t${spec.externalTrafficPolicy}\n`);
  if (spec.internalTrafficPolicy) w.write(0, `Internal Traffic Policy:\t${spec.internalTrafficPolicy}\n`);
  if (spec.healthCheckNodePort) w.write(0, `HealthCheck NodePort:\t${spec.healthCheckNodePort}\n`);
  if ((spec.loadBalancerSourceRanges ?? []).length > 0)
    w.write(0, `LoadBalancer Source Ranges:\t${spec.loadBalancerSourceRanges.join(',')}\n`);
  if (spec.trafficDistribution) w.write(0, `Traffic Distribution:\t${spec.trafficDistribution}\n`);
  writeEvents(w, eventsFor(svc, ctx), ctx.now);
  return w.toString();
}

/** `kubectl describe endpoints`: one block per subset, with its ports table and a blank line. */
export function describeEndpoints(ep: KubeObject, ctx: DescribeContext): string {
  const w = new DescribeWriter();
  w.write(0, `Name:\t${ep.metadata.name}\n`);
  w.write(0, `Namespace:\t${ep.metadata.namespace ?? ''}\n`);
  writeLabels(w, 'Labels', ep.metadata.labels);
  writeAnnotations(w, 'Annotations', ep.metadata.annotations);
  w.write(0, 'Subsets:\n');
  for (const subset of ep.subsets ?? []) {
    const ips = (list: { ip: string }[] | undefined): string => (list ?? []).map((a) => a.ip).join(',') || '<none>';
    w.write(1, `Addresses:\t${ips(subset.addresses)}\n`);
    w.write(1, `NotReadyAddresses:\t${ips(subset.notReadyAddresses)}\n`);
    const ports: { name?: string; port: number; protocol?: string }[] = subset.ports ?? [];
    if (ports.length > 0) {
      w.write(1, 'Ports:\n');
      w.write(2, 'Name\tPort\tProtocol\n');
      w.write(2, '----\t----\t--------\n');
      for (const p of ports) w.write(2, `${p.name || '<unset>'}\t${p.port}\t${p.protocol ?? ''}\n`);
    }
    w.write(0, '\n');
  }
  writeEvents(w, eventsFor(ep, ctx), ctx.now);
  return w.toString();
}

/** `kubectl describe endpointslice` (describeEndpointSliceV1). */
export function describeEndpointSlice(eps: KubeObject, ctx: DescribeContext): string {
  const w = new DescribeWriter();
  w.write(0, `Name:\t${eps.metadata.name}\n`);
  w.write(0, `Namespace:\t${eps.metadata.namespace ?? ''}\n`);
  writeLabels(w, 'Labels', eps.metadata.labels);
  writeAnnotations(w, 'Annotations', eps.metadata.annotations);
  w.write(0, `AddressType:\t${eps.addressType ?? ''}\n`);
  const ports: SlicePort[] = eps.ports ?? [];
  if (ports.length === 0) w.write(0, 'Ports: <unset>\n');
  else {
    w.write(0, 'Ports:\n');
    w.write(1, 'Name\tPort\tProtocol\n');
    w.write(1, '----\t----\t--------\n');
    for (const p of ports) {
      const portNum = p.port === undefined || p.port === null ? '<unset>' : String(p.port);
      w.write(1, `${p.name || '<unset>'}\t${portNum}\t${p.protocol ?? ''}\n`);
    }
  }
  const endpoints: (SliceEndpoint & {
    hostname?: string;
    targetRef?: { kind: string; name: string };
    nodeName?: string;
    zone?: string;
  })[] = eps.endpoints ?? [];
  if (endpoints.length === 0) w.write(0, 'Endpoints: <none>\n');
  else {
    w.write(0, 'Endpoints:\n');
    for (const e of endpoints) {
      w.write(1, `- Addresses:\t${e.addresses.join(', ') || '<none>'}\n`);
      w.write(2, 'Conditions:\n');
      const ready = e.conditions?.ready;
      w.write(3, `Ready:\t${ready === undefined || ready === null ? '<unset>' : String(ready)}\n`);
      w.write(2, `Hostname:\t${e.hostname ?? '<unset>'}\n`);
      if (e.targetRef) w.write(2, `TargetRef:\t${e.targetRef.kind}/${e.targetRef.name}\n`);
      w.write(2, `NodeName:\t${e.nodeName ?? '<unset>'}\n`);
      w.write(2, `Zone:\t${e.zone ?? '<unset>'}\n`);
    }
  }
  writeEvents(w, eventsFor(eps, ctx), ctx.now);
  return w.toString();
}

/** describeBackendV1: `svc:port (endpoints)`, the resource reference, or an error note. */
function ingressBackend(ing: KubeObject, backend: any, ctx: DescribeContext): string {
  if (backend?.service) {
    const ref = backend.service;
    const sb = `${ref.name}:${ref.port?.number ? ref.port.number : (ref.port?.name ?? '')}`;
    const ns = ing.metadata.namespace;
    const svc = ctx.list('services', ns).find((s) => s.metadata.name === ref.name);
    if (!svc) return `${sb} (<error: services "${ref.name}" not found>)`;
    let spName = '';
    for (const sp of svc.spec?.ports ?? []) {
      if (ref.port?.number && ref.port.number === sp.port) spName = sp.name ?? '';
      else if (ref.port?.name && ref.port.name === sp.name) spName = sp.name ?? '';
    }
    const slices = ctx
      .list('endpointslices', ns)
      .filter((sl) => sl.metadata.labels?.['kubernetes.io/service-name'] === ref.name);
    return `${sb} (${formatEndpointSlices(slices, spName)})`;
  }
  if (backend?.resource) {
    const r = backend.resource;
    return `APIGroup: ${r.apiGroup ?? '<none>'}, Kind: ${r.kind}, Name: ${r.name}`;
  }
  return '';
}

/** `kubectl describe ingress` (describeIngressV1): rules table with per-path backends and their endpoints. */
export function describeIngress(ing: KubeObject, ctx: DescribeContext): string {
  const w = new DescribeWriter();
  const spec = ing.spec ?? {};
  w.write(0, `Name:\t${ing.metadata.name}\n`);
  writeLabels(w, 'Labels', ing.metadata.labels);
  w.write(0, `Namespace:\t${ing.metadata.namespace ?? ''}\n`);
  w.write(0, `Address:\t${loadBalancerStatus(ing.status?.loadBalancer?.ingress, true)}\n`);
  w.write(0, `Ingress Class:\t${spec.ingressClassName ?? '<none>'}\n`);
  const defaultBackend = spec.defaultBackend ? ingressBackend(ing, spec.defaultBackend, ctx) : '<default>';
  w.write(0, `Default backend:\t${defaultBackend}\n`);
  const tls: { hosts?: string[]; secretName?: string }[] = spec.tls ?? [];
  if (tls.length > 0) {
    w.write(0, 'TLS:\n');
    for (const t of tls) {
      const hosts = (t.hosts ?? []).join(',');
      w.write(1, t.secretName ? `${t.secretName} terminates ${hosts}\n` : `SNI routes ${hosts}\n`);
    }
  }
  w.write(0, 'Rules:\n  Host\tPath\tBackends\n');
  w.write(1, '----\t----\t--------\n');
  let count = 0;
  for (const rule of spec.rules ?? []) {
    if (!rule.http) continue;
    count++;
    w.write(1, `${rule.host || '*'}\t\n`);
    for (const path of rule.http.paths ?? [])
      w.write(2, `\t${path.path ?? ''} \t${ingressBackend(ing, path.backend, ctx)}\n`);
  }
  if (count === 0) w.write(1, `*\t*\t${defaultBackend}\n`);
  writeAnnotations(w, 'Annotations', ing.metadata.annotations);
  writeEvents(w, eventsFor(ing, ctx), ctx.now);
  return w.toString();
}
