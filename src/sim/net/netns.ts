/**
 * A network namespace: links (loopback, ether, veth with its peer, bridge, dummy, vxlan), addresses,
 * routing tables and policy rules, neighbours, the sysctls that matter, netfilter tables and the
 * conntrack table. Adding an address installs the kernel's local and prefix routes, as Linux does.
 */
import { maskOf, type Cidr } from './addr';
import { Conntrack, type ConntrackState } from './conntrack';
import { Ipsets, type IpsetsState } from './ipset';
import { Ipvs, type IpvsState } from './ipvs';
import { Netfilter, type NetfilterState } from './netfilter';
import {
  DEFAULT_POLICY_RULES,
  lookupRoute,
  lookupTable,
  networkOf,
  RT_TABLE,
  type Route,
  type RoutingState,
} from './route';
import type { AddrType } from './rule';

export type LinkKind = 'loopback' | 'ether' | 'veth' | 'bridge' | 'dummy' | 'vxlan' | 'ipip';

export interface Link {
  index: number;
  name: string;
  kind: LinkKind;
  mtu: number;
  state: 'UP' | 'DOWN' | 'UNKNOWN';
  mac: string;
  qdisc: string;
  /** Bridge this port is enslaved to. */
  master?: string;
  /** The other end of a veth: its netns and ifindex (`ip link` prints `name@ifN`). */
  peer?: { netns: string; index: number };
  /** The transmit queue length `ip link` shows as `qlen N` (iproute2 gives the devices it creates 1000; most plugins none). */
  txqlen?: number;
  /** A VXLAN device's parameters (`ip link add ... type vxlan id N dev D dstport P`). */
  vxlan?: VxlanInfo;
  /**
   * Forwarding entries: a VXLAN device's (`bridge fdb append|add`, `self permanent`, with the remote
   * VTEP) and, on a bridge, the MACs it learned on its ports (they age out after 300 s).
   */
  fdb?: FdbEntry[];
  /** A bridge made by `ip link add type bridge` or `brctl addbr`: it takes its ports' lowest MAC (docker's and the plugins' set theirs). */
  autoMac?: true;
  /** A bridge that had ports and lost them all: no carrier (and, when `autoMac`, a zero MAC) until it gets one again. */
  hadPorts?: true;
  /** A veth that had a carrier and lost it when its peer went down (it then shows `state DOWN`, not `LOWERLAYERDOWN`). */
  lostCarrier?: true;
  /** The MAC the IPv6 link-local address came from, when the link's MAC changed after it first came up (a bridge taking a port's). */
  llMac?: string;
}

/** `ip link add NAME type vxlan id ID [dev DEV] [dstport PORT] [local IP] [remote IP]`. */
export interface VxlanInfo {
  id: number;
  /** The underlay device (`dev`): the tunnel's MTU is its MTU minus 50. */
  dev?: string;
  dstport: number;
  local?: number;
  remote?: number;
  /** `nolearning`: no source MACs learned from received packets. */
  nolearning?: true;
}

/** One forwarding entry: a MAC and where frames for it go (a remote VTEP, or a bridge port). */
export interface FdbEntry {
  mac: string;
  /** The remote VTEP (VXLAN). */
  dst?: number;
  /** The bridge port it was learned on. */
  port?: string;
  permanent?: true;
  /** Virtual ms it was last seen (learned entries). */
  updated?: number;
}

export interface Address {
  dev: string;
  addr: number;
  len: number;
  scope: 'global' | 'link' | 'host';
  /** Added by `ip addr add` without `brd`: iproute2 sets no broadcast address then (netlink libraries do). */
  noBrd?: true;
}

export interface Neighbour {
  ip: number;
  dev: string;
  mac: string;
  /** Virtual ms of the last confirmation (traffic to that neighbour); `neighbourState` ages it. */
  confirmed: number;
  permanent?: boolean;
}

/** Linux's base_reachable_time: an entry stays REACHABLE this long after a confirmation, then goes STALE. */
export const NEIGH_REACHABLE_MS = 30_000;

/** The state `ip neigh` shows for an entry at time `now`. */
export function neighbourState(n: Neighbour, now: number): 'REACHABLE' | 'STALE' | 'PERMANENT' {
  if (n.permanent) return 'PERMANENT';
  return now - n.confirmed < NEIGH_REACHABLE_MS ? 'REACHABLE' : 'STALE';
}

export interface NetnsState {
  name: string;
  /** The name `ip netns list` shows (a learner's `ip netns add NAME`, a runtime's `cni-...`). */
  label?: string;
  nextIndex: number;
  links: Link[];
  addrs: Address[];
  routing: RoutingState;
  neigh: Neighbour[];
  sysctl: Record<string, string>;
  netfilter: NetfilterState;
  conntrack: ConntrackState;
  /** Absent in snapshots taken before IPVS existed. */
  ipvs?: IpvsState;
  ipsets?: IpsetsState;
}

/** Sysctls the data plane reads, with Linux's defaults. */
export const DEFAULT_SYSCTLS: Record<string, string> = {
  'net.ipv4.ip_forward': '0',
  'net.ipv4.conf.all.route_localnet': '0',
  'net.bridge.bridge-nf-call-iptables': '1',
  // kube-proxy's strictARP (IPVS mode) sets these to 1 and 2 so nodes do not answer ARP for kube-ipvs0's VIPs.
  'net.ipv4.conf.all.arp_ignore': '0',
  'net.ipv4.conf.all.arp_announce': '0',
};

export class Netns {
  links: Link[] = [];
  addrs: Address[] = [];
  routing: RoutingState = { routes: [], rules: DEFAULT_POLICY_RULES.map((r) => ({ ...r })) };
  neigh: Neighbour[] = [];
  sysctl: Record<string, string> = { ...DEFAULT_SYSCTLS };
  netfilter = new Netfilter();
  conntrack = new Conntrack();
  /** The IPVS table (kube-proxy IPVS mode, `ipvsadm`) and ip sets (`ipset`, the iptables set match). */
  ipvs = new Ipvs();
  ipsets = new Ipsets();
  /** The name `ip netns list` shows, for a namespace with a name in /run/netns (see `NetnsState.label`). */
  label?: string;
  private nextIndex = 1;

  constructor(readonly name: string) {}

  /** An ifindex for a link arriving here: `preferred` if free (a moved veth keeps its index when it can), else the next one. */
  takeIndex(preferred?: number): number {
    const index =
      preferred !== undefined && !this.links.some((l) => l.index === preferred) ? preferred : this.nextIndex;
    this.nextIndex = Math.max(this.nextIndex, index + 1);
    return index;
  }

  /** Add a link; returns it. Index numbers count up per netns from 1 (lo). */
  addLink(spec: Omit<Link, 'index' | 'qdisc' | 'state'> & Partial<Pick<Link, 'index' | 'qdisc' | 'state'>>): Link {
    const index = spec.index ?? this.nextIndex;
    this.nextIndex = Math.max(this.nextIndex, index + 1);
    // Physical NICs get the distribution default qdisc; virtual devices have none (noqueue).
    const link: Link = { qdisc: spec.kind === 'ether' ? 'fq_codel' : 'noqueue', state: 'UP', ...spec, index };
    this.links.push(link);
    return link;
  }

  link(name: string): Link | undefined {
    return this.links.find((l) => l.name === name);
  }

  /** `ip addr add ADDR/LEN dev DEV`: the address plus the kernel's local route and (below /32) prefix route. */
  addAddress(dev: string, addr: number, len: number, scope: Address['scope'] = 'global'): void {
    this.addrs.push({ dev, addr, len, scope });
    this.routing.routes.push({
      table: RT_TABLE.local,
      type: 'local',
      dst: { addr, len: 32 },
      dev,
      src: addr,
      scope: 'host',
      proto: 'kernel',
    });
    if (len < 32 && dev !== 'lo') {
      this.routing.routes.push({
        table: RT_TABLE.main,
        type: 'unicast',
        dst: networkOf(addr, len),
        dev,
        src: addr,
        scope: 'link',
        proto: 'kernel',
      });
      const bcast = (networkOf(addr, len).addr | (~maskOf(len) >>> 0)) >>> 0;
      this.routing.routes.push({
        table: RT_TABLE.local,
        type: 'broadcast',
        dst: { addr: bcast, len: 32 },
        dev,
        src: addr,
        scope: 'link',
        proto: 'kernel',
      });
    }
    if (dev === 'lo' && len < 32) {
      // 127.0.0.1/8 makes the whole 127/8 local.
      this.routing.routes.push({
        table: RT_TABLE.local,
        type: 'local',
        dst: networkOf(addr, len),
        dev,
        src: addr,
        scope: 'host',
        proto: 'kernel',
      });
    }
  }

  /** `ip route add`. */
  addRoute(r: Omit<Route, 'table' | 'proto' | 'scope'> & Partial<Pick<Route, 'table' | 'proto' | 'scope'>>): void {
    this.routing.routes.push({
      table: RT_TABLE.main,
      proto: 'boot',
      scope: r.via === undefined ? 'link' : 'global',
      ...r,
    });
  }

  /** Remove every route (in any table) whose destination equals `dst`. */
  deleteRoutes(dst: Cidr, table: number = RT_TABLE.main): void {
    this.routing.routes = this.routing.routes.filter(
      (r) => !(r.table === table && r.dst.addr === dst.addr && r.dst.len === dst.len),
    );
  }

  /** Record (or refresh) the link-layer address of a neighbour we just sent to, as ARP would. */
  learnNeighbour(ip: number, dev: string, mac: string, now: number): void {
    const existing = this.neigh.find((n) => n.ip === ip && n.dev === dev);
    if (existing) {
      // A permanent entry (`ip neigh add`, the VPC CNI's 169.254.1.1) keeps its address.
      if (!existing.permanent) existing.mac = mac;
      existing.confirmed = now;
    } else this.neigh.push({ ip, dev, mac, confirmed: now });
  }

  /** The route for a destination. */
  route(dst: number, keys: { src?: number; mark?: number; iif?: string } = {}): Route | undefined {
    return lookupRoute(this.routing, dst, keys);
  }

  /**
   * The addrtype of an address here (LOCAL when the local table says so). With `dev` (the
   * kernel's inet_dev_addr_type for --limit-iface-in/out) an address is LOCAL only on its device.
   */
  addrType(ip: number, dev?: string): AddrType {
    const r = lookupTable(this.routing.routes, RT_TABLE.local, ip);
    if (r?.type === 'local') return dev === undefined || r.dev === dev ? 'LOCAL' : 'UNICAST';
    if (r?.type === 'broadcast' || ip === 0xffffffff) return 'BROADCAST';
    if (ip >>> 28 === 0xe) return 'MULTICAST';
    return 'UNICAST';
  }

  /** The primary address of a device (MASQUERADE's choice of source). */
  primaryAddress(dev: string): number | undefined {
    return this.addrs.find((a) => a.dev === dev && a.scope === 'global')?.addr;
  }

  /** Whether `ip` belongs to this netns. */
  isLocal(ip: number): boolean {
    return this.addrType(ip) === 'LOCAL';
  }

  snapshot(): NetnsState {
    return structuredClone({
      name: this.name,
      ...(this.label !== undefined ? { label: this.label } : {}),
      nextIndex: this.nextIndex,
      links: this.links,
      addrs: this.addrs,
      routing: this.routing,
      neigh: this.neigh,
      sysctl: this.sysctl,
      netfilter: this.netfilter.state,
      conntrack: this.conntrack.snapshot(),
      ipvs: this.ipvs.snapshot(),
      ipsets: this.ipsets.snapshot(),
    });
  }

  static restore(s: NetnsState): Netns {
    const ns = new Netns(s.name);
    const c = structuredClone(s);
    if (c.label !== undefined) ns.label = c.label;
    ns.nextIndex = c.nextIndex;
    ns.links = c.links;
    ns.addrs = c.addrs;
    ns.routing = c.routing;
    ns.neigh = c.neigh;
    ns.sysctl = c.sysctl;
    ns.netfilter = new Netfilter(c.netfilter);
    ns.conntrack = Conntrack.restore(c.conntrack);
    ns.ipvs = Ipvs.restore(c.ipvs);
    ns.ipsets = Ipsets.restore(c.ipsets);
    return ns;
  }
}
