/**
 * The StatefulSet controller (pkg/controller/statefulset, v1.31): pods with stable identities. Pod N
 * is `<set>-N`, its hostname is its name and its subdomain the set's `serviceName`, so the governing
 * headless Service gives it the DNS name `<set>-N.<serviceName>.<ns>.svc.<zone>`. With the default
 * `OrderedReady` policy the controller creates the pods one at a time in ordinal order, each only once
 * every lower one is Running and Ready; it replaces a missing pod under the same name; it scales down
 * from the highest ordinal, one pod at a time, waiting for each to be gone. `Parallel` creates and
 * deletes without waiting. Rolling updates of the template, ControllerRevisions and volume claim
 * templates are not emulated: a changed template applies to pods created afterwards.
 */
import type { Controller, ControllerContext } from '../controller';
import type { KubeObject } from '../types';
import { podTemplateHash } from '../hash';
import { controllerRefOf } from './claim';
import { isPodActive, isPodReady } from './activepods';
import { podFromTemplate } from './replicaset';

/** The ordinal of a pod named `<set>-N` that belongs to `set`, or undefined. */
function ordinalOf(set: KubeObject, pod: KubeObject): number | undefined {
  const m = /^(.*)-(\d+)$/.exec(pod.metadata.name);
  if (!m || m[1] !== set.metadata.name) return undefined;
  return Number(m[2]);
}

function isRunningAndReady(pod: KubeObject): boolean {
  return pod.status?.phase === 'Running' && isPodReady(pod);
}

/** newVersionedStatefulSetPod: the template's pod with the set's identity labels, hostname and subdomain. */
function newPod(set: KubeObject, ordinal: number, revision: string): KubeObject {
  const name = `${set.metadata.name}-${ordinal}`;
  const pod = podFromTemplate(set, name, {
    'apps.kubernetes.io/pod-index': String(ordinal),
    'controller-revision-hash': revision,
    'statefulset.kubernetes.io/pod-name': name,
  });
  pod.spec.hostname = name;
  if (set.spec.serviceName) pod.spec.subdomain = set.spec.serviceName;
  return pod;
}

/** Record one pod operation as stateful_pod_control.go does: `create Pod db-0 in StatefulSet db successful`. */
function recordPodEvent(c: ControllerContext, set: KubeObject, verb: 'Create' | 'Delete', pod: string): void {
  c.recordEvent({
    involved: set,
    reason: `Successful${verb}`,
    message: `${verb.toLowerCase()} Pod ${pod} in StatefulSet ${set.metadata.name} successful`,
    source: { component: 'statefulset-controller' },
  });
}

/** Reconcile one StatefulSet: at most one step for OrderedReady (create the next pod, or delete the highest surplus one), then its status. */
export function syncStatefulSet(c: ControllerContext, namespace: string, name: string): void {
  const set = c.store.get('statefulsets', namespace, name);
  if (!set || set.metadata.deletionTimestamp) return;
  const replicas: number = set.spec.replicas ?? 1;
  const monotonic = (set.spec.podManagementPolicy ?? 'OrderedReady') !== 'Parallel';
  const revision = `${name}-${podTemplateHash(set.spec.template)}`;
  const owned = c.store.list('pods', namespace).filter((p) => controllerRefOf(p)?.uid === set.metadata.uid);
  const byOrdinal = new Map<number, KubeObject>();
  for (const p of owned) {
    const ord = ordinalOf(set, p);
    if (ord !== undefined) byOrdinal.set(ord, p);
  }
  step: {
    for (let i = 0; i < replicas; i++) {
      const pod = byOrdinal.get(i);
      if (!pod) {
        const created = newPod(set, i, revision);
        c.createInternal(created);
        recordPodEvent(c, set, 'Create', created.metadata.name);
        if (monotonic) break step;
        continue;
      }
      // A pod being deleted is replaced under its name once it is gone; an OrderedReady set waits for every pod to be Ready.
      if (monotonic && (!isPodActive(pod) || !isRunningAndReady(pod))) break step;
    }
    const condemned = [...byOrdinal.entries()].filter(([ord]) => ord >= replicas).sort((a, b) => b[0] - a[0]);
    for (const [, pod] of condemned) {
      if (pod.metadata.deletionTimestamp) {
        if (monotonic) break step;
        continue;
      }
      c.deleteInternal('pods', namespace, pod.metadata.name);
      recordPodEvent(c, set, 'Delete', pod.metadata.name);
      if (monotonic) break step;
    }
  }
  const pods = c.store
    .list('pods', namespace)
    .filter((p) => controllerRefOf(p)?.uid === set.metadata.uid && ordinalOf(set, p) !== undefined);
  const ready = pods.filter(isPodReady).length;
  const current = pods.filter((p) => p.metadata.labels?.['controller-revision-hash'] === revision).length;
  const live = c.store.get('statefulsets', namespace, name)!;
  const status: Record<string, unknown> = {
    availableReplicas: ready,
    collisionCount: 0,
    currentReplicas: current,
    currentRevision: revision,
    observedGeneration: live.metadata.generation ?? 1,
    readyReplicas: ready,
    replicas: pods.length,
    updateRevision: revision,
    updatedReplicas: current,
  };
  if (!ready) {
    delete status.readyReplicas;
  }
  if (!current) {
    delete status.currentReplicas;
    delete status.updatedReplicas;
  }
  c.write({ ...live, metadata: { ...live.metadata }, status });
}

/** The StatefulSet controller: a set's own changes, and its pods' (one became Ready, went away, or is being deleted). */
export const statefulSetController: Controller = {
  name: 'statefulset',
  watches: ['statefulsets', 'pods'],
  sync(ctx, change) {
    const ns = change.namespace!;
    if (change.resource === 'statefulsets') {
      syncStatefulSet(ctx, ns, change.name);
      return;
    }
    const owner = change.object ? controllerRefOf(change.object) : undefined;
    if (owner?.kind === 'StatefulSet') syncStatefulSet(ctx, ns, owner.name);
    // A pod removed from the store: its set may need it back.
    if (!change.object)
      for (const set of ctx.store.list('statefulsets', ns)) syncStatefulSet(ctx, ns, set.metadata.name);
  },
};
