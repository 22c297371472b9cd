import { describe, expect, it } from 'vitest';
import { AwsVpcIpam } from './aws-ipam';
import { cidrContains, parseCidrOrThrow, parseIpOrThrow } from '../core/ipv4';

const NODE = 'ip-192-168-1-51';

function ipamWith(
  settings: ConstructorParameters<typeof AwsVpcIpam>[0],
  type = 't3.small',
  maxPods?: number,
): AwsVpcIpam {
  const ipam = new AwsVpcIpam(settings);
  ipam.addNode(NODE, {
    instanceType: type,
    subnet: '192.168.1.0/24',
    primaryIp: '192.168.1.51',
    ...(maxPods ? { maxPods } : {}),
  });
  return ipam;
}

/** [ENIs attached, addresses assigned to pods' pool] — the figures the VPC CNI docs quote. */
function pool(ipam: AwsVpcIpam): [number, number] {
  const n = ipam.node(NODE)!;
  return [n.enis.length, n.enis.reduce((sum, e) => sum + e.secondaryIps.length + e.prefixes.length * 16, 0)];
}

function runPods(ipam: AwsVpcIpam, count: number): string[] {
  return Array.from({ length: count }, (_, i) => ipam.allocate(NODE, '192.168.1.0/24', `default/p${i}`)!);
}

describe('ipamd warm pool', () => {
  it('starts a t3.small with one ENI of 3 IPs under WARM_ENI_TARGET=1', () => {
    expect(pool(ipamWith({}))).toEqual([1, 3]);
  });

  it('holds 3 ENIs and 9 IPs for 5 pods under WARM_ENI_TARGET=1', () => {
    const ipam = ipamWith({});
    runPods(ipam, 5);
    expect(pool(ipam)).toEqual([3, 9]);
  });

  it('starts with 2 ENIs and 5 IPs under WARM_IP_TARGET=2 and MINIMUM_IP_TARGET=5', () => {
    expect(pool(ipamWith({ warmIpTarget: 2, minimumIpTarget: 5 }))).toEqual([2, 5]);
  });

  it('starts with one /28 prefix under prefix delegation', () => {
    expect(pool(ipamWith({ prefixDelegation: true }))).toEqual([1, 16]);
  });

  it('holds 3 prefixes for 17 pods under prefix delegation with WARM_PREFIX_TARGET=1 (max pods raised to 110)', () => {
    const ipam = ipamWith({ prefixDelegation: true }, 't3.small', 110);
    runPods(ipam, 17);
    expect(ipam.node(NODE)!.enis.flatMap((e) => e.prefixes)).toHaveLength(3);
  });
});

describe('ipamd addresses', () => {
  it('gives pods secondary IPs in the node subnet, never an ENI primary IP', () => {
    const ipam = ipamWith({}, 't3.medium');
    const ips = runPods(ipam, 15);
    const primaries = ipam.node(NODE)!.enis.map((e) => e.primaryIp);
    expect(ips.every((ip) => cidrContains(parseCidrOrThrow('192.168.1.0/24'), parseIpOrThrow(ip)))).toBe(true);
    expect(ips.filter((ip) => primaries.includes(ip))).toEqual([]);
    expect(new Set(ips).size).toBe(15);
  });

  it('runs out after 3 ENIs x 5 secondary IPs on a t3.medium', () => {
    const ipam = ipamWith({}, 't3.medium');
    runPods(ipam, 15);
    expect(ipam.allocate(NODE, '192.168.1.0/24', 'default/one-too-many')).toBeUndefined();
  });

  it('finds the ENI holding a pod address and its device index', () => {
    const ipam = ipamWith({}, 't3.medium');
    const ips = runPods(ipam, 7);
    expect(ipam.eniFor(NODE, ips[0]!)!.device).toBe(0);
    expect(ipam.eniFor(NODE, ips[6]!)!.device).toBe(1);
    expect(ipam.nodeFor(ips[6]!)).toBe(NODE);
  });

  it('hands a released address out again', () => {
    const ipam = ipamWith({}, 't3.medium');
    const [first] = runPods(ipam, 1);
    ipam.release(NODE, 'default/p0');
    expect(ipam.allocate(NODE, '192.168.1.0/24', 'default/again')).toBe(first);
  });

  it('restores the same ENIs and leases from its snapshot', () => {
    const ipam = ipamWith({}, 't3.medium');
    runPods(ipam, 6);
    const copy = new AwsVpcIpam();
    copy.restore(JSON.parse(JSON.stringify(ipam.snapshot())));
    expect(copy.node(NODE)).toEqual(ipam.node(NODE));
    expect(copy.allocate(NODE, '', 'default/next')).toBe(ipam.allocate(NODE, '', 'default/next'));
  });
});
