/** `ip route` (list, show table, get) and `ip rule`, printed as iproute2 6.x does, trailing spaces included. */
import type { Netns } from '../../net/netns';
import { formatIp, parseIp } from '../../net/addr';
import { RT_TABLE, type PolicyRule, type Route } from '../../net/route';
import type { Paint } from './color';
import { linkView, type NetnsLookup } from '../../net/linkstate';

const TABLE_NAMES: Record<number, string> = {
  [RT_TABLE.local]: 'local',
  [RT_TABLE.main]: 'main',
  [RT_TABLE.default]: 'default',
};

/** A table id from its name or number, undefined when neither. */
export function parseTable(text: string): number | 'all' | undefined {
  if (text === 'all') return 'all';
  const named = Object.entries(TABLE_NAMES).find(([, n]) => n === text);
  if (named) return Number(named[0]);
  return /^\d+$/.test(text) ? Number(text) : undefined;
}

function dstText(r: Route): string {
  if (r.dst.len === 0 && r.type === 'unicast') return 'default';
  return r.dst.len === 32 ? formatIp(r.dst.addr) : `${formatIp(r.dst.addr)}/${r.dst.len}`;
}

/** One route line. `showTable` adds `table NAME` (when listing other tables than main); `linkdown` marks a device without carrier. */
export function routeLine(r: Route, paint: Paint, showTable: boolean, linkdown = false): string {
  let s = r.type === 'unicast' ? '' : `${r.type} `;
  s += r.dst.len === 0 && r.type === 'unicast' ? 'default ' : paint('inet', `${dstText(r)} `);
  if (r.via !== undefined) s += `via ${paint('inet', `${formatIp(r.via)} `)}`;
  if (r.dev) s += `dev ${paint('ifname', `${r.dev} `)}`;
  if (showTable && r.table !== RT_TABLE.main) s += `table ${TABLE_NAMES[r.table] ?? r.table} `;
  if (r.proto !== 'boot') s += `proto ${r.proto} `;
  // iproute2 names any scope narrower than the default universe.
  if (r.scope !== 'global') s += `scope ${r.scope} `;
  if (r.src !== undefined) s += `src ${paint('inet', `${formatIp(r.src)} `)}`;
  if (r.metric !== undefined) s += `metric ${r.metric} `;
  if (linkdown) s += 'linkdown ';
  return `${s}\n`;
}

/** Routes of a table (main by default, all tables for `table all`), in the kernel's order: by table, then prefix. */
export function listRoutes(ns: Netns, table: number | 'all', paint: Paint, lookup?: NetnsLookup): string {
  const rows = ns.routing.routes.filter((r) => table === 'all' || r.table === table);
  const order = (r: Route): number => (r.table === RT_TABLE.main ? 0 : r.table === RT_TABLE.local ? 2 : 1);
  // The fib trie dumps a table in address order, shorter prefixes first.
  const sorted = [...rows].sort((a, b) => order(a) - order(b) || a.dst.addr - b.dst.addr || a.dst.len - b.dst.len);
  // iproute2 names the table only when listing all of them (`table all`): a filtered listing leaves it out.
  // A route through a device that is up without a carrier (a veth whose peer is down) is `linkdown`.
  const down = (r: Route): boolean => {
    const l = r.dev !== undefined && r.table !== RT_TABLE.local ? ns.link(r.dev) : undefined;
    return !!l && l.state !== 'DOWN' && !linkView(ns, l, lookup).carrier;
  };
  return sorted.map((r) => routeLine(r, paint, table === 'all', down(r))).join('');
}

/** `ip route get ADDR`: the route the kernel picks, with the source it would use. */
export function routeGet(ns: Netns, target: string, paint: Paint): { out: string; err?: string } {
  const ip = parseIp(target);
  if (ip === undefined) return { out: '', err: `Error: any valid prefix is expected rather than "${target}".\n` };
  const r = ns.route(ip);
  if (!r || r.type === 'unreachable' || r.type === 'blackhole' || r.type === 'prohibit')
    return { out: '', err: 'RTNETLINK answers: Network is unreachable\n' };
  const dev = r.type === 'local' ? 'lo' : (r.dev ?? '');
  const src = r.src ?? ns.primaryAddress(r.dev ?? '') ?? ns.addrs.find((a) => a.dev !== 'lo')?.addr;
  let s = r.type === 'local' ? 'local ' : r.type === 'broadcast' ? 'broadcast ' : '';
  s += paint('inet', `${formatIp(ip)} `);
  if (r.via !== undefined) s += `via ${paint('inet', `${formatIp(r.via)} `)}`;
  s += `dev ${paint('ifname', `${dev} `)}`;
  if (r.table !== RT_TABLE.main && r.table !== RT_TABLE.local) s += `table ${r.table} `;
  if (src !== undefined) s += `src ${paint('inet', `${formatIp(src)} `)}`;
  s += `uid 0 \n    cache ${r.type === 'local' ? '<local> ' : ''}\n`;
  return { out: s };
}

/** One `ip rule` line. */
export function ruleLine(rule: PolicyRule): string {
  const cidr = (c: { addr: number; len: number }): string =>
    c.len === 32 ? formatIp(c.addr) : `${formatIp(c.addr)}/${c.len}`;
  let s = `${rule.priority}:\tfrom ${rule.from ? cidr(rule.from) : 'all'} `;
  if (rule.to) s += `to ${cidr(rule.to)} `;
  if (rule.fwmark)
    s += `fwmark 0x${rule.fwmark.value.toString(16)}${rule.fwmark.mask !== 0xffffffff ? `/0x${rule.fwmark.mask.toString(16)}` : ''} `;
  if (rule.iif) s += `iif ${rule.iif} `;
  s += `lookup ${TABLE_NAMES[rule.table] ?? rule.table}`;
  return `${s}\n`;
}
