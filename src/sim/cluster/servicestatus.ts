/**
 * A Service's status as the API server (1.31) takes it, from upstream:
 * - pkg/registry/core/service/strategy.go: an update of the Service itself keeps the stored status
 *   (`PrepareForUpdate`), and an update through the `status` subresource keeps the stored spec
 *   (`serviceStatusStrategy.PrepareForUpdate`): a load-balancer controller writes
 *   `status.loadBalancer.ingress` through `/status`, and nothing else can.
 * - pkg/apis/core/v1/defaults.go `SetDefaults_Service`: with LoadBalancerIPMode (beta, on since
 *   1.30), an ingress IP of a LoadBalancer Service without ipMode gets `VIP`.
 * - pkg/apis/core/validation/validation.go `ValidateLoadBalancerStatus`: the messages below
 *   (AllowServiceLBStatusOnNonLB is off by default, so only a LoadBalancer may have ingress points).
 */
import type { FieldError } from './errors';
import { parseIp } from '../core/ipv4';

/** One entry of status.loadBalancer.ingress (plain JSON). */
export interface LoadBalancerIngress {
  ip?: string;
  hostname?: string;
  ipMode?: string;
}

const IP_MODES = ['Proxy', 'VIP'];
const DNS1123_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const SUBDOMAIN_MSG =
  "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')";

/** netutils.ParseIPSloppy, for the addresses this emulator meets: dotted IPv4, or an IPv6 text. */
function isIp(text: string): boolean {
  if (parseIp(text) !== undefined) return true;
  return (
    /^[0-9a-fA-F:]+$/.test(text) &&
    text.includes(':') &&
    (text.split('::').length === 2 || /^([0-9a-fA-F]{1,4}:){7}[0-9a-fA-F]{1,4}$/.test(text))
  );
}

/** SetDefaults_Service's share of the status: ingress IPs of a LoadBalancer are VIPs unless they say otherwise. */
export function defaultLoadBalancerIPMode(type: string | undefined, ingress: LoadBalancerIngress[] | undefined): void {
  if (type !== 'LoadBalancer') return;
  for (const i of ingress ?? []) if (i.ip && i.ipMode === undefined) i.ipMode = 'VIP';
}

/** ValidateLoadBalancerStatus: what is wrong with `status.loadBalancer` of a Service of type `type`. */
export function loadBalancerStatusErrors(
  type: string | undefined,
  ingress: LoadBalancerIngress[] | undefined,
): FieldError[] {
  const list = ingress ?? [];
  const path = 'status.loadBalancer.ingress';
  if (type !== 'LoadBalancer' && list.length > 0)
    return [{ field: path, detail: "Forbidden: may only be used when `spec.type` is 'LoadBalancer'" }];
  const errs: FieldError[] = [];
  list.forEach((i, n) => {
    const at = `${path}[${n}]`;
    if (i.ip && !isIp(i.ip))
      errs.push({
        field: `${at}.ip`,
        detail: `Invalid value: ${JSON.stringify(i.ip)}: must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)`,
      });
    if (i.ipMode === undefined) {
      if (i.ip) errs.push({ field: `${at}.ipMode`, detail: 'Required value: must be specified when `ip` is set' });
    } else if (!i.ip)
      errs.push({ field: `${at}.ipMode`, detail: 'Forbidden: may not be specified when `ip` is not set' });
    else if (!IP_MODES.includes(i.ipMode))
      errs.push({
        field: `${at}.ipMode`,
        detail: `Unsupported value: ${JSON.stringify(i.ipMode)}: supported values: ${IP_MODES.map((m) => `"${m}"`).join(', ')}`,
      });
    if (i.hostname) {
      const q = JSON.stringify(i.hostname);
      if (i.hostname.length > 253)
        errs.push({ field: `${at}.hostname`, detail: `Invalid value: ${q}: must be no more than 253 characters` });
      if (!DNS1123_SUBDOMAIN.test(i.hostname))
        errs.push({ field: `${at}.hostname`, detail: `Invalid value: ${q}: ${SUBDOMAIN_MSG}` });
      if (isIp(i.hostname))
        errs.push({ field: `${at}.hostname`, detail: `Invalid value: ${q}: must be a DNS name, not an IP address` });
    }
  });
  return errs;
}
