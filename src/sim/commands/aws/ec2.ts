/**
 * The EC2 API as the emulated account answers it: `DescribeNetworkInterfaces` from ipamd's ENIs
 * (each worker's primary and secondary ENIs with their secondary IPs or /28 prefixes, and the EKS
 * control plane's two ENIs) and `DescribeInstanceTypes` from the instance-type table. Responses are
 * built in the botocore model's member order, which is the order the AWS CLI prints. Only the
 * fields the model knows are returned: real responses carry more (EBS, placement, boot modes ...).
 */
import type { Emulator } from '../../emulator';
import { AwsVpcIpam } from '../../cni/aws-ipam';
import { INSTANCE_LIMITS } from '../../cni/aws-limits';
import { CLOCK_EPOCH } from '../../core/clock';
import { EKS_REGION } from '../../scenarios/eks-node';
import type { Json } from './output';

export const ACCOUNT = '123456789012';
export const VPC_ID = 'vpc-0a1b2c3d4e5f67890';
/** The AWS account EKS's cross-account ENIs are attached from. */
const EKS_OWNER = '013241004608';
const CLUSTER_SG = { GroupId: 'sg-0123456789abcdef0', GroupName: 'eks-cluster-sg-myeks-1234567890' };

/** An API error: the CLI prints `An error occurred (CODE) when calling the OP operation: MESSAGE`. */
export class ClientError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

export interface Filter {
  name: string;
  values: string[];
}

const dnsName = (ip: string) => `ip-${ip.replace(/\./g, '-')}.${EKS_REGION}.compute.internal`;
const publicDns = (ip: string) => `ec2-${ip.replace(/\./g, '-')}.${EKS_REGION}.compute.amazonaws.com`;
const attachTime = (minutesBefore: number) =>
  new Date(CLOCK_EPOCH - minutesBefore * 60_000).toISOString().replace('.000Z', '+00:00');

/** EC2 filter values: `*` and `?` wildcards, matched against the value as a string. */
function valueMatches(pattern: string, value: string): boolean {
  const re = new RegExp(
    `^${pattern
      .replace(/[.+^${}()|[\]\\]/g, '\\$&')
      .replace(/\*/g, '.*')
      .replace(/\?/g, '.')}$`,
  );
  return re.test(value);
}

function applyFilters(
  op: string,
  items: Record<string, any>[],
  filters: Filter[],
  fields: Record<string, (item: Record<string, any>) => Array<string | number | boolean | undefined>>,
): Record<string, any>[] {
  for (const f of filters) {
    const field = fields[f.name];
    if (!field) throw new ClientError('InvalidParameterValue', `The filter '${f.name}' is invalid`);
    void op;
    items = items.filter((item) =>
      field(item)
        .filter((v) => v !== undefined)
        .some((v) => f.values.some((p) => valueMatches(p, String(v)))),
    );
  }
  return items;
}

function ipamOf(emu: Emulator, op: string): AwsVpcIpam {
  const ipam = emu.cluster.ipam;
  if (!(ipam instanceof AwsVpcIpam))
    throw new ClientError('UnauthorizedOperation', `You are not authorized to perform this operation.`);
  void op;
  return ipam;
}

/** Every ENI in the VPC: the workers' (by node, by device index), then the EKS control plane's. */
function networkInterfaces(emu: Emulator): Record<string, any>[] {
  const ipam = ipamOf(emu, 'DescribeNetworkInterfaces');
  const cluster = emu.cluster.config?.name ?? 'myeks';
  const out: Record<string, any>[] = [];
  for (const name of ipam.nodeNames()) {
    const node = ipam.node(name)!;
    const zone =
      emu.store.get('nodes', undefined, name)?.metadata.labels?.['topology.kubernetes.io/zone'] ?? `${EKS_REGION}a`;
    for (const eni of node.enis) {
      const primary = eni.device === 0;
      // The instance's public IPv4 address is associated with the primary ENI's primary address.
      const association = primary
        ? { Association: { PublicIp: node.publicIp, PublicDnsName: publicDns(node.publicIp), IpOwnerId: 'amazon' } }
        : {};
      out.push({
        ...association,
        Attachment: {
          AttachTime: attachTime(primary ? 8 : 7),
          AttachmentId: `eni-attach-0${eni.id.slice(5)}`,
          DeleteOnTermination: true,
          DeviceIndex: eni.device,
          NetworkCardIndex: 0,
          InstanceId: node.instanceId,
          InstanceOwnerId: ACCOUNT,
          Status: 'attached',
        },
        AvailabilityZone: zone,
        // ipamd describes the ENIs it creates (eniDescription "aws-K8S-" + instance id).
        Description: primary ? '' : `aws-K8S-${node.instanceId}`,
        Groups: [CLUSTER_SG],
        InterfaceType: 'interface',
        Ipv6Addresses: [],
        MacAddress: eni.mac,
        NetworkInterfaceId: eni.id,
        OwnerId: ACCOUNT,
        PrivateDnsName: dnsName(eni.primaryIp),
        PrivateIpAddress: eni.primaryIp,
        PrivateIpAddresses: [
          { ...association, Primary: true, PrivateDnsName: dnsName(eni.primaryIp), PrivateIpAddress: eni.primaryIp },
          ...eni.secondaryIps.map((ip) => ({ Primary: false, PrivateDnsName: dnsName(ip), PrivateIpAddress: ip })),
        ],
        ...(eni.prefixes.length ? { Ipv4Prefixes: eni.prefixes.map((p) => ({ Ipv4Prefix: p })) } : {}),
        RequesterManaged: false,
        SourceDestCheck: true,
        Status: 'in-use',
        SubnetId: node.subnetId,
        // ipamd tags the ENIs it creates.
        TagSet: primary
          ? []
          : [
              { Key: 'node.k8s.amazonaws.com/instance_id', Value: node.instanceId },
              { Key: 'cluster.k8s.amazonaws.com/name', Value: cluster },
              { Key: 'node.k8s.amazonaws.com/createdAt', Value: attachTime(7).replace('+00:00', 'Z') },
            ],
        VpcId: VPC_ID,
      });
    }
  }
  ipam.controlPlaneEnis().forEach((eni) => {
    out.push({
      Attachment: {
        AttachTime: attachTime(20),
        AttachmentId: `eni-attach-0${eni.id.slice(5)}`,
        DeleteOnTermination: false,
        DeviceIndex: 1,
        NetworkCardIndex: 0,
        InstanceOwnerId: EKS_OWNER,
        Status: 'attached',
      },
      AvailabilityZone: eni.zone,
      Description: `Amazon EKS ${cluster}`,
      Groups: [CLUSTER_SG],
      InterfaceType: 'interface',
      Ipv6Addresses: [],
      MacAddress: eni.mac,
      NetworkInterfaceId: eni.id,
      OwnerId: ACCOUNT,
      PrivateDnsName: dnsName(eni.ip),
      PrivateIpAddress: eni.ip,
      PrivateIpAddresses: [{ Primary: true, PrivateDnsName: dnsName(eni.ip), PrivateIpAddress: eni.ip }],
      RequesterId: EKS_OWNER,
      RequesterManaged: false,
      SourceDestCheck: true,
      Status: 'in-use',
      SubnetId: eni.subnetId,
      TagSet: [],
      VpcId: VPC_ID,
    });
  });
  return out;
}

/** `aws ec2 describe-network-interfaces [--network-interface-ids ...] [--filters ...]`. */
export function describeNetworkInterfaces(emu: Emulator, params: { ids: string[]; filters: Filter[] }): Json {
  let enis = networkInterfaces(emu);
  if (params.ids.length) {
    const missing = params.ids.find((id) => !enis.some((e) => e.NetworkInterfaceId === id));
    if (missing)
      throw new ClientError(
        'InvalidNetworkInterfaceID.NotFound',
        `The networkInterface ID '${missing}' does not exist`,
      );
    enis = enis.filter((e) => params.ids.includes(e.NetworkInterfaceId));
  }
  enis = applyFilters('DescribeNetworkInterfaces', enis, params.filters, {
    'attachment.instance-id': (e) => [e.Attachment?.InstanceId],
    'attachment.device-index': (e) => [e.Attachment?.DeviceIndex],
    'attachment.status': (e) => [e.Attachment?.Status],
    'availability-zone': (e) => [e.AvailabilityZone],
    description: (e) => [e.Description],
    'interface-type': (e) => [e.InterfaceType],
    'network-interface-id': (e) => [e.NetworkInterfaceId],
    'private-ip-address': (e) => e.PrivateIpAddresses.map((a: any) => a.PrivateIpAddress),
    'addresses.private-ip-address': (e) => e.PrivateIpAddresses.map((a: any) => a.PrivateIpAddress),
    'addresses.primary': (e) => e.PrivateIpAddresses.map((a: any) => a.Primary),
    'ipv4-prefix': (e) => (e.Ipv4Prefixes ?? []).map((p: any) => p.Ipv4Prefix),
    'mac-address': (e) => [e.MacAddress],
    'owner-id': (e) => [e.OwnerId],
    'requester-managed': (e) => [e.RequesterManaged],
    status: (e) => [e.Status],
    'subnet-id': (e) => [e.SubnetId],
    'vpc-id': (e) => [e.VpcId],
    'group-id': (e) => e.Groups.map((g: any) => g.GroupId),
    'tag-key': (e) => e.TagSet.map((t: any) => t.Key),
    ...Object.fromEntries(
      ['node.k8s.amazonaws.com/instance_id', 'cluster.k8s.amazonaws.com/name'].map((k) => [
        `tag:${k}`,
        (e: any) => e.TagSet.filter((t: any) => t.Key === k).map((t: any) => t.Value),
      ]),
    ),
  });
  return { NetworkInterfaces: enis };
}

/** One instance type as DescribeInstanceTypes returns it (the fields the model holds). */
function instanceTypeInfo(type: string): Record<string, any> {
  const l = INSTANCE_LIMITS[type]!;
  return {
    InstanceType: type,
    BareMetal: false,
    Hypervisor: l.hypervisor,
    ProcessorInfo: { SupportedArchitectures: [...l.arch] },
    VCpuInfo: { DefaultVCpus: l.vcpus, DefaultCores: l.cores, DefaultThreadsPerCore: l.vcpus / l.cores },
    MemoryInfo: { SizeInMiB: l.memoryMiB },
    NetworkInfo: {
      MaximumNetworkInterfaces: l.enis,
      MaximumNetworkCards: 1,
      DefaultNetworkCardIndex: 0,
      NetworkCards: [{ NetworkCardIndex: 0, MaximumNetworkInterfaces: l.enis }],
      Ipv4AddressesPerInterface: l.ipv4PerEni,
      Ipv6AddressesPerInterface: l.ipv4PerEni,
      Ipv6Supported: true,
    },
    BurstablePerformanceSupported: l.burstable,
  };
}

/** `aws ec2 describe-instance-types [--instance-types T ...] [--filters ...]`. */
export function describeInstanceTypes(params: { types: string[]; filters: Filter[] }): Json {
  const unknown = params.types.filter((t) => !INSTANCE_LIMITS[t]);
  if (unknown.length)
    throw new ClientError(
      'InvalidInstanceType',
      `The following supplied instance types do not exist: [${unknown.join(', ')}]`,
    );
  let types = Object.keys(INSTANCE_LIMITS).map(instanceTypeInfo);
  if (params.types.length) types = types.filter((t) => params.types.includes(t.InstanceType));
  types = applyFilters('DescribeInstanceTypes', types, params.filters, {
    'instance-type': (t) => [t.InstanceType],
    hypervisor: (t) => [t.Hypervisor],
    'bare-metal': (t) => [t.BareMetal],
    'burstable-performance-supported': (t) => [t.BurstablePerformanceSupported],
    'memory-info.size-in-mib': (t) => [t.MemoryInfo.SizeInMiB],
    'network-info.ipv4-addresses-per-interface': (t) => [t.NetworkInfo.Ipv4AddressesPerInterface],
    'network-info.ipv6-addresses-per-interface': (t) => [t.NetworkInfo.Ipv6AddressesPerInterface],
    'network-info.maximum-network-interfaces': (t) => [t.NetworkInfo.MaximumNetworkInterfaces],
    'processor-info.supported-architecture': (t) => t.ProcessorInfo.SupportedArchitectures,
    'vcpu-info.default-vcpus': (t) => [t.VCpuInfo.DefaultVCpus],
    'vcpu-info.default-cores': (t) => [t.VCpuInfo.DefaultCores],
  });
  return { InstanceTypes: types };
}
