/**
 * What a link's state is, as the kernel reports it and the data plane obeys it. A link stores only
 * its administrative state (`state: 'DOWN'` is `ip link set DEV down`; anything else is up); whether
 * it has a carrier, the flags `ip link` prints and its operational state follow from its kind and
 * its neighbours, as recorded from iproute2 6.1 on Linux 6.x:
 *
 * - a veth has a carrier when its peer is up. Without one it shows `NO-CARRIER` and, as recorded on
 *   Linux 6.18: `LOWERLAYERDOWN` with `M-DOWN` when its peer is in the same namespace and down;
 *   `LOWERLAYERDOWN` when it came up before its peer ever did (and its ifindex differs from the
 *   peer's, the kernel's iflink test); `DOWN` once it lost a carrier it had, as a port of a bridge
 *   made without an explicit address (the only kind `ip link add` makes here), or when both ends
 *   have the same ifindex;
 * - a bridge without ports is `UNKNOWN`; with ports it is `UP` while one of them forwards (up, with
 *   a carrier), else `NO-CARRIER ... DOWN`, as it is once it had ports and lost them all;
 * - loopback, dummy and VXLAN devices that are up are `UNKNOWN`; an ether device is `UP`.
 */
import type { Link, Netns } from './netns';

export interface LinkView {
  /** Administratively up (`IFF_UP`). */
  up: boolean;
  /** Frames can leave and arrive (`IFF_LOWER_UP` / carrier). */
  carrier: boolean;
  /** The `<...>` flags `ip link` prints. */
  flags: string;
  /** The operational state (`state X`). */
  oper: string;
}

/** Resolves a namespace by data-plane name (to see a veth's peer); undefined when unknown. */
export type NetnsLookup = (name: string) => Netns | undefined;

/** A veth's other end, when its namespace is known. */
export function vethPeer(l: Link, lookup: NetnsLookup | undefined): { ns: Netns; link: Link } | undefined {
  if (!l.peer || !lookup) return undefined;
  const ns = lookup(l.peer.netns);
  const link = ns?.links.find((x) => x.index === l.peer!.index);
  return ns && link ? { ns, link } : undefined;
}

const isUp = (l: Link): boolean => l.state !== 'DOWN';

/** A bridge port that forwards: up, with a carrier. */
function forwards(ns: Netns, port: Link, lookup: NetnsLookup | undefined): boolean {
  return linkView(ns, port, lookup).carrier;
}

/** The state of link `l` in `ns`; `lookup` finds a veth's peer (without it, a peer counts as up). */
export function linkView(ns: Netns, l: Link, lookup?: NetnsLookup): LinkView {
  const up = isUp(l);
  switch (l.kind) {
    case 'loopback':
      return up
        ? { up, carrier: true, flags: 'LOOPBACK,UP,LOWER_UP', oper: 'UNKNOWN' }
        : { up, carrier: false, flags: 'LOOPBACK', oper: 'DOWN' };
    case 'dummy':
      // Dummies keep their stored operational state when up (kube-ipvs0 and nodelocaldns are down).
      return up
        ? { up, carrier: true, flags: 'BROADCAST,NOARP,UP,LOWER_UP', oper: l.state }
        : { up, carrier: false, flags: 'BROADCAST,NOARP', oper: 'DOWN' };
    case 'veth': {
      const peer = vethPeer(l, lookup);
      const peerUp = peer ? isUp(peer.link) : true;
      const mdown = peer && peer.ns === ns && !peerUp ? ',M-DOWN' : '';
      if (!up) return { up, carrier: false, flags: `BROADCAST,MULTICAST${mdown}`, oper: 'DOWN' };
      if (peerUp) return { up, carrier: true, flags: 'BROADCAST,MULTICAST,UP,LOWER_UP', oper: 'UP' };
      const lower = !!mdown || (!l.lostCarrier && !l.master && (!l.peer || l.peer.index !== l.index));
      return {
        up,
        carrier: false,
        flags: `NO-CARRIER,BROADCAST,MULTICAST,UP${mdown}`,
        oper: lower ? 'LOWERLAYERDOWN' : 'DOWN',
      };
    }
    case 'bridge': {
      if (!up) return { up, carrier: false, flags: 'BROADCAST,MULTICAST', oper: 'DOWN' };
      const ports = ns.links.filter((p) => p.master === l.name);
      if (!ports.length && !l.hadPorts)
        return { up, carrier: true, flags: 'BROADCAST,MULTICAST,UP,LOWER_UP', oper: 'UNKNOWN' };
      if (ports.some((p) => forwards(ns, p, lookup)))
        return { up, carrier: true, flags: 'BROADCAST,MULTICAST,UP,LOWER_UP', oper: 'UP' };
      return { up, carrier: false, flags: 'NO-CARRIER,BROADCAST,MULTICAST,UP', oper: 'DOWN' };
    }
    case 'vxlan':
      // Weave's vxlan-6784 predates the generic model: it keeps the state it was built with.
      return up
        ? { up, carrier: true, flags: 'BROADCAST,MULTICAST,UP,LOWER_UP', oper: l.vxlan ? 'UNKNOWN' : l.state }
        : { up, carrier: false, flags: 'BROADCAST,MULTICAST', oper: 'DOWN' };
    default:
      return up
        ? { up, carrier: true, flags: 'BROADCAST,MULTICAST,UP,LOWER_UP', oper: l.state }
        : { up, carrier: false, flags: 'BROADCAST,MULTICAST', oper: 'DOWN' };
  }
}
