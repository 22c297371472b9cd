/**
 * Who is making a request: the user info the authenticator hands the authorizer (name, groups,
 * uid), the service-account naming rules (k8s.io/apiserver pkg/authentication/serviceaccount), and
 * impersonation as the apiserver's impersonation filter computes it.
 */

/** user.Info: what RBAC matches subjects against. */
export interface UserInfo {
  name: string;
  groups: string[];
  uid?: string;
  extra?: Record<string, string[]>;
}

export const SERVICE_ACCOUNT_PREFIX = 'system:serviceaccount:';
export const ALL_SERVICE_ACCOUNTS = 'system:serviceaccounts';
export const AUTHENTICATED = 'system:authenticated';
export const UNAUTHENTICATED = 'system:unauthenticated';
export const ANONYMOUS = 'system:anonymous';
/** The superuser group: the apiserver allows it before RBAC is asked (authorizerfactory privileged groups). */
export const MASTERS = 'system:masters';

/**
 * The learner's identity: the client certificate in kind's kubeconfig. kubeadm v1.29+ (so kind's
 * v1.31 node image) signs admin.conf for O=kubeadm:cluster-admins, a group bound to cluster-admin by
 * the ClusterRoleBinding `kubeadm:cluster-admins`; system:masters moved to super-admin.conf.
 */
export const CLUSTER_ADMIN_USER: UserInfo = {
  name: 'kubernetes-admin',
  groups: ['kubeadm:cluster-admins', AUTHENTICATED],
};

/** `system:serviceaccount:NS:NAME`. */
export function serviceAccountUsername(namespace: string, name: string): string {
  return `${SERVICE_ACCOUNT_PREFIX}${namespace}:${name}`;
}

/** The namespace and name in a service-account username, or undefined for any other user. */
export function parseServiceAccountUsername(username: string): { namespace: string; name: string } | undefined {
  if (!username.startsWith(SERVICE_ACCOUNT_PREFIX)) return undefined;
  const parts = username.slice(SERVICE_ACCOUNT_PREFIX.length).split(':');
  if (parts.length !== 2 || !parts[0] || !parts[1]) return undefined;
  return { namespace: parts[0], name: parts[1] };
}

/** `system:serviceaccounts`, `system:serviceaccounts:NS` (MakeGroupNames). */
export function serviceAccountGroups(namespace: string): string[] {
  return [ALL_SERVICE_ACCOUNTS, `${ALL_SERVICE_ACCOUNTS}:${namespace}`];
}

/** The user a service account's token authenticates as. */
export function serviceAccountUser(namespace: string, name: string, uid?: string): UserInfo {
  return {
    name: serviceAccountUsername(namespace, name),
    groups: [...serviceAccountGroups(namespace), AUTHENTICATED],
    ...(uid ? { uid } : {}),
  };
}

/** The user of a request without credentials. */
export const ANONYMOUS_USER: UserInfo = { name: ANONYMOUS, groups: [UNAUTHENTICATED] };

/**
 * The user an impersonation request acts as (impersonation.go): a service-account name gets its
 * groups when none are given; everyone but system:anonymous gets system:authenticated unless
 * system:authenticated or system:unauthenticated was asked for.
 */
export function impersonatedUser(name: string, groups: string[], uid?: string): UserInfo {
  const out = [...groups];
  const sa = parseServiceAccountUsername(name);
  if (sa && groups.length === 0) out.push(...serviceAccountGroups(sa.namespace));
  if (name !== ANONYMOUS) {
    if (!out.includes(AUTHENTICATED) && !out.includes(UNAUTHENTICATED)) out.push(AUTHENTICATED);
  } else if (!out.includes(UNAUTHENTICATED)) out.push(UNAUTHENTICATED);
  return { name, groups: out, ...(uid ? { uid } : {}) };
}
