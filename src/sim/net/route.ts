/**
 * Routing for one netns: routing tables (local 255, main 254, default 253, and numbered ones),
 * routes with type, scope, src, via, dev and metric, and `ip rule` policy rules walked by priority.
 * A lookup is longest-prefix match inside each table the rules select, as the kernel's fib does.
 */
import { cidrContains, maskOf, type Cidr } from './addr';

export const RT_TABLE = { local: 255, main: 254, default: 253 } as const;

export type RouteType = 'unicast' | 'local' | 'broadcast' | 'blackhole' | 'unreachable' | 'prohibit';
export type RouteScope = 'global' | 'link' | 'host';

export interface Route {
  table: number;
  type: RouteType;
  dst: Cidr;
  via?: number;
  dev?: string;
  src?: number;
  scope: RouteScope;
  /** Who installed it, as `ip route` shows: kernel (from an address), boot (ip route add), static, bird ... */
  proto: string;
  metric?: number;
}

export interface PolicyRule {
  priority: number;
  from?: Cidr;
  to?: Cidr;
  fwmark?: { value: number; mask: number };
  iif?: string;
  table: number;
}

/** The three rules every netns starts with (`ip rule` shows them). */
export const DEFAULT_POLICY_RULES: readonly PolicyRule[] = [
  { priority: 0, table: RT_TABLE.local },
  { priority: 32766, table: RT_TABLE.main },
  { priority: 32767, table: RT_TABLE.default },
];

export interface RoutingState {
  routes: Route[];
  rules: PolicyRule[];
}

/** What a lookup needs besides the destination. */
export interface LookupKeys {
  src?: number;
  mark?: number;
  iif?: string;
}

/** Longest-prefix match within one table; ties go to the lowest metric, then the first added. */
export function lookupTable(routes: readonly Route[], table: number, dst: number): Route | undefined {
  let best: Route | undefined;
  for (const r of routes) {
    if (r.table !== table || !cidrContains(r.dst, dst)) continue;
    if (!best || r.dst.len > best.dst.len || (r.dst.len === best.dst.len && (r.metric ?? 0) < (best.metric ?? 0)))
      best = r;
  }
  return best;
}

/** The route the kernel would pick for `dst`: policy rules by priority, first table with a match wins. */
export function lookupRoute(state: RoutingState, dst: number, keys: LookupKeys = {}): Route | undefined {
  const rules = [...state.rules].sort((a, b) => a.priority - b.priority);
  for (const rule of rules) {
    if (rule.from && (keys.src === undefined || !cidrContains(rule.from, keys.src))) continue;
    if (rule.to && !cidrContains(rule.to, dst)) continue;
    if (rule.fwmark && ((keys.mark ?? 0) & rule.fwmark.mask) >>> 0 !== rule.fwmark.value) continue;
    if (rule.iif && rule.iif !== keys.iif) continue;
    const r = lookupTable(state.routes, rule.table, dst);
    if (r) return r;
  }
  return undefined;
}

/** The network address of a prefix (for the kernel's prefix route of an address). */
export function networkOf(addr: number, len: number): Cidr {
  return { addr: (addr & maskOf(len)) >>> 0, len };
}
