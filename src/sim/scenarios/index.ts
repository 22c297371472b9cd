/** Imports every scenario module (each registers itself) and re-exports the registry. */
export { getScenario, allScenarios, registerScenario, type ScenarioDefinition } from './registry';
export { KIND_IPTABLES, KIND_IPVS, AWS_VPC_CNI, WEAVE, type ClusterTopology, type NodeSpec } from './topology';
import './kind-iptables';
import './kind-ipvs';
import './aws-vpc-cni';
import './weave';
import './empty';
