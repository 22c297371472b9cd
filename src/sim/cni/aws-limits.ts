/**
 * EC2 instance network limits the Amazon VPC CNI plans with (reference 3.2: ENIs and IPv4 per ENI
 * from pkg/vpc/vpc_ip_resource_limit.go) and the max-pods formulas built on them.
 */

export interface InstanceLimits {
  enis: number;
  ipv4PerEni: number;
  hypervisor: 'nitro' | 'xen';
  vcpus: number;
  /** MemoryInfo.SizeInMiB: what EC2 sells, not what the kernel reports. */
  memoryMiB: number;
  /** Physical cores (VCpuInfo.DefaultCores); threads per core is vcpus / cores. */
  cores: number;
  /** ProcessorInfo.SupportedArchitectures. */
  arch: readonly string[];
  /** BurstablePerformanceSupported: the T families. */
  burstable: boolean;
}

const X86 = ['x86_64'] as const;

const row = (
  enis: number,
  ipv4PerEni: number,
  vcpus: number,
  memoryMiB: number,
  opts: { hypervisor?: 'nitro' | 'xen'; cores?: number; arch?: readonly string[]; burstable?: boolean } = {},
): InstanceLimits => ({
  enis,
  ipv4PerEni,
  hypervisor: opts.hypervisor ?? 'nitro',
  vcpus,
  memoryMiB,
  // Intel and AMD instances expose two threads per core; Graviton and the T2s one.
  cores: opts.cores ?? Math.max(1, vcpus / 2),
  arch: opts.arch ?? X86,
  burstable: opts.burstable ?? false,
});
const t3 = (enis: number, ipv4PerEni: number, vcpus: number, memoryMiB: number) =>
  row(enis, ipv4PerEni, vcpus, memoryMiB, { burstable: true });
const t2 = (enis: number, ipv4PerEni: number, vcpus: number, memoryMiB: number, i386 = true) =>
  row(enis, ipv4PerEni, vcpus, memoryMiB, {
    hypervisor: 'xen',
    cores: vcpus,
    arch: i386 ? ['i386', 'x86_64'] : X86,
    burstable: true,
  });

/**
 * The common instance types (network card 0 only). vCPUs, memory, cores and architectures are the
 * instance types' published sizes (the fields `aws ec2 describe-instance-types` reports).
 */
export const INSTANCE_LIMITS: Readonly<Record<string, InstanceLimits>> = {
  't3.nano': t3(2, 2, 2, 512),
  't3.micro': t3(2, 2, 2, 1024),
  't3.small': t3(3, 4, 2, 2048),
  't3.medium': t3(3, 6, 2, 4096),
  't3.large': t3(3, 12, 2, 8192),
  't3.xlarge': t3(4, 15, 4, 16384),
  't3.2xlarge': t3(4, 15, 8, 32768),
  't3a.medium': t3(3, 6, 2, 4096),
  't3a.large': t3(3, 12, 2, 8192),
  't2.micro': t2(2, 2, 1, 1024),
  't2.small': t2(3, 4, 1, 2048),
  't2.medium': t2(3, 6, 2, 4096),
  't2.large': t2(3, 12, 2, 8192, false),
  'm5.large': row(3, 10, 2, 8192),
  'm5.xlarge': row(4, 15, 4, 16384),
  'm5.2xlarge': row(4, 15, 8, 32768),
  'm5.4xlarge': row(8, 30, 16, 65536),
  'm5.8xlarge': row(8, 30, 32, 131072),
  'm5.12xlarge': row(8, 30, 48, 196608),
  'm5.24xlarge': row(15, 50, 96, 393216),
  'm6i.large': row(3, 10, 2, 8192),
  'm6i.xlarge': row(4, 15, 4, 16384),
  'm7i.large': row(3, 10, 2, 8192),
  'm6g.large': row(3, 10, 2, 8192, { cores: 2, arch: ['arm64'] }),
  'c5.large': row(3, 10, 2, 4096),
  'c5.xlarge': row(4, 15, 4, 8192),
  'c5.2xlarge': row(4, 15, 8, 16384),
  'c5.4xlarge': row(8, 30, 16, 32768),
  'c5.9xlarge': row(8, 30, 36, 73728),
  'c6i.large': row(3, 10, 2, 4096),
  'c6i.xlarge': row(4, 15, 4, 8192),
  'r5.large': row(3, 10, 2, 16384),
  'r5.xlarge': row(4, 15, 4, 32768),
  'm4.4xlarge': row(8, 30, 16, 65536, { hypervisor: 'xen' }),
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
