/**
 * Test support for the data plane: a DataPlane driven as the emulator drives a kind cluster's (kindnet
 * wiring nodes and pods, kube-proxy, node-cache), for tests that feed it API objects by hand.
 */
import type { Rng } from '../core/rng';
import { DataPlane, type DataPlaneOptions } from './dataplane';
import { nodeLocalDnsAgent } from './nodecache';
import { cniAgent } from '../cni/agent';
import { kindnetPlugin } from '../cni/kindnet';
import { kubeProxyAgent } from '../proxy/agent';

/** A data plane with kindnet and the standard node agents. */
export function kindDataPlane(clock: { now(): number }, rng: Rng, options: DataPlaneOptions): DataPlane {
  return new DataPlane(clock, rng, options, {
    agents: [cniAgent(kindnetPlugin), kubeProxyAgent, nodeLocalDnsAgent],
    fabric: kindnetPlugin,
  });
}
