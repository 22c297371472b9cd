/**
 * What an EKS managed node group's worker looks like through the API: the labels EKS, eksctl and the
 * AWS cloud controller put on it, its five addresses, its providerID (the EC2 instance ipamd runs
 * on), and capacity and allocatable as the kubelet computes them from the instance type.
 *
 * Allocatable follows the EKS AMIs (nodeadm's kubelet config, the same formulas as the AL2
 * bootstrap.sh): kube-reserved memory = 11 MiB × max pods + 255 MiB, kube-reserved CPU = 6% of the
 * first core + 1% of the second + 0.5% of the next two + 0.25% above four, eviction-hard
 * memory.available 100Mi. A t3.medium (max pods 17) thus keeps 1930m of 2 CPUs and its memory
 * less 542Mi, as real nodes show (`cpu: 1930m`, `memory: 3412468Ki` of `3967476Ki` on an AL2 t3.medium).
 */
import type { NodeSpec } from './topology';
import { fnv32a } from '../cluster/hash';
import { instanceLimits, maxPods } from '../cni/aws-limits';

export const EKS_REGION = 'ap-northeast-2';
/** eksctl's node group of the course's `myeks` cluster. */
export const EKS_NODEGROUP = 'ng1';

/**
 * What the kernel of an Amazon Linux 2023 instance reports as MemTotal (the node's memory capacity),
 * by instance type: a little less than what EC2 sells (3943308Ki on a t3.medium, captured).
 */
const MEM_TOTAL_KI: Readonly<Record<string, number>> = { 't3.medium': 3943308 };

/** eksctl's default root volume (80 GiB gp3) as the kubelet sees it: capacity in Ki, allocatable in bytes (captured pair). */
const ROOT_VOLUME = { capacity: '83873772Ki', allocatable: '76224326324' };

/** The instance the node runs on (ipamd's view of it). */
export interface Ec2Instance {
  instanceId: string;
  instanceType: string;
  publicIp: string;
}

/** kube-reserved CPU in millicores for `vcpus` (getCPUMillicoresToReserve). */
export function kubeReservedCpuMillicores(vcpus: number): number {
  const total = vcpus * 1000;
  const ranges = [0, 1000, 2000, 4000, total];
  const basisPoints = [600, 100, 50, 25];
  let reserved = 0;
  for (let i = 0; i < basisPoints.length; i++) {
    const start = ranges[i]!;
    const end = Math.max(ranges[i + 1]!, start);
    if (total <= start) continue;
    reserved += ((Math.min(total, end) - start) * basisPoints[i]!) / 10000;
  }
  return Math.floor(reserved);
}

/** kube-reserved memory in MiB for a node of `maxPods` pods (getMemoryMebibytesToReserve). */
export function kubeReservedMemoryMiB(maxPodsPerNode: number): number {
  return 11 * maxPodsPerNode + 255;
}

/** Capacity and allocatable of a worker of this instance type. */
export function eksNodeResources(instanceType: string): {
  capacity: Record<string, string>;
  allocatable: Record<string, string>;
} {
  const limits = instanceLimits(instanceType);
  const pods = maxPods(instanceType);
  const memKi = MEM_TOTAL_KI[instanceType];
  if (memKi === undefined) throw new Error(`no captured memory size for ${instanceType}`);
  const cpu = limits.vcpus * 1000 - kubeReservedCpuMillicores(limits.vcpus);
  // kube-reserved plus the 100Mi eviction threshold, in Ki.
  const reservedKi = (kubeReservedMemoryMiB(pods) + 100) * 1024;
  const common = { 'hugepages-1Gi': '0', 'hugepages-2Mi': '0', pods: String(pods) };
  return {
    capacity: {
      cpu: String(limits.vcpus),
      'ephemeral-storage': ROOT_VOLUME.capacity,
      'hugepages-1Gi': common['hugepages-1Gi'],
      'hugepages-2Mi': common['hugepages-2Mi'],
      memory: `${memKi}Ki`,
      pods: common.pods,
    },
    allocatable: {
      cpu: cpu % 1000 === 0 ? String(cpu / 1000) : `${cpu}m`,
      'ephemeral-storage': ROOT_VOLUME.allocatable,
      'hugepages-1Gi': common['hugepages-1Gi'],
      'hugepages-2Mi': common['hugepages-2Mi'],
      memory: `${memKi - reservedKi}Ki`,
      pods: common.pods,
    },
  };
}

function hex(seed: string, len: number): string {
  let s = '';
  for (let i = 0; s.length < len; i++) s += fnv32a(`${seed}/${i}`).toString(16).padStart(8, '0');
  return s.slice(0, len);
}

/** The zone's id (`apne2-az1` for ap-northeast-2a ...), as the cloud controller labels it. */
function zoneId(zone: string): string {
  const letter = zone.slice(-1);
  return `apne2-az${letter.charCodeAt(0) - 'a'.charCodeAt(0) + 1}`;
}

export interface EksNodeDetails {
  labels: Record<string, string>;
  annotations: Record<string, string>;
  addresses: Array<{ address: string; type: string }>;
  capacity: Record<string, string>;
  allocatable: Record<string, string>;
  providerID: string;
  /** EC2 instances' SMBIOS UUID starts with `ec2`; the machine id is the same hex. */
  systemUUID: string;
  machineID: string;
  kubeletVersion: string;
}

/** An EKS worker's identity and resources, from its spec and the instance behind it. */
export function eksNodeDetails(cluster: string, n: NodeSpec, instance: Ec2Instance): EksNodeDetails {
  const zone = n.labels?.['topology.kubernetes.io/zone'] ?? `${EKS_REGION}a`;
  const type = instance.instanceType;
  const dashed = (ip: string) => ip.replace(/\./g, '-');
  const uuidHex = `ec2${hex(`${instance.instanceId}/uuid`, 29)}`;
  const labels: Record<string, string> = {
    'alpha.eksctl.io/cluster-name': cluster,
    'alpha.eksctl.io/nodegroup-name': EKS_NODEGROUP,
    'beta.kubernetes.io/arch': 'amd64',
    'beta.kubernetes.io/instance-type': type,
    'beta.kubernetes.io/os': 'linux',
    'eks.amazonaws.com/capacityType': 'ON_DEMAND',
    'eks.amazonaws.com/nodegroup': EKS_NODEGROUP,
    'eks.amazonaws.com/nodegroup-image': `ami-0${hex(`${cluster}/ami`, 16)}`,
    'eks.amazonaws.com/sourceLaunchTemplateId': `lt-0${hex(`${cluster}/lt`, 16)}`,
    'eks.amazonaws.com/sourceLaunchTemplateVersion': '1',
    'failure-domain.beta.kubernetes.io/region': EKS_REGION,
    'failure-domain.beta.kubernetes.io/zone': zone,
    'k8s.io/cloud-provider-aws': hex(`${cluster}/cloud-provider`, 32),
    'kubernetes.io/arch': 'amd64',
    'kubernetes.io/hostname': n.name,
    'kubernetes.io/os': 'linux',
    'node.kubernetes.io/instance-type': type,
    'topology.k8s.aws/zone-id': zoneId(zone),
    'topology.kubernetes.io/region': EKS_REGION,
    'topology.kubernetes.io/zone': zone,
  };
  return {
    labels,
    annotations: {
      'alpha.kubernetes.io/provided-node-ip': n.ip,
      'node.alpha.kubernetes.io/ttl': '0',
      'volumes.kubernetes.io/controller-managed-attach-detach': 'true',
    },
    // The AWS cloud provider's order: InternalIP, ExternalIP, InternalDNS, Hostname, ExternalDNS.
    addresses: [
      { address: n.ip, type: 'InternalIP' },
      { address: instance.publicIp, type: 'ExternalIP' },
      { address: n.name, type: 'InternalDNS' },
      { address: n.name, type: 'Hostname' },
      { address: `ec2-${dashed(instance.publicIp)}.${EKS_REGION}.compute.amazonaws.com`, type: 'ExternalDNS' },
    ],
    ...eksNodeResources(type),
    providerID: `aws:///${zone}/${instance.instanceId}`,
    systemUUID: `${uuidHex.slice(0, 8)}-${uuidHex.slice(8, 12)}-${uuidHex.slice(12, 16)}-${uuidHex.slice(16, 20)}-${uuidHex.slice(20)}`,
    machineID: uuidHex,
    kubeletVersion: 'v1.31.2-eks-94953ac',
  };
}
