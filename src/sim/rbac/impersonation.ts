/**
 * Who a kubectl command acts as: the user its kubeconfig's credentials authenticate as (see
 * src/sim/kubeconfig/client.ts), or with `--as`/`--as-group`/`--as-uid` the impersonated one. The
 * apiserver's impersonation filter authorizes the `impersonate` verb on users, serviceaccounts,
 * groups and uids for the real user before the request itself is authorized.
 */
import type { Cluster } from '../cluster/cluster';
import { mustAuthorize } from './client';
import { ANONYMOUS_USER, impersonatedUser, parseServiceAccountUsername, type UserInfo } from './identity';
import type { Attributes } from './rules';

export interface ImpersonationFlags {
  as?: string;
  asGroups: string[];
  asUid?: string;
}

export interface RequestIdentity {
  /** The user requests are authorized as (the impersonated one when impersonating). */
  user: UserInfo;
  /** Throws the Forbidden error when impersonation is not allowed; run before each request. */
  check(): void;
  /** Why the kubeconfig is unusable (client-side validation: groups or uid without a user), if it is. */
  invalidConfig?: string;
  /** The credentials did not authenticate: every request gets 401. */
  unauthorized?: boolean;
}

/**
 * The identity of a kubectl invocation. `real` is who the credentials authenticated as (undefined:
 * they were refused, 401); `authInfo` names the kubeconfig user entry in client-side errors.
 */
export function kubectlIdentity(
  cluster: Cluster,
  real: UserInfo | undefined,
  authInfo: string,
  flags: ImpersonationFlags,
): RequestIdentity {
  if (!real) return { user: ANONYMOUS_USER, check: () => {}, unauthorized: true };
  if (!flags.as) {
    const invalid = flags.asGroups.length > 0 || Boolean(flags.asUid);
    return {
      user: real,
      check: () => {},
      ...(invalid
        ? {
            invalidConfig: `invalid configuration: requesting uid, groups or user-extra for ${authInfo} without impersonating a user`,
          }
        : {}),
    };
  }
  const requests: Attributes[] = [];
  const sa = parseServiceAccountUsername(flags.as);
  requests.push(
    sa
      ? { verb: 'impersonate', apiGroup: '', resource: 'serviceaccounts', namespace: sa.namespace, name: sa.name }
      : { verb: 'impersonate', apiGroup: '', resource: 'users', name: flags.as },
  );
  for (const g of flags.asGroups) requests.push({ verb: 'impersonate', apiGroup: '', resource: 'groups', name: g });
  if (flags.asUid)
    requests.push({ verb: 'impersonate', apiGroup: 'authentication.k8s.io', resource: 'uids', name: flags.asUid });
  let checked = false;
  return {
    user: impersonatedUser(flags.as, flags.asGroups, flags.asUid),
    check: () => {
      if (checked) return;
      for (const r of requests) mustAuthorize(cluster, real, r);
      checked = true;
    },
  };
}
