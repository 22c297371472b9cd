/**
 * NodeLocal DNSCache (reference 1.3): the `node-local-dns` DaemonSet runs CoreDNS in cache mode on
 * every node (host network), listening on the link-local 169.254.20.10 and, with kube-proxy in
 * iptables mode, on the kube-dns ClusterIP too, so pods need no change; cluster names go to CoreDNS
 * through the `kube-dns-upstream` Service (over TCP), the rest upstream. With IPVS, kubelet's
 * clusterDNS must point at 169.254.20.10 (the kubelet-config ConfigMap, which pod resolv.conf reads;
 * the emulator needs no kubelet restart) and the docs' IPVS sed leaves node-cache bound to
 * 169.254.20.10 alone, forwarding cluster zones to the kube-dns ClusterIP itself. The node side
 * (interface, NOTRACK rules) is net/nodecache.ts; the manifest is nodelocaldns-manifest.ts.
 */
import { parseAllDocuments } from 'yaml';
import type { Emulator } from '../emulator';
import { NODELOCALDNS_MANIFEST } from './nodelocaldns-manifest';
import type { KubeObject } from '../cluster/types';
import { coreDnsAnswer } from './coredns';
import { emptyResponse, type DnsQuestion, type DnsResponse } from './message';
import { fqdn, inZone } from './names';
import { parseCorefile } from './corefile';
import { serviceEndpoints } from './records';
import { upstreamAnswer } from './upstream';

/** The default link-local listen address (nodelocaldns.yaml `__PILLAR__LOCAL__DNS__`). */
export const NODE_LOCAL_DNS_IP = '169.254.20.10';

/**
 * The docs' iptables-mode sed over the addon manifest: the local address, the cluster domain and the
 * kube-dns ClusterIP filled in; __PILLAR__CLUSTER__DNS__ and __PILLAR__UPSTREAM__SERVERS__ are left
 * for node-cache to fill when it starts.
 */
export function fillNodeLocalManifest(
  kubeDnsIp: string,
  localIp = NODE_LOCAL_DNS_IP,
  domain = 'cluster.local',
): string {
  return NODELOCALDNS_MANIFEST.replaceAll('__PILLAR__LOCAL__DNS__', localIp)
    .replaceAll('__PILLAR__DNS__DOMAIN__', domain)
    .replaceAll('__PILLAR__DNS__SERVER__', kubeDnsIp);
}

/** The objects `kubectl create -f nodelocaldns.yaml` makes after the docs' sed, for scenarios and labs to add (kube-dns-upstream at `upstreamIp`). */
export function nodeLocalDnsObjects(kubeDnsIp: string, upstreamIp: string, localIp = NODE_LOCAL_DNS_IP): KubeObject[] {
  const objects = parseAllDocuments(fillNodeLocalManifest(kubeDnsIp, localIp))
    .map((d) => d.toJS() as KubeObject | null)
    .filter((o): o is KubeObject => !!o);
  for (const o of objects)
    if (o.kind === 'Service' && o.metadata.name === 'kube-dns-upstream') o.spec = { clusterIP: upstreamIp, ...o.spec };
  return objects;
}

/** Where node-cache sends a query it cannot answer from cache: a Service's endpoints, or upstream. */
type NodeCacheForward = { kind: 'service'; service: KubeObject | undefined } | { kind: 'upstream' };

/**
 * The forward target of the node-local-dns Corefile's block for `name` (longest zone wins). node-cache
 * fills the pillars the docs' sed leaves: __PILLAR__CLUSTER__DNS__ with the kube-dns-upstream Service
 * (its `-upstreamsvc`), __PILLAR__UPSTREAM__SERVERS__ with the node's /etc/resolv.conf. A ClusterIP (the
 * IPVS-mode sed puts kube-dns's there) forwards to that Service. Without the ConfigMap, or a block
 * for the name, it behaves as the stock manifest: cluster zones to kube-dns-upstream, the rest upstream.
 */
function nodeCacheForward(emu: Emulator, name: string): NodeCacheForward {
  const upstreamSvc = () =>
    emu.store.get('services', 'kube-system', 'kube-dns-upstream') ??
    emu.store.get('services', 'kube-system', 'kube-dns');
  const text = emu.store.get('configmaps', 'kube-system', 'node-local-dns')?.data?.Corefile as string | undefined;
  const blocks = text ? parseCorefile(text) : [];
  const block = blocks
    .flatMap((b) => b.zones.filter((z) => inZone(name, z)).map((z) => ({ b, z })))
    .sort((x, y) => y.z.length - x.z.length)[0]?.b;
  if (!block) {
    const cluster = ['cluster.local.', 'in-addr.arpa.', 'ip6.arpa.'].some((z) => inZone(name, z));
    return cluster ? { kind: 'service', service: upstreamSvc() } : { kind: 'upstream' };
  }
  const to = block.forward?.to[0];
  if (!to || to === '__PILLAR__UPSTREAM__SERVERS__' || to === '/etc/resolv.conf') return { kind: 'upstream' };
  if (to === '__PILLAR__CLUSTER__DNS__') return { kind: 'service', service: upstreamSvc() };
  const ip = to.replace(/^dns:\/\//, '').replace(/:53$/, '');
  const svc = emu.store.list('services').find((s) => s.spec?.clusterIP === ip);
  return svc ? { kind: 'service', service: svc } : { kind: 'upstream' };
}

/**
 * node-cache's reply, per its Corefile (node-local-dns ConfigMap): a name forwarded to a Service is
 * answered by CoreDNS behind it (SERVFAIL when it has no ready endpoint, as node-cache's forward
 * plugin gives), anything forwarded upstream by the public resolvers.
 */
export function nodeLocalAnswer(
  emu: Emulator,
  q: DnsQuestion,
  askCoreDns: (endpointIp: string, q: DnsQuestion) => DnsResponse = (_, q) => coreDnsAnswer(emu.store, q),
): DnsResponse {
  const fwd = nodeCacheForward(emu, fqdn(q.name));
  if (fwd.kind === 'upstream') return upstreamAnswer(q);
  const ready = fwd.service ? serviceEndpoints(emu.store, fwd.service).filter((e) => e.ready) : [];
  if (!ready.length) return emptyResponse(q, 'SERVFAIL', false, true);
  return askCoreDns(ready[0]!.ip, q);
}
