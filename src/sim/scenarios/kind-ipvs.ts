import type { ScenarioDefinition } from './types';
import { buildCluster } from './build-cluster';
import { KIND_IPVS } from './topology';

export const kindIpvsScenario: ScenarioDefinition = {
  id: 'kind-ipvs',
  description: 'kind cluster myk8s (1 control plane + 3 workers), kindnet, kube-proxy in IPVS mode (rr, strictARP)',
  build(emu) {
    buildCluster(emu, KIND_IPVS);
  },
};
