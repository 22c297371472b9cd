/**
 * The CNI ptp plugin as kindnet configures it (reference 2.3): one veth pair per pod, no bridge.
 * The pod side is eth0 with the pod IP and the node's prefix length, a link route to the gateway
 * (.1), the subnet and the default route through it; the node side holds the gateway as /32 and a
 * host route to the pod. ptp adds its routes with the default protocol (boot), so `ip route` shows no `proto`.
 */
import { parseIp, type Cidr } from './addr';
import { Netns } from './netns';

/** The names and MACs a real plugin draws at random; the caller draws them from the seeded rng. */
export interface PtpNames {
  hostVeth: string;
  hostMac: string;
  podMac: string;
}

/** Create the pod's netns `name`, wired to `node` by a veth pair. */
export function wirePtp(name: string, node: Netns, ip: number, podCIDR: Cidr, names: PtpNames): Netns {
  const ns = new Netns(name);
  const gateway = (podCIDR.addr + 1) >>> 0;
  ns.addLink({ name: 'lo', kind: 'loopback', mtu: 65536, mac: '00:00:00:00:00:00', state: 'UNKNOWN' });
  ns.addAddress('lo', parseIp('127.0.0.1')!, 8, 'host');
  const hostSide = node.addLink({ name: names.hostVeth, kind: 'veth', mtu: 1500, mac: names.hostMac });
  const eth0 = ns.addLink({
    index: 2,
    name: 'eth0',
    kind: 'veth',
    mtu: 1500,
    mac: names.podMac,
    peer: { netns: node.name, index: hostSide.index },
  });
  hostSide.peer = { netns: name, index: eth0.index };
  ns.addAddress('eth0', ip, podCIDR.len);
  // ptp replaces the kernel's subnet route with one through the gateway.
  ns.deleteRoutes(podCIDR);
  ns.addRoute({ type: 'unicast', dst: { addr: gateway, len: 32 }, dev: 'eth0', src: ip, scope: 'link' });
  ns.addRoute({ type: 'unicast', dst: podCIDR, via: gateway, dev: 'eth0', src: ip });
  ns.addRoute({ type: 'unicast', dst: { addr: 0, len: 0 }, via: gateway, dev: 'eth0' });
  node.addAddress(hostSide.name, gateway, 32);
  node.addRoute({ type: 'unicast', dst: { addr: ip, len: 32 }, dev: hostSide.name, scope: 'host' });
  return ns;
}

/** Remove the node side of a pod's veth pair: the link, its gateway address and its routes. */
export function unwirePtp(pod: Netns, netns: (name: string) => Netns | undefined): void {
  const peer = pod.link('eth0')?.peer;
  const node = peer ? netns(peer.netns) : undefined;
  if (!node || !peer) return;
  const hostSide = node.links.find((l) => l.index === peer.index);
  if (!hostSide) return;
  node.links = node.links.filter((l) => l !== hostSide);
  node.addrs = node.addrs.filter((a) => a.dev !== hostSide.name);
  node.routing.routes = node.routing.routes.filter((r) => r.dev !== hostSide.name);
}
