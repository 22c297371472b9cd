/**
 * kube-proxy in IPVS mode (pkg/proxy/ipvs/proxier.go, v1.31) on one node, from the same service
 * ports as iptables mode: the `kube-ipvs0` dummy interface holding every ClusterIP, external IP and
 * load-balancer IP as /32; one virtual server per service port per VIP, and per node IP for node
 * ports, with the ready endpoints as Masq real servers of weight 1; the ip sets (reference 2.2/2.3);
 * and the iptables rules kube-proxy still writes in this mode (reference 2.5). We follow the v1.31
 * layout (KUBE-IPVS-FILTER, KUBE-IPVS-OUT-FILTER, KUBE-IPVS-IPS, `-s 127.0.0.0/8 -j RETURN`) because
 * the kind-ipvs scenario is Kubernetes v1.31, and its seed capture shows KUBE-CLUSTER-IP with 3
 * references (masquerade, ACCEPT and KUBE-IPVS-FILTER).
 */
import type { Rng } from '../core/rng';
import { formatIp, formatMac, parseIp } from '../net/addr';
import type { Ipsets, IpsetType } from '../net/ipset';
import type { IpvsProto } from '../net/ipvs';
import type { Netns } from '../net/netns';
import { RT_TABLE } from '../net/route';
import type { Endpoint, ServicePortInfo } from './endpoints';
import type { JumpRule, ProxyRuleSet } from './iptables';
import { syncRules } from './sync';

export const DUMMY_DEVICE = 'kube-ipvs0';

export interface IpvsProxyConfig {
  nodeName: string;
  /** Cluster CIDR for the local-traffic detector (`! -s CIDR`). */
  clusterCIDR?: string;
  /** `ipvs.scheduler` from the kube-proxy configuration; empty means rr. */
  scheduler: string;
  strictARP: boolean;
  masqueradeAll: boolean;
}

/** The kube-proxy ip sets in upstream's ipsetInfo order (the order they are created and listed), with their comments. */
export const IPVS_IPSETS: readonly { name: string; type: IpsetType; comment: string }[] = [
  {
    name: 'KUBE-LOOP-BACK',
    type: 'hash:ip,port,ip',
    comment: 'Kubernetes endpoints dst ip:port, source ip for solving hairpin purpose',
  },
  {
    name: 'KUBE-CLUSTER-IP',
    type: 'hash:ip,port',
    comment: 'Kubernetes service cluster ip + port for masquerade purpose',
  },
  {
    name: 'KUBE-EXTERNAL-IP',
    type: 'hash:ip,port',
    comment: 'Kubernetes service external ip + port for masquerade and filter purpose',
  },
  {
    name: 'KUBE-EXTERNAL-IP-LOCAL',
    type: 'hash:ip,port',
    comment: 'Kubernetes service external ip + port with externalTrafficPolicy=local',
  },
  { name: 'KUBE-LOAD-BALANCER', type: 'hash:ip,port', comment: 'Kubernetes service lb portal' },
  {
    name: 'KUBE-LOAD-BALANCER-FW',
    type: 'hash:ip,port',
    comment: 'Kubernetes service load balancer ip + port for load balancer with sourceRange',
  },
  {
    name: 'KUBE-LOAD-BALANCER-LOCAL',
    type: 'hash:ip,port',
    comment: 'Kubernetes service load balancer ip + port with externalTrafficPolicy=local',
  },
  {
    name: 'KUBE-LOAD-BALANCER-SOURCE-IP',
    type: 'hash:ip,port,ip',
    comment: 'Kubernetes service load balancer ip + port + source IP for packet filter purpose',
  },
  {
    name: 'KUBE-LOAD-BALANCER-SOURCE-CIDR',
    type: 'hash:ip,port,net',
    comment: 'Kubernetes service load balancer ip + port + source cidr for packet filter purpose',
  },
  { name: 'KUBE-NODE-PORT-TCP', type: 'bitmap:port', comment: 'Kubernetes nodeport TCP port for masquerade purpose' },
  {
    name: 'KUBE-NODE-PORT-LOCAL-TCP',
    type: 'bitmap:port',
    comment: 'Kubernetes nodeport TCP port with externalTrafficPolicy=local',
  },
  { name: 'KUBE-NODE-PORT-UDP', type: 'bitmap:port', comment: 'Kubernetes nodeport UDP port for masquerade purpose' },
  {
    name: 'KUBE-NODE-PORT-LOCAL-UDP',
    type: 'bitmap:port',
    comment: 'Kubernetes nodeport UDP port with externalTrafficPolicy=local',
  },
  {
    name: 'KUBE-NODE-PORT-SCTP-HASH',
    type: 'hash:ip,port',
    comment: "Kubernetes nodeport SCTP port for masquerade purpose with type 'hash ip:port'",
  },
  {
    name: 'KUBE-NODE-PORT-LOCAL-SCTP-HASH',
    type: 'hash:ip,port',
    comment: "Kubernetes nodeport SCTP port with externalTrafficPolicy=local with type 'hash ip:port'",
  },
  { name: 'KUBE-HEALTH-CHECK-NODE-PORT', type: 'bitmap:port', comment: 'Kubernetes health check node port' },
  { name: 'KUBE-IPVS-IPS', type: 'hash:ip', comment: 'Addresses on the ipvs interface' },
];

const COMMENT = new Map(IPVS_IPSETS.map((s) => [s.name, s.comment]));

/** upstream iptablesJumpChain (ipvs): each is prepended, so the last listed ends up first. */
export const IPVS_JUMP_RULES: readonly JumpRule[] = [
  {
    table: 'nat',
    chain: 'OUTPUT',
    args: ['-m', 'comment', '--comment', 'kubernetes service portals', '-j', 'KUBE-SERVICES'],
  },
  {
    table: 'nat',
    chain: 'PREROUTING',
    args: ['-m', 'comment', '--comment', 'kubernetes service portals', '-j', 'KUBE-SERVICES'],
  },
  {
    table: 'nat',
    chain: 'POSTROUTING',
    args: ['-m', 'comment', '--comment', 'kubernetes postrouting rules', '-j', 'KUBE-POSTROUTING'],
  },
  {
    table: 'filter',
    chain: 'FORWARD',
    args: ['-m', 'comment', '--comment', 'kubernetes forwarding rules', '-j', 'KUBE-FORWARD'],
  },
  {
    table: 'filter',
    chain: 'INPUT',
    args: ['-m', 'comment', '--comment', 'kubernetes health check rules', '-j', 'KUBE-NODE-PORT'],
  },
  {
    table: 'filter',
    chain: 'INPUT',
    args: ['-m', 'comment', '--comment', 'kube-proxy firewall rules', '-j', 'KUBE-PROXY-FIREWALL'],
  },
  {
    table: 'filter',
    chain: 'FORWARD',
    args: ['-m', 'comment', '--comment', 'kube-proxy firewall rules', '-j', 'KUBE-PROXY-FIREWALL'],
  },
  {
    table: 'filter',
    chain: 'INPUT',
    args: ['-m', 'comment', '--comment', 'kubernetes ipvs access filter', '-j', 'KUBE-IPVS-FILTER'],
  },
  {
    table: 'filter',
    chain: 'OUTPUT',
    args: ['-m', 'comment', '--comment', 'kubernetes ipvs access filter', '-j', 'KUBE-IPVS-OUT-FILTER'],
  },
];

const NAT_CHAINS = ['KUBE-SERVICES', 'KUBE-POSTROUTING', 'KUBE-NODE-PORT', 'KUBE-LOAD-BALANCER', 'KUBE-MARK-MASQ'];
const FILTER_CHAINS = [
  'KUBE-FORWARD',
  'KUBE-NODE-PORT',
  'KUBE-PROXY-FIREWALL',
  'KUBE-SOURCE-RANGES-FIREWALL',
  'KUBE-IPVS-FILTER',
  'KUBE-IPVS-OUT-FILTER',
];

/** upstream ipsetWithIptablesChain: one rule per non-empty set. */
const SET_RULES: readonly {
  set: string;
  table: 'nat' | 'filter';
  from: string;
  to: string;
  match: string;
  proto?: string;
}[] = [
  { set: 'KUBE-LOOP-BACK', table: 'nat', from: 'KUBE-POSTROUTING', to: 'MASQUERADE', match: 'dst,dst,src' },
  { set: 'KUBE-LOAD-BALANCER', table: 'nat', from: 'KUBE-SERVICES', to: 'KUBE-LOAD-BALANCER', match: 'dst,dst' },
  { set: 'KUBE-LOAD-BALANCER-LOCAL', table: 'nat', from: 'KUBE-LOAD-BALANCER', to: 'RETURN', match: 'dst,dst' },
  { set: 'KUBE-NODE-PORT-LOCAL-TCP', table: 'nat', from: 'KUBE-NODE-PORT', to: 'RETURN', match: 'dst', proto: 'tcp' },
  { set: 'KUBE-NODE-PORT-TCP', table: 'nat', from: 'KUBE-NODE-PORT', to: 'KUBE-MARK-MASQ', match: 'dst', proto: 'tcp' },
  { set: 'KUBE-NODE-PORT-LOCAL-UDP', table: 'nat', from: 'KUBE-NODE-PORT', to: 'RETURN', match: 'dst', proto: 'udp' },
  { set: 'KUBE-NODE-PORT-UDP', table: 'nat', from: 'KUBE-NODE-PORT', to: 'KUBE-MARK-MASQ', match: 'dst', proto: 'udp' },
  {
    set: 'KUBE-NODE-PORT-LOCAL-SCTP-HASH',
    table: 'nat',
    from: 'KUBE-NODE-PORT',
    to: 'RETURN',
    match: 'dst,dst',
    proto: 'sctp',
  },
  {
    set: 'KUBE-NODE-PORT-SCTP-HASH',
    table: 'nat',
    from: 'KUBE-NODE-PORT',
    to: 'KUBE-MARK-MASQ',
    match: 'dst,dst',
    proto: 'sctp',
  },
  {
    set: 'KUBE-LOAD-BALANCER-FW',
    table: 'filter',
    from: 'KUBE-PROXY-FIREWALL',
    to: 'KUBE-SOURCE-RANGES-FIREWALL',
    match: 'dst,dst',
  },
  {
    set: 'KUBE-LOAD-BALANCER-SOURCE-CIDR',
    table: 'filter',
    from: 'KUBE-SOURCE-RANGES-FIREWALL',
    to: 'RETURN',
    match: 'dst,dst,src',
  },
  {
    set: 'KUBE-LOAD-BALANCER-SOURCE-IP',
    table: 'filter',
    from: 'KUBE-SOURCE-RANGES-FIREWALL',
    to: 'RETURN',
    match: 'dst,dst,src',
  },
  { set: 'KUBE-HEALTH-CHECK-NODE-PORT', table: 'filter', from: 'KUBE-NODE-PORT', to: 'ACCEPT', match: 'dst' },
];

const MASQ_MARK = '0x4000';

/** Whether kube-proxy (IPVS mode) owns a chain: it rewrites these wholesale. */
export function isIpvsProxyChain(table: 'nat' | 'filter', chain: string): boolean {
  return (table === 'nat' ? NAT_CHAINS : FILTER_CHAINS).includes(chain);
}

/** What one sync wants: virtual servers with their real servers, the addresses on kube-ipvs0, and set entries. */
export interface IpvsDesired {
  /** `proto|vip|port` → service spec and real servers. */
  services: Map<string, { proto: IpvsProto; addr: string; port: number; persistent: number; dests: Endpoint[] }>;
  bound: string[];
  sets: Map<string, string[]>;
}

/** Ready endpoints, else serving-and-terminating ones (upstream CategorizeEndpoints without topology). */
function usable(eps: readonly Endpoint[]): Endpoint[] {
  const ready = eps.filter((e) => e.ready);
  return ready.length > 0 ? ready : eps.filter((e) => e.serving && e.terminating);
}

/** The node IPs NodePort virtual servers listen on: every local address except kube-ipvs0's, loopback skipped. */
export function nodeIPs(ns: Netns): string[] {
  const out: string[] = [];
  for (const a of ns.addrs) {
    if (a.dev === 'lo' || a.dev === DUMMY_DEVICE || a.addr >>> 24 === 127) continue;
    const ip = formatIp(a.addr);
    if (!out.includes(ip)) out.push(ip);
  }
  return out;
}

/** Plan a sync: a pure function of the service ports, this node's name and its IPs. */
export function desiredState(
  ports: readonly ServicePortInfo[],
  nodeName: string,
  nodeAddrs: readonly string[],
): IpvsDesired {
  const services: IpvsDesired['services'] = new Map();
  const bound = new Set<string>();
  // Sets keep insertion order and drop duplicates in O(1): thousands of services stay cheap.
  const entries = new Map<string, Set<string>>(IPVS_IPSETS.map((s) => [s.name, new Set<string>()]));
  const put = (set: string, entry: string): void => void entries.get(set)!.add(entry);
  const bind = (ip: string): void => void bound.add(ip);
  for (const sp of ports) {
    if (sp.protocol !== 'tcp' && sp.protocol !== 'udp') continue; // SCTP virtual servers are not emulated
    const proto = sp.protocol as IpvsProto;
    const pp = `${proto}:${sp.port}`;
    const all = usable(sp.endpoints);
    const local = all.filter((e) => e.nodeName === nodeName);
    const internal = sp.internalPolicyLocal ? local : all;
    const external = sp.externalPolicyLocal ? local : all;
    const vs = (addr: string, port: number, dests: Endpoint[]): void => {
      services.set(`${proto}|${addr}|${port}`, { proto, addr, port, persistent: sp.stickySeconds, dests });
    };
    // ClusterIP.
    put('KUBE-CLUSTER-IP', `${sp.clusterIP},${pp}`);
    bind(sp.clusterIP);
    vs(sp.clusterIP, sp.port, internal);
    for (const e of sp.endpoints)
      if (e.nodeName === nodeName) put('KUBE-LOOP-BACK', `${e.ip},${proto}:${e.port},${e.ip}`);
    // External IPs.
    for (const ip of sp.externalIPs) {
      put(sp.externalPolicyLocal ? 'KUBE-EXTERNAL-IP-LOCAL' : 'KUBE-EXTERNAL-IP', `${ip},${pp}`);
      bind(ip);
      vs(ip, sp.port, external);
    }
    // Load-balancer ingress IPs.
    for (const ip of sp.loadBalancerIPs) {
      put('KUBE-LOAD-BALANCER', `${ip},${pp}`);
      if (sp.externalPolicyLocal) put('KUBE-LOAD-BALANCER-LOCAL', `${ip},${pp}`);
      if (sp.loadBalancerSourceRanges.length > 0) {
        put('KUBE-LOAD-BALANCER-FW', `${ip},${pp}`);
        for (const cidr of sp.loadBalancerSourceRanges) put('KUBE-LOAD-BALANCER-SOURCE-CIDR', `${ip},${pp},${cidr}`);
      }
      bind(ip);
      vs(ip, sp.port, external);
    }
    // Node ports: one virtual server per node IP.
    if (sp.nodePort !== 0) {
      const upper = proto.toUpperCase();
      put(`KUBE-NODE-PORT-${upper}`, String(sp.nodePort));
      if (sp.externalPolicyLocal) put(`KUBE-NODE-PORT-LOCAL-${upper}`, String(sp.nodePort));
      for (const ip of nodeAddrs) vs(ip, sp.nodePort, external);
    }
    if (sp.healthCheckNodePort !== 0) put('KUBE-HEALTH-CHECK-NODE-PORT', String(sp.healthCheckNodePort));
  }
  for (const ip of bound) put('KUBE-IPVS-IPS', ip);
  return { services, bound: [...bound], sets: new Map([...entries].map(([k, v]) => [k, [...v]])) };
}

/** The iptables rules of reference 2.5 for the given set contents, as restore-style argv per chain. */
export function ipvsProxyRules(
  sets: ReadonlyMap<string, readonly string[]>,
  cfg: Pick<IpvsProxyConfig, 'clusterCIDR' | 'masqueradeAll'>,
): ProxyRuleSet {
  const nat: ProxyRuleSet['nat'] = { chains: [...NAT_CHAINS], rules: [] };
  const filter: ProxyRuleSet['filter'] = { chains: [...FILTER_CHAINS], rules: [] };
  const n = (chain: string, ...args: string[]): void => void nat.rules.push({ chain, args });
  const f = (chain: string, ...args: string[]): void => void filter.rules.push({ chain, args });
  const nonEmpty = (name: string): boolean => (sets.get(name)?.length ?? 0) > 0;
  const comment = (name: string): string[] => ['-m', 'comment', '--comment', COMMENT.get(name) ?? name];

  n('KUBE-SERVICES', '-s', '127.0.0.0/8', '-j', 'RETURN');
  for (const r of SET_RULES) {
    if (!nonEmpty(r.set)) continue;
    const args = [
      ...(r.proto ? ['-p', r.proto] : []),
      ...comment(r.set),
      '-m',
      'set',
      '--match-set',
      r.set,
      r.match,
      '-j',
      r.to,
    ];
    (r.table === 'nat' ? n : f)(r.from, ...args);
  }
  if (nonEmpty('KUBE-CLUSTER-IP')) {
    const base = [...comment('KUBE-CLUSTER-IP'), '-m', 'set', '--match-set', 'KUBE-CLUSTER-IP'];
    if (cfg.masqueradeAll) n('KUBE-SERVICES', ...base, 'dst,dst', '-j', 'KUBE-MARK-MASQ');
    else if (cfg.clusterCIDR)
      n('KUBE-SERVICES', ...base, 'dst,dst', '!', '-s', cfg.clusterCIDR, '-j', 'KUBE-MARK-MASQ');
    else n('KUBE-SERVICES', ...base, 'src,dst', '-j', 'KUBE-MARK-MASQ');
  }
  const externalIPRules = (set: string): void => {
    const base = [...comment(set), '-m', 'set', '--match-set', set, 'dst,dst'];
    n(
      'KUBE-SERVICES',
      ...base,
      '-m',
      'physdev',
      '!',
      '--physdev-is-in',
      '-m',
      'addrtype',
      '!',
      '--src-type',
      'LOCAL',
      '-j',
      'ACCEPT',
    );
    n('KUBE-SERVICES', ...base, '-m', 'addrtype', '--dst-type', 'LOCAL', '-j', 'ACCEPT');
  };
  if (nonEmpty('KUBE-EXTERNAL-IP')) {
    n(
      'KUBE-SERVICES',
      ...comment('KUBE-EXTERNAL-IP'),
      '-m',
      'set',
      '--match-set',
      'KUBE-EXTERNAL-IP',
      'dst,dst',
      '-j',
      'KUBE-MARK-MASQ',
    );
    externalIPRules('KUBE-EXTERNAL-IP');
  }
  if (nonEmpty('KUBE-EXTERNAL-IP-LOCAL')) externalIPRules('KUBE-EXTERNAL-IP-LOCAL');
  n('KUBE-SERVICES', '-m', 'addrtype', '--dst-type', 'LOCAL', '-j', 'KUBE-NODE-PORT');
  n('KUBE-LOAD-BALANCER', '-j', 'KUBE-MARK-MASQ');
  f('KUBE-SOURCE-RANGES-FIREWALL', '-j', 'DROP');
  // acceptIPVSTraffic: must stay at the end of KUBE-SERVICES.
  for (const set of ['KUBE-CLUSTER-IP', 'KUBE-LOAD-BALANCER'])
    if (nonEmpty(set)) n('KUBE-SERVICES', '-m', 'set', '--match-set', set, 'dst,dst', '-j', 'ACCEPT');
  f(
    'KUBE-FORWARD',
    '-m',
    'comment',
    '--comment',
    'kubernetes forwarding rules',
    '-m',
    'mark',
    '--mark',
    `${MASQ_MARK}/${MASQ_MARK}`,
    '-j',
    'ACCEPT',
  );
  f(
    'KUBE-FORWARD',
    '-m',
    'comment',
    '--comment',
    'kubernetes forwarding conntrack rule',
    '-m',
    'conntrack',
    '--ctstate',
    'RELATED,ESTABLISHED',
    '-j',
    'ACCEPT',
  );
  for (const set of ['KUBE-LOAD-BALANCER', 'KUBE-CLUSTER-IP', 'KUBE-EXTERNAL-IP', 'KUBE-EXTERNAL-IP-LOCAL'])
    f('KUBE-IPVS-FILTER', '-m', 'set', '--match-set', set, 'dst,dst', '-j', 'RETURN');
  f('KUBE-IPVS-FILTER', '-m', 'set', '--match-set', 'KUBE-HEALTH-CHECK-NODE-PORT', 'dst', '-j', 'RETURN');
  f(
    'KUBE-IPVS-FILTER',
    '-m',
    'conntrack',
    '--ctstate',
    'NEW',
    '-m',
    'set',
    '--match-set',
    'KUBE-IPVS-IPS',
    'dst',
    '-j',
    'REJECT',
  );
  n('KUBE-POSTROUTING', '-m', 'mark', '!', '--mark', `${MASQ_MARK}/${MASQ_MARK}`, '-j', 'RETURN');
  n('KUBE-POSTROUTING', '-j', 'MARK', '--xor-mark', MASQ_MARK);
  n(
    'KUBE-POSTROUTING',
    '-m',
    'comment',
    '--comment',
    'kubernetes service traffic requiring SNAT',
    '-j',
    'MASQUERADE',
    '--random-fully',
  );
  n('KUBE-MARK-MASQ', '-j', 'MARK', '--or-mark', MASQ_MARK);
  return { nat, filter };
}

/** A MAC as the kernel draws for a new dummy device: random, locally administered, unicast. */
function randomMac(rng: Rng): string {
  const bytes = Array.from({ length: 6 }, () => rng.int(256));
  bytes[0] = (bytes[0]! & 0xfe) | 0x02;
  return formatMac(bytes);
}

/** EnsureDummyDevice plus the /32 bindings: add missing addresses, remove ones no service uses any more. */
function syncDummy(ns: Netns, bound: readonly string[], rng: Rng): void {
  if (!ns.link(DUMMY_DEVICE))
    ns.addLink({ name: DUMMY_DEVICE, kind: 'dummy', mtu: 1500, mac: randomMac(rng), state: 'DOWN', qdisc: 'noop' });
  const want = new Set(bound.map((ip) => parseIp(ip)!));
  const stale = ns.addrs.filter((a) => a.dev === DUMMY_DEVICE && !want.has(a.addr)).map((a) => a.addr);
  if (stale.length > 0) {
    const gone = new Set(stale);
    ns.addrs = ns.addrs.filter((a) => !(a.dev === DUMMY_DEVICE && gone.has(a.addr)));
    ns.routing.routes = ns.routing.routes.filter(
      (r) => !(r.table === RT_TABLE.local && r.dev === DUMMY_DEVICE && gone.has(r.dst.addr)),
    );
  }
  const have = new Set(ns.addrs.filter((a) => a.dev === DUMMY_DEVICE).map((a) => a.addr));
  for (const ip of bound) {
    const addr = parseIp(ip)!;
    if (!have.has(addr)) ns.addAddress(DUMMY_DEVICE, addr, 32);
  }
}

/** Create kube-proxy's sets when missing (initval drawn from the seeded rng) and set their entries. */
function syncSets(sets: Ipsets, wanted: ReadonlyMap<string, readonly string[]>, rng: Rng): void {
  for (const info of IPVS_IPSETS) {
    const set = sets.get(info.name) ?? sets.create(info.name, info.type, rng.int(0x100000000));
    set.replace(wanted.get(info.name) ?? []);
  }
}

/** Bring the IPVS table to the desired virtual and real servers, keeping what stays (and its counters and scheduler state). */
function syncVirtualServers(ns: Netns, desired: IpvsDesired['services'], scheduler: string, now: number): void {
  const ipvs = ns.ipvs;
  for (const vs of ipvs.list()) {
    if (!desired.has(`${vs.proto}|${formatIp(vs.addr)}|${vs.port}`)) ipvs.deleteService(vs.proto, vs.addr, vs.port);
  }
  for (const want of desired.values()) {
    const addr = parseIp(want.addr)!;
    const spec = { proto: want.proto, addr, port: want.port, scheduler, persistent: want.persistent };
    let vs = ipvs.find(want.proto, addr, want.port);
    if (!vs) vs = ipvs.addService(spec, now);
    else if (vs.scheduler !== scheduler || vs.persistent !== want.persistent) vs = ipvs.editService(spec);
    const wanted = new Set(want.dests.map((e) => e.ipPort));
    for (const d of [...vs.dests])
      if (!wanted.has(`${formatIp(d.addr)}:${d.port}`)) ipvs.deleteDest(vs, d.addr, d.port);
    for (const e of want.dests) {
      const ip = parseIp(e.ip)!;
      const d = vs.dests.find((x) => x.addr === ip && x.port === e.port);
      if (!d) ipvs.addDest(vs, { addr: ip, port: e.port, weight: 1, fwd: 'Masq' }, now);
      else if (d.weight !== 1) ipvs.editDest(vs, { addr: ip, port: e.port, weight: 1 });
    }
  }
}

/** One kube-proxy IPVS sync on a node: dummy device, sets, virtual servers, iptables rules, sysctls. */
export function syncIpvsProxy(
  ns: Netns,
  ports: readonly ServicePortInfo[],
  cfg: IpvsProxyConfig,
  env: { now: number; rng: Rng },
): void {
  // Node IPs are read before binding VIPs, as kube-proxy excludes kube-ipvs0's addresses anyway.
  const desired = desiredState(ports, cfg.nodeName, nodeIPs(ns));
  syncDummy(ns, desired.bound, env.rng);
  syncSets(ns.ipsets, desired.sets, env.rng);
  syncVirtualServers(ns, desired.services, cfg.scheduler || 'rr', env.now);
  syncRules(ns.netfilter, ipvsProxyRules(desired.sets, cfg), {
    jumps: IPVS_JUMP_RULES,
    owns: isIpvsProxyChain,
    canaries: false,
  });
  // kube-proxy's IPVS-mode sysctls (proxier.go NewProxier).
  ns.sysctl['net.ipv4.vs.conntrack'] = '1';
  ns.sysctl['net.ipv4.vs.expire_nodest_conn'] = '1';
  ns.sysctl['net.ipv4.vs.expire_quiescent_template'] = '1';
  if (cfg.strictARP) {
    ns.sysctl['net.ipv4.conf.all.arp_ignore'] = '1';
    ns.sysctl['net.ipv4.conf.all.arp_announce'] = '2';
  }
}

/** The `ipvs` settings kube-proxy takes from its KubeProxyConfiguration (config.conf). */
export interface IpvsSettings {
  /** `ipvs.scheduler`; empty means rr. */
  scheduler: string;
  strictARP: boolean;
  /** `ipvs.tcpTimeout`, `tcpFinTimeout`, `udpTimeout` in seconds; 0 leaves the kernel's value. */
  timeouts: { tcp: number; tcpfin: number; udp: number };
  /** `ipvs.syncPeriod` in ms (0s in the file means the default, 30s). */
  syncPeriodMs: number;
}

/** A Go duration as KubeProxyConfiguration writes them (`0s`, `30s`, `1h0m0s`, `500ms`), in ms. */
function goDurationMs(text: string | undefined): number {
  let ms = 0;
  for (const m of (text ?? '').matchAll(/(\d+(?:\.\d+)?)(ms|h|m|s)/g))
    ms += Number(m[1]) * { ms: 1, s: 1000, m: 60_000, h: 3_600_000 }[m[2] as 'ms' | 's' | 'm' | 'h'];
  return ms;
}

/** The `ipvs` block's settings, read from the kube-proxy ConfigMap's config.conf (a KubeProxyConfiguration). */
export function ipvsSettings(configConf: string | undefined): IpvsSettings {
  const block = /^ipvs:\n((?: {2}.*\n?)*)/m.exec(configConf ?? '')?.[1] ?? '';
  const field = (name: string): string | undefined =>
    new RegExp(`^ {2}${name}:\\s*"?([^"\\n]*)"?\\s*$`, 'm').exec(block)?.[1]?.trim();
  const seconds = (name: string): number => Math.floor(goDurationMs(field(name)) / 1000);
  return {
    scheduler: field('scheduler') ?? '',
    strictARP: field('strictARP') === 'true',
    timeouts: { tcp: seconds('tcpTimeout'), tcpfin: seconds('tcpFinTimeout'), udp: seconds('udpTimeout') },
    syncPeriodMs: goDurationMs(field('syncPeriod')) || 30_000,
  };
}
