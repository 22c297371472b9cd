/**
 * `kubectl create`: from files (`-f`, shared with apply) or the generators: namespace, deployment,
 * service clusterip|nodeport|loadbalancer|externalname, serviceaccount, configmap, secret generic, role,
 * clusterrole, rolebinding, clusterrolebinding (facts-kubeproxy-kubectl 4.2), ingress (createingress.ts).
 */
import type { KubeObject } from '../../cluster/types';
import { ApiError } from '../../cluster/errors';
import { isDns1123Subdomain } from '../../cluster/validation';
import { resolveResource } from '../../cluster/resources';
import { list, str, type FlagDef } from './flags';
import { KubectlError, usageError, type Kubectl } from './context';
import { runManifests, APPLY_FLAGS } from './apply';
import { kindName } from './targets';
import { renderObjects } from './output';
import { requestToken, type TokenRequestOptions } from '../../rbac/token';
import { parseDuration } from './duration';
import { INGRESS_FLAGS, ingressObject } from './createingress';

export const CREATE_SUBCOMMANDS = [
  'clusterrole',
  'clusterrolebinding',
  'configmap',
  'deployment',
  'ingress',
  'namespace',
  'role',
  'rolebinding',
  'secret',
  'service',
  'serviceaccount',
  'token',
];

const GEN_FLAGS: FlagDef[] = [
  { name: 'image', type: 'stringArray', description: 'Image names to run.' },
  { name: 'replicas', short: 'r', type: 'int32', description: 'Number of replicas to create.' },
  { name: 'port', type: 'int32', description: 'The containerPort that this deployment exposes.' },
  { name: 'tcp', type: 'stringArray', description: 'Port pairs can be specified as <port>:<targetPort>.' },
  { name: 'node-port', type: 'int', description: 'Port used to expose the service on each node in a cluster.' },
  {
    name: 'clusterip',
    type: 'string',
    description: 'Assign your own ClusterIP or set to None for a headless service.',
  },
  { name: 'external-name', type: 'string', description: 'External name of service' },
  { name: 'from-literal', type: 'stringArray', description: 'Specify a key and literal value to insert.' },
  { name: 'from-file', type: 'stringArray', description: 'Key file can be specified using its file path.' },
  { name: 'verb', type: 'stringArray', description: 'Verb that applies to the resources contained in the rule' },
  { name: 'resource', type: 'stringArray', description: 'Resource that the rule applies to' },
  { name: 'resource-name', type: 'stringArray', description: 'Resource in the white list that the rule applies to' },
  { name: 'non-resource-url', type: 'stringArray', description: 'A partial url that user should have access to.' },
  {
    name: 'aggregation-rule',
    type: 'string',
    description: 'An aggregation label selector for combining ClusterRoles.',
  },
  { name: 'clusterrole', type: 'string', description: 'ClusterRole this RoleBinding should reference' },
  { name: 'role', type: 'string', description: 'Role this RoleBinding should reference' },
  { name: 'user', type: 'stringArray', description: 'Usernames to bind to the role.' },
  { name: 'group', type: 'stringArray', description: 'Groups to bind to the role.' },
  {
    name: 'serviceaccount',
    type: 'stringArray',
    description: 'Service accounts to bind to the role, in the format <namespace>:<name>',
  },
  { name: 'output', short: 'o', type: 'string', description: 'Output format' },
  { name: 'dry-run', type: 'string', description: 'Must be "none", "server", or "client".' },
  { name: 'duration', type: 'string', description: 'Requested lifetime of the issued token.' },
  { name: 'audience', type: 'stringArray', description: 'Audience of the requested token.' },
  { name: 'bound-object-kind', type: 'string', description: 'Kind of an object to bind the token to.' },
  { name: 'bound-object-name', type: 'string', description: 'Name of an object to bind the token to.' },
  { name: 'bound-object-uid', type: 'string', description: 'UID of an object to bind the token to.' },
  {
    name: 'save-config',
    type: 'bool',
    description: 'If true, the configuration of current object will be saved in its annotation.',
  },
];

export const CREATE_FLAGS: FlagDef[] = [
  ...APPLY_FLAGS.filter((f) => f.name !== 'output' && f.name !== 'dry-run'),
  ...GEN_FLAGS,
  ...INGRESS_FLAGS,
];

const VALID_VERBS = [
  '*',
  'get',
  'delete',
  'list',
  'create',
  'update',
  'patch',
  'watch',
  'proxy',
  'deletecollection',
  'use',
  'bind',
  'escalate',
  'impersonate',
];

function containerName(image: string): string {
  const base = image.slice(image.lastIndexOf('/') + 1);
  return base.split(/[:@]/)[0]!.replace(/[^a-z0-9-]/g, '-');
}

const VALID_NON_RESOURCE_VERBS = ['*', 'get', 'post', 'put', 'delete', 'patch', 'head', 'options'];

/** Verbs that only make sense on some resources (create_role.go specialVerbs). */
const SPECIAL_VERBS: Record<string, Array<[string, string]>> = {
  use: [
    ['policy', 'podsecuritypolicies'],
    ['extensions', 'podsecuritypolicies'],
  ],
  bind: [
    ['rbac.authorization.k8s.io', 'roles'],
    ['rbac.authorization.k8s.io', 'clusterroles'],
  ],
  escalate: [
    ['rbac.authorization.k8s.io', 'roles'],
    ['rbac.authorization.k8s.io', 'clusterroles'],
  ],
  impersonate: [
    ['', 'users'],
    ['', 'serviceaccounts'],
    ['', 'groups'],
    ['authentication.k8s.io', 'userextras'],
    ['authentication.k8s.io', 'uids'],
  ],
};

interface ResourceArg {
  resource: string;
  group: string;
  subresource?: string;
}

/** `--resource` values as create role parses them: `resource.group/subresource`; a bare `*` stands alone. */
function resourceArgs(raw: string[]): ResourceArg[] {
  const out: ResourceArg[] = [];
  for (const r of raw) {
    const [main, sub] = r.split(/\/(.*)/s) as [string, string | undefined];
    const dot = main.indexOf('.');
    const arg: ResourceArg = {
      resource: dot >= 0 ? main.slice(0, dot) : main,
      group: dot >= 0 ? main.slice(dot + 1) : '',
      ...(sub !== undefined ? { subresource: sub } : {}),
    };
    if (arg.resource === '*' && dot < 0 && sub === undefined) return [arg];
    out.push(arg);
  }
  return out;
}

/** The resource the RESTMapper finds for an argument, or the argument as typed (users, groups, `*`). */
function mapResource(a: ResourceArg): { resource: string; group: string; known: boolean } {
  const res = a.resource === '*' ? undefined : resolveResource(a.group ? `${a.resource}.${a.group}` : a.resource);
  return res
    ? { resource: res.plural, group: res.group, known: true }
    : { resource: a.resource, group: a.group, known: false };
}

/** validateResource: special verbs need their resources; other unknown resources are the mapper's error. */
function validateResources(args: ResourceArg[], verbs: string[]): void {
  for (const a of args) {
    if (!a.resource) throw new KubectlError('resource must be specified if apiGroup/subresource specified');
    if (a.resource === '*') return;
    const m = mapResource(a);
    let known = m.known;
    for (const v of verbs) {
      const allowed = SPECIAL_VERBS[v];
      if (!allowed) continue;
      if (!allowed.some(([g, r]) => g === m.group && r === m.resource))
        throw new KubectlError(`can not perform '${v}' on '${m.resource}' in group '${m.group}'`);
      known = true;
    }
    if (!known) throw new KubectlError(`the server doesn't have a resource type "${a.resource}"`);
  }
}

/** One PolicyRule per API group (groups sorted), resources deduplicated in the order given. */
function resourceRules(args: ResourceArg[], verbs: string[], names: string[]): any[] {
  const byGroup = new Map<string, string[]>();
  for (const a of args) {
    const m = mapResource(a);
    const name = a.subresource !== undefined ? `${m.resource}/${a.subresource}` : m.resource;
    const g = byGroup.get(m.group) ?? [];
    if (!g.includes(name)) g.push(name);
    byGroup.set(m.group, g);
  }
  return [...byGroup.keys()].sort().map((g) => ({
    apiGroups: [g],
    resources: byGroup.get(g)!,
    verbs,
    ...(names.length ? { resourceNames: names } : {}),
  }));
}

/** The rules of `create role` / `create clusterrole`, validated in upstream's order (warnings before later errors). */
function policyRules(k: Kubectl, verb: string): any[] {
  const verbs: string[] = [];
  for (const v of list(k.parsed, 'verb')) {
    if (v === '*') {
      verbs.splice(0, verbs.length, '*');
      break;
    }
    if (!verbs.includes(v)) verbs.push(v);
  }
  const resources = resourceArgs(list(k.parsed, 'resource'));
  const names = list(k.parsed, 'resource-name', false);
  const nonResource = list(k.parsed, 'non-resource-url');
  if (verbs.length === 0) throw new KubectlError('at least one verb must be specified');
  const warnVerbs = () => {
    for (const v of verbs) if (!VALID_VERBS.includes(v)) k.err(`Warning: '${v}' is not a standard resource verb\n`);
  };
  if (verb === 'role') {
    warnVerbs();
    if (resources.length === 0) throw new KubectlError('at least one resource must be specified');
    validateResources(resources, verbs);
    return resourceRules(resources, verbs, names);
  }
  if (resources.length === 0 && nonResource.length === 0)
    throw new KubectlError('one of resource or nonResourceURL must be specified');
  if (resources.length > 0) {
    warnVerbs();
    validateResources(resources, verbs);
  }
  if (nonResource.length > 0) {
    if (names.length > 0) throw new KubectlError('resource-name is not compatible with non-resource-url');
    for (const v of verbs)
      if (!VALID_NON_RESOURCE_VERBS.includes(v)) throw new KubectlError(`invalid verb: '${v}' for nonResourceURL`);
    for (const u of nonResource) {
      if (u === '*') continue;
      if (!u.startsWith('/')) throw new KubectlError('nonResourceURL should start with /');
      if (u.slice(0, -1).includes('*'))
        throw new KubectlError("nonResourceURL only supports wildcard matches when '*' is at the end");
    }
  }
  const rules = resources.length ? resourceRules(resources, verbs, names) : [];
  if (nonResource.length) rules.push({ nonResourceURLs: nonResource, verbs });
  return rules;
}

function subjects(k: Kubectl, verb: string): any[] {
  const out: any[] = [];
  for (const u of list(k.parsed, 'user', false))
    out.push({ apiGroup: 'rbac.authorization.k8s.io', kind: 'User', name: u });
  for (const g of list(k.parsed, 'group', false))
    out.push({ apiGroup: 'rbac.authorization.k8s.io', kind: 'Group', name: g });
  for (const s of list(k.parsed, 'serviceaccount', false)) {
    const parts = s.split(':');
    if (parts.length !== 2 || !parts[0] || !parts[1])
      throw new KubectlError('serviceaccount must be <namespace>:<name>');
    out.push({ kind: 'ServiceAccount', name: parts[1], namespace: parts[0] });
  }
  return out;
}

function servicePorts(k: Kubectl, type: string): any[] {
  const tcp = list(k.parsed, 'tcp');
  const nodePort = str(k.parsed, 'node-port');
  return tcp.map((pair) => {
    const [p, t] = pair.split(':') as [string, string | undefined];
    const port = Number(p);
    const target = t === undefined ? port : /^\d+$/.test(t) ? Number(t) : t;
    // create_service.go names each port after its flag value with ':' turned into '-' (`80`, `80-8080`).
    return {
      name: pair.replaceAll(':', '-'),
      port,
      protocol: 'TCP',
      targetPort: target,
      ...(type === 'NodePort' && nodePort ? { nodePort: Number(nodePort) } : {}),
    };
  });
}

/** The object a generator subcommand describes (`kubectl create deployment web --image=nginx`). */
function generate(k: Kubectl, sub: string, name: string, rest: string[]): { obj: KubeObject; wrap?: string } {
  const ns = k.namespace;
  switch (sub) {
    case 'namespace':
    case 'ns':
      return { obj: { apiVersion: 'v1', kind: 'Namespace', metadata: { name }, spec: {}, status: {} } };
    case 'serviceaccount':
    case 'sa':
      return {
        obj: { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name, namespace: ns } },
        wrap: 'serviceaccount',
      };
    case 'deployment':
    case 'deploy': {
      const images = list(k.parsed, 'image', false);
      if (images.length === 0) throw new KubectlError(`required flag(s) "image" not set`);
      const port = str(k.parsed, 'port');
      const replicas = Number(str(k.parsed, 'replicas') ?? 1);
      return {
        obj: {
          apiVersion: 'apps/v1',
          kind: 'Deployment',
          metadata: { name, namespace: ns, labels: { app: name } },
          spec: {
            replicas,
            selector: { matchLabels: { app: name } },
            strategy: {},
            template: {
              metadata: { labels: { app: name } },
              spec: {
                containers: images.map((image) => ({
                  image,
                  name: containerName(image),
                  ...(port ? { ports: [{ containerPort: Number(port) }] } : {}),
                  resources: {},
                })),
              },
            },
          },
        },
      };
    }
    case 'service':
    case 'svc': {
      const kind = rest[0];
      const types: Record<string, string> = {
        clusterip: 'ClusterIP',
        nodeport: 'NodePort',
        loadbalancer: 'LoadBalancer',
        externalname: 'ExternalName',
      };
      const type = kind ? types[kind] : undefined;
      if (!type) throw new KubectlError(`netlab: kubectl create service ${kind ?? ''} is not emulated`.trimEnd());
      const svcName = rest[1];
      if (!svcName) throw usageError(`create service ${kind}`, 'exactly one NAME is required, got 0');
      const clusterIP = str(k.parsed, 'clusterip');
      const externalName = str(k.parsed, 'external-name');
      if (type === 'ExternalName' && externalName === undefined)
        throw new KubectlError(`required flag(s) "external-name" not set`);
      // ServiceOptions.Validate, in its order.
      if (clusterIP === 'None' && type !== 'ClusterIP')
        throw new KubectlError('ClusterIP=None can only be used with ClusterIP service type');
      if (clusterIP !== 'None' && list(k.parsed, 'tcp').length === 0 && type !== 'ExternalName')
        throw new KubectlError(`at least one tcp port specifier must be provided`);
      if (type === 'ExternalName' && !isDns1123Subdomain(externalName ?? ''))
        throw new KubectlError(`invalid service external name ${externalName}`);
      const ports = servicePorts(k, type);
      return {
        obj: {
          apiVersion: 'v1',
          kind: 'Service',
          metadata: { name: svcName, namespace: ns, labels: { app: svcName } },
          // An empty ports list is omitted (omitempty), as in the object kubectl sends.
          spec: {
            ...(clusterIP ? { clusterIP } : {}),
            ...(externalName ? { externalName } : {}),
            ...(ports.length ? { ports } : {}),
            selector: { app: svcName },
            type,
          },
        },
        wrap: `${type} service`,
      };
    }
    case 'ingress':
    case 'ing':
      return {
        // createIngress: the namespace goes into the object only when it was asked for (EnforceNamespace).
        obj: ingressObject(name, k.namespaceGiven || ns !== 'default' ? ns : undefined, {
          rules: list(k.parsed, 'rule', false),
          annotations: list(k.parsed, 'annotation', false),
          ingressClass: str(k.parsed, 'class') ?? '',
          defaultBackend: str(k.parsed, 'default-backend') ?? '',
        }),
        wrap: 'ingress',
      };
    case 'configmap':
    case 'cm': {
      const data: Record<string, string> = {};
      for (const lit of list(k.parsed, 'from-literal', false)) {
        const eq = lit.indexOf('=');
        if (eq <= 0) throw new KubectlError(`invalid literal source ${lit}, expected key=value`);
        data[lit.slice(0, eq)] = lit.slice(eq + 1);
      }
      for (const f of list(k.parsed, 'from-file', false)) {
        const eq = f.indexOf('=');
        const key = eq > 0 ? f.slice(0, eq) : f.slice(f.lastIndexOf('/') + 1);
        const path = eq > 0 ? f.slice(eq + 1) : f;
        const text = k.ctx.emulator.files.read(k.ctx.location, path.startsWith('/') ? path : `${k.ctx.cwd}/${path}`);
        if (text === 'ENOENT' || text === 'EISDIR')
          throw new KubectlError(`error reading ${path}: no such file or directory`);
        data[key] = text;
      }
      return {
        obj: {
          apiVersion: 'v1',
          kind: 'ConfigMap',
          metadata: { name, namespace: ns },
          ...(Object.keys(data).length ? { data } : {}),
        },
      };
    }
    case 'secret': {
      if (rest[0] !== 'generic')
        throw new KubectlError(`netlab: kubectl create secret ${rest[0] ?? ''} is not emulated`.trimEnd());
      const secretName = rest[1];
      if (!secretName) throw usageError('create secret generic', 'exactly one NAME is required, got 0');
      const data: Record<string, string> = {};
      for (const lit of list(k.parsed, 'from-literal', false)) {
        const eq = lit.indexOf('=');
        data[lit.slice(0, eq)] = btoa(lit.slice(eq + 1));
      }
      return {
        obj: { apiVersion: 'v1', kind: 'Secret', metadata: { name: secretName, namespace: ns }, data, type: 'Opaque' },
      };
    }
    case 'role':
      return {
        obj: {
          apiVersion: 'rbac.authorization.k8s.io/v1',
          kind: 'Role',
          metadata: { name, namespace: ns },
          rules: policyRules(k, 'role'),
        },
      };
    case 'clusterrole': {
      const agg = str(k.parsed, 'aggregation-rule');
      if (agg) {
        if (
          list(k.parsed, 'verb').length ||
          list(k.parsed, 'resource').length ||
          list(k.parsed, 'resource-name').length ||
          list(k.parsed, 'non-resource-url').length
        ) {
          throw new KubectlError(
            'aggregation rule must be specified without nonResourceURLs, verbs, resources or resourceNames',
          );
        }
        const matchLabels: Record<string, string> = {};
        for (const kv of agg.split(',')) {
          const [a, b] = kv.split('=');
          matchLabels[a!] = b ?? '';
        }
        return {
          obj: {
            apiVersion: 'rbac.authorization.k8s.io/v1',
            kind: 'ClusterRole',
            metadata: { name },
            aggregationRule: { clusterRoleSelectors: [{ matchLabels }] },
            rules: [],
          },
        };
      }
      return {
        obj: {
          apiVersion: 'rbac.authorization.k8s.io/v1',
          kind: 'ClusterRole',
          metadata: { name },
          rules: policyRules(k, 'clusterrole'),
        },
      };
    }
    case 'rolebinding':
    case 'clusterrolebinding': {
      const cr = str(k.parsed, 'clusterrole');
      const role = str(k.parsed, 'role');
      if (sub === 'rolebinding' && Boolean(cr) === Boolean(role))
        throw new KubectlError('exactly one of clusterrole or role must be specified');
      if (sub === 'clusterrolebinding' && !cr) throw new KubectlError(`required flag(s) "clusterrole" not set`);
      const roleRef = { apiGroup: 'rbac.authorization.k8s.io', kind: cr ? 'ClusterRole' : 'Role', name: (cr ?? role)! };
      const kind = sub === 'rolebinding' ? 'RoleBinding' : 'ClusterRoleBinding';
      const subj = subjects(k, sub);
      return {
        obj: {
          apiVersion: 'rbac.authorization.k8s.io/v1',
          kind,
          metadata: sub === 'rolebinding' ? { name, namespace: ns } : { name },
          roleRef,
          ...(subj.length ? { subjects: subj } : {}),
        },
        wrap: sub,
      };
    }
  }
  throw new KubectlError(`unknown command "${sub}" for "kubectl create"`);
}

/** The kinds `create token --bound-object-kind` takes (create_token.go boundObjectKinds). */
const BOUND_OBJECT_KINDS = { Node: 'nodes', Pod: 'pods', Secret: 'secrets' } as const;
type BoundKind = keyof typeof BOUND_OBJECT_KINDS;
const isBoundKind = (k: string): k is BoundKind => Object.hasOwn(BOUND_OBJECT_KINDS, k);

/**
 * `kubectl create token SA`: a TokenRequest on serviceaccounts/token, the token printed alone.
 * Flags are checked as create_token.go's Validate does, then the API server's TokenREST: the
 * request's validation (at least 10 minutes), the service account, the bound object (a pod must run
 * as that account; a given uid must be the object's).
 */
function createToken(k: Kubectl, name: string): number {
  if (str(k.parsed, 'dry-run') !== undefined)
    throw new KubectlError("error: unknown flag: --dry-run\nSee 'kubectl create token --help' for usage.\n", 1, true);
  if (str(k.parsed, 'output') !== undefined) throw new KubectlError('netlab: kubectl create token -o is not emulated');
  const d = str(k.parsed, 'duration') ?? '0s';
  const parsed = parseDuration(d);
  if ('error' in parsed)
    throw new KubectlError(
      `error: invalid argument "${d}" for "--duration" flag: ${parsed.error}\nSee 'kubectl create token --help' for usage.\n`,
      1,
      true,
    );
  if (parsed.ns < 0) throw new KubectlError('--duration must be greater than or equal to 0');
  if (parsed.ns % 1e9 !== 0) throw new KubectlError('--duration cannot be expressed in units less than seconds');
  const audiences = list(k.parsed, 'audience', false);
  if (audiences.some((a) => a === '')) throw new KubectlError('--audience must not be an empty string');
  const boundKind = str(k.parsed, 'bound-object-kind') ?? '';
  const boundName = str(k.parsed, 'bound-object-name') ?? '';
  const boundUid = str(k.parsed, 'bound-object-uid') ?? '';
  if (!boundKind) {
    if (boundName) throw new KubectlError('--bound-object-name can only be set if --bound-object-kind is provided');
    if (boundUid) throw new KubectlError('--bound-object-uid can only be set if --bound-object-kind is provided');
  } else {
    if (!isBoundKind(boundKind))
      throw new KubectlError(`supported --bound-object-kind values are ${Object.keys(BOUND_OBJECT_KINDS).join(', ')}`);
    if (!boundName) throw new KubectlError('--bound-object-name is required if --bound-object-kind is provided');
  }
  // Without --duration kubectl leaves expirationSeconds unset and the API server defaults it to an hour.
  const seconds = parsed.ns > 0 ? parsed.ns / 1e9 : undefined;
  const cluster = k.ctx.emulator.cluster;
  // create_token.go wraps whatever the TokenRequest returns: `failed to create token: ...`.
  try {
    k.authorize({
      verb: 'create',
      apiGroup: '',
      resource: 'serviceaccounts',
      subresource: 'token',
      namespace: k.namespace,
      name,
    });
    if (seconds !== undefined && (seconds < 600 || seconds > 2 ** 32)) {
      const why = seconds < 600 ? 'less than 10 minutes' : 'larger than 2^32 seconds';
      throw new ApiError(
        'Invalid',
        `TokenRequest.authentication.k8s.io "" is invalid: spec.expirationSeconds: Invalid value: ${seconds}: may not specify a duration ${why}`,
      );
    }
    const sa = cluster.mustGet('serviceaccounts', k.namespace, name);
    let bound: TokenRequestOptions['bound'];
    if (isBoundKind(boundKind)) {
      const kind = boundKind;
      const object = cluster.mustGet(BOUND_OBJECT_KINDS[kind], kind === 'Node' ? undefined : k.namespace, boundName);
      if (kind === 'Pod' && (object.spec?.serviceAccountName ?? 'default') !== name)
        throw new ApiError(
          'BadRequest',
          `cannot bind token for serviceaccount "${name}" to pod running with different serviceaccount name.`,
        );
      if (boundUid && boundUid !== object.metadata.uid)
        throw new ApiError(
          'Conflict',
          `Operation cannot be fulfilled on ${kind} "${boundName}": the UID in the bound object reference (${boundUid}) does not match the UID in record. The object might have been deleted and then recreated`,
        );
      bound = { kind, object };
    }
    k.out(
      `${requestToken(cluster, sa, { ...(seconds !== undefined ? { seconds } : {}), audiences, ...(bound ? { bound } : {}) })}\n`,
    );
  } catch (e) {
    if (e instanceof ApiError) throw new KubectlError(`failed to create token: ${e.message}`);
    throw e;
  }
  return 0;
}

/** Run `kubectl create`. */
export function runCreate(k: Kubectl): number {
  if (list(k.parsed, 'filename', false).length) return runManifests(k, 'create');
  const [sub, ...rest] = k.parsed.args;
  if (!sub) throw usageError('create', 'must specify one of -f and -k');
  const name = sub === 'service' || sub === 'svc' || sub === 'secret' ? (rest[1] ?? '') : rest[0];
  if (!name && sub !== 'service' && sub !== 'svc' && sub !== 'secret')
    throw usageError(`create ${sub}`, 'exactly one NAME is required, got 0');
  if (sub === 'token') return createToken(k, name!);
  const { obj, wrap } = generate(k, sub, name ?? '', rest);
  const dryRun = str(k.parsed, 'dry-run');
  const res = k.cluster.resourceFor(obj);
  let stored = obj;
  if (dryRun !== 'client' && dryRun !== 'true') {
    try {
      stored = k.cluster.create(obj, { dryRun: dryRun === 'server' });
    } catch (e) {
      // create rolebinding|clusterrolebinding|serviceaccount|service wrap every error with fmt.Errorf (the status reason is lost).
      if (wrap && e instanceof ApiError) throw new KubectlError(`failed to create ${wrap}: ${e.message}`);
      throw e;
    }
  }
  const output = str(k.parsed, 'output');
  const suffix =
    dryRun === 'client' || dryRun === 'true' ? ' (dry run)' : dryRun === 'server' ? ' (server dry run)' : '';
  if (output)
    k.out(
      renderObjects([{ res, objs: [stored] }], {
        output,
        allNamespaces: false,
        showLabels: false,
        labelColumns: [],
        noHeaders: false,
        showKind: false,
        single: true,
        now: k.now,
      }),
    );
  else k.out(`${kindName(res, obj.metadata.name)} created${suffix}\n`);
  return 0;
}
