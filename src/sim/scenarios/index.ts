/** What other layers use to build clusters (`kind create cluster`); the scenario list itself is in emulator.ts. */
export type { ScenarioDefinition } from './types';
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
