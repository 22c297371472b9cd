/**
 * The netfilter baseline of a kind node before kube-proxy runs: what Docker's embedded DNS, kind's
 * entrypoint, kubelet and kindnet install. Kept apart from kube-proxy so `syncRules` can prove it
 * leaves other owners' rules alone.
 */
import type { Netfilter } from './netfilter';
import { parseRuleSpec } from './ruleparse';
import { saveRuleSpec } from './rulefmt';
import type { TableName } from './netfilter';

function ensure(
  nf: Netfilter,
  table: TableName,
  chain: string,
  args: string[],
  where: 'append' | 'prepend' = 'append',
): void {
  const rule = parseRuleSpec(args);
  if (nf.indexOf(table, chain, rule, saveRuleSpec) >= 0) return;
  if (where === 'prepend') nf.insert(table, chain, rule, 1);
  else nf.append(table, chain, rule);
}

/**
 * Docker's embedded DNS (127.0.0.11 on random ports) as kind's entrypoint rewrites it to answer on
 * the network gateway. The shape follows real kind nodes; the exact PREROUTING jump is UNCONFIRMED
 * against the reference (it has no full kind nat dump).
 */
export function installDockerDns(nf: Netfilter, gateway: string, tcpPort: number, udpPort: number): void {
  nf.ensureChain('nat', 'DOCKER_OUTPUT');
  nf.ensureChain('nat', 'DOCKER_POSTROUTING');
  ensure(nf, 'nat', 'PREROUTING', ['-d', gateway, '-j', 'DOCKER_OUTPUT']);
  ensure(nf, 'nat', 'OUTPUT', ['-d', gateway, '-j', 'DOCKER_OUTPUT']);
  ensure(nf, 'nat', 'POSTROUTING', ['-d', gateway, '-j', 'DOCKER_POSTROUTING']);
  ensure(nf, 'nat', 'DOCKER_OUTPUT', [
    '-d',
    gateway,
    '-p',
    'tcp',
    '-m',
    'tcp',
    '--dport',
    '53',
    '-j',
    'DNAT',
    '--to-destination',
    `127.0.0.11:${tcpPort}`,
  ]);
  ensure(nf, 'nat', 'DOCKER_OUTPUT', [
    '-d',
    gateway,
    '-p',
    'udp',
    '-m',
    'udp',
    '--dport',
    '53',
    '-j',
    'DNAT',
    '--to-destination',
    `127.0.0.11:${udpPort}`,
  ]);
  ensure(nf, 'nat', 'DOCKER_POSTROUTING', [
    '-s',
    '127.0.0.11',
    '-p',
    'tcp',
    '-m',
    'tcp',
    '--sport',
    String(tcpPort),
    '-j',
    'SNAT',
    '--to-source',
    `${gateway}:53`,
  ]);
  ensure(nf, 'nat', 'DOCKER_POSTROUTING', [
    '-s',
    '127.0.0.11',
    '-p',
    'udp',
    '-m',
    'udp',
    '--sport',
    String(udpPort),
    '-j',
    'SNAT',
    '--to-source',
    `${gateway}:53`,
  ]);
}

/** kubelet's chains: the iptables hint and canaries (reference 1.1) and the KUBE-FIREWALL jumps (prepended, as kubelet does). */
export function installKubelet(nf: Netfilter): void {
  nf.ensureChain('mangle', 'KUBE-IPTABLES-HINT');
  for (const t of ['mangle', 'nat', 'filter'] as const) nf.ensureChain(t, 'KUBE-KUBELET-CANARY');
  nf.ensureChain('filter', 'KUBE-FIREWALL');
  ensure(nf, 'filter', 'OUTPUT', ['-j', 'KUBE-FIREWALL'], 'prepend');
  ensure(nf, 'filter', 'INPUT', ['-j', 'KUBE-FIREWALL'], 'prepend');
}

/**
 * kindnet's masquerade agent (reference 2.3, masq.go): pod traffic to anything outside the
 * non-masquerade CIDRs leaves with the node's address. The comment texts other than the RETURN
 * rule's are UNCONFIRMED.
 */
export function installKindMasqAgent(nf: Netfilter, noMasqueradeCidrs: readonly string[]): void {
  nf.ensureChain('nat', 'KIND-MASQ-AGENT');
  ensure(nf, 'nat', 'POSTROUTING', [
    '-m',
    'addrtype',
    '!',
    '--dst-type',
    'LOCAL',
    '-m',
    'comment',
    '--comment',
    'kind-masq-agent: ensure nat POSTROUTING directs all non-LOCAL destination traffic to our custom KIND-MASQ-AGENT chain',
    '-j',
    'KIND-MASQ-AGENT',
  ]);
  const chain = nf.requireChain('nat', 'KIND-MASQ-AGENT');
  chain.rules = [
    ...noMasqueradeCidrs.map((c) =>
      parseRuleSpec([
        '-d',
        c,
        '-m',
        'comment',
        '--comment',
        'kind-masq-agent: local traffic is not subject to MASQUERADE',
        '-j',
        'RETURN',
      ]),
    ),
    parseRuleSpec([
      '-m',
      'comment',
      '--comment',
      'kind-masq-agent: outbound traffic is subject to MASQUERADE (must be last in chain)',
      '-j',
      'MASQUERADE',
    ]),
  ];
}
