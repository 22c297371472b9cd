/**
 * The aws-vpc-cni scenario's EKS side against real EKS: t3.medium workers with the capacity and
 * allocatable a real t3.medium reports (2 CPUs and 1930m; MemTotal less 11 Mi × 17 pods + 255 Mi +
 * 100 Mi, as on the AL2 capture 3967476Ki → 3412468Ki), the labels and addresses of a managed node
 * group, `kubernetes` on the control plane's VPC addresses on 443, and the VPC CNI's settings
 * changed the documented way (`kubectl set env ds/aws-node`), printed as kubectl 1.31 prints them
 * (`--list` captured with kubectl.1.31 `set env --local -f` on the upstream v1.18.5 manifest).
 */
import { describe, expect, it } from 'vitest';
import { lab, podOn } from './cni-harness';
import { kubeReservedCpuMillicores, kubeReservedMemoryMiB } from '../../src/sim/scenarios/eks-node';
import type { AwsVpcIpam } from '../../src/sim/cni/aws-ipam';

const N1 = 'ip-192-168-1-51.ap-northeast-2.compute.internal';
const N3 = 'ip-192-168-3-136.ap-northeast-2.compute.internal';

describe('EKS allocatable (nodeadm kubelet config)', () => {
  it('reserves CPU as the EKS AMIs do: 1930m left of 2, 3920m of 4, 7910m of 8 (real nodes)', () => {
    expect([2, 4, 8].map((n) => n * 1000 - kubeReservedCpuMillicores(n))).toEqual([1930, 3920, 7910]);
  });
  it('reserves 11 Mi per pod plus 255 Mi of memory: 442 Mi for 17 pods', () => {
    expect(kubeReservedMemoryMiB(17)).toBe(442);
  });
});

describe('aws-vpc-cni nodes look like an EKS managed node group of t3.medium', () => {
  it('shows the t3.medium capacity and allocatable in kubectl describe node', async () => {
    const l = lab('aws-vpc-cni');
    const out = await l.sh(`kubectl describe node ${N1}\n`);
    expect(out).toContain(`Capacity:
  cpu:                2
  ephemeral-storage:  83873772Ki
  hugepages-1Gi:      0
  hugepages-2Mi:      0
  memory:             3943308Ki
  pods:               17
Allocatable:
  cpu:                1930m
  ephemeral-storage:  76224326324
  hugepages-1Gi:      0
  hugepages-2Mi:      0
  memory:             3388300Ki
  pods:               17
`);
    expect(out).toMatch(/\nProviderID: {19}aws:\/\/\/ap-northeast-2a\/i-0[0-9a-f]{16}\n/);
    expect(out).toMatch(
      /\nAddresses:\n {2}InternalIP: {3}192\.168\.1\.51\n {2}ExternalIP: {3}3\.\d+\.\d+\.\d+\n {2}InternalDNS: {2}ip-192-168-1-51\.ap-northeast-2\.compute\.internal\n {2}Hostname: {5}ip-192-168-1-51\.ap-northeast-2\.compute\.internal\n {2}ExternalDNS: {2}ec2-3-\d+-\d+-\d+\.ap-northeast-2\.compute\.amazonaws\.com\n/,
    );
    for (const label of [
      'beta.kubernetes.io/instance-type=t3.medium',
      'eks.amazonaws.com/capacityType=ON_DEMAND',
      'eks.amazonaws.com/nodegroup=ng1',
      'node.kubernetes.io/instance-type=t3.medium',
      'topology.kubernetes.io/region=ap-northeast-2',
    ])
      expect(out).toContain(label);
    expect(out).toMatch(/ {2}Machine ID: {17}ec2[0-9a-f]{29}\n {2}System UUID: {16}ec2[0-9a-f]{5}-/);
  });

  it('lists the workers with their public addresses and the EKS kubelet version', async () => {
    const l = lab('aws-vpc-cni');
    const lines = (await l.sh('kubectl get nodes -o wide\n')).trimEnd().split('\n');
    expect(lines[0]).toMatch(
      /^NAME +STATUS +ROLES +AGE +VERSION +INTERNAL-IP +EXTERNAL-IP +OS-IMAGE +KERNEL-VERSION +CONTAINER-RUNTIME$/,
    );
    expect(lines.slice(1).map((s) => s.split(/ {2,}/).slice(0, 7))).toEqual([
      [
        N1,
        'Ready',
        '<none>',
        '6m11s',
        'v1.31.2-eks-94953ac',
        '192.168.1.51',
        expect.stringMatching(/^3\.\d+\.\d+\.\d+$/),
      ],
      [
        'ip-192-168-2-96.ap-northeast-2.compute.internal',
        'Ready',
        '<none>',
        '6m11s',
        'v1.31.2-eks-94953ac',
        '192.168.2.96',
        expect.stringMatching(/^3\.\d+\.\d+\.\d+$/),
      ],
      [
        N3,
        'Ready',
        '<none>',
        '6m11s',
        'v1.31.2-eks-94953ac',
        '192.168.3.136',
        expect.stringMatching(/^3\.\d+\.\d+\.\d+$/),
      ],
    ]);
  });

  it('puts the kubernetes endpoints on the control plane ENIs in the VPC, on 443, reachable from pods', async () => {
    const l = lab('aws-vpc-cni');
    expect(await l.sh('kubectl get endpoints kubernetes --no-headers\n')).toMatch(
      /^kubernetes {3}192\.168\.2\.\d+:443,192\.168\.3\.\d+:443 {3}\S+\n$/,
    );
    await l.sh(podOn('a', N1) + 'sleep 10\n');
    expect(
      await l.sh('kubectl exec a -- curl -sk -o /dev/null -w "%{http_code}" https://kubernetes.default.svc/version\n'),
    ).toBe('200');
  });
});

describe('kubectl set env ds/aws-node', () => {
  it('lists the aws-node environment as kubectl 1.31 does', async () => {
    const l = lab('aws-vpc-cni');
    expect(await l.sh('kubectl set env ds/aws-node -n kube-system --list\n'))
      .toBe(`# DaemonSet aws-node, container aws-node
ADDITIONAL_ENI_TAGS={}
ANNOTATE_POD_IP=false
AWS_VPC_CNI_NODE_PORT_SUPPORT=true
AWS_VPC_ENI_MTU=9001
AWS_VPC_K8S_CNI_CUSTOM_NETWORK_CFG=false
AWS_VPC_K8S_CNI_EXTERNALSNAT=false
AWS_VPC_K8S_CNI_LOGLEVEL=DEBUG
AWS_VPC_K8S_CNI_LOG_FILE=/host/var/log/aws-routed-eni/ipamd.log
AWS_VPC_K8S_CNI_RANDOMIZESNAT=prng
AWS_VPC_K8S_CNI_VETHPREFIX=eni
AWS_VPC_K8S_PLUGIN_LOG_FILE=/var/log/aws-routed-eni/plugin.log
AWS_VPC_K8S_PLUGIN_LOG_LEVEL=DEBUG
DISABLE_INTROSPECTION=false
DISABLE_METRICS=false
DISABLE_NETWORK_RESOURCE_PROVISIONING=false
ENABLE_IPv4=true
ENABLE_IPv6=false
ENABLE_POD_ENI=false
ENABLE_PREFIX_DELEGATION=false
ENABLE_SUBNET_DISCOVERY=true
NETWORK_POLICY_ENFORCING_MODE=standard
VPC_CNI_VERSION=v1.18.5
WARM_ENI_TARGET=1
WARM_PREFIX_TARGET=1
# MY_NODE_NAME from field path spec.nodeName
# MY_POD_NAME from field path metadata.name
# DaemonSet aws-node, container aws-eks-nodeagent
# MY_NODE_NAME from field path spec.nodeName
`);
  });

  it('says env updated, then nothing when the value is already set', async () => {
    const l = lab('aws-vpc-cni');
    expect(await l.sh('kubectl set env ds/aws-node -n kube-system WARM_IP_TARGET=5\n')).toBe(
      'daemonset.apps/aws-node env updated\n',
    );
    expect(await l.sh('kubectl set env ds/aws-node -n kube-system WARM_IP_TARGET=5\n')).toBe('');
  });

  it('sets the variable in every container unless -c picks one', async () => {
    const l = lab('aws-vpc-cni');
    await l.sh('kubectl set env ds/aws-node -n kube-system -c aws-node MINIMUM_IP_TARGET=3\n');
    expect(await l.sh('kubectl set env ds/aws-node -n kube-system --list | grep -c MINIMUM_IP_TARGET\n')).toBe('1\n');
    await l.sh('kubectl set env ds/aws-node -n kube-system MINIMUM_IP_TARGET=4\n');
    expect(await l.sh('kubectl set env ds/aws-node -n kube-system --list | grep -c MINIMUM_IP_TARGET\n')).toBe('2\n');
  });

  it('prints kubectl 1.31 errors for bad arguments', async () => {
    const l = lab('aws-vpc-cni');
    expect(await l.sh('kubectl set env ds/aws-node -n kube-system A=1 A-\n')).toBe(
      'error: can not both modify and remove the same environment variable in the same command\n',
    );
    expect(await l.sh('kubectl set env -n kube-system A=1 ds/aws-node\n')).toBe(
      'error: all resources must be specified before environment changes: A=1 ds/aws-node\n',
    );
    expect(await l.sh('kubectl set env ds/aws-node -n kube-system -c nope A=1\n')).toBe(
      'Warning: DaemonSet/aws-node does not have any containers matching "nope"\n',
    );
    expect(await l.sh('kubectl set env ds/aws-node -n kube-system --list -o yaml\n')).toBe(
      'error: --list and --output may not be specified together\n',
    );
    expect(await l.sh('kubectl set env ds/aws-node -n kube-system 1ABC=x\n')).toMatch(
      /^error: "1ABC" is not a valid key name: a valid environment variable name must consist of/,
    );
  });

  it('rolls the aws-node pods one node at a time (maxUnavailable 10% of 3 is 1)', async () => {
    const l = lab('aws-vpc-cni');
    const before = l.emu.store.list('pods', 'kube-system').filter((p) => p.metadata.name.startsWith('aws-node-'));
    await l.sh('kubectl set env ds/aws-node -n kube-system WARM_IP_TARGET=2\n');
    const unready = () =>
      l.emu.store
        .list('pods', 'kube-system')
        .filter(
          (p) =>
            p.metadata.name.startsWith('aws-node-') &&
            !(p.status?.conditions ?? []).some((c: any) => c.type === 'Ready' && c.status === 'True'),
        ).length;
    expect(unready()).toBeLessThanOrEqual(2);
    await l.sh('sleep 30\n');
    const after = l.emu.store.list('pods', 'kube-system').filter((p) => p.metadata.name.startsWith('aws-node-'));
    expect(after).toHaveLength(3);
    expect(after.some((p) => before.some((b) => b.metadata.name === p.metadata.name))).toBe(false);
    expect(await l.sh('kubectl rollout status ds/aws-node -n kube-system\n')).toBe(
      'daemon set "aws-node" successfully rolled out\n',
    );
  });

  it('changes a node ipamd only when its new aws-node pod runs', async () => {
    const l = lab('aws-vpc-cni');
    const ipam = l.emu.cluster.ipam as AwsVpcIpam;
    await l.sh('kubectl set env ds/aws-node -n kube-system WARM_IP_TARGET=2 MINIMUM_IP_TARGET=4\n');
    await l.sh('sleep 30\n');
    expect(ipam.nodeNames().map((n) => ipam.settingsFor(n).warmIpTarget)).toEqual([2, 2, 2]);
    // WARM_IP_TARGET/MINIMUM_IP_TARGET give back the warm ENI's addresses: 4 IPs on the primary ENI.
    const n3 = ipam.node(N3)!;
    expect(n3.enis.map((e) => e.secondaryIps.length)).toEqual([4]);
  });
});

describe("ipamd's introspection endpoint (pkg/ipamd/introspect.go, v1.18.5)", () => {
  it('serves /v1/enis as the datastore ENIInfos, Go-marshalled', async () => {
    const l = lab('aws-vpc-cni');
    const body = await l.sh(`ssh ${N1} curl -s localhost:61679/v1/enis\n`);
    expect(body.endsWith('}')).toBe(true); // json.Marshal: no trailing newline
    const infos = JSON.parse(body);
    // ENIInfos{TotalIPs, AssignedIPs, ENIs map[string]ENI}; ENI's exported fields in declaration order.
    expect(Object.keys(infos)).toEqual(['TotalIPs', 'AssignedIPs', 'ENIs']);
    const enis = Object.values(infos.ENIs) as any[];
    expect(Object.keys(enis[0])).toEqual([
      'ID',
      'IsPrimary',
      'IsTrunk',
      'IsEFA',
      'DeviceNumber',
      'AvailableIPv4Cidrs',
      'IPv6Cidrs',
    ]);
    // Go sorts map keys: the ENI ids and the CIDR strings, as strings.
    expect(Object.keys(infos.ENIs)).toEqual([...Object.keys(infos.ENIs)].sort());
    const cidrs = enis.flatMap((e) => Object.entries(e.AvailableIPv4Cidrs)) as Array<[string, any]>;
    expect(infos.TotalIPs).toBe(cidrs.length);
    expect(cidrs.every(([k, c]) => k === `${c.Cidr.IP}/32` && c.Cidr.Mask === '/////w==' && c.IsPrefix === false)).toBe(
      true,
    );
    // The two CoreDNS pods on this node hold its assigned addresses.
    const assigned = cidrs.flatMap(([, c]) => Object.values(c.IPAddresses)) as any[];
    expect(infos.AssignedIPs).toBe(assigned.length);
    expect(assigned.map((a) => a.IPAMMetadata.k8sPodName).sort()).toEqual(
      l.emu.store
        .list('pods', 'kube-system')
        .filter((p) => p.spec.nodeName === N1 && !p.spec.hostNetwork)
        .map((p) => p.metadata.name)
        .sort(),
    );
    expect(Object.keys(assigned[0])).toEqual(['Address', 'IPAMKey', 'IPAMMetadata', 'AssignedTime', 'UnassignedTime']);
    expect(assigned[0].IPAMKey).toEqual({
      networkName: 'aws-cni',
      containerID: expect.stringMatching(/^[0-9a-f]{64}$/),
      ifName: 'eth0',
    });
    expect(assigned[0].UnassignedTime).toBe('0001-01-01T00:00:00Z');
  });

  it('serves the env settings ipamd and its network code read', async () => {
    const l = lab('aws-vpc-cni');
    expect(await l.sh(`ssh ${N1} curl -s localhost:61679/v1/ipamd-env-settings\n`)).toBe(
      '{"AWS_MANAGE_ENIS_NON_SCHEDULABLE":false,"AWS_VPC_K8S_CNI_CUSTOM_NETWORK_CFG":false,"ENABLE_SUBNET_DISCOVERY":true,"WARM_ENI_TARGET":1,"WARM_IP_TARGET":0}',
    );
    await l.sh('kubectl set env ds/aws-node -n kube-system AWS_VPC_K8S_CNI_EXCLUDE_SNAT_CIDRS=10.0.0.0/8\nsleep 30\n');
    expect(await l.sh(`ssh ${N1} curl -s localhost:61679/v1/networkutils-env-settings\n`)).toBe(
      '{"AWS_EXTERNAL_SERVICE_CIDRS":null,"AWS_VPC_CNI_NODE_PORT_SUPPORT":true,"AWS_VPC_ENI_MTU":9001,"AWS_VPC_K8S_CNI_CONNMARK":128,"AWS_VPC_K8S_CNI_EXCLUDE_SNAT_CIDRS":["10.0.0.0/8"],"AWS_VPC_K8S_CNI_EXTERNALSNAT":false,"AWS_VPC_K8S_CNI_RANDOMIZESNAT":2,"AWS_VPC_K8S_CNI_VETHPREFIX":"eni"}',
    );
  });

  it('lists /28 prefixes with prefix delegation', async () => {
    const l = lab('aws-vpc-cni');
    await l.sh('kubectl set env ds/aws-node -n kube-system ENABLE_PREFIX_DELEGATION=true\nsleep 30\n');
    const infos = JSON.parse(await l.sh(`ssh ${N3} curl -s localhost:61679/v1/enis\n`));
    const prefixes = (Object.values(infos.ENIs) as any[]).flatMap((e) =>
      Object.entries(e.AvailableIPv4Cidrs).filter(([, c]: [string, any]) => c.IsPrefix),
    ) as Array<[string, any]>;
    expect(prefixes.length).toBeGreaterThan(0);
    expect(prefixes.every(([k, c]) => /\/28$/.test(k) && c.Cidr.Mask === '////8A==')).toBe(true);
  });

  it('listens on the loopback only, while aws-node runs', async () => {
    const l = lab('aws-vpc-cni');
    expect(
      await l.sh(`ssh ${N1} curl -s -o /dev/null -w '%{http_code}' 192.168.1.51:61679/v1/enis; echo " $?"\n`),
    ).toBe('000 7\n');
  });
});

describe('aws ec2 (AWS CLI v2)', () => {
  it('answers describe-instance-types with the ENI and address limits, through --query and --output text', async () => {
    const l = lab('aws-vpc-cni');
    expect(
      await l.sh(
        "aws ec2 describe-instance-types --instance-types t3.medium m5.large --query 'InstanceTypes[].[InstanceType, NetworkInfo.MaximumNetworkInterfaces, NetworkInfo.Ipv4AddressesPerInterface]' --output text\n",
      ),
    ).toBe('t3.medium\t3\t6\nm5.large\t3\t10\n');
  });

  it('prints API and parameter errors as aws-cli 2.36 does, with its exit codes', async () => {
    const l = lab('aws-vpc-cni');
    expect(await l.sh('aws ec2 describe-instance-types --instance-types t3.huge; echo $?\n')).toBe(
      '\naws: [ERROR]: An error occurred (InvalidInstanceType) when calling the DescribeInstanceTypes operation: The following supplied instance types do not exist: [t3.huge]\n254\n',
    );
    expect(await l.sh("aws ec2 describe-instance-types --query 'InstanceTypes['; echo $?\n")).toBe(
      '\naws: [ERROR]: Bad value for --query InstanceTypes[: Invalid jmespath expression: Incomplete expression:\n"InstanceTypes["\n               ^\n252\n',
    );
    expect(await l.sh('aws ec2 describe-instance-types --output xml; echo $?\n')).toMatch(
      /^\naws: \[ERROR\]: argument --output: Found invalid choice 'xml'\n\n\nusage: aws \[options\]/,
    );
  });

  it('lists every ENI of the VPC, the EKS control plane ones included', async () => {
    const l = lab('aws-vpc-cni');
    expect(
      await l.sh(
        "aws ec2 describe-network-interfaces --query 'NetworkInterfaces[].Description' --output text | tr '\\t' '\\n' | sort | uniq -c\n",
      ),
    ).toMatch(/^ +3 \n +2 Amazon EKS myeks\n +1 aws-K8S-i-0[0-9a-f]{16}\n$/);
  });
});
