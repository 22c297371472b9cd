/**
 * kube-proxy on every node: reads Services and EndpointSlices and writes its rules into the node's
 * netns, in iptables mode (KUBE-SERVICES, KUBE-SVC-*, KUBE-SEP-* chains) or IPVS mode (virtual
 * servers, kube-ipvs0, ipsets and the few iptables rules that remain).
 */
import { agentNodes, type AgentHost, type ClusterObjects, type NodeAgent } from '../net/agent';
import type { KubeObject } from '../cluster/types';
import { servicePorts } from './endpoints';
import { DEFAULT_PROXY_CONFIG, generateProxyRules } from './iptables';
import { syncRules } from './sync';
import { ipvsSettings, syncIpvsProxy } from './ipvs';

export const kubeProxyAgent: NodeAgent = {
  name: 'kube-proxy',
  observe(dp, change, objects) {
    if (dp.options.proxyMode !== 'ipvs') return;
    if (!change) {
      const objs = objects();
      for (const p of (objs.pods ?? []).filter(isKubeProxyPod)) noteStart(dp, p, objs.kubeProxyConfig);
    } else if (change.resource === 'pods' && isKubeProxyPod(change.object)) {
      noteStart(dp, change.object, objects().kubeProxyConfig);
    }
  },
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
    let syncPeriod = Infinity;
    for (const n of nodes) {
      const ns = dp.nodeNetns(n.name);
      const running = ns && runningConfig(dp, objs, n.name);
      if (!ns || !running) continue; // no kube-proxy runs there: the kernel keeps what it was given
      const ipvs = ipvsSettings(running.config);
      // NewProxier: the IPVS timeouts are set once, when kube-proxy starts (0 leaves the kernel's).
      if (running.started) ns.ipvs.setTimeouts(ipvs.timeouts);
      const cfg = { nodeName: n.name, clusterCIDR: dp.options.clusterCIDR, masqueradeAll: false, ...ipvs };
      syncIpvsProxy(ns, ports, cfg, { now: dp.now(), rng: dp.rng });
      syncPeriod = Math.min(syncPeriod, ipvs.syncPeriodMs);
    }
    // The proxier's full resync every ipvs.syncPeriod puts back what a hand-run ipvsadm changed.
    if (syncPeriod < Infinity) dp.wakeAt(dp.now() + syncPeriod);
  },
};

/** What a node's kube-proxy process holds: the pod it runs in, that pod's restart count, and the config it read. */
interface KubeProxyProcess {
  pod: string;
  restarts: number;
  config: string;
  /** Whether it has synced once (what NewProxier does once, at start, is done). */
  synced?: boolean;
}

const isKubeProxyPod = (p: KubeObject): boolean =>
  p.metadata.namespace === 'kube-system' && p.metadata.labels?.['k8s-app'] === 'kube-proxy';

const restartsOf = (p: KubeObject): number => Number(p.status?.containerStatuses?.[0]?.restartCount ?? 0);

/**
 * A kube-proxy container that just started reads config.conf: remember the ConfigMap's content as it
 * is now, for that pod (a pod replaced or restarted reads it again). Others keep what they read.
 */
function noteStart(dp: AgentHost, pod: KubeObject, config: string | undefined): void {
  const node = pod.spec?.nodeName as string | undefined;
  if (!node || pod.status?.phase !== 'Running' || pod.metadata.deletionTimestamp) return;
  const key = `kube-proxy/${node}`;
  const had = dp.memory(key) as KubeProxyProcess | undefined;
  if (had && had.pod === pod.metadata.uid && had.restarts === restartsOf(pod)) return;
  dp.remember(key, { pod: pod.metadata.uid ?? '', restarts: restartsOf(pod), config: config ?? '' });
}

/**
 * The configuration the kube-proxy on `node` runs with: what its pod's container read when it
 * started (kube-proxy reads its file once; a changed ConfigMap takes effect when the pod is replaced
 * or restarts). Undefined when no kube-proxy runs on the node. A cluster without kube-proxy pods at
 * all (a bare data plane in tests) follows the ConfigMap.
 */
function runningConfig(
  dp: AgentHost,
  objs: ClusterObjects,
  node: string,
): { config: string | undefined; started: boolean } | undefined {
  const proxies = (objs.pods ?? []).filter(isKubeProxyPod);
  if (proxies.length === 0) return { config: objs.kubeProxyConfig, started: false };
  const pod = proxies
    .filter((p) => p.spec?.nodeName === node && p.status?.phase === 'Running')
    .sort((a, b) => Number(!!a.metadata.deletionTimestamp) - Number(!!b.metadata.deletionTimestamp))[0];
  if (!pod) return undefined;
  const key = `kube-proxy/${node}`;
  noteStart(dp, pod, objs.kubeProxyConfig);
  const proc = dp.memory(key) as KubeProxyProcess | undefined;
  // A pod still terminating keeps the process it had (noteStart leaves it alone).
  if (!proc) return { config: objs.kubeProxyConfig, started: false };
  if (!proc.synced) dp.remember(key, { ...proc, synced: true });
  return { config: proc.config, started: !proc.synced };
}
