/**
 * Installs kube-proxy's generated rules into a node's netfilter tables the way kube-proxy's
 * iptables-restore --noflush run does: its own chains are rewritten (unchanged chains keep their
 * counters, as upstream's partial syncs leave them untouched), stale service chains are deleted, and
 * its jump rules are prepended where missing. Everything else (learner rules, kindnet, kubelet,
 * docker) is left alone.
 */
import type { Netfilter } from '../net/netfilter';
import { parseRuleSpec } from '../net/ruleparse';
import { saveRuleSpec } from '../net/rulefmt';
import type { Rule } from '../net/rule';
import { isProxyChain, JUMP_RULES, type ProxyRuleSet } from './iptables';

/** Chains kubelet's and kube-proxy's iptables monitors create empty, to notice a flush. */
const CANARY_TABLES = ['mangle', 'nat', 'filter'] as const;

/** Replace kube-proxy's chains and ensure its jump rules in `nf`. */
export function syncRules(nf: Netfilter, rules: ProxyRuleSet): void {
  for (const table of ['nat', 'filter'] as const) {
    const wanted = rules[table];
    const byChain = new Map<string, Rule[]>();
    for (const c of wanted.chains) byChain.set(c, []);
    for (const r of wanted.rules) {
      let list = byChain.get(r.chain);
      if (!list) byChain.set(r.chain, (list = []));
      list.push(parseRuleSpec(r.args));
    }
    for (const [name, newRules] of byChain) {
      const chain = nf.ensureChain(table, name);
      if (!sameRules(chain.rules, newRules)) chain.rules = newRules;
    }
    // Delete chains kube-proxy owned but no longer writes (a deleted service, a removed endpoint).
    for (const name of nf.userChains(table)) {
      if (isProxyChain(table, name) && !byChain.has(name)) delete nf.table(table).chains[name];
    }
  }
  for (const j of JUMP_RULES) {
    const rule = parseRuleSpec(j.args);
    if (nf.indexOf(j.table, j.chain, rule, saveRuleSpec) < 0) nf.insert(j.table, j.chain, rule, 1);
  }
  for (const t of CANARY_TABLES) nf.ensureChain(t, 'KUBE-PROXY-CANARY');
}

function sameRules(a: readonly Rule[], b: readonly Rule[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (saveRuleSpec(a[i]!) !== saveRuleSpec(b[i]!)) return false;
  return true;
}
