/** `kubectl version`, `cluster-info [dump]`, `api-resources`, `describe`. */
import { API_RESOURCES, apiVersionOf } from '../../cluster/resources';
import { formatTable } from '../../format/table';
import { toKubectlJson, asList } from '../../format/json';
import { bool, str, type FlagDef } from './flags';
import { KubectlError, usageError, type Kubectl } from './context';
import { filterObjects, parseTargets } from './targets';
import { describeObject, type CsrSubject } from '../../format/describe';
import { fromBase64 } from '../../pki/pem';
import { readCsr } from '../../pki/x509';
import { OID, valuesOf } from '../../pki/dn';
import { ApiError } from '../../cluster/errors';
import type { KubeObject } from '../../cluster/types';

export const CLIENT_VERSION = 'v1.31.0';
export const KUSTOMIZE_VERSION = 'v5.4.2';

export const VERSION_FLAGS: FlagDef[] = [
  { name: 'client', type: 'bool', description: 'If true, shows client version only (no server required).' },
  { name: 'output', short: 'o', type: 'string', description: "One of 'yaml' or 'json'." },
];

export const API_RESOURCES_FLAGS: FlagDef[] = [
  {
    name: 'namespaced',
    type: 'string',
    description:
      'If false, non-namespaced resources will be returned, otherwise returning namespaced resources by default.',
  },
  {
    name: 'no-headers',
    type: 'bool',
    description: "When using the default or custom-column output format, don't print headers (default print headers).",
  },
  { name: 'output', short: 'o', type: 'string', description: 'Output format. One of: (wide, name).' },
  { name: 'api-group', type: 'string', description: 'Limit to resources in the specified API group.' },
  {
    name: 'sort-by',
    type: 'string',
    description:
      "If non-empty, sort list of resources using specified field. The field can be either 'name' or 'kind'.",
  },
  { name: 'verbs', type: 'stringArray', description: 'Limit to resources that support the specified verbs.' },
  { name: 'cached', type: 'bool', description: 'Use the cached list of resources if available.' },
];

export const DESCRIBE_FLAGS: FlagDef[] = [
  {
    name: 'all-namespaces',
    short: 'A',
    type: 'bool',
    description: 'If present, list the requested object(s) across all namespaces.',
  },
  { name: 'selector', short: 'l', type: 'string', description: 'Selector (label query) to filter on' },
  { name: 'show-events', type: 'bool', description: 'If true, display events related to the described object.' },
  {
    name: 'filename',
    short: 'f',
    type: 'stringArray',
    description: 'Filename, directory, or URL to files containing the resource to describe',
  },
];

export const CLUSTER_INFO_FLAGS: FlagDef[] = [
  { name: 'output-directory', type: 'string', description: 'Where to output the files.' },
  { name: 'all-namespaces', short: 'A', type: 'bool', description: 'If true, dump all namespaces.' },
  { name: 'namespaces', type: 'stringArray', description: 'A comma separated list of namespaces to dump.' },
  { name: 'output', short: 'o', type: 'string', description: 'Output format.' },
];

/** Run `kubectl version`. */
export function runVersion(k: Kubectl): number {
  const client = bool(k.parsed, 'client');
  const out = str(k.parsed, 'output');
  const server = k.cluster.config?.kubernetesVersion;
  if (out === 'json' || out === 'yaml') {
    const info: any = {
      clientVersion: {
        buildDate: '2024-08-13T07:37:34Z',
        compiler: 'gc',
        gitCommit: '9edcffcde5595e8a5b1a35f88c421764e575afce',
        gitTreeState: 'clean',
        gitVersion: CLIENT_VERSION,
        goVersion: 'go1.22.5',
        major: '1',
        minor: '31',
        platform: 'linux/amd64',
      },
      kustomizeVersion: KUSTOMIZE_VERSION,
    };
    if (!client && server) info.serverVersion = { ...info.clientVersion, gitVersion: server };
    k.out(out === 'json' ? toKubectlJson(info) : `${JSON.stringify(info)}\n`);
    return 0;
  }
  k.out(`Client Version: ${CLIENT_VERSION}\nKustomize Version: ${KUSTOMIZE_VERSION}\n`);
  if (client) return 0;
  if (!server)
    throw new KubectlError(
      'The connection to the server localhost:8080 was refused - did you specify the right host or port?\n',
      1,
      true,
    );
  k.out(`Server Version: ${server}\n`);
  return 0;
}

/** Run `kubectl cluster-info` and `cluster-info dump`. */
export function runClusterInfo(k: Kubectl): number {
  const cfg = k.cluster.config!;
  if (k.parsed.args[0] === 'dump') {
    // Abbreviated honestly: nodes, then per namespace events, services, daemonsets, deployments, replicasets and pods (no container logs).
    const nsList = bool(k.parsed, 'all-namespaces')
      ? k.cluster.list('namespaces').map((n) => n.metadata.name)
      : ['kube-system', k.namespace];
    const parts = [toKubectlJson(asList(k.cluster.list('nodes')))];
    for (const ns of [...new Set(nsList)]) {
      for (const plural of [
        'events',
        'replicationcontrollers',
        'services',
        'daemonsets',
        'deployments',
        'replicasets',
        'pods',
      ]) {
        parts.push(toKubectlJson(asList(k.cluster.list(plural, ns))));
      }
    }
    k.out(parts.join(''));
    return 0;
  }
  const color = k.ctx.isTTY;
  const g = (s: string) => (color ? `\x1b[0;32m${s}\x1b[0m` : s);
  const y = (s: string) => (color ? `\x1b[0;33m${s}\x1b[0m` : s);
  // cluster-info lists kube-system's services labelled kubernetes.io/cluster-service=true: that list is what gets authorized.
  const clusterServices = k.cluster.list('services', 'kube-system');
  k.out(`${g('Kubernetes control plane')} is running at ${y(cfg.apiServerUrl)}\n`);
  if (clusterServices.some((s) => s.metadata.name === 'kube-dns'))
    k.out(
      `${g('CoreDNS')} is running at ${y(`${cfg.apiServerUrl}/api/v1/namespaces/kube-system/services/kube-dns:dns/proxy`)}\n`,
    );
  k.out(`\nTo further debug and diagnose cluster problems, use 'kubectl cluster-info dump'.\n`);
  return 0;
}

/** Run `kubectl api-resources`. */
export function runApiResources(k: Kubectl): number {
  let rows = [...API_RESOURCES];
  const nsFlag = str(k.parsed, 'namespaced');
  if (nsFlag !== undefined) rows = rows.filter((r) => r.namespaced === (nsFlag !== 'false'));
  const group = str(k.parsed, 'api-group');
  if (group !== undefined) rows = rows.filter((r) => r.group === group);
  if (str(k.parsed, 'sort-by') === 'name') rows.sort((a, b) => a.plural.localeCompare(b.plural));
  if (str(k.parsed, 'sort-by') === 'kind') rows.sort((a, b) => a.kind.localeCompare(b.kind));
  const out = str(k.parsed, 'output');
  if (out === 'name') {
    k.out(rows.map((r) => (r.group ? `${r.plural}.${r.group}\n` : `${r.plural}\n`)).join(''));
    return 0;
  }
  const wide = out === 'wide';
  const header = ['NAME', 'SHORTNAMES', 'APIVERSION', 'NAMESPACED', 'KIND', ...(wide ? ['VERBS'] : [])];
  const body = rows.map((r) => [
    r.plural,
    r.shortNames.join(','),
    apiVersionOf(r),
    String(r.namespaced),
    r.kind,
    ...(wide ? [`[${r.verbs.join(' ')}]`] : []),
  ]);
  k.out(formatTable(bool(k.parsed, 'no-headers') ? null : header, body));
  return 0;
}

function listOrNone(k: Kubectl, plural: string, ns?: string): KubeObject[] {
  try {
    return k.cluster.list(plural, ns);
  } catch (e) {
    if (e instanceof ApiError && e.reason === 'Forbidden') return [];
    throw e;
  }
}

/** Run `kubectl describe`. */
export function runDescribe(k: Kubectl): number {
  const args = k.parsed.args;
  if (args.length === 0) throw usageError('describe', 'Required resource not specified.');
  const allNs = bool(k.parsed, 'all-namespaces');
  const targets = parseTargets(args);
  const texts: string[] = [];
  const errors: string[] = [];
  const selector = str(k.parsed, 'selector');
  const now = k.ctx.emulator.clock.now();
  // Describers ignore errors on what they look up around the object (events, endpoints, replica sets): a Forbidden list shows as none.
  const dctx = { now, list: (plural: string, ns?: string) => listOrNone(k, plural, ns), csrSubject };
  for (const t of targets) {
    const ns = t.res.namespaced ? (allNs ? undefined : k.namespace) : undefined;
    let objs;
    if (t.names) {
      objs = [];
      for (const name of t.names) {
        const exact = k.cluster.get(t.res.plural, ns ?? k.namespace, name);
        if (exact) objs.push(exact);
        else {
          // describe falls back to a name-prefix match, as kubectl does.
          const prefixed = k.cluster.list(t.res.plural, ns).filter((o) => o.metadata.name.startsWith(name));
          if (prefixed.length) objs.push(...prefixed);
          else
            errors.push(
              `Error from server (NotFound): ${t.res.group ? `${t.res.plural}.${t.res.group}` : t.res.plural} "${name}" not found`,
            );
        }
      }
    } else {
      objs = filterObjects(
        k.cluster.list(t.res.plural, ns),
        t.res,
        selector !== undefined ? { labelSelector: selector } : {},
      );
    }
    for (const o of objs) {
      const text = describeObject(t.res.plural, o, dctx);
      if (text === undefined) throw new KubectlError(`netlab: kubectl describe ${t.res.plural} is not emulated yet`);
      texts.push(text);
    }
  }
  if (texts.length) k.out(texts.join('\n\n'));
  else if (!errors.length) {
    const namespaced = !allNs && targets.every((t) => t.res.namespaced);
    k.err(namespaced ? `No resources found in ${k.namespace} namespace.\n` : 'No resources found\n');
  }
  for (const e of errors) k.err(`${e}\n`);
  return errors.length ? 1 : 0;
}

/** The subject of a CertificateSigningRequest's request, as kubectl's describer parses it (certificate.ParseCSR). */
function csrSubject(csr: KubeObject): CsrSubject | undefined {
  const bytes = fromBase64(String(csr.spec?.request ?? ''));
  const cr = bytes ? readCsr(new TextDecoder().decode(bytes)) : undefined;
  if (!cr) return undefined;
  const all = (oid: string) => valuesOf(cr.subject, oid);
  return {
    commonName: all(OID.commonName).at(-1) ?? '',
    serialNumber: all(OID.serialNumber).at(-1) ?? '',
    organization: all(OID.organizationName),
    organizationalUnit: all(OID.organizationalUnitName),
    country: all(OID.countryName),
    locality: all(OID.localityName),
    province: all(OID.stateOrProvinceName),
    streetAddress: all(OID.streetAddress),
    postalCode: all(OID.postalCode),
  };
}
