/**
 * `ip` (iproute2 6.1, as on kind's Debian nodes and in netshoot): addr, link, route (get), rule and
 * neigh over the shell's network namespace, with -br, -c, -d, -4/-6; `route add|del|replace` and
 * `rule add|del` change what packets do. Other changes (addr add, link set) say they are not emulated.
 */
import type { CommandContext, LocationRef, CommandSpec } from '../../shell/types';
import type { Emulator } from '../../emulator';
import { podImage } from '../../shell/location';
import { imageHasTool } from '../../apps/registry';
import { netnsFor } from '../../net/locate';
import { RT_TABLE } from '../../net/route';
import type { Netns } from '../../net/netns';
import { painter } from './color';
import { addrBlock, addrBrief } from './addr';
import { linkBrief, linkHeader, linkLayer, type IpFlags } from './link';
import { listRoutes, parseTable, routeGet, ruleLine } from './route';
import { listNeighbours } from './neigh';
import { changeRoute, changeRule } from './change';

const OBJECTS: Record<string, string> = {
  a: 'address',
  ad: 'address',
  addr: 'address',
  address: 'address',
  l: 'link',
  li: 'link',
  link: 'link',
  r: 'route',
  ro: 'route',
  route: 'route',
  ru: 'rule',
  rule: 'rule',
  n: 'neigh',
  ne: 'neigh',
  neigh: 'neigh',
  neighbor: 'neigh',
  neighbour: 'neigh',
};

function hasIp(emulator: Emulator, location: LocationRef): boolean {
  if (location.kind !== 'pod') return true;
  const image = podImage(emulator, location);
  return !!image && imageHasTool(image, 'ip');
}

type Out = { out: string; err?: string; code?: number };

/** `show [dev] NAME` → the device name, if any. */
function deviceArg(args: string[]): string | undefined {
  const rest = args[0] === 'show' || args[0] === 'list' || args[0] === 's' || args[0] === 'ls' ? args.slice(1) : args;
  if (rest[0] === 'dev') return rest[1];
  return rest.find((a) => a !== 'up');
}

const isShow = (verb: string | undefined): boolean =>
  verb === undefined || ['show', 'list', 'lst', 's', 'ls', 'sh'].includes(verb);

function notEmulated(what: string): Out {
  return { out: '', err: `netlab: ip ${what} is not emulated\n`, code: 1 };
}

function addressOrLink(ns: Netns, object: 'address' | 'link', args: string[], f: IpFlags): Out {
  if (!isShow(args[0]) && !(args[0] === 'dev')) return notEmulated(`${object} ${args[0]}`);
  const dev = deviceArg(args);
  const links = dev ? ns.links.filter((l) => l.name === dev) : ns.links;
  if (dev && !links.length) return { out: '', err: `Device "${dev}" does not exist.\n`, code: 1 };
  const sorted = [...links].sort((a, b) => a.index - b.index);
  if (object === 'address')
    return { out: sorted.map((l) => (f.brief ? addrBrief(ns, l, f) : addrBlock(ns, l, f))).join('') };
  return {
    out: sorted.map((l) => (f.brief ? linkBrief(l, f) : linkHeader(ns, l, f, true) + linkLayer(ns, l, f))).join(''),
  };
}

function route(ns: Netns, args: string[], f: IpFlags): Out {
  if (args[0] === 'get') {
    const target = args.slice(1).find((a) => a !== 'to');
    if (!target) return { out: '', err: 'Error: any valid prefix is expected rather than "".\n', code: 1 };
    const r = routeGet(ns, target, f.paint);
    return { out: r.out, ...(r.err ? { err: r.err, code: 2 } : {}) };
  }
  if (['add', 'a', 'append', 'replace', 'change', 'chg', 'del', 'delete'].includes(args[0] ?? ''))
    return changeRoute(ns, args[0]!, args.slice(1));
  if (!isShow(args[0])) return notEmulated(`route ${args[0]}`);
  const rest = args.slice(isShow(args[0]) && args[0] !== undefined ? 1 : 0);
  let table: number | 'all' = RT_TABLE.main;
  const ti = rest.indexOf('table');
  if (ti >= 0) {
    const t = parseTable(rest[ti + 1] ?? '');
    if (t === undefined)
      return {
        out: '',
        err: `Error: argument "${rest[ti + 1] ?? ''}" is wrong: table id value is invalid\n\n`,
        code: 255,
      };
    table = t;
  }
  const di = rest.indexOf('dev');
  let out = listRoutes(ns, table, f.paint);
  if (di >= 0) {
    const dev = rest[di + 1] ?? '';
    if (!ns.link(dev)) return { out: '', err: `Cannot find device "${dev}"\n`, code: 1 };
    out = out
      .split('\n')
      .filter((l) => l.includes(`dev ${dev} `) || l.includes(`dev ${f.paint('ifname', `${dev} `)}`))
      .map((l) => `${l.replace(/dev \S+ /, '').replace(/dev \x1b\[36m\S+ \x1b\[0m/, '')}\n`)
      .join('');
  }
  return { out };
}

/** Run one `ip` command line against a namespace; pure apart from reading the clock for neighbour ages. */
export function runIp(args: string[], ns: Netns, now: number): Out {
  const f: IpFlags = { brief: false, details: false, paint: painter(false) };
  let i = 0;
  for (; i < args.length; i++) {
    const a = args[i]!;
    if (!a.startsWith('-')) break;
    if (a === '-br' || a === '-brief') f.brief = true;
    else if (a === '-c' || a === '-color' || a === '--color' || a === '-c=always' || a === '--color=always')
      f.paint = painter(true);
    else if (a === '-d' || a === '-details') f.details = true;
    else if (a === '-4') f.family = 4;
    else if (a === '-6') f.family = 6;
    else if (a === '-s' || a === '-stats' || a === '-n' || a === '-o') continue;
    else return { out: '', err: `Option "${a}" is unknown, try "ip -help".\n`, code: 255 };
  }
  const objText = args[i];
  if (!objText)
    return {
      out: '',
      err: 'Usage: ip [ OPTIONS ] OBJECT { COMMAND | help }\n       ip [ -force ] -batch filename\nwhere  OBJECT := { address | addrlabel | amt | fou | help | ila | ioam | l2tp | link |\n                   macsec | maddress | monitor | mptcp | mroute | mrule |\n                   neighbor | neighbour | netconf | netns | nexthop | ntable |\n                   ntbl | route | rule | sr | stats | tap | tcpmetrics |\n                   token | tunnel | tuntap | vrf | xfrm }\n',
      code: 255,
    };
  const object = OBJECTS[objText];
  const rest = args.slice(i + 1);
  switch (object) {
    case 'address':
      return addressOrLink(ns, 'address', rest, f);
    case 'link':
      return addressOrLink(ns, 'link', rest, f);
    case 'route':
      return route(ns, rest, f);
    case 'rule':
      if (['add', 'del', 'delete'].includes(rest[0] ?? '')) return changeRule(ns, rest[0]!, rest.slice(1));
      if (!isShow(rest[0])) return notEmulated(`rule ${rest[0]}`);
      return {
        out: [...ns.routing.rules]
          .sort((a, b) => a.priority - b.priority)
          .map(ruleLine)
          .join(''),
      };
    case 'neigh': {
      if (!isShow(rest[0])) return notEmulated(`neigh ${rest[0]}`);
      const di = rest.indexOf('dev');
      return { out: listNeighbours(ns, now, f.paint, di >= 0 ? rest[di + 1] : undefined) };
    }
    default:
      return { out: '', err: `Object "${objText}" is unknown, try "ip help".\n`, code: 255 };
  }
}

export const ipCommand: CommandSpec = {
  name: 'ip',
  summary: 'show / manipulate routing, network devices, interfaces and tunnels',
  usage: 'ip [ -br | -c | -d | -4 ] { addr | link | route [get ADDR] | rule | neigh } [show [dev NAME]]',
  availableIn: ({ emulator, location }) => hasIp(emulator, location),
  subcommands: ['addr', 'link', 'route', 'rule', 'neigh'],
  run(ctx: CommandContext) {
    const ns = netnsFor(ctx.emulator, ctx.location);
    if (!ns) {
      ctx.stderr.write('netlab: ip: this location has no network namespace yet\n');
      return 1;
    }
    const r = runIp(ctx.argv.slice(1), ns, ctx.emulator.clock.now());
    ctx.stdout.write(r.out);
    if (r.err) ctx.stderr.write(r.err);
    return r.code ?? 0;
  },
};
