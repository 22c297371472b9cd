/**
 * Validation the API server does before storing an object, with its exact messages
 * (apimachinery validation.go and the per-kind validators). Only the rules learners trip over.
 */
import type { KubeObject } from './types';
import { invalid, NotEmulatedError, type ApiError, type FieldError } from './errors';
import { sameJson } from './jsonequal';
import { trafficPolicyErrors } from './servicepolicy';

const DNS1123_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const DNS1123_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const DNS1035_LABEL = /^[a-z]([-a-z0-9]*[a-z0-9])?$/;

/** validation.IsDNS1123Subdomain: at most 253 characters of dot-separated lowercase labels. */
export function isDns1123Subdomain(name: string): boolean {
  return name.length <= 253 && DNS1123_SUBDOMAIN.test(name);
}

const SUBDOMAIN_MSG =
  "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')";
const LABEL_MSG =
  "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')";
const DNS1035_MSG =
  "a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character (e.g. 'my-name',  or 'abc-123', regex used for validation is '[a-z]([-a-z0-9]*[a-z0-9])?')";

/** The name rule each kind uses: Services and Namespaces are labels, everything else a subdomain. */
function nameErrors(kind: string, name: string): FieldError[] {
  if (!name) return [{ field: 'metadata.name', detail: 'Required value: name or generateName is required' }];
  const q = JSON.stringify(name);
  if (kind === 'Service') {
    if (name.length > 63)
      return [{ field: 'metadata.name', detail: `Invalid value: ${q}: must be no more than 63 characters` }];
    if (!DNS1035_LABEL.test(name)) return [{ field: 'metadata.name', detail: `Invalid value: ${q}: ${DNS1035_MSG}` }];
    return [];
  }
  if (kind === 'Namespace') {
    if (name.length > 63)
      return [{ field: 'metadata.name', detail: `Invalid value: ${q}: must be no more than 63 characters` }];
    if (!DNS1123_LABEL.test(name)) return [{ field: 'metadata.name', detail: `Invalid value: ${q}: ${LABEL_MSG}` }];
    return [];
  }
  // RBAC objects and a few others accept any path segment name; keep to the common rule otherwise.
  if (kind === 'Role' || kind === 'ClusterRole' || kind === 'RoleBinding' || kind === 'ClusterRoleBinding') {
    if (name === '.' || name === '..' || name.includes('/') || name.includes('%'))
      return [{ field: 'metadata.name', detail: `Invalid value: ${q}: may not contain '/'` }];
    return [];
  }
  if (name.length > 253)
    return [{ field: 'metadata.name', detail: `Invalid value: ${q}: must be no more than 253 characters` }];
  if (!DNS1123_SUBDOMAIN.test(name))
    return [{ field: 'metadata.name', detail: `Invalid value: ${q}: ${SUBDOMAIN_MSG}` }];
  return [];
}

function containerErrors(spec: any, path: string): FieldError[] {
  const errs: FieldError[] = [];
  const containers = spec?.containers;
  if (!Array.isArray(containers) || containers.length === 0) {
    errs.push({ field: `${path}.containers`, detail: 'Required value' });
    return errs;
  }
  containers.forEach((c: any, i: number) => {
    if (!c?.name) errs.push({ field: `${path}.containers[${i}].name`, detail: 'Required value' });
    if (!c?.image) errs.push({ field: `${path}.containers[${i}].image`, detail: 'Required value' });
  });
  return errs;
}

function selectorMatchesTemplate(obj: KubeObject): FieldError[] {
  const sel = obj.spec?.selector?.matchLabels as Record<string, string> | undefined;
  const labels = (obj.spec?.template?.metadata?.labels ?? {}) as Record<string, string>;
  if (!obj.spec?.selector) return [{ field: 'spec.selector', detail: 'Required value' }];
  for (const [k, v] of Object.entries(sel ?? {})) {
    if (labels[k] !== v) {
      const goMap = `map[string]string{${Object.keys(labels)
        .sort()
        .map((key) => `${JSON.stringify(key)}:${JSON.stringify(labels[key])}`)
        .join(', ')}}`;
      return [
        {
          field: 'spec.template.metadata.labels',
          detail: `Invalid value: ${goMap}: \`selector\` does not match template \`labels\``,
        },
      ];
    }
  }
  return [];
}

function serviceErrors(svc: KubeObject): FieldError[] {
  const spec = svc.spec ?? {};
  const type = spec.type ?? 'ClusterIP';
  const errs: FieldError[] = [];
  const valid = ['ClusterIP', 'NodePort', 'LoadBalancer', 'ExternalName'];
  if (!valid.includes(type))
    errs.push({
      field: 'spec.type',
      detail: `Unsupported value: ${JSON.stringify(type)}: supported values: "ClusterIP", "ExternalName", "LoadBalancer", "NodePort"`,
    });
  if (type === 'ExternalName') {
    if (!spec.externalName) errs.push({ field: 'spec.externalName', detail: 'Required value' });
    return errs;
  }
  const ports = spec.ports;
  if (!Array.isArray(ports) || ports.length === 0) {
    if (spec.clusterIP !== 'None') errs.push({ field: 'spec.ports', detail: 'Required value' });
    return errs;
  }
  (Array.isArray(spec.externalIPs) ? spec.externalIPs : []).forEach((ip: unknown, i: number) => {
    const detail = externalIpError(ip);
    if (detail)
      errs.push({ field: `spec.externalIPs[${i}]`, detail: `Invalid value: ${JSON.stringify(ip)}: ${detail}` });
  });
  ports.forEach((p: any, i: number) => {
    const port = p?.port;
    if (port === undefined) errs.push({ field: `spec.ports[${i}].port`, detail: 'Required value' });
    else if (typeof port !== 'number' || port < 1 || port > 65535 || !Number.isInteger(port))
      errs.push({
        field: `spec.ports[${i}].port`,
        detail: `Invalid value: ${JSON.stringify(port)}: must be between 1 and 65535, inclusive`,
      });
    if (ports.length > 1 && !p?.name) errs.push({ field: `spec.ports[${i}].name`, detail: 'Required value' });
    if (p?.protocol !== undefined && !['TCP', 'UDP', 'SCTP'].includes(p.protocol))
      errs.push({
        field: `spec.ports[${i}].protocol`,
        detail: `Unsupported value: ${JSON.stringify(p.protocol)}: supported values: "SCTP", "TCP", "UDP"`,
      });
    if (p?.nodePort !== undefined && (p.nodePort < 30000 || p.nodePort > 32767))
      errs.push({
        field: `spec.ports[${i}].nodePort`,
        detail: `Invalid value: ${p.nodePort}: provided port is not in the valid range. The range of valid ports is 30000-32767`,
      });
  });
  return errs;
}

/**
 * validation.IsValidIP (net.ParseIP, so leading zeros pass) then ValidateNonSpecialIP, for an
 * externalIPs entry. The emulator is IPv4-only, so an IPv6 address the API would take is refused
 * by the caller as not emulated.
 */
function externalIpError(ip: unknown): string | undefined {
  const text = typeof ip === 'string' ? ip : '';
  const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(text);
  const octets = m ? m.slice(1).map(Number) : undefined;
  if (!octets || octets.some((o) => o > 255)) return 'must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)';
  const [a, b, c] = octets;
  if (octets.every((o) => o === 0)) return 'may not be unspecified (0.0.0.0)';
  if (a === 127) return 'may not be in the loopback range (127.0.0.0/8, ::1/128)';
  if (a === 169 && b === 254) return 'may not be in the link-local range (169.254.0.0/16, fe80::/10)';
  if (a === 224 && b === 0 && c === 0) return 'may not be in the link-local multicast range (224.0.0.0/24, ff02::/10)';
  return undefined;
}

/**
 * The most replicas one workload may ask for. The emulator runs every pod (scheduler, kubelet,
 * endpoints, kube-proxy rules): 1,000 replicas take about 1.5 s of CPU to create, and pods past
 * the nodes' room (a kind cluster holds about 330) stay Pending and are retried by the scheduler,
 * which grows with their square. The API itself takes up to 2^31-1. (Raising this needs the
 * scheduler's per-node pod counts indexed: issue 22.)
 */
export const MAX_EMULATED_REPLICAS = 1_000;

/** spec.replicas of a Deployment, ReplicaSet or StatefulSet (ValidateNonnegativeField), and the emulator's cap. */
function replicaErrors(obj: KubeObject): { errs: FieldError[]; tooMany?: NotEmulatedError } {
  const r: unknown = obj.spec?.replicas;
  if (r === undefined || r === null) return { errs: [] };
  if (typeof r === 'number' && Number.isInteger(r) && r < 0)
    return { errs: [{ field: 'spec.replicas', detail: `Invalid value: ${r}: must be greater than or equal to 0` }] };
  if (typeof r === 'number' && r > MAX_EMULATED_REPLICAS) {
    const what = `${obj.kind.toLowerCase()} "${obj.metadata?.name ?? ''}"`;
    return {
      errs: [],
      tooMany: new NotEmulatedError(`${r} replicas (${what}) is not emulated beyond ${MAX_EMULATED_REPLICAS} replicas`),
    };
  }
  return { errs: [] };
}

/** Check an object before create/update; returns the API server's Invalid error, or undefined when valid. */
export function validateObject(obj: KubeObject): ApiError | undefined {
  const name = obj.metadata?.name ?? '';
  const errs = [...nameErrors(obj.kind, name)];
  switch (obj.kind) {
    case 'Pod':
      errs.push(...containerErrors(obj.spec, 'spec'));
      break;
    case 'Deployment':
    case 'ReplicaSet':
    case 'StatefulSet':
    case 'DaemonSet': {
      if (obj.kind !== 'DaemonSet') {
        const { errs: r, tooMany } = replicaErrors(obj);
        if (tooMany) return tooMany;
        errs.push(...r);
      }
      errs.push(...selectorMatchesTemplate(obj), ...containerErrors(obj.spec?.template?.spec, 'spec.template.spec'));
      break;
    }
    case 'Service':
      if ((obj.spec?.externalIPs ?? []).some((ip: unknown) => typeof ip === 'string' && ip.includes(':')))
        return new NotEmulatedError('IPv6 external IPs are not emulated (the emulated cluster is IPv4-only)');
      errs.push(...serviceErrors(obj));
      break;
  }
  return errs.length ? invalid(obj.kind, name, errs) : undefined;
}

/** The fields of a running Pod's spec an update may change (validation.ValidatePodUpdate). */
const POD_UPDATE_FORBIDDEN =
  'pod updates may not change fields other than `spec.containers[*].image`,`spec.initContainers[*].image`,`spec.activeDeadlineSeconds`,`spec.tolerations` (only additions to existing tolerations),`spec.terminationGracePeriodSeconds` (allow it to be set to 1 if it was previously negative)';

/**
 * Check an update against the immutable parts of the live object. Only the first line of the API
 * server's message is produced for Pods (the Go struct diff that follows it is not reproduced).
 */
export function validateUpdate(next: KubeObject, live: KubeObject): ApiError | undefined {
  const name = live.metadata.name;
  if (live.kind === 'Pod') {
    const strip = (spec: any) => {
      const s = structuredClone(spec ?? {});
      for (const c of s.containers ?? []) delete c.image;
      for (const c of s.initContainers ?? []) delete c.image;
      delete s.activeDeadlineSeconds;
      delete s.tolerations;
      delete s.nodeName;
      return s;
    };
    if (!sameJson(strip(next.spec), strip(live.spec)))
      return invalid('Pod', name, [{ field: 'spec', detail: `Forbidden: ${POD_UPDATE_FORBIDDEN}` }]);
  }
  if (
    live.kind === 'Service' &&
    live.spec?.clusterIP &&
    next.spec?.clusterIP &&
    next.spec.clusterIP !== live.spec.clusterIP &&
    next.spec.type !== 'ExternalName'
  ) {
    return invalid('Service', name, [
      {
        field: 'spec.clusterIPs[0]',
        detail: `Invalid value: []string{"${next.spec.clusterIP}"}: may not change once set`,
      },
    ]);
  }
  if (
    (live.kind === 'Deployment' || live.kind === 'DaemonSet' || live.kind === 'ReplicaSet') &&
    !sameJson(next.spec?.selector, live.spec?.selector)
  ) {
    return invalid(live.kind, name, [{ field: 'spec.selector', detail: 'Invalid value: field is immutable' }]);
  }
  if ((live.kind === 'RoleBinding' || live.kind === 'ClusterRoleBinding') && !sameJson(next.roleRef, live.roleRef)) {
    // field.Invalid prints the new RoleRef with Go's %#v (kubernetes/kubernetes#66353 shows the text).
    const r = next.roleRef ?? {};
    const value = `rbac.RoleRef{APIGroup:${goQuote(r.apiGroup)}, Kind:${goQuote(r.kind)}, Name:${goQuote(r.name)}}`;
    return invalid(live.kind, name, [{ field: 'roleRef', detail: `Invalid value: ${value}: cannot change roleRef` }]);
  }
  return undefined;
}

/**
 * The checks the API server runs on a Service after defaulting (and, on update, after the strategy
 * dropped the fields a type change made meaningless): its traffic-policy fields.
 */
export function validateDefaultedService(svc: KubeObject, live?: KubeObject): ApiError | undefined {
  const errs = trafficPolicyErrors(svc.spec ?? {}, live?.spec);
  return errs.length ? invalid('Service', svc.metadata.name, errs) : undefined;
}

/** A string as Go's %q (and %#v of a string field) prints it, for the ASCII names API objects hold. */
function goQuote(v: unknown): string {
  return JSON.stringify(typeof v === 'string' ? v : '');
}
