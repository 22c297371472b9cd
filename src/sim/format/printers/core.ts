/** Tables for nodes, namespaces, service accounts, secrets, config maps and events (printers.go). */
import type { KubeObject } from '../../cluster/types';
import { age, humanDuration, parseTimestamp } from '../duration';
import { num } from './cells';
import { col, type TablePrinter } from './types';

/** `findNodeRoles`: `node-role.kubernetes.io/<role>` labels and `kubernetes.io/role`, sorted. */
export function nodeRoles(node: KubeObject): string[] {
  const roles = new Set<string>();
  for (const [k, v] of Object.entries(node.metadata.labels ?? {})) {
    if (k.startsWith('node-role.kubernetes.io/')) {
      const role = k.slice('node-role.kubernetes.io/'.length);
      if (role) roles.add(role);
    } else if (k === 'kubernetes.io/role' && v !== '') roles.add(v);
  }
  return [...roles].sort();
}

/** STATUS: Ready/NotReady from the Ready condition, `Unknown` without one, `,SchedulingDisabled` when cordoned. */
export function nodeStatus(node: KubeObject): string {
  const ready = (node.status?.conditions ?? []).find((c: { type: string }) => c.type === 'Ready');
  const status = ready ? [ready.status === 'True' ? 'Ready' : 'NotReady'] : ['Unknown'];
  if (node.spec?.unschedulable) status.push('SchedulingDisabled');
  return status.join(',');
}

const nodeAddress = (node: KubeObject, type: string): string =>
  (node.status?.addresses ?? []).find((a: { type: string }) => a.type === type)?.address ?? '<none>';

export const nodePrinter: TablePrinter = {
  columns: [
    col('NAME'),
    col('STATUS'),
    col('ROLES'),
    col('AGE'),
    col('VERSION'),
    col('INTERNAL-IP', true),
    col('EXTERNAL-IP', true),
    col('OS-IMAGE', true),
    col('KERNEL-VERSION', true),
    col('CONTAINER-RUNTIME', true),
  ],
  row(node, ctx) {
    const info = node.status?.nodeInfo ?? {};
    return [
      node.metadata.name,
      nodeStatus(node),
      nodeRoles(node).join(',') || '<none>',
      age(node.metadata.creationTimestamp, ctx.now),
      info.kubeletVersion ?? '',
      nodeAddress(node, 'InternalIP'),
      nodeAddress(node, 'ExternalIP'),
      info.osImage || '<unknown>',
      info.kernelVersion || '<unknown>',
      info.containerRuntimeVersion || '<unknown>',
    ];
  },
};

export const namespacePrinter: TablePrinter = {
  columns: [col('NAME'), col('STATUS'), col('AGE')],
  row: (ns, ctx) => [ns.metadata.name, ns.status?.phase ?? '', age(ns.metadata.creationTimestamp, ctx.now)],
};

export const serviceAccountPrinter: TablePrinter = {
  columns: [col('NAME'), col('SECRETS'), col('AGE')],
  row: (sa, ctx) => [sa.metadata.name, String((sa.secrets ?? []).length), age(sa.metadata.creationTimestamp, ctx.now)],
};

export const secretPrinter: TablePrinter = {
  columns: [col('NAME'), col('TYPE'), col('DATA'), col('AGE')],
  row: (s, ctx) => [
    s.metadata.name,
    s.type ?? '',
    String(Object.keys(s.data ?? {}).length),
    age(s.metadata.creationTimestamp, ctx.now),
  ],
};

export const configMapPrinter: TablePrinter = {
  columns: [col('NAME'), col('DATA'), col('AGE')],
  row: (cm, ctx) => [
    cm.metadata.name,
    String(Object.keys(cm.data ?? {}).length + Object.keys(cm.binaryData ?? {}).length),
    age(cm.metadata.creationTimestamp, ctx.now),
  ],
};

/** `formatEventSource`: `component, host`, either alone, or empty. */
function eventSource(ev: KubeObject): string {
  const component = ev.source?.component || ev.reportingComponent || '';
  const instance = ev.source?.host || ev.reportingInstance || '';
  if (!component && !instance) return '';
  return instance ? `${component}, ${instance}` : component;
}

/** First/last seen and count of an event, as printEvent derives them (series and eventTime included). */
export function eventTimes(ev: KubeObject, now: number): { first: string; last: string; count: number } {
  const since = (ts: string | undefined): string => {
    const t = parseTimestamp(ts);
    return t === undefined ? '<unknown>' : humanDuration(now - t);
  };
  const first = ev.firstTimestamp ? since(ev.firstTimestamp) : since(ev.eventTime);
  let last = ev.lastTimestamp ? since(ev.lastTimestamp) : first;
  let count: number = ev.count ?? 0;
  if (ev.series) {
    last = since(ev.series.lastObservedTime);
    count = ev.series.count ?? 0;
  } else if (count === 0) count = 1;
  return { first, last, count };
}

export const eventPrinter: TablePrinter = {
  columns: [
    col('LAST SEEN'),
    col('TYPE'),
    col('REASON'),
    col('OBJECT'),
    col('SUBOBJECT', true),
    col('SOURCE', true),
    col('MESSAGE'),
    col('FIRST SEEN', true),
    col('COUNT', true),
    col('NAME', true),
  ],
  row(ev, ctx) {
    const { first, last, count } = eventTimes(ev, ctx.now);
    const io = ev.involvedObject ?? {};
    const target = io.name ? `${String(io.kind ?? '').toLowerCase()}/${io.name}` : String(io.kind ?? '').toLowerCase();
    return [
      last,
      ev.type ?? '',
      ev.reason ?? '',
      target,
      io.fieldPath ?? '',
      eventSource(ev),
      String(ev.message ?? '').trim(),
      first,
      num(count),
      ev.metadata.name,
    ];
  },
};
