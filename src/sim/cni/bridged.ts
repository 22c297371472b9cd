/**
 * Hops across a Linux bridge on a node, shared by the plugins that put pods on one (bridge: cni0,
 * Weave Net: weave). A pod's frame enters the bridge through its host-side veth and leaves through
 * the port of whoever owns the next hop: the node itself (the bridge's address) or another pod.
 */
import type { Netns } from '../net/netns';
import type { Packet } from '../net/packet';
import type { TraceEvent } from '../net/trace';
import { natStatus } from '../net/conntrack';
import type { CniHop, CniHost } from './types';

/**
 * Whether a bridged frame must pass the node's IP stack: with bridge-nf-call-iptables (the default
 * Kubernetes needs) bridged traffic meets the node's conntrack, so the reply of a connection the
 * node NATed (a Service's DNAT to a pod on the same bridge) is un-NATed there. Other frames are
 * switched at layer 2 and never touch the node's hooks.
 */
export function needsHostStack(host: CniHost, node: Netns, packet: Readonly<Packet> | undefined): boolean {
  if (!packet || node.sysctl['net.bridge.bridge-nf-call-iptables'] !== '1') return false;
  const hit = node.conntrack.lookup(packet as Packet, host.now);
  if (!hit) return false;
  const nat = natStatus(hit.entry);
  return nat.dnat || nat.snat;
}

/** The node netns and host-side port of a pod whose eth0 is a veth into a bridge. */
export function bridgePort(host: CniHost, pod: Netns): { node: Netns; port: string } | undefined {
  const peer = pod.link('eth0')?.peer;
  const node = peer ? host.netns(peer.netns) : undefined;
  const port = node?.links.find((l) => l.index === peer!.index)?.name;
  return node && port ? { node, port } : undefined;
}

/** Whether `ns` is a pod attached to `bridge` on some node. */
export function onBridge(host: CniHost, ns: Netns, bridge: string): boolean {
  if (!ns.name.startsWith('pod/')) return false;
  const p = bridgePort(host, ns);
  return !!p && p.node.link(p.port)?.master === bridge;
}

/**
 * A hop that stays on one node's bridge: pod → node, pod → pod, node → pod. Undefined when `to`
 * is not on the same bridge of the same node (the caller decides what crossing nodes means).
 */
export function sameBridgeHop(
  host: CniHost,
  from: Netns,
  dev: string,
  to: Netns,
  bridge: string,
  packet?: Readonly<Packet>,
): CniHop | undefined {
  const events: TraceEvent[] = [];
  let node: Netns;
  if (from.name.startsWith('pod/')) {
    const p = bridgePort(host, from);
    if (!p || p.node.link(p.port)?.master !== bridge) return undefined;
    node = p.node;
    events.push({ kind: 'link', fromNetns: from.name, fromDev: dev, toNetns: node.name, toDev: p.port });
    if (to === node || needsHostStack(host, node, packet)) return { next: node, inDev: bridge, events };
  } else {
    if (dev !== bridge) return undefined;
    node = from;
  }
  if (!onBridge(host, to, bridge)) return undefined;
  const target = bridgePort(host, to)!;
  if (target.node !== node) return undefined;
  events.push({
    kind: 'link',
    fromNetns: node.name,
    fromDev: `${bridge} (port ${target.port})`,
    toNetns: to.name,
    toDev: 'eth0',
    l2: true,
  });
  return { next: to, inDev: 'eth0', events };
}
