/**
 * The scheduler: binds a pending pod to the feasible node with the fewest pods (ties broken by the
 * seeded stream, as kube-scheduler picks at random among equal scores). Feasible means: Ready,
 * schedulable, taints tolerated, nodeSelector/affinity matched, and under the node's pod limit.
 */
import type { Controller, ControllerContext } from '../controller';
import type { KubeObject } from '../types';
import { rfc3339 } from '../../format/duration';
import { isNodeReady, matchesNodeSelection, untoleratedTaint } from './scheduling';

/** A pod's priority (spec.priority, which the Priority admission plugin set from its PriorityClass). */
export function priorityOf(pod: KubeObject): number {
  return typeof pod.spec?.priority === 'number' ? pod.spec.priority : 0;
}

const isActive = (p: KubeObject) => p.status?.phase !== 'Succeeded' && p.status?.phase !== 'Failed';

/** Pods on a node, and pods nominated to it by preemption that outrank (or equal) `pod`: the room they take. */
function podCount(c: ControllerContext, node: string, pod?: KubeObject): number {
  const prio = pod ? priorityOf(pod) : 0;
  return c.store
    .list('pods')
    .filter(
      (p) =>
        isActive(p) &&
        (p.spec?.nodeName === node ||
          (!p.spec?.nodeName &&
            p.status?.nominatedNodeName === node &&
            p.metadata.uid !== pod?.metadata.uid &&
            priorityOf(p) >= prio)),
    ).length;
}

/**
 * Preemption (kube-scheduler's DefaultPreemption, reduced to the pod limit): on a node that only
 * lacked room, the pods of lower priority go, least important first (lowest priority, latest
 * start); the first such node needing the fewest victims is chosen. Returns the node, or undefined.
 */
function preempt(c: ControllerContext, pod: KubeObject, roomless: KubeObject[]): string | undefined {
  const prio = priorityOf(pod);
  if (prio <= 0) return undefined;
  let best: { node: string; victims: KubeObject[] } | undefined;
  for (const node of roomless) {
    const name = node.metadata.name;
    const need = podCount(c, name, pod) - maxPods(c, node) + 1;
    const lower = c.store
      .list('pods')
      .filter((p) => p.spec?.nodeName === name && isActive(p) && !p.metadata.deletionTimestamp && priorityOf(p) < prio)
      .sort(
        (a, b) =>
          priorityOf(a) - priorityOf(b) ||
          String(b.metadata.creationTimestamp).localeCompare(String(a.metadata.creationTimestamp)),
      );
    if (need > 0 && lower.length >= need && (!best || need < best.victims.length))
      best = { node: name, victims: lower.slice(0, need) };
  }
  if (!best) return undefined;
  for (const v of best.victims) {
    c.deleteInternal('pods', v.metadata.namespace!, v.metadata.name);
    c.recordEvent({
      involved: v,
      reason: 'Preempted',
      message: `Preempted by pod ${pod.metadata.uid} on node ${best.node}`,
      source: { component: 'default-scheduler' },
    });
  }
  return best.node;
}

function maxPods(c: ControllerContext, node: KubeObject): number {
  return Number(node.status?.allocatable?.pods ?? c.config?.maxPodsPerNode ?? 110);
}

/** Try to bind one pod; records Scheduled or FailedScheduling. */
export function schedulePod(c: ControllerContext, pod: KubeObject): void {
  if (pod.spec?.nodeName || (pod.spec?.schedulerName && pod.spec.schedulerName !== 'default-scheduler')) return;
  const nodes = c.store.list('nodes');
  const reasons = new Map<string, number>();
  const note = (r: string) => reasons.set(r, (reasons.get(r) ?? 0) + 1);
  const feasible: Array<{ node: KubeObject; count: number }> = [];
  const roomless: KubeObject[] = [];
  for (const node of nodes) {
    if (!isNodeReady(node)) {
      note('node(s) had untolerated taint {node.kubernetes.io/not-ready: }');
      continue;
    }
    if (node.spec?.unschedulable) {
      note('node(s) were unschedulable');
      continue;
    }
    const taint = untoleratedTaint(node, pod.spec);
    if (taint) {
      note(`node(s) had untolerated taint {${taint.key}: ${taint.value ?? ''}}`);
      continue;
    }
    if (!matchesNodeSelection(node, pod.spec)) {
      note("node(s) didn't match Pod's node affinity/selector");
      continue;
    }
    const count = podCount(c, node.metadata.name, pod);
    if (count >= maxPods(c, node)) {
      note('Too many pods');
      roomless.push(node);
      continue;
    }
    feasible.push({ node, count });
  }
  const next = structuredClone(pod);
  if (!feasible.length) {
    // A pod already nominated waits for its victims to go; otherwise it may preempt lower-priority pods.
    const nominated = pod.status?.nominatedNodeName as string | undefined;
    const preemptedOn = nominated ? undefined : preempt(c, pod, roomless);
    // The scheduler sorts the formatted "<count> <reason>" strings, count included.
    const detail = [...reasons.entries()]
      .map(([r, n]) => `${n} ${r}`)
      .sort()
      .join(', ');
    // Preemption could only help on nodes that failed for lack of room; with no lower-priority pods there it finds no victims.
    const resolvable = (reasons.get('Too many pods') ?? 0) - (preemptedOn ? 1 : 0);
    const preemption = [
      ...(resolvable ? [`${resolvable} No preemption victims found for incoming pod`] : []),
      ...(nodes.length - resolvable || !resolvable
        ? [`${nodes.length - resolvable} Preemption is not helpful for scheduling`]
        : []),
    ]
      .sort()
      .join(', ');
    const message = `0/${nodes.length} nodes are available: ${detail ? detail + '. ' : ''}preemption: 0/${nodes.length} nodes are available: ${preemption}.`;
    const already = pod.status?.conditions?.find((x: any) => x.type === 'PodScheduled');
    if (already?.message === message && !preemptedOn) return;
    next.status = {
      ...(next.status ?? {}),
      ...(preemptedOn ? { nominatedNodeName: preemptedOn } : {}),
      phase: 'Pending',
      conditions: [
        {
          lastProbeTime: null,
          lastTransitionTime: rfc3339(c.now()),
          message,
          reason: 'Unschedulable',
          status: 'False',
          type: 'PodScheduled',
        },
      ],
    };
    c.write(next);
    c.recordEvent({
      involved: pod,
      type: 'Warning',
      reason: 'FailedScheduling',
      message,
      source: { component: 'default-scheduler' },
    });
    return;
  }
  const least = Math.min(...feasible.map((f) => f.count));
  const best = feasible.filter((f) => f.count === least);
  const chosen = best.length === 1 ? best[0]! : best[c.rng.int(best.length)]!;
  next.spec.nodeName = chosen.node.metadata.name;
  next.status = { ...(next.status ?? {}), phase: 'Pending' };
  delete next.status.nominatedNodeName;
  c.write(next);
  c.recordEvent({
    involved: next,
    reason: 'Scheduled',
    message: `Successfully assigned ${pod.metadata.namespace}/${pod.metadata.name} to ${chosen.node.metadata.name}`,
    source: { component: 'default-scheduler' },
  });
}

/** kube-scheduler: binds each unscheduled pod. */
export const schedulerController: Controller = {
  name: 'scheduler',
  watches: ['pods'],
  sync(ctx, { object: pod }) {
    if (pod && !pod.spec?.nodeName) schedulePod(ctx, pod);
    // A pod gone from its node frees a slot: unschedulable pods get another try (the scheduling
    // queue's AssignedPodDelete event moves them back to the active queue).
    if (!pod) for (const p of ctx.store.list('pods')) if (!p.spec?.nodeName) schedulePod(ctx, p);
  },
};

/**
 * kube-scheduler again, when a node joins or changes: every pending pod gets another try. Listed
 * after the DaemonSet controller, so a new node's daemon pods exist before pending pods are placed.
 */
export const pendingPodsController: Controller = {
  name: 'scheduler-node-events',
  watches: ['nodes'],
  sync(ctx) {
    for (const p of ctx.store.list('pods')) if (!p.spec?.nodeName) schedulePod(ctx, p);
  },
};
