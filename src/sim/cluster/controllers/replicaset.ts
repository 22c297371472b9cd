/**
 * The replicaset controller: keeps `spec.replicas` pods whose labels match, named `<rs>-<5 chars>`,
 * and reports how many exist, are ready and available.
 */
import type { Cluster } from '../cluster';
import type { KubeObject } from '../types';
import { matchesLabelSelector } from '../selectors';

/** Build a pod from a workload's template, owned by that workload. */
export function podFromTemplate(owner: KubeObject, name: string, extraLabels: Record<string, string> = {}): KubeObject {
  const tpl = structuredClone(owner.spec.template ?? {});
  const meta = tpl.metadata ?? {};
  delete meta.creationTimestamp;
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      ...meta,
      name,
      generateName: `${owner.metadata.name}-`,
      namespace: owner.metadata.namespace,
      labels: { ...(meta.labels ?? {}), ...extraLabels },
      ownerReferences: [{ apiVersion: owner.apiVersion, blockOwnerDeletion: true, controller: true, kind: owner.kind, name: owner.metadata.name, uid: owner.metadata.uid! }],
    },
    spec: tpl.spec ?? {},
  };
}

export function isPodReady(pod: KubeObject): boolean {
  return pod.status?.conditions?.some((c: any) => c.type === 'Ready' && c.status === 'True') ?? false;
}

/** Reconcile one ReplicaSet: create or delete pods to reach spec.replicas, then update its status. */
export function syncReplicaSet(c: Cluster, namespace: string, name: string): void {
  const store = c.emu.store;
  const rs = store.get('replicasets', namespace, name);
  if (!rs) return;
  const pods = store.list('pods', namespace).filter((p) => p.metadata.ownerReferences?.some((r) => r.uid === rs.metadata.uid) && !p.metadata.deletionTimestamp);
  const want = rs.spec.replicas ?? 1;
  if (pods.length < want) {
    for (let i = pods.length; i < want; i++) {
      let podName = `${name}-${c.suffix()}`;
      while (store.get('pods', namespace, podName)) podName = `${name}-${c.suffix()}`;
      c.createInternal(podFromTemplate(rs, podName));
      c.recordEvent({ involved: rs, reason: 'SuccessfulCreate', message: `Created pod: ${podName}`, source: { component: 'replicaset-controller' } });
    }
  } else if (pods.length > want) {
    // Scale down: not-yet-running and newest pods first, as the controller's ranking does.
    const ranked = [...pods].sort((a, b) => Number(isPodReady(a)) - Number(isPodReady(b)) || (b.metadata.creationTimestamp ?? '').localeCompare(a.metadata.creationTimestamp ?? '') || b.metadata.name.localeCompare(a.metadata.name));
    for (const p of ranked.slice(0, pods.length - want)) {
      c.deleteInternal('pods', namespace, p.metadata.name);
      c.recordEvent({ involved: rs, reason: 'SuccessfulDelete', message: `Deleted pod: ${p.metadata.name}`, source: { component: 'replicaset-controller' } });
    }
  }
  // Terminating pods no longer count (controller.FilterActivePods).
  const now = store.list('pods', namespace).filter((p) => p.metadata.ownerReferences?.some((r) => r.uid === rs.metadata.uid) && !p.metadata.deletionTimestamp);
  const ready = now.filter(isPodReady).length;
  const next = structuredClone(store.get('replicasets', namespace, name)!);
  const labelled = now.filter((p) => matchesLabelSelector(rs.spec.selector, p.metadata.labels)).length;
  const status: any = { fullyLabeledReplicas: labelled, observedGeneration: next.metadata.generation ?? 1, replicas: now.length };
  if (ready) {
    status.availableReplicas = ready;
    status.readyReplicas = ready;
  }
  if (!now.length) delete status.fullyLabeledReplicas;
  next.status = status;
  c.write(next);
}
