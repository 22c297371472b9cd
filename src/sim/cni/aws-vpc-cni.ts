/**
 * The Amazon VPC CNI's data plane (reference 3.4-3.5). Nodes sit in VPC subnets behind the VPC
 * router (a `vpc` netns that owns each subnet's .1 and knows which ENI holds which address, as the
 * VPC fabric does) instead of on a docker bridge. Each ENI is a NIC (eth0, eth1 ...); secondary
 * ENIs route through their own table (device + 1). A pod gets a /32 on eth0 with
 * `default via 169.254.1.1` and a permanent ARP entry, the node a host veth `eni<sha1[:11]>` with a
 * host route, an `ip rule` 512 to the pod, and 1536 from the pod for pods on secondary ENIs.
 * Traffic leaving the VPC is SNATed to the primary ENI's address by AWS-SNAT-CHAIN-0.
 * No encapsulation anywhere: pod addresses are VPC addresses.
 */
import { formatIp, parseCidr, parseIp } from '../net/addr';
import { Netns } from '../net/netns';
import { INTERNET_NETNS } from '../net/netnsnames';
import { parseRuleSpec } from '../net/ruleparse';
import { installKubelet } from '../net/nodesetup';
import { saveRule } from '../net/rulefmt';
import { RT_TABLE } from '../net/route';
import { sha1Hex } from './hash';
import { AwsVpcIpam, type AwsCniSettings, type AwsNode } from './aws-ipam';
import type { CniHost, CniPlugin } from './types';

export { AwsVpcIpam } from './aws-ipam';

/** The VPC router's netns name. */
export const VPC_NETNS = 'vpc';
/** Where the EKS control plane's ENIs land: kube-apiserver, outside the learner's reach but for 443. */
export const EKS_API_NETNS = 'eks-control-plane';
/** The link-local next hop every pod routes through (CalculatePodIPv4GatewayIP). */
export const POD_GATEWAY = '169.254.1.1';
const ENI_MTU = 9001;
/** The internet gateway's side of the emulated internet (the internet netns owns .1). */
const IGW = { dev: 'igw', addr: '192.168.50.2', len: 24, router: '192.168.50.1' };

/** The host-side veth name of a pod (GeneratePodHostVethName): `eni` + first 11 hex of sha1("ns.name"). */
export function hostVethName(namespace: string, pod: string, prefix = 'eni'): string {
  return prefix + sha1Hex(`${namespace}.${pod}`).slice(0, 11);
}

const gatewayOf = (subnet: string): number => (parseCidr(subnet)!.addr + 1) >>> 0;

/** The VPC router: one interface per subnet holding its .1, and the internet gateway. */
function ensureVpc(host: CniHost, ipam: AwsVpcIpam): Netns {
  const vpc = host.ensureNetns(VPC_NETNS, (name) => {
    const ns = new Netns(name);
    ns.addLink({ name: 'lo', kind: 'loopback', mtu: 65536, mac: '00:00:00:00:00:00', state: 'UNKNOWN' });
    ns.addAddress('lo', parseIp('127.0.0.1')!, 8, 'host');
    ns.addLink({ name: IGW.dev, kind: 'ether', mtu: 1500, mac: host.mac() });
    ns.addAddress(IGW.dev, parseIp(IGW.addr)!, IGW.len);
    ns.addRoute({ type: 'unicast', dst: { addr: 0, len: 0 }, via: parseIp(IGW.router)!, dev: IGW.dev });
    ns.sysctl['net.ipv4.ip_forward'] = '1';
    return ns;
  });
  const internet = host.netns(INTERNET_NETNS);
  for (const name of ipam.nodeNames()) {
    const n = ipam.node(name)!;
    const publicIp = parseIp(n.publicIp)!;
    if (!vpc.isLocal(publicIp)) {
      // The internet gateway's 1:1 NAT: the instance's primary private IP leaves as its public IP.
      vpc.addAddress(IGW.dev, publicIp, 32);
      vpc.netfilter.append(
        'nat',
        'POSTROUTING',
        parseRuleSpec(['-s', `${n.primaryIp}/32`, '-o', IGW.dev, '-j', 'SNAT', '--to-source', n.publicIp]),
      );
    }
    if (internet && !internet.route(publicIp)?.via)
      internet.addRoute({ type: 'unicast', dst: { addr: publicIp, len: 32 }, via: parseIp(IGW.addr)!, dev: 'eth0' });
    if (vpc.link(n.subnetId)) continue;
    const c = parseCidr(n.subnet)!;
    vpc.addLink({ name: n.subnetId, kind: 'ether', mtu: ENI_MTU, mac: host.mac() });
    vpc.addAddress(n.subnetId, gatewayOf(n.subnet), c.len);
  }
  ensureControlPlane(host, ipam);
  return vpc;
}

/**
 * The EKS control plane as the VPC sees it: one namespace holding its ENIs (eth0, eth1 ... in the
 * order EKS placed them), each routing back through its subnet's router.
 */
function ensureControlPlane(host: CniHost, ipam: AwsVpcIpam): void {
  const enis = ipam.controlPlaneEnis();
  if (!enis.length) return;
  host.ensureNetns(EKS_API_NETNS, (name) => {
    const ns = new Netns(name);
    ns.addLink({ name: 'lo', kind: 'loopback', mtu: 65536, mac: '00:00:00:00:00:00', state: 'UNKNOWN' });
    ns.addAddress('lo', parseIp('127.0.0.1')!, 8, 'host');
    enis.forEach((eni, i) => {
      const dev = `eth${i}`;
      ns.addLink({ name: dev, kind: 'ether', mtu: ENI_MTU, mac: eni.mac });
      ns.addAddress(dev, parseIp(eni.ip)!, parseCidr(eni.subnet)!.len);
    });
    ns.addRoute({ type: 'unicast', dst: { addr: 0, len: 0 }, via: gatewayOf(enis[0]!.subnet), dev: 'eth0' });
    return ns;
  });
}

/** Turn kind's docker uplink of a fresh node netns into the instance's primary ENI in its subnet. */
function primaryEni(host: CniHost, ns: Netns, node: AwsNode): void {
  const eth0 = ns.link('eth0');
  if (eth0?.peer) {
    const hostNs = host.netns(eth0.peer.netns);
    if (hostNs) hostNs.links = hostNs.links.filter((l) => l.index !== eth0.peer!.index);
    delete eth0.peer;
  }
  if (eth0) Object.assign(eth0, { kind: 'ether', mtu: ENI_MTU, mac: node.enis[0]?.mac ?? eth0.mac, qdisc: 'mq' });
  ns.addrs = ns.addrs.filter((a) => a.dev !== 'eth0');
  ns.routing.routes = ns.routing.routes.filter((r) => r.dev !== 'eth0');
  const c = parseCidr(node.subnet)!;
  ns.addAddress('eth0', parseIp(node.primaryIp)!, c.len);
  ns.addRoute({
    type: 'unicast',
    dst: { addr: 0, len: 0 },
    via: gatewayOf(node.subnet),
    dev: 'eth0',
    src: parseIp(node.primaryIp)!,
    proto: 'dhcp',
    metric: 512,
  });
}

/** Secondary ENIs attached since the last sync become ethN with their own route table; detached ones go. */
function secondaryEnis(ns: Netns, node: AwsNode): void {
  const gw = gatewayOf(node.subnet);
  const c = parseCidr(node.subnet)!;
  for (const link of [...ns.links]) {
    const m = /^eth(\d+)$/.exec(link.name);
    if (!m || m[1] === '0') continue;
    const eni = node.enis.find((e) => e.device === Number(m[1]));
    if (eni && eni.mac === link.mac) continue;
    ns.links = ns.links.filter((l) => l !== link);
    ns.addrs = ns.addrs.filter((a) => a.dev !== link.name);
    ns.routing.routes = ns.routing.routes.filter((r) => r.dev !== link.name);
  }
  for (const eni of node.enis) {
    const dev = `eth${eni.device}`;
    if (eni.device === 0 || ns.link(dev)) continue;
    ns.addLink({ name: dev, kind: 'ether', mtu: ENI_MTU, mac: eni.mac, qdisc: 'mq' });
    ns.addAddress(dev, parseIp(eni.primaryIp)!, c.len);
    // ipamd moves the subnet route out of main into the ENI's table (setupENINetwork).
    ns.routing.routes = ns.routing.routes.filter(
      (r) => !(r.table === RT_TABLE.main && r.dev === dev && r.proto === 'kernel'),
    );
    const table = eni.device + 1;
    ns.addRoute({ table, type: 'unicast', dst: { addr: gw, len: 32 }, dev, scope: 'link' });
    ns.addRoute({ table, type: 'unicast', dst: { addr: 0, len: 0 }, via: gw, dev });
  }
}

const SNAT_CHAIN = 'AWS-SNAT-CHAIN-0';
const SNAT_JUMP = ['-m', 'comment', '--comment', 'AWS SNAT CHAIN', '-j', SNAT_CHAIN];
const CONNMARK_CHAIN = 'AWS-CONNMARK-CHAIN-0';
const RESTORE_MARK = ['-j', 'CONNMARK', '--restore-mark', '--nfmask', '0x80', '--ctmask', '0x80'];

/** Make `table`'s `chain` hold exactly `specs` (rules that are already right keep their counters). */
function reconcileChain(ns: Netns, table: 'nat' | 'mangle', chain: string, specs: string[][]): void {
  const c = ns.netfilter.ensureChain(table, chain);
  const want = specs.map((r) => parseRuleSpec(r));
  const same =
    want.length === c.rules.length && want.every((r, i) => saveRule(chain, r) === saveRule(chain, c.rules[i]!));
  if (!same) c.rules = want;
}

/** Have a built-in chain hold `spec` (appended) or not, leaving the other owners' rules alone. */
function ensureRule(ns: Netns, table: 'nat' | 'mangle', chain: string, spec: string[], present: boolean): void {
  const c = ns.netfilter.requireChain(table, chain);
  const text = saveRule(chain, parseRuleSpec(spec));
  const has = c.rules.some((r) => saveRule(chain, r) === text);
  if (has && !present) c.rules = c.rules.filter((r) => saveRule(chain, r) !== text);
  if (!has && present) ns.netfilter.append(table, chain, parseRuleSpec(spec));
}

const comment = (text: string) => ['-m', 'comment', '--comment', text];

/**
 * The connmark steering (buildIptablesConnmarkRules, v1.18): connections pods open to outside the
 * VPC and the excluded CIDRs get connmark 0x80; restoring it onto their packets makes `ip rule`
 * 1024 (fwmark 0x80/0x80 lookup main) send them out of the primary ENI, where AWS-SNAT-CHAIN-0
 * rewrites them. Absent with external SNAT.
 */
function connmarkRules(ns: Netns, s: Readonly<AwsCniSettings>): void {
  const on = !s.externalSnat;
  reconcileChain(
    ns,
    'nat',
    CONNMARK_CHAIN,
    on
      ? [
          ...s.vpcCidrs.map((cidr) => ['-d', cidr, ...comment('AWS CONNMARK CHAIN, VPC CIDR'), '-j', 'RETURN']),
          ...s.excludeSnatCidrs.map((cidr) => [
            '-d',
            cidr,
            ...comment('AWS CONNMARK CHAIN, EXCLUDED CIDR'),
            '-j',
            'RETURN',
          ]),
          [...comment('AWS, CONNMARK'), '-j', 'CONNMARK', '--set-xmark', '0x80/0x80'],
        ]
      : [],
  );
  ensureRule(
    ns,
    'nat',
    'PREROUTING',
    ['-i', 'eni+', ...comment('AWS, outbound connections'), '-j', CONNMARK_CHAIN],
    on,
  );
  ensureRule(ns, 'nat', 'PREROUTING', [...comment('AWS, CONNMARK'), ...RESTORE_MARK], on);
}

/**
 * The mangle rules for the primary ENI (buildIptablesSNATRules, AWS_VPC_CNI_NODE_PORT_SUPPORT=true
 * by default): connections arriving on eth0 for a local address (a NodePort) are marked, and the
 * mark is restored on replies leaving pods, so rule 1024 sends them back out of eth0 whichever
 * ENI the pod's address lives on. They stay with external SNAT.
 */
function primaryEniMangleRules(ns: Netns, s: Readonly<AwsCniSettings>): void {
  const nodePort = true;
  ensureRule(
    ns,
    'mangle',
    'PREROUTING',
    [
      ...comment('AWS, primary ENI'),
      '-i',
      'eth0',
      '-m',
      'addrtype',
      '--dst-type',
      'LOCAL',
      '--limit-iface-in',
      '-j',
      'CONNMARK',
      '--set-mark',
      '0x80/0x80',
    ],
    nodePort,
  );
  ensureRule(
    ns,
    'mangle',
    'PREROUTING',
    [...comment('AWS, primary ENI'), '-i', 'eni+', ...RESTORE_MARK],
    nodePort || !s.externalSnat,
  );
  ensureRule(ns, 'mangle', 'PREROUTING', [...comment('AWS, primary ENI'), '-i', 'vlan+', ...RESTORE_MARK], nodePort);
}

/**
 * AWS-SNAT-CHAIN-0 (v1.16+ layout): RETURN for the VPC and excluded CIDRs, then SNAT to the primary
 * IP. With external SNAT every one of these rules is absent (`shouldExist: !useExternalSNAT`).
 * Rebuilt on every sync, as ipamd reconciles them, so settings changes show at once.
 */
function snatChain(ns: Netns, s: Readonly<AwsCniSettings>, primaryIp: string): void {
  const nf = ns.netfilter;
  nf.ensureChain('nat', SNAT_CHAIN);
  ensureRule(ns, 'nat', 'POSTROUTING', SNAT_JUMP, !s.externalSnat);
  reconcileChain(
    ns,
    'nat',
    SNAT_CHAIN,
    s.externalSnat
      ? []
      : [
          ...s.vpcCidrs.map((cidr) => ['-d', cidr, ...comment('AWS SNAT CHAIN'), '-j', 'RETURN']),
          ...s.excludeSnatCidrs.map((cidr) => ['-d', cidr, ...comment('AWS SNAT CHAIN EXCLUSION'), '-j', 'RETURN']),
          [
            '!',
            '-o',
            'vlan+',
            ...comment('AWS, SNAT'),
            '-m',
            'addrtype',
            '!',
            '--dst-type',
            'LOCAL',
            '-j',
            'SNAT',
            '--to-source',
            primaryIp,
            '--random-fully',
          ],
        ],
  );
}

/** The VPC CNI plugin over the cluster's ipamd state. */
export function awsVpcCniPlugin(ipam: AwsVpcIpam): CniPlugin {
  return {
    name: 'aws-vpc-cni',
    nodeSetup(host, ns, n) {
      const node = ipam.node(n.name);
      if (!node) return;
      installKubelet(ns.netfilter);
      primaryEni(host, ns, node);
      ns.routing.rules.push({ priority: 1024, fwmark: { value: 0x80, mask: 0x80 }, table: RT_TABLE.main });
    },
    syncNodes(host, nodes) {
      ensureVpc(host, ipam);
      for (const n of nodes) {
        const node = ipam.node(n.name);
        const ns = host.nodeNetns(n.name);
        if (!node || !ns) continue;
        secondaryEnis(ns, node);
        const settings = ipam.settingsFor(n.name);
        snatChain(ns, settings, node.primaryIp);
        primaryEniMangleRules(ns, settings);
        connmarkRules(ns, settings);
      }
    },
    podAdd(host, pod, node) {
      const eni = ipam.eniFor(pod.node, formatIp(pod.ip));
      if (!eni) return undefined;
      const ns = new Netns(pod.netnsName);
      ns.addLink({ name: 'lo', kind: 'loopback', mtu: 65536, mac: '00:00:00:00:00:00', state: 'UNKNOWN' });
      ns.addAddress('lo', parseIp('127.0.0.1')!, 8, 'host');
      const hostSide = node.addLink({
        name: hostVethName(pod.namespace, pod.name),
        kind: 'veth',
        mtu: ENI_MTU,
        mac: host.mac(),
      });
      const eth0 = ns.addLink({
        index: 3,
        name: 'eth0',
        kind: 'veth',
        mtu: ENI_MTU,
        mac: host.mac(),
        peer: { netns: node.name, index: hostSide.index },
      });
      hostSide.peer = { netns: ns.name, index: eth0.index };
      ns.addAddress('eth0', pod.ip, 32);
      const gw = parseIp(POD_GATEWAY)!;
      ns.addRoute({ type: 'unicast', dst: { addr: gw, len: 32 }, dev: 'eth0', scope: 'link' });
      ns.addRoute({ type: 'unicast', dst: { addr: 0, len: 0 }, via: gw, dev: 'eth0' });
      ns.neigh.push({ ip: gw, dev: 'eth0', mac: hostSide.mac, confirmed: 0, permanent: true });
      node.addRoute({ type: 'unicast', dst: { addr: pod.ip, len: 32 }, dev: hostSide.name, scope: 'link' });
      node.routing.rules.push({ priority: 512, to: { addr: pod.ip, len: 32 }, table: RT_TABLE.main });
      if (eni.device > 0)
        node.routing.rules.push({ priority: 1536, from: { addr: pod.ip, len: 32 }, table: eni.device + 1 });
      return ns;
    },
    podDel(host, pod) {
      const peer = pod.link('eth0')?.peer;
      const node = peer ? host.netns(peer.netns) : undefined;
      const ip = pod.addrs.find((a) => a.dev === 'eth0')?.addr;
      if (!node || !peer) return;
      const hostSide = node.links.find((l) => l.index === peer.index);
      node.links = node.links.filter((l) => l !== hostSide);
      node.routing.routes = node.routing.routes.filter((r) => r.dev !== hostSide?.name);
      node.routing.rules = node.routing.rules.filter(
        (r) => !((r.to?.addr === ip && r.to?.len === 32) || (r.from?.addr === ip && r.from?.len === 32)),
      );
    },
    forward(host, from, dev, nextHop) {
      const link = from.link(dev);
      // A pod's veth is point to point: whatever the next hop (169.254.1.1), the frame reaches the node.
      if (from.name.startsWith('pod/') && link?.peer) {
        const next = host.netns(link.peer.netns);
        const inDev = next?.links.find((l) => l.index === link.peer!.index)?.name;
        if (!next || !inDev) return undefined;
        return {
          next,
          inDev,
          events: [{ kind: 'link', fromNetns: from.name, fromDev: dev, toNetns: next.name, toDev: inDev }],
        };
      }
      // The VPC fabric delivers an address to the instance whose ENI holds it (primary or secondary).
      if (from.name === VPC_NETNS) {
        const ip = formatIp(nextHop);
        const cp = ipam.controlPlaneEnis().findIndex((e) => e.ip === ip);
        const api = cp >= 0 ? host.netns(EKS_API_NETNS) : undefined;
        if (api)
          return {
            next: api,
            inDev: `eth${cp}`,
            events: [
              { kind: 'link', fromNetns: from.name, fromDev: dev, toNetns: api.name, toDev: `eth${cp}`, l2: true },
            ],
          };
        const nodeName = ipam.nodeFor(ip);
        const eni = nodeName ? ipam.eniFor(nodeName, ip) : undefined;
        const next = nodeName ? host.nodeNetns(nodeName) : undefined;
        if (!next || !eni) return undefined;
        const inDev = `eth${eni.device}`;
        // The VPC router does not decrement the TTL: instances in a VPC are one hop apart.
        return {
          next,
          inDev,
          events: [{ kind: 'link', fromNetns: from.name, fromDev: dev, toNetns: next.name, toDev: inDev, l2: true }],
        };
      }
      return undefined;
    },
  };
}
