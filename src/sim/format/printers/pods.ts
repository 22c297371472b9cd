/**
 * The pod table, a port of printers.go printPod: READY counts ready containers (and started
 * restartable init containers), STATUS walks init containers then containers (last to first) to
 * find the reason a learner sees (`Init:0/1`, `CrashLoopBackOff`, `Completed`, `Terminating`...).
 */
import type { KubeObject } from '../../cluster/types';
import { age, humanDuration, parseTimestamp } from '../duration';
import { col, type PrintContext, type TablePrinter } from './types';

interface ContainerState {
  running?: { startedAt?: string };
  waiting?: { reason?: string; message?: string };
  terminated?: { reason?: string; exitCode?: number; signal?: number; finishedAt?: string };
}

interface ContainerStatus {
  name: string;
  ready?: boolean;
  started?: boolean;
  restartCount?: number;
  state?: ContainerState;
  lastState?: ContainerState;
}

/** The cells printPod derives from status: ready/total, status reason, restarts text. */
export function podStatusCells(pod: KubeObject, now: number): { ready: string; status: string; restarts: string } {
  const spec = pod.spec ?? {};
  const status = pod.status ?? {};
  const containers: unknown[] = spec.containers ?? [];
  const initContainers: { name: string; restartPolicy?: string }[] = spec.initContainers ?? [];
  const conditions: { type: string; status: string; reason?: string }[] = status.conditions ?? [];
  let totalContainers = containers.length;
  let readyContainers = 0;
  let restarts = 0;
  let restartableInitRestarts = 0;
  let lastRestart = 0;
  let lastRestartableInitRestart = 0;

  const phase: string = status.phase ?? '';
  let reason: string = status.reason || phase;
  if (conditions.some((c) => c.type === 'PodScheduled' && c.reason === 'SchedulingGated')) reason = 'SchedulingGated';

  const restartable = new Set(initContainers.filter((c) => c.restartPolicy === 'Always').map((c) => c.name));
  totalContainers += restartable.size;

  const finishedAt = (cs: ContainerStatus): number => parseTimestamp(cs.lastState?.terminated?.finishedAt) ?? 0;

  let initializing = false;
  const initStatuses: ContainerStatus[] = status.initContainerStatuses ?? [];
  for (let i = 0; i < initStatuses.length; i++) {
    const c = initStatuses[i]!;
    restarts += c.restartCount ?? 0;
    if (c.lastState?.terminated) lastRestart = Math.max(lastRestart, finishedAt(c));
    const isRestartable = restartable.has(c.name);
    if (isRestartable) {
      restartableInitRestarts += c.restartCount ?? 0;
      if (c.lastState?.terminated) lastRestartableInitRestart = Math.max(lastRestartableInitRestart, finishedAt(c));
    }
    const term = c.state?.terminated;
    const waiting = c.state?.waiting;
    if (term && (term.exitCode ?? 0) === 0) continue;
    if (isRestartable && c.started) {
      if (c.ready) readyContainers++;
      continue;
    }
    if (term) {
      if (!term.reason) reason = term.signal ? `Init:Signal:${term.signal}` : `Init:ExitCode:${term.exitCode ?? 0}`;
      else reason = `Init:${term.reason}`;
    } else if (waiting?.reason && waiting.reason !== 'PodInitializing') {
      reason = `Init:${waiting.reason}`;
    } else {
      reason = `Init:${i}/${initContainers.length}`;
    }
    initializing = true;
    break;
  }

  const initialized = conditions.some((c) => c.type === 'Initialized' && c.status === 'True');
  if (!initializing || initialized) {
    restarts = restartableInitRestarts;
    lastRestart = lastRestartableInitRestart;
    let hasRunning = false;
    const statuses: ContainerStatus[] = status.containerStatuses ?? [];
    for (let i = statuses.length - 1; i >= 0; i--) {
      const c = statuses[i]!;
      restarts += c.restartCount ?? 0;
      if (c.lastState?.terminated) lastRestart = Math.max(lastRestart, finishedAt(c));
      const term = c.state?.terminated;
      if (c.state?.waiting?.reason) reason = c.state.waiting.reason;
      else if (term?.reason) reason = term.reason;
      else if (term) reason = term.signal ? `Signal:${term.signal}` : `ExitCode:${term.exitCode ?? 0}`;
      else if (c.ready && c.state?.running) {
        hasRunning = true;
        readyContainers++;
      }
    }
    if (reason === 'Completed' && hasRunning) {
      reason = conditions.some((c) => c.type === 'Ready' && c.status === 'True') ? 'Running' : 'NotReady';
    }
  }

  if (pod.metadata.deletionTimestamp && status.reason === 'NodeLost') reason = 'Unknown';
  else if (pod.metadata.deletionTimestamp && phase !== 'Failed' && phase !== 'Succeeded') reason = 'Terminating';

  const restartsText =
    restarts !== 0 && lastRestart !== 0 ? `${restarts} (${humanDuration(now - lastRestart)} ago)` : String(restarts);
  return { ready: `${readyContainers}/${totalContainers}`, status: reason, restarts: restartsText };
}

/** READINESS GATES: `<none>`, or true gate conditions over gates. */
function readinessGates(pod: KubeObject): string {
  const gates: { conditionType: string }[] = pod.spec?.readinessGates ?? [];
  if (gates.length === 0) return '<none>';
  const conditions: { type: string; status: string }[] = pod.status?.conditions ?? [];
  const trueCount = gates.filter((g) => conditions.find((c) => c.type === g.conditionType)?.status === 'True').length;
  return `${trueCount}/${gates.length}`;
}

export const podPrinter: TablePrinter = {
  columns: [
    col('NAME'),
    col('READY'),
    col('STATUS'),
    col('RESTARTS'),
    col('AGE'),
    col('IP', true),
    col('NODE', true),
    col('NOMINATED NODE', true),
    col('READINESS GATES', true),
  ],
  row(pod: KubeObject, ctx: PrintContext): string[] {
    const { ready, status, restarts } = podStatusCells(pod, ctx.now);
    const podIP: string = pod.status?.podIPs?.[0]?.ip || '<none>';
    return [
      pod.metadata.name,
      ready,
      status,
      restarts,
      age(pod.metadata.creationTimestamp, ctx.now),
      podIP,
      pod.spec?.nodeName || '<none>',
      pod.status?.nominatedNodeName || '<none>',
      readinessGates(pod),
    ];
  },
};
