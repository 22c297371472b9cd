import type { ScenarioDefinition } from './types';
import { buildCluster } from './build-cluster';
import { KIND_IPTABLES } from './topology';

export const kindIptablesScenario: ScenarioDefinition = {
  id: 'kind-iptables',
  description:
    'kind cluster myk8s (1 control plane + 3 workers), kindnet, kube-proxy in iptables mode, Kubernetes v1.31',
  build(emu) {
    buildCluster(emu, KIND_IPTABLES);
  },
};
