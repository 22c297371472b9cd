/** Imports every scenario module (each registers itself) and re-exports the registry. */
export { getScenario, allScenarios, registerScenario, type ScenarioDefinition } from './registry';
export {
  KIND_IPTABLES,
  KIND_IPVS,
  AWS_VPC_CNI,
  WEAVE,
  kindTopologyFor,
  type ClusterTopology,
  type NodeSpec,
  type KindConfig,
} from './topology';
export { buildCluster, type BuildOptions } from './build-cluster';
import './kind-iptables';
import './kind-ipvs';
import './aws-vpc-cni';
import './weave';
import './empty';
