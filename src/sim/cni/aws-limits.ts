/**
 * EC2 instance network limits the Amazon VPC CNI plans with (reference 3.2: ENIs and IPv4 per ENI
 * from pkg/vpc/vpc_ip_resource_limit.go) and the max-pods formulas built on them.
 */

export interface InstanceLimits {
  enis: number;
  ipv4PerEni: number;
  hypervisor: 'nitro' | 'xen';
  vcpus: number;
}

const row = (
  enis: number,
  ipv4PerEni: number,
  vcpus: number,
  hypervisor: 'nitro' | 'xen' = 'nitro',
): InstanceLimits => ({ enis, ipv4PerEni, hypervisor, vcpus });

/** The common instance types (network card 0 only). */
export const INSTANCE_LIMITS: Readonly<Record<string, InstanceLimits>> = {
  't3.nano': row(2, 2, 2),
  't3.micro': row(2, 2, 2),
  't3.small': row(3, 4, 2),
  't3.medium': row(3, 6, 2),
  't3.large': row(3, 12, 2),
  't3.xlarge': row(4, 15, 4),
  't3.2xlarge': row(4, 15, 8),
  't3a.medium': row(3, 6, 2),
  't3a.large': row(3, 12, 2),
  't2.micro': row(2, 2, 1, 'xen'),
  't2.small': row(3, 4, 1, 'xen'),
  't2.medium': row(3, 6, 2, 'xen'),
  't2.large': row(3, 12, 2, 'xen'),
  'm5.large': row(3, 10, 2),
  'm5.xlarge': row(4, 15, 4),
  'm5.2xlarge': row(4, 15, 8),
  'm5.4xlarge': row(8, 30, 16),
  'm5.8xlarge': row(8, 30, 32),
  'm5.12xlarge': row(8, 30, 48),
  'm5.24xlarge': row(15, 50, 96),
  'm6i.large': row(3, 10, 2),
  'm6i.xlarge': row(4, 15, 4),
  'm7i.large': row(3, 10, 2),
  'm6g.large': row(3, 10, 2),
  'c5.large': row(3, 10, 2),
  'c5.xlarge': row(4, 15, 4),
  'c5.2xlarge': row(4, 15, 8),
  'c5.4xlarge': row(8, 30, 16),
  'c5.9xlarge': row(8, 30, 36),
  'c6i.large': row(3, 10, 2),
  'c6i.xlarge': row(4, 15, 4),
  'r5.large': row(3, 10, 2),
  'r5.xlarge': row(4, 15, 4),
  'm4.4xlarge': row(8, 30, 16, 'xen'),
};

/** An instance type's limits; throws for a type the table does not know. */
export function instanceLimits(type: string): InstanceLimits {
  const l = INSTANCE_LIMITS[type];
  if (!l) throw new Error(`unknown instance type ${type}`);
  return l;
}

/**
 * kubelet `--max-pods` in secondary-IP mode: ENIs × (IPv4 per ENI − 1) + 2 (each ENI's primary IP
 * is not used for pods; +2 for the host-network pods aws-node and kube-proxy).
 */
export function maxPods(type: string): number {
  const l = instanceLimits(type);
  return l.enis * (l.ipv4PerEni - 1) + 2;
}

/**
 * Max pods with prefix delegation (max-pods-calculator.sh): ENIs × ((IPv4 per ENI − 1) × 16) + 2,
 * capped at 110 for up to 30 vCPUs and 250 above; only Nitro instances delegate prefixes.
 */
export function maxPodsWithPrefixes(type: string): number {
  const l = instanceLimits(type);
  if (l.hypervisor !== 'nitro') return maxPods(type);
  const raw = l.enis * ((l.ipv4PerEni - 1) * 16) + 2;
  return Math.min(raw, l.vcpus > 30 ? 250 : 110);
}
