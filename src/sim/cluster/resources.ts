/**
 * The API resources the emulated API server serves: what `kubectl api-resources` lists and what
 * every verb resolves a type name against (plural, singular, short names, Kind, group).
 * One table, read by the store, kubectl, RBAC and Tab completion.
 */
export interface ApiResource {
  /** Plural lower-case name, as in URLs and RBAC rules: `pods`, `deployments`. */
  plural: string;
  singular: string;
  shortNames: string[];
  kind: string;
  /** API group; '' for the core group. */
  group: string;
  version: string;
  namespaced: boolean;
  verbs: string[];
}

const RW = ['create', 'delete', 'deletecollection', 'get', 'list', 'patch', 'update', 'watch'];

function r(
  plural: string,
  singular: string,
  shortNames: string[],
  kind: string,
  group: string,
  version: string,
  namespaced: boolean,
  verbs = RW,
): ApiResource {
  return { plural, singular, shortNames, kind, group, version, namespaced, verbs };
}

/** In `kubectl api-resources` order: core group first, then groups alphabetically as the server lists them. */
export const API_RESOURCES: readonly ApiResource[] = [
  r('bindings', 'binding', [], 'Binding', '', 'v1', true, ['create']),
  r('componentstatuses', 'componentstatus', ['cs'], 'ComponentStatus', '', 'v1', false, ['get', 'list']),
  r('configmaps', 'configmap', ['cm'], 'ConfigMap', '', 'v1', true),
  r('endpoints', 'endpoints', ['ep'], 'Endpoints', '', 'v1', true),
  r('events', 'event', ['ev'], 'Event', '', 'v1', true),
  r('limitranges', 'limitrange', ['limits'], 'LimitRange', '', 'v1', true),
  r('namespaces', 'namespace', ['ns'], 'Namespace', '', 'v1', false, [
    'create',
    'delete',
    'get',
    'list',
    'patch',
    'update',
    'watch',
  ]),
  r('nodes', 'node', ['no'], 'Node', '', 'v1', false),
  r('persistentvolumeclaims', 'persistentvolumeclaim', ['pvc'], 'PersistentVolumeClaim', '', 'v1', true),
  r('persistentvolumes', 'persistentvolume', ['pv'], 'PersistentVolume', '', 'v1', false),
  r('pods', 'pod', ['po'], 'Pod', '', 'v1', true),
  r('podtemplates', 'podtemplate', [], 'PodTemplate', '', 'v1', true),
  r('replicationcontrollers', 'replicationcontroller', ['rc'], 'ReplicationController', '', 'v1', true),
  r('resourcequotas', 'resourcequota', ['quota'], 'ResourceQuota', '', 'v1', true),
  r('secrets', 'secret', [], 'Secret', '', 'v1', true),
  r('serviceaccounts', 'serviceaccount', ['sa'], 'ServiceAccount', '', 'v1', true),
  r('services', 'service', ['svc'], 'Service', '', 'v1', true),
  r('controllerrevisions', 'controllerrevision', [], 'ControllerRevision', 'apps', 'v1', true),
  r('daemonsets', 'daemonset', ['ds'], 'DaemonSet', 'apps', 'v1', true),
  r('deployments', 'deployment', ['deploy'], 'Deployment', 'apps', 'v1', true),
  r('replicasets', 'replicaset', ['rs'], 'ReplicaSet', 'apps', 'v1', true),
  r('statefulsets', 'statefulset', ['sts'], 'StatefulSet', 'apps', 'v1', true),
  r('selfsubjectreviews', 'selfsubjectreview', [], 'SelfSubjectReview', 'authentication.k8s.io', 'v1', false, [
    'create',
  ]),
  r('tokenreviews', 'tokenreview', [], 'TokenReview', 'authentication.k8s.io', 'v1', false, ['create']),
  r(
    'localsubjectaccessreviews',
    'localsubjectaccessreview',
    [],
    'LocalSubjectAccessReview',
    'authorization.k8s.io',
    'v1',
    true,
    ['create'],
  ),
  r(
    'selfsubjectaccessreviews',
    'selfsubjectaccessreview',
    [],
    'SelfSubjectAccessReview',
    'authorization.k8s.io',
    'v1',
    false,
    ['create'],
  ),
  r(
    'selfsubjectrulesreviews',
    'selfsubjectrulesreview',
    [],
    'SelfSubjectRulesReview',
    'authorization.k8s.io',
    'v1',
    false,
    ['create'],
  ),
  r('subjectaccessreviews', 'subjectaccessreview', [], 'SubjectAccessReview', 'authorization.k8s.io', 'v1', false, [
    'create',
  ]),
  r('cronjobs', 'cronjob', ['cj'], 'CronJob', 'batch', 'v1', true),
  r('jobs', 'job', [], 'Job', 'batch', 'v1', true),
  r(
    'certificatesigningrequests',
    'certificatesigningrequest',
    ['csr'],
    'CertificateSigningRequest',
    'certificates.k8s.io',
    'v1',
    false,
  ),
  r('leases', 'lease', [], 'Lease', 'coordination.k8s.io', 'v1', true),
  r('endpointslices', 'endpointslice', [], 'EndpointSlice', 'discovery.k8s.io', 'v1', true),
  r('events', 'event', ['ev'], 'Event', 'events.k8s.io', 'v1', true),
  r('ingressclasses', 'ingressclass', [], 'IngressClass', 'networking.k8s.io', 'v1', false),
  r('ingresses', 'ingress', ['ing'], 'Ingress', 'networking.k8s.io', 'v1', true),
  r('networkpolicies', 'networkpolicy', ['netpol'], 'NetworkPolicy', 'networking.k8s.io', 'v1', true),
  r('clusterrolebindings', 'clusterrolebinding', [], 'ClusterRoleBinding', 'rbac.authorization.k8s.io', 'v1', false),
  r('clusterroles', 'clusterrole', [], 'ClusterRole', 'rbac.authorization.k8s.io', 'v1', false),
  r('rolebindings', 'rolebinding', [], 'RoleBinding', 'rbac.authorization.k8s.io', 'v1', true),
  r('roles', 'role', [], 'Role', 'rbac.authorization.k8s.io', 'v1', true),
  r('storageclasses', 'storageclass', ['sc'], 'StorageClass', 'storage.k8s.io', 'v1', false),
];

/** `apiVersion` as written in manifests: `v1` for the core group, `group/version` otherwise. */
export function apiVersionOf(res: ApiResource): string {
  return res.group ? `${res.group}/${res.version}` : res.version;
}

/** `resource` or `resource.group`, as API errors print a GroupResource (`deployments.apps`). */
export function groupResource(res: ApiResource): string {
  return res.group ? `${res.plural}.${res.group}` : res.plural;
}

/**
 * Resolve what a learner typed (`po`, `pod`, `pods`, `deploy.apps`, `Pod`) to a resource, as kubectl's
 * RESTMapper does; the core/apps group wins over events.k8s.io for `events`.
 */
export function resolveResource(typed: string): ApiResource | undefined {
  const lower = typed.toLowerCase();
  const dot = lower.indexOf('.');
  const name = dot >= 0 ? lower.slice(0, dot) : lower;
  const group = dot >= 0 ? lower.slice(dot + 1) : undefined;
  for (const res of API_RESOURCES) {
    if (group !== undefined && res.group !== group && !(group === 'v1' && res.group === '')) continue;
    if (
      res.plural === name ||
      res.singular === name ||
      res.kind.toLowerCase() === name ||
      res.shortNames.includes(name)
    )
      return res;
  }
  return undefined;
}

/** The resource served for an object's apiVersion and kind, for manifests. */
export function resourceForKind(apiVersion: string, kind: string): ApiResource | undefined {
  const [group, version] = apiVersion.includes('/') ? apiVersion.split('/', 2) : ['', apiVersion];
  return API_RESOURCES.find((res) => res.kind === kind && res.group === group && res.version === version);
}
