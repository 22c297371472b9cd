import { registerScenario } from './registry';
import { buildCluster } from './build-cluster';
import { AWS_VPC_CNI } from './topology';

registerScenario({
  id: 'aws-vpc-cni',
  description: 'EKS-like cluster: three t3.medium workers in three AZs, Amazon VPC CNI (secondary IPs), kube-proxy iptables',
  build(emu) {
    buildCluster(emu, AWS_VPC_CNI);
  },
});
