/**
 * A subset of the AWS CLI on the learner's host: `aws ec2 describe-network-interfaces` shows the
 * ENIs the VPC CNI's ipamd attached to the workers, with their primary and secondary private IPs
 * (and /28 prefixes with prefix delegation), as JSON. Filters by instance, subnet, address and ENI
 * id. Everything else says it is not emulated.
 */
import type { CommandContext, CommandSpec } from '../shell/types';
import { AwsVpcIpam } from '../cni/aws-ipam';
import { CLOCK_EPOCH } from '../core/clock';

const ACCOUNT = '123456789012';
const REGION = 'ap-northeast-2';
const VPC_ID = 'vpc-0a1b2c3d4e5f67890';

const dnsName = (ip: string) => `ip-${ip.replace(/\./g, '-')}.${REGION}.compute.internal`;

interface Filter {
  name: string;
  values: string[];
}

/** `--filters Name=attachment.instance-id,Values=i-1,i-2 Name=...` (shorthand syntax). */
function parseFilters(args: string[]): Filter[] {
  const out: Filter[] = [];
  for (const a of args) {
    const m = /^Name=([^,]+),Values=(.+)$/.exec(a);
    if (m) out.push({ name: m[1]!, values: m[2]!.split(',') });
  }
  return out;
}

function networkInterfaces(ctx: CommandContext, ipam: AwsVpcIpam): object[] {
  const out: object[] = [];
  for (const name of ipam.nodeNames()) {
    const node = ipam.node(name)!;
    const zone =
      ctx.emulator.store.get('nodes', undefined, name)?.metadata.labels?.['topology.kubernetes.io/zone'] ??
      `${REGION}a`;
    for (const eni of node.enis) {
      const primary = eni.device === 0;
      out.push({
        Attachment: {
          AttachTime: new Date(CLOCK_EPOCH - 6 * 60_000).toISOString().replace('.000Z', '+00:00'),
          AttachmentId: `eni-attach-0${eni.id.slice(5)}`,
          DeleteOnTermination: true,
          DeviceIndex: eni.device,
          NetworkCardIndex: 0,
          InstanceId: node.instanceId,
          InstanceOwnerId: ACCOUNT,
          Status: 'attached',
        },
        AvailabilityZone: zone,
        Description: primary ? '' : `aws-K8S-${node.instanceId}`,
        Groups: [{ GroupName: 'eks-cluster-sg-myeks', GroupId: 'sg-0123456789abcdef0' }],
        InterfaceType: 'interface',
        Ipv6Addresses: [],
        MacAddress: eni.mac,
        NetworkInterfaceId: eni.id,
        OwnerId: ACCOUNT,
        PrivateDnsName: dnsName(eni.primaryIp),
        PrivateIpAddress: eni.primaryIp,
        PrivateIpAddresses: [
          { Primary: true, PrivateDnsName: dnsName(eni.primaryIp), PrivateIpAddress: eni.primaryIp },
          ...eni.secondaryIps.map((ip) => ({ Primary: false, PrivateDnsName: dnsName(ip), PrivateIpAddress: ip })),
        ],
        ...(eni.prefixes.length ? { Ipv4Prefixes: eni.prefixes.map((p) => ({ Ipv4Prefix: p })) } : {}),
        RequesterManaged: false,
        SourceDestCheck: true,
        Status: 'in-use',
        SubnetId: node.subnetId,
        TagSet: primary
          ? []
          : [
              { Key: 'node.k8s.amazonaws.com/instance_id', Value: node.instanceId },
              { Key: 'cluster.k8s.amazonaws.com/name', Value: ctx.emulator.cluster.config?.name ?? '' },
            ],
        VpcId: VPC_ID,
      });
    }
  }
  return out;
}

function matches(eni: Record<string, any>, f: Filter): boolean {
  const any = (vals: string[]) => vals.some((v) => f.values.includes(v));
  switch (f.name) {
    case 'attachment.instance-id':
      return any([eni.Attachment.InstanceId]);
    case 'subnet-id':
      return any([eni.SubnetId]);
    case 'network-interface-id':
      return any([eni.NetworkInterfaceId]);
    case 'private-ip-address':
    case 'addresses.private-ip-address':
      return any(eni.PrivateIpAddresses.map((a: { PrivateIpAddress: string }) => a.PrivateIpAddress));
    case 'availability-zone':
      return any([eni.AvailabilityZone]);
    case 'vpc-id':
      return any([eni.VpcId]);
    default:
      return true;
  }
}

export const awsCommand: CommandSpec = {
  name: 'aws',
  summary: 'the AWS CLI (subset): aws ec2 describe-network-interfaces [--filters ...] [--network-interface-ids ...]',
  usage: 'aws ec2 describe-network-interfaces [--filters Name=NAME,Values=V1,V2 ...] [--network-interface-ids ENI ...]',
  availableIn: ['host'],
  subcommands: ['ec2'],
  run(ctx) {
    const [service, op, ...rest] = ctx.argv.slice(1);
    if (service !== 'ec2' || op !== 'describe-network-interfaces') {
      ctx.stderr.write(
        `netlab: aws ${[service, op].filter(Boolean).join(' ')} is not emulated (only aws ec2 describe-network-interfaces)\n`,
      );
      return 1;
    }
    const ipam = ctx.emulator.cluster.ipam;
    if (!(ipam instanceof AwsVpcIpam)) {
      ctx.stderr.write(
        '\nAn error occurred (UnauthorizedOperation) when calling the DescribeNetworkInterfaces operation: You are not authorized to perform this operation.\n',
      );
      return 254;
    }
    const filters: Filter[] = [];
    const ids: string[] = [];
    for (let i = 0; i < rest.length; i++) {
      const a = rest[i]!;
      if (a === '--filters')
        while (rest[i + 1] && !rest[i + 1]!.startsWith('--')) filters.push(...parseFilters([rest[++i]!]));
      else if (a === '--network-interface-ids')
        while (rest[i + 1] && !rest[i + 1]!.startsWith('--')) ids.push(rest[++i]!);
      else if (a === '--output' && rest[i + 1] !== 'json') {
        ctx.stderr.write(`netlab: aws --output ${rest[i + 1] ?? ''} is not emulated (json only)\n`);
        return 1;
      } else if (a === '--output' || a === '--region' || a === '--profile') i++;
      else if (a.startsWith('--')) {
        ctx.stderr.write(`netlab: aws option ${a} is not emulated\n`);
        return 1;
      }
    }
    let enis = networkInterfaces(ctx, ipam) as Record<string, any>[];
    if (ids.length) enis = enis.filter((e) => ids.includes(e.NetworkInterfaceId));
    for (const f of filters) enis = enis.filter((e) => matches(e, f));
    ctx.stdout.write(JSON.stringify({ NetworkInterfaces: enis }, null, 4) + '\n');
    return 0;
  },
};
