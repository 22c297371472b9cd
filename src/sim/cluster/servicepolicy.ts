/**
 * The API server's rules for a Service's traffic-policy fields, from upstream:
 * - pkg/api/service/util.go `ExternallyAccessible`: NodePort, LoadBalancer, and (since 1.29,
 *   kubernetes#119150) a ClusterIP Service with externalIPs; `NeedsHealthCheck`: LoadBalancer + Local.
 * - pkg/apis/core/v1/defaults.go `SetDefaults_Service`: an externally accessible Service gets
 *   externalTrafficPolicy Cluster when it has none.
 * - pkg/registry/core/service/strategy.go `dropTypeDependentFields`: a Service that stops being
 *   externally accessible (type changed, externalIPs removed) loses the policy the user did not
 *   change in the same update, and the health check node port it no longer needs.
 * - pkg/apis/core/validation/validation.go `validateServiceExternalTrafficPolicy`,
 *   `validateServiceExternalTrafficFieldsUpdate` and `validateServiceInternalTrafficFieldsValue`:
 *   the messages below.
 */
import type { FieldError } from './errors';

/** The parts of a Service spec these rules read (plain JSON). */
export interface TrafficPolicySpec {
  type?: string;
  externalIPs?: string[];
  externalTrafficPolicy?: string;
  internalTrafficPolicy?: string;
  healthCheckNodePort?: number;
}

const POLICIES = ['Cluster', 'Local'];

/** Whether traffic from outside can reach the Service: node ports, load balancer IPs or external IPs. */
export function externallyAccessible(spec: TrafficPolicySpec | undefined): boolean {
  const type = spec?.type ?? 'ClusterIP';
  return (
    type === 'LoadBalancer' || type === 'NodePort' || (type === 'ClusterIP' && (spec?.externalIPs?.length ?? 0) > 0)
  );
}

/** Whether the Service gets a health check node port: a LoadBalancer that keeps external traffic Local. */
export function needsHealthCheck(spec: TrafficPolicySpec | undefined): boolean {
  return spec?.type === 'LoadBalancer' && spec.externalTrafficPolicy === 'Local';
}

/** SetDefaults_Service's share: externally accessible Services default to Cluster. */
export function defaultExternalTrafficPolicy(spec: TrafficPolicySpec): void {
  if (externallyAccessible(spec) && !spec.externalTrafficPolicy) spec.externalTrafficPolicy = 'Cluster';
}

/**
 * The strategy's PrepareForUpdate for these fields, on an update from `old` to `next` (in place):
 * patchAllocatedValues keeps the health check node port an update left out, then
 * dropTypeDependentFields removes what the new type no longer uses.
 */
export function dropTrafficPolicyFields(next: TrafficPolicySpec, old: TrafficPolicySpec): void {
  if (needsHealthCheck(old) && needsHealthCheck(next) && !next.healthCheckNodePort && old.healthCheckNodePort)
    next.healthCheckNodePort = old.healthCheckNodePort;
  if (
    externallyAccessible(old) &&
    !externallyAccessible(next) &&
    (next.externalTrafficPolicy ?? '') === (old.externalTrafficPolicy ?? '')
  )
    delete next.externalTrafficPolicy;
  if (needsHealthCheck(old) && !needsHealthCheck(next) && next.healthCheckNodePort === old.healthCheckNodePort)
    delete next.healthCheckNodePort;
}

/** The validation errors of these fields, as the API server words them. */
export function trafficPolicyErrors(spec: TrafficPolicySpec, old?: TrafficPolicySpec): FieldError[] {
  const errs: FieldError[] = [];
  const etp = spec.externalTrafficPolicy;
  if (!externallyAccessible(spec)) {
    if (etp)
      errs.push({
        field: 'spec.externalTrafficPolicy',
        detail: `Invalid value: ${JSON.stringify(etp)}: may only be set for externally-accessible services`,
      });
  } else if (!etp) errs.push({ field: 'spec.externalTrafficPolicy', detail: 'Required value' });
  else if (!POLICIES.includes(etp))
    errs.push({
      field: 'spec.externalTrafficPolicy',
      detail: `Unsupported value: ${JSON.stringify(etp)}: supported values: "Cluster", "Local"`,
    });
  const hc = spec.healthCheckNodePort ?? 0;
  if (!needsHealthCheck(spec)) {
    if (hc !== 0)
      errs.push({
        field: 'spec.healthCheckNodePort',
        detail: `Invalid value: ${hc}: may only be set when \`type\` is 'LoadBalancer' and \`externalTrafficPolicy\` is 'Local'`,
      });
  }
  // (A LoadBalancer with Local and no port gets one from the allocator before validation runs.)
  if (old && needsHealthCheck(old) && needsHealthCheck(spec) && hc !== (old.healthCheckNodePort ?? 0))
    errs.unshift({ field: 'spec.healthCheckNodePort', detail: 'Forbidden: field is immutable' });
  const itp = spec.internalTrafficPolicy;
  if (itp !== undefined && !POLICIES.includes(itp))
    errs.push({
      field: 'spec.internalTrafficPolicy',
      detail: `Unsupported value: ${JSON.stringify(itp)}: supported values: "Cluster", "Local"`,
    });
  return errs;
}
