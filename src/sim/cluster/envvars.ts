/**
 * The environment the kubelet gives a container (pkg/kubelet/kubelet_pods.go
 * makeEnvironmentVariables, pkg/kubelet/envvars/envvars.go): the container's envFrom and env,
 * resolved from the pod's own fields, ConfigMaps and Secrets, with `$(VAR)` references expanded;
 * then the service links: the `kubernetes` Service of `default` always, and every other Service of
 * the pod's namespace unless the pod says `enableServiceLinks: false`, each with a ClusterIP
 * (headless and ExternalName Services have none). The kubelet reads the Services it knows when the
 * container starts: a Service made later is not in the environment. resourceFieldRef is not
 * resolved (the variable is left out).
 */
import type { KubeObject } from './types';

/** What the environment is read from (the object store). */
export interface EnvSource {
  get(resource: string, namespace: string | undefined, name: string): KubeObject | undefined;
  list(resource: string, namespace?: string): KubeObject[];
}

interface ServicePort {
  name?: string;
  port: number;
  protocol?: string;
}

/** makeEnvVariableName: upper case, '-' as '_'. */
function envName(s: string): string {
  return s.replace(/-/g, '_').toUpperCase();
}

/** envvars.FromServices for one Service: its host and ports, then the Docker-link variables. */
function serviceVars(svc: KubeObject): Array<[string, string]> {
  const ip: string = svc.spec?.clusterIP ?? '';
  const ports: ServicePort[] = svc.spec?.ports ?? [];
  if (!ip || ip === 'None' || ports.length === 0) return [];
  const prefix = envName(svc.metadata.name);
  const out: Array<[string, string]> = [
    [`${prefix}_SERVICE_HOST`, ip],
    [`${prefix}_SERVICE_PORT`, String(ports[0]!.port)],
  ];
  for (const p of ports) if (p.name) out.push([`${prefix}_SERVICE_PORT_${envName(p.name)}`, String(p.port)]);
  ports.forEach((p, i) => {
    const proto = p.protocol ?? 'TCP';
    const url = `${proto.toLowerCase()}://${ip}:${p.port}`;
    const portPrefix = `${prefix}_PORT_${p.port}_${proto.toUpperCase()}`;
    // Docker special-cases the first port.
    if (i === 0) out.push([`${prefix}_PORT`, url]);
    out.push(
      [portPrefix, url],
      [`${portPrefix}_PROTO`, proto.toLowerCase()],
      [`${portPrefix}_PORT`, String(p.port)],
      [`${portPrefix}_ADDR`, ip],
    );
  });
  return out;
}

/** getServiceEnvVarMap: the Services a container started at `startedMs` sees, by name. */
function serviceEnv(src: EnvSource, pod: KubeObject, startedMs: number): Map<string, string> {
  const ns = pod.metadata.namespace ?? 'default';
  const links = pod.spec?.enableServiceLinks !== false;
  const known = (s: KubeObject) => !(Date.parse(s.metadata.creationTimestamp ?? '') > startedMs);
  const byName = new Map<string, KubeObject>();
  const master = src.get('services', 'default', 'kubernetes');
  if (master && known(master)) byName.set('kubernetes', master);
  if (links) for (const s of src.list('services', ns)) if (known(s)) byName.set(s.metadata.name, s);
  const m = new Map<string, string>();
  for (const s of byName.values()) for (const [k, v] of serviceVars(s)) m.set(k, v);
  return m;
}

/** A downward-API field path (fieldpath.ExtractFieldPathAsString), for the fields pods use. */
function fieldValue(pod: KubeObject, path: string): string | undefined {
  const m = /^metadata\.(labels|annotations)\['(.*)'\]$/.exec(path);
  if (m) return (m[1] === 'labels' ? pod.metadata.labels : pod.metadata.annotations)?.[m[2]!];
  switch (path) {
    case 'metadata.name':
      return pod.metadata.name;
    case 'metadata.namespace':
      return pod.metadata.namespace ?? 'default';
    case 'metadata.uid':
      return pod.metadata.uid;
    case 'spec.nodeName':
      return pod.spec?.nodeName;
    case 'spec.serviceAccountName':
      return pod.spec?.serviceAccountName ?? 'default';
    case 'status.podIP':
      return pod.status?.podIP;
    case 'status.hostIP':
      return pod.status?.hostIP;
    default:
      return undefined;
  }
}

/** A ConfigMap's or Secret's values as text (a Secret's data is base64). */
function sourceData(src: EnvSource, ns: string, kind: 'configmaps' | 'secrets', name: string): Record<string, string> {
  const obj = src.get(kind, ns, name);
  if (!obj) return {};
  const out: Record<string, string> = {};
  if (kind === 'secrets') {
    for (const [k, v] of Object.entries<string>(obj.data ?? {})) out[k] = atob(v);
    for (const [k, v] of Object.entries<string>(obj.stringData ?? {})) out[k] = v;
  } else Object.assign(out, obj.data ?? {});
  return out;
}

/** expansion.Expand: `$(NAME)` from the variables so far, `$$` an escaped `$`, anything else kept. */
function expand(value: string, lookup: (name: string) => string | undefined): string {
  return value.replace(/\$\$|\$\(([^)]*)\)/g, (all: string, name: string | undefined) => {
    if (all === '$$') return '$';
    const v = name ? lookup(name) : undefined;
    return v ?? all;
  });
}

/** The container's environment, by name (environment variable names are unique). */
export function containerEnv(src: EnvSource, pod: KubeObject, containerName?: string): Map<string, string> {
  const containers: KubeObject['spec'][] = pod.spec?.containers ?? [];
  const c = containers.find((x) => x.name === containerName) ?? containers[0] ?? {};
  const ns = pod.metadata.namespace ?? 'default';
  const status = (pod.status?.containerStatuses ?? []).find((s: { name?: string }) => s.name === c.name);
  const started = Date.parse(status?.state?.running?.startedAt ?? pod.status?.startTime ?? '');
  const services = serviceEnv(src, pod, Number.isNaN(started) ? Infinity : started);
  const env = new Map<string, string>();
  for (const from of c.envFrom ?? []) {
    const data = from.configMapRef
      ? sourceData(src, ns, 'configmaps', from.configMapRef.name)
      : from.secretRef
        ? sourceData(src, ns, 'secrets', from.secretRef.name)
        : {};
    for (const [k, v] of Object.entries(data)) env.set(`${from.prefix ?? ''}${k}`, v);
  }
  for (const e of c.env ?? []) {
    let value: string | undefined;
    if (e.value !== undefined) value = expand(String(e.value), (n) => env.get(n) ?? services.get(n));
    else if (e.valueFrom?.fieldRef) value = fieldValue(pod, e.valueFrom.fieldRef.fieldPath);
    else if (e.valueFrom?.configMapKeyRef) {
      const r = e.valueFrom.configMapKeyRef;
      value = sourceData(src, ns, 'configmaps', r.name)[r.key];
    } else if (e.valueFrom?.secretKeyRef) {
      const r = e.valueFrom.secretKeyRef;
      value = sourceData(src, ns, 'secrets', r.name)[r.key];
    } else if (e.valueFrom === undefined) value = '';
    if (value !== undefined) env.set(e.name, value);
  }
  for (const [k, v] of services) if (!env.has(k)) env.set(k, v);
  return env;
}
