/**
 * The machines of the emulated world and their own wiring, before any agent runs: the learner's host
 * (home network uplink, the docker bridge nodes sit on, docker's masquerade rule), the internet
 * behind the home router, and each node machine (its veth into the docker bridge, the default route,
 * and on kind nodes docker's embedded DNS and the kubelet's chains).
 */
import type { Rng } from '../core/rng';
import { macFromIpv4, parseCidr, parseIp } from './addr';
import { Netns } from './netns';
import { installDockerDns, installKubelet } from './nodesetup';
import { parseRuleSpec } from './ruleparse';
import { HOST_NETNS, INTERNET_NETNS, nodeNetnsName } from './netnsnames';

/** Where the node machines sit: the docker network (or host-only network) and its gateway on the host. */
export interface Underlay {
  nodeSubnet: string;
  gateway: string;
  /** Install kind's node baseline (docker DNS, kubelet chains). */
  kind: boolean;
}

/** The learner's machine on its home network, and the router that leads to the internet. */
const HOST_UPLINK = { dev: 'eth0', addr: '192.168.50.10', len: 24, router: '192.168.50.1' };

/** The learner's host: loopback, the home uplink with its default route, and the docker bridge with docker's masquerade rule. */
export function buildHost(underlay: Underlay, rng: Rng, mac: () => string): Netns {
  const ns = new Netns(HOST_NETNS);
  ns.addLink({ name: 'lo', kind: 'loopback', mtu: 65536, mac: '00:00:00:00:00:00', state: 'UNKNOWN' });
  ns.addAddress('lo', parseIp('127.0.0.1')!, 8, 'host');
  const subnet = parseCidr(underlay.nodeSubnet)!;
  const bridge = `br-${rng.string('0123456789abcdef', 12)}`;
  ns.addLink({ name: HOST_UPLINK.dev, kind: 'ether', mtu: 1500, mac: mac() });
  ns.addAddress(HOST_UPLINK.dev, parseIp(HOST_UPLINK.addr)!, HOST_UPLINK.len);
  ns.addRoute({
    type: 'unicast',
    dst: { addr: 0, len: 0 },
    via: parseIp(HOST_UPLINK.router)!,
    dev: HOST_UPLINK.dev,
    proto: 'dhcp',
    metric: 100,
  });
  ns.addLink({ name: bridge, kind: 'bridge', mtu: 1500, mac: mac() });
  ns.addAddress(bridge, parseIp(underlay.gateway)!, subnet.len);
  ns.sysctl['net.ipv4.ip_forward'] = '1';
  // Docker masquerades its networks' traffic leaving the host (its POSTROUTING rule per network).
  ns.netfilter.append(
    'nat',
    'POSTROUTING',
    parseRuleSpec(['-s', underlay.nodeSubnet, '!', '-o', bridge, '-j', 'MASQUERADE']),
  );
  return ns;
}

/** The internet: the home router's address, and a blackhole for every address nobody serves. */
export function buildInternet(mac: () => string): Netns {
  const ns = new Netns(INTERNET_NETNS);
  ns.addLink({ name: 'lo', kind: 'loopback', mtu: 65536, mac: '00:00:00:00:00:00', state: 'UNKNOWN' });
  ns.addAddress('lo', parseIp('127.0.0.1')!, 8, 'host');
  ns.addLink({ name: 'eth0', kind: 'ether', mtu: 1500, mac: mac() });
  ns.addAddress('eth0', parseIp(HOST_UPLINK.router)!, HOST_UPLINK.len);
  // Beyond the router, traffic to an address nobody serves (a private range, a wrong IP) is lost
  // somewhere upstream without an answer: the sender waits for its timeout.
  ns.addRoute({ type: 'blackhole', dst: { addr: 0, len: 0 } });
  return ns;
}

/** A node machine: its eth0 on the underlay, a veth peer in the host's bridge, the default route via the gateway. */
export function buildNode(
  underlay: Underlay,
  host: Netns,
  name: string,
  ip: string,
  rng: Rng,
  mac: () => string,
): Netns {
  const ns = new Netns(nodeNetnsName(name));
  const subnet = parseCidr(underlay.nodeSubnet)!;
  const addr = parseIp(ip)!;
  ns.addLink({ name: 'lo', kind: 'loopback', mtu: 65536, mac: '00:00:00:00:00:00', state: 'UNKNOWN' });
  ns.addAddress('lo', parseIp('127.0.0.1')!, 8, 'host');
  // Docker gives each container a veth whose MAC is 02:42 + the IPv4 address.
  const dockerMac = macFromIpv4([0x02, 0x42], addr);
  const hostSide = host.addLink({
    name: `veth${rng.string('0123456789abcdef', 7)}`,
    kind: 'veth',
    mtu: 1500,
    mac: mac(),
    master: host.links.find((l) => l.kind === 'bridge')?.name ?? '',
  });
  const eth0 = ns.addLink({
    index: hostSide.index + 1,
    name: 'eth0',
    kind: 'veth',
    mtu: 1500,
    mac: dockerMac,
    peer: { netns: HOST_NETNS, index: hostSide.index },
  });
  hostSide.peer = { netns: ns.name, index: eth0.index };
  ns.addAddress('eth0', addr, subnet.len);
  ns.addRoute({ type: 'unicast', dst: { addr: 0, len: 0 }, via: parseIp(underlay.gateway)!, dev: 'eth0' });
  ns.sysctl['net.ipv4.ip_forward'] = '1';
  ns.sysctl['net.ipv4.conf.all.route_localnet'] = '1'; // kube-proxy sets it for localhost node ports
  if (underlay.kind) {
    installDockerDns(ns.netfilter, underlay.gateway, rng.range(32768, 60999), rng.range(32768, 60999));
    installKubelet(ns.netfilter);
  }
  return ns;
}
