/**
 * The packet walk: a packet leaves a local socket in one namespace and crosses namespaces hop by hop
 * through each one's hooks (routing, netfilter, conntrack, IPVS) until it is delivered, dropped,
 * rejected or lost; an exchange is a request and, when it arrived and something listens, the reply's
 * walk back (conntrack un-NATs it), after which the TCP entries it touched are closed.
 */
import type { Rng } from '../core/rng';
import { cidrContains, formatIp, parseIp } from './addr';
import { networkOf } from './route';
import { receive, sendLocal, type HookResult, type WalkEnv } from './hooks';
import type { Netns } from './netns';
import type { Conntrack, ConntrackEntry } from './conntrack';
import type { L4Proto, Packet } from './packet';
import type { Outcome, TraceEvent } from './trace';
import type { Hop } from './agent';
import { finishIpvsConnections } from './ipvswalk';
import { resolveL2, type L2Env, type TunnelTrip } from './l2';

/** A packet to send: the destination is required, the rest has defaults (TCP, source picked by routing). */
export interface SendSpec {
  dst: string;
  proto?: L4Proto;
  dport?: number;
  sport?: number;
  src?: string;
  length?: number;
}

/** One request and, when it arrived and was answered, the reply's walk back. */
export interface Exchange {
  request: WalkResult;
  reply?: WalkResult;
  /** The namespace the request left from and what was asked (set on captured exchanges). */
  from?: string;
  spec?: SendSpec;
}

export interface WalkResult {
  outcome: Outcome;
  /** The packet as it arrived (addresses after every rewrite). */
  packet: Packet;
  trace: TraceEvent[];
}

/** What a walk needs from the data plane. */
export interface WalkContext {
  netns(name: string): Netns | undefined;
  /** The namespace that owns `ip` as a local address. */
  owner(ip: number): Netns | undefined;
  /** The fabric's next hop, when it knows better than `owner`. */
  forward(from: Netns, dev: string, nextHop: number, packet: Readonly<Packet>): Hop | undefined;
  now(): number;
  rng: Rng;
  /** Whether a socket listens for a delivered first packet; without one, every delivered packet is answered. */
  listening: ((netns: string, packet: Readonly<Packet>) => boolean) | undefined;
}

const MAX_HOPS = 16;

/** Walk a packet from a local socket in `from` to `spec.dst`, across namespaces, with a full trace. */
export function sendPacket(w: WalkContext, from: string, spec: SendSpec): WalkResult {
  const start = w.netns(from);
  if (!start) throw new Error(`no such netns: ${from}`);
  const trace: TraceEvent[] = [];
  const env: WalkEnv = { now: w.now(), random: () => w.rng.next(), trace };
  const proto = spec.proto ?? 'tcp';
  const packet: Packet = {
    proto,
    src: spec.src ? (parseIp(spec.src) ?? 0) : 0,
    dst: parseIp(spec.dst) ?? 0,
    sport: spec.sport ?? w.rng.range(32768, 60999),
    dport: spec.dport ?? 80,
    length: spec.length ?? 60,
    mark: 0,
  };
  // ICMP echo: conntrack keys both directions on the identifier, carried here in both port fields.
  if (proto === 'icmp') packet.dport = packet.sport;
  let ns = start;
  let current = packet;
  let result: HookResult = sendLocal(ns, packet, env);
  for (let hop = 0; hop < MAX_HOPS; hop++) {
    if (result.kind !== 'out') break;
    // The fabric (a CNI plugin's) first, then the links themselves, then "whoever owns the address".
    const hop = w.forward(ns, result.dev, result.nextHop, result.packet) ?? linkHop(w, ns, result, env.now);
    if (hop === 'down') {
      trace.push({ kind: 'drop', netns: ns.name, reason: `${result.dev} has no carrier` });
      return { outcome: { kind: 'dropped', netns: ns.name, reason: `${result.dev} has no carrier` }, packet, trace };
    }
    const next = hop === 'none' ? undefined : (hop?.next ?? w.owner(result.nextHop));
    if (!next) {
      trace.push({ kind: 'drop', netns: ns.name, reason: `no host answers for ${formatIp(result.nextHop)}` });
      return { outcome: { kind: 'unreachable', netns: ns.name, reason: 'No route to host' }, packet, trace };
    }
    const found = hop === 'none' ? undefined : hop;
    const inDev = found?.inDev ?? arrivalDevice(ns, result.dev, next, result.nextHop);
    const inMac = next.link(inDev)?.mac;
    if (inMac) ns.learnNeighbour(result.nextHop, result.dev, inMac, env.now);
    if (found) trace.push(...found.events);
    else trace.push({ kind: 'link', fromNetns: ns.name, fromDev: result.dev, toNetns: next.name, toDev: inDev });
    const p: Packet = { ...result.packet, inIface: inDev, mark: 0 };
    delete p.outIface;
    ns = next;
    current = p;
    result = receive(ns, p, env);
  }
  return { outcome: toOutcome(ns.name, result), packet: current, trace };
}

/** The hop the links give (l2.ts): a hop, 'down', 'none', or undefined to fall back on the address's owner. */
function linkHop(
  w: WalkContext,
  ns: Netns,
  out: { dev: string; nextHop: number; packet: Packet },
  now: number,
): Hop | 'down' | 'none' | undefined {
  const env: L2Env = {
    netns: (n) => w.netns(n),
    now,
    tunnel: (from, vx, dst, sport) => underlayTrip(w, from, vx, dst, sport),
  };
  const r = resolveL2(env, ns, out.dev, out.nextHop, out.packet);
  if (r.kind === 'hop') return { next: r.next, inDev: r.inDev, events: r.events };
  return r.kind === 'legacy' ? undefined : r.kind;
}

/** The outer UDP packet of a VXLAN frame, walked like any other packet from the tunnel's namespace. */
function underlayTrip(
  w: WalkContext,
  from: Netns,
  vx: { vxlan?: { local?: number; dstport: number } },
  dst: number,
  sport: number,
): TunnelTrip {
  const local = vx.vxlan?.local;
  const r = sendPacket(w, from.name, {
    dst: formatIp(dst),
    proto: 'udp',
    dport: vx.vxlan?.dstport ?? 4789,
    sport,
    ...(local !== undefined ? { src: formatIp(local) } : {}),
  });
  const route = r.trace.find((e) => e.kind === 'route' && e.netns === from.name);
  const links = r.trace.filter((e) => e.kind === 'link');
  const last = links[links.length - 1];
  return {
    ...(r.outcome.kind === 'delivered' ? { at: w.netns(r.outcome.netns) } : {}),
    src: r.packet.src,
    outDev: route?.kind === 'route' ? route.dev : '',
    inDev: last?.kind === 'link' ? last.toDev : '',
  };
}

/** A request and, if delivered to a listening socket, the reply back; TCP entries it touched are then closed. */
export function exchangePackets(w: WalkContext, from: string, spec: SendSpec): Exchange {
  const request = sendPacket(w, from, spec);
  if (request.outcome.kind !== 'delivered') return { request };
  const p = request.packet;
  const at = request.outcome.netns;
  if (p.proto !== 'icmp' && w.listening && !w.listening(at, p)) {
    request.trace.push({
      kind: 'drop',
      netns: at,
      reason: `connection refused: nothing listens on ${p.proto}/${p.dport}`,
    });
    if (p.proto === 'tcp') forEachEntry(w, request.trace, (ct, e) => ct.resetTcp(e, w.now()));
    finishIpvsConnections(request.trace, (n) => w.netns(n), 'CLOSE', w.now());
    return { request: { ...request, outcome: { kind: 'refused', netns: at } } };
  }
  const answer: SendSpec = {
    dst: formatIp(p.src),
    src: formatIp(p.dst),
    proto: p.proto,
    sport: p.dport,
    dport: p.sport,
    length: spec.length ?? 60,
  };
  const reply = sendPacket(w, request.outcome.netns, answer);
  if (p.proto === 'tcp' && reply.outcome.kind === 'delivered') {
    forEachEntry(w, [...request.trace, ...reply.trace], (ct, e) => ct.closeTcp(e, w.now()));
    finishIpvsConnections(request.trace, (n) => w.netns(n), 'TIME_WAIT', w.now());
  }
  return { request, reply };
}

/** Each live conntrack entry a walk touched, with its table. */
function forEachEntry(
  w: WalkContext,
  trace: readonly TraceEvent[],
  fn: (ct: Conntrack, entry: ConntrackEntry) => void,
): void {
  for (const e of trace) {
    if (e.kind !== 'conntrack') continue;
    const ct = w.netns(e.netns)?.conntrack;
    const entry = ct?.get(e.id);
    if (ct && entry) fn(ct, entry);
  }
}

/** The interface a packet enters `next` on: a veth's peer, else the interface on the next hop's subnet (the docker bridge is plain L2). */
function arrivalDevice(from: Netns, outDev: string, next: Netns, nextHop: number): string {
  const peer = from.link(outDev)?.peer;
  if (peer && peer.netns === next.name) {
    const name = next.links.find((l) => l.index === peer.index)?.name;
    if (name) return name;
  }
  return (
    next.addrs.find((a) => a.dev !== 'lo' && a.len < 32 && cidrContains(networkOf(a.addr, a.len), nextHop))?.dev ??
    next.addrs.find((a) => a.addr === nextHop)?.dev ??
    'eth0'
  );
}

function toOutcome(netns: string, r: HookResult): Outcome {
  switch (r.kind) {
    case 'local':
      return { kind: 'delivered', netns };
    case 'dropped':
      return { kind: 'dropped', netns, reason: r.reason };
    case 'rejected':
      return { kind: 'rejected', netns, rejectWith: r.rejectWith };
    case 'unreachable':
      return { kind: 'unreachable', netns, reason: r.reason };
    case 'out':
      return { kind: 'forwarded', netns, dev: r.dev, nextHop: r.nextHop };
  }
}
