import { registerScenario } from './registry';
import { buildCluster } from './build-cluster';
import { WEAVE } from './topology';

registerScenario({
  id: 'weave',
  description: 'kubeadm cluster with Weave Net (10.32.0.0/12): one control plane, two workers',
  build(emu) {
    buildCluster(emu, WEAVE);
  },
});
