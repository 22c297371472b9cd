/**
 * `kubectl create ingress NAME --rule=host/path=service:port[,tls[=secret]]`, as kubectl's
 * create_ingress.go builds the object: one rule per host with its paths in flag order, a path
 * ending in `*` is a Prefix path (the `*` dropped) and any other is Exact, a numeric port is a port
 * number and anything else a port name, `tls` adds the host to the TLS entry of its secret (each
 * host once), `--class` sets ingressClassName and `--default-backend` the default backend.
 */
import type { KubeObject } from '../../cluster/types';
import type { FlagDef } from './flags';
import { KubectlError } from './context';

export const INGRESS_FLAGS: FlagDef[] = [
  { name: 'class', type: 'string', description: 'Ingress Class to be used' },
  {
    name: 'rule',
    type: 'stringArray',
    description:
      "Rule in format host/path=service:port[,tls=secretname]. Paths containing the leading character '*' are considered pathType=Prefix. tls argument is optional.",
  },
  { name: 'default-backend', type: 'string', description: 'Default service for backend, in format of svcname:port' },
  {
    name: 'annotation',
    type: 'stringArray',
    description: 'Annotation to insert in the ingress object, in the format annotation=value',
  },
];

/** create_ingress.go's ruleRegex (regexHostPathSvc + regexTLS), matched from the start only, as Go's MatchString does. */
const RULE = /^([\w*\-.]*)(\/.*)=([\w-]+):([\w-]+)(,(tls)=?([\w-]+)?)?/;

export interface IngressOptions {
  rules: string[];
  annotations: string[];
  ingressClass: string;
  defaultBackend: string;
}

/** parseServiceBackendPort: intstr.Parse, a number when strconv.Atoi takes it, else a name. */
function backendPort(port: string): { number: number } | { name: string } {
  return /^[+-]?\d+$/.test(port) ? { number: Number(port) } : { name: port };
}

/** buildIngressBackendSvc: `svc:port`. */
function backend(service: string): { service: { name: string; port: { number: number } | { name: string } } } {
  const [name = '', port = ''] = service.split(':');
  return { service: { name, port: backendPort(port) } };
}

/** Validate: kubectl's own errors, before anything is sent. */
function validate(o: IngressOptions): void {
  if (!o.defaultBackend && o.rules.length === 0)
    throw new KubectlError(
      'not enough information provided: every ingress has to either specify a default-backend (which catches all traffic) or a list of rules (which catch specific paths)',
    );
  for (const rule of o.rules)
    if (!RULE.test(rule))
      throw new KubectlError(
        `rule ${rule} is invalid and should be in format host/path=svcname:svcport[,tls[=secret]]`,
      );
  for (const a of o.annotations)
    if (!a.includes('=')) throw new KubectlError(`annotation ${a} is invalid and should be in format key=[value]`);
  if (o.defaultBackend && o.defaultBackend.split(':').length !== 2)
    throw new KubectlError('default-backend should be in format servicename:serviceport');
}

interface IngressTls {
  hosts?: string[];
  secretName?: string;
}

/** buildTLSRules: one entry per secret, listing each host that asked for it once. */
function tlsRules(rules: readonly string[]): IngressTls[] {
  const seen = new Set<string>();
  const out: IngressTls[] = [];
  for (const rule of rules) {
    const parts = rule.split(',');
    if (parts.length !== 2) continue;
    const host = rule.split('/')[0] ?? '';
    const eq = parts[1]!.split('=');
    const secret = eq.length > 1 ? (eq[1] ?? '') : '';
    if (seen.has(host)) continue;
    const same = out.find((t) => (t.secretName ?? '') === secret);
    seen.add(host);
    if (same) {
      (same.hosts ??= []).push(host);
      continue;
    }
    const tls: IngressTls = {};
    if (host) tls.hosts = [host];
    if (secret) tls.secretName = secret;
    if (tls.hosts || tls.secretName) out.push(tls);
  }
  return out;
}

interface IngressRule {
  host?: string;
  http: { paths: unknown[] };
}

/** buildIngressRules: the hosts in order of first appearance, each with its paths. */
function ingressRules(rules: readonly string[]): IngressRule[] {
  const out: IngressRule[] = [];
  for (const rule of rules) {
    const noTls = rule.split(',')[0] ?? '';
    const slash = noTls.indexOf('/');
    const host = noTls.slice(0, slash);
    const [pathPart = '', service = ''] = noTls.slice(slash + 1).split('=');
    let path = `/${pathPart}`;
    let pathType = 'Exact';
    if (path.endsWith('*')) {
      pathType = 'Prefix';
      path = path.slice(0, -1);
    }
    const entry = { backend: backend(service), path, pathType };
    const existing = out.find((r) => (r.host ?? '') === host);
    if (existing) existing.http.paths.push(entry);
    else out.push({ ...(host ? { host } : {}), http: { paths: [entry] } });
  }
  return out;
}

/**
 * The Ingress `kubectl create ingress` sends (or prints with --dry-run=client): typed, so with an
 * empty status, and a namespace only when one was asked for (`namespace`: undefined otherwise; the
 * request still goes to the namespace in effect). The typed object's `creationTimestamp: null` is
 * left out, as for every generator here (ObjectMeta holds a string or nothing).
 */
export function ingressObject(name: string, namespace: string | undefined, o: IngressOptions): KubeObject {
  validate(o);
  const annotations: Record<string, string> = {};
  for (const a of o.annotations) {
    const eq = a.indexOf('=');
    annotations[a.slice(0, eq)] = a.slice(eq + 1);
  }
  const tls = tlsRules(o.rules);
  const rules = ingressRules(o.rules);
  return {
    apiVersion: 'networking.k8s.io/v1',
    kind: 'Ingress',
    metadata: {
      ...(Object.keys(annotations).length ? { annotations } : {}),
      name,
      ...(namespace !== undefined ? { namespace } : {}),
    },
    spec: {
      ...(o.defaultBackend ? { defaultBackend: backend(o.defaultBackend) } : {}),
      ...(o.ingressClass ? { ingressClassName: o.ingressClass } : {}),
      ...(rules.length ? { rules } : {}),
      ...(tls.length ? { tls } : {}),
    },
    status: { loadBalancer: {} },
  };
}
