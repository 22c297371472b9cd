/**
 * kube-proxy on every node: reads Services and EndpointSlices and writes its rules into the node's
 * netns, in iptables mode (KUBE-SERVICES, KUBE-SVC-*, KUBE-SEP-* chains) or IPVS mode (virtual
 * servers, kube-ipvs0, ipsets and the few iptables rules that remain).
 */
import { agentNodes, type NodeAgent } from '../net/agent';
import { servicePorts } from './endpoints';
import { DEFAULT_PROXY_CONFIG, generateProxyRules } from './iptables';
import { syncRules } from './sync';
import { ipvsSettings, syncIpvsProxy } from './ipvs';

export const kubeProxyAgent: NodeAgent = {
  name: 'kube-proxy',
  sync(dp, objs) {
    const mode = dp.options.proxyMode;
    if (mode === 'none') return;
    const nodes = agentNodes(objs.nodes);
    const ports = servicePorts(objs.services, objs.endpointSlices);
    if (mode === 'iptables') {
      // Only Local traffic policies make one node's rules differ from another's.
      const perNode = ports.some((p) => p.internalPolicyLocal || p.externalPolicyLocal);
      let shared: ReturnType<typeof generateProxyRules> | undefined;
      for (const n of nodes) {
        const cfg = { ...DEFAULT_PROXY_CONFIG, nodeName: n.name, clusterCIDR: dp.options.clusterCIDR };
        const rules = perNode ? generateProxyRules(ports, cfg) : (shared ??= generateProxyRules(ports, cfg));
        const ns = dp.nodeNetns(n.name);
        if (ns) syncRules(ns.netfilter, rules);
      }
      return;
    }
    const ipvs = ipvsSettings(objs.kubeProxyConfig);
    for (const n of nodes) {
      const cfg = { nodeName: n.name, clusterCIDR: dp.options.clusterCIDR, masqueradeAll: false, ...ipvs };
      const ns = dp.nodeNetns(n.name);
      if (ns) syncIpvsProxy(ns, ports, cfg, { now: dp.now(), rng: dp.rng });
    }
  },
};
