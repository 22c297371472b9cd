/**
 * What NodeLocal DNSCache's node-cache process does to its node's network namespace when it starts
 * (kubernetes/dns cmd/node-cache/app/cache_app.go, setupNetworking / initIptables): a `nodelocaldns`
 * dummy interface carrying each `-localip` address as a /32 (left DOWN: local delivery needs no UP
 * link), and for each address NOTRACK rules in raw plus ACCEPT rules in filter, so queries to it skip
 * conntrack and therefore kube-proxy's DNAT. Every rule is inserted with EnsureRule(Prepend), so the
 * last one installed is listed first. Whether iptables-nft saves the target as `-j NOTRACK` or
 * `-j CT --notrack` is UNCONFIRMED (no capture in the reference); the former is used.
 */
import type { KubeObject } from '../cluster/types';
import type { Netns } from './netns';
import type { TableName } from './netfilter';
import { formatIp, parseIp } from './addr';
import { parseRuleSpec } from './ruleparse';
import { saveRuleSpec } from './rulefmt';
import { agentNodes, type NodeAgent } from './agent';

/** The interface node-cache creates (its `-interfacename` default). */
export const NODE_CACHE_INTERFACE = 'nodelocaldns';
const LOCAL_PORT = '53';
const HEALTH_PORT = '8080';

/** node-cache's rules for one listen address, in the order initIptables lists them. */
export function nodeCacheRules(ip: string): [TableName, string, string[]][] {
  const rules: [TableName, string, string[]][] = [];
  for (const p of ['tcp', 'udp'])
    rules.push(['raw', 'PREROUTING', ['-p', p, '-d', ip, '--dport', LOCAL_PORT, '-j', 'NOTRACK']]);
  for (const p of ['tcp', 'udp'])
    rules.push(['filter', 'INPUT', ['-p', p, '-d', ip, '--dport', LOCAL_PORT, '-j', 'ACCEPT']]);
  for (const p of ['tcp', 'udp'])
    rules.push(['raw', 'OUTPUT', ['-p', p, '-s', ip, '--sport', LOCAL_PORT, '-j', 'NOTRACK']]);
  for (const p of ['tcp', 'udp'])
    rules.push(['filter', 'OUTPUT', ['-p', p, '-s', ip, '--sport', LOCAL_PORT, '-j', 'ACCEPT']]);
  for (const p of ['tcp', 'udp'])
    rules.push(['raw', 'OUTPUT', ['-p', p, '-d', ip, '--dport', LOCAL_PORT, '-j', 'NOTRACK']]);
  rules.push(['raw', 'OUTPUT', ['-p', 'tcp', '-d', ip, '--dport', HEALTH_PORT, '-j', 'NOTRACK']]);
  rules.push(['raw', 'OUTPUT', ['-p', 'tcp', '-s', ip, '--sport', HEALTH_PORT, '-j', 'NOTRACK']]);
  return rules;
}

/** Set up node-cache's interface and rules in a node's netns (idempotent, as its periodic check is). */
export function setupNodeCache(ns: Netns, localIps: readonly string[], mac: () => string): void {
  if (!ns.link(NODE_CACHE_INTERFACE)) {
    ns.addLink({ name: NODE_CACHE_INTERFACE, kind: 'dummy', mtu: 1500, mac: mac(), state: 'DOWN', qdisc: 'noop' });
  }
  for (const ip of localIps) {
    const addr = parseIp(ip);
    if (addr === undefined || ns.addrs.some((a) => a.dev === NODE_CACHE_INTERFACE && a.addr === addr)) continue;
    ns.addAddress(NODE_CACHE_INTERFACE, addr, 32);
  }
  for (const ip of localIps) {
    for (const [table, chain, args] of nodeCacheRules(ip)) {
      const rule = parseRuleSpec(args);
      if (ns.netfilter.indexOf(table, chain, rule, saveRuleSpec) < 0) ns.netfilter.insert(table, chain, rule, 1);
    }
  }
}

/**
 * Undo setupNodeCache when node-cache is gone (its TeardownNetworking on SIGTERM): the rules for each
 * address the interface carries, then the interface, its addresses and their local routes.
 */
export function teardownNodeCache(ns: Netns): void {
  if (!ns.link(NODE_CACHE_INTERFACE)) return;
  for (const a of ns.addrs.filter((x) => x.dev === NODE_CACHE_INTERFACE)) {
    for (const [table, chain, args] of nodeCacheRules(formatIp(a.addr))) {
      const at = ns.netfilter.indexOf(table, chain, parseRuleSpec(args), saveRuleSpec);
      if (at >= 0) ns.netfilter.deleteAt(table, chain, at + 1);
    }
  }
  ns.addrs = ns.addrs.filter((a) => a.dev !== NODE_CACHE_INTERFACE);
  ns.routing.routes = ns.routing.routes.filter((r) => r.dev !== NODE_CACHE_INTERFACE);
  ns.links = ns.links.filter((l) => l.name !== NODE_CACHE_INTERFACE);
}

/** The `-localip` addresses of the node-cache pod running on `node` (none: NodeLocal DNSCache is not there). */
export function nodeCacheListenIps(pods: readonly KubeObject[], node: string): string[] {
  const pod = pods.find(
    (p) =>
      p.spec?.nodeName === node &&
      p.status?.phase === 'Running' &&
      ((p.spec?.containers ?? []) as { image?: string }[]).some((c) =>
        /(^|\/)k8s-dns-node-cache(:|@|$)/.test(String(c.image ?? '')),
      ),
  );
  const args = ((pod?.spec?.containers ?? [])[0]?.args ?? []) as string[];
  const i = args.indexOf('-localip');
  return pod && i >= 0
    ? String(args[i + 1] ?? '')
        .split(',')
        .filter((ip) => parseIp(ip) !== undefined)
    : [];
}

/** node-cache on every node: while a node-cache pod runs there, its interface and rules exist in the node's netns. */
export const nodeLocalDnsAgent: NodeAgent = {
  name: 'node-cache',
  sync(dp, objs) {
    for (const n of agentNodes(objs.nodes)) {
      const ns = dp.nodeNetns(n.name);
      if (!ns) continue;
      const ips = nodeCacheListenIps(objs.pods ?? [], n.name);
      if (ips.length) setupNodeCache(ns, ips, () => dp.mac());
      else teardownNodeCache(ns);
    }
  },
};
