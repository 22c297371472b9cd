/**
 * kindnet (reference 2.3): the ptp plugin per pod, a route per other node's pod CIDR via that
 * node's IP (plain L3 over the docker network, no encapsulation), and the KIND-MASQ-AGENT chain.
 */
import { parseCidr, parseIp } from '../net/addr';
import { installKindMasqAgent } from '../net/nodesetup';
import { unwirePtp, wirePtp } from '../net/ptp';
import type { CniPlugin } from './types';

export const kindnetPlugin: CniPlugin = {
  name: 'kindnet',
  nodeSetup(host, ns) {
    installKindMasqAgent(ns.netfilter, [host.clusterCIDR]);
  },
  syncNodes(host, nodes) {
    for (const n of nodes) {
      const ns = host.nodeNetns(n.name);
      if (!ns) continue;
      for (const other of nodes) {
        if (other.name === n.name || !other.podCIDR) continue;
        const dst = parseCidr(other.podCIDR);
        if (!dst) continue;
        ns.deleteRoutes(dst);
        ns.addRoute({ type: 'unicast', dst, via: parseIp(other.ip)!, dev: 'eth0' });
      }
    }
  },
  podAdd(host, pod, node) {
    const cidr = host.nodes().find((n) => n.name === pod.node)?.podCIDR;
    const podCIDR = cidr ? parseCidr(cidr) : undefined;
    if (!podCIDR) return undefined;
    return wirePtp(pod.netnsName, node, pod.ip, podCIDR, {
      hostVeth: `veth${host.hex(8)}`,
      hostMac: host.mac(),
      podMac: host.mac(),
    });
  },
  podDel(host, pod) {
    unwirePtp(pod, (n) => host.netns(n));
  },
};
