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
import type { KubeObject } from '../cluster/types';

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

/** The aws-node DaemonSet's container environment configures ipamd and the SNAT rules (`kubectl set env`, `kubectl patch`). */
export function followCniSettings(ipam: PodIpam, ds: KubeObject): void {
  if (!(ipam instanceof AwsVpcIpam) || ds.metadata.name !== 'aws-node' || ds.metadata.namespace !== 'kube-system')
    return;
  const container = (ds.spec?.template?.spec?.containers ?? []).find(
    (c: { name?: string }) => c.name === 'aws-node',
  ) as { env?: Array<{ name: string; value?: string }> } | undefined;
  ipam.applyEnv(
    Object.fromEntries((container?.env ?? []).filter((e) => e.value !== undefined).map((e) => [e.name, e.value!])),
  );
}

export type { CniPlugin } from './types';
