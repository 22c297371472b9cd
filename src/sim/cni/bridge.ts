/**
 * The reference `bridge` plugin (reference 2.2) as the CNI lesson configures it: the `cni0` bridge
 * holding the gateway (isGateway), a veth pair per pod (`veth` + 8 hex on the host, enslaved to
 * cni0), host-local addresses from the node's pod CIDR, and with ipMasq a per-pod nat chain
 * `CNI-<sha512(name + id)[:24]>` that accepts the pod network and masquerades the rest. Nodes reach
 * each other's pod CIDRs by plain routes via the node addresses (the lesson's "host-gw" picture).
 */
import { formatIp, parseCidr, parseIp } from '../net/addr';
import { Netns } from '../net/netns';
import { parseRuleSpec } from '../net/ruleparse';
import { sha512Hex } from './hash';
import { BRIDGE_NETWORK_NAME } from './files';
import { kindnetPlugin } from './kindnet';
import { bridgePort, sameBridgeHop } from './bridged';
import type { CniPlugin } from './types';

export const BRIDGE_NAME = 'cni0';

/** The ipMasq chain of one attachment (utils.FormatChainName): 28 characters. */
export function masqChainName(network: string, containerId: string): string {
  return `CNI-${sha512Hex(network + containerId).slice(0, 24)}`;
}

const comment = (id: string) => `name: "${BRIDGE_NETWORK_NAME}" id: "${id}"`;

export const bridgePlugin: CniPlugin = {
  name: 'bridge',
  nodeSetup(host, ns, n) {
    const cidr = n.podCIDR ? parseCidr(n.podCIDR) : undefined;
    ns.addLink({ name: BRIDGE_NAME, kind: 'bridge', mtu: 1500, mac: host.mac() });
    if (cidr) ns.addAddress(BRIDGE_NAME, (cidr.addr + 1) >>> 0, cidr.len);
  },
  syncNodes: kindnetPlugin.syncNodes,
  podAdd(host, pod, node) {
    const cidrText = host.nodes().find((n) => n.name === pod.node)?.podCIDR;
    const cidr = cidrText ? parseCidr(cidrText) : undefined;
    if (!cidr || !cidrText) return undefined;
    const ns = new Netns(pod.netnsName);
    ns.addLink({ name: 'lo', kind: 'loopback', mtu: 65536, mac: '00:00:00:00:00:00', state: 'UNKNOWN' });
    ns.addAddress('lo', parseIp('127.0.0.1')!, 8, 'host');
    const hostSide = node.addLink({
      name: `veth${host.hex(8)}`,
      kind: 'veth',
      mtu: 1500,
      mac: host.mac(),
      master: BRIDGE_NAME,
    });
    const eth0 = ns.addLink({
      index: 2,
      name: 'eth0',
      kind: 'veth',
      mtu: 1500,
      mac: host.mac(),
      peer: { netns: node.name, index: hostSide.index },
    });
    hostSide.peer = { netns: ns.name, index: eth0.index };
    ns.addAddress('eth0', pod.ip, cidr.len);
    ns.addRoute({ type: 'unicast', dst: { addr: 0, len: 0 }, via: (cidr.addr + 1) >>> 0, dev: 'eth0' });
    // ipMasq: the attachment's own chain, jumped to from POSTROUTING for the pod's address.
    const chain = masqChainName(BRIDGE_NETWORK_NAME, pod.containerId);
    const nf = node.netfilter;
    nf.ensureChain('nat', chain);
    nf.append(
      'nat',
      'POSTROUTING',
      parseRuleSpec([
        '-s',
        `${formatIp(pod.ip)}/32`,
        '-m',
        'comment',
        '--comment',
        comment(pod.containerId),
        '-j',
        chain,
      ]),
    );
    nf.append(
      'nat',
      chain,
      parseRuleSpec(['-d', cidrText, '-m', 'comment', '--comment', comment(pod.containerId), '-j', 'ACCEPT']),
    );
    nf.append(
      'nat',
      chain,
      parseRuleSpec([
        '!',
        '-d',
        '224.0.0.0/4',
        '-m',
        'comment',
        '--comment',
        comment(pod.containerId),
        '-j',
        'MASQUERADE',
      ]),
    );
    return ns;
  },
  podDel(host, pod) {
    const p = bridgePort(host, pod);
    if (!p) return;
    p.node.links = p.node.links.filter((l) => l.name !== p.port);
    const ip = pod.addrs.find((a) => a.dev === 'eth0')?.addr;
    if (ip === undefined) return;
    // DEL removes the attachment's chain and its POSTROUTING jump.
    const post = p.node.netfilter.chain('nat', 'POSTROUTING');
    const jump = post?.rules.find(
      (r) => r.src?.value.addr === ip && r.src?.value.len === 32 && r.target?.kind === 'jump',
    );
    const target = jump?.target?.kind === 'jump' ? jump.target.chain : undefined;
    if (post && jump) post.rules = post.rules.filter((r) => r !== jump);
    if (target) p.node.netfilter.deleteChain('nat', target);
  },
  forward(host, from, dev, nextHop, packet) {
    const to = host.owner(nextHop);
    return to ? sameBridgeHop(host, from, dev, to, BRIDGE_NAME, packet) : undefined;
  },
};
