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
import { coreDnsAnswer, type ForwardUpstreams } from './coredns';
import { emptyResponse, nameWireLength, type DnsQuestion, type DnsResponse } from './message';
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
function podUpstreams(emu: Emulator, pod: KubeObject): ForwardUpstreams {
  const from: LocationRef = { kind: 'pod', namespace: pod.metadata.namespace ?? 'default', pod: pod.metadata.name };
  return (to, q) => {
    if (forwardDepth > 2) return emptyResponse(q, 'SERVFAIL', false, true);
    const servers = to.flatMap((t) => {
      if (t.startsWith('/')) {
        const text = emu.files.read(from, t);
        return parseResolvConf(typeof text === 'string' ? text : '').nameservers.map((ip) => ({ ip, node: true }));
      }
      return [{ ip: t.replace(/^dns:\/\//, '').replace(/:53$/, ''), node: false }];
    });
    forwardDepth++;
    try {
      for (const server of servers) {
        const reply = server.node
          ? directExchange(emu, from, server.ip, 53, q)
          : clusterTransport(emu)(from, server.ip, 53, q);
        if (reply.kind === 'reply') return reply.response;
      }
    } finally {
      forwardDepth--;
    }
    return emptyResponse(q, 'SERVFAIL', false, true);
  };
}

/** Who answers at `ip:port` when a query gets there, or undefined when nothing listens (port unreachable). */
function responder(
  emu: Emulator,
  ip: string,
  port: number,
  at: { netns?: string; from: LocationRef },
): ((q: DnsQuestion) => DnsResponse) | undefined {
  if (port !== 53 && ip !== DOCKER_DNS) return undefined;
  const pod = podByIp(emu, ip);
  if (pod) return isCoreDnsPod(pod) ? (q) => coreDnsAnswer(emu.store, q, 53, podUpstreams(emu, pod)) : undefined;
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
  return { kind: 'reply', response: nodeLocalAnswer(emu, q) };
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
      return { kind: 'reply', response: nodeLocalAnswer(emu, q) };
    }
    const answerer =
      out.netns === INTERNET_NETNS && !PUBLIC_RESOLVERS.includes(dst)
        ? undefined
        : responder(emu, dst, request.packet.dport, { netns: out.netns, from });
    if (!answerer) return { kind: 'refused' };
    if (reply && reply.outcome.kind !== 'delivered') return { kind: 'timeout' };
    return { kind: 'reply', response: answerer(q) };
  };
}
