/**
 * The Forbidden error the apiserver writes when no authorizer allows a request
 * (k8s.io/apiserver endpoints/handlers/responsewriters/errors.go `forbiddenMessage` wrapped by
 * apimachinery `NewForbidden`), as kubectl prints it and as the Status object carries it.
 */
import { ApiError } from '../cluster/errors';
import type { UserInfo } from './identity';
import { isResourceRequest, type Attributes } from './rules';

/** `User "u" cannot list resource "pods" in API group "" in the namespace "default"` (or `at the cluster scope`, or `path "/x"`). */
export function forbiddenMessage(user: UserInfo, a: Attributes): string {
  if (!isResourceRequest(a)) return `User "${user.name}" cannot ${a.verb} path "${a.path ?? ''}"`;
  const resource = a.subresource ? `${a.resource}/${a.subresource}` : a.resource!;
  const where = a.namespace ? `in the namespace "${a.namespace}"` : 'at the cluster scope';
  return `User "${user.name}" cannot ${a.verb} resource "${resource}" in API group "${a.apiGroup ?? ''}" ${where}`;
}

/** The Status message: `pods is forbidden: ...`, `pods "x" is forbidden: ...`, `deployments.apps is forbidden: ...`, `forbidden: ...`. */
export function forbiddenStatusMessage(user: UserInfo, a: Attributes, reason = ''): string {
  const err = reason ? `${forbiddenMessage(user, a)}: ${reason}` : forbiddenMessage(user, a);
  if (!isResourceRequest(a)) return `forbidden: ${err}`;
  const qualified = a.apiGroup ? `${a.resource}.${a.apiGroup}` : a.resource!;
  return a.name ? `${qualified} "${a.name}" is forbidden: ${err}` : `${qualified} is forbidden: ${err}`;
}

/** StatusDetails of a Forbidden Status, with Go's field order (name, group, kind) and empty fields left out. */
export function forbiddenDetails(a: Attributes): Record<string, string> {
  if (!isResourceRequest(a)) return {};
  return { ...(a.name ? { name: a.name } : {}), ...(a.apiGroup ? { group: a.apiGroup } : {}), kind: a.resource! };
}

/** The error kubectl prints as `Error from server (Forbidden): <message>`. */
export function forbiddenError(user: UserInfo, a: Attributes, reason = ''): ApiError {
  return new ApiError('Forbidden', forbiddenStatusMessage(user, a, reason));
}
