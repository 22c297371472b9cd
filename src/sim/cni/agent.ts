/**
 * The CNI runtime on every node (what the kubelet and containerd do with a CNI plugin): a node that
 * joins gets its machine's namespace and the plugin's node setup, every node's routes follow the
 * node list, and each pod with an IP gets CNI ADD (its netns wired to its node) while each pod gone
 * gets CNI DEL. Host-network pods use their node's netns.
 */
import { parseCidr, parseIp } from '../net/addr';
import { agentNodes, type NetnsHost, type NodeAgent, type AgentHost } from '../net/agent';
import { nodeNetnsName, podNetnsName } from '../net/netnsnames';
import type { KubeObject } from '../cluster/types';
import { sandboxId } from './sandbox';
import type { CniPlugin } from './types';

/** The node agent that runs `plugin`. */
export function cniAgent(plugin: CniPlugin): NodeAgent {
  return {
    name: 'cni',
    sync(dp, objs) {
      const nodes = agentNodes(objs.nodes);
      const host = dp.host(nodes);
      for (const n of nodes) {
        const { netns, created } = dp.ensureNodeNetns(n);
        if (created) plugin.nodeSetup(host, netns, n);
        const cidr = n.podCIDR ? parseCidr(n.podCIDR) : undefined;
        if (cidr) dp.setPodCIDR(n.name, cidr);
      }
      plugin.syncNodes(host, nodes);
      if (objs.pods) syncPods(plugin, dp, host, objs.pods);
    },
  };
}

/** ADD for each pod with an IP and no netns yet, DEL for each pod netns whose pod is gone. */
function syncPods(plugin: CniPlugin, dp: AgentHost, host: NetnsHost, pods: readonly KubeObject[]): void {
  const live = new Set<string>();
  for (const pod of pods) {
    const ip = pod.status?.podIP as string | undefined;
    const nodeName = pod.spec?.nodeName as string | undefined;
    if (!ip || !nodeName || pod.spec?.hostNetwork) continue;
    const name = podNetnsName(pod.metadata.namespace ?? 'default', pod.metadata.name);
    live.add(name);
    const existing = dp.netns(name);
    if (existing && existing.addrs.some((a) => a.dev === 'eth0' && a.addr === parseIp(ip))) continue;
    // A pod recreated under the same name with a new IP gets a fresh veth.
    if (existing) plugin.podDel(host, existing);
    const node = dp.netns(nodeNetnsName(nodeName));
    if (!node) continue;
    const containerId = sandboxId(pod.metadata.uid ?? name);
    const wired = plugin.podAdd(
      host,
      {
        namespace: pod.metadata.namespace ?? 'default',
        name: pod.metadata.name,
        ip: parseIp(ip)!,
        node: nodeName,
        netnsName: name,
        containerId,
      },
      node,
    );
    if (wired) dp.setNetns(wired);
  }
  for (const name of dp.names()) {
    if (!name.startsWith('pod/') || live.has(name)) continue;
    plugin.podDel(host, dp.netns(name)!);
    dp.deleteNetns(name);
  }
}
