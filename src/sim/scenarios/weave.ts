import type { ScenarioDefinition } from './types';
import { buildCluster } from './build-cluster';
import { WEAVE } from './topology';
import { WeaveIpam } from '../cni/weave';

export const weaveScenario: ScenarioDefinition = {
  id: 'weave',
  description: 'kubeadm cluster with Weave Net (10.32.0.0/12): one control plane, two workers',
  build(emu) {
    // Peers join in node order, so the control plane holds the first share of 10.32.0.0/12.
    const ipam = new WeaveIpam();
    for (const n of WEAVE.nodes) ipam.shareOf(n.name);
    emu.cluster.ipam = ipam;
    buildCluster(emu, WEAVE);
  },
};
