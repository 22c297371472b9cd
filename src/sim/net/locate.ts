/**
 * Where commands find their network namespace: a shell location (host, node, pod) maps to a netns
 * name (host-network pods share their node's), synced with the API objects before it is read.
 */
import type { KubeObject } from '../cluster/types';
import type { LocationRef } from '../shell/types';
import type { DataPlane } from './dataplane';
import type { Netns } from './netns';
import { HOST_NETNS, containerNetnsName, nodeNetnsName, podNetnsName } from './netnsnames';

/** What locating a namespace reads: the data plane (when the cluster has one) and the pods. */
export interface NetworkWorld {
  readonly dataPlane?: DataPlane | undefined;
  readonly store: { get(resource: string, namespace: string | undefined, name: string): KubeObject | undefined };
}

/** The network namespace a shell location runs in (host, node, pod), synced with the API objects first. */
export function netnsFor(world: NetworkWorld, location: LocationRef): Netns | undefined {
  const dp = world.dataPlane;
  if (!dp) return undefined;
  dp.refresh();
  return dp.netns(netnsNameFor(world, location));
}

/** The netns name a location's sockets live in: host-network pods share their node's. */
export function netnsNameFor(world: Pick<NetworkWorld, 'store'>, location: LocationRef): string {
  if ((location.kind === 'host' || location.kind === 'node') && location.netns !== undefined) return location.netns;
  if (location.kind === 'host') return HOST_NETNS;
  if (location.kind === 'node') return nodeNetnsName(location.node);
  if (location.kind === 'container') return containerNetnsName(location.name);
  const pod = world.store.get('pods', location.namespace, location.pod);
  if (pod?.spec?.hostNetwork && pod.spec.nodeName) return nodeNetnsName(pod.spec.nodeName as string);
  return podNetnsName(location.namespace, location.pod);
}
