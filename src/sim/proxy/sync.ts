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
import { isProxyChain, JUMP_RULES, type JumpRule, type ProxyRule, type ProxyRuleSet } from './iptables';

/**
 * Parsed rules ("templates") by their restore text. Nodes share most of kube-proxy's rules and
 * resyncs repeat them, so each distinct line is parsed once; installed copies get their own counters.
 */
const templateByLine = new Map<string, Rule>();
const TEMPLATE_CAP = 300_000;
/** The template of a generated rule (nodes without Local policies share one generated rule set). */
const templateOfGenerated = new WeakMap<ProxyRule, Rule>();
/** The template each installed rule was copied from, to tell an unchanged chain cheaply. */
const templateOfInstalled = new WeakMap<Rule, Rule>();

function templateFor(r: ProxyRule): Rule {
  let t = templateOfGenerated.get(r);
  if (t) return t;
  const line = r.args.join('\u0000');
  t = templateByLine.get(line);
  if (!t) {
    if (templateByLine.size >= TEMPLATE_CAP) templateByLine.clear();
    t = parseRuleSpec(r.args);
    templateByLine.set(line, t);
  }
  templateOfGenerated.set(r, t);
  return t;
}

function instantiate(template: Rule): Rule {
  // Matches and targets are never changed in place, so copies may share them.
  const rule: Rule = { ...template, counters: { packets: 0, bytes: 0 } };
  templateOfInstalled.set(rule, template);
  return rule;
}

/** Chains kubelet's and kube-proxy's iptables monitors create empty, to notice a flush. */
const CANARY_TABLES = ['mangle', 'nat', 'filter'] as const;

/** What differs between proxy modes: the jump rules, which chains kube-proxy owns, whether it keeps canary chains. */
export interface SyncMode {
  jumps: readonly JumpRule[];
  owns: (table: 'nat' | 'filter', chain: string) => boolean;
  canaries: boolean;
}

const IPTABLES_MODE: SyncMode = { jumps: JUMP_RULES, owns: isProxyChain, canaries: true };

/** Replace kube-proxy's chains and ensure its jump rules in `nf` (iptables mode unless told otherwise). */
export function syncRules(nf: Netfilter, rules: ProxyRuleSet, mode: SyncMode = IPTABLES_MODE): void {
  for (const table of ['nat', 'filter'] as const) {
    const wanted = rules[table];
    const byChain = new Map<string, Rule[]>();
    for (const c of wanted.chains) byChain.set(c, []);
    for (const r of wanted.rules) {
      let list = byChain.get(r.chain);
      if (!list) byChain.set(r.chain, (list = []));
      list.push(templateFor(r));
    }
    for (const [name, templates] of byChain) {
      const chain = nf.ensureChain(table, name);
      if (!sameRules(chain.rules, templates)) chain.rules = templates.map(instantiate);
    }
    // Delete chains kube-proxy owned but no longer writes (a deleted service, a removed endpoint).
    for (const name of nf.userChains(table)) {
      if (mode.owns(table, name) && !byChain.has(name)) delete nf.table(table).chains[name];
    }
  }
  for (const j of mode.jumps) {
    const rule = parseRuleSpec(j.args);
    if (nf.indexOf(j.table, j.chain, rule, saveRuleSpec) < 0) nf.insert(j.table, j.chain, rule, 1);
  }
  if (mode.canaries) for (const t of CANARY_TABLES) nf.ensureChain(t, 'KUBE-PROXY-CANARY');
}

/** Whether installed rules are copies of exactly these templates (unchanged chain: keep counters). */
function sameRules(installed: readonly Rule[], templates: readonly Rule[]): boolean {
  if (installed.length !== templates.length) return false;
  for (let i = 0; i < installed.length; i++) {
    const from = templateOfInstalled.get(installed[i]!);
    // Rules restored from a snapshot have no recorded template: compare their printed form.
    if (from !== undefined ? from !== templates[i] : saveRuleSpec(installed[i]!) !== saveRuleSpec(templates[i]!))
      return false;
  }
  return true;
}
