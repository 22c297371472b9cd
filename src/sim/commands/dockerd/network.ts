/**
 * A `docker run` container on the kind network, as dockerd's bridge driver wires it: a network
 * namespace with `lo` and `eth0` (a veth whose peer is a port of the network's bridge on the host),
 * the address from --ip or docker's IPAM, a MAC made of 02:42 and that address, the default route
 * via the network's gateway. Docker's embedded DNS (127.0.0.11 and its DNAT rules) is not modelled.
 * Containers are the learner's own machines on the nodes' LAN, so whatever reaches a node from the
 * host reaches it from them too, and the reverse.
 */
import { cidrContains, formatIp, macFromIpv4, parseCidr, parseIp } from '../../net/addr';
import type { DataPlane } from '../../net/dataplane';
import { Netns } from '../../net/netns';
import { HOST_NETNS, containerNetnsName } from '../../net/netnsnames';

/** The kind network as a container sees it. */
export interface KindNetwork {
  subnet: string;
  gateway: string;
}

/** The kind network of a data plane, when the data plane is a kind one (a docker bridge on the host). */
export function kindNetwork(dp: DataPlane | undefined): KindNetwork | undefined {
  if (!dp?.options.kind) return undefined;
  return { subnet: dp.options.nodeSubnet, gateway: dp.options.gateway };
}

/** Addresses taken on the network: the gateway and every namespace's address inside the subnet. */
function usedAddresses(dp: DataPlane, net: KindNetwork): Set<number> {
  const subnet = parseCidr(net.subnet)!;
  const used = new Set<number>([parseIp(net.gateway)!]);
  for (const name of dp.names()) {
    for (const a of dp.netns(name)?.addrs ?? []) if (a.dev !== 'lo' && cidrContains(subnet, a.addr)) used.add(a.addr);
  }
  return used;
}

/** Whether an address is free on the network (not the gateway, not a node's or a container's). */
export function addressFree(dp: DataPlane, net: KindNetwork, ip: string): boolean {
  return !usedAddresses(dp, net).has(parseIp(ip)!);
}

/** Docker's IPAM: the lowest free host address of the subnet (UNCONFIRMED: dockerd allocates serially). */
export function nextFreeAddress(dp: DataPlane, net: KindNetwork): string | undefined {
  const subnet = parseCidr(net.subnet)!;
  const used = usedAddresses(dp, net);
  const size = 2 ** (32 - subnet.len);
  for (let i = 1; i < size - 1; i++) {
    const ip = (subnet.addr + i) >>> 0;
    if (!used.has(ip)) return formatIp(ip);
  }
  return undefined;
}

/** Build the container's namespace and plug it into the host's bridge. Returns its MAC. */
export function attachContainer(dp: DataPlane, name: string, ip: string, net: KindNetwork): string {
  const host = dp.netns(HOST_NETNS)!;
  const subnet = parseCidr(net.subnet)!;
  const addr = parseIp(ip)!;
  const ns = new Netns(containerNetnsName(name));
  ns.addLink({ name: 'lo', kind: 'loopback', mtu: 65536, mac: '00:00:00:00:00:00', state: 'UNKNOWN' });
  ns.addAddress('lo', parseIp('127.0.0.1')!, 8, 'host');
  const mac = macFromIpv4([0x02, 0x42], addr);
  const hostSide = host.addLink({
    name: `veth${dp.rng.string('0123456789abcdef', 7)}`,
    kind: 'veth',
    mtu: 1500,
    mac: dp.mac(),
    master: host.links.find((l) => l.kind === 'bridge')?.name ?? '',
  });
  const eth0 = ns.addLink({
    index: hostSide.index + 1,
    name: 'eth0',
    kind: 'veth',
    mtu: 1500,
    mac,
    peer: { netns: HOST_NETNS, index: hostSide.index },
  });
  hostSide.peer = { netns: ns.name, index: eth0.index };
  ns.addAddress('eth0', addr, subnet.len);
  ns.addRoute({ type: 'unicast', dst: { addr: 0, len: 0 }, via: parseIp(net.gateway)!, dev: 'eth0' });
  dp.setNetns(ns);
  return mac;
}

/** Unplug a container (it stopped or was removed): its namespace goes, and its veth's host end with it. */
export function detachContainer(dp: DataPlane, name: string): void {
  const ns = dp.netns(containerNetnsName(name));
  if (!ns) return;
  const host = dp.netns(HOST_NETNS);
  const peer = ns.link('eth0')?.peer;
  if (host && peer) {
    const hostSide = host.links.find((l) => l.index === peer.index);
    if (hostSide) host.links = host.links.filter((l) => l !== hostSide);
  }
  dp.deleteNetns(ns.name);
}
