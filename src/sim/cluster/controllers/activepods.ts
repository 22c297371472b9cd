/**
 * Which pods a ReplicaSet deletes first when it has too many: controller.ActivePodsWithRanks, the
 * ranking kube-controller-manager v1.31 sorts by (LogarithmicScaleDown and PodDeletionCost on, as
 * by default). Earlier in the order = deleted first.
 */
import type { KubeObject } from '../types';

const PHASE_ORDINAL: Record<string, number> = { Pending: 0, Unknown: 1, Running: 2 };

/** Whether the pod's Ready condition is True. */
export function isPodReady(pod: KubeObject): boolean {
  return pod.status?.conditions?.some((c: any) => c.type === 'Ready' && c.status === 'True') ?? false;
}

/** Pods that still count for their controller: not finished, not being deleted (controller.FilterActivePods). */
export function isPodActive(pod: KubeObject): boolean {
  return pod.status?.phase !== 'Succeeded' && pod.status?.phase !== 'Failed' && !pod.metadata.deletionTimestamp;
}

const ms = (t: string | undefined): number | undefined => (t ? Date.parse(t) : undefined);

function readySince(pod: KubeObject): number | undefined {
  return ms(pod.status?.conditions?.find((c: any) => c.type === 'Ready' && c.status === 'True')?.lastTransitionTime);
}

function deletionCost(pod: KubeObject): number {
  const v = Number(pod.metadata.annotations?.['controller.kubernetes.io/pod-deletion-cost'] ?? 0);
  return Number.isInteger(v) ? v : 0;
}

function maxRestarts(pod: KubeObject): number {
  return Math.max(
    0,
    ...((pod.status?.containerStatuses ?? []) as { restartCount?: number }[]).map((s) => s.restartCount ?? 0),
  );
}

/** int(log2(age in ns)), -1 for an age <= 0: timestamps in the same power-of-two bucket tie. */
function logRank(t: number, now: number): number {
  const d = (now - t) * 1e6;
  return d > 0 ? Math.floor(Math.log2(d)) : -1;
}

/**
 * Order two pods by a timestamp as afterOrZero / logarithmicRankDiff do (negative: `a` goes first):
 * a missing time first, then the newer power-of-two age bucket; in the same bucket the lower uid.
 */
function compareTimes(
  a: KubeObject,
  ta: number | undefined,
  b: KubeObject,
  tb: number | undefined,
  now: number,
): number {
  if (ta === tb) return 0;
  if (ta === undefined) return -1;
  if (tb === undefined) return 1;
  const diff = logRank(ta, now) - logRank(tb, now);
  if (diff !== 0) return diff;
  return (a.metadata.uid ?? '') < (b.metadata.uid ?? '') ? -1 : (a.metadata.uid ?? '') > (b.metadata.uid ?? '') ? 1 : 0;
}

/**
 * `pods` in deletion order. `related` are the pods that count for doubling up (the owner's, and its
 * siblings' under the same Deployment): a pod sharing its node with more of them goes first.
 */
export function rankForDeletion(
  pods: readonly KubeObject[],
  related: readonly KubeObject[],
  now: number,
): KubeObject[] {
  const perNode = new Map<string, number>();
  for (const p of related)
    if (isPodActive(p) && p.spec?.nodeName) perNode.set(p.spec.nodeName, (perNode.get(p.spec.nodeName) ?? 0) + 1);
  const rank = (p: KubeObject): number => (p.spec?.nodeName ? (perNode.get(p.spec.nodeName) ?? 0) : 0);
  const order = (a: KubeObject, b: KubeObject): number => {
    const na = a.spec?.nodeName ?? '';
    const nb = b.spec?.nodeName ?? '';
    if (na !== nb && (!na || !nb)) return na ? 1 : -1; // unassigned first
    const pa = PHASE_ORDINAL[a.status?.phase ?? ''] ?? 0;
    const pb = PHASE_ORDINAL[b.status?.phase ?? ''] ?? 0;
    if (pa !== pb) return pa - pb; // Pending < Unknown < Running
    if (isPodReady(a) !== isPodReady(b)) return isPodReady(a) ? 1 : -1; // not ready first
    if (deletionCost(a) !== deletionCost(b)) return deletionCost(a) - deletionCost(b);
    if (rank(a) !== rank(b)) return rank(b) - rank(a); // doubled up first
    if (isPodReady(a) && isPodReady(b)) {
      const c = compareTimes(a, readySince(a), b, readySince(b), now);
      if (c !== 0) return c; // ready for less time first
    }
    if (maxRestarts(a) !== maxRestarts(b)) return maxRestarts(b) - maxRestarts(a);
    return compareTimes(a, ms(a.metadata.creationTimestamp), b, ms(b.metadata.creationTimestamp), now); // newer first
  };
  return [...pods].sort(order);
}
