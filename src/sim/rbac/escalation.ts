/**
 * RBAC's escalation prevention (pkg/registry/rbac/{role,clusterrole,rolebinding,clusterrolebinding}/policybased, validation.ConfirmNoEscalation):
 * a user may write a Role or ClusterRole only with every permission it grants already held at that
 * scope (or the `escalate` verb on it), and a binding only with the bound role's permissions held
 * (or the `bind` verb on it). system:masters is exempt. The refusal names the missing rules.
 */
import type { Cluster } from '../cluster/cluster';
import type { KubeObject } from '../cluster/types';
import { ApiError } from '../cluster/errors';
import { breakdownRule, compactRules, type PolicyRule } from '../format/describe';
import { authorize, rulesFor } from './authorizer';
import { MASTERS, type UserInfo } from './identity';

const RBAC_GROUP = 'rbac.authorization.k8s.io';

const has = (xs: string[] | undefined, x: string) => (xs ?? []).includes(x);
const hasAll = (xs: string[] | undefined, ys: string[] | undefined) => (ys ?? []).every((y) => has(xs, y));

function resourceCoversAll(owner: string[] | undefined, servant: string[] | undefined): boolean {
  if (has(owner, '*') || hasAll(owner, servant)) return true;
  // A wildcard resource with a subresource (`*` + `/status`) covers that subresource of every resource.
  return (servant ?? []).every((r) => r.includes('/') && has(owner, `*/${r.slice(r.indexOf('/') + 1)}`));
}

function nonResourceURLsCoverAll(owner: string[] | undefined, servant: string[] | undefined): boolean {
  return (servant ?? []).every((v) =>
    (owner ?? []).some((o) => o === '*' || o === v || (o.endsWith('*') && v.startsWith(o.replace(/\*+$/, '')))),
  );
}

/** validation.ruleCovers: does one owner rule cover one broken-down rule? */
function ruleCovers(owner: PolicyRule, sub: PolicyRule): boolean {
  const verbs = has(owner.verbs, '*') || hasAll(owner.verbs, sub.verbs);
  const groups = has(owner.apiGroups, '*') || hasAll(owner.apiGroups, sub.apiGroups);
  const names =
    (sub.resourceNames ?? []).length === 0
      ? (owner.resourceNames ?? []).length === 0
      : (owner.resourceNames ?? []).length === 0 || hasAll(owner.resourceNames, sub.resourceNames);
  return (
    verbs &&
    groups &&
    resourceCoversAll(owner.resources, sub.resources) &&
    names &&
    nonResourceURLsCoverAll(owner.nonResourceURLs, sub.nonResourceURLs)
  );
}

/** The broken-down rules of `wanted` that none of `owned` covers. */
export function uncoveredRules(owned: PolicyRule[], wanted: PolicyRule[]): PolicyRule[] {
  return wanted.flatMap(breakdownRule).filter((sub) => !owned.some((o) => ruleCovers(o, sub)));
}

const goQuoteList = (xs: string[]) => `[${xs.map((x) => JSON.stringify(x)).join(' ')}]`;

/** rbacv1helpers.CompactString: `{APIGroups:[""], Resources:["pods"], Verbs:["get" "list"]}`. */
export function compactString(r: PolicyRule): string {
  const parts: string[] = [];
  if (r.apiGroups?.length) parts.push(`APIGroups:${goQuoteList(r.apiGroups)}`);
  if (r.resources?.length) parts.push(`Resources:${goQuoteList(r.resources)}`);
  if (r.nonResourceURLs?.length) parts.push(`NonResourceURLs:${goQuoteList(r.nonResourceURLs)}`);
  if (r.resourceNames?.length) parts.push(`ResourceNames:${goQuoteList(r.resourceNames)}`);
  if (r.verbs.length) parts.push(`Verbs:${goQuoteList(r.verbs)}`);
  return `{${parts.join(', ')}}`;
}

function qualified(obj: KubeObject): string {
  return `${obj.kind.toLowerCase()}s.${RBAC_GROUP}`;
}

/** ConfirmNoEscalation's error, or undefined when `user` holds every rule in `namespace`. */
function confirmNoEscalation(
  cluster: Cluster,
  user: UserInfo,
  namespace: string,
  rules: PolicyRule[],
): string | undefined {
  const review = rulesFor(cluster, user, namespace);
  const missing = uncoveredRules([...review.resourceRules, ...review.nonResourceRules], rules);
  if (missing.length === 0) return undefined;
  const lines = [...new Set(compactRules(missing).map(compactString))].sort();
  let msg = `user "${user.name}" (groups=${goQuoteList(user.groups)}) is attempting to grant RBAC permissions not currently held:\n${lines.join('\n')}`;
  if (review.incomplete) msg += `; resolution errors: [${review.evaluationError}]`;
  return msg;
}

/** The Forbidden error for writing this RBAC object as `user`, or undefined when the write may go ahead. */
export function escalationError(cluster: Cluster, user: UserInfo, obj: KubeObject): ApiError | undefined {
  if (user.groups.includes(MASTERS)) return undefined;
  const ns = obj.metadata?.namespace ?? (obj.kind === 'Role' || obj.kind === 'RoleBinding' ? 'default' : '');
  const name = obj.metadata?.name ?? '';
  const forbidden = (why: string) => new ApiError('Forbidden', `${qualified(obj)} "${name}" is forbidden: ${why}`);
  if (obj.kind === 'Role' || obj.kind === 'ClusterRole') {
    const resource = obj.kind === 'Role' ? 'roles' : 'clusterroles';
    if (
      authorize(cluster, user, {
        verb: 'escalate',
        apiGroup: RBAC_GROUP,
        resource,
        namespace: obj.kind === 'Role' ? ns : '',
        name,
      }).allowed
    )
      return undefined;
    if (obj.kind === 'ClusterRole' && obj.aggregationRule)
      return forbidden('must have cluster-admin privileges to use the aggregationRule');
    const why = confirmNoEscalation(cluster, user, obj.kind === 'Role' ? ns : '', (obj.rules ?? []) as PolicyRule[]);
    return why ? forbidden(why) : undefined;
  }
  if (obj.kind === 'RoleBinding' || obj.kind === 'ClusterRoleBinding') {
    const ref = obj.roleRef ?? {};
    const bindingNs = obj.kind === 'RoleBinding' ? ns : '';
    const resource = ref.kind === 'Role' ? 'roles' : 'clusterroles';
    if (
      authorize(cluster, user, { verb: 'bind', apiGroup: RBAC_GROUP, resource, namespace: bindingNs, name: ref.name })
        .allowed
    )
      return undefined;
    const role =
      ref.kind === 'Role'
        ? cluster.emu.store.get('roles', bindingNs, ref.name)
        : cluster.emu.store.get('clusterroles', undefined, ref.name);
    const why = confirmNoEscalation(cluster, user, bindingNs, (role?.rules ?? []) as PolicyRule[]);
    return why ? forbidden(why) : undefined;
  }
  return undefined;
}
