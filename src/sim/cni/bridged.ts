/**
 * Hops across a Linux bridge on a node, shared by the plugins that put pods on one (bridge: cni0,
 * Weave Net: weave). A pod's frame enters the bridge through its host-side veth and leaves through
 * the port of whoever owns the next hop: the node itself (the bridge's address) or another pod.
 */
import type { Netns } from '../net/netns';
import type { TraceEvent } from '../net/trace';
import type { CniHop, CniHost } from './types';

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
export function sameBridgeHop(host: CniHost, from: Netns, dev: string, to: Netns, bridge: string): CniHop | undefined {
  const events: TraceEvent[] = [];
  let node: Netns;
  if (from.name.startsWith('pod/')) {
    const p = bridgePort(host, from);
    if (!p || p.node.link(p.port)?.master !== bridge) return undefined;
    node = p.node;
    events.push({ kind: 'link', fromNetns: from.name, fromDev: dev, toNetns: node.name, toDev: p.port });
    if (to === node) return { next: node, inDev: bridge, events };
  } else {
    if (dev !== bridge) return undefined;
    node = from;
  }
  if (!onBridge(host, to, bridge)) return undefined;
  const target = bridgePort(host, to)!;
  if (target.node !== node) return undefined;
  events.push({ kind: 'link', fromNetns: node.name, fromDev: `${bridge} (port ${target.port})`, toNetns: to.name, toDev: 'eth0' });
  return { next: to, inDev: 'eth0', events };
}
