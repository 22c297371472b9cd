/**
 * Changing links as the kernel does when `ip link`, `ip addr` or a CNI plugin asks: creating veth
 * pairs, bridges, dummies and VXLAN devices, bringing them up and down (which adds and removes the
 * routes through them), enslaving ports, moving a link to another namespace, renaming and deleting,
 * and adding and removing addresses (with the kernel's local, prefix and broadcast routes, and its
 * primary/secondary rule). Every function works on the namespaces it is given; a veth's other end is
 * found with a `NetnsLookup`. Behaviour recorded from Linux 6.x with iproute2 6.1 (see the tests).
 */
import { maskOf } from './addr';
import { linkView, vethPeer, type NetnsLookup } from './linkstate';
import type { Link, Netns, VxlanInfo } from './netns';
import { networkOf, RT_TABLE } from './route';

/** The MAC a bridge without ports shows once it has lost them all. */
export const ZERO_MAC = '00:00:00:00:00:00';

/** The Linux default VXLAN port (the kernel's, not IANA's 4789): used when `dstport` is left out. */
export const LINUX_VXLAN_PORT = 8472;

/** A new device as iproute2 creates it: administratively down, no qdisc yet, txqueuelen 1000. */
function fresh(ns: Netns, name: string, kind: Link['kind'], mac: string, mtu = 1500, index?: number): Link {
  return ns.addLink({ name, kind, mtu, mac, state: 'DOWN', qdisc: 'noop', txqlen: 1000, index: ns.takeIndex(index) });
}

/** `ip link add NAME type veth peer name PEER`: the peer is made first (it gets the lower index). */
export function addVethPair(ns: Netns, name: string, peerName: string, mac: () => string, peerNs: Netns = ns): void {
  const peerMac = mac();
  const ownMac = mac();
  const peer = fresh(peerNs, peerName, 'veth', peerMac);
  const link = fresh(ns, name, 'veth', ownMac);
  peer.peer = { netns: ns.name, index: link.index };
  link.peer = { netns: peerNs.name, index: peer.index };
}

/** `ip link add NAME type bridge` (and `brctl addbr`): a bridge that takes its ports' lowest MAC. */
export function addBridge(ns: Netns, name: string, mac: string): Link {
  const l = fresh(ns, name, 'bridge', mac);
  l.autoMac = true;
  return l;
}

/** `ip link add NAME type dummy`. */
export function addDummy(ns: Netns, name: string, mac: string): Link {
  return fresh(ns, name, 'dummy', mac);
}

/** `ip link add NAME type vxlan id ...`: the MTU is the underlay's minus the 50 bytes of outer headers. */
export function addVxlan(ns: Netns, name: string, info: VxlanInfo, mac: string): Link {
  const under = info.dev ? ns.link(info.dev) : undefined;
  const l = fresh(ns, name, 'vxlan', mac, under ? under.mtu - 50 : 1500);
  l.vxlan = { ...info };
  // `remote` is the default destination: an all-zeros entry, as `bridge fdb append` makes.
  if (info.remote !== undefined) l.fdb = [{ mac: ZERO_MAC, dst: info.remote, permanent: true }];
  return l;
}

/** The kernel's prefix and broadcast routes for an address (on a link that is up). */
function addPrefixRoutes(ns: Netns, a: { dev: string; addr: number; len: number }): void {
  if (a.len >= 32) return;
  const net = networkOf(a.addr, a.len);
  const routes = ns.routing.routes;
  const has = (table: number, addr: number, len: number, type: string) =>
    routes.some(
      (r) => r.table === table && r.type === type && r.dst.addr === addr && r.dst.len === len && r.dev === a.dev,
    );
  // Loopback's prefix is local (addAddress made that route); it keeps only its broadcast route.
  if (a.dev !== 'lo' && !has(RT_TABLE.main, net.addr, net.len, 'unicast'))
    routes.push({
      table: RT_TABLE.main,
      type: 'unicast',
      dst: net,
      dev: a.dev,
      src: a.addr,
      scope: 'link',
      proto: 'kernel',
    });
  const bcast = (net.addr | (~maskOf(a.len) >>> 0)) >>> 0;
  if (a.len < 31 && !has(RT_TABLE.local, bcast, 32, 'broadcast'))
    routes.push({
      table: RT_TABLE.local,
      type: 'broadcast',
      dst: { addr: bcast, len: 32 },
      dev: a.dev,
      src: a.addr,
      scope: 'link',
      proto: 'kernel',
    });
}

/** Whether an address is a primary one (no earlier address of the same prefix on the device). */
export function isPrimary(ns: Netns, a: { dev: string; addr: number; len: number }): boolean {
  const net = networkOf(a.addr, a.len);
  for (const x of ns.addrs) {
    if (x === a || (x.dev === a.dev && x.addr === a.addr && x.len === a.len)) return true;
    if (x.dev === a.dev && x.len === a.len && networkOf(x.addr, x.len).addr === net.addr) return false;
  }
  return true;
}

/**
 * `ip addr add ADDR/LEN dev DEV`: the address and its local route; the prefix and broadcast routes
 * only while the link is up and only for a primary address. `brd` false: iproute2 without `brd`.
 */
export function addAddress(
  ns: Netns,
  dev: string,
  addr: number,
  len: number,
  opts: { brd: boolean; scope?: 'global' | 'link' | 'host' },
): void {
  const scope = opts.scope ?? (dev === 'lo' ? 'host' : 'global');
  const a = { dev, addr, len, scope, ...(opts.brd ? {} : { noBrd: true as const }) };
  const primary = isPrimary(ns, a);
  ns.addrs.push(a);
  ns.routing.routes.push({
    table: RT_TABLE.local,
    type: 'local',
    dst: { addr, len: 32 },
    dev,
    src: addr,
    scope: 'host',
    proto: 'kernel',
  });
  if (dev === 'lo' && len < 32)
    ns.routing.routes.push({
      table: RT_TABLE.local,
      type: 'local',
      dst: networkOf(addr, len),
      dev,
      src: addr,
      scope: 'host',
      proto: 'kernel',
    });
  const link = ns.link(dev);
  if (primary && link && link.state !== 'DOWN') addPrefixRoutes(ns, a);
}

/**
 * `ip addr del ADDR/LEN dev DEV`: removing a primary address removes its secondaries too (Linux's
 * default without promote_secondaries), with the routes made for them and those using them as source.
 * Returns false when no such address exists.
 */
export function deleteAddress(ns: Netns, dev: string, addr: number, len: number): boolean {
  const target = ns.addrs.find((a) => a.dev === dev && a.addr === addr && a.len === len);
  if (!target) return false;
  const net = networkOf(addr, len);
  const gone = isPrimary(ns, target)
    ? ns.addrs.filter((a) => a.dev === dev && a.len === len && networkOf(a.addr, a.len).addr === net.addr)
    : [target];
  ns.addrs = ns.addrs.filter((a) => !gone.includes(a));
  // The local routes of the addresses, and the prefix and broadcast routes made with them as source.
  const addrs = new Set(gone.map((a) => a.addr));
  ns.routing.routes = ns.routing.routes.filter((r) => {
    if (r.src !== undefined && addrs.has(r.src) && r.dev === dev) return false;
    return !(r.table === RT_TABLE.local && r.type === 'local' && addrs.has(r.dst.addr) && r.dst.len === 32);
  });
  return true;
}

/** `ip addr flush dev DEV`: every IPv4 address of the device and the routes made for them. */
export function flushAddresses(ns: Netns, dev: string): void {
  const addrs = ns.addrs.filter((a) => a.dev === dev);
  ns.addrs = ns.addrs.filter((a) => a.dev !== dev);
  const set = new Set(addrs.map((a) => a.addr));
  ns.routing.routes = ns.routing.routes.filter(
    (r) => !(r.dev === dev && (r.proto === 'kernel' || (r.src !== undefined && set.has(r.src)))),
  );
}

/**
 * `ip link set DEV up`: the device gets its qdisc, loopback its 127.0.0.1/8 the first time, and the
 * prefix routes of its addresses come back. Its IPv6 link-local address follows its MAC again.
 */
export function setLinkUp(ns: Netns, dev: string, lookup?: NetnsLookup): void {
  const l = ns.link(dev);
  if (!l || l.state !== 'DOWN') return;
  // A veth's peer gets its carrier back.
  const peer = vethPeer(l, lookup);
  if (peer) delete peer.link.lostCarrier;
  l.state = l.kind === 'loopback' || l.kind === 'dummy' || l.kind === 'vxlan' ? 'UNKNOWN' : 'UP';
  if (l.qdisc === 'noop') l.qdisc = 'noqueue';
  delete l.llMac;
  if (l.kind === 'loopback' && !ns.addrs.some((a) => a.dev === dev))
    addAddress(ns, dev, 0x7f000001, 8, { brd: false, scope: 'host' });
  for (const a of ns.addrs) if (a.dev === dev && isPrimary(ns, a)) addPrefixRoutes(ns, a);
}

/** `ip link set DEV down`: every route through the device goes (the local ones stay), as on Linux. */
export function setLinkDown(ns: Netns, dev: string, lookup?: NetnsLookup): void {
  const l = ns.link(dev);
  if (!l || l.state === 'DOWN') return;
  l.state = 'DOWN';
  // A veth's peer that had a carrier loses it (see linkstate.ts for what that shows).
  const peer = vethPeer(l, lookup);
  if (peer && peer.link.state !== 'DOWN') peer.link.lostCarrier = true;
  ns.routing.routes = ns.routing.routes.filter(
    (r) => r.dev !== dev || (r.table === RT_TABLE.local && r.type === 'local'),
  );
}

/** A bridge's MAC when it picks its own: its ports' lowest, or zeros once it lost them all. */
function recomputeBridgeMac(ns: Netns, bridge: Link): void {
  if (!bridge.autoMac) return;
  const macs = ns.links.filter((p) => p.master === bridge.name).map((p) => p.mac);
  const next = macs.length ? [...macs].sort()[0]! : bridge.hadPorts ? ZERO_MAC : bridge.mac;
  if (next === bridge.mac) return;
  // The IPv6 link-local address stays the one made from the MAC the bridge had when it came up.
  if (bridge.state !== 'DOWN' && bridge.llMac === undefined) bridge.llMac = bridge.mac;
  bridge.mac = next;
}

/** `ip link set PORT master BRIDGE` / `nomaster` (bridge undefined). */
export function setMaster(ns: Netns, port: string, bridge: string | undefined): void {
  const p = ns.link(port);
  if (!p) return;
  const old = p.master ? ns.link(p.master) : undefined;
  if (bridge === undefined) delete p.master;
  else p.master = bridge;
  if (old && old.name !== bridge) {
    if (!ns.links.some((x) => x.master === old.name)) old.hadPorts = true;
    if (old.fdb) old.fdb = old.fdb.filter((e) => e.port !== port);
    recomputeBridgeMac(ns, old);
  }
  const b = bridge ? ns.link(bridge) : undefined;
  if (b) {
    delete b.hadPorts;
    // A bridge's MTU follows its smallest port's.
    if (b.autoMac) b.mtu = Math.min(...ns.links.filter((x) => x.master === b.name).map((x) => x.mtu));
    recomputeBridgeMac(ns, b);
  }
}

/** Everything a namespace holds that names a device: addresses, routes, neighbours. */
function forgetDevice(ns: Netns, dev: string): void {
  ns.addrs = ns.addrs.filter((a) => a.dev !== dev);
  ns.routing.routes = ns.routing.routes.filter((r) => r.dev !== dev);
  ns.neigh = ns.neigh.filter((n) => n.dev !== dev);
}

/** Remove one link from its namespace (not its veth peer): its port role, addresses, routes, neighbours. */
export function unlink(ns: Netns, l: Link): void {
  if (l.master) setMaster(ns, l.name, undefined);
  if (l.kind === 'bridge') for (const p of ns.links) if (p.master === l.name) delete p.master;
  ns.links = ns.links.filter((x) => x !== l);
  forgetDevice(ns, l.name);
}

/** `ip link del DEV`: a veth takes its peer with it; a bridge releases its ports. */
export function deleteLink(ns: Netns, dev: string, lookup: NetnsLookup): void {
  const l = ns.link(dev);
  if (!l) return;
  const peer = vethPeer(l, lookup);
  unlink(ns, l);
  if (peer) unlink(peer.ns, peer.link);
}

/**
 * `ip link set DEV netns NS`: the link leaves with no addresses or routes, down, and keeps its
 * ifindex when the target has it free. Returns false when the target already has a link of that name.
 */
export function moveLink(from: Netns, dev: string, to: Netns, lookup: NetnsLookup): boolean {
  const l = from.link(dev);
  if (!l) return false;
  if (to === from) return true;
  if (to.link(dev)) return false;
  const peer = vethPeer(l, lookup);
  unlink(from, l);
  const index = to.takeIndex(l.index);
  const moved: Link = { ...l, index, state: 'DOWN' };
  delete moved.master;
  to.links.push(moved);
  if (peer) peer.link.peer = { netns: to.name, index };
  return true;
}

/** `ip link set DEV name NEW`: every reference to the device follows. */
export function renameLink(ns: Netns, dev: string, name: string): void {
  const l = ns.link(dev);
  if (!l) return;
  l.name = name;
  for (const a of ns.addrs) if (a.dev === dev) a.dev = name;
  for (const r of ns.routing.routes) if (r.dev === dev) r.dev = name;
  for (const n of ns.neigh) if (n.dev === dev) n.dev = name;
  for (const x of ns.links) {
    if (x.master === dev) x.master = name;
    if (x.vxlan?.dev === dev) x.vxlan.dev = name;
    for (const e of x.fdb ?? []) if (e.port === dev) e.port = name;
  }
}

/** Whether a link can carry frames now (up, with a carrier). */
export function hasCarrier(ns: Netns, dev: string, lookup?: NetnsLookup): boolean {
  const l = ns.link(dev);
  return !!l && linkView(ns, l, lookup).carrier;
}

/** A fresh network namespace as `ip netns add` makes it: only `lo`, down, with no address. */
export function freshNetns(ns: Netns): Netns {
  ns.addLink({ name: 'lo', kind: 'loopback', mtu: 65536, mac: ZERO_MAC, state: 'DOWN', qdisc: 'noop', txqlen: 1000 });
  return ns;
}
