/**
 * Whether one PolicyRule covers one request: a port of k8s.io/kubernetes
 * pkg/apis/rbac/v1/evaluation_helpers.go (VerbMatches, APIGroupMatches, ResourceMatches,
 * ResourceNameMatches, NonResourceURLMatches, RuleAllows). Rules only ever allow: RBAC has no deny.
 */
import type { PolicyRule } from '../format/describe';

/** The attributes of one API request, as the authorizer sees them. */
export interface Attributes {
  verb: string;
  /** API group; '' for the core group. Ignored for non-resource requests. */
  apiGroup?: string;
  /** Plural resource (`pods`); absent for a non-resource request. */
  resource?: string;
  subresource?: string;
  name?: string;
  /** '' or absent: cluster scope. */
  namespace?: string;
  /** The URL path of a non-resource request (`/healthz`). */
  path?: string;
}

/** A request on a resource (has `resource`), as opposed to a non-resource URL. */
export function isResourceRequest(a: Attributes): boolean {
  return a.resource !== undefined && a.resource !== '';
}

function verbMatches(rule: PolicyRule, verb: string): boolean {
  return rule.verbs.some((v) => v === '*' || v === verb);
}

function apiGroupMatches(rule: PolicyRule, group: string): boolean {
  return (rule.apiGroups ?? []).some((g) => g === '*' || g === group);
}

/** `*`, the exact `resource[/subresource]`, or a wildcard on the resource with the same subresource (like `*` + `/scale`). */
function resourceMatches(rule: PolicyRule, combined: string, subresource: string): boolean {
  for (const r of rule.resources ?? []) {
    if (r === '*' || r === combined) return true;
    if (subresource && r.length === subresource.length + 2 && r.startsWith('*/') && r.endsWith(subresource))
      return true;
  }
  return false;
}

/** No resourceNames: any name. Otherwise the request must name one of them (a list has no name, so it never matches). */
function resourceNameMatches(rule: PolicyRule, name: string): boolean {
  const names = rule.resourceNames ?? [];
  return names.length === 0 || names.includes(name);
}

/** `*`, the exact path, or a prefix ending in `*`. */
function nonResourceURLMatches(rule: PolicyRule, path: string): boolean {
  for (const u of rule.nonResourceURLs ?? []) {
    if (u === '*' || u === path) return true;
    if (u.endsWith('*') && path.startsWith(u.replace(/\*+$/, ''))) return true;
  }
  return false;
}

/** RuleAllows: does `rule` grant the request `a`? */
export function ruleAllows(rule: PolicyRule, a: Attributes): boolean {
  if (isResourceRequest(a)) {
    const sub = a.subresource ?? '';
    const combined = sub ? `${a.resource}/${sub}` : a.resource!;
    return (
      verbMatches(rule, a.verb) &&
      apiGroupMatches(rule, a.apiGroup ?? '') &&
      resourceMatches(rule, combined, sub) &&
      resourceNameMatches(rule, a.name ?? '')
    );
  }
  return verbMatches(rule, a.verb) && nonResourceURLMatches(rule, a.path ?? '');
}
