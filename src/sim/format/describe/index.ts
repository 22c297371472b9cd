/**
 * `kubectl describe`: one layout per resource, chosen by its plural name. Resources without a
 * layout here return undefined, and the caller falls back to the generic describer or says so.
 */
import type { KubeObject } from '../../cluster/types';
import { describeCertificateSigningRequest } from './certificates';
import { describeConfigMap, describeNamespace, describeSecret, describeServiceAccount } from './core';
import { describeEndpointSlice, describeEndpoints, describeIngress, describeService } from './network';
import { describeNode } from './node';
import { describePod } from './pod';
import { describeRole, describeRoleBinding } from './rbac';
import { describeNetworkPolicy } from './networkpolicy';
import { describeDaemonSet, describeDeployment, describeReplicaSet, describeStatefulSet } from './workloads';
import type { DescribeContext } from './writer';

export type { CsrSubject, DescribeContext } from './writer';
export {
  breakdownRule,
  combineResourceGroup,
  compactRules,
  goSlice,
  policyRuleString,
  sortRules,
  type PolicyRule,
} from './rbac';

const DESCRIBERS: Record<string, (obj: KubeObject, ctx: DescribeContext) => string> = {
  pods: describePod,
  services: describeService,
  endpoints: describeEndpoints,
  endpointslices: describeEndpointSlice,
  ingresses: describeIngress,
  nodes: describeNode,
  deployments: describeDeployment,
  replicasets: describeReplicaSet,
  daemonsets: describeDaemonSet,
  statefulsets: describeStatefulSet,
  networkpolicies: (o) => describeNetworkPolicy(o),
  namespaces: describeNamespace,
  serviceaccounts: describeServiceAccount,
  configmaps: describeConfigMap,
  secrets: (o) => describeSecret(o),
  roles: (o) => describeRole(o),
  clusterroles: (o) => describeRole(o),
  rolebindings: (o) => describeRoleBinding(o),
  clusterrolebindings: (o) => describeRoleBinding(o),
  certificatesigningrequests: describeCertificateSigningRequest,
};

/** The `kubectl describe` text for one object, or undefined when the resource has no layout here. */
export function describeObject(resourcePlural: string, obj: KubeObject, ctx: DescribeContext): string | undefined {
  return DESCRIBERS[resourcePlural]?.(obj, ctx);
}
