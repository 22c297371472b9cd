/** `ip link` and the link half of `ip addr`: one interface's header lines as iproute2 prints them. */
import type { Link, Netns } from '../../net/netns';
import { fnv32a } from '../../cluster/hash';
import { stateColor, type Paint } from './color';

export interface IpFlags {
  brief: boolean;
  details: boolean;
  family?: 4 | 6;
  paint: Paint;
}

/** The `<...>` flags of a link. */
export function linkFlags(l: Link): string {
  if (l.kind === 'loopback') return l.state === 'DOWN' ? 'LOOPBACK' : 'LOOPBACK,UP,LOWER_UP';
  if (l.kind === 'dummy') return l.state === 'DOWN' ? 'BROADCAST,NOARP' : 'BROADCAST,NOARP,UP,LOWER_UP';
  return l.state === 'DOWN' ? 'BROADCAST,MULTICAST' : 'BROADCAST,MULTICAST,UP,LOWER_UP';
}

/** The operational state `ip` shows (a down link is DOWN whatever the model says). */
export function operState(l: Link): string {
  if (l.kind === 'dummy' && l.state !== 'UP') return 'DOWN';
  return l.state;
}

/** `eth0@if5` for a veth (the peer's ifindex), the plain name otherwise. */
export function linkName(l: Link): string {
  return l.peer ? `${l.name}@if${l.peer.index}` : l.name;
}

/** A CNI netns name (`cni-1b2c...`), stable for a pod's namespace. */
function cniNetnsName(netns: string): string {
  const h = (s: string): string => fnv32a(s).toString(16).padStart(8, '0');
  const a = h(netns),
    b = h(`${netns}#1`),
    c = h(`${netns}#2`),
    d = h(`${netns}#3`);
  return `cni-${a}-${b.slice(0, 4)}-${b.slice(4)}-${c.slice(0, 4)}-${c.slice(4)}${d}`;
}

/** `link-netnsid N` or, for a peer in a CNI-named netns, `link-netns cni-...`. */
function linkNetns(ns: Netns, l: Link): string {
  if (!l.peer) return '';
  if (l.peer.netns.startsWith('pod/')) return ` link-netns ${cniNetnsName(l.peer.netns)}`;
  const peers = [
    ...new Set(ns.links.filter((x) => x.peer && !x.peer.netns.startsWith('pod/')).map((x) => x.peer!.netns)),
  ];
  return ` link-netnsid ${Math.max(0, peers.indexOf(l.peer.netns))}`;
}

/** The first line of a link in `ip link` / `ip addr`. */
export function linkHeader(ns: Netns, l: Link, f: IpFlags, withMode: boolean): string {
  const p = f.paint;
  const state = operState(l);
  const qdisc = l.kind === 'dummy' && state === 'DOWN' ? 'noop' : l.qdisc;
  const master = l.master ? ` master ${l.master}` : '';
  const qlen = l.kind === 'loopback' || l.kind === 'ether' ? 'qlen 1000' : '';
  const name = `${p('ifname', l.name)}${l.peer ? `@if${l.peer.index}` : ''}`;
  return `${l.index}: ${name}: <${linkFlags(l)}> mtu ${l.mtu} qdisc ${qdisc}${master} state ${p(stateColor(state), `${state} `)}${withMode ? 'mode DEFAULT ' : ''}group default ${qlen}\n`;
}

/** The `link/...` line, and with -d the details lines. */
export function linkLayer(ns: Netns, l: Link, f: IpFlags): string {
  const p = f.paint;
  const type = l.kind === 'loopback' ? 'loopback' : 'ether';
  const brd = l.kind === 'loopback' ? '00:00:00:00:00:00' : 'ff:ff:ff:ff:ff:ff';
  let s = `    link/${type} ${p('mac', l.mac)} brd ${p('mac', brd)}${linkNetns(ns, l)}`;
  if (f.details) {
    // A dummy device (kube-ipvs0) has no MTU bounds and no IPv6 details: the kans-week5 seed's kind node capture.
    const dummy = l.kind === 'dummy';
    s += ` promiscuity 0  allmulti 0 minmtu ${l.kind === 'loopback' || dummy ? 0 : 68} maxmtu ${dummy ? 0 : l.kind === 'ether' ? 1500 : 65535} `;
    if (l.kind === 'veth') s += '\n    veth ';
    else if (l.kind === 'bridge')
      s +=
        '\n    bridge forward_delay 1500 hello_time 200 max_age 2000 ageing_time 30000 stp_state 0 priority 32768 vlan_filtering 0 vlan_protocol 802.1Q ';
    else if (l.kind === 'dummy') s += '\n    dummy ';
    if (l.master)
      s +=
        '\n    bridge_slave state forwarding priority 32 cost 2 hairpin off guard off root_block off fastleave off learning on flood on ';
    s += `${dummy ? '' : 'addrgenmode eui64 '}numtxqueues 1 numrxqueues 1 gso_max_size 65536 gso_max_segs 65535 tso_max_size ${dummy ? 65536 : 524280} tso_max_segs 65535 gro_max_size 65536 `;
  }
  return `${s}\n`;
}

/** `ip -br link` line: name, state, MAC, flags. */
export function linkBrief(l: Link, f: IpFlags): string {
  const p = f.paint;
  const state = operState(l);
  return `${p('ifname', `${linkName(l).padEnd(16)} `)}${p(stateColor(state), `${state.padEnd(14)} `)}${p('mac', l.mac)} <${linkFlags(l)}> \n`;
}
