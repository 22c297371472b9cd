/**
 * CNI plugins by name, and the IPAM each one puts behind the cluster's `PodIpam`. The emulator asks
 * here when it attaches a data plane to a cluster (scenario build, restore, `kind create cluster`).
 */
import type { ClusterConfig } from '../cluster/types';
import type { PodIpam } from '../cluster/ipam';
import { kindnetPlugin } from './kindnet';
import { bridgePlugin } from './bridge';
import { weavePlugin, WeaveIpam } from './weave';
import { awsVpcCniPlugin, AwsVpcIpam } from './aws-vpc-cni';
import type { CniPlugin } from './types';
import type { StoreEvent } from '../cluster/store';

/** The data-plane plugin for a cluster's CNI; `ipam` is the cluster's (the VPC CNI reads its ENIs). */
export function createCniPlugin(cni: ClusterConfig['cni'], ipam: PodIpam): CniPlugin {
  switch (cni) {
    case 'kindnet':
      return kindnetPlugin;
    case 'bridge':
      return bridgePlugin;
    case 'weave':
      return weavePlugin(ipam instanceof WeaveIpam ? ipam : new WeaveIpam());
    case 'aws-vpc-cni':
      return awsVpcCniPlugin(ipam instanceof AwsVpcIpam ? ipam : new AwsVpcIpam());
  }
}

/**
 * The IPAM a CNI brings, carrying over `current`'s state (a restored cluster restores into the
 * default host-local IPAM before the data plane is attached). Undefined keeps host-local.
 */
export function ipamFor(cni: ClusterConfig['cni'], current: PodIpam): PodIpam | undefined {
  const swap = (fresh: PodIpam): PodIpam => {
    fresh.restore(current.snapshot());
    return fresh;
  };
  if (cni === 'weave') return current instanceof WeaveIpam ? current : swap(new WeaveIpam());
  if (cni === 'aws-vpc-cni') return current instanceof AwsVpcIpam ? current : swap(new AwsVpcIpam());
  return undefined;
}

/**
 * Each node's ipamd runs with its aws-node pod's environment: when an aws-node pod is running on a
 * node, that node's ipamd takes the pod's `aws-node` container env (so `kubectl set env ds/aws-node`
 * reaches a node when the rollout replaces its pod, not before).
 */
export function followCniSettings(ipam: PodIpam, e: StoreEvent): void {
  const pod = e.object;
  if (!(ipam instanceof AwsVpcIpam) || e.resource !== 'pods' || e.type === 'DELETED') return;
  if (pod.metadata.namespace !== 'kube-system' || pod.metadata.labels?.['k8s-app'] !== 'aws-node') return;
  if (pod.status?.phase !== 'Running' || !pod.spec?.nodeName || pod.metadata.deletionTimestamp) return;
  const container = (pod.spec?.containers ?? []).find((c: { name?: string }) => c.name === 'aws-node') as
    { env?: Array<{ name: string; value?: string }> } | undefined;
  ipam.applyEnv(
    pod.spec.nodeName,
    Object.fromEntries((container?.env ?? []).filter((v) => v.value !== undefined).map((v) => [v.name, v.value!])),
  );
}

export type { CniPlugin } from './types';
