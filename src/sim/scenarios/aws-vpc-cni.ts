import type { ScenarioDefinition } from './types';
import { buildCluster } from './build-cluster';
import { AWS_VPC_CNI } from './topology';
import { AwsVpcIpam } from '../cni/aws-ipam';
import { maxPods } from '../cni/aws-limits';

export const awsVpcCniScenario: ScenarioDefinition = {
  id: 'aws-vpc-cni',
  description:
    'EKS-like cluster: three t3.medium workers in three AZs, Amazon VPC CNI (secondary IPs), kube-proxy iptables',
  build(emu) {
    // ipamd runs on each instance before any pod: ENIs and warm IPs exist as the nodes join.
    const ipam = new AwsVpcIpam({}, emu.seed);
    for (const n of AWS_VPC_CNI.nodes)
      ipam.addNode(n.name, { instanceType: n.instanceType ?? 't3.medium', subnet: n.podCidr, primaryIp: n.ip });
    emu.cluster.ipam = ipam;
    // kubelet --max-pods from the ENI formula of the workers' instance type.
    const type = AWS_VPC_CNI.nodes[0]?.instanceType ?? 't3.medium';
    buildCluster(emu, { ...AWS_VPC_CNI, config: { ...AWS_VPC_CNI.config, maxPodsPerNode: maxPods(type) } });
  },
};
