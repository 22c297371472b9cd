/**
 * Where IPVS sits in the packet walk, as the kernel registers its hooks (ip_vs_core.c): at
 * LOCAL_IN (a packet to a local address: the VIPs on kube-ipvs0 make every ClusterIP local) and
 * LOCAL_OUT (a local process connecting to a VIP), a packet to a virtual server is scheduled to a
 * real server and its destination rewritten (Masq); at FORWARD (and LOCAL_IN/LOCAL_OUT for local
 * ends), a real server's reply gets the VIP back as its source. With net.ipv4.vs.conntrack=1 IPVS
 * updates the conntrack entry's reply tuple, so replies are found and iptables' masquerade works.
 */
import { formatIp } from './addr';
import type { Conntrack, ConntrackEntry } from './conntrack';
import { serviceName, type IpvsConn, type IpvsProto } from './ipvs';
import type { Netns } from './netns';
import type { Packet } from './packet';
import type { TraceEvent } from './trace';

/** What IPVS did with a packet on its way to a local address. */
export type IpvsVerdict =
  /** Not a virtual server's packet: the kernel goes on as without IPVS. */
  | undefined
  /** Rewritten to a real server: route it again. */
  | { kind: 'forward' }
  /** A virtual server with no real server available: ICMP port unreachable (ip_vs_leave). */
  | { kind: 'reject' };

const ep = (ip: number, port: number): string => `${formatIp(ip)}:${port}`;
const isIpvsProto = (p: string): p is IpvsProto => p === 'tcp' || p === 'udp';

function note(ns: Netns, c: IpvsConn, dir: 'request' | 'reply', fresh: boolean, trace: TraceEvent[]): void {
  const vs = ns.ipvs.find(c.proto, c.vaddr, c.vport);
  trace.push({
    kind: 'ipvs',
    netns: ns.name,
    dir,
    service: serviceName({ proto: c.proto, addr: c.vaddr, port: c.vport }),
    scheduler: vs?.scheduler ?? '',
    destination: ep(c.daddr, c.dport),
    conn: c.id,
    fresh,
  });
}

/** ip_vs_in: a client's packet to a virtual server (new or known connection) goes to its real server. */
export function ipvsRequest(
  ns: Netns,
  p: Packet,
  entry: ConntrackEntry,
  fresh: boolean,
  now: number,
  trace: TraceEvent[],
): IpvsVerdict {
  if (!isIpvsProto(p.proto)) return undefined;
  let conn = ns.ipvs.lookupIn(p, now);
  // conn_reuse_mode=1: a new TCP connection from a port whose old connection is closing is scheduled afresh.
  if (conn && conn.proto === 'tcp' && (conn.state === 'TIME_WAIT' || conn.state === 'CLOSE')) {
    ns.ipvs.expire(conn);
    conn = undefined;
  }
  let created = false;
  if (!conn) {
    const vs = ns.ipvs.find(p.proto, p.dst, p.dport);
    if (!vs) return undefined;
    conn = ns.ipvs.newConnection(vs, p, now);
    if (!conn) {
      trace.push({ kind: 'drop', netns: ns.name, reason: `ipvs: ${serviceName(vs)} has no destination available` });
      return { kind: 'reject' };
    }
    created = true;
  }
  note(ns, conn, 'request', created, trace);
  ns.ipvs.count(conn, 'in', p.length, now);
  p.dst = conn.daddr;
  p.dport = conn.dport;
  if (fresh || created) {
    entry.ipvs = true;
    bindReplyTuple(ns.conntrack, entry, conn);
  }
  return { kind: 'forward' };
}

/** ip_vs_out: a real server's reply to a client gets the virtual server as its source. Returns whether IPVS took it. */
export function ipvsReply(ns: Netns, p: Packet, now: number, trace: TraceEvent[]): boolean {
  if (!isIpvsProto(p.proto)) return false;
  const conn = ns.ipvs.lookupOut(p, now);
  if (!conn) return false;
  note(ns, conn, 'reply', false, trace);
  ns.ipvs.count(conn, 'out', p.length, now);
  // The server answered: the handshake completes (ESTABLISHED counts as ActiveConn until it closes).
  if (conn.state === 'SYN_RECV') ns.ipvs.setState(conn, 'ESTABLISHED', now);
  p.src = conn.vaddr;
  p.sport = conn.vport;
  return true;
}

/** ip_vs_update_conntrack: replies from the real server belong to this conntrack entry. */
function bindReplyTuple(ct: Conntrack, entry: ConntrackEntry, conn: IpvsConn): void {
  ct.bindDnat(entry, conn.daddr, conn.dport);
}

/**
 * After an exchange (curl's whole connection), move the IPVS connections it went through on to the
 * state the end of a TCP connection leaves them in: TIME_WAIT after a normal close, CLOSE after a
 * reset. Their timers then run on the virtual clock (InActConn until they expire).
 */
export function finishIpvsConnections(
  trace: readonly TraceEvent[],
  netns: (name: string) => Netns | undefined,
  state: 'TIME_WAIT' | 'CLOSE',
  now: number,
): void {
  for (const e of trace) {
    if (e.kind !== 'ipvs' || e.dir !== 'request') continue;
    const ns = netns(e.netns);
    const conn = ns?.ipvs.get(e.conn, now);
    if (ns && conn && conn.proto === 'tcp') ns.ipvs.setState(conn, state, now);
  }
}
