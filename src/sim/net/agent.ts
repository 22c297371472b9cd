/**
 * Node agents: what runs on every node and programs the data plane from the API objects. The CNI
 * runtime wires nodes and pods, kube-proxy writes its rules, node-cache sets up NodeLocal DNSCache.
 * The data plane owns the namespaces and the packet walk; it runs the agents the composition root
 * (src/sim/emulator.ts) gives it, in order, whenever the API objects changed. Agents keep no state of
 * their own: what they build lives in the namespaces.
 */
import type { KubeObject } from '../cluster/types';
import type { Rng } from '../core/rng';
import type { Netns } from './netns';
import type { Packet } from './packet';
import type { TraceEvent } from './trace';
import type { Cidr } from './addr';

/** The API objects node agents read. */
export interface ClusterObjects {
  nodes: readonly KubeObject[];
  services: readonly KubeObject[];
  endpointSlices: readonly KubeObject[];
  /** Pods with an IP get a netns wired by the CNI plugin (host-network pods use the node's). */
  pods?: readonly KubeObject[];
  /** The kube-proxy ConfigMap's `config.conf` (IPVS mode reads its scheduler and strictARP). */
  kubeProxyConfig?: string;
}

/** A node as agents see it: name, InternalIP and, when the cluster allocates one, `spec.podCIDR`. */
export interface AgentNode {
  name: string;
  ip: string;
  podCIDR?: string;
}

/** What the data plane lends CNI plugins and fabrics: namespaces, seeded names, the node list. */
export interface NetnsHost {
  netns(name: string): Netns | undefined;
  nodeNetns(node: string): Netns | undefined;
  /** The namespace `name`, built with `build` the first time (a VPC router, an overlay's peers). */
  ensureNetns(name: string, build: (name: string) => Netns): Netns;
  /** The namespace that owns an address (the default next-hop resolution). */
  owner(ip: number): Netns | undefined;
  /** A seeded locally administered MAC. */
  mac(): string;
  /** `n` seeded lowercase hex digits (veth names). */
  hex(n: number): string;
  /** The cluster's pod CIDR. */
  clusterCIDR: string;
  /** Virtual time (conntrack lookups). */
  now: number;
  nodes(): readonly AgentNode[];
}

/** Where a frame leaving `from` on `dev` towards `nextHop` lands, when the fabric knows better than "whoever owns the address". */
export interface Hop {
  next: Netns;
  inDev: string;
  /** Trace events replacing the plain link event (bridge ports, encapsulation). */
  events: TraceEvent[];
}

/** The network between namespaces, where it is more than "whoever owns the next hop" (a bridge, VXLAN, the VPC). */
export interface Fabric {
  /** Resolve the next hop of a walk; undefined keeps the default (the namespace owning the address). */
  forward?(host: NetnsHost, from: Netns, dev: string, nextHop: number, packet: Readonly<Packet>): Hop | undefined;
}

/** What a node agent may do to the data plane. */
export interface AgentHost {
  readonly options: { readonly clusterCIDR: string; readonly proxyMode: 'iptables' | 'ipvs' | 'none' };
  readonly rng: Rng;
  now(): number;
  /** The namespace host for `nodes` (what CNI plugins are given). */
  host(nodes?: readonly AgentNode[]): NetnsHost;
  netns(name: string): Netns | undefined;
  nodeNetns(node: string): Netns | undefined;
  /** All namespace names, in creation order. */
  names(): string[];
  /** A node's namespace, built (the node machine's own wiring) the first time; `created` says whether it was. */
  ensureNodeNetns(node: AgentNode): { netns: Netns; created: boolean };
  /** Add or replace a namespace. */
  setNetns(ns: Netns): void;
  deleteNetns(name: string): void;
  /** Note a node's pod CIDR (kept with the data plane's snapshot). */
  setPodCIDR(node: string, cidr: Cidr): void;
  /** A seeded locally administered MAC. */
  mac(): string;
  /**
   * What an agent's process remembers between syncs, by key (`kube-proxy/NODE`: the configuration
   * that kube-proxy read when it started). Kept with the data plane's snapshot; undefined forgets.
   */
  memory(key: string): unknown;
  remember(key: string, value: unknown): void;
  /** Run the agents again once virtual time reaches `ms`, even if no object changed (a periodic resync). */
  wakeAt(ms: number): void;
}

/** One API change as the store reported it. */
export interface ObjectChangeEvent {
  resource: string;
  object: KubeObject;
}

export interface NodeAgent {
  /** A short name for docs and messages (`cni`, `kube-proxy`, `node-cache`). */
  readonly name: string;
  /** Bring the namespaces in step with the API objects. */
  sync(host: AgentHost, objs: ClusterObjects): void;
  /**
   * See an API change as it happens, before the next (lazy) sync: for an agent whose process reads
   * something once, when it starts (kube-proxy's configuration file). `change` is undefined when the
   * data plane starts following a cluster. Must not touch the namespaces or draw from the rng.
   */
  observe?(host: AgentHost, change: ObjectChangeEvent | undefined, objects: () => ClusterObjects): void;
}

/** A Node's InternalIP from status.addresses. */
export function nodeInternalIP(node: KubeObject): string | undefined {
  return (node.status?.addresses as { type: string; address: string }[] | undefined)?.find(
    (a) => a.type === 'InternalIP',
  )?.address;
}

/** The nodes that have an InternalIP, as agents see them. */
export function agentNodes(nodes: readonly KubeObject[]): AgentNode[] {
  const out: AgentNode[] = [];
  for (const n of nodes) {
    const ip = nodeInternalIP(n);
    if (!ip) continue;
    const podCIDR = n.spec?.podCIDR as string | undefined;
    out.push({ name: n.metadata.name, ip, ...(podCIDR ? { podCIDR } : {}) });
  }
  return out;
}

/** The objects node agents follow, read from anything that lists resources like the ObjectStore. */
export function clusterObjects(store: { list(resource: string): KubeObject[] }): ClusterObjects {
  const kubeProxy = store
    .list('configmaps')
    .find((c) => c.metadata.namespace === 'kube-system' && c.metadata.name === 'kube-proxy');
  const kubeProxyConfig = kubeProxy?.data?.['config.conf'] as string | undefined;
  return {
    nodes: store.list('nodes'),
    services: store.list('services'),
    endpointSlices: store.list('endpointslices'),
    pods: store.list('pods'),
    ...(kubeProxyConfig !== undefined ? { kubeProxyConfig } : {}),
  };
}
