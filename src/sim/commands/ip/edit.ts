/**
 * `ip link add|set|del` and `ip addr add|del|flush`: a learner's changes to links and addresses, made
 * through net/links.ts as the kernel makes them, with iproute2 6.1's words and exit codes for the
 * usual mistakes (recorded from the real tool; see ip.test.ts). Device types and attributes that are
 * not modelled answer `netlab: ... is not emulated`.
 */
import { parseCidr, parseIp } from '../../net/addr';
import {
  addAddress,
  addBridge,
  addVxlan,
  LINUX_VXLAN_PORT,
  addDummy,
  addVethPair,
  deleteAddress,
  deleteLink,
  flushAddresses,
  moveLink,
  renameLink,
  setLinkDown,
  setLinkUp,
  setMaster,
} from '../../net/links';
import { findNamed } from '../../net/named';
import type { Netns } from '../../net/netns';
import { fail, ok, type IpEnv, type IpResult } from './env';

const notEmulated = (what: string): IpResult => fail(`netlab: ip ${what} is not emulated\n`, 1);
const noDevice = (dev: string): IpResult => fail(`Cannot find device "${dev}"\n`, 1);
const wrongArg = (value: string, why: string): IpResult => fail(`Error: argument "${value}" is wrong: ${why}\n\n`, 255);
const exists = (): IpResult => fail('RTNETLINK answers: File exists\n', 2);

/** Device types Linux has that netlab does not model (iproute2 would create them). */
const KNOWN_TYPES = new Set([
  'vlan',
  'macvlan',
  'macvtap',
  'ipvlan',
  'ipvtap',
  'ipip',
  'gre',
  'gretap',
  'geneve',
  'wireguard',
  'bond',
  'team',
  'vrf',
  'tun',
  'tap',
  'sit',
  'vti',
  'nlmon',
  'ifb',
  'xfrm',
  'can',
  'bareudp',
]);

/** The namespace `netns NAME` names on this machine (a name or a path in /run/netns), if any. */
function namedTarget(env: IpEnv, name: string): Netns | undefined {
  return env.named ? findNamed(env.named.host, env.named.machine, name) : undefined;
}

/** The kernel's name for a veth end left unnamed: the first free `vethN` (not `taken`). */
function freeVethName(ns: Netns, taken?: string): string {
  for (let i = 0; ; i++) {
    const name = `veth${i}`;
    if (name !== taken && !ns.link(name)) return name;
  }
}

/** `ip link add [name] NAME type veth|bridge|dummy [peer name PEER [netns NS]]`. */
function linkAdd(ns: Netns, words: string[], env: IpEnv): IpResult {
  let name: string | undefined;
  let type: string | undefined;
  let rest: string[] = [];
  // `netns NS` before `type` creates the device there (for a veth, its own end).
  let home = ns;
  for (let i = 0; i < words.length; i++) {
    const w = words[i]!;
    if (w === 'type') {
      type = words[i + 1];
      rest = words.slice(i + 2);
      break;
    }
    if (w === 'name' || w === 'dev') name = words[++i];
    else if (w === 'netns') {
      const target = words[++i] ?? '';
      const t = namedTarget(env, target);
      if (!t) return wrongArg(target, 'Invalid "netns" value');
      home = t;
    } else if (name === undefined) name = w;
    else return notEmulated(`link add ${w}`);
  }
  if (type === undefined) return fail('Not enough information: "type" argument is required\n', 1);
  if (type === 'vxlan') return vxlanAdd(home, name, rest, env);
  if (type !== 'veth' && type !== 'bridge' && type !== 'dummy') {
    if (KNOWN_TYPES.has(type)) return notEmulated(`link add type ${type}`);
    return fail('Error: Unknown device type.\n', 2);
  }
  const mac = env.mac;
  if (!mac) return notEmulated('link add here');
  if (home !== ns) {
    const head = words.slice(0, words.indexOf('type')).filter((w, i, a) => w !== 'netns' && a[i - 1] !== 'netns');
    return linkAdd(home, [...head, 'type', type, ...rest], env);
  }
  if (type === 'veth') {
    let peerName: string | undefined;
    let peerNs = ns;
    if (rest.length) {
      if (rest[0] !== 'peer') return notEmulated(`link add type veth ${rest[0]}`);
      for (let i = 1; i < rest.length; i++) {
        const w = rest[i]!;
        if (w === 'name') peerName = rest[++i];
        else if (w === 'netns') {
          const target = rest[++i] ?? '';
          const t = namedTarget(env, target);
          if (!t) return wrongArg(target, 'Invalid "netns" value');
          peerNs = t;
        } else if (peerName === undefined) peerName = w;
        else return notEmulated(`link add type veth peer ${w}`);
      }
    }
    const own = name ?? freeVethName(ns);
    const peer = peerName ?? freeVethName(peerNs, peerNs === ns ? own : undefined);
    if (ns.link(own) || peerNs.link(peer) || (peerNs === ns && own === peer)) return exists();
    addVethPair(ns, own, peer, mac, peerNs);
    return ok();
  }
  if (rest.length) return notEmulated(`link add type ${type} ${rest[0]}`);
  const dev = name ?? (type === 'bridge' ? 'bridge0' : 'dummy0');
  if (ns.link(dev)) return exists();
  if (type === 'bridge') addBridge(ns, dev, mac());
  else addDummy(ns, dev, mac());
  return ok();
}

/** What iproute2 prints when `dstport` is left out of a VXLAN device (it then uses the kernel's 8472). */
const VXLAN_PORT_WARNING =
  "vxlan: destination port not specified\nWill use Linux kernel default (non-standard value)\nUse 'dstport 4789' to get the IANA assigned value\nUse 'dstport 0' to get default and quiet this message\n";

/** `ip link add NAME type vxlan id VNI [dev DEV] [dstport PORT] [local IP] [remote IP] [nolearning]`. */
function vxlanAdd(ns: Netns, name: string | undefined, words: string[], env: IpEnv): IpResult {
  let id: number | undefined;
  let dev: string | undefined;
  let dstport: number | undefined;
  let local: number | undefined;
  let remote: number | undefined;
  let nolearning = false;
  for (let i = 0; i < words.length; i++) {
    const w = words[i]!;
    const v = words[i + 1] ?? '';
    if (w === 'id' || w === 'vni') {
      i++;
      if (!/^\d+$/.test(v) || Number(v) > 0xffffff) return wrongArg(v, 'invalid id');
      id = Number(v);
    } else if (w === 'dev') {
      i++;
      if (!ns.link(v)) return fail(`Cannot find device "${v}"\n`, 255);
      dev = v;
    } else if (w === 'dstport') {
      i++;
      if (!/^\d+$/.test(v) || Number(v) > 65535) return wrongArg(v, 'invalid dstport');
      dstport = Number(v);
    } else if (w === 'local' || w === 'remote') {
      i++;
      const ip = parseIp(v);
      if (ip === undefined) return fail(`Error: inet address is expected rather than "${v}".\n`, 1);
      if (w === 'local') local = ip;
      else remote = ip;
    } else if (w === 'nolearning') nolearning = true;
    else return notEmulated(`link add type vxlan ${w}`);
  }
  if (id === undefined) return fail('vxlan: missing virtual network identifier\n', 1);
  const port = dstport === undefined || dstport === 0 ? LINUX_VXLAN_PORT : dstport;
  if (ns.links.some((l) => l.vxlan && l.vxlan.id === id && l.vxlan.dstport === port))
    return fail('Error: A VXLAN device with the specified VNI already exists.\n', 2);
  const devName = name ?? 'vxlan0';
  if (ns.link(devName)) return exists();
  if (!env.mac) return notEmulated('link add here');
  addVxlan(
    ns,
    devName,
    {
      id,
      dstport: port,
      ...(dev !== undefined ? { dev } : {}),
      ...(local !== undefined ? { local } : {}),
      ...(remote !== undefined ? { remote } : {}),
      ...(nolearning ? { nolearning: true as const } : {}),
    },
    env.mac(),
  );
  return dstport === undefined ? { out: '', err: VXLAN_PORT_WARNING } : ok();
}

/** `ip link set [dev] DEV { up | down | master BR | nomaster | netns NS | mtu N | name NEW }...`. */
function linkSet(ns: Netns, words: string[], env: IpEnv): IpResult {
  let dev: string | undefined;
  const ops: ((dev: string) => void)[] = [];
  let moveTo: Netns | undefined;
  let rename: string | undefined;
  for (let i = 0; i < words.length; i++) {
    const w = words[i]!;
    const next = (): string => words[++i] ?? '';
    if (w === 'dev') {
      dev = next();
      continue;
    }
    if (w === 'up') ops.push((d) => setLinkUp(ns, d, env.lookup));
    else if (w === 'down') ops.push((d) => setLinkDown(ns, d, env.lookup));
    else if (w === 'master') {
      const br = next();
      const b = ns.link(br);
      if (!b) return wrongArg(br, 'Device does not exist');
      if (b.kind !== 'bridge') return notEmulated(`link set master ${br} (a ${b.kind} device)`);
      ops.push((d) => setMaster(ns, d, br));
    } else if (w === 'nomaster') ops.push((d) => setMaster(ns, d, undefined));
    else if (w === 'netns') {
      const target = next();
      if (/^\d+$/.test(target)) return notEmulated('link set netns PID');
      const t = namedTarget(env, target);
      if (!t) return wrongArg(target, 'Invalid "netns" value');
      moveTo = t;
    } else if (w === 'mtu') {
      const v = next();
      const mtu = Number(v);
      if (!/^\d+$/.test(v)) return wrongArg(v, 'Invalid "mtu" value');
      ops.push((d) => {
        const l = ns.link(d);
        if (l) l.mtu = mtu;
      });
    } else if (w === 'name') rename = next();
    else if (dev === undefined) dev = w;
    else if (
      ['promisc', 'arp', 'multicast', 'allmulticast', 'txqueuelen', 'txqlen', 'address', 'alias', 'qlen'].includes(w)
    )
      return notEmulated(`link set ${w}`);
    else return fail(`Error: either "dev" is duplicate, or "${w}" is a garbage.\n`, 255);
  }
  if (dev === undefined) return fail('Not enough information: "dev" argument is required.\n', 255);
  const link = ns.link(dev);
  if (!link) return noDevice(dev);
  if (rename !== undefined && rename !== dev) {
    if (ns.link(rename)) return exists();
    // The kernel refuses to rename a device that is up.
    if (link.state !== 'DOWN') return fail('RTNETLINK answers: Device or resource busy\n', 2);
  }
  for (const op of ops) op(dev);
  if (rename !== undefined && rename !== dev) {
    renameLink(ns, dev, rename);
    dev = rename;
  }
  if (moveTo && env.lookup) {
    if (!moveLink(ns, dev, moveTo, env.lookup)) return exists();
  }
  return ok();
}

/** `ip link del [dev] DEV`. */
function linkDel(ns: Netns, words: string[], env: IpEnv): IpResult {
  const rest = words[0] === 'dev' ? words.slice(1) : words;
  const dev = rest[0];
  if (dev === undefined) return fail('Not enough information: "dev" argument is required.\n', 255);
  if (rest.length > 1) return notEmulated(`link del ${rest.slice(1).join(' ')}`);
  if (!ns.link(dev)) return noDevice(dev);
  if (ns.link(dev)!.kind === 'loopback') return fail('RTNETLINK answers: Operation not supported\n', 2);
  deleteLink(ns, dev, env.lookup ?? (() => undefined));
  return ok();
}

/** `ip link add|set|del ...`. */
export function changeLink(ns: Netns, verb: string, words: string[], env: IpEnv): IpResult {
  if (verb === 'add' || verb === 'a') return linkAdd(ns, words, env);
  if (verb === 'set' || verb === 's') return linkSet(ns, words, env);
  return linkDel(ns, words, env);
}

/** `ip addr add|del ADDR[/LEN] [brd +] [scope S] dev DEV` and `ip addr flush dev DEV`. */
export function changeAddress(ns: Netns, verb: string, words: string[]): IpResult {
  if (verb === 'flush') {
    const rest = words[0] === 'dev' ? words.slice(1) : words;
    const dev = rest[0];
    if (dev === undefined || rest.length > 1) return notEmulated(`addr flush ${words.join(' ')}`);
    if (!ns.link(dev)) return fail(`Device "${dev}" does not exist.\n`, 1);
    flushAddresses(ns, dev);
    return ok();
  }
  let prefix: string | undefined;
  let dev: string | undefined;
  let brd = false;
  let scope: 'global' | 'link' | 'host' | undefined;
  for (let i = 0; i < words.length; i++) {
    const w = words[i]!;
    if (w === 'dev') dev = words[++i];
    else if (w === 'brd' || w === 'broadcast') {
      if (words[++i] !== '+') return notEmulated(`addr ${verb} brd ${words[i] ?? ''}`);
      brd = true;
    } else if (w === 'scope') {
      const s = words[++i];
      if (s !== 'global' && s !== 'link' && s !== 'host') return notEmulated(`addr ${verb} scope ${s ?? ''}`);
      scope = s;
    } else if (w === 'local' && prefix === undefined) prefix = words[++i];
    else if (prefix === undefined) prefix = w;
    else return notEmulated(`addr ${verb} ${w}`);
  }
  // The address keeps its host part (parseCidr gives the network, which is only the length here).
  const cidr = prefix === undefined ? undefined : parseCidr(prefix);
  const addr = prefix === undefined ? undefined : parseIp(prefix.split('/')[0]!);
  if (prefix === undefined || !cidr || addr === undefined)
    return fail(`Error: any valid prefix is expected rather than "${prefix ?? ''}".\n`, 1);
  const len = cidr.len;
  if (dev === undefined) return fail('Not enough information: "dev" argument is required.\n', 1);
  if (!ns.link(dev)) return noDevice(dev);
  if (verb === 'del' || verb === 'delete' || verb === 'd') {
    return deleteAddress(ns, dev, addr, len) ? ok() : fail('Error: ipv4: Address not found.\n', 2);
  }
  if (ns.addrs.some((a) => a.dev === dev && a.addr === addr))
    return fail('Error: ipv4: Address already assigned.\n', 2);
  addAddress(ns, dev, addr, len, { brd, ...(scope ? { scope } : {}) });
  return ok();
}
