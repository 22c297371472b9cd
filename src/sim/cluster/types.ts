/**
 * API objects are plain JSON in the shape the real API server serves (apiVersion, kind, metadata,
 * spec, status). Keeping them as data, not classes, is what lets `-o yaml`, `-o jsonpath`, snapshots
 * and the controllers all read the same thing.
 */
export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

export interface OwnerReference {
  apiVersion: string;
  kind: string;
  name: string;
  uid: string;
  controller?: boolean;
  blockOwnerDeletion?: boolean;
}

export interface ObjectMeta {
  name: string;
  namespace?: string;
  generateName?: string;
  uid?: string;
  resourceVersion?: string;
  generation?: number;
  creationTimestamp?: string;
  deletionTimestamp?: string;
  deletionGracePeriodSeconds?: number;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
  ownerReferences?: OwnerReference[];
  [key: string]: unknown;
}

export interface KubeObject {
  apiVersion: string;
  kind: string;
  metadata: ObjectMeta;
  spec?: any;
  status?: any;
  [key: string]: any;
}

/** What a scenario (or `kind create cluster`) decides about a cluster; read by the data plane too. */
export interface ClusterConfig {
  /** Cluster name (`myk8s`); the kubeconfig context is `kind-<name>` for kind. */
  name: string;
  context: string;
  serviceCidr: string;
  podCidr: string;
  proxyMode: 'iptables' | 'ipvs';
  cni: 'kindnet' | 'weave' | 'aws-vpc-cni' | 'bridge';
  /** Kubelet `maxPods` (110 by default; the VPC CNI formula on EKS). */
  maxPodsPerNode: number;
  /** `https://127.0.0.1:PORT` as printed by `kubectl cluster-info`. */
  apiServerUrl: string;
  kubernetesVersion: string;
}
