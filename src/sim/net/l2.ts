/**
 * Layer 2 between namespaces: where a frame sent out of a device towards a next hop lands. A veth
 * delivers to its peer; a bridge port hands the frame to its bridge, which answers itself or floods
 * it out of its other ports (learning the sender's MAC on the way in); a VXLAN device wraps the
 * frame in UDP to the remote ends its forwarding database names and the remote device of the same
 * VNI unwraps it. The next hop is whoever answers ARP for it on that segment: a namespace holding
 * the address (on the arriving device only, with arp_ignore=1). Links must be up with a carrier.
 *
 * The docker network on the learner's machine and physical NICs are not walked: there the old rule
 * holds (whoever owns the address), so the kind nodes' LAN reads in traces as a wire, as always.
 */
import { formatIp } from './addr';
import { linkView, vethPeer, type NetnsLookup } from './linkstate';
import { HOST_NETNS } from './netnsnames';
import type { Link, Netns } from './netns';
import type { Packet } from './packet';
import type { TraceEvent } from './trace';

/** Where a frame landed, or why it did not. */
export type L2Result =
  | { kind: 'hop'; next: Netns; inDev: string; events: TraceEvent[] }
  /** Not a segment walked here (docker's network, a physical NIC): the caller resolves the owner. */
  | { kind: 'legacy' }
  /** The device has no carrier: the frame is lost. */
  | { kind: 'down' }
  /** Nobody on the segment answers ARP for the next hop. */
  | { kind: 'none' };

/** The underlay trip of one VXLAN frame: where the outer UDP packet was delivered, if anywhere. */
export interface TunnelTrip {
  /** The namespace the outer packet was delivered in. */
  at?: Netns;
  /** The outer packet's source address and the devices it left and arrived by. */
  src: number;
  outDev: string;
  inDev: string;
}

export interface L2Env {
  netns: NetnsLookup;
  now: number;
  /** Send the outer UDP packet of a VXLAN frame from `from` to `dst` (a walk of its own). */
  tunnel(from: Netns, vx: Link, dst: number, sport: number): TunnelTrip;
}

/** Bridges forget a learned MAC after 300 s (ageing_time 30000 centiseconds). */
export const BRIDGE_AGEING_MS = 300_000;

const MAX_DEPTH = 12;

interface Walk {
  env: L2Env;
  nextHop: number;
  srcMac: string;
  packet: Readonly<Packet>;
  seen: Set<string>;
}

type Found = Extract<L2Result, { kind: 'hop' }> | 'legacy' | undefined;

/** Whether a namespace answers ARP for `ip` on the device the request arrived by. */
function answers(ns: Netns, dev: string, ip: number): boolean {
  if (ns.sysctl['net.ipv4.conf.all.arp_ignore'] === '1') return ns.addrs.some((a) => a.addr === ip && a.dev === dev);
  return ns.addrs.some((a) => a.addr === ip && a.dev !== 'lo');
}

/** A bridge learns the sender's MAC on the port the frame came in by. */
function learn(bridge: Link, mac: string, port: string, now: number): void {
  const fdb = (bridge.fdb ??= []);
  const hit = fdb.find((e) => e.mac === mac && !e.permanent);
  if (hit) Object.assign(hit, { port, updated: now });
  else fdb.push({ mac, port, updated: now });
}

/** The frame arrives on `link` in `ns`. */
function arrive(w: Walk, ns: Netns, link: Link, events: TraceEvent[], depth: number): Found {
  if (ns.name === HOST_NETNS) return 'legacy';
  const key = `${ns.name}|${link.name}`;
  if (w.seen.has(key) || depth > MAX_DEPTH) return undefined;
  w.seen.add(key);
  if (!linkView(ns, link, w.env.netns).up) return undefined;
  if (link.master) {
    const bridge = ns.link(link.master);
    if (!bridge || bridge.state === 'DOWN') return undefined;
    learn(bridge, w.srcMac, link.name, w.env.now);
    if (answers(ns, bridge.name, w.nextHop)) return { kind: 'hop', next: ns, inDev: bridge.name, events };
    return flood(w, ns, bridge, link.name, events, depth);
  }
  if (answers(ns, link.name, w.nextHop)) return { kind: 'hop', next: ns, inDev: link.name, events };
  return undefined;
}

/** The bridge sends the frame out of every forwarding port but the one it came in by. */
function flood(
  w: Walk,
  ns: Netns,
  bridge: Link,
  ingress: string | undefined,
  events: TraceEvent[],
  depth: number,
): Found {
  for (const port of ns.links) {
    if (port.master !== bridge.name || port.name === ingress) continue;
    if (!linkView(ns, port, w.env.netns).carrier) continue;
    const r = transmit(w, ns, port, `${bridge.name} (port ${port.name})`, true, events, depth + 1);
    if (r) return r;
  }
  return undefined;
}

/** The frame leaves by `link` (named `label` in the trace). */
function transmit(
  w: Walk,
  ns: Netns,
  link: Link,
  label: string,
  switched: boolean,
  events: TraceEvent[],
  depth: number,
): Found {
  if (link.kind === 'veth') {
    const peer = vethPeer(link, w.env.netns);
    if (!peer) return undefined;
    const ev: TraceEvent = {
      kind: 'link',
      fromNetns: ns.name,
      fromDev: label,
      toNetns: peer.ns.name,
      toDev: peer.link.name,
      ...(switched ? { l2: true } : {}),
    };
    return arrive(w, peer.ns, peer.link, [...events, ev], depth);
  }
  if (link.kind === 'bridge') return flood(w, ns, link, undefined, events, depth);
  if (link.kind === 'vxlan' && link.vxlan) return tunnel(w, ns, link, !switched, events, depth);
  return undefined;
}

/** The VTEPs a frame goes to: a known neighbour's MAC in the fdb, else every all-zeros entry (flooding). */
function destinations(w: Walk, ns: Netns, vx: Link, direct: boolean): number[] {
  const fdb = vx.fdb ?? [];
  if (direct) {
    const mac = ns.neigh.find((n) => n.ip === w.nextHop && n.dev === vx.name)?.mac;
    const hit = mac ? fdb.find((e) => e.mac === mac && e.dst !== undefined) : undefined;
    if (hit) return [hit.dst!];
  }
  return [...new Set(fdb.filter((e) => e.mac === '00:00:00:00:00:00' && e.dst !== undefined).map((e) => e.dst!))];
}

/** A small, stable source port per flow, as the kernel hashes one (udp_flow_src_port). */
function flowPort(p: Readonly<Packet>): number {
  const h = (p.src ^ Math.imul(p.dst, 2654435761) ^ (p.sport << 16) ^ p.dport) >>> 0;
  return 32768 + (h % 28232);
}

/** Wrap the frame for each remote VTEP; the first remote where it reaches an answering host wins. */
function tunnel(w: Walk, ns: Netns, vx: Link, direct: boolean, events: TraceEvent[], depth: number): Found {
  const info = vx.vxlan!;
  const inner = `${formatIp(w.packet.src)} -> ${formatIp(w.packet.dst)} ${w.packet.proto}`;
  for (const dst of destinations(w, ns, vx, direct)) {
    const trip = w.env.tunnel(ns, vx, dst, flowPort(w.packet));
    const at = trip.at;
    const remote = at?.links.find(
      (l) => l.vxlan && l.vxlan.id === info.id && l.vxlan.dstport === info.dstport && l.state !== 'DOWN',
    );
    if (!at || !remote) continue;
    const evs: TraceEvent[] = [
      ...events,
      {
        kind: 'encap',
        netns: ns.name,
        dev: vx.name,
        outer: `${formatIp(trip.src)} -> ${formatIp(dst)} udp/${info.dstport} vni ${info.id}`,
        inner,
      },
      { kind: 'link', fromNetns: ns.name, fromDev: trip.outDev, toNetns: at.name, toDev: trip.inDev, l2: true },
      { kind: 'decap', netns: at.name, dev: remote.name, inner },
    ];
    // The receiving device learns where the sender's MAC lives (unless nolearning).
    if (!remote.vxlan!.nolearning) {
      const fdb = (remote.fdb ??= []);
      const hit = fdb.find((e) => e.mac === vx.mac);
      if (!hit) fdb.push({ mac: vx.mac, dst: trip.src, updated: w.env.now });
      else if (!hit.permanent) Object.assign(hit, { dst: trip.src, updated: w.env.now });
    }
    const r = arrive({ ...w, srcMac: vx.mac }, at, remote, evs, depth + 1);
    if (r) return r;
  }
  return undefined;
}

/** Where a frame sent out of `dev` in `from` towards `nextHop` lands (see the module comment). */
export function resolveL2(env: L2Env, from: Netns, dev: string, nextHop: number, packet: Readonly<Packet>): L2Result {
  const link = from.link(dev);
  if (!link || from.name === HOST_NETNS) return { kind: 'legacy' };
  if (link.kind !== 'veth' && link.kind !== 'bridge' && !(link.kind === 'vxlan' && link.vxlan))
    return { kind: 'legacy' };
  if (!linkView(from, link, env.netns).carrier) return { kind: 'down' };
  const w: Walk = { env, nextHop, srcMac: link.mac, packet, seen: new Set([`${from.name}|${dev}`]) };
  const r = transmit(w, from, link, dev, false, [], 0);
  if (r === 'legacy') return { kind: 'legacy' };
  return r ?? { kind: 'none' };
}
