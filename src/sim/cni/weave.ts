/**
 * Weave Net (reference 2.5). Every node has the `weave` bridge holding an address of the one flat
 * pod network 10.32.0.0/12; pods get a /12 address on eth0 and reach every other pod on-link. The
 * IP allocator splits the range between peers (each node hands out addresses from its own share).
 * Same-node traffic crosses the bridge; cross-node traffic is encapsulated by the fastdp datapath
 * in VXLAN (UDP 6784) between the nodes' addresses, which the trace shows as outer and inner headers.
 */
import { formatIp, parseCidr, parseIp } from '../net/addr';
import { Netns } from '../net/netns';
import type { Packet } from '../net/packet';
import { parseRuleSpec } from '../net/ruleparse';
import { installKubelet } from '../net/nodesetup';
import type { PodIpam } from '../cluster/ipam';
import { cidrSize, parseCidrOrThrow } from '../core/ipv4';
import { fnv32a } from '../cluster/hash';
import { bridgePort, needsHostStack, onBridge, sameBridgeHop } from './bridged';
import type { CniHop, CniHost, CniPlugin } from './types';

/** IPALLOC_RANGE's default. */
export const WEAVE_RANGE = '10.32.0.0/12';
export const WEAVE_BRIDGE = 'weave';
export const WEAVE_MTU = 1376;
/** fastdp's VXLAN port (router/fastdp.go: device vxlan-6784). */
export const WEAVE_VXLAN_PORT = 6784;

/**
 * The shares peers end up with as they join and the ring splits (first peer, then the halves and
 * quarters it donates), matching the 10.32 / 10.44 / 10.36 / 10.40 addresses real clusters show.
 */
const SHARES = [
  '10.32.0.0/14',
  '10.44.0.0/14',
  '10.36.0.0/14',
  '10.40.0.0/14',
  '10.34.0.0/15',
  '10.46.0.0/15',
  '10.38.0.0/15',
  '10.42.0.0/15',
];

interface WeaveIpamState {
  /** Node → its share of the range, in join order. */
  shares: Record<string, string>;
  /** Node → pod key → address. */
  leases: Record<string, Record<string, string>>;
}

/** Weave's IPAM: each node allocates from its share; the bridge takes the share's first usable address. */
export class WeaveIpam implements PodIpam {
  private state: WeaveIpamState = { shares: {}, leases: {} };

  /** A node's share, given on first use in join order. */
  shareOf(node: string): string {
    const existing = this.state.shares[node];
    if (existing) return existing;
    const n = Object.keys(this.state.shares).length;
    const share = SHARES[n] ?? `10.${32 + (n % 16)}.${128 + Math.floor(n / 16)}.0/24`;
    this.state.shares[node] = share;
    return share;
  }

  /** The address of a node's `weave` bridge: the share's first address, skipping the range's network address. */
  bridgeAddress(node: string): string {
    const base = parseCidrOrThrow(this.shareOf(node)).addr;
    return formatIp(base === parseCidrOrThrow(WEAVE_RANGE).addr ? base + 1 : base);
  }

  allocate(node: string, _podCidr: string, podKey: string): string | undefined {
    const share = parseCidrOrThrow(this.shareOf(node));
    const leases = (this.state.leases[node] ??= {});
    const taken = new Set([...Object.values(leases), this.bridgeAddress(node)]);
    for (let i = 0; i < cidrSize(share); i++) {
      const ip = formatIp(share.addr + i);
      if (share.addr + i === parseCidrOrThrow(WEAVE_RANGE).addr || taken.has(ip)) continue;
      leases[podKey] = ip;
      return ip;
    }
    return undefined;
  }

  release(node: string, podKey: string): void {
    delete this.state.leases[node]?.[podKey];
  }

  snapshot(): unknown {
    return structuredClone(this.state);
  }

  restore(snap: unknown): void {
    const s = snap as Partial<WeaveIpamState> | undefined;
    if (s && s.shares && s.leases) this.state = structuredClone(s as WeaveIpamState);
  }
}

/** The node a namespace belongs to: itself, or the node its pod's veth leads to. */
function nodeOf(host: CniHost, ns: Netns): Netns | undefined {
  if (ns.name.startsWith('node/')) return ns;
  return bridgePort(host, ns)?.node;
}

const nodeIp = (node: Netns): number | undefined => node.primaryAddress('eth0');

/** The Weave Net plugin over the cluster's weave IPAM. */
export function weavePlugin(ipam: WeaveIpam): CniPlugin {
  const range = parseCidr(WEAVE_RANGE)!;
  return {
    name: 'weave',
    nodeSetup(host, ns, n) {
      // kubeadm nodes run the same kubelet as kind's (its chains come before any CNI's).
      installKubelet(ns.netfilter);
      ns.addLink({ name: 'datapath', kind: 'dummy', mtu: WEAVE_MTU, mac: host.mac(), state: 'UNKNOWN' });
      ns.addLink({ name: WEAVE_BRIDGE, kind: 'bridge', mtu: WEAVE_MTU, mac: host.mac() });
      const toBridge = ns.addLink({
        name: 'vethwe-datapath',
        kind: 'veth',
        mtu: WEAVE_MTU,
        mac: host.mac(),
        master: 'datapath',
      });
      const toDatapath = ns.addLink({
        name: 'vethwe-bridge',
        kind: 'veth',
        mtu: WEAVE_MTU,
        mac: host.mac(),
        master: WEAVE_BRIDGE,
        peer: { netns: ns.name, index: toBridge.index },
      });
      toBridge.peer = { netns: ns.name, index: toDatapath.index };
      ns.addLink({ name: `vxlan-${WEAVE_VXLAN_PORT}`, kind: 'vxlan', mtu: 65535, mac: host.mac(), master: 'datapath' });
      ns.addAddress(WEAVE_BRIDGE, parseIp(ipam.bridgeAddress(n.name))!, range.len);
      // weave's nat chain: pod traffic leaving the pod network is masqueraded, so is outside traffic into it.
      const nf = ns.netfilter;
      nf.ensureChain('nat', 'WEAVE');
      nf.append('nat', 'POSTROUTING', parseRuleSpec(['-j', 'WEAVE']));
      nf.append('nat', 'WEAVE', parseRuleSpec(['-s', WEAVE_RANGE, '-d', '224.0.0.0/4', '-j', 'RETURN']));
      nf.append('nat', 'WEAVE', parseRuleSpec(['!', '-s', WEAVE_RANGE, '-d', WEAVE_RANGE, '-j', 'MASQUERADE']));
      nf.append('nat', 'WEAVE', parseRuleSpec(['-s', WEAVE_RANGE, '!', '-d', WEAVE_RANGE, '-j', 'MASQUERADE']));
    },
    syncNodes() {},
    podAdd(host, pod, node) {
      const ns = new Netns(pod.netnsName);
      ns.addLink({ name: 'lo', kind: 'loopback', mtu: 65536, mac: '00:00:00:00:00:00', state: 'UNKNOWN' });
      ns.addAddress('lo', parseIp('127.0.0.1')!, 8, 'host');
      const hostSide = node.addLink({
        name: `vethwepl${pod.containerId.slice(0, 7)}`,
        kind: 'veth',
        mtu: WEAVE_MTU,
        mac: host.mac(),
        master: WEAVE_BRIDGE,
      });
      const eth0 = ns.addLink({
        name: 'eth0',
        kind: 'veth',
        mtu: WEAVE_MTU,
        mac: host.mac(),
        peer: { netns: node.name, index: hostSide.index },
      });
      hostSide.peer = { netns: ns.name, index: eth0.index };
      ns.addAddress('eth0', pod.ip, range.len);
      ns.addRoute({
        type: 'unicast',
        dst: { addr: 0, len: 0 },
        via: parseIp(ipam.bridgeAddress(pod.node))!,
        dev: 'eth0',
      });
      return ns;
    },
    podDel(host, pod) {
      const p = bridgePort(host, pod);
      if (p) p.node.links = p.node.links.filter((l) => l.name !== p.port);
    },
    forward(host, from, dev, nextHop, packet) {
      const onWeave = (from.name.startsWith('pod/') && onBridge(host, from, WEAVE_BRIDGE)) || dev === WEAVE_BRIDGE;
      if (!onWeave) return undefined;
      const to = host.owner(nextHop);
      if (!to) return undefined;
      const local = sameBridgeHop(host, from, dev, to, WEAVE_BRIDGE, packet);
      if (local) return local;
      // A pod's frame of a flow its own node NATed goes through the node first (bridge-nf).
      const srcNode = from.name.startsWith('pod/') ? nodeOf(host, from) : undefined;
      if (srcNode && needsHostStack(host, srcNode, packet))
        return {
          next: srcNode,
          inDev: WEAVE_BRIDGE,
          events: [
            {
              kind: 'link',
              fromNetns: from.name,
              fromDev: dev,
              toNetns: srcNode.name,
              toDev: bridgePort(host, from)!.port,
            },
          ],
        };
      return overlayHop(host, from, dev, to, packet);
    },
  };
}

/** Cross-node: into the local bridge, VXLAN between the nodes, out of the remote bridge. */
function overlayHop(
  host: CniHost,
  from: Netns,
  dev: string,
  to: Netns,
  packet: Readonly<Packet> | undefined,
): CniHop | undefined {
  const srcNode = nodeOf(host, from);
  const dstNode = nodeOf(host, to);
  if (!srcNode || !dstNode || srcNode === dstNode) return undefined;
  const outerSrc = nodeIp(srcNode);
  const outerDst = nodeIp(dstNode);
  if (outerSrc === undefined || outerDst === undefined) return undefined;
  const vxlan = `vxlan-${WEAVE_VXLAN_PORT}`;
  const events: CniHop['events'] = [];
  if (from !== srcNode)
    events.push({
      kind: 'link',
      fromNetns: from.name,
      fromDev: dev,
      toNetns: srcNode.name,
      toDev: bridgePort(host, from)!.port,
    });
  const inner = packet ? `${formatIp(packet.src)} -> ${formatIp(packet.dst)} ${packet.proto}` : `-> ${to.name}`;
  const vni = fnv32a([srcNode.name, dstNode.name].sort().join('|')) & 0xffffff;
  events.push({
    kind: 'encap',
    netns: srcNode.name,
    dev: vxlan,
    outer: `${formatIp(outerSrc)} -> ${formatIp(outerDst)} udp/${WEAVE_VXLAN_PORT} vni ${vni}`,
    inner,
  });
  events.push({
    kind: 'link',
    fromNetns: srcNode.name,
    fromDev: 'eth0',
    toNetns: dstNode.name,
    toDev: 'eth0',
    l2: true,
  });
  events.push({ kind: 'decap', netns: dstNode.name, dev: vxlan, inner });
  // The remote node's own addresses, and flows it NATed (bridge-nf), go up its IP stack.
  if (to === dstNode || needsHostStack(host, dstNode, packet)) return { next: dstNode, inDev: WEAVE_BRIDGE, events };
  const port = bridgePort(host, to)!.port;
  events.push({
    kind: 'link',
    fromNetns: dstNode.name,
    fromDev: `${WEAVE_BRIDGE} (port ${port})`,
    toNetns: to.name,
    toDev: 'eth0',
    l2: true,
  });
  return { next: to, inDev: 'eth0', events };
}
