/**
 * `ip` (iproute2 6.1, as on kind's Debian nodes and in netshoot): addr, link, route (get), rule, neigh
 * and netns over the shell's network namespace, with -br, -c, -d, -4/-6 and -n NETNS. Building a
 * network by hand changes the data plane the packet walk reads: `netns add|del|exec`, `link add`
 * (veth, bridge, dummy), `link set` (up, down, master, nomaster, netns, mtu, name), `link del`,
 * `addr add|del|flush`, `route add|del|replace`, `rule add|del`. Anything else says it is not emulated.
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
import { changeAddress, changeLink } from './edit';
import { fail, type IpEnv, type IpResult } from './env';
import { netnsCommand, openNamed } from './netns';
import { machineRootNetns } from '../../net/named';
import { containerHasNetAdmin } from '../../shell/containers';

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
  net: 'netns',
  netn: 'netns',
  netns: 'netns',
};

function hasIp(emulator: Emulator, location: LocationRef): boolean {
  if (location.kind === 'host' || location.kind === 'node') return true;
  const image = podImage(emulator, location);
  return !!image && imageHasTool(image, 'ip');
}

type Out = IpResult;

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

const LINK_VERBS = ['add', 'a', 'set', 's', 'del', 'delete', 'd'];
const ADDR_VERBS = ['add', 'a', 'del', 'delete', 'd', 'flush'];

function addressOrLink(ns: Netns, object: 'address' | 'link', args: string[], f: IpFlags, env: IpEnv): Out {
  if (object === 'link' && LINK_VERBS.includes(args[0] ?? '')) return changeLink(ns, args[0]!, args.slice(1), env);
  if (object === 'address' && ADDR_VERBS.includes(args[0] ?? '')) return changeAddress(ns, args[0]!, args.slice(1));
  if (!isShow(args[0]) && !(args[0] === 'dev')) return notEmulated(`${object} ${args[0]}`);
  const words = isShow(args[0]) && args[0] !== undefined ? args.slice(1) : args;
  const mi = words.indexOf('master');
  if (mi >= 0) {
    // `show master BR`: the bridge's ports.
    const br = words[mi + 1] ?? '';
    if (!ns.link(br)) return { out: '', err: `Error: argument "${br}" is wrong: Device does not exist\n\n`, code: 255 };
    words.splice(mi, 2);
    if (words.length) return notEmulated(`${object} show master ${br} ${words.join(' ')}`);
  }
  const dev = mi >= 0 ? undefined : deviceArg(args);
  const master = mi >= 0 ? (args[args.indexOf('master') + 1] ?? '') : undefined;
  const links =
    master !== undefined
      ? ns.links.filter((l) => l.master === master)
      : dev
        ? ns.links.filter((l) => l.name === dev)
        : ns.links;
  if (dev && !links.length) return { out: '', err: `Device "${dev}" does not exist.\n`, code: 1 };
  const sorted = [...links].sort((a, b) => a.index - b.index);
  if (object === 'address')
    return { out: sorted.map((l) => (f.brief ? addrBrief(ns, l, f) : addrBlock(ns, l, f))).join('') };
  return {
    out: sorted.map((l) => (f.brief ? linkBrief(ns, l, f) : linkHeader(ns, l, f, true) + linkLayer(ns, l, f))).join(''),
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
  let out = listRoutes(ns, table, f.paint, f.lookup);
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

const CHANGES = new Set(['add', 'a', 'append', 'replace', 'change', 'chg', 'del', 'delete']);

/** Whether an `ip` command line changes routes or rules (needs CAP_NET_ADMIN). */
function changesRouting(args: string[]): boolean {
  const i = args.findIndex((a) => !a.startsWith('-'));
  const object = OBJECTS[args[i] ?? ''];
  return (object === 'route' || object === 'rule') && CHANGES.has(args[i + 1] ?? '');
}

/** What `ip netns exec NAME CMD...` asks the command to run: CMD in that namespace. */
export interface IpExec {
  exec: { netns: Netns; argv: string[] };
}

/**
 * Run one `ip` command line against a namespace. `env` gives the clock (neighbour ages), the other
 * namespaces (a veth's peer), seeded MACs for new devices and the machine's named namespaces; pure
 * otherwise. `ip netns exec` comes back as an `IpExec` for the caller to run.
 */
export function runIp(args: string[], root: Netns, env: IpEnv): Out | IpExec {
  const f: IpFlags = {
    brief: false,
    details: false,
    paint: painter(false),
    ...(env.lookup ? { lookup: env.lookup } : {}),
  };
  let ns = root;
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
    else if (a === '-n' || a === '-netns' || a === '--netns') {
      const name = args[++i];
      if (name === undefined) return fail('No netns name specified\n', 255);
      const target = openNamed(env, name);
      if (!('links' in target)) return target;
      ns = target;
    } else if (a === '-s' || a === '-stats' || a === '-o') continue;
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
      return addressOrLink(ns, 'address', rest, f, env);
    case 'link':
      return addressOrLink(ns, 'link', rest, f, env);
    case 'netns': {
      if (rest[0] !== 'exec' && rest[0] !== 'e') return netnsCommand(ns, rest, env);
      const name = rest[1];
      if (name === undefined) return fail('No netns name specified\n', 1);
      if (rest.length < 3) return fail('No command specified\n', 1);
      const target = openNamed(env, name);
      if (!('links' in target)) return target;
      return { exec: { netns: target, argv: rest.slice(2) } };
    }
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
      return { out: listNeighbours(ns, env.now, f.paint, di >= 0 ? rest[di + 1] : undefined) };
    }
    default:
      return { out: '', err: `Object "${objText}" is unknown, try "ip help".\n`, code: 255 };
  }
}

/** The machine a location's named namespaces belong to (`host` or a node), undefined in a pod. */
function machineOf(location: LocationRef): string | undefined {
  if (location.kind === 'host') return 'host';
  if (location.kind === 'node') return location.node;
  return undefined;
}

/** The message a shell prints for a missing command (replaced by iproute2's own under `ip netns exec`). */
const NOT_FOUND = /(?:command not found|not found)\n$/;

export const ipCommand: CommandSpec = {
  name: 'ip',
  summary: 'show / manipulate routing, network devices, interfaces and tunnels',
  usage:
    'ip [ -br | -c | -d | -4 | -n NETNS ] { addr | link | route | rule | neigh | netns } [ show | add | set | del ... ]',
  availableIn: ({ emulator, location }) => hasIp(emulator, location),
  subcommands: ['addr', 'link', 'route', 'rule', 'neigh', 'netns'],
  async run(ctx: CommandContext) {
    const ns = netnsFor(ctx.emulator, ctx.location);
    const dp = ctx.emulator.dataPlane;
    if (!ns || !dp) {
      ctx.stderr.write('netlab: ip: this location has no network namespace yet\n');
      return 1;
    }
    // A docker container runs without CAP_NET_ADMIN unless --privileged or --cap-add NET_ADMIN: the kernel refuses.
    if (
      ctx.location.kind === 'container' &&
      changesRouting(ctx.argv.slice(1)) &&
      !containerHasNetAdmin(ctx.emulator, ctx.location)
    ) {
      ctx.stderr.write('RTNETLINK answers: Operation not permitted\n');
      return 2;
    }
    const machine = machineOf(ctx.location);
    const env: IpEnv = {
      now: ctx.emulator.clock.now(),
      lookup: (name) => dp.netns(name),
      mac: () => dp.mac(),
      ...(machine !== undefined ? { named: { host: dp, machine } } : {}),
    };
    const r = runIp(ctx.argv.slice(1), ns, env);
    if ('exec' in r) {
      const root = machineRootNetns(machine ?? 'host');
      const target = r.exec.netns.name === root ? {} : { netns: r.exec.netns.name };
      const shell = r.exec.argv.length === 1 ? r.exec.argv[0]!.replace(/^.*\//, '') : '';
      if ((shell === 'bash' || shell === 'sh') && ctx.interactive && ctx.isTTY) {
        // An interactive shell in the namespace, until `exit` (the prompt stays the machine's, as on Linux).
        ctx.shell.enter({ ...ctx.location, ...target }, shell);
        return 0;
      }
      let missing = false;
      const code = await ctx.shell.runCommand(r.exec.argv, {
        location: { ...ctx.location, ...target },
        stdin: ctx.stdin,
        stdout: ctx.stdout,
        stderr: {
          write: (text: string) => {
            if (NOT_FOUND.test(text) && !missing) missing = true;
            else ctx.stderr.write(text);
          },
        },
      });
      if (code === 127 && missing) {
        ctx.stderr.write(`exec of "${r.exec.argv[0]}" failed: No such file or directory\n`);
        return 1;
      }
      return code;
    }
    ctx.stdout.write(r.out);
    if (r.err) ctx.stderr.write(r.err);
    return r.code ?? 0;
  },
};
