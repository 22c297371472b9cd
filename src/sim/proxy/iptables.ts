/**
 * kube-proxy in iptables mode: a pure function from service ports to the chains and rules
 * kube-proxy owns in a node's nat and filter tables, following upstream's syncProxyRules
 * (pkg/proxy/iptables/proxier.go, v1.31) rule for rule. The rules come out as restore-style argv,
 * exactly what kube-proxy feeds iptables-restore; `syncRules` parses and installs them.
 */
import { portProtoHash, servicePortEndpointChainName } from './hash';
import type { Endpoint, ServicePortInfo } from './endpoints';

export interface ProxyConfig {
  nodeName: string;
  /** Cluster CIDR for the local-traffic detector (`! -s CIDR` = not from a pod); absent = no detector. */
  clusterCIDR?: string;
  /** --iptables-masquerade-bit (default 14 → 0x4000). */
  masqueradeBit: number;
  /** --masquerade-all. */
  masqueradeAll: boolean;
  /** --iptables-localhost-nodeports (default true). */
  localhostNodePorts: boolean;
  /** Whether iptables supports MASQUERADE --random-fully (true on every modern node). */
  randomFully: boolean;
}

export const DEFAULT_PROXY_CONFIG: Omit<ProxyConfig, 'nodeName'> = {
  masqueradeBit: 14,
  masqueradeAll: false,
  localhostNodePorts: true,
  randomFully: true,
};

/** One rule as kube-proxy writes it: the chain and the restore-style words after `-A CHAIN`. */
export interface ProxyRule {
  chain: string;
  args: string[];
}

export interface ProxyTableRules {
  /** Every chain kube-proxy owns in this table, in the order it declares them. */
  chains: string[];
  rules: ProxyRule[];
}

export interface ProxyRuleSet {
  nat: ProxyTableRules;
  filter: ProxyTableRules;
}

/** upstream largeClusterEndpointsThreshold: above it, per-endpoint comments are left out. */
export const LARGE_CLUSTER_ENDPOINTS_THRESHOLD = 1000;

/** upstream computeProbability: what kube-proxy writes (10 decimals); iptables stores and reprints it with 11. */
export function computeProbability(n: number): string {
  return (1 / n).toFixed(10);
}

/** A jump rule kube-proxy makes sure exists (EnsureRule Prepend). Listed in upstream's order: each is prepended, so the last ends up first. */
export interface JumpRule {
  table: 'nat' | 'filter';
  chain: string;
  args: string[];
}

const NEW = ['-m', 'conntrack', '--ctstate', 'NEW'];

/** upstream iptablesJumpChains plus the POSTROUTING jump, in the order kube-proxy ensures them. */
export const JUMP_RULES: readonly JumpRule[] = [
  {
    table: 'filter',
    chain: 'INPUT',
    args: [
      ...NEW,
      '-m',
      'comment',
      '--comment',
      'kubernetes externally-visible service portals',
      '-j',
      'KUBE-EXTERNAL-SERVICES',
    ],
  },
  {
    table: 'filter',
    chain: 'FORWARD',
    args: [
      ...NEW,
      '-m',
      'comment',
      '--comment',
      'kubernetes externally-visible service portals',
      '-j',
      'KUBE-EXTERNAL-SERVICES',
    ],
  },
  {
    table: 'filter',
    chain: 'INPUT',
    args: ['-m', 'comment', '--comment', 'kubernetes health check service ports', '-j', 'KUBE-NODEPORTS'],
  },
  {
    table: 'filter',
    chain: 'FORWARD',
    args: [...NEW, '-m', 'comment', '--comment', 'kubernetes service portals', '-j', 'KUBE-SERVICES'],
  },
  {
    table: 'filter',
    chain: 'OUTPUT',
    args: [...NEW, '-m', 'comment', '--comment', 'kubernetes service portals', '-j', 'KUBE-SERVICES'],
  },
  {
    table: 'filter',
    chain: 'FORWARD',
    args: ['-m', 'comment', '--comment', 'kubernetes forwarding rules', '-j', 'KUBE-FORWARD'],
  },
  {
    table: 'filter',
    chain: 'INPUT',
    args: [...NEW, '-m', 'comment', '--comment', 'kubernetes load balancer firewall', '-j', 'KUBE-PROXY-FIREWALL'],
  },
  {
    table: 'filter',
    chain: 'OUTPUT',
    args: [...NEW, '-m', 'comment', '--comment', 'kubernetes load balancer firewall', '-j', 'KUBE-PROXY-FIREWALL'],
  },
  {
    table: 'filter',
    chain: 'FORWARD',
    args: [...NEW, '-m', 'comment', '--comment', 'kubernetes load balancer firewall', '-j', 'KUBE-PROXY-FIREWALL'],
  },
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
];

/** Chains kube-proxy always declares (its iptables-restore header lines). */
export const FIXED_NAT_CHAINS = ['KUBE-SERVICES', 'KUBE-NODEPORTS', 'KUBE-POSTROUTING', 'KUBE-MARK-MASQ'];
export const FIXED_FILTER_CHAINS = [
  'KUBE-SERVICES',
  'KUBE-EXTERNAL-SERVICES',
  'KUBE-FORWARD',
  'KUBE-NODEPORTS',
  'KUBE-PROXY-FIREWALL',
];

/** Whether kube-proxy (iptables mode) owns a chain of this name: it rewrites such chains wholesale. */
export function isProxyChain(table: 'nat' | 'filter', chain: string): boolean {
  if (table === 'nat') return FIXED_NAT_CHAINS.includes(chain) || /^KUBE-(SVC|SVL|EXT|FW|SEP)-/.test(chain);
  return FIXED_FILTER_CHAINS.includes(chain) || chain === 'KUBE-FIREWALL';
}

/** The endpoints each policy uses (upstream proxy.CategorizeEndpoints, without topology hints). */
function categorize(
  sp: ServicePortInfo,
  nodeName: string,
): { cluster: Endpoint[]; local: Endpoint[]; reachable: Endpoint[]; hasAny: boolean } {
  const eps = sp.endpoints;
  const externallyAccessible = sp.nodePort !== 0 || sp.loadBalancerIPs.length > 0 || sp.externalIPs.length > 0;
  const usesCluster = !sp.internalPolicyLocal || (externallyAccessible && !sp.externalPolicyLocal);
  const usesLocal = sp.internalPolicyLocal || sp.externalPolicyLocal;
  let cluster: Endpoint[] = [];
  let hasAny = false;
  if (usesCluster) {
    cluster = eps.filter((e) => e.ready);
    // With no ready endpoint anywhere, fall back to serving-but-terminating ones.
    if (cluster.length === 0) cluster = eps.filter((e) => e.serving && e.terminating);
    hasAny = cluster.length > 0;
  }
  if (!usesLocal) return { cluster, local: [], reachable: cluster, hasAny };
  let local: Endpoint[] = [];
  const isLocal = (e: Endpoint): boolean => e.nodeName === nodeName;
  for (const e of eps) if (e.ready || (e.serving && e.terminating)) hasAny = true;
  if (eps.some((e) => e.ready && isLocal(e))) local = eps.filter((e) => e.ready && isLocal(e));
  else local = eps.filter((e) => isLocal(e) && e.serving && e.terminating);
  if (!usesCluster) return { cluster, local, reachable: local, hasAny };
  const reachable = [...cluster];
  for (const e of local) if (!reachable.includes(e)) reachable.push(e);
  return { cluster, local, reachable, hasAny };
}

/**
 * The full set of rules kube-proxy writes for these service ports on one node.
 *
 * KUBE-SERVICES order: upstream iterates a Go map, so real nodes list services in an effectively
 * random order that changes between syncs. We sort by service port name instead: a stable order keeps
 * replays byte-identical and lets a learner find a service in a long listing; the nodeports rule is
 * last, as upstream guarantees.
 */
export function generateProxyRules(servicePorts: readonly ServicePortInfo[], cfg: ProxyConfig): ProxyRuleSet {
  const nat: ProxyTableRules = { chains: [...FIXED_NAT_CHAINS], rules: [] };
  const filter: ProxyTableRules = { chains: [...FIXED_FILTER_CHAINS], rules: [] };
  const n = (chain: string, ...args: string[]): void => void nat.rules.push({ chain, args });
  const f = (chain: string, ...args: string[]): void => void filter.rules.push({ chain, args });
  // Go's %#08x: "0x" + 8 zero-padded digits; iptables reprints it as 0x4000.
  const masqValue = (1 << cfg.masqueradeBit) >>> 0;
  const masqMark = `0x${masqValue.toString(16).padStart(8, '0')}`;
  const ifLocal = cfg.clusterCIDR ? ['-s', cfg.clusterCIDR] : [];
  const ifNotLocal = cfg.clusterCIDR ? ['!', '-s', cfg.clusterCIDR] : [];

  n('KUBE-POSTROUTING', '-m', 'mark', '!', '--mark', `${masqMark}/${masqMark}`, '-j', 'RETURN');
  n('KUBE-POSTROUTING', '-j', 'MARK', '--xor-mark', masqMark);
  n(
    'KUBE-POSTROUTING',
    '-m',
    'comment',
    '--comment',
    'kubernetes service traffic requiring SNAT',
    '-j',
    'MASQUERADE',
    ...(cfg.randomFully ? ['--random-fully'] : []),
  );
  n('KUBE-MARK-MASQ', '-j', 'MARK', '--or-mark', masqMark);

  const sorted = [...servicePorts].sort((a, b) =>
    a.nameString < b.nameString ? -1 : a.nameString > b.nameString ? 1 : a.protocol < b.protocol ? -1 : 1,
  );
  const totalEndpoints = sorted.reduce((sum, sp) => sum + sp.endpoints.length, 0);
  const largeCluster = totalEndpoints > LARGE_CLUSTER_ENDPOINTS_THRESHOLD;
  const comment = (text: string): string[] => (largeCluster ? [] : ['-m', 'comment', '--comment', text]);

  for (const sp of sorted) {
    const proto = sp.protocol;
    const spn = sp.nameString;
    const hash = portProtoHash(spn, proto);
    const svcChain = `KUBE-SVC-${hash}`;
    const svlChain = `KUBE-SVL-${hash}`;
    const extChain = `KUBE-EXT-${hash}`;
    const fwChain = `KUBE-FW-${hash}`;
    const port = String(sp.port);
    const { cluster, local, reachable, hasAny } = categorize(sp, cfg.nodeName);
    const epChain = (e: Endpoint): string => servicePortEndpointChainName(spn, proto, e.ipPort);

    const externallyAccessible = sp.nodePort !== 0 || sp.loadBalancerIPs.length > 0 || sp.externalIPs.length > 0;
    const usesClusterChain =
      cluster.length > 0 && (!sp.internalPolicyLocal || (externallyAccessible && !sp.externalPolicyLocal));
    const usesLocalChain = local.length > 0 && (sp.internalPolicyLocal || sp.externalPolicyLocal);
    const usesExtChain = hasAny && externallyAccessible;
    const usesFwChain = usesExtChain && sp.loadBalancerSourceRanges.length > 0;
    const internalChain = sp.internalPolicyLocal ? svlChain : svcChain;
    const externalPolicyChain = sp.externalPolicyLocal ? svlChain : svcChain;
    const hasInternal = sp.internalPolicyLocal ? local.length > 0 : hasAny;
    const hasExternal = sp.externalPolicyLocal ? local.length > 0 : hasAny;
    // What filter does with traffic no nat rule will DNAT: no endpoints at all are REJECTed, no local ones (Local policy) DROPped.
    const [filterTarget, filterComment] = hasAny
      ? ['DROP', `${spn} has no local endpoints`]
      : ['REJECT', `${spn} has no endpoints`];
    const lbChain = usesFwChain ? fwChain : extChain;
    const dportArgs = ['-m', proto, '-p', proto];

    // Capture the cluster IP.
    if (hasInternal)
      n(
        'KUBE-SERVICES',
        '-m',
        'comment',
        '--comment',
        `${spn} cluster IP`,
        ...dportArgs,
        '-d',
        sp.clusterIP,
        '--dport',
        port,
        '-j',
        internalChain,
      );
    else
      f(
        'KUBE-SERVICES',
        '-m',
        'comment',
        '--comment',
        filterComment,
        ...dportArgs,
        '-d',
        sp.clusterIP,
        '--dport',
        port,
        '-j',
        filterTarget,
      );
    // Capture external IPs.
    for (const ip of sp.externalIPs) {
      if (hasAny)
        n(
          'KUBE-SERVICES',
          '-m',
          'comment',
          '--comment',
          `${spn} external IP`,
          ...dportArgs,
          '-d',
          ip,
          '--dport',
          port,
          '-j',
          extChain,
        );
      if (!hasExternal)
        f(
          'KUBE-EXTERNAL-SERVICES',
          '-m',
          'comment',
          '--comment',
          filterComment,
          ...dportArgs,
          '-d',
          ip,
          '--dport',
          port,
          '-j',
          filterTarget,
        );
    }
    // Capture load-balancer ingress IPs.
    for (const ip of sp.loadBalancerIPs) {
      if (hasAny)
        n(
          'KUBE-SERVICES',
          '-m',
          'comment',
          '--comment',
          `${spn} loadbalancer IP`,
          ...dportArgs,
          '-d',
          ip,
          '--dport',
          port,
          '-j',
          lbChain,
        );
      if (usesFwChain)
        f(
          'KUBE-PROXY-FIREWALL',
          '-m',
          'comment',
          '--comment',
          `${spn} traffic not accepted by ${fwChain}`,
          ...dportArgs,
          '-d',
          ip,
          '--dport',
          port,
          '-j',
          'DROP',
        );
    }
    if (!hasExternal)
      for (const ip of sp.loadBalancerIPs)
        f(
          'KUBE-EXTERNAL-SERVICES',
          '-m',
          'comment',
          '--comment',
          filterComment,
          ...dportArgs,
          '-d',
          ip,
          '--dport',
          port,
          '-j',
          filterTarget,
        );
    // Capture node ports.
    if (sp.nodePort !== 0) {
      if (hasAny)
        n(
          'KUBE-NODEPORTS',
          '-m',
          'comment',
          '--comment',
          spn,
          ...dportArgs,
          '--dport',
          String(sp.nodePort),
          '-j',
          extChain,
        );
      if (!hasExternal)
        f(
          'KUBE-EXTERNAL-SERVICES',
          '-m',
          'comment',
          '--comment',
          filterComment,
          '-m',
          'addrtype',
          '--dst-type',
          'LOCAL',
          ...dportArgs,
          '--dport',
          String(sp.nodePort),
          '-j',
          filterTarget,
        );
    }
    if (sp.healthCheckNodePort !== 0)
      f(
        'KUBE-NODEPORTS',
        '-m',
        'comment',
        '--comment',
        `${spn} health check node port`,
        '-m',
        'tcp',
        '-p',
        'tcp',
        '--dport',
        String(sp.healthCheckNodePort),
        '-j',
        'ACCEPT',
      );

    // Internal traffic: masquerade off-cluster sources reaching the cluster IP.
    if (hasInternal && (usesClusterChain || usesLocalChain)) {
      const args = [
        '-m',
        'comment',
        '--comment',
        `${spn} cluster IP`,
        ...dportArgs,
        '-d',
        sp.clusterIP,
        '--dport',
        port,
      ];
      if (cfg.masqueradeAll) n(internalChain, ...args, '-j', 'KUBE-MARK-MASQ');
      else if (cfg.clusterCIDR) n(internalChain, ...args, ...ifNotLocal, '-j', 'KUBE-MARK-MASQ');
    }
    // External traffic.
    if (usesExtChain) {
      nat.chains.push(extChain);
      if (!sp.externalPolicyLocal)
        n(
          extChain,
          '-m',
          'comment',
          '--comment',
          `masquerade traffic for ${spn} external destinations`,
          '-j',
          'KUBE-MARK-MASQ',
        );
      else {
        if (cfg.clusterCIDR)
          n(
            extChain,
            '-m',
            'comment',
            '--comment',
            `pod traffic for ${spn} external destinations`,
            ...ifLocal,
            '-j',
            svcChain,
          );
        n(
          extChain,
          '-m',
          'comment',
          '--comment',
          `masquerade LOCAL traffic for ${spn} external destinations`,
          '-m',
          'addrtype',
          '--src-type',
          'LOCAL',
          '-j',
          'KUBE-MARK-MASQ',
        );
        n(
          extChain,
          '-m',
          'comment',
          '--comment',
          `route LOCAL traffic for ${spn} external destinations`,
          '-m',
          'addrtype',
          '--src-type',
          'LOCAL',
          '-j',
          svcChain,
        );
      }
      if (hasExternal) n(extChain, '-j', externalPolicyChain);
    }
    // Load-balancer source ranges.
    if (usesFwChain) {
      nat.chains.push(fwChain);
      for (const cidr of sp.loadBalancerSourceRanges)
        n(fwChain, '-m', 'comment', '--comment', `${spn} loadbalancer IP`, '-s', cidr, '-j', extChain);
      n(fwChain, '-m', 'comment', '--comment', `other traffic to ${spn} will be dropped by KUBE-PROXY-FIREWALL`);
    }
    // Policy chains: session affinity checks first, then the statistic spread.
    const writeServiceToEndpoints = (chain: string, eps: Endpoint[]): void => {
      nat.chains.push(chain);
      if (sp.stickySeconds > 0)
        for (const e of eps)
          n(
            chain,
            ...comment(`${spn} -> ${e.ipPort}`),
            '-m',
            'recent',
            '--name',
            epChain(e),
            '--rcheck',
            '--seconds',
            String(sp.stickySeconds),
            '--reap',
            '-j',
            epChain(e),
          );
      eps.forEach((e, i) => {
        const stat =
          i < eps.length - 1
            ? ['-m', 'statistic', '--mode', 'random', '--probability', computeProbability(eps.length - i)]
            : [];
        n(chain, ...comment(`${spn} -> ${e.ipPort}`), ...stat, '-j', epChain(e));
      });
    };
    if (usesClusterChain) writeServiceToEndpoints(svcChain, cluster);
    if (usesLocalChain) writeServiceToEndpoints(svlChain, local);
    // Per-endpoint chains: hairpin masquerade, affinity bookkeeping, DNAT.
    for (const e of reachable) {
      const chain = epChain(e);
      nat.chains.push(chain);
      n(chain, ...comment(spn), '-s', e.ip, '-j', 'KUBE-MARK-MASQ');
      n(
        chain,
        ...comment(spn),
        ...(sp.stickySeconds > 0 ? ['-m', 'recent', '--name', chain, '--set'] : []),
        '-m',
        proto,
        '-p',
        proto,
        '-j',
        'DNAT',
        '--to-destination',
        e.ipPort,
      );
    }
  }

  n(
    'KUBE-SERVICES',
    '-m',
    'comment',
    '--comment',
    'kubernetes service nodeports; NOTE: this must be the last rule in this chain',
    '-m',
    'addrtype',
    '--dst-type',
    'LOCAL',
    ...(cfg.localhostNodePorts ? [] : ['!', '-d', '127.0.0.0/8']),
    '-j',
    'KUBE-NODEPORTS',
  );
  f('KUBE-FORWARD', '-m', 'conntrack', '--ctstate', 'INVALID', '-j', 'DROP');
  f(
    'KUBE-FORWARD',
    '-m',
    'comment',
    '--comment',
    'kubernetes forwarding rules',
    '-m',
    'mark',
    '--mark',
    `${masqMark}/${masqMark}`,
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
  if (cfg.localhostNodePorts) {
    filter.chains.push('KUBE-FIREWALL');
    f(
      'KUBE-FIREWALL',
      '-m',
      'comment',
      '--comment',
      'block incoming localnet connections',
      '-d',
      '127.0.0.0/8',
      '!',
      '-s',
      '127.0.0.0/8',
      '-m',
      'conntrack',
      '!',
      '--ctstate',
      'RELATED,ESTABLISHED,DNAT',
      '-j',
      'DROP',
    );
  }
  return { nat, filter };
}
