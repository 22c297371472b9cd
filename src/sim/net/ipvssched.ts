/**
 * IPVS schedulers with the kernel's semantics (net/netfilter/ipvs/ip_vs_*.c). Each picks a real
 * server from a virtual server's destination list, in the kernel's list order (a new destination
 * is added at the head: list_add_rcu), skipping destinations with weight 0 (quiesced).
 * rr/wrr keep a position between calls; lc/wlc/sed/nq compare connection counts; sh/dh hash the
 * source/destination address into a 256-bucket table filled round robin by weight.
 */
import type { Packet } from './packet';
import type { RealServer, VirtualServer } from './ipvs';

/** Scheduler state kept with the virtual server (JSON). */
export interface SchedState {
  /** rr: list index of the last destination picked; -1 = the list head (start over). */
  rr: number;
  /** wrr: current list index (-1 = head), current weight, max weight, gcd of weights. */
  wrr: { cl: number; cw: number; mw: number; di: number };
}

export const SCHEDULERS = ['rr', 'wrr', 'lc', 'wlc', 'lblc', 'lblcr', 'dh', 'sh', 'sed', 'nq', 'fo', 'ovf'] as const;

/** Schedulers emulated with their own semantics (the others are refused by `ipvsadm` as not emulated). */
export const EMULATED_SCHEDULERS = new Set(['rr', 'wrr', 'lc', 'wlc', 'sh', 'dh', 'sed', 'nq']);

export const newSchedState = (): SchedState => ({ rr: -1, wrr: { cl: -1, cw: 0, mw: 0, di: 1 } });

const available = (d: RealServer): boolean => d.weight > 0;

const gcd = (a: number, b: number): number => (b === 0 ? a : gcd(b, a % b));

/** The kernel's scheduler `add_dest`/`del_dest`/`upd_dest` bookkeeping after the list changed. */
export function destsChanged(vs: VirtualServer, removedIndex?: number): void {
  const s = vs.sched;
  if (removedIndex !== undefined) {
    // ip_vs_rr_del_dest: a position on the removed entry moves to the previous one.
    if (s.rr === removedIndex) s.rr = removedIndex - 1;
    else if (s.rr > removedIndex) s.rr--;
  }
  if (s.rr >= vs.dests.length) s.rr = -1;
  // ip_vs_wrr_dest_changed: restart from the head with the new gcd and max weight.
  const weights = vs.dests.map((d) => d.weight).filter((w) => w > 0);
  const di = weights.reduce((a, b) => gcd(a, b), 0) || 1;
  const max = weights.reduce((a, b) => Math.max(a, b), 0);
  s.wrr.cl = -1;
  s.wrr.di = di;
  s.wrr.mw = max === 0 ? 0 : max - (di - 1);
  if (s.wrr.cw > s.wrr.mw || s.wrr.cw === 0) s.wrr.cw = s.wrr.mw;
  else if (di > 1) s.wrr.cw = Math.floor(s.wrr.cw / di) * di + 1;
}

function rr(vs: VirtualServer): RealServer | undefined {
  const n = vs.dests.length;
  for (let step = 1; step <= n; step++) {
    const i = (vs.sched.rr + step) % n;
    const d = vs.dests[i]!;
    if (available(d)) {
      vs.sched.rr = i;
      return d;
    }
  }
  return undefined;
}

/** ip_vs_wrr_schedule: walk the list, lowering the current weight by the gcd at each wrap. */
function wrr(vs: VirtualServer): RealServer | undefined {
  const m = vs.sched.wrr;
  const n = vs.dests.length;
  if (m.mw === 0 || n === 0) return undefined;
  // Bounded: every destination is looked at for every weight level at most once.
  for (let guard = 0; guard < n * (m.mw / m.di + 2) + 2; guard++) {
    m.cl++;
    if (m.cl >= n) {
      m.cl = -1;
      m.cw -= m.di;
      if (m.cw <= 0) m.cw = m.mw;
      continue;
    }
    const d = vs.dests[m.cl]!;
    if (available(d) && d.weight >= m.cw) return d;
  }
  return undefined;
}

/** Least-overhead choice over the list: `better(candidate, least)` says when to switch. First wins ties. */
function least(vs: VirtualServer, better: (d: RealServer, l: RealServer) => boolean): RealServer | undefined {
  let best: RealServer | undefined;
  for (const d of vs.dests) {
    if (!available(d)) continue;
    if (!best || better(d, best)) best = d;
  }
  return best;
}

/** ip_vs_dest_conn_overhead: active connections weigh 256 times an inactive one. */
const overhead = (d: RealServer): number => d.activeConns * 256 + d.inactConns;

/** Round-robin table of 256 buckets, each destination taking `weight` consecutive buckets (ip_vs_sh/dh_reassign). */
function hashTable(vs: VirtualServer): (RealServer | undefined)[] {
  const table: (RealServer | undefined)[] = [];
  if (vs.dests.length === 0) return Array.from({ length: 256 }, () => undefined);
  let i = 0;
  let count = 0;
  for (let b = 0; b < 256; b++) {
    const d = vs.dests[i]!;
    table.push(d);
    if (++count >= Math.max(1, d.weight)) {
      i = (i + 1) % vs.dests.length;
      count = 0;
    }
  }
  return table;
}

/** hash_32(val, 8): multiply by GOLDEN_RATIO_32 and keep the top 8 bits. */
const hash32 = (val: number): number => Math.imul(val >>> 0, 0x61c88647) >>> 24;

/** Pick a real server for the first packet of a new connection, or undefined (no destination available). */
export function schedule(vs: VirtualServer, p: Readonly<Packet>): RealServer | undefined {
  switch (vs.scheduler) {
    case 'rr':
      return rr(vs);
    case 'wrr':
      return wrr(vs);
    case 'lc':
      return least(vs, (d, l) => overhead(d) < overhead(l));
    case 'wlc':
      return least(vs, (d, l) => overhead(l) * d.weight > overhead(d) * l.weight);
    case 'sed':
      return least(vs, (d, l) => (l.activeConns + 1) * d.weight > (d.activeConns + 1) * l.weight);
    case 'nq': {
      // Never queue: an idle server is taken at once, else shortest expected delay.
      const idle = vs.dests.find((d) => available(d) && d.activeConns === 0);
      return idle ?? least(vs, (d, l) => (l.activeConns + 1) * d.weight > (d.activeConns + 1) * l.weight);
    }
    case 'sh': {
      const d = hashTable(vs)[hash32(p.src)];
      return d && available(d) ? d : undefined;
    }
    case 'dh': {
      const d = hashTable(vs)[(Math.imul(p.dst >>> 0, 2654435761) >>> 0) & 255];
      return d && available(d) ? d : undefined;
    }
    default:
      return rr(vs);
  }
}
