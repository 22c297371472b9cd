/**
 * The IPVS table of one netns (the kernel's ip_vs core): virtual servers (protocol, VIP, port,
 * scheduler, persistence), their real servers (address, port, weight, forwarding method,
 * active/inactive connection counts), the connection table with IPVS's own TCP states and timeouts,
 * persistence templates, and counters with rates. The packet walk (ipvswalk.ts) asks it to
 * schedule new connections and to find existing ones; `ipvsadm` prints and edits it.
 */
import { formatIp } from './addr';
import { countConn, countPacket, newStats, type IpvsStats } from './ipvsstats';
import { destsChanged, newSchedState, schedule, type SchedState } from './ipvssched';
import type { Packet } from './packet';

export type IpvsProto = 'tcp' | 'udp' | 'sctp';
export type ForwardMethod = 'Masq' | 'Local' | 'Tunnel' | 'Route';

export interface RealServer {
  addr: number;
  port: number;
  weight: number;
  fwd: ForwardMethod;
  uthreshold: number;
  lthreshold: number;
  activeConns: number;
  inactConns: number;
  persistConns: number;
  stats: IpvsStats;
}

export interface VirtualServer {
  proto: IpvsProto;
  addr: number;
  port: number;
  scheduler: string;
  /** Persistence timeout in seconds (`-p`), 0 = not persistent. */
  persistent: number;
  /** Persistence netmask (`-M`), printed only when not /32. */
  netmask: number;
  /** Scheduler flags (`-b sh-fallback,sh-port`). */
  schedFlags: string[];
  /** Real servers in the kernel's list order (newest first). */
  dests: RealServer[];
  sched: SchedState;
  stats: IpvsStats;
}

/** IPVS TCP states as /proc/net/ip_vs_conn and `ipvsadm -Lnc` name them; UDP connections show `UDP`, templates `NONE`. */
export type IpvsConnState =
  | 'NONE'
  | 'ESTABLISHED'
  | 'SYN_SENT'
  | 'SYN_RECV'
  | 'FIN_WAIT'
  | 'TIME_WAIT'
  | 'CLOSE'
  | 'CLOSE_WAIT'
  | 'LAST_ACK'
  | 'UDP';

/** ip_vs_proto_tcp.c tcp_timeouts and ip_vs_proto_udp.c (seconds). */
export const IPVS_TIMEOUTS: Record<IpvsConnState, number> = {
  NONE: 2,
  ESTABLISHED: 900,
  SYN_SENT: 120,
  SYN_RECV: 60,
  FIN_WAIT: 120,
  TIME_WAIT: 120,
  CLOSE: 10,
  CLOSE_WAIT: 60,
  LAST_ACK: 30,
  UDP: 300,
};

export interface IpvsConn {
  id: number;
  proto: IpvsProto;
  caddr: number;
  cport: number;
  vaddr: number;
  vport: number;
  daddr: number;
  dport: number;
  state: IpvsConnState;
  /** Virtual ms at which the entry expires. */
  expires: number;
  /** A persistence template (client address → real server, ports 0); counts as PersistConn. */
  template: boolean;
  /** A template's own timeout in seconds (the service's persistence when it was made: ip_vs_sched_persist). */
  timeout?: number;
  /** The template a connection was scheduled through: it keeps the template alive (the kernel's n_control). */
  controller?: number;
}

/** The three timeouts `ipvsadm --set` changes (seconds): established TCP, TCP after a FIN, UDP. */
export interface IpvsTimeouts {
  tcp: number;
  tcpfin: number;
  udp: number;
}

/** The kernel's defaults (`ipvsadm -L --timeout`: 900 120 300). */
export const DEFAULT_IPVS_TIMEOUTS: IpvsTimeouts = { tcp: 900, tcpfin: 120, udp: 300 };

const sameTimeouts = (a: IpvsTimeouts, b: IpvsTimeouts): boolean =>
  a.tcp === b.tcp && a.tcpfin === b.tcpfin && a.udp === b.udp;

export class IpvsError extends Error {}

export interface IpvsState {
  services: VirtualServer[];
  conns: IpvsConn[];
  nextConnId: number;
  /** Absent in snapshots taken before `--set` was emulated: the defaults. */
  timeouts?: IpvsTimeouts;
}

const svcKey = (proto: string, addr: number, port: number): string => `${proto}|${addr}|${port}`;
const connKey = (proto: string, a: number, ap: number, b: number, bp: number): string =>
  `${proto}|${a}|${ap}|${b}|${bp}`;

/** `TCP 10.96.0.1:443`: how traces name a virtual server (protocol and VIP:port). */
export function serviceName(vs: Pick<VirtualServer, 'proto' | 'addr' | 'port'>): string {
  return `${vs.proto.toUpperCase()} ${formatIp(vs.addr)}:${vs.port}`;
}

/** Whether a connection in this state counts as active (ActiveConn) rather than inactive (InActConn). */
const isActive = (c: IpvsConn): boolean => c.state === 'ESTABLISHED';

export interface ServiceSpec {
  proto: IpvsProto;
  addr: number;
  port: number;
  scheduler: string;
  persistent?: number;
  netmask?: number;
  schedFlags?: string[];
}

export interface DestSpec {
  addr: number;
  port: number;
  weight?: number;
  fwd?: ForwardMethod;
  uthreshold?: number;
  lthreshold?: number;
}

export class Ipvs {
  private services = new Map<string, VirtualServer>();
  private conns = new Map<number, IpvsConn>();
  /** Client side (caddr:cport → vaddr:vport) and real-server side (daddr:dport → caddr:cport) lookups. */
  private inIndex = new Map<string, number>();
  private outIndex = new Map<string, number>();
  /** Persistence templates by proto|caddr|vaddr|vport. */
  private templates = new Map<string, number>();
  private nextConnId = 1;
  private prunedAt = -1;
  private timeouts: IpvsTimeouts = { ...DEFAULT_IPVS_TIMEOUTS };

  /** The netns's established-TCP, TCP-FIN and UDP timeouts (`ipvsadm -L --timeout`). */
  getTimeouts(): IpvsTimeouts {
    return { ...this.timeouts };
  }

  /** `ipvsadm --set TCP TCPFIN UDP` (ip_vs_set_timeout): 0 keeps a value; live entries keep their timers. */
  setTimeouts(t: IpvsTimeouts): void {
    if (t.tcp > 0) this.timeouts.tcp = t.tcp;
    if (t.tcpfin > 0) this.timeouts.tcpfin = t.tcpfin;
    if (t.udp > 0) this.timeouts.udp = t.udp;
  }

  /** Seconds an entry lives in a state: the three settable ones from this netns, the rest fixed. */
  private timeoutOf(state: IpvsConnState): number {
    if (state === 'ESTABLISHED') return this.timeouts.tcp;
    if (state === 'FIN_WAIT') return this.timeouts.tcpfin;
    if (state === 'UDP') return this.timeouts.udp;
    return IPVS_TIMEOUTS[state];
  }

  /** Virtual servers in creation order. */
  list(): VirtualServer[] {
    return [...this.services.values()];
  }

  find(proto: string, addr: number, port: number): VirtualServer | undefined {
    return this.services.get(svcKey(proto, addr, port));
  }

  /** `ipvsadm -A`. */
  addService(spec: ServiceSpec, now: number): VirtualServer {
    const k = svcKey(spec.proto, spec.addr, spec.port);
    if (this.services.has(k)) throw new IpvsError('Service already exists');
    const vs: VirtualServer = {
      proto: spec.proto,
      addr: spec.addr,
      port: spec.port,
      scheduler: spec.scheduler,
      persistent: spec.persistent ?? 0,
      netmask: spec.netmask ?? 0xffffffff,
      schedFlags: spec.schedFlags ?? [],
      dests: [],
      sched: newSchedState(),
      stats: newStats(now),
    };
    this.services.set(k, vs);
    return vs;
  }

  /** `ipvsadm -E`: scheduler and persistence change; the destinations stay. */
  editService(spec: ServiceSpec): VirtualServer {
    const vs = this.find(spec.proto, spec.addr, spec.port);
    if (!vs) throw new IpvsError('No such service');
    if (vs.scheduler !== spec.scheduler) {
      vs.scheduler = spec.scheduler;
      vs.sched = newSchedState();
      destsChanged(vs);
    }
    vs.persistent = spec.persistent ?? 0;
    vs.netmask = spec.netmask ?? 0xffffffff;
    vs.schedFlags = spec.schedFlags ?? [];
    return vs;
  }

  /** `ipvsadm -D`: the service and its connections go. */
  deleteService(proto: string, addr: number, port: number): void {
    const k = svcKey(proto, addr, port);
    if (!this.services.delete(k)) throw new IpvsError('No such service');
    for (const c of [...this.conns.values()])
      if (c.proto === proto && c.vaddr === addr && c.vport === port) this.dropConn(c);
  }

  /** `ipvsadm -C`. */
  clear(): void {
    this.services.clear();
    for (const c of [...this.conns.values()]) this.dropConn(c);
  }

  /** `ipvsadm -a`: a real server joins the head of the list, as list_add_rcu puts it. */
  addDest(vs: VirtualServer, spec: DestSpec, now: number): RealServer {
    if (vs.dests.some((d) => d.addr === spec.addr && d.port === spec.port))
      throw new IpvsError('Destination already exists');
    const d: RealServer = {
      addr: spec.addr,
      port: spec.port,
      weight: spec.weight ?? 1,
      fwd: spec.fwd ?? 'Masq',
      uthreshold: spec.uthreshold ?? 0,
      lthreshold: spec.lthreshold ?? 0,
      activeConns: 0,
      inactConns: 0,
      persistConns: 0,
      stats: newStats(now),
    };
    vs.dests.unshift(d);
    // The rr position moved one place along with the list.
    if (vs.sched.rr >= 0) vs.sched.rr++;
    destsChanged(vs);
    return d;
  }

  /** `ipvsadm -e`. */
  editDest(vs: VirtualServer, spec: DestSpec): RealServer {
    const d = vs.dests.find((x) => x.addr === spec.addr && x.port === spec.port);
    if (!d) throw new IpvsError('No such destination');
    if (spec.weight !== undefined) d.weight = spec.weight;
    if (spec.fwd !== undefined) d.fwd = spec.fwd;
    if (spec.uthreshold !== undefined) d.uthreshold = spec.uthreshold;
    if (spec.lthreshold !== undefined) d.lthreshold = spec.lthreshold;
    destsChanged(vs);
    return d;
  }

  /** `ipvsadm -d`. Existing connections keep going to it until they expire, as in the kernel (here: they are dropped with it). */
  deleteDest(vs: VirtualServer, addr: number, port: number): void {
    const i = vs.dests.findIndex((x) => x.addr === addr && x.port === port);
    if (i < 0) throw new IpvsError('No such destination');
    vs.dests.splice(i, 1);
    destsChanged(vs, i);
    for (const c of [...this.conns.values()])
      if (c.vaddr === vs.addr && c.vport === vs.port && c.proto === vs.proto && c.daddr === addr && c.dport === port)
        this.dropConn(c);
  }

  /** The connection a client-side packet belongs to (client → VIP). */
  lookupIn(p: Readonly<Packet>, now: number): IpvsConn | undefined {
    this.prune(now);
    const id = this.inIndex.get(connKey(p.proto, p.src, p.sport, p.dst, p.dport));
    return id === undefined ? undefined : this.conns.get(id);
  }

  /** The connection a real server's reply belongs to (real server → client). */
  lookupOut(p: Readonly<Packet>, now: number): IpvsConn | undefined {
    if (this.conns.size === 0) return undefined;
    this.prune(now);
    const id = this.outIndex.get(connKey(p.proto, p.src, p.sport, p.dst, p.dport));
    return id === undefined ? undefined : this.conns.get(id);
  }

  /**
   * A new connection for the first packet to a virtual server: through the persistence template
   * when the service is persistent and the client has one, else the scheduler. Undefined when no
   * real server is available.
   */
  newConnection(vs: VirtualServer, p: Readonly<Packet>, now: number): IpvsConn | undefined {
    let dest: RealServer | undefined;
    let controller: number | undefined;
    if (vs.persistent > 0) {
      const client = (p.src & vs.netmask) >>> 0;
      const tk = connKey(vs.proto, client, 0, vs.addr, vs.port);
      const tid = this.templates.get(tk);
      const t = tid === undefined ? undefined : this.conns.get(tid);
      if (t && t.expires > now) dest = vs.dests.find((d) => d.addr === t.daddr && d.port === t.dport && d.weight > 0);
      if (!dest) {
        if (t) this.dropConn(t);
        dest = schedule(vs, p);
        if (!dest) return undefined;
        const tmpl = this.insert({
          proto: vs.proto,
          caddr: client,
          cport: 0,
          vaddr: vs.addr,
          vport: vs.port,
          daddr: dest.addr,
          dport: dest.port,
          state: 'NONE',
          expires: now + vs.persistent * 1000,
          template: true,
          timeout: vs.persistent,
        });
        this.templates.set(tk, tmpl.id);
        dest.persistConns++;
        controller = tmpl.id;
      } else {
        // The template keeps the timeout it was made with, even after the service's changed.
        t!.expires = now + (t!.timeout ?? vs.persistent) * 1000;
        controller = t!.id;
      }
    } else {
      dest = schedule(vs, p);
      if (!dest) return undefined;
    }
    const state: IpvsConnState = vs.proto === 'udp' ? 'UDP' : 'SYN_RECV';
    const conn = this.insert({
      proto: vs.proto,
      caddr: p.src,
      cport: p.sport,
      vaddr: vs.addr,
      vport: vs.port,
      daddr: dest.addr,
      dport: dest.port,
      state,
      expires: now + this.timeoutOf(state) * 1000,
      template: false,
      ...(controller !== undefined ? { controller } : {}),
    });
    if (isActive(conn)) dest.activeConns++;
    else dest.inactConns++;
    // ip_vs_conn_stats: the connection counts here; its packets are counted as they pass (`count`).
    countConn(dest.stats, now);
    countConn(vs.stats, now);
    return conn;
  }

  /** The virtual server and real server of a connection. */
  endpointsOf(c: IpvsConn): { vs?: VirtualServer; dest?: RealServer } {
    const vs = this.find(c.proto, c.vaddr, c.vport);
    const dest = vs?.dests.find((d) => d.addr === c.daddr && d.port === c.dport);
    return { ...(vs ? { vs } : {}), ...(dest ? { dest } : {}) };
  }

  /** Count a packet of a connection on its service and real server (InPkts/InBytes or OutPkts/OutBytes). */
  count(c: IpvsConn, dir: 'in' | 'out', bytes: number, now: number): void {
    const { vs, dest } = this.endpointsOf(c);
    if (vs) countPacket(vs.stats, now, dir, bytes);
    if (dest) countPacket(dest.stats, now, dir, bytes);
  }

  /** Move a connection to a state (restarting its timer) and keep the dest's active/inactive counts right. */
  setState(c: IpvsConn, state: IpvsConnState, now: number): void {
    if (c.template) return;
    const dest = this.endpointsOf(c).dest;
    const wasActive = isActive(c);
    c.state = c.proto === 'udp' ? 'UDP' : state;
    c.expires = now + this.timeoutOf(c.state) * 1000;
    const active = isActive(c);
    if (dest && wasActive !== active) {
      dest.activeConns += active ? 1 : -1;
      dest.inactConns += active ? -1 : 1;
    }
  }

  /** A live connection by id. */
  get(id: number, now: number): IpvsConn | undefined {
    this.prune(now);
    return this.conns.get(id);
  }

  /** Live connection entries (templates included) in creation order. */
  connections(now: number): IpvsConn[] {
    this.prune(now);
    return [...this.conns.values()];
  }

  /** Remove a connection now (its timer ran out early: reused port, `ipvsadm` edits). */
  expire(c: IpvsConn): void {
    if (this.conns.has(c.id)) this.dropConn(c);
  }

  private insert(c: Omit<IpvsConn, 'id'>): IpvsConn {
    const conn: IpvsConn = { id: this.nextConnId++, ...c };
    this.conns.set(conn.id, conn);
    if (!conn.template) {
      this.inIndex.set(connKey(conn.proto, conn.caddr, conn.cport, conn.vaddr, conn.vport), conn.id);
      this.outIndex.set(connKey(conn.proto, conn.daddr, conn.dport, conn.caddr, conn.cport), conn.id);
    }
    return conn;
  }

  private dropConn(c: IpvsConn): void {
    this.conns.delete(c.id);
    const dest = this.endpointsOf(c).dest;
    if (c.template) {
      this.templates.delete(connKey(c.proto, c.caddr, 0, c.vaddr, c.vport));
      if (dest) dest.persistConns--;
      return;
    }
    const ik = connKey(c.proto, c.caddr, c.cport, c.vaddr, c.vport);
    if (this.inIndex.get(ik) === c.id) this.inIndex.delete(ik);
    const ok = connKey(c.proto, c.daddr, c.dport, c.caddr, c.cport);
    if (this.outIndex.get(ok) === c.id) this.outIndex.delete(ok);
    if (dest) {
      if (isActive(c)) dest.activeConns--;
      else dest.inactConns--;
    }
  }

  /** Expire connections whose timer ran out (once per virtual instant). */
  private prune(now: number): void {
    if (now === this.prunedAt) return;
    this.prunedAt = now;
    // A template lives while it controls a connection (ip_vs_conn_expire: n_control > 0 re-arms its
    // timer for another timeout), so note when each template's last controlled entry runs out.
    const lastControlled = new Map<number, number>();
    for (const c of this.conns.values())
      if (c.controller !== undefined)
        lastControlled.set(c.controller, Math.max(lastControlled.get(c.controller) ?? 0, c.expires));
    for (const c of this.conns.values()) if (!c.template && c.expires <= now) this.dropConn(c);
    for (const t of this.conns.values()) {
      if (!t.template) continue;
      const step = (t.timeout ?? 0) * 1000;
      while (t.expires <= now && step > 0 && (lastControlled.get(t.id) ?? 0) > t.expires) t.expires += step;
      if (t.expires <= now) this.dropConn(t);
    }
  }

  snapshot(): IpvsState {
    return structuredClone({
      services: this.list(),
      conns: [...this.conns.values()],
      nextConnId: this.nextConnId,
      // Only once changed, so snapshots of untouched tables (and the boot digests) stay as they were.
      ...(sameTimeouts(this.timeouts, DEFAULT_IPVS_TIMEOUTS) ? {} : { timeouts: this.timeouts }),
    });
  }

  static restore(snap: IpvsState | undefined): Ipvs {
    const ipvs = new Ipvs();
    if (!snap) return ipvs;
    const s = structuredClone(snap);
    for (const vs of s.services) ipvs.services.set(svcKey(vs.proto, vs.addr, vs.port), vs);
    ipvs.nextConnId = s.nextConnId;
    if (s.timeouts) ipvs.timeouts = s.timeouts;
    for (const c of s.conns) {
      ipvs.insert(c);
      if (c.template) ipvs.templates.set(connKey(c.proto, c.caddr, 0, c.vaddr, c.vport), c.id);
    }
    ipvs.nextConnId = s.nextConnId;
    return ipvs;
  }
}
