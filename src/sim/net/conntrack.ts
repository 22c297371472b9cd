/**
 * Connection tracking for one netns: entries with an original and a reply tuple, NAT bindings
 * written into the reply tuple (as nf_nat does), TCP states with the kernel's default timeouts, and
 * lookup in both directions. The first packet of a flow goes through the nat table; later packets
 * (and replies) are translated from the entry alone, which is why established flows skip nat.
 */
import { formatIp } from './addr';
import type { L4Proto, Packet } from './packet';

export interface Tuple {
  src: number;
  dst: number;
  sport: number;
  dport: number;
}

export type TcpState =
  'SYN_SENT' | 'SYN_RECV' | 'ESTABLISHED' | 'FIN_WAIT' | 'CLOSE_WAIT' | 'LAST_ACK' | 'TIME_WAIT' | 'CLOSE';

export interface ConntrackEntry {
  id: number;
  proto: L4Proto;
  orig: Tuple;
  reply: Tuple;
  /** TCP only. */
  tcpState?: TcpState;
  /** Virtual ms at which the entry expires. */
  expires: number;
  seenReply: boolean;
  assured: boolean;
  mark: number;
  /** Set once the first packet has left the hooks: later packets skip the nat table. */
  confirmed: boolean;
  /** IPVS rewrites this flow itself (net.ipv4.vs.conntrack=1 only updates the reply tuple): conntrack does not replay its DNAT. */
  ipvs?: boolean;
}

/** Kernel default timeouts in seconds (nf_conntrack_*_timeout_*). */
export const TIMEOUTS = {
  tcp: {
    SYN_SENT: 120,
    SYN_RECV: 60,
    ESTABLISHED: 432000,
    FIN_WAIT: 120,
    CLOSE_WAIT: 60,
    LAST_ACK: 30,
    TIME_WAIT: 120,
    CLOSE: 10,
  } as Record<TcpState, number>,
  udp: 30,
  udpStream: 120,
  icmp: 30,
};

export const PROTO_NUMBER: Record<L4Proto, number> = { tcp: 6, udp: 17, icmp: 1 };

export type Direction = 'orig' | 'reply';

const key = (proto: L4Proto, t: Tuple): string => `${proto}|${t.src}|${t.sport}|${t.dst}|${t.dport}`;
const tupleOf = (p: Packet): Tuple => ({ src: p.src, dst: p.dst, sport: p.sport, dport: p.dport });

export interface ConntrackState {
  nextId: number;
  entries: ConntrackEntry[];
}

/** The conntrack table of one netns. */
export class Conntrack {
  private entries = new Map<number, ConntrackEntry>();
  private index = new Map<string, { id: number; dir: Direction }>();
  private nextId = 1;

  /** The entry a packet belongs to and its direction, ignoring expired entries. */
  lookup(p: Packet, now: number): { entry: ConntrackEntry; dir: Direction } | undefined {
    const hit = this.index.get(key(p.proto, tupleOf(p)));
    if (!hit) return undefined;
    const entry = this.entries.get(hit.id)!;
    if (entry.expires <= now) {
      this.remove(entry.id);
      return undefined;
    }
    return { entry, dir: hit.dir };
  }

  /** A new, unconfirmed entry for the first packet of a flow (reply tuple = the inverse, until NAT changes it). */
  create(p: Packet, now: number): ConntrackEntry {
    const orig = tupleOf(p);
    const entry: ConntrackEntry = {
      id: this.nextId++,
      proto: p.proto,
      orig,
      reply: { src: orig.dst, dst: orig.src, sport: orig.dport, dport: orig.sport },
      ...(p.proto === 'tcp' ? { tcpState: 'SYN_SENT' as TcpState } : {}),
      expires:
        now + 1000 * (p.proto === 'tcp' ? TIMEOUTS.tcp.SYN_SENT : p.proto === 'udp' ? TIMEOUTS.udp : TIMEOUTS.icmp),
      seenReply: false,
      assured: false,
      mark: 0,
      confirmed: false,
    };
    this.entries.set(entry.id, entry);
    this.index.set(key(entry.proto, entry.orig), { id: entry.id, dir: 'orig' });
    return entry;
  }

  /** Record a destination rewrite (DNAT): replies will come from the new address. */
  bindDnat(entry: ConntrackEntry, ip: number, port: number): void {
    this.reindex(entry, () => {
      entry.reply.src = ip;
      entry.reply.sport = port;
    });
  }

  /** Record a source rewrite (SNAT/MASQUERADE): replies will be addressed to the new source. */
  bindSnat(entry: ConntrackEntry, ip: number, port: number): void {
    this.reindex(entry, () => {
      entry.reply.dst = ip;
      entry.reply.dport = port;
    });
  }

  /** The entry leaves the hooks with its first packet: from now on it is found by both tuples. */
  confirm(entry: ConntrackEntry): void {
    entry.confirmed = true;
    this.index.set(key(entry.proto, entry.reply), { id: entry.id, dir: 'reply' });
  }

  /** A reply was seen: the flow is established (and assured for TCP after the handshake). */
  markReplied(entry: ConntrackEntry, now: number): void {
    entry.seenReply = true;
    // A single UDP or ICMP exchange keeps the short timeout and is not assured; TCP waits for the handshake.
    if (entry.proto === 'tcp') this.setTcpState(entry, 'SYN_RECV', now);
    else entry.expires = now + 1000 * (entry.proto === 'udp' ? TIMEOUTS.udp : TIMEOUTS.icmp);
  }

  /** A whole TCP connection went by (handshake, data, FIN both ways): TIME_WAIT, assured, as `conntrack -L` shows after a curl. */
  closeTcp(entry: ConntrackEntry, now: number): void {
    entry.assured = true;
    entry.seenReply = true;
    this.setTcpState(entry, 'TIME_WAIT', now);
  }

  /** The connection was refused (RST back): CLOSE for 10 s, a reply seen but never assured. */
  resetTcp(entry: ConntrackEntry, now: number): void {
    entry.seenReply = true;
    this.setTcpState(entry, 'CLOSE', now);
  }

  /** The entry with this id, if live. */
  get(id: number): ConntrackEntry | undefined {
    return this.entries.get(id);
  }

  /** Move a TCP entry to a state and restart its timer. */
  setTcpState(entry: ConntrackEntry, state: TcpState, now: number): void {
    entry.tcpState = state;
    entry.expires = now + 1000 * TIMEOUTS.tcp[state];
  }

  remove(id: number): void {
    const e = this.entries.get(id);
    if (!e) return;
    this.entries.delete(id);
    for (const t of [e.orig, e.reply]) {
      const k = key(e.proto, t);
      if (this.index.get(k)?.id === id) this.index.delete(k);
    }
  }

  /** Live entries in creation order. */
  list(now: number): ConntrackEntry[] {
    for (const e of [...this.entries.values()]) if (e.expires <= now) this.remove(e.id);
    return [...this.entries.values()];
  }

  private reindex(entry: ConntrackEntry, change: () => void): void {
    const before = key(entry.proto, entry.reply);
    if (this.index.get(before)?.id === entry.id) this.index.delete(before);
    change();
    if (entry.confirmed) this.index.set(key(entry.proto, entry.reply), { id: entry.id, dir: 'reply' });
  }

  snapshot(): ConntrackState {
    return structuredClone({ nextId: this.nextId, entries: [...this.entries.values()] });
  }

  static restore(snap: ConntrackState): Conntrack {
    const ct = new Conntrack();
    ct.nextId = snap.nextId;
    for (const e of structuredClone(snap.entries)) {
      ct.entries.set(e.id, e);
      ct.index.set(key(e.proto, e.orig), { id: e.id, dir: 'orig' });
      if (e.confirmed) ct.index.set(key(e.proto, e.reply), { id: e.id, dir: 'reply' });
    }
    return ct;
  }
}

/**
 * The DNAT and SNAT virtual ctstates (`-m conntrack --ctstate DNAT|SNAT`): nf_nat sets
 * IPS_DST_NAT/IPS_SRC_NAT when a binding changes a tuple, so a flow is DNATed when its original
 * destination differs from its reply source, and SNATed when its original source differs from its
 * reply destination. Read live: a DNAT in nat OUTPUT shows in filter OUTPUT of the same hook.
 */
export function natStatus(e: Readonly<ConntrackEntry>): { dnat: boolean; snat: boolean } {
  return {
    dnat: e.reply.src !== e.orig.dst || e.reply.sport !== e.orig.dport,
    snat: e.reply.dst !== e.orig.src || e.reply.dport !== e.orig.sport,
  };
}

function formatTuple(proto: L4Proto, t: Tuple, reply: boolean): string {
  const base = `src=${formatIp(t.src)} dst=${formatIp(t.dst)}`;
  // ICMP tuples carry type/code/id: echo request (8) out, echo reply (0) back.
  if (proto === 'icmp') return `${base} type=${reply ? 0 : 8} code=0 id=${t.sport}`;
  return `${base} sport=${t.sport} dport=${t.dport}`;
}

/** One `conntrack -L` line (conntrack-tools 1.4 format). */
export function formatConntrackEntry(e: ConntrackEntry, now: number): string {
  const secs = Math.max(0, Math.ceil((e.expires - now) / 1000));
  let s = `${e.proto.padEnd(8)} ${PROTO_NUMBER[e.proto]} ${secs} `;
  if (e.tcpState) s += `${e.tcpState} `;
  s += formatTuple(e.proto, e.orig, false);
  if (!e.seenReply) s += ' [UNREPLIED]';
  s += ` ${formatTuple(e.proto, e.reply, true)}`;
  if (e.assured) s += ' [ASSURED]';
  return `${s} mark=${e.mark} use=1`;
}
