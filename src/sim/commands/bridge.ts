/**
 * `bridge link` (iproute2 6.1): the ports of the bridges in the shell's network namespace, with the
 * state the bridge gives them (forwarding while the port has a carrier and its bridge is up, else
 * disabled), as the packet walk obeys it (net/l2.ts). The forwarding database, VLANs and the rest
 * of `bridge` say they are not emulated.
 */
import type { CommandSpec } from '../shell/types';
import { netnsFor } from '../net/locate';
import { linkView, type NetnsLookup } from '../net/linkstate';
import type { Link, Netns } from '../net/netns';

type Result = { out: string; err?: string; code?: number };

const fail = (err: string, code: number): Result => ({ out: '', err, code });

/**
 * `NAME@LINK`: iproute2 resolves the port's link index (a veth's peer's ifindex) in this namespace's
 * own device list, so a peer elsewhere shows as whatever local device has that index, or `ifN`.
 */
function portName(ns: Netns, l: Link): string {
  if (!l.peer) return l.name;
  const local = ns.links.find((x) => x.index === l.peer!.index);
  return `${l.name}@${local ? local.name : `if${l.peer.index}`}`;
}

/** One `bridge link` line, with iproute2's trailing space. */
export function bridgeLinkLine(ns: Netns, port: Link, lookup?: NetnsLookup, colour = false): string {
  const bridge = port.master ? ns.link(port.master) : undefined;
  const view = linkView(ns, port, lookup);
  const masterDown = !bridge || bridge.state === 'DOWN';
  const flags = masterDown && !view.flags.includes('M-DOWN') ? `${view.flags},M-DOWN` : view.flags;
  const state = view.carrier && !masterDown ? 'forwarding' : 'disabled';
  const name = `${portName(ns, port)}: `;
  const shown = colour ? `\x1b[36m${name}\x1b[0m` : name;
  return `${port.index}: ${shown}<${flags}> mtu ${port.mtu} master ${port.master} state ${state} priority 32 cost 2 \n`;
}

/** Run `bridge ARGS` against a namespace. */
export function runBridge(args: string[], ns: Netns, lookup?: NetnsLookup): Result {
  let colour = false;
  let i = 0;
  for (; i < args.length && args[i]!.startsWith('-'); i++) {
    const a = args[i]!;
    if (a === '-c' || a === '-color' || a === '--color' || a === '-c=always' || a === '--color=always') colour = true;
    else if (['-d', '-details', '-s', '-stats', '-j', '-json', '-p', '-pretty', '-n', '-netns'].includes(a))
      return fail(`netlab: bridge ${a} is not emulated\n`, 1);
    else return fail(`Option "${a}" is unknown, try "bridge help".\n`, 255);
  }
  const object = args[i];
  const rest = args.slice(i + 1);
  if (object === undefined)
    return fail(
      'Usage: bridge [ OPTIONS ] OBJECT { COMMAND | help }\n       bridge [ -force ] -batch filename\nwhere  OBJECT := { link | fdb | mdb | vlan | monitor }\n       OPTIONS := { -V[ersion] | -s[tatistics] | -d[etails] |\n                    -o[neline] | -t[imestamp] | -n[etns] name |\n                    -c[ompressvlans] -color -p[retty] -j[son] }\n',
      255,
    );
  if (['fdb', 'mdb', 'vlan', 'monitor'].includes(object)) return fail(`netlab: bridge ${object} is not emulated\n`, 1);
  if (object !== 'link' && object !== 'l' && object !== 'li' && object !== 'lin')
    return fail(`Object "${object}" is unknown, try "bridge help".\n`, 255);
  const verb = rest[0];
  if (verb !== undefined && !['show', 'list', 'lst', 'dev'].includes(verb) && rest.length > 1)
    return fail(`netlab: bridge link ${verb} is not emulated\n`, 1);
  const words = verb === 'show' || verb === 'list' || verb === 'lst' ? rest.slice(1) : rest;
  const dev = words[0] === 'dev' ? words[1] : words[0];
  if (dev !== undefined && !ns.link(dev)) return fail(`Cannot find device "${dev}"\n`, 255);
  const ports = ns.links
    .filter((l) => l.master !== undefined && (dev === undefined || l.name === dev))
    .sort((a, b) => a.index - b.index);
  return { out: ports.map((p) => bridgeLinkLine(ns, p, lookup, colour)).join('') };
}

export const bridgeCommand: CommandSpec = {
  name: 'bridge',
  summary: 'show / manipulate bridge addresses and devices',
  usage: 'bridge [ -c ] link [ show [ dev DEV ] ]',
  availableIn: ['host', 'node'],
  subcommands: ['link', 'fdb', 'mdb', 'vlan', 'monitor'],
  run(ctx) {
    const ns = netnsFor(ctx.emulator, ctx.location);
    const dp = ctx.emulator.dataPlane;
    if (!ns || !dp) {
      ctx.stderr.write('netlab: bridge: this location has no network namespace yet\n');
      return 1;
    }
    const r = runBridge(ctx.argv.slice(1), ns, (name) => dp.netns(name));
    ctx.stdout.write(r.out);
    if (r.err) ctx.stderr.write(r.err);
    return r.code ?? 0;
  },
};
