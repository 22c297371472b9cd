/**
 * Scenario parameters as data: node names and IPs, pod and service CIDRs, proxy mode, CNI.
 * The cluster builder reads them, and so can the data plane (routes, kube-proxy, CNI plugins).
 */
import type { ClusterConfig } from '../cluster/types';

export interface NodeSpec {
  name: string;
  role: 'control-plane' | 'worker';
  /** InternalIP (the docker network address for kind, the VPC address on AWS). */
  ip: string;
  /** This node's pod range (`spec.podCIDR`). */
  podCidr: string;
  /** Extra labels (zones, `mynode=...` from the kind config). */
  labels?: Record<string, string>;
  /** The EC2 instance type (EKS workers). */
  instanceType?: string;
}

export interface ClusterTopology {
  config: ClusterConfig;
  nodes: NodeSpec[];
  /** The node network (`kind` docker network, VPC). */
  nodeNetwork: string;
  kernelVersion: string;
  osImage: string;
  containerRuntimeVersion: string;
  /** `kind://docker/myk8s/<node>` or `aws:///ap-northeast-2a/i-...`. */
  providerId(node: NodeSpec): string;
  /** Add-ons that run in this cluster. */
  addons: { localPath: boolean; cniDaemonSet: 'kindnet' | 'weave-net' | 'aws-node' };
  /** Whether the control plane is a visible node (false on EKS). */
  controlPlaneVisible: boolean;
  /** KubeProxyConfiguration settings a kubeadm patch gave (kubeadm's defaults otherwise: strictARP false). */
  kubeProxy?: { strictARP?: boolean };
  /** What a node's Node object carries instead of the kind/kubeadm defaults (EKS workers: eks-node.ts). */
  nodeDetails?(node: NodeSpec): NodeDetails;
  /** Where `kubernetes.default` points (default: the control-plane node's InternalIP on 6443). */
  apiEndpoints?: { ips: string[]; port: number };
}

/** Node object fields a topology may set (labels and annotations replace the defaults). */
export interface NodeDetails {
  labels: Record<string, string>;
  annotations: Record<string, string>;
  addresses: Array<{ address: string; type: string }>;
  capacity: Record<string, string>;
  allocatable: Record<string, string>;
  providerID: string;
  systemUUID: string;
  machineID: string;
  kubeletVersion: string;
}

/** kind nodes from the kans-week5 seed: 1 control plane + 3 workers on the `kind` docker network. */
export function kindTopology(proxyMode: 'iptables' | 'ipvs'): ClusterTopology {
  return {
    config: {
      name: 'myk8s',
      context: 'kind-myk8s',
      serviceCidr: '10.200.1.0/24',
      podCidr: '10.10.0.0/16',
      proxyMode,
      cni: 'kindnet',
      maxPodsPerNode: 110,
      apiServerUrl: 'https://127.0.0.1:38687',
      kubernetesVersion: 'v1.31.0',
    },
    nodes: [
      {
        name: 'myk8s-control-plane',
        role: 'control-plane',
        ip: '172.18.0.2',
        podCidr: '10.10.0.0/24',
        labels: { mynode: 'control-plane', 'topology.kubernetes.io/zone': 'ap-northeast-2a' },
      },
      {
        name: 'myk8s-worker',
        role: 'worker',
        ip: '172.18.0.3',
        podCidr: '10.10.1.0/24',
        labels: { mynode: 'worker1', 'topology.kubernetes.io/zone': 'ap-northeast-2a' },
      },
      {
        name: 'myk8s-worker2',
        role: 'worker',
        ip: '172.18.0.4',
        podCidr: '10.10.2.0/24',
        labels: { mynode: 'worker2', 'topology.kubernetes.io/zone': 'ap-northeast-2b' },
      },
      {
        name: 'myk8s-worker3',
        role: 'worker',
        ip: '172.18.0.5',
        podCidr: '10.10.3.0/24',
        labels: { mynode: 'worker3', 'topology.kubernetes.io/zone': 'ap-northeast-2c' },
      },
    ],
    nodeNetwork: '172.18.0.0/16',
    kernelVersion: '6.8.0-45-generic',
    osImage: 'Debian GNU/Linux 12 (bookworm)',
    containerRuntimeVersion: 'containerd://1.7.18',
    providerId: (n) => `kind://docker/myk8s/${n.name}`,
    addons: { localPath: true, cniDaemonSet: 'kindnet' },
    controlPlaneVisible: true,
  };
}

/** The parameters of the `kind-iptables` scenario. */
export const KIND_IPTABLES: ClusterTopology = kindTopology('iptables');
/** The parameters of the `kind-ipvs` scenario (same cluster, kube-proxy in IPVS mode). */
/** The kans-week5 seed's IPVS cluster: its kind config patches kube-proxy with `ipvs.strictARP: true`. */
export const KIND_IPVS: ClusterTopology = { ...kindTopology('ipvs'), kubeProxy: { strictARP: true } };

/** An EKS-like cluster: three t3.medium workers, one subnet per availability zone, Amazon VPC CNI. */
export const AWS_VPC_CNI: ClusterTopology = {
  config: {
    name: 'myeks',
    context: 'arn:aws:eks:ap-northeast-2:123456789012:cluster/myeks',
    serviceCidr: '10.100.0.0/16',
    podCidr: '192.168.0.0/16',
    proxyMode: 'iptables',
    cni: 'aws-vpc-cni',
    maxPodsPerNode: 17,
    apiServerUrl: 'https://5E1D0CEXAMPLEA591B746AFC5AB30262.yl4.ap-northeast-2.eks.amazonaws.com',
    kubernetesVersion: 'v1.31.0',
  },
  nodes: [
    {
      name: 'ip-192-168-1-51.ap-northeast-2.compute.internal',
      role: 'worker',
      ip: '192.168.1.51',
      instanceType: 't3.medium',
      podCidr: '192.168.1.0/24',
      labels: { 'topology.kubernetes.io/zone': 'ap-northeast-2a', 'node.kubernetes.io/instance-type': 't3.medium' },
    },
    {
      name: 'ip-192-168-2-96.ap-northeast-2.compute.internal',
      role: 'worker',
      ip: '192.168.2.96',
      instanceType: 't3.medium',
      podCidr: '192.168.2.0/24',
      labels: { 'topology.kubernetes.io/zone': 'ap-northeast-2b', 'node.kubernetes.io/instance-type': 't3.medium' },
    },
    {
      name: 'ip-192-168-3-136.ap-northeast-2.compute.internal',
      role: 'worker',
      ip: '192.168.3.136',
      instanceType: 't3.medium',
      podCidr: '192.168.3.0/24',
      labels: { 'topology.kubernetes.io/zone': 'ap-northeast-2c', 'node.kubernetes.io/instance-type': 't3.medium' },
    },
  ],
  nodeNetwork: '192.168.0.0/16',
  kernelVersion: '6.1.109-118.189.amzn2023.x86_64',
  osImage: 'Amazon Linux 2023.5.20240916',
  containerRuntimeVersion: 'containerd://1.7.20',
  providerId: (n) =>
    `aws:///${n.labels?.['topology.kubernetes.io/zone'] ?? 'ap-northeast-2a'}/i-0${n.ip.replace(/\./g, '')}abcdef`.slice(
      0,
      48,
    ),
  addons: { localPath: false, cniDaemonSet: 'aws-node' },
  controlPlaneVisible: false,
};

/** A kubeadm cluster with Weave Net: one control plane and two workers. */
export const WEAVE: ClusterTopology = {
  config: {
    name: 'kubernetes',
    context: 'kubernetes-admin@kubernetes',
    serviceCidr: '10.96.0.0/12',
    podCidr: '10.32.0.0/12',
    proxyMode: 'iptables',
    cni: 'weave',
    maxPodsPerNode: 110,
    apiServerUrl: 'https://192.168.56.10:6443',
    kubernetesVersion: 'v1.31.0',
  },
  nodes: [
    { name: 'k8s-m', role: 'control-plane', ip: '192.168.56.10', podCidr: '10.32.0.0/24' },
    { name: 'k8s-w1', role: 'worker', ip: '192.168.56.11', podCidr: '10.32.1.0/24' },
    { name: 'k8s-w2', role: 'worker', ip: '192.168.56.12', podCidr: '10.32.2.0/24' },
  ],
  nodeNetwork: '192.168.56.0/24',
  kernelVersion: '5.15.0-122-generic',
  osImage: 'Ubuntu 22.04.5 LTS',
  containerRuntimeVersion: 'containerd://1.7.22',
  providerId: () => '',
  addons: { localPath: false, cniDaemonSet: 'weave-net' },
  controlPlaneVisible: true,
};

/** What a kind config says about a cluster (kind.x-k8s.io/v1alpha4), already parsed. */
export interface KindConfig {
  name: string;
  nodes: Array<{ role: 'control-plane' | 'worker'; labels?: Record<string, string> }>;
  podSubnet?: string;
  serviceSubnet?: string;
  kubeProxyMode?: 'iptables' | 'ipvs';
}

/**
 * The topology `kind create cluster` builds from a config: nodes named `<name>-control-plane`,
 * `<name>-worker`, `<name>-worker2`..., addresses from 172.18.0.2 in order, one /24 of the pod subnet
 * per node, kind's default subnets (10.244.0.0/16, 10.96.0.0/16) when the config has none.
 */
export function kindTopologyFor(cfg: KindConfig): ClusterTopology {
  const base = kindTopology(cfg.kubeProxyMode ?? 'iptables');
  const podSubnet = cfg.podSubnet ?? '10.244.0.0/16';
  const [a, b] = podSubnet.split('.');
  const nodes = cfg.nodes.length ? cfg.nodes : [{ role: 'control-plane' as const }];
  let cp = 0;
  let wk = 0;
  const specs: NodeSpec[] = nodes.map((n, i) => {
    const index = n.role === 'control-plane' ? ++cp : ++wk;
    const suffix = index === 1 ? '' : String(index);
    return {
      name: `${cfg.name}-${n.role === 'control-plane' ? 'control-plane' : 'worker'}${suffix}`,
      role: n.role,
      ip: `172.18.0.${2 + i}`,
      podCidr: `${a}.${b}.${i}.0/24`,
      ...(n.labels ? { labels: n.labels } : {}),
    };
  });
  return {
    ...base,
    config: {
      ...base.config,
      name: cfg.name,
      context: `kind-${cfg.name}`,
      serviceCidr: cfg.serviceSubnet ?? '10.96.0.0/16',
      podCidr: podSubnet,
    },
    nodes: specs,
    providerId: (n) => `kind://docker/${cfg.name}/${n.name}`,
  };
}
