/**
 * The seam between the data plane and the CNI plugins. The data plane owns the namespaces and the
 * packet walk, and the CNI runtime (cni/agent.ts, a node agent) calls the plugin; a plugin decides how a node is prepared (bridge, masquerade rules, overlay devices),
 * how a pod's netns is wired on ADD and unwired on DEL, how nodes reach each other's pods, and, for
 * overlays, what a packet looks like while it crosses between nodes (the trace's outer header).
 * Plugins keep no state of their own: everything they build lives in the namespaces (snapshotted
 * with the data plane) or in the cluster's IPAM (snapshotted with the cluster).
 */
import type { Netns } from '../net/netns';
import type { AgentNode, Fabric, Hop, NetnsHost } from '../net/agent';

/** A node as the plugin sees it: name, InternalIP, `spec.podCIDR` when the cluster allocates one. */
export type CniNode = AgentNode;

/** The pod an ADD is for (CNI_CONTAINERID, CNI_NETNS, CNI_IFNAME=eth0 in the real protocol). */
export interface CniPod {
  namespace: string;
  name: string;
  /** Numeric IPv4 address IPAM gave the pod. */
  ip: number;
  node: string;
  /** The netns name the data plane wants the pod to have. */
  netnsName: string;
  /** The sandbox id (CNI_CONTAINERID). */
  containerId: string;
}

/** What the data plane lends a plugin: namespaces, seeded names, the node list. */
export type CniHost = NetnsHost;

/** Where a frame lands when the plugin knows better than "whoever owns the address". */
export type CniHop = Hop;

export interface CniPlugin extends Fabric {
  /** The plugin's name (`kindnet`, `bridge`, `weave`, `aws-vpc-cni`). */
  readonly name: string;
  /** Prepare a freshly built node netns (bridges, masquerade chains, overlay devices). */
  nodeSetup(host: CniHost, ns: Netns, node: CniNode): void;
  /** Keep each node's routes to the other nodes' pods in step with the node list. */
  syncNodes(host: CniHost, nodes: readonly CniNode[]): void;
  /** CNI ADD: create the pod's netns wired to its node; undefined when the node cannot wire it yet. */
  podAdd(host: CniHost, pod: CniPod, node: Netns): Netns | undefined;
  /** CNI DEL: remove the node side of the pod's wiring (the pod netns itself is dropped by the caller). */
  podDel(host: CniHost, pod: Netns): void;
}
