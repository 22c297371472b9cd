/**
 * IPVS counters and the kernel's rate estimator (net/netfilter/ipvs/ip_vs_est.c): every 2 seconds
 * the estimator takes the counter deltas, scales them (<< 9 for conns and packets, << 4 for bytes)
 * and folds them into an average with weight 1/4; `ipvsadm --rate` shows the averages unscaled with
 * rounding. Here the 2-second ticks are replayed lazily on the virtual clock whenever a counter
 * changes or is read, which gives the same numbers as a timer would.
 */

export interface IpvsCounters {
  conns: number;
  inpkts: number;
  outpkts: number;
  inbytes: number;
  outbytes: number;
}

/** The estimator's scaled averages and the counters it last saw. */
export interface IpvsEstimator {
  /** Index of the last 2-second tick applied (virtual ms / 2000). */
  tick: number;
  last: IpvsCounters;
  cps: number;
  inpps: number;
  outpps: number;
  inbps: number;
  outbps: number;
}

export interface IpvsStats {
  counters: IpvsCounters;
  est: IpvsEstimator;
}

/** The rates `ipvsadm --rate` prints. */
export interface IpvsRates {
  cps: number;
  inpps: number;
  outpps: number;
  inbps: number;
  outbps: number;
}

const TICK_MS = 2000;
/** After this many idle ticks every average has decayed to 0 (x - x/4 per tick from below 2^53). */
const DECAY_TICKS = 160;

const zero = (): IpvsCounters => ({ conns: 0, inpkts: 0, outpkts: 0, inbytes: 0, outbytes: 0 });

/** Fresh stats whose estimator starts at `now`. */
export function newStats(now: number): IpvsStats {
  return {
    counters: zero(),
    est: { tick: Math.floor(now / TICK_MS), last: zero(), cps: 0, inpps: 0, outpps: 0, inbps: 0, outbps: 0 },
  };
}

/** `avg += (rate - avg) >> 2` with C's arithmetic shift on a signed value. */
const fold = (avg: number, rate: number): number => avg + Math.floor((rate - avg) / 4);

/** Apply the estimator ticks that passed up to `now` (the counters have not changed since the last call). */
export function catchUp(s: IpvsStats, now: number): void {
  const target = Math.floor(now / TICK_MS);
  const e = s.est;
  if (target <= e.tick) return;
  let ticks = target - e.tick;
  const c = s.counters;
  // The first tick sees the change since the last tick; the rest see no change.
  e.cps = fold(e.cps, (c.conns - e.last.conns) * 512);
  e.inpps = fold(e.inpps, (c.inpkts - e.last.inpkts) * 512);
  e.outpps = fold(e.outpps, (c.outpkts - e.last.outpkts) * 512);
  e.inbps = fold(e.inbps, (c.inbytes - e.last.inbytes) * 16);
  e.outbps = fold(e.outbps, (c.outbytes - e.last.outbytes) * 16);
  e.last = { ...c };
  ticks--;
  if (ticks >= DECAY_TICKS) {
    e.cps = e.inpps = e.outpps = e.inbps = e.outbps = 0;
  } else {
    for (; ticks > 0; ticks--) {
      e.cps = fold(e.cps, 0);
      e.inpps = fold(e.inpps, 0);
      e.outpps = fold(e.outpps, 0);
      e.inbps = fold(e.inbps, 0);
      e.outbps = fold(e.outbps, 0);
    }
  }
  e.tick = target;
}

/** Count a new connection at time `now`. */
export function countConn(s: IpvsStats, now: number): void {
  catchUp(s, now);
  s.counters.conns++;
}

/** Count one packet at time `now`. */
export function countPacket(s: IpvsStats, now: number, dir: 'in' | 'out', bytes: number): void {
  catchUp(s, now);
  if (dir === 'in') {
    s.counters.inpkts++;
    s.counters.inbytes += bytes;
  } else {
    s.counters.outpkts++;
    s.counters.outbytes += bytes;
  }
}

/** The rates at `now`, as ip_vs_read_estimator unscales them. */
export function ratesAt(s: IpvsStats, now: number): IpvsRates {
  catchUp(s, now);
  const e = s.est;
  return {
    cps: Math.floor((e.cps + 0x1ff) / 1024),
    inpps: Math.floor((e.inpps + 0x1ff) / 1024),
    outpps: Math.floor((e.outpps + 0x1ff) / 1024),
    inbps: Math.floor((e.inbps + 0xf) / 32),
    outbps: Math.floor((e.outbps + 0xf) / 32),
  };
}
