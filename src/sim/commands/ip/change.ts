/**
 * `ip route add|del|replace` and `ip rule add|del`: a learner's changes to a namespace's routing,
 * which the packet walk obeys at once. iproute2's error words for the usual mistakes.
 */
import type { Netns } from '../../net/netns';
import { cidrContains, parseCidr, parseIp, type Cidr } from '../../net/addr';
import { networkOf, RT_TABLE, type PolicyRule, type Route, type RouteType } from '../../net/route';
import { parseTable } from './route';

export type ChangeResult = { out: string; err?: string; code?: number };

const fail = (err: string, code = 2): ChangeResult => ({ out: '', err, code });

function parsePrefix(text: string): Cidr | undefined {
  if (text === 'default' || text === 'all') return { addr: 0, len: 0 };
  const c = text.includes('/')
    ? parseCidr(text)
    : parseIp(text) !== undefined
      ? { addr: parseIp(text)!, len: 32 }
      : undefined;
  return c ? networkOf(c.addr, c.len) : undefined;
}

const ROUTE_TYPES: RouteType[] = ['unicast', 'local', 'broadcast', 'blackhole', 'unreachable', 'prohibit'];

/** Parse the words after `ip route add` into a route (undefined fields are the kernel's to choose). */
function parseRoute(ns: Netns, words: string[]): Route | ChangeResult {
  let type: RouteType = 'unicast';
  let dst: Cidr | undefined;
  const r: Partial<Route> = {};
  for (let i = 0; i < words.length; i++) {
    const w = words[i]!;
    const next = (): string => words[++i] ?? '';
    if (ROUTE_TYPES.includes(w as RouteType) && dst === undefined) type = w as RouteType;
    else if (w === 'via') {
      const v = parseIp(next());
      if (v === undefined) return fail(`Error: inet address is expected rather than "${words[i]}".\n`, 1);
      r.via = v;
    } else if (w === 'dev' || w === 'oif') {
      const d = next();
      if (!ns.link(d)) return fail(`Cannot find device "${d}"\n`, 1);
      r.dev = d;
    } else if (w === 'table') {
      const t = parseTable(next());
      if (t === undefined || t === 'all')
        return fail(`Error: argument "${words[i]}" is wrong: "table" value is invalid\n\n`, 255);
      r.table = t;
    } else if (w === 'src') r.src = parseIp(next());
    else if (w === 'metric' || w === 'priority') r.metric = Number(next());
    else if (w === 'proto' || w === 'protocol') r.proto = next();
    else if (w === 'scope') r.scope = next() as Route['scope'];
    else if (w === 'to') dst = parsePrefix(next());
    else if (dst === undefined) {
      dst = parsePrefix(w);
      if (!dst) return fail(`Error: any valid prefix is expected rather than "${w}".\n`, 1);
    } else return fail(`Error: either "to" is duplicate, or "${w}" is a garbage.\n`, 255);
  }
  if (!dst) return fail('Error: any valid prefix is expected rather than "".\n', 1);
  if (type === 'unicast' && r.via !== undefined && !r.dev) {
    // The gateway must be on a directly connected network; its route gives the device.
    const onLink = ns.routing.routes.find(
      (x) => x.table === RT_TABLE.main && x.via === undefined && x.dev && cidrContains(x.dst, r.via!),
    );
    if (!onLink) return fail('Error: Nexthop has invalid gateway.\n');
    r.dev = onLink.dev;
  }
  if (type === 'unicast' && !r.dev) return fail('Error: Device for nexthop is not up.\n');
  return {
    table: RT_TABLE.main,
    proto: 'boot',
    scope: type === 'unicast' && r.via === undefined ? 'link' : type === 'local' ? 'host' : 'global',
    ...r,
    type,
    dst,
  } as Route;
}

const sameKey = (a: Route, b: Route): boolean =>
  a.table === b.table && a.dst.addr === b.dst.addr && a.dst.len === b.dst.len && (a.metric ?? 0) === (b.metric ?? 0);

/** `ip route add|append|replace|change|del WORDS`. */
export function changeRoute(ns: Netns, verb: string, words: string[]): ChangeResult {
  const parsed = verb === 'del' || verb === 'delete' ? parseDel(ns, words) : parseRoute(ns, words);
  if (!('dst' in parsed)) return parsed;
  const route = parsed as Route;
  const existing = ns.routing.routes.findIndex((r) => sameKey(r, route));
  switch (verb) {
    case 'add':
    case 'a':
    case 'append':
      if (existing >= 0) return fail('RTNETLINK answers: File exists\n');
      ns.routing.routes.push(route);
      return { out: '' };
    case 'replace':
    case 'change':
    case 'chg':
      if (existing >= 0) ns.routing.routes[existing] = route;
      else if (verb === 'replace') ns.routing.routes.push(route);
      else return fail('RTNETLINK answers: No such file or directory\n');
      return { out: '' };
    default: {
      // del matches on the prefix (and table), plus whatever else was given.
      const i = ns.routing.routes.findIndex(
        (r) =>
          r.table === route.table &&
          r.dst.addr === route.dst.addr &&
          r.dst.len === route.dst.len &&
          (route.dev === undefined || r.dev === route.dev) &&
          (route.via === undefined || r.via === route.via),
      );
      if (i < 0) return fail('RTNETLINK answers: No such process\n');
      ns.routing.routes.splice(i, 1);
      return { out: '' };
    }
  }
}

/** `ip route del` accepts a bare prefix: no device needed. */
function parseDel(ns: Netns, words: string[]): Route | ChangeResult {
  const dst = words.find((w, i) => i === 0 || words[i - 1] === 'to');
  const prefix = dst === undefined ? undefined : parsePrefix(dst === 'to' ? (words[1] ?? '') : dst);
  if (!prefix) return fail(`Error: any valid prefix is expected rather than "${dst ?? ''}".\n`, 1);
  const ti = words.indexOf('table');
  const table = ti >= 0 ? parseTable(words[ti + 1] ?? '') : RT_TABLE.main;
  if (table === undefined || table === 'all')
    return fail(`Error: argument "${words[ti + 1] ?? ''}" is wrong: "table" value is invalid\n\n`, 255);
  const di = words.indexOf('dev');
  const vi = words.indexOf('via');
  return {
    table,
    type: 'unicast',
    dst: prefix,
    scope: 'global',
    proto: 'boot',
    ...(di >= 0 ? { dev: words[di + 1] } : {}),
    ...(vi >= 0 ? { via: parseIp(words[vi + 1] ?? '') } : {}),
  } as Route;
}

/** `ip rule add|del [from P] [to P] [fwmark M[/MASK]] [iif DEV] [lookup|table T] [priority N]`. */
export function changeRule(ns: Netns, verb: string, words: string[]): ChangeResult {
  const rule: Partial<PolicyRule> = {};
  for (let i = 0; i < words.length; i++) {
    const w = words[i]!;
    const v = words[++i] ?? '';
    if (w === 'from' || w === 'to') {
      const p = parsePrefix(v);
      if (!p) return fail(`Error: inet prefix is expected rather than "${v}".\n`, 1);
      if (p.len > 0) rule[w] = p;
    } else if (w === 'fwmark') {
      const [m, mask] = v.split('/');
      rule.fwmark = { value: Number(m), mask: mask ? Number(mask) : 0xffffffff };
    } else if (w === 'iif') rule.iif = v;
    else if (w === 'lookup' || w === 'table') {
      const t = parseTable(v);
      if (t === undefined || t === 'all') return fail(`Error: argument "${v}" is wrong: invalid table ID\n\n`, 255);
      rule.table = t;
    } else if (w === 'priority' || w === 'pref' || w === 'preference') rule.priority = Number(v);
    else return fail(`Error: argument "${w}" is wrong: Failed to parse rule type\n\n`, 255);
  }
  const same = (r: PolicyRule): boolean =>
    (rule.priority === undefined || r.priority === rule.priority) &&
    (rule.table === undefined || r.table === rule.table) &&
    JSON.stringify(r.from) === JSON.stringify(rule.from) &&
    JSON.stringify(r.to) === JSON.stringify(rule.to);
  if (verb === 'del' || verb === 'delete') {
    const i = ns.routing.rules.findIndex(same);
    if (i < 0) return fail('RTNETLINK answers: No such file or directory\n');
    ns.routing.rules.splice(i, 1);
    return { out: '' };
  }
  if (rule.table === undefined) rule.table = RT_TABLE.main;
  // Without a priority the kernel takes one below the lowest non-zero priority in use.
  if (rule.priority === undefined)
    rule.priority = Math.max(0, Math.min(...ns.routing.rules.map((r) => r.priority).filter((p) => p > 0)) - 1);
  ns.routing.rules.push(rule as PolicyRule);
  return { out: '' };
}
