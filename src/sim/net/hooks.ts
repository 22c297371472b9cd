/**
 * One namespace's share of a packet walk: conntrack, the netfilter hooks in kernel order
 * (raw → mangle → nat → filter), routing, and NAT. A packet either arrives on an interface
 * (`receive`: PREROUTING, then INPUT or FORWARD + POSTROUTING) or is sent by a local socket
 * (`sendLocal`: OUTPUT + POSTROUTING). The nat table sees only a flow's first packet; later packets
 * and replies are rewritten from the conntrack entry, as in Linux.
 */
import { formatIp, parseIp } from './addr';
import { natStatus, type ConntrackEntry, type Direction } from './conntrack';
import { evaluateChain, type CtInfo, type EvalContext, type Verdict } from './evaluate';
import { ipvsReply, ipvsRequest } from './ipvswalk';
import type { Netns } from './netns';
import type { TableName } from './netfilter';
import type { Packet } from './packet';
import type { Route } from './route';
import type { Hook, TraceEvent } from './trace';

/** What the walk needs from outside: virtual time, seeded chance, and where to record the trace. */
export interface WalkEnv {
  now: number;
  random(): number;
  trace: TraceEvent[];
}

/** Where the packet goes after this namespace. */
export type HookResult =
  | { kind: 'local'; packet: Packet }
  | { kind: 'out'; packet: Packet; dev: string; nextHop: number }
  | { kind: 'dropped'; reason: string }
  | { kind: 'rejected'; rejectWith: string }
  | { kind: 'unreachable'; reason: string };

const TABLES_AT: Record<Hook, readonly TableName[]> = {
  PREROUTING: ['raw', 'mangle', 'nat'],
  INPUT: ['mangle', 'filter', 'nat'],
  FORWARD: ['mangle', 'filter'],
  OUTPUT: ['raw', 'mangle', 'nat', 'filter'],
  POSTROUTING: ['mangle', 'nat'],
};

interface Flow {
  entry: ConntrackEntry;
  dir: Direction;
  /** First packet of the connection: the nat table is consulted. */
  fresh: boolean;
  /** A raw-table NOTRACK hit this packet: nat is skipped for it, as the kernel skips it for untracked packets. */
  untracked?: boolean;
}

const ep = (ip: number, port: number): string => `${formatIp(ip)}:${port}`;

/** What the conntrack match sees: replies and flows with a reply seen are ESTABLISHED. */
function ctInfo(flow: Flow): CtInfo {
  const e = flow.entry;
  const state = flow.dir === 'reply' || e.seenReply ? 'ESTABLISHED' : 'NEW';
  return { state, ...natStatus(e) };
}

/** Find or create the conntrack entry (at PREROUTING or OUTPUT). */
function track(ns: Netns, p: Packet, env: WalkEnv): Flow {
  let hit = ns.conntrack.lookup(p, env.now);
  // A new SYN on a closed flow's tuple (a reused client port) reopens it: the kernel kills the old
  // entry and tracks the packet as NEW, so it walks the nat table again (nf_conntrack_proto_tcp).
  if (
    hit &&
    p.proto === 'tcp' &&
    hit.dir === 'orig' &&
    (hit.entry.tcpState === 'TIME_WAIT' || hit.entry.tcpState === 'CLOSE')
  ) {
    ns.conntrack.remove(hit.entry.id);
    hit = undefined;
  }
  if (hit) {
    if (hit.dir === 'reply' && !hit.entry.seenReply) ns.conntrack.markReplied(hit.entry, env.now);
    const flow: Flow = { entry: hit.entry, dir: hit.dir, fresh: !hit.entry.confirmed };
    env.trace.push({ kind: 'conntrack', netns: ns.name, state: ctInfo(flow).state, id: hit.entry.id });
    return flow;
  }
  const entry = ns.conntrack.create(p, env.now);
  env.trace.push({ kind: 'conntrack', netns: ns.name, state: 'NEW', id: entry.id });
  return { entry, dir: 'orig', fresh: true };
}

/** Run one hook's tables. Returns a terminal verdict (DROP/REJECT) or undefined to go on; applies NAT. */
function runHook(ns: Netns, hook: Hook, p: Packet, flow: Flow, env: WalkEnv): Verdict | undefined {
  for (const table of TABLES_AT[hook]) {
    if (table === 'nat' && (!flow.fresh || flow.untracked)) continue; // established and untracked flows skip the nat table
    // The conntrack view is taken per table: a DNAT made by this hook's nat table is already
    // visible to its filter table (kubelet's KUBE-FIREWALL lets `--ctstate DNAT` loopback traffic through).
    const ctx: EvalContext = {
      netns: ns.name,
      random: env.random,
      now: env.now,
      ct: ctInfo(flow),
      addrType: (ip, dev) => ns.addrType(ip, dev),
      inSet: (name, pk, flags) => ns.ipsets.test(name, pk, flags),
      trace: env.trace,
      ctMark: { get: () => flow.entry.mark, set: (m) => void (flow.entry.mark = m) },
      untrack: () => void (flow.untracked = true),
    };
    const quiet: EvalContext = { ...ctx, trace: undefined };
    const chain = ns.netfilter.chain(table, hook);
    if (!chain) continue;
    // An empty chain still counts the packet under its policy, but says nothing worth tracing.
    const silent = chain.rules.length === 0 && chain.policy !== 'DROP';
    if (!silent) env.trace.push({ kind: 'hook', netns: ns.name, hook, table });
    const v = evaluateChain(ns.netfilter, table, hook, p, silent ? quiet : ctx);
    if (v.kind === 'DROP' || v.kind === 'REJECT') return v;
    if (v.kind === 'DNAT') applyDnat(ns, p, flow, v.to, env);
    else if (v.kind === 'SNAT') applySnat(ns, p, flow, v.to, 'SNAT', env);
    else if (v.kind === 'MASQUERADE') {
      const src = ns.primaryAddress(p.outIface ?? '') ?? p.src;
      applySnat(ns, p, flow, formatIp(src), 'MASQUERADE', env);
    }
  }
  return undefined;
}

function parseNatTarget(to: string, fallbackPort: number): [number, number] {
  const [ip, port] = to.split(':');
  return [parseIp(ip ?? '') ?? 0, port ? Number(port.split('-')[0]) : fallbackPort];
}

function applyDnat(ns: Netns, p: Packet, flow: Flow, to: string, env: WalkEnv): void {
  const [ip, port] = parseNatTarget(to, p.dport);
  env.trace.push({ kind: 'nat', netns: ns.name, type: 'DNAT', from: ep(p.dst, p.dport), to: ep(ip, port) });
  p.dst = ip;
  p.dport = port;
  ns.conntrack.bindDnat(flow.entry, ip, port);
}

function applySnat(ns: Netns, p: Packet, flow: Flow, to: string, type: 'SNAT' | 'MASQUERADE', env: WalkEnv): void {
  const [ip, port] = parseNatTarget(to, p.sport);
  env.trace.push({ kind: 'nat', netns: ns.name, type, from: ep(p.src, p.sport), to: ep(ip, port) });
  p.src = ip;
  p.sport = port;
  ns.conntrack.bindSnat(flow.entry, ip, port);
}

/** Conntrack's replay of an existing binding on the destination side (at PREROUTING/OUTPUT). */
function replayDst(ns: Netns, p: Packet, flow: Flow, env: WalkEnv): void {
  if (flow.fresh) return;
  const e = flow.entry;
  if (e.ipvs && flow.dir === 'orig') return; // IPVS itself sends each packet of its flows on to the real server
  const [ip, port, type] =
    flow.dir === 'orig'
      ? [e.reply.src, e.reply.sport, 'DNAT' as const]
      : [e.orig.src, e.orig.sport, 'un-SNAT' as const];
  if (ip === p.dst && port === p.dport) return;
  env.trace.push({ kind: 'nat', netns: ns.name, type, from: ep(p.dst, p.dport), to: ep(ip, port) });
  p.dst = ip;
  p.dport = port;
}

/** Conntrack's replay on the source side (at POSTROUTING/INPUT). */
function replaySrc(ns: Netns, p: Packet, flow: Flow, env: WalkEnv): void {
  if (flow.fresh) return;
  const e = flow.entry;
  if (e.ipvs && flow.dir === 'reply') return; // IPVS itself gives replies the VIP back
  const [ip, port, type] =
    flow.dir === 'orig'
      ? [e.reply.dst, e.reply.dport, 'SNAT' as const]
      : [e.orig.dst, e.orig.dport, 'un-DNAT' as const];
  if (ip === p.src && port === p.sport) return;
  env.trace.push({ kind: 'nat', netns: ns.name, type, from: ep(p.src, p.sport), to: ep(ip, port) });
  p.src = ip;
  p.sport = port;
}

/** The packet stops here. Like the kernel, forget the conntrack entry its first packet created: it was never confirmed. */
function discard(ns: Netns, flow: Flow): void {
  if (!flow.entry.confirmed) ns.conntrack.remove(flow.entry.id);
}

function blocked(ns: Netns, v: Verdict, flow: Flow, env: WalkEnv): HookResult {
  discard(ns, flow);
  if (v.kind === 'REJECT') {
    env.trace.push({ kind: 'drop', netns: ns.name, reason: `rejected (${v.rejectWith})` });
    return { kind: 'rejected', rejectWith: v.rejectWith };
  }
  env.trace.push({ kind: 'drop', netns: ns.name, reason: 'dropped by netfilter' });
  return { kind: 'dropped', reason: 'dropped by netfilter' };
}

function routeFor(ns: Netns, p: Packet, env: WalkEnv, iif?: string): Route | HookResult {
  const r = ns.route(p.dst, { src: p.src, mark: p.mark, ...(iif !== undefined ? { iif } : {}) });
  if (!r || r.type === 'unreachable' || r.type === 'prohibit') {
    env.trace.push({ kind: 'drop', netns: ns.name, reason: 'no route to host' });
    return { kind: 'unreachable', reason: 'Network is unreachable' };
  }
  if (r.type === 'blackhole') {
    env.trace.push({ kind: 'drop', netns: ns.name, reason: 'blackhole route' });
    return { kind: 'dropped', reason: 'blackhole route' };
  }
  env.trace.push({
    kind: 'route',
    netns: ns.name,
    dst: formatIp(p.dst),
    dev: r.dev ?? '',
    local: r.type === 'local' || r.type === 'broadcast',
    ...(r.via !== undefined ? { via: formatIp(r.via) } : {}),
    ...(r.src !== undefined ? { src: formatIp(r.src) } : {}),
  });
  return r;
}

const isResult = (x: Route | HookResult): x is HookResult => 'kind' in x;

function finishOut(ns: Netns, p: Packet, flow: Flow, r: Route, env: WalkEnv): HookResult {
  p.outIface = r.dev ?? '';
  const post = runHook(ns, 'POSTROUTING', p, flow, env);
  if (post) return blocked(ns, post, flow, env);
  replaySrc(ns, p, flow, env);
  ns.conntrack.confirm(flow.entry);
  flow.fresh = false;
  return { kind: 'out', packet: p, dev: r.dev ?? '', nextHop: r.via ?? p.dst };
}

/**
 * IPVS at LOCAL_IN (after filter INPUT): a real server's reply to a local client gets its VIP back;
 * a packet to a virtual server is sent on to the real server IPVS picks (undefined: deliver here).
 */
function ipvsLocalIn(ns: Netns, p: Packet, flow: Flow, env: WalkEnv): HookResult | undefined {
  if (ipvsReply(ns, p, env.now, env.trace)) return undefined;
  const v = ipvsRequest(ns, p, flow.entry, flow.fresh, env.now, env.trace);
  if (!v) return undefined;
  if (v.kind === 'reject') {
    discard(ns, flow);
    return { kind: 'rejected', rejectWith: 'icmp-port-unreachable' };
  }
  const r = routeFor(ns, p, env);
  if (isResult(r)) {
    discard(ns, flow);
    return r;
  }
  if (r.type === 'local' || r.type === 'broadcast') return undefined; // a real server on this host
  return finishOut(ns, p, flow, r, env);
}

function deliverLocal(ns: Netns, p: Packet, flow: Flow, env: WalkEnv): HookResult {
  const v = runHook(ns, 'INPUT', p, flow, env);
  if (v) return blocked(ns, v, flow, env);
  const viaIpvs = ipvsLocalIn(ns, p, flow, env);
  if (viaIpvs) return viaIpvs;
  replaySrc(ns, p, flow, env);
  ns.conntrack.confirm(flow.entry);
  env.trace.push({ kind: 'deliver', netns: ns.name, addr: ep(p.dst, p.dport) });
  return { kind: 'local', packet: p };
}

/** A packet arriving on `p.inIface`: PREROUTING, routing, then INPUT (local) or FORWARD + POSTROUTING. */
export function receive(ns: Netns, p: Packet, env: WalkEnv): HookResult {
  const flow = track(ns, p, env);
  replayDst(ns, p, flow, env);
  const pre = runHook(ns, 'PREROUTING', p, flow, env);
  if (pre) return blocked(ns, pre, flow, env);
  const r = routeFor(ns, p, env, p.inIface);
  if (isResult(r)) {
    discard(ns, flow);
    return r;
  }
  if (r.type === 'local' || r.type === 'broadcast') return deliverLocal(ns, p, flow, env);
  if (ns.sysctl['net.ipv4.ip_forward'] !== '1') {
    discard(ns, flow);
    env.trace.push({ kind: 'drop', netns: ns.name, reason: 'net.ipv4.ip_forward is 0' });
    return { kind: 'dropped', reason: 'net.ipv4.ip_forward is 0' };
  }
  p.outIface = r.dev ?? '';
  const fwd = runHook(ns, 'FORWARD', p, flow, env);
  if (fwd) return blocked(ns, fwd, flow, env);
  ipvsReply(ns, p, env.now, env.trace); // IPVS at FORWARD: a real server's reply passing through gets its VIP back
  return finishOut(ns, p, flow, r, env);
}

/**
 * A packet a local socket sends: routing (to pick the source and device), OUTPUT, rerouting after
 * a DNAT, then POSTROUTING; a local destination is delivered through INPUT (the loopback pass through
 * PREROUTING is folded in: its nat table is skipped anyway, the flow being confirmed by then).
 */
export function sendLocal(ns: Netns, p: Packet, env: WalkEnv): HookResult {
  const first = routeFor(ns, p, env);
  if (isResult(first)) return first;
  if (p.src === 0) p.src = first.src ?? ns.primaryAddress(first.dev ?? '') ?? 0;
  p.outIface = first.type === 'local' ? 'lo' : (first.dev ?? '');
  const flow = track(ns, p, env);
  replayDst(ns, p, flow, env);
  const dstBefore = p.dst;
  const out = runHook(ns, 'OUTPUT', p, flow, env);
  if (out) return blocked(ns, out, flow, env);
  // IPVS at LOCAL_OUT: a local real server's reply gets its VIP back; a local client's packet to a VIP goes to a real server.
  if (
    !ipvsReply(ns, p, env.now, env.trace) &&
    ipvsRequest(ns, p, flow.entry, flow.fresh, env.now, env.trace)?.kind === 'reject'
  ) {
    discard(ns, flow);
    return { kind: 'rejected', rejectWith: 'icmp-port-unreachable' };
  }
  let r: Route = first;
  if (p.dst !== dstBefore) {
    const again = routeFor(ns, p, env);
    if (isResult(again)) {
      discard(ns, flow);
      return again;
    }
    r = again;
  }
  if (r.type === 'local' || r.type === 'broadcast') {
    // Local traffic goes through the loopback device: with `lo` down it is lost (a fresh netns's trap).
    if (ns.link('lo')?.state === 'DOWN') {
      discard(ns, flow);
      env.trace.push({ kind: 'drop', netns: ns.name, reason: 'lo is down' });
      return { kind: 'dropped', reason: 'lo is down' };
    }
    p.outIface = 'lo';
    const post = runHook(ns, 'POSTROUTING', p, flow, env);
    if (post) return blocked(ns, post, flow, env);
    p.inIface = 'lo';
    return deliverLocal(ns, p, flow, env);
  }
  return finishOut(ns, p, flow, r, env);
}
