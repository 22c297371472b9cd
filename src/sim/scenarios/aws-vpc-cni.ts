import type { ScenarioDefinition } from './types';
import { buildCluster } from './build-cluster';
import { AWS_VPC_CNI } from './topology';
import { AwsVpcIpam } from '../cni/aws-ipam';
import { maxPods } from '../cni/aws-limits';
import { eksNodeDetails } from './eks-node';

export const awsVpcCniScenario: ScenarioDefinition = {
  id: 'aws-vpc-cni',
  description:
    'EKS-like cluster: three t3.medium workers in three AZs, Amazon VPC CNI (secondary IPs), kube-proxy iptables',
  build(emu) {
    // ipamd runs on each instance before any pod: ENIs and warm IPs exist as the nodes join.
    const ipam = new AwsVpcIpam({}, emu.seed);
    for (const n of AWS_VPC_CNI.nodes)
      ipam.addNode(n.name, { instanceType: n.instanceType ?? 't3.medium', subnet: n.podCidr, primaryIp: n.ip });
    // The EKS control plane's two ENIs, in the second and third AZs' subnets.
    ipam.addControlPlaneEnis(
      AWS_VPC_CNI.nodes.slice(1, 3).map((n) => ({
        subnet: n.podCidr,
        zone: n.labels?.['topology.kubernetes.io/zone'] ?? 'ap-northeast-2a',
      })),
    );
    emu.cluster.ipam = ipam;
    // kubelet --max-pods from the ENI formula of the workers' instance type.
    const type = AWS_VPC_CNI.nodes[0]?.instanceType ?? 't3.medium';
    buildCluster(emu, {
      ...AWS_VPC_CNI,
      config: { ...AWS_VPC_CNI.config, maxPodsPerNode: maxPods(type) },
      nodeDetails: (n) => eksNodeDetails(AWS_VPC_CNI.config.name, n, ipam.node(n.name)!),
      // kube-apiserver behind its ENIs, on 443 (EKS's `kubernetes` endpoints).
      apiEndpoints: { ips: ipam.controlPlaneEnis().map((e) => e.ip), port: 443 },
    });
  },
};
