/**
 * The Amazon VPC CNI scenario against the reference (section 3) and the PKOS week 2 seed: pod IPs
 * are VPC addresses in the node subnets, pods cross nodes over the VPC with no encapsulation, leave
 * for the internet SNATed to the node's primary IP, and max pods follows the ENI formula.
 */
import { describe, expect, it } from 'vitest';
import { lab, links, nats, podOn } from './cni-harness';
import { cidrContains, parseCidrOrThrow, parseIpOrThrow } from '../../src/sim/core/ipv4';
import { ECHO_HOST_IP } from '../../src/sim/apps/internet';

const N1 = 'ip-192-168-1-51.ap-northeast-2.compute.internal';
const N2 = 'ip-192-168-2-96.ap-northeast-2.compute.internal';
const SUBNET: Record<string, string> = {
  [N1]: '192.168.1.0/24',
  [N2]: '192.168.2.0/24',
  'ip-192-168-3-136.ap-northeast-2.compute.internal': '192.168.3.0/24',
};

async function twoPods() {
  const l = lab('aws-vpc-cni');
  await l.sh(podOn('a', N1) + podOn('b', N2) + 'sleep 20\n');
  return l;
}

describe('aws-vpc-cni', () => {
  it('gives every pod a VPC address in its node subnet', async () => {
    const l = await twoPods();
    const pods = l.emu.store.list('pods').filter((p) => !p.spec.hostNetwork);
    expect(pods.length).toBe(4);
    expect(
      pods.filter((p) => !cidrContains(parseCidrOrThrow(SUBNET[p.spec.nodeName]!), parseIpOrThrow(p.status.podIP))),
    ).toEqual([]);
  });

  it('walks pod to pod across nodes over the VPC, without encapsulation', async () => {
    const l = await twoPods();
    const { request } = l.dp().connect('pod/default/a', { dst: l.ip('b'), proto: 'icmp' });
    expect(request.outcome).toEqual({ kind: 'delivered', netns: 'pod/default/b' });
    const hops = links(request.trace).map((h) => h.replace(/subnet-0[0-9a-f]{16}/g, 'SUBNET'));
    expect(hops).toEqual([
      `pod/default/a eth0 -> node/${N1} eniacd53aa4120`,
      `node/${N1} eth0 -> vpc SUBNET`,
      `vpc SUBNET -> node/${N2} eth0`,
      `node/${N2} eniff6fc35a693 -> pod/default/b eth0`,
    ]);
    expect(request.trace.some((e) => e.kind === 'encap')).toBe(false);
    expect(nats(request.trace)).toEqual([]);
  });

  it('SNATs a pod going to the internet to the node primary IP', async () => {
    const l = await twoPods();
    const { request } = l.dp().connect('pod/default/a', { dst: ECHO_HOST_IP, dport: 80 });
    expect(request.outcome.kind).toBe('delivered');
    expect(nats(request.trace)[0]).toMatch(
      new RegExp(`^node/${N1} SNAT ${l.ip('a').replace(/\./g, '\\.')}:\\d+ -> 192\\.168\\.1\\.51:\\d+$`),
    );
  });

  it('answers curl from a pod with the node public address, not the pod IP', async () => {
    const l = await twoPods();
    expect(await l.sh('kubectl exec a -- curl -s ifconfig.me\n')).toMatch(/^3\.\d+\.\d+\.\d+$/);
  });

  it('lists the modern AWS-SNAT-CHAIN-0 on the node', async () => {
    const l = await twoPods();
    expect(await l.sh('ssh ec2-user@192.168.1.51 sudo iptables -t nat -S AWS-SNAT-CHAIN-0\n')).toBe(`-N AWS-SNAT-CHAIN-0
-A AWS-SNAT-CHAIN-0 -d 192.168.0.0/16 -m comment --comment "AWS SNAT CHAIN" -j RETURN
-A AWS-SNAT-CHAIN-0 ! -o vlan+ -m comment --comment "AWS, SNAT" -m addrtype ! --dst-type LOCAL -j SNAT --to-source 192.168.1.51 --random-fully
`);
  });

  it('routes each pod on the node through its eni veth and a 512 ip rule', async () => {
    const l = await twoPods();
    const a = l.ip('a');
    expect((await l.sh(`ssh ${N1} ip route\n`)).split('\n')).toContain(`${a} dev eniacd53aa4120 scope link `);
    expect((await l.sh(`ssh ${N1} ip rule\n`)).split('\n')).toContain(`512:\tfrom all to ${a} lookup main`);
  });

  it('gives the pod a /32 with default via 169.254.1.1 and a permanent neighbour', async () => {
    const l = await twoPods();
    const pod = l.dp().netns('pod/default/a')!;
    expect(pod.addrs.filter((x) => x.dev === 'eth0').map((x) => x.len)).toEqual([32]);
    expect(await l.sh('kubectl exec a -- ip route\n')).toBe(
      'default via 169.254.1.1 dev eth0 \n169.254.1.1 dev eth0 scope link \n',
    );
    expect(pod.neigh.map((n) => n.permanent)).toEqual([true]);
  });

  it('has the aws conflist and the aws-cni binary on nodes', async () => {
    const l = lab('aws-vpc-cni');
    expect(await l.sh(`ssh ${N1} ls /etc/cni/net.d\n`)).toBe('10-aws.conflist\n');
    expect(await l.sh(`ssh ${N1} ls /opt/cni/bin | grep -E '^(aws|egress)'\n`)).toBe(
      'aws-cni\naws-cni-support.sh\negress-cni\n',
    );
  });

  it('allows 17 pods per t3.medium node', async () => {
    const l = lab('aws-vpc-cni');
    expect(await l.sh("kubectl get nodes -o jsonpath='{.items[*].status.allocatable.pods}'\n")).toBe('17 17 17');
  });

  it('leaves exactly 7 pods Pending when 50 replicas meet 3 nodes of 17 pods', async () => {
    const l = lab('aws-vpc-cni');
    const out = await l.sh(
      "kubectl create deployment web --image=nginx --replicas=50\nsleep 30\nkubectl get pods --no-headers | awk '{print $3}' | sort | uniq -c\n",
    );
    expect(out).toBe('deployment.apps/web created\n      7 Pending\n     43 Running\n');
  });

  it('records the scheduler event of a pod that does not fit', async () => {
    const l = lab('aws-vpc-cni');
    await l.sh('kubectl create deployment web --image=nginx --replicas=50\nsleep 30\n');
    const pending = l.emu.store.list('pods').find((p) => p.status?.phase === 'Pending')!;
    const events = l.emu.store.list('events').filter((e) => e.involvedObject?.name === pending.metadata.name);
    expect(events.map((e) => `${e.type} ${e.reason} ${e.message}`)).toEqual([
      'Warning FailedScheduling 0/3 nodes are available: 3 Too many pods. preemption: 0/3 nodes are available: 3 No preemption victims found for incoming pod.',
    ]);
  });

  it('shows the pods addresses as secondary IPs of the node ENIs', async () => {
    const l = await twoPods();
    const instance = (l.emu.cluster.ipam as unknown as { node(n: string): { instanceId: string } }).node(N1).instanceId;
    const out = JSON.parse(
      await l.sh(`aws ec2 describe-network-interfaces --filters Name=attachment.instance-id,Values=${instance}\n`),
    );
    const enis = out.NetworkInterfaces as Array<{
      Attachment: { DeviceIndex: number };
      PrivateIpAddress: string;
      PrivateIpAddresses: Array<{ Primary: boolean; PrivateIpAddress: string }>;
    }>;
    expect(enis.map((e) => e.Attachment.DeviceIndex)).toEqual([0, 1]);
    expect(enis[0]!.PrivateIpAddress).toBe('192.168.1.51');
    const secondary = enis.flatMap((e) =>
      e.PrivateIpAddresses.filter((x) => !x.Primary).map((x) => x.PrivateIpAddress),
    );
    expect(secondary).toHaveLength(10);
    expect(secondary).toContain(l.ip('a'));
  });

  it('enters a node over ssh with the Amazon Linux prompt', async () => {
    const l = lab('aws-vpc-cni');
    const shell = l.emu.openShell();
    await shell.run('ssh ec2-user@192.168.1.51', {
      stdout: { write() {} },
      stderr: { write() {} },
      interactive: false,
    });
    expect(shell.prompt()).toBe('[ec2-user@ip-192-168-1-51 ~]$ ');
  });

  it('times out on an address that is no node', async () => {
    const l = lab('aws-vpc-cni');
    expect(await l.sh('ssh 10.9.9.9\n')).toBe('ssh: connect to host 10.9.9.9 port 22: Connection timed out\n');
  });

  it('keeps the VPC data plane across a snapshot and restore', async () => {
    const l = await twoPods();
    const copy = l.emu.clone();
    copy.dataPlane!.refresh();
    const { request } = copy.dataPlane!.connect('pod/default/a', { dst: l.ip('b'), proto: 'icmp' });
    expect(request.outcome).toEqual({ kind: 'delivered', netns: 'pod/default/b' });
  });

  it('adds an exclusion RETURN when AWS_VPC_K8S_CNI_EXCLUDE_SNAT_CIDRS is set on aws-node', async () => {
    const l = lab('aws-vpc-cni');
    const patch =
      '{"spec":{"template":{"spec":{"containers":[{"name":"aws-node","env":[{"name":"AWS_VPC_K8S_CNI_EXCLUDE_SNAT_CIDRS","value":"10.0.0.0/8"}]}]}}}}';
    // The node's ipamd takes the setting when the rollout has replaced its aws-node pod.
    await l.sh(`kubectl patch ds aws-node -n kube-system -p '${patch}'\nsleep 20\n`);
    expect(await l.sh('ssh ip-192-168-1-51 sudo iptables -t nat -S AWS-SNAT-CHAIN-0\n')).toBe(`-N AWS-SNAT-CHAIN-0
-A AWS-SNAT-CHAIN-0 -d 192.168.0.0/16 -m comment --comment "AWS SNAT CHAIN" -j RETURN
-A AWS-SNAT-CHAIN-0 -d 10.0.0.0/8 -m comment --comment "AWS SNAT CHAIN EXCLUSION" -j RETURN
-A AWS-SNAT-CHAIN-0 ! -o vlan+ -m comment --comment "AWS, SNAT" -m addrtype ! --dst-type LOCAL -j SNAT --to-source 192.168.1.51 --random-fully
`);
  });

  it('drops the SNAT rules with external SNAT, so pods leave with their own address', async () => {
    const l = await twoPods();
    await l.sh('kubectl set env ds/aws-node -n kube-system AWS_VPC_K8S_CNI_EXTERNALSNAT=true\nsleep 20\n');
    expect(await l.sh('ssh ip-192-168-1-51 sudo iptables -t nat -S | grep -c AWS-SNAT\n')).toBe('1\n');
    const { request } = l.dp().connect('pod/default/a', { dst: ECHO_HOST_IP, dport: 80 });
    expect(nats(request.trace).filter((n) => n.startsWith('node/'))).toEqual([]);
  });

  it('hands out /28 prefixes after ENABLE_PREFIX_DELEGATION is set', async () => {
    const l = lab('aws-vpc-cni');
    await l.sh(
      'kubectl set env ds/aws-node -n kube-system ENABLE_PREFIX_DELEGATION=true\nsleep 20\n' +
        podOn('a', 'ip-192-168-3-136.ap-northeast-2.compute.internal') +
        'sleep 10\n',
    );
    const out = JSON.parse(
      await l.sh(
        'aws ec2 describe-network-interfaces --filters Name=subnet-id,Values=' +
          (l.emu.cluster.ipam as unknown as { node(n: string): { subnetId: string } }).node(
            'ip-192-168-3-136.ap-northeast-2.compute.internal',
          ).subnetId +
          '\n',
      ),
    );
    const prefixes = (out.NetworkInterfaces as Array<{ Ipv4Prefixes?: Array<{ Ipv4Prefix: string }> }>)
      .flatMap((e) => e.Ipv4Prefixes ?? [])
      .map((p) => p.Ipv4Prefix);
    expect(prefixes.length).toBeGreaterThan(0);
    expect(prefixes.every((p) => /^192\.168\.3\.\d+\/28$/.test(p))).toBe(true);
  });

  it('sees two routers between pods on different nodes (the nodes, not the VPC)', async () => {
    const l = await twoPods();
    expect(await l.sh(`kubectl exec a -- ping -c1 ${l.ip('b')} | grep ttl | cut -d' ' -f6\n`)).toBe('ttl=62\n');
  });

  it('lists no containers in docker ps: EKS workers are instances, not containers', async () => {
    const l = lab('aws-vpc-cni');
    expect(await l.sh('docker ps\n')).toBe('CONTAINER ID   IMAGE     COMMAND   CREATED   STATUS    PORTS     NAMES\n');
  });

  it('walks pod to pod on one node through the two eni veths, routed by the node', async () => {
    const l = lab('aws-vpc-cni');
    await l.sh(podOn('a', N1) + podOn('b', N1) + 'sleep 20\n');
    const { request } = l.dp().connect('pod/default/a', { dst: l.ip('b'), proto: 'icmp' });
    expect(request.outcome).toEqual({ kind: 'delivered', netns: 'pod/default/b' });
    expect(links(request.trace)).toEqual([
      `pod/default/a eth0 -> node/${N1} eniacd53aa4120`,
      `node/${N1} eniff6fc35a693 -> pod/default/b eth0`,
    ]);
  });

  // v1.18.5's rules (pkg/networkutils/network.go at v1.18.5): the CONNMARK chain's RETURN comments
  // read "AWS CONNMARK CHAIN, VPC CIDR" up to v1.19 (reference 3.5 shows the later "AWS CONNMARK CHAIN").
  it('lists the connmark steering of v1.18.5 in the nat and mangle tables', async () => {
    const l = lab('aws-vpc-cni');
    expect(await l.sh('ssh ip-192-168-1-51 sudo iptables -t nat -S | grep AWS\n')).toBe(`-N AWS-CONNMARK-CHAIN-0
-N AWS-SNAT-CHAIN-0
-A PREROUTING -i eni+ -m comment --comment "AWS, outbound connections" -j AWS-CONNMARK-CHAIN-0
-A PREROUTING -m comment --comment "AWS, CONNMARK" -j CONNMARK --restore-mark --nfmask 0x80 --ctmask 0x80
-A POSTROUTING -m comment --comment "AWS SNAT CHAIN" -j AWS-SNAT-CHAIN-0
-A AWS-CONNMARK-CHAIN-0 -d 192.168.0.0/16 -m comment --comment "AWS CONNMARK CHAIN, VPC CIDR" -j RETURN
-A AWS-CONNMARK-CHAIN-0 -m comment --comment "AWS, CONNMARK" -j CONNMARK --set-xmark 0x80/0x80
-A AWS-SNAT-CHAIN-0 -d 192.168.0.0/16 -m comment --comment "AWS SNAT CHAIN" -j RETURN
-A AWS-SNAT-CHAIN-0 ! -o vlan+ -m comment --comment "AWS, SNAT" -m addrtype ! --dst-type LOCAL -j SNAT --to-source 192.168.1.51 --random-fully
`);
    // Real iptables 1.8.9 prints these rules, added as network.go adds them, exactly so (captured in a netns).
    expect(await l.sh('ssh ip-192-168-1-51 sudo iptables -t mangle -S PREROUTING | grep AWS\n')).toBe(
      `-A PREROUTING -i eth0 -m comment --comment "AWS, primary ENI" -m addrtype --dst-type LOCAL --limit-iface-in -j CONNMARK --set-xmark 0x80/0x80
-A PREROUTING -i eni+ -m comment --comment "AWS, primary ENI" -j CONNMARK --restore-mark --nfmask 0x80 --ctmask 0x80
-A PREROUTING -i vlan+ -m comment --comment "AWS, primary ENI" -j CONNMARK --restore-mark --nfmask 0x80 --ctmask 0x80
`,
    );
    expect(await l.sh('ssh ip-192-168-1-51 sudo iptables -t mangle -L PREROUTING -n | grep AWS\n')).toBe(
      `CONNMARK   0    --  0.0.0.0/0            0.0.0.0/0            /* AWS, primary ENI */ ADDRTYPE match dst-type LOCAL limit-in CONNMARK or 0x80
CONNMARK   0    --  0.0.0.0/0            0.0.0.0/0            /* AWS, primary ENI */ CONNMARK restore mask 0x80
CONNMARK   0    --  0.0.0.0/0            0.0.0.0/0            /* AWS, primary ENI */ CONNMARK restore mask 0x80
`,
    );
  });

  it('sends a secondary-ENI pod to the VPC through its ENI table, and to the internet through eth0 by connmark', async () => {
    const l = lab('aws-vpc-cni');
    await l.sh(['p1', 'p2', 'p3', 'p4'].map((p) => podOn(p, N1)).join('') + podOn('b', N2) + 'sleep 20\n');
    const ipam = l.emu.cluster.ipam as unknown as { eniFor(node: string, ip: string): { device: number } | undefined };
    const onEth1 = ['p1', 'p2', 'p3', 'p4'].find((p) => ipam.eniFor(N1, l.ip(p))?.device === 1)!;
    expect(onEth1).toBeDefined();
    expect((await l.sh(`ssh ${N1} ip rule\n`)).split('\n')).toContain(`1536:\tfrom ${l.ip(onEth1)} lookup 2`);
    // The reference's capture: a listing filtered by table does not repeat `table 2` on each line.
    expect(await l.sh(`ssh ${N1} ip route show table 2\n`)).toMatch(
      /^default via 192\.168\.1\.1 dev eth1 \n192\.168\.1\.1 dev eth1 scope link \n$/,
    );
    const routes = (trace: readonly import('../../src/sim/net/trace').TraceEvent[]) =>
      trace.filter((e) => e.kind === 'route' && e.netns === `node/${N1}`).map((e) => (e as { dev: string }).dev);
    const toVpc = l.dp().connect(`pod/default/${onEth1}`, { dst: l.ip('b'), proto: 'icmp' });
    expect(toVpc.request.outcome).toEqual({ kind: 'delivered', netns: 'pod/default/b' });
    expect(routes(toVpc.request.trace)).toEqual(['eth1']);
    const out = l.dp().connect(`pod/default/${onEth1}`, { dst: ECHO_HOST_IP, dport: 80 });
    expect(routes(out.request.trace)).toEqual(['eth0']);
    expect(nats(out.request.trace)[0]).toMatch(/ SNAT .* -> 192\.168\.1\.51:\d+$/);
  });
});
