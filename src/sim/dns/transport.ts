/**
 * How a DNS query travels: a UDP datagram from the asking location to `server:port`. When the
 * emulator has a data plane, the query walks it (a learner's DROP on port 53, kube-dns without
 * endpoints, a REJECT: all felt here) and whoever receives it answers: a CoreDNS pod, Docker's
 * embedded DNS on a kind node, systemd-resolved, a public resolver. Without a data plane (or for a
 * location it has not wired yet) the query goes straight to the server the address names.
 */
import type { Emulator } from '../emulator';
import type { KubeObject } from '../cluster/types';
import type { LocationRef } from '../shell/types';
import { netnsNameFor } from '../net/locate';
import { nodeInternalIP } from '../net/agent';
import { INTERNET_NETNS } from '../net/netnsnames';
import { formatIp } from '../net/addr';
import { coreDnsAnswer, logsFor, type ForwardUpstreams } from './coredns';
import { emptyResponse, nameWireLength, wireSize, type DnsQuestion, type DnsResponse } from './message';
import { serviceEndpoints } from './records';
import { upstreamAnswer } from './upstream';
import { nodeFlavour, parseResolvConf, SYSTEMD_RESOLVED } from './resolvconf';
import { fqdn } from './names';
import { appForImage } from '../apps/registry';
import { NODE_LOCAL_DNS_IP, nodeLocalAnswer } from './nodelocal';
import { NODE_CACHE_INTERFACE, nodeCacheListenIps } from '../net/nodecache';

export type DnsReply = { kind: 'reply'; response: DnsResponse } | { kind: 'timeout' } | { kind: 'refused' };

/** Send one query from a location to a nameserver and wait for the reply (or the lack of one). */
export type DnsTransport = (from: LocationRef, server: string, port: number, query: DnsQuestion) => DnsReply;

/** Docker's embedded DNS address inside containers on user-defined networks. */
export const DOCKER_DNS = '127.0.0.11';
/** Resolvers on the emulated internet that answer anyone. */
export const PUBLIC_RESOLVERS = ['8.8.8.8', '8.8.4.4', '1.1.1.1', '1.0.0.1', '9.9.9.9'];

/** A pod that answers DNS on port 53: one running the CoreDNS image, ready. */
function isCoreDnsPod(pod: KubeObject | undefined): boolean {
  if (!pod || pod.status?.phase !== 'Running') return false;
  return ((pod.spec?.containers ?? []) as { image?: string }[]).some(
    (c) => appForImage(String(c.image ?? ''))?.id === 'coredns',
  );
}

function podByIp(emu: Emulator, ip: string): KubeObject | undefined {
  return emu.store.list('pods').find((p) => p.status?.podIP === ip && !p.spec?.hostNetwork);
}

/** The docker network kind puts its node containers on (KIND_EXPERIMENTAL_DOCKER_NETWORK's default). */
const KIND_NETWORK = 'kind';

/**
 * Docker's embedded DNS: the containers of the node's docker network by name (bare, or qualified
 * with the network's name as `NAME.kind`), the rest forwarded upstream.
 */
function dockerDnsAnswer(emu: Emulator, q: DnsQuestion): DnsResponse {
  const name = q.name.replace(/\.$/, '').replace(new RegExp(`\\.${KIND_NETWORK}$`), '');
  const node = emu.store.list('nodes').find((n) => nodeFlavour(n) === 'kind' && n.metadata.name === name);
  const ip = node ? nodeInternalIP(node) : undefined;
  if (!ip) return upstreamAnswer(q);
  const answer =
    q.type === 'A' || q.type === 'ANY' ? [{ name: q.name, ttl: 600, rdata: { type: 'A' as const, address: ip } }] : [];
  return { question: q, rcode: 'NOERROR', aa: false, ra: true, answer, authority: [], additional: [] };
}

/** The CoreDNS container of a CoreDNS pod (whose log the plugins write to). */
function coreDnsContainer(pod: KubeObject): string {
  const containers = (pod.spec?.containers ?? []) as { name: string; image?: string }[];
  return (
    (containers.find((c) => appForImage(String(c.image ?? ''))?.id === 'coredns') ?? containers[0])?.name ?? 'coredns'
  );
}

function appendCoreDnsLog(emu: Emulator, pod: KubeObject, line: string): void {
  emu.cluster.appendLog(pod.metadata.namespace ?? 'kube-system', pod.metadata.name, coreDnsContainer(pod), line);
}

/** An ephemeral source port, as Linux picks them (net.ipv4.ip_local_port_range 32768-60999). */
const ephemeralPort = (emu: Emulator) => 32768 + emu.rng.int(28232);

/** A client's address as CoreDNS sees it: from the packet when the data plane carried it, else the asking pod's. */
interface DnsClient {
  ip: string;
  port: number;
}

/**
 * The `log` plugin's line for one query, in its default Common Log Format (coredns plugin/log/README.md):
 * `[INFO] {remote}:{port} - {>id} "{type} {class} {name} {proto} {size} {>do} {>bufsize}" {rcode} {>rflags} {rsize} {duration}`.
 * The sizes are the DNS messages' (an OPT record, with dig's 8-byte COOKIE echoed, when the query had
 * one; 512 is the buffer size of a query without EDNS). The query id and the duration are drawn here:
 * the emulated tools do not share theirs.
 */
function queryLogLine(emu: Emulator, client: DnsClient, q: DnsQuestion, r: DnsResponse, proto: 'udp' | 'tcp'): string {
  const size = 12 + nameWireLength(q.name) + 4 + (q.edns ? 23 : 0);
  const flags = ['qr', ...(r.aa ? ['aa'] : []), 'rd', ...(r.ra ? ['ra'] : [])].join(',');
  const id = emu.rng.int(65536);
  const seconds = r.aa ? 0.00005 + emu.rng.int(200_000) / 1e9 : 0.002 + emu.rng.int(20_000_000) / 1e9;
  return `[INFO] ${client.ip}:${client.port} - ${id} "${q.type} IN ${q.name} ${proto} ${size} false ${q.edns ? 1232 : 512}" ${r.rcode} ${flags} ${wireSize(r, q.edns ? 12 : undefined)} ${seconds.toFixed(9)}s\n`;
}

/** A CoreDNS pod answers one query: its Corefile, its upstreams, and its `log` plugin's line. */
function coreDnsServe(
  emu: Emulator,
  pod: KubeObject,
  q: DnsQuestion,
  client: DnsClient | undefined,
  proto: 'udp' | 'tcp' = 'udp',
): DnsResponse {
  const errors: string[] = [];
  const r = coreDnsAnswer(emu.store, q, 53, podUpstreams(emu, pod, errors));
  // `errors` wraps `log` in CoreDNS's plugin order: the query line is written first.
  if (client && logsFor(emu.store, q.name).log) appendCoreDnsLog(emu, pod, queryLogLine(emu, client, q, r, proto));
  for (const line of errors) appendCoreDnsLog(emu, pod, line);
  return r;
}

/** The address of the pod or node a query is asked from, with a fresh source port. */
function clientOf(emu: Emulator, from: LocationRef): DnsClient | undefined {
  let ip: string | undefined;
  if (from.kind === 'pod') ip = emu.store.get('pods', from.namespace, from.pod)?.status?.podIP;
  else if (from.kind === 'node') {
    const node = emu.store.get('nodes', undefined, from.node);
    ip = node ? nodeInternalIP(node) : undefined;
  }
  return ip ? { ip, port: ephemeralPort(emu) } : undefined;
}

/**
 * node-cache on `node` answers; a name it forwards to CoreDNS (through kube-dns-upstream, `force_tcp`)
 * reaches a CoreDNS pod from the node's own address, over TCP, and is logged there as such.
 */
function nodeCacheServe(emu: Emulator, node: string | undefined, q: DnsQuestion): DnsResponse {
  return nodeLocalAnswer(emu, q, (ip, q) => {
    const pod = podByIp(emu, ip);
    if (!pod || !isCoreDnsPod(pod)) return coreDnsAnswer(emu.store, q);
    const client = node && logsFor(emu.store, q.name).log ? clientOf(emu, { kind: 'node', node }) : undefined;
    return coreDnsServe(emu, pod, q, client, 'tcp');
  });
}

/** How deep CoreDNS pods are forwarding to each other right now (a Corefile that forwards to kube-dns). */
let forwardDepth = 0;

/**
 * A CoreDNS pod's forward plugin. An address written in the Corefile is asked from the pod itself,
 * through the data plane (a dead or filtered one does not answer). `/etc/resolv.conf` is the pod's own
 * file, the node's resolver (its dnsPolicy is Default), asked directly: the data plane does not model
 * every path to it (the VPC resolver at the VPC base address + 2), and the node's resolver always
 * answers in these scenarios. The first upstream that answers wins; when none does the
 * client gets SERVFAIL. A forwarding loop back into CoreDNS (which the `loop` plugin would stop at
 * start-up) ends in SERVFAIL too.
 */
function podUpstreams(emu: Emulator, pod: KubeObject, errors: string[]): ForwardUpstreams {
  const from: LocationRef = { kind: 'pod', namespace: pod.metadata.namespace ?? 'default', pod: pod.metadata.name };
  return (to, q) => {
    if (forwardDepth > 2) return emptyResponse(q, 'SERVFAIL', false, false);
    const servers = to.flatMap((t) => {
      if (t.startsWith('/')) {
        const text = emu.files.read(from, t);
        return parseResolvConf(typeof text === 'string' ? text : '').nameservers.map((ip) => ({ ip, node: true }));
      }
      return [{ ip: t.replace(/^dns:\/\//, '').replace(/:53$/, ''), node: false }];
    });
    forwardDepth++;
    let failed: { server: string; refused: boolean } | undefined;
    try {
      for (const server of servers) {
        const reply = server.node
          ? directExchange(emu, from, server.ip, 53, q)
          : clusterTransport(emu)(from, server.ip, 53, q);
        if (reply.kind === 'reply') return reply.response;
        failed = { server: server.ip, refused: reply.kind === 'refused' };
      }
    } finally {
      forwardDepth--;
    }
    // The errors plugin: `[ERROR] plugin/errors: RCODE NAME TYPE: ERR` (plugin/errors/errors.go), ERR as Go's net package words it.
    if (failed && logsFor(emu.store, q.name).errors) {
      const socket = `read udp ${pod.status?.podIP ?? '0.0.0.0'}:${ephemeralPort(emu)}->${failed.server}:53`;
      errors.push(
        `[ERROR] plugin/errors: 2 ${q.name} ${q.type}: ${socket}: ${failed.refused ? 'read: connection refused' : 'i/o timeout'}\n`,
      );
    }
    // Nothing was written: the server answers with SetRcode, which sets neither AA nor RA.
    return emptyResponse(q, 'SERVFAIL', false, false);
  };
}

/** Who answers at `ip:port` when a query gets there, or undefined when nothing listens (port unreachable). */
function responder(
  emu: Emulator,
  ip: string,
  port: number,
  at: { netns?: string; from: LocationRef; client?: DnsClient },
): ((q: DnsQuestion) => DnsResponse) | undefined {
  if (port !== 53 && ip !== DOCKER_DNS) return undefined;
  const pod = podByIp(emu, ip);
  if (pod)
    return isCoreDnsPod(pod)
      ? (q) =>
          coreDnsServe(emu, pod, q, at.client ?? (logsFor(emu.store, q.name).log ? clientOf(emu, at.from) : undefined))
      : undefined;
  if (ip === DOCKER_DNS) return (q) => dockerDnsAnswer(emu, q);
  if (ip === SYSTEMD_RESOLVED || PUBLIC_RESOLVERS.includes(ip) || /\.0\.2$/.test(ip) || ip === '10.0.2.3')
    return upstreamAnswer;
  // A kind node's docker gateway (reached without a data plane: the DNAT to 127.0.0.11 is implied).
  if (/\.0\.1$/.test(ip) && (at.from.kind === 'node' || at.from.kind === 'pod')) return (q) => dockerDnsAnswer(emu, q);
  return undefined;
}

/** The Service whose ClusterIP is `ip`, and the UDP port it exposes as `port`. */
function serviceAt(emu: Emulator, ip: string, port: number): KubeObject | undefined {
  return emu.store
    .list('services')
    .find(
      (s) =>
        (s.spec?.clusterIP === ip || (s.spec?.clusterIPs ?? []).includes(ip)) &&
        (s.spec?.ports ?? []).some(
          (p: { port: number; protocol?: string }) => p.port === port && (p.protocol ?? 'TCP') === 'UDP',
        ),
    );
}

/** Straight to the server: a ClusterIP goes to one of its ready endpoints (none: the query is lost). */
function directExchange(emu: Emulator, from: LocationRef, server: string, port: number, q: DnsQuestion): DnsReply {
  const svc = serviceAt(emu, server, port);
  if (svc) {
    const ready = serviceEndpoints(emu.store, svc).filter((e) => e.ready);
    const target = ready.map((e) => responder(emu, e.ip, 53, { from })).find((r) => r);
    return target ? { kind: 'reply', response: target(q) } : { kind: 'timeout' };
  }
  const r = responder(emu, server, port, { from });
  return r ? { kind: 'reply', response: r(q) } : { kind: 'timeout' };
}

/** Approximate datagram size of a query (IP + UDP + DNS header, question, EDNS OPT). */
function queryBytes(q: DnsQuestion): number {
  return 20 + 8 + 12 + nameWireLength(fqdn(q.name)) + 4 + 11;
}

/** The node a location's packets leave from (a pod's node, or the node itself). */
function nodeOf(emu: Emulator, loc: LocationRef): string | undefined {
  if (loc.kind === 'node') return loc.node;
  if (loc.kind === 'pod') return emu.store.get('pods', loc.namespace, loc.pod)?.spec?.nodeName as string | undefined;
  return undefined;
}

/**
 * NodeLocal DNSCache on the asking node owns its listen addresses (169.254.20.10, and the kube-dns
 * ClusterIP in iptables mode) on a dummy interface with NOTRACK rules: the query is delivered to the
 * node itself, before any DNAT. Without a data plane to walk this stands in for that delivery.
 * Undefined when the cache does not run there or does not bind `server`.
 */
function nodeLocalExchange(
  emu: Emulator,
  from: LocationRef,
  server: string,
  port: number,
  q: DnsQuestion,
): DnsReply | undefined {
  const node = nodeOf(emu, from);
  const listens = node ? nodeCacheListenIps(emu.store.list('pods'), node) : [];
  if (port !== 53 || !listens.includes(server)) return server === NODE_LOCAL_DNS_IP ? { kind: 'timeout' } : undefined;
  return { kind: 'reply', response: nodeCacheServe(emu, node, q) };
}

/** The transport every tool uses: through the data plane when there is one for `from`, else direct. */
export function clusterTransport(emu: Emulator): DnsTransport {
  return (from, server, port, q) => {
    const dp = emu.dataPlane;
    dp?.refresh();
    const netns = netnsNameFor(emu, from);
    if (!dp || !dp.netns(netns))
      return nodeLocalExchange(emu, from, server, port, q) ?? directExchange(emu, from, server, port, q);
    const { request, reply } = dp.connect(netns, { dst: server, proto: 'udp', dport: port, length: queryBytes(q) });
    const out = request.outcome;
    // REJECT (kube-proxy's "has no endpoints") or nothing listening: an ICMP port unreachable.
    if (out.kind === 'rejected' || out.kind === 'refused') return { kind: 'refused' };
    if (out.kind !== 'delivered') return { kind: 'timeout' };
    const dst = formatIp(request.packet.dst);
    // node-cache's NOTRACK rules kept kube-proxy's DNAT away: the query stays on the node, delivered to
    // an address of the interface node-cache set up there (net/nodecache.ts), for node-cache.
    const at = dp.netns(out.netns);
    if (
      request.packet.dport === 53 &&
      at?.addrs.some((a) => a.dev === NODE_CACHE_INTERFACE && a.addr === request.packet.dst)
    ) {
      if (reply && reply.outcome.kind !== 'delivered') return { kind: 'timeout' };
      return { kind: 'reply', response: nodeCacheServe(emu, nodeOf(emu, from), q) };
    }
    const answerer =
      out.netns === INTERNET_NETNS && !PUBLIC_RESOLVERS.includes(dst)
        ? undefined
        : responder(emu, dst, request.packet.dport, {
            netns: out.netns,
            from,
            client: { ip: formatIp(request.packet.src), port: request.packet.sport },
          });
    if (!answerer) return { kind: 'refused' };
    if (reply && reply.outcome.kind !== 'delivered') return { kind: 'timeout' };
    return { kind: 'reply', response: answerer(q) };
  };
}
