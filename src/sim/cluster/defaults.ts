/**
 * Defaulting, as the API server's SetDefaults_* functions fill an object before storing it.
 * Only static defaults live here; allocated values (cluster IPs, node ports) come from cluster.ts.
 */
import type { KubeObject } from './types';
import { defaultExternalTrafficPolicy } from './servicepolicy';

/** kubelet/apiserver image pull policy default: Always for `:latest` or no tag, otherwise IfNotPresent. */
export function defaultPullPolicy(image: string): string {
  const lastSlash = image.lastIndexOf('/');
  const tail = image.slice(lastSlash + 1);
  if (tail.includes('@')) return 'IfNotPresent';
  const colon = tail.indexOf(':');
  if (colon < 0) return 'Always';
  return tail.slice(colon + 1) === 'latest' ? 'Always' : 'IfNotPresent';
}

function defaultContainer(c: any): void {
  c.imagePullPolicy ??= defaultPullPolicy(String(c.image ?? ''));
  c.resources ??= {};
  c.terminationMessagePath ??= '/dev/termination-log';
  c.terminationMessagePolicy ??= 'File';
  for (const p of c.ports ?? []) p.protocol ??= 'TCP';
}

/** Defaults of a PodSpec (pods and pod templates alike). */
export function defaultPodSpec(spec: any): void {
  for (const c of spec.containers ?? []) defaultContainer(c);
  for (const c of spec.initContainers ?? []) defaultContainer(c);
  spec.dnsPolicy ??= 'ClusterFirst';
  spec.restartPolicy ??= 'Always';
  spec.schedulerName ??= 'default-scheduler';
  spec.securityContext ??= {};
  spec.terminationGracePeriodSeconds ??= 30;
}

/** The built-in PriorityClasses (scheduling/v1, SystemCriticalPriority = 2000000000). */
const BUILTIN_PRIORITY_CLASSES: Readonly<Record<string, number>> = {
  'system-cluster-critical': 2000000000,
  'system-node-critical': 2000001000,
};

/** Pod-only defaults the admission plugins add (service account, tolerations, priority). */
function defaultPod(pod: KubeObject): void {
  const spec = (pod.spec ??= {});
  defaultPodSpec(spec);
  spec.enableServiceLinks ??= true;
  spec.preemptionPolicy ??= 'PreemptLowerPriority';
  // The Priority admission plugin: the value of the pod's PriorityClass (the two built-in ones), else 0.
  spec.priority ??= BUILTIN_PRIORITY_CLASSES[spec.priorityClassName as string] ?? 0;
  spec.serviceAccountName ??= spec.serviceAccount ?? 'default';
  spec.serviceAccount ??= spec.serviceAccountName;
  const tol: any[] = (spec.tolerations ??= []);
  for (const key of ['node.kubernetes.io/not-ready', 'node.kubernetes.io/unreachable']) {
    if (!tol.some((t) => t.key === key || (t.operator === 'Exists' && !t.key)))
      tol.push({ effect: 'NoExecute', key, operator: 'Exists', tolerationSeconds: 300 });
  }
  pod.status ??= { phase: 'Pending', qosClass: qosClass(spec) };
}

/**
 * The pod's QoS class as the API server computes it on create (pkg/apis/core/helper/qos):
 * Guaranteed when every container sets cpu and memory limits equal to its requests (requests
 * default to limits), BestEffort when no container sets any, Burstable otherwise.
 */
export function qosClass(spec: any): 'Guaranteed' | 'Burstable' | 'BestEffort' {
  const containers: any[] = [...(spec.initContainers ?? []), ...(spec.containers ?? [])];
  let any = false;
  let guaranteed = true;
  for (const c of containers) {
    const limits = c.resources?.limits ?? {};
    const requests = { ...limits, ...(c.resources?.requests ?? {}) };
    if (Object.keys(limits).length || Object.keys(requests).length) any = true;
    for (const r of ['cpu', 'memory']) {
      if (limits[r] === undefined || String(requests[r]) !== String(limits[r])) guaranteed = false;
    }
  }
  if (!any) return 'BestEffort';
  return guaranteed ? 'Guaranteed' : 'Burstable';
}

function defaultTemplate(obj: KubeObject): void {
  const tpl = (obj.spec.template ??= {});
  tpl.metadata ??= {};
  tpl.metadata.creationTimestamp ??= null;
  defaultPodSpec((tpl.spec ??= {}));
}

function defaultDeployment(d: KubeObject): void {
  const spec = (d.spec ??= {});
  spec.replicas ??= 1;
  spec.revisionHistoryLimit ??= 10;
  spec.progressDeadlineSeconds ??= 600;
  spec.strategy ??= { type: 'RollingUpdate' };
  if (spec.strategy.type === 'RollingUpdate')
    spec.strategy.rollingUpdate ??= { maxSurge: '25%', maxUnavailable: '25%' };
  defaultTemplate(d);
  d.status ??= {};
}

function defaultDaemonSet(ds: KubeObject): void {
  const spec = (ds.spec ??= {});
  spec.revisionHistoryLimit ??= 10;
  spec.updateStrategy ??= { type: 'RollingUpdate', rollingUpdate: { maxSurge: 0, maxUnavailable: 1 } };
  defaultTemplate(ds);
  ds.status ??= { currentNumberScheduled: 0, desiredNumberScheduled: 0, numberMisscheduled: 0, numberReady: 0 };
}

/** apps/v1 SetDefaults_StatefulSet (StatefulSetAutoDeletePVC on, MaxUnavailableStatefulSet off, as in v1.31). */
function defaultStatefulSet(set: KubeObject): void {
  const spec = (set.spec ??= {});
  spec.podManagementPolicy ||= 'OrderedReady';
  if (!spec.updateStrategy?.type)
    spec.updateStrategy = { type: 'RollingUpdate', rollingUpdate: spec.updateStrategy?.rollingUpdate ?? {} };
  if (spec.updateStrategy.type === 'RollingUpdate' && spec.updateStrategy.rollingUpdate)
    spec.updateStrategy.rollingUpdate.partition ??= 0;
  spec.persistentVolumeClaimRetentionPolicy ??= {};
  spec.persistentVolumeClaimRetentionPolicy.whenDeleted ||= 'Retain';
  spec.persistentVolumeClaimRetentionPolicy.whenScaled ||= 'Retain';
  spec.replicas ??= 1;
  spec.revisionHistoryLimit ??= 10;
  defaultTemplate(set);
  set.status ??= { availableReplicas: 0, replicas: 0 };
}

function defaultReplicaSet(rs: KubeObject): void {
  rs.spec ??= {};
  rs.spec.replicas ??= 1;
  defaultTemplate(rs);
  rs.status ??= { replicas: 0 };
}

/** v1.DefaultClientIPServiceAffinitySeconds: three hours. */
export const DEFAULT_CLIENT_IP_AFFINITY_SECONDS = 10800;

/** Service defaults that need no allocator: policies, protocols, target ports. */
function defaultService(svc: KubeObject): void {
  const spec = (svc.spec ??= {});
  spec.type ??= 'ClusterIP';
  spec.sessionAffinity ??= 'None';
  // SetDefaults_Service: None drops any config; ClientIP without a timeout gets the 3-hour default.
  if (spec.sessionAffinity === 'None') delete spec.sessionAffinityConfig;
  else if (spec.sessionAffinity === 'ClientIP' && spec.sessionAffinityConfig?.clientIP?.timeoutSeconds === undefined) {
    spec.sessionAffinityConfig = { clientIP: { timeoutSeconds: DEFAULT_CLIENT_IP_AFFINITY_SECONDS } };
  }
  // Ports are defaulted whatever the type (an ExternalName service may list ports too).
  for (const p of spec.ports ?? []) {
    p.protocol ??= 'TCP';
    p.targetPort ??= p.port;
  }
  if (spec.type !== 'ExternalName') {
    spec.internalTrafficPolicy ??= 'Cluster';
    // NodePort, LoadBalancer and (since 1.29) ClusterIP with externalIPs; a policy a type change
    // made meaningless is dropped on update (servicepolicy.ts dropTrafficPolicyFields), not here.
    defaultExternalTrafficPolicy(spec);
    if (spec.type === 'LoadBalancer') spec.allocateLoadBalancerNodePorts ??= true;
    else delete spec.allocateLoadBalancerNodePorts;
  }
  svc.status ??= { loadBalancer: {} };
}

/** SetDefaults_EndpointPort: a hand-made Endpoints' ports speak TCP unless they say otherwise. */
function defaultEndpoints(ep: KubeObject): void {
  for (const subset of ep.subsets ?? []) for (const p of subset.ports ?? []) p.protocol ??= 'TCP';
}

/** discovery/v1 SetDefaults_EndpointPort: an EndpointSlice port's protocol defaults to TCP too. */
function defaultEndpointSlice(slice: KubeObject): void {
  for (const p of slice.ports ?? []) p.protocol ??= 'TCP';
}

function defaultNamespace(ns: KubeObject): void {
  ns.metadata.labels = { ...(ns.metadata.labels ?? {}), 'kubernetes.io/metadata.name': ns.metadata.name };
  ns.spec ??= { finalizers: ['kubernetes'] };
  ns.status ??= { phase: 'Active' };
}

/** Apply the API server's defaults for `obj`'s kind, in place. */
export function applyDefaults(obj: KubeObject): void {
  switch (obj.kind) {
    case 'Pod':
      return defaultPod(obj);
    case 'Deployment':
      return defaultDeployment(obj);
    case 'ReplicaSet':
      return defaultReplicaSet(obj);
    case 'DaemonSet':
      return defaultDaemonSet(obj);
    case 'StatefulSet':
      return defaultStatefulSet(obj);
    case 'Service':
      return defaultService(obj);
    case 'Namespace':
      return defaultNamespace(obj);
    case 'Endpoints':
      return defaultEndpoints(obj);
    case 'EndpointSlice':
      return defaultEndpointSlice(obj);
    case 'Secret':
      obj.type ??= 'Opaque';
      return;
  }
}
