/**
 * The daemonset controller: one pod per eligible node, pinned with required node affinity on
 * `metadata.name` (as the real controller does) and named `<ds>-<5 chars>`.
 */
import type { Controller, ControllerContext } from '../controller';
import { podTemplateHash } from '../hash';
import { sameJson } from '../jsonequal';
import { podFromTemplate, isPodReady } from './replicaset';
import { matchesNodeSelection, untoleratedTaint } from './scheduling';

/** Tolerations the controller adds to every daemon pod (daemon/util AddOrUpdateDaemonPodTolerations). */
const DAEMON_TOLERATIONS = [
  { effect: 'NoExecute', key: 'node.kubernetes.io/not-ready', operator: 'Exists' },
  { effect: 'NoExecute', key: 'node.kubernetes.io/unreachable', operator: 'Exists' },
  { effect: 'NoSchedule', key: 'node.kubernetes.io/disk-pressure', operator: 'Exists' },
  { effect: 'NoSchedule', key: 'node.kubernetes.io/memory-pressure', operator: 'Exists' },
  { effect: 'NoSchedule', key: 'node.kubernetes.io/pid-pressure', operator: 'Exists' },
  { effect: 'NoSchedule', key: 'node.kubernetes.io/unschedulable', operator: 'Exists' },
];

/** Reconcile one DaemonSet: create missing daemon pods, remove those on ineligible nodes, update status. */
export function syncDaemonSet(c: ControllerContext, namespace: string, name: string): void {
  const store = c.store;
  const ds = store.get('daemonsets', namespace, name);
  if (!ds) return;
  const podSpec = ds.spec.template?.spec ?? {};
  const nodes = store
    .list('nodes')
    .filter(
      (n) =>
        !untoleratedTaint(n, { tolerations: [...(podSpec.tolerations ?? []), ...DAEMON_TOLERATIONS] }) &&
        matchesNodeSelection(n, { nodeSelector: podSpec.nodeSelector }),
    );
  const eligible = new Set(nodes.map((n) => n.metadata.name));
  const pods = store
    .list('pods', namespace)
    .filter((p) => p.metadata.ownerReferences?.some((r) => r.uid === ds.metadata.uid));
  const nodeOf = (p: any): string | undefined =>
    p.spec?.nodeName ??
    p.spec?.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution?.nodeSelectorTerms?.[0]
      ?.matchFields?.[0]?.values?.[0];
  const hash = podTemplateHash(ds.spec.template);
  for (const node of nodes) {
    if (pods.some((p) => nodeOf(p) === node.metadata.name)) continue;
    let podName = `${name}-${c.suffix()}`;
    while (store.get('pods', namespace, podName)) podName = `${name}-${c.suffix()}`;
    const pod = podFromTemplate(ds, podName, {
      'controller-revision-hash': hash,
      'pod-template-generation': String(ds.metadata.generation ?? 1),
    });
    pod.spec.affinity = {
      ...(pod.spec.affinity ?? {}),
      nodeAffinity: {
        requiredDuringSchedulingIgnoredDuringExecution: {
          nodeSelectorTerms: [
            { matchFields: [{ key: 'metadata.name', operator: 'In', values: [node.metadata.name] }] },
          ],
        },
      },
    };
    const tol: any[] = (pod.spec.tolerations ??= []);
    const extra = pod.spec.hostNetwork
      ? [
          ...DAEMON_TOLERATIONS,
          { effect: 'NoSchedule', key: 'node.kubernetes.io/network-unavailable', operator: 'Exists' },
        ]
      : DAEMON_TOLERATIONS;
    for (const t of extra) if (!tol.some((x) => x.key === t.key && x.effect === t.effect)) tol.push(t);
    c.createInternal(pod);
    c.recordEvent({
      involved: ds,
      reason: 'SuccessfulCreate',
      message: `Created pod: ${podName}`,
      source: { component: 'daemonset-controller' },
    });
  }
  rollingUpdate(c, ds, pods, nodes.length, hash, nodeOf);
  for (const p of pods) {
    const n = nodeOf(p);
    if (n && !eligible.has(n)) {
      c.deleteInternal('pods', namespace, p.metadata.name);
      c.recordEvent({
        involved: ds,
        reason: 'SuccessfulDelete',
        message: `Deleted pod: ${p.metadata.name}`,
        source: { component: 'daemonset-controller' },
      });
    }
  }
  const now = store
    .list('pods', namespace)
    .filter((p) => p.metadata.ownerReferences?.some((r) => r.uid === ds.metadata.uid));
  const ready = now.filter(isPodReady).length;
  const live = store.get('daemonsets', namespace, name)!;
  const status: any = {
    currentNumberScheduled: now.filter((p) => p.spec?.nodeName).length,
    desiredNumberScheduled: nodes.length,
    numberMisscheduled: 0,
    numberReady: ready,
    observedGeneration: live.metadata.generation ?? 1,
    updatedNumberScheduled: now.filter((p) => p.metadata.labels?.['controller-revision-hash'] === hash).length,
  };
  if (ready) status.numberAvailable = ready;
  if (nodes.length - ready > 0) status.numberUnavailable = nodes.length - ready;
  // Every node and daemon pod change syncs every DaemonSet; most leave the status as it was, and
  // comparing the status alone says so without copying and comparing the whole object.
  if (sameJson(status, live.status)) return;
  // Stored objects are never changed in place, so the new version may share the unchanged spec
  // (and podTemplateHash's memo of its template) with the old; metadata is copied because the
  // store writes the new resourceVersion into it.
  c.write({ ...live, metadata: { ...live.metadata }, status });
}

/**
 * RollingUpdate (the default strategy, maxSurge 0): when the template changed, replace the pods of
 * the old template at most maxUnavailable (default 1) nodes at a time. A deleted pod's node gets a
 * pod of the new template once the old one is gone, and the next old pod goes only when that one is
 * ready (daemon/update.go rollingUpdate: old unavailable pods first, then available ones within
 * the budget).
 */
function rollingUpdate(
  c: ControllerContext,
  ds: any,
  pods: readonly any[],
  desired: number,
  hash: string,
  nodeOf: (p: any) => string | undefined,
): void {
  const strategy = ds.spec.updateStrategy ?? { type: 'RollingUpdate' };
  if (strategy.type === 'OnDelete') return;
  const maxUnavailable = budget(strategy.rollingUpdate?.maxUnavailable ?? 1, desired);
  const live = pods.filter((p) => !p.metadata.deletionTimestamp);
  const old = live.filter((p) => p.metadata.labels?.['controller-revision-hash'] !== hash);
  if (old.length === 0) return;
  const availableNodes = new Set(live.filter(isPodReady).map(nodeOf));
  let unavailable = desired - availableNodes.size;
  const victims = [...old.filter((p) => !isPodReady(p)), ...old.filter((p) => isPodReady(p))];
  for (const p of victims) {
    if (isPodReady(p)) {
      if (unavailable >= maxUnavailable) break;
      unavailable++;
    }
    c.deleteInternal('pods', p.metadata.namespace, p.metadata.name);
    c.recordEvent({
      involved: ds,
      reason: 'SuccessfulDelete',
      message: `Deleted pod: ${p.metadata.name}`,
      source: { component: 'daemonset-controller' },
    });
  }
}

/** maxUnavailable as a count: an integer, or a percentage of the desired pods rounded up (at least 1). */
function budget(v: number | string, desired: number): number {
  if (typeof v === 'number') return Math.max(1, v);
  const m = /^(\d+)%$/.exec(v);
  return m ? Math.max(1, Math.ceil((Number(m[1]) * desired) / 100)) : 1;
}

/** The DaemonSet controller: a DaemonSet's own changes, every DaemonSet when a node changes, and its pods'. */
export const daemonSetController: Controller = {
  name: 'daemonset',
  watches: ['daemonsets', 'nodes', 'pods'],
  sync(ctx, change) {
    if (change.resource === 'daemonsets') {
      syncDaemonSet(ctx, change.namespace!, change.name);
      return;
    }
    if (change.resource === 'nodes') {
      for (const ds of ctx.store.list('daemonsets')) syncDaemonSet(ctx, ds.metadata.namespace!, ds.metadata.name);
      return;
    }
    const ns = change.namespace!;
    const pod = change.object;
    const owner = pod?.metadata.ownerReferences?.find((r) => r.controller);
    if (owner?.kind === 'DaemonSet') syncDaemonSet(ctx, ns, owner.name);
    // A deleted pod: its owner may need a replacement.
    if (!pod) for (const ds of ctx.store.list('daemonsets', ns)) syncDaemonSet(ctx, ns, ds.metadata.name);
  },
};
