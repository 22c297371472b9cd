/**
 * describe layouts for roles and bindings, and the rule helpers they share with
 * `kubectl auth can-i --list` (kubectl pkg/util/rbac: BreakdownRule, CompactRules, SortableRuleSlice).
 */
import type { KubeObject } from '../../cluster/types';
import { DescribeWriter, writeAnnotations, writeLabels } from './writer';

/** An rbac/v1 PolicyRule. */
export interface PolicyRule {
  verbs: string[];
  apiGroups?: string[];
  resources?: string[];
  resourceNames?: string[];
  nonResourceURLs?: string[];
}

/** Go's `%v` of a string slice: `[get list watch]`, `[]` when empty. */
export const goSlice = (xs: string[] | undefined): string => `[${(xs ?? []).join(' ')}]`;

/** rbac.BreakdownRule: one rule per group × resource × verb (× resource name), one per URL × verb. */
export function breakdownRule(rule: PolicyRule): PolicyRule[] {
  const out: PolicyRule[] = [];
  for (const group of rule.apiGroups ?? []) {
    for (const resource of rule.resources ?? []) {
      for (const verb of rule.verbs) {
        if ((rule.resourceNames ?? []).length > 0) {
          for (const name of rule.resourceNames!)
            out.push({ apiGroups: [group], resources: [resource], verbs: [verb], resourceNames: [name] });
        } else out.push({ apiGroups: [group], resources: [resource], verbs: [verb] });
      }
    }
  }
  for (const url of rule.nonResourceURLs ?? [])
    for (const verb of rule.verbs) out.push({ nonResourceURLs: [url], verbs: [verb] });
  return out;
}

/**
 * rbac.CompactRules: simple resource rules that differ only in verbs are merged (verbs appended in
 * order). Upstream appends the merged rules in map order; the stable sort that follows makes the
 * result the same as keeping first-seen order, which is what we do.
 */
export function compactRules(rules: PolicyRule[]): PolicyRule[] {
  const compacted: PolicyRule[] = [];
  const simple = new Map<string, PolicyRule>();
  for (const r of rules) {
    const isSimple =
      (r.apiGroups ?? []).length === 1 &&
      (r.resources ?? []).length === 1 &&
      (r.resourceNames ?? []).length <= 1 &&
      (r.nonResourceURLs ?? []).length === 0;
    if (!isSimple) {
      compacted.push(r);
      continue;
    }
    const key = JSON.stringify([
      r.apiGroups![0],
      r.resources![0],
      (r.resourceNames ?? []).length > 0,
      r.resourceNames?.[0] ?? '',
    ]);
    const existing = simple.get(key);
    if (existing) existing.verbs = [...existing.verbs, ...r.verbs];
    else simple.set(key, { ...r, verbs: [...r.verbs] });
  }
  return [...compacted, ...simple.values()];
}

/** PolicyRule.String(), the key SortableRuleSlice sorts by (so verbs sort first). */
export function policyRuleString(r: PolicyRule): string {
  return `&PolicyRule{Verbs:${goSlice(r.verbs)},APIGroups:${goSlice(r.apiGroups)},Resources:${goSlice(r.resources)},ResourceNames:${goSlice(r.resourceNames)},NonResourceURLs:${goSlice(r.nonResourceURLs)},}`;
}

/** Stable sort by PolicyRule.String(). */
export function sortRules(rules: PolicyRule[]): PolicyRule[] {
  return rules
    .map((r, i) => ({ r, i, s: policyRuleString(r) }))
    .sort((a, b) => (a.s < b.s ? -1 : a.s > b.s ? 1 : a.i - b.i))
    .map((x) => x.r);
}

/** CombineResourceGroup: `pods`, `deployments.apps`, `pods/log`, `deployments.apps/scale`. */
export function combineResourceGroup(resources: string[] | undefined, groups: string[] | undefined): string {
  if (!resources || resources.length === 0) return '';
  const [base, sub] = resources[0]!.split(/\/(.*)/s);
  let combined = base!;
  if (groups && groups.length > 0 && groups[0] !== '') combined += `.${groups[0]}`;
  if (sub !== undefined) combined += `/${sub}`;
  return combined;
}

/** `kubectl describe role|clusterrole`: the compacted rule table. */
export function describeRole(role: KubeObject): string {
  const w = new DescribeWriter();
  w.write(0, `Name:\t${role.metadata.name}\n`);
  writeLabels(w, 'Labels', role.metadata.labels);
  writeAnnotations(w, 'Annotations', role.metadata.annotations);
  const rules = sortRules(compactRules(((role.rules ?? []) as PolicyRule[]).flatMap(breakdownRule)));
  w.write(0, 'PolicyRule:\n');
  w.write(1, 'Resources\tNon-Resource URLs\tResource Names\tVerbs\n');
  w.write(1, '---------\t-----------------\t--------------\t-----\n');
  for (const r of rules) {
    w.write(
      1,
      `${combineResourceGroup(r.resources, r.apiGroups)}\t${goSlice(r.nonResourceURLs)}\t${goSlice(r.resourceNames)}\t${goSlice(r.verbs)}\n`,
    );
  }
  return w.toString();
}

/** `kubectl describe rolebinding|clusterrolebinding`. */
export function describeRoleBinding(b: KubeObject): string {
  const w = new DescribeWriter();
  w.write(0, `Name:\t${b.metadata.name}\n`);
  writeLabels(w, 'Labels', b.metadata.labels);
  writeAnnotations(w, 'Annotations', b.metadata.annotations);
  w.write(0, 'Role:\n');
  w.write(1, `Kind:\t${b.roleRef?.kind ?? ''}\n`);
  w.write(1, `Name:\t${b.roleRef?.name ?? ''}\n`);
  w.write(0, 'Subjects:\n');
  w.write(1, 'Kind\tName\tNamespace\n');
  w.write(1, '----\t----\t---------\n');
  for (const s of b.subjects ?? []) w.write(1, `${s.kind}\t${s.name}\t${s.namespace ?? ''}\n`);
  return w.toString();
}
