/**
 * The ClusterRole aggregation controller (pkg/controller/clusterroleaggregation): a ClusterRole
 * with an aggregationRule gets, as its rules, the union of the rules of every ClusterRole its
 * selectors match, in name order, without duplicates. admin/edit/view are built this way from the
 * roles labelled `rbac.authorization.k8s.io/aggregate-to-*`, so a learner's ClusterRole with such a
 * label extends them. Runs whenever a ClusterRole changes; chains (view → edit → admin) settle over
 * the cluster's reconcile rounds because each write is a change the controller sees again.
 */
import type { Controller, ControllerContext } from '../cluster/controller';
import type { KubeObject } from '../cluster/types';
import { matchesLabelSelector, type LabelSelector } from '../cluster/selectors';
import { canonicalJson } from '../cluster/hash';
import { sameJson } from '../cluster/jsonequal';

/**
 * Per cluster, the ClusterRoles' change token at the start of the last sync that wrote nothing.
 * Every ClusterRole in a reconcile round asks for a sync; once one has found nothing to do, the
 * rest would find the same until a ClusterRole changes. A cache, not state: a restored cluster
 * starts without it and syncs once.
 */
const settledAt = new WeakMap<ControllerContext, number>();

/** The rules an aggregated ClusterRole should hold now. */
export function aggregatedRules(roles: KubeObject[], target: KubeObject): unknown[] {
  const selectors = (target.aggregationRule?.clusterRoleSelectors ?? []) as LabelSelector[];
  const rules: unknown[] = [];
  const seen = new Set<string>();
  for (const sel of selectors) {
    // The lister's order does not matter: upstream sorts the matches by name.
    const matches = roles.filter(
      (r) => r.metadata.name !== target.metadata.name && matchesLabelSelector(sel, r.metadata.labels),
    );
    for (const role of matches) {
      for (const rule of role.rules ?? []) {
        const key = canonicalJson(rule);
        if (seen.has(key)) continue;
        seen.add(key);
        rules.push(structuredClone(rule));
      }
    }
  }
  return rules;
}

/** Bring every aggregated ClusterRole's rules up to date (writes only the ones that differ). */
export function syncClusterRoleAggregation(cluster: ControllerContext): void {
  const store = cluster.store;
  const change = store.changeOf('clusterroles');
  if (settledAt.get(cluster) === change) return;
  const roles = store.list('clusterroles');
  let wrote = false;
  for (const target of roles) {
    if (!target.aggregationRule) continue;
    const rules = aggregatedRules(roles, target);
    if (sameJson(rules, target.rules ?? [])) continue;
    if (cluster.write({ ...structuredClone(target), rules })) wrote = true;
  }
  if (!wrote) settledAt.set(cluster, change);
}

/** The ClusterRole aggregation controller. */
export const clusterRoleAggregationController: Controller = {
  name: 'clusterrole-aggregation',
  watches: ['clusterroles'],
  sync: (ctx) => syncClusterRoleAggregation(ctx),
};
