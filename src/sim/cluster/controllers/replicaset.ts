/**
 * The replicaset controller: keeps `spec.replicas` pods whose labels match, named `<rs>-<5 chars>`,
 * and reports how many exist, are ready and available. Which pods are its own follows the selector
 * (claim.ts): a relabelled pod is released and replaced, a matching orphan adopted.
 */
import type { Controller, ControllerContext } from '../controller';
import type { KubeObject } from '../types';
import { matchesLabelSelector, matchesSelector } from '../selectors';
import { claimObjects, controllerRefOf, controllerRefTo } from './claim';
import { isPodActive, isPodReady, rankForDeletion } from './activepods';

export { isPodReady };

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
      ownerReferences: [controllerRefTo(owner)],
    },
    spec: tpl.spec ?? {},
  };
}

/** Reconcile one ReplicaSet: claim the pods its selector picks, create or delete pods to reach spec.replicas, then update its status. */
export function syncReplicaSet(c: ControllerContext, namespace: string, name: string): void {
  const store = c.store;
  const rs = store.get('replicasets', namespace, name);
  if (!rs) return;
  // Active pods of the namespace, claimed by the selector: relabelled pods are released, matching orphans adopted.
  const pods = claimObjects(c, rs, rs.spec.selector, store.list('pods', namespace).filter(isPodActive));
  const want = rs.spec.replicas ?? 1;
  if (pods.length < want) {
    for (let i = pods.length; i < want; i++) {
      let podName = `${name}-${c.suffix()}`;
      while (store.get('pods', namespace, podName)) podName = `${name}-${c.suffix()}`;
      c.createInternal(podFromTemplate(rs, podName));
      c.recordEvent({
        involved: rs,
        reason: 'SuccessfulCreate',
        message: `Created pod: ${podName}`,
        source: { component: 'replicaset-controller' },
      });
    }
  } else if (pods.length > want) {
    for (const p of rankForDeletion(pods, relatedPods(c, rs), c.now()).slice(0, pods.length - want)) {
      c.deleteInternal('pods', namespace, p.metadata.name);
      c.recordEvent({
        involved: rs,
        reason: 'SuccessfulDelete',
        message: `Deleted pod: ${p.metadata.name}`,
        source: { component: 'replicaset-controller' },
      });
    }
  }
  // Terminating pods no longer count (controller.FilterActivePods).
  const now = store
    .list('pods', namespace)
    .filter((p) => controllerRefOf(p)?.uid === rs.metadata.uid && isPodActive(p));
  const ready = now.filter(isPodReady).length;
  const next = structuredClone(store.get('replicasets', namespace, name)!);
  // fullyLabeledReplicas: pods carrying every label of the template, not just the selector's.
  const labelled = now.filter((p) =>
    matchesSelector(rs.spec.template?.metadata?.labels ?? {}, p.metadata.labels),
  ).length;
  const status: any = {
    fullyLabeledReplicas: labelled,
    observedGeneration: next.metadata.generation ?? 1,
    replicas: now.length,
  };
  if (ready) {
    status.availableReplicas = ready;
    status.readyReplicas = ready;
  }
  if (!now.length) delete status.fullyLabeledReplicas;
  next.status = status;
  c.write(next);
}

/** The pods that count for doubling up on a node: those of this ReplicaSet and of its siblings under the same controller. */
function relatedPods(c: ControllerContext, rs: KubeObject): KubeObject[] {
  const owner = controllerRefOf(rs)?.uid;
  const family = new Set(
    owner
      ? c.store
          .list('replicasets', rs.metadata.namespace)
          .filter((r) => controllerRefOf(r)?.uid === owner)
          .map((r) => r.metadata.uid)
      : [rs.metadata.uid],
  );
  return c.store.list('pods', rs.metadata.namespace).filter((p) => family.has(controllerRefOf(p)?.uid));
}

/** The ReplicaSet controller: a ReplicaSet's own changes, and its pods' (an owned pod changed or went, an orphan to adopt). */
export const replicaSetController: Controller = {
  name: 'replicaset',
  watches: ['replicasets', 'pods'],
  sync(ctx, change) {
    const ns = change.namespace!;
    if (change.resource === 'replicasets') {
      syncReplicaSet(ctx, ns, change.name);
      return;
    }
    const pod = change.object;
    const owner = pod?.metadata.ownerReferences?.find((r) => r.controller);
    // Many pods of one ReplicaSet change in a round (it just made them): sync it once per round.
    if (owner?.kind === 'ReplicaSet' && ctx.firstInRound(`replicaset/${ns}/${owner.name}`))
      syncReplicaSet(ctx, ns, owner.name);
    // An orphan (released, or made by hand) is offered to every ReplicaSet whose selector picks it, to adopt.
    if (pod && !owner)
      for (const rs of ctx.store.list('replicasets', ns))
        if (matchesLabelSelector(rs.spec?.selector, pod.metadata.labels)) syncReplicaSet(ctx, ns, rs.metadata.name);
    // A deleted pod: its owner may need a replacement.
    if (!pod) for (const rs of ctx.store.list('replicasets', ns)) syncReplicaSet(ctx, ns, rs.metadata.name);
  },
};
