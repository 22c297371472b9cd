/**
 * Walks a packet through a netfilter chain as the kernel's ipt_do_table does: rules in order, jumps
 * and gotos with a return stack, RETURN, terminal verdicts, the built-in chain's policy at the end,
 * and packet/byte counters on every rule that matched. Non-terminal targets (MARK, LOG) change the
 * packet and carry on. Chance (statistic random) comes from a seeded Rng; time (recent) from the
 * virtual clock, both passed in.
 */
import { cidrContains, formatIp, parseIp } from './addr';
import type { Netfilter, TableName } from './netfilter';
import type { Packet } from './packet';
import type { AddrType, CtState, Match, Rule } from './rule';
import type { TraceEvent } from './trace';

/** A packet's conntrack view, as the conntrack/state matches see it. */
export interface CtInfo {
  state: CtState;
  /** The connection's NAT status bits (`--ctstate DNAT` / `SNAT`). */
  dnat: boolean;
  snat: boolean;
}

export interface EvalContext {
  netns: string;
  /** Uniform floats in [0, 1): the statistic match's random draw (seeded). */
  random(): number;
  /** Virtual time in ms (recent lists). */
  now: number;
  ct: CtInfo;
  /**
   * The routing type of an address in this netns (addrtype match): LOCAL, UNICAST, BROADCAST, ...
   * With `dev`, as `--limit-iface-in/out` asks: LOCAL only for an address of that interface.
   */
  addrType(ip: number, dev?: string): AddrType;
  /** ipset membership (set match); absent = no sets exist. */
  inSet?(name: string, packet: Packet, flags: readonly ('src' | 'dst')[]): boolean;
  /** Where matched rules, policies and hooks are recorded (optional). */
  trace?: TraceEvent[];
  /** The connection's mark (CONNMARK); absent = the target does nothing. */
  ctMark?: { get(): number; set(mark: number): void };
  /** NOTRACK: take the packet out of connection tracking (absent = the target does nothing). */
  untrack?(): void;
}

/** What a chain walk decided. NAT verdicts accept the packet and carry the rewrite to apply. */
export type Verdict =
  | { kind: 'ACCEPT' }
  | { kind: 'DROP' }
  | { kind: 'REJECT'; rejectWith: string }
  | { kind: 'DNAT'; to: string }
  | { kind: 'SNAT'; to: string }
  | { kind: 'MASQUERADE' };

/** Walks `chain` (a built-in chain) of `table` for `packet`; may change packet.mark. */
export function evaluateChain(
  nf: Netfilter,
  table: TableName,
  chain: string,
  packet: Packet,
  ctx: EvalContext,
): Verdict {
  const builtin = nf.requireChain(table, chain);
  const stack: { chain: string; next: number }[] = [];
  let current = builtin;
  let i = 0;
  walk: for (;;) {
    i = nextCandidate(current.rules, i, packet.dst);
    if (i >= current.rules.length) {
      const frame = stack.pop();
      if (!frame) break walk; // fell off the built-in chain: its policy decides
      current = nf.requireChain(table, frame.chain);
      i = frame.next;
      continue;
    }
    const rule = current.rules[i]!;
    const index = i++;
    if (!ruleMatches(nf, rule, packet, ctx)) continue;
    rule.counters.packets++;
    rule.counters.bytes += packet.length;
    ctx.trace?.push({ kind: 'rule', netns: ctx.netns, table, chain: current.name, index: index + 1 });
    const t = rule.target;
    if (!t) continue;
    switch (t.kind) {
      case 'ACCEPT':
        return { kind: 'ACCEPT' };
      case 'DROP':
        return { kind: 'DROP' };
      case 'REJECT':
        return { kind: 'REJECT', rejectWith: t.rejectWith };
      case 'DNAT':
        return { kind: 'DNAT', to: t.to };
      case 'SNAT':
        return { kind: 'SNAT', to: t.to };
      case 'MASQUERADE':
        return { kind: 'MASQUERADE' };
      case 'MARK':
        packet.mark = ((packet.mark & ~t.mask) ^ t.mark) >>> 0;
        continue;
      case 'CONNMARK': {
        const ct = ctx.ctMark;
        if (!ct) continue;
        if (t.mode === 'set') ct.set(((ct.get() & ~t.ctmask) ^ t.mark) >>> 0);
        else if (t.mode === 'save') ct.set(((ct.get() & ~t.ctmask) ^ (packet.mark & t.nfmask)) >>> 0);
        else packet.mark = ((packet.mark & ~t.nfmask) ^ (ct.get() & t.ctmask)) >>> 0;
        continue;
      }
      case 'LOG':
        continue;
      case 'NOTRACK':
        ctx.untrack?.();
        continue;
      case 'RETURN': {
        const frame = stack.pop();
        if (!frame) break walk; // RETURN in a built-in chain: the policy decides
        current = nf.requireChain(table, frame.chain);
        i = frame.next;
        continue;
      }
      case 'jump':
        if (!t.goto) stack.push({ chain: current.name, next: i });
        current = nf.requireChain(table, t.chain);
        i = 0;
        continue;
    }
  }
  builtin.counters.packets++;
  builtin.counters.bytes += packet.length;
  ctx.trace?.push({ kind: 'policy', netns: ctx.netns, table, chain, policy: builtin.policy ?? 'ACCEPT' });
  return { kind: builtin.policy === 'DROP' ? 'DROP' : 'ACCEPT' };
}

/**
 * Long chains (KUBE-SERVICES with thousands of services) are indexed by exact destination: rules
 * with a plain `-d A.B.C.D/32` are listed under that address, all others are "wildcards" tried in
 * order. The walk visits, in rule order, only rules that could match the packet's destination, so
 * matching stays fast while counters, traces and printing keep the real order.
 */
interface DstIndex {
  byDst: Map<number, number[]>;
  wildcard: number[];
}

const INDEX_MIN_RULES = 32;
const indexes = new WeakMap<readonly Rule[], DstIndex>();

function indexOf(rules: readonly Rule[]): DstIndex {
  let idx = indexes.get(rules);
  if (!idx) {
    idx = { byDst: new Map(), wildcard: [] };
    rules.forEach((r, i) => {
      if (r.dst && !r.dst.invert && r.dst.value.len === 32) {
        const list = idx!.byDst.get(r.dst.value.addr);
        if (list) list.push(i);
        else idx!.byDst.set(r.dst.value.addr, [i]);
      } else idx!.wildcard.push(i);
    });
    indexes.set(rules, idx);
  }
  return idx;
}

/** The first position in a sorted list that is >= pos (or the list length). */
function lowerBound(list: readonly number[], pos: number): number {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (list[mid]! < pos) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The first rule at or after `pos` that could match destination `dst` (rules.length when none). */
function nextCandidate(rules: readonly Rule[], pos: number, dst: number): number {
  if (rules.length < INDEX_MIN_RULES || pos >= rules.length) return pos;
  const idx = indexOf(rules);
  const w = idx.wildcard[lowerBound(idx.wildcard, pos)] ?? rules.length;
  const exact = idx.byDst.get(dst);
  const d = exact ? (exact[lowerBound(exact, pos)] ?? rules.length) : rules.length;
  return Math.min(w, d);
}

function ifaceMatches(pattern: string, name: string | undefined): boolean {
  if (name === undefined) return false;
  // iptables: a trailing '+' matches any interface name with that prefix.
  return pattern.endsWith('+') ? name.startsWith(pattern.slice(0, -1)) : name === pattern;
}

/** Whether every header field and match of `rule` accepts `packet` (matches run in order, with their side effects). */
export function ruleMatches(nf: Netfilter, rule: Rule, packet: Packet, ctx: EvalContext): boolean {
  if (rule.src && cidrContains(rule.src.value, packet.src) === rule.src.invert) return false;
  if (rule.dst && cidrContains(rule.dst.value, packet.dst) === rule.dst.invert) return false;
  if (rule.inIface && ifaceMatches(rule.inIface.value, packet.inIface) === rule.inIface.invert) return false;
  if (rule.outIface && ifaceMatches(rule.outIface.value, packet.outIface) === rule.outIface.invert) return false;
  if (rule.proto && rule.proto.value !== 'all' && (rule.proto.value === packet.proto) === rule.proto.invert)
    return false;
  for (const m of rule.matches) if (!matchOne(nf, m, packet, ctx)) return false;
  return true;
}

function inRange(p: number, r: { min: number; max: number; invert: boolean } | undefined): boolean {
  return !r || (p >= r.min && p <= r.max) !== r.invert;
}

function matchOne(nf: Netfilter, m: Match, packet: Packet, ctx: EvalContext): boolean {
  switch (m.kind) {
    case 'comment':
    case 'nfacct':
      return true;
    case 'tcp':
    case 'udp':
      return packet.proto === m.kind && inRange(packet.sport, m.sport) && inRange(packet.dport, m.dport);
    case 'multiport': {
      const hit = m.ports.some(
        (p) => (m.dir !== 'sports' && p === packet.dport) || (m.dir !== 'dports' && p === packet.sport),
      );
      return hit !== m.invert;
    }
    case 'statistic':
      if (m.mode === 'random') return ctx.random() * 0x80000000 < m.probability !== m.invert;
      {
        // xt_statistic nth: the counter runs 0..every-1 (starting at --packet); the rule matches when it wraps to 0.
        m.count = m.count >= m.every - 1 ? 0 : m.count + 1;
        return (m.count === 0) !== m.invert;
      }
    case 'mark':
      return ((packet.mark & m.mask) >>> 0 === m.mark) !== m.invert;
    case 'conntrack':
    case 'state': {
      const hit = m.states.some(
        (s) => s === ctx.ct.state || (s === 'DNAT' && ctx.ct.dnat) || (s === 'SNAT' && ctx.ct.snat),
      );
      return hit !== m.invert;
    }
    case 'addrtype': {
      const dev = m.limitIface === 'in' ? packet.inIface : m.limitIface === 'out' ? packet.outIface : undefined;
      if (m.srcType && (ctx.addrType(packet.src, dev) === m.srcType.value) === m.srcType.invert) return false;
      if (m.dstType && (ctx.addrType(packet.dst, dev) === m.dstType.value) === m.dstType.invert) return false;
      return true;
    }
    case 'set':
      return (ctx.inSet?.(m.name, packet, m.flags) ?? false) !== m.invert;
    case 'recent':
      return recentMatch(nf, m, packet, ctx) !== m.invert;
    case 'physdev':
      return m.invert; // no bridge ports are enslaved in our nodes: "is-in" is false
    case 'ipvs':
      return m.invert; // IPVS is not in the path of iptables-mode packets
  }
}

/** xt_recent: per-name lists of source (or destination) addresses with hit times. */
function recentMatch(nf: Netfilter, m: Extract<Match, { kind: 'recent' }>, packet: Packet, ctx: EvalContext): boolean {
  const mask = parseIp(m.mask) ?? 0xffffffff;
  const addr = formatIp(((m.side === 'rsource' ? packet.src : packet.dst) & mask) >>> 0);
  const lists = nf.state.recent;
  const list = (lists[m.name] ??= {});
  const hits = list[addr];
  const fresh = (ts: number): boolean => m.seconds === undefined || ctx.now - ts <= m.seconds * 1000;
  switch (m.command) {
    case 'set':
      (list[addr] ??= []).push(ctx.now);
      return true;
    case 'remove':
      if (!hits) return false;
      delete list[addr];
      return true;
    case 'rcheck':
    case 'update': {
      if (!hits) return false;
      if (m.reap && m.seconds !== undefined) {
        list[addr] = hits.filter(fresh);
        if (list[addr]!.length === 0) {
          delete list[addr];
          return false;
        }
      }
      const current = list[addr]!;
      const count = current.filter(fresh).length;
      const ok = m.hitcount !== undefined ? count >= m.hitcount : count > 0;
      if (ok && m.command === 'update') current.push(ctx.now);
      return ok;
    }
  }
}
