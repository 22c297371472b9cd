/**
 * The cluster's own images: what they listen on, so packets to them are answered, and their shells
 * (the Kubernetes images are distroless). Host-network pods (kube-apiserver, etcd, kindnet,
 * kube-proxy) listen in their node's namespace.
 */
import type { AppSpec } from './types';

export const COREDNS: AppSpec = {
  id: 'coredns',
  images: ['coredns/coredns', 'coredns'],
  listens: [
    { proto: 'udp', port: 53 },
    { proto: 'tcp', port: 53 },
    { proto: 'tcp', port: 9153 },
    { proto: 'tcp', port: 8080 },
    { proto: 'tcp', port: 8181 },
  ],
  shells: [],
  tools: [],
};
export const KUBE_APISERVER: AppSpec = {
  id: 'kube-apiserver',
  images: ['kube-apiserver'],
  listens: [{ proto: 'tcp', port: 6443 }],
  shells: [],
  tools: [],
};
export const ETCD: AppSpec = {
  id: 'etcd',
  images: ['etcd'],
  listens: [
    { proto: 'tcp', port: 2379 },
    { proto: 'tcp', port: 2380 },
    { proto: 'tcp', port: 2381 },
  ],
  shells: ['sh'],
  tools: [],
};
export const KUBE_CONTROLLER_MANAGER: AppSpec = {
  id: 'kube-controller-manager',
  images: ['kube-controller-manager'],
  listens: [{ proto: 'tcp', port: 10257 }],
  shells: [],
  tools: [],
};
export const KUBE_SCHEDULER: AppSpec = {
  id: 'kube-scheduler',
  images: ['kube-scheduler'],
  listens: [{ proto: 'tcp', port: 10259 }],
  shells: [],
  tools: [],
};
export const KUBE_PROXY: AppSpec = {
  id: 'kube-proxy',
  images: ['kube-proxy'],
  listens: [
    { proto: 'tcp', port: 10249 },
    { proto: 'tcp', port: 10256 },
  ],
  shells: ['sh'],
  tools: [],
};
export const KINDNETD: AppSpec = {
  id: 'kindnetd',
  images: ['kindest/kindnetd', 'kindnetd'],
  listens: [],
  shells: ['sh'],
  tools: [],
};
export const LOCAL_PATH: AppSpec = {
  id: 'local-path-provisioner',
  images: ['kindest/local-path-provisioner', 'rancher/local-path-provisioner', 'local-path-provisioner'],
  listens: [],
  shells: ['sh'],
  tools: [],
};
export const OTHER_CNI: AppSpec = {
  id: 'cni-agent',
  images: [
    'weaveworks/weave-kube',
    'weaveworks/weave-npc',
    'amazon-k8s-cni',
    'amazon-k8s-cni-init',
    'aws-network-policy-agent',
    'metrics-server',
    'metrics-server/metrics-server',
    'aws-load-balancer-controller',
  ],
  listens: [],
  shells: [],
  tools: [],
};
/** NodeLocal DNSCache's node-cache (host network): DNS on 53 at its `-localip` addresses, metrics on 9253, health on 8080. */
export const NODE_CACHE: AppSpec = {
  id: 'node-cache',
  images: ['dns/k8s-dns-node-cache', 'k8s-dns-node-cache'],
  listens: [
    { proto: 'udp', port: 53 },
    { proto: 'tcp', port: 53 },
    { proto: 'tcp', port: 9253 },
    { proto: 'tcp', port: 8080 },
  ],
  shells: ['sh'],
  tools: [],
};
