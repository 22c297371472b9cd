/**
 * The network the nodes themselves sit on, per CNI's usual home: kind's docker network for kindnet
 * and the bridge lesson, a VirtualBox host-only network for the kubeadm/Weave lab, and for the VPC
 * CNI the learner's docker0 only (the VPC CNI plugin moves the nodes into their VPC subnets).
 */
import type { ClusterConfig } from '../cluster/types';
import { KIND_DATAPLANE_DEFAULTS, type DataPlaneOptions } from '../net/dataplane';

/** Data plane options for a cluster. */
export function dataPlaneOptionsFor(config: ClusterConfig): DataPlaneOptions {
  const base = { clusterCIDR: config.podCidr, proxyMode: config.proxyMode };
  switch (config.cni) {
    case 'kindnet':
    case 'bridge':
      return { ...KIND_DATAPLANE_DEFAULTS, ...base };
    case 'weave':
      return { ...base, nodeSubnet: '192.168.56.0/24', gateway: '192.168.56.1', kind: false };
    case 'aws-vpc-cni':
      return { ...base, nodeSubnet: '172.17.0.0/16', gateway: '172.17.0.1', kind: false };
  }
}
