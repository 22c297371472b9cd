/**
 * The RBAC authorizer (plugin/pkg/auth/authorizer/rbac): a request is allowed when some rule of some
 * role bound to the user, one of its groups or its service account covers it. ClusterRoleBindings
 * grant everywhere; RoleBindings grant in their own namespace, whether they reference a Role there
 * or a ClusterRole. Permissions only add up: there are no deny rules. The superuser group
 * system:masters is allowed before RBAC is consulted, as the apiserver's privileged-group authorizer does.
 */
import type { Cluster } from '../cluster/cluster';
import type { KubeObject } from '../cluster/types';
import type { PolicyRule } from '../format/describe';
import { MASTERS, parseServiceAccountUsername, type UserInfo } from './identity';
import { ruleAllows, type Attributes } from './rules';

export type { Attributes } from './rules';

export interface Decision {
  allowed: boolean;
  /** `RBAC: allowed by ClusterRoleBinding "x" of ClusterRole "y" to User "z"`, or on denial the evaluation errors (usually ''). */
  reason: string;
}

interface Subject {
  kind: string;
  name: string;
  namespace?: string;
}

/** appliesToUser: does a binding subject name this user (bindingNs fills an SA subject's missing namespace)? */
function appliesTo(user: UserInfo, s: Subject, bindingNs: string): boolean {
  switch (s.kind) {
    case 'User':
      return user.name === s.name;
    case 'Group':
      return user.groups.includes(s.name);
    case 'ServiceAccount': {
      const ns = s.namespace || bindingNs;
      if (!ns) return false;
      const sa = parseServiceAccountUsername(user.name);
      return sa !== undefined && sa.namespace === ns && sa.name === s.name;
    }
  }
  return false;
}

/** describeSubject: `User "jane"`, `ServiceAccount "app/dev"`. */
function describeSubject(s: Subject, bindingNs: string): string {
  if (s.kind === 'ServiceAccount') return `${s.kind} "${s.name}/${s.namespace || bindingNs}"`;
  return `${s.kind} "${s.name}"`;
}

/** The rules a binding's roleRef points at, or the NotFound text the rule resolver reports. */
function roleRules(cluster: Cluster, binding: KubeObject): { rules: PolicyRule[] } | { error: string } {
  const ref = binding.roleRef ?? {};
  const store = cluster.emu.store;
  if (ref.kind === 'Role') {
    const role = binding.metadata.namespace ? store.get('roles', binding.metadata.namespace, ref.name) : undefined;
    return role
      ? { rules: (role.rules ?? []) as PolicyRule[] }
      : { error: `role.rbac.authorization.k8s.io "${ref.name}" not found` };
  }
  if (ref.kind === 'ClusterRole') {
    const role = store.get('clusterroles', undefined, ref.name);
    return role
      ? { rules: (role.rules ?? []) as PolicyRule[] }
      : { error: `clusterrole.rbac.authorization.k8s.io "${ref.name}" not found` };
  }
  return { error: `unsupported role reference kind: "${ref.kind}"` };
}

/**
 * Walk every rule that applies to `user` in `namespace` ('' = cluster scope only), ClusterRoleBindings
 * first then the namespace's RoleBindings, as VisitRulesFor does. `visit` returns false to stop.
 */
export function visitRulesFor(
  cluster: Cluster,
  user: UserInfo,
  namespace: string,
  visit: (source: string, rule: PolicyRule | undefined, error?: string) => boolean,
): void {
  const store = cluster.emu.store;
  for (const b of store.list('clusterrolebindings')) {
    const s = ((b.subjects ?? []) as Subject[]).find((x) => appliesTo(user, x, ''));
    if (!s) continue;
    const got = roleRules(cluster, b);
    if ('error' in got) {
      if (!visit('', undefined, got.error)) return;
      continue;
    }
    const source = `ClusterRoleBinding "${b.metadata.name}" of ${b.roleRef.kind} "${b.roleRef.name}" to ${describeSubject(s, '')}`;
    for (const r of got.rules) if (!visit(source, r)) return;
  }
  if (!namespace) return;
  for (const b of store.list('rolebindings', namespace)) {
    const s = ((b.subjects ?? []) as Subject[]).find((x) => appliesTo(user, x, namespace));
    if (!s) continue;
    const got = roleRules(cluster, b);
    if ('error' in got) {
      if (!visit('', undefined, got.error)) return;
      continue;
    }
    const source = `RoleBinding "${b.metadata.name}/${namespace}" of ${b.roleRef.kind} "${b.roleRef.name}" to ${describeSubject(s, namespace)}`;
    for (const r of got.rules) if (!visit(source, r)) return;
  }
}

/** utilerrors.NewAggregate(errs).Error(): one message as is, several as `[a, b]`. */
function aggregate(errors: string[]): string {
  return errors.length === 1 ? errors[0]! : `[${errors.join(', ')}]`;
}

/** Decide one request for one user, exactly as the apiserver's authorizer chain would. */
export function authorize(cluster: Cluster, user: UserInfo, attrs: Attributes): Decision {
  if (user.groups.includes(MASTERS)) return { allowed: true, reason: '' };
  let reason = '';
  const errors: string[] = [];
  visitRulesFor(cluster, user, attrs.namespace ?? '', (source, rule, error) => {
    if (error) errors.push(error);
    if (rule && ruleAllows(rule, attrs)) {
      reason = `RBAC: allowed by ${source}`;
      return false;
    }
    return true;
  });
  if (reason) return { allowed: true, reason };
  return { allowed: false, reason: errors.length ? `RBAC: ${aggregate(errors)}` : '' };
}

/** What a SelfSubjectRulesReview returns: the user's rules in a namespace, resource rules then non-resource ones. */
export interface RulesReview {
  resourceRules: PolicyRule[];
  nonResourceRules: PolicyRule[];
  incomplete: boolean;
  evaluationError: string;
}

/** RulesFor: every rule that applies to `user` in `namespace`, split as the review reports them. */
export function rulesFor(cluster: Cluster, user: UserInfo, namespace: string): RulesReview {
  const resourceRules: PolicyRule[] = [];
  const nonResourceRules: PolicyRule[] = [];
  const errors: string[] = [];
  if (user.groups.includes(MASTERS)) {
    resourceRules.push({ verbs: ['*'], apiGroups: ['*'], resources: ['*'] });
    nonResourceRules.push({ verbs: ['*'], nonResourceURLs: ['*'] });
  }
  visitRulesFor(cluster, user, namespace, (_source, rule, error) => {
    if (error) errors.push(error);
    if (!rule) return true;
    if ((rule.resources ?? []).length > 0) {
      resourceRules.push({
        verbs: [...rule.verbs],
        apiGroups: [...(rule.apiGroups ?? [])],
        resources: [...rule.resources!],
        ...(rule.resourceNames?.length ? { resourceNames: [...rule.resourceNames] } : {}),
      });
    }
    if ((rule.nonResourceURLs ?? []).length > 0)
      nonResourceRules.push({ verbs: [...rule.verbs], nonResourceURLs: [...rule.nonResourceURLs!] });
    return true;
  });
  return {
    resourceRules,
    nonResourceRules,
    incomplete: errors.length > 0,
    evaluationError: errors.length ? aggregate(errors) : '',
  };
}
