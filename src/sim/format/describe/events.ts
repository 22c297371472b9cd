/** The Events section of `kubectl describe` (DescribeEvents) and how describers find their events. */
import type { KubeObject } from '../../cluster/types';
import { parseTimestamp } from '../duration';
import { type DescribeContext, type DescribeWriter, since } from './writer';

/**
 * searchEvents: events whose involvedObject names this object (name, namespace, and the kind and
 * uid when the event records them; pods are matched without the kind, as kubectl clears it).
 */
export function eventsFor(obj: KubeObject, ctx: DescribeContext): KubeObject[] {
  const ns = obj.metadata.namespace;
  const candidates = ctx.list('events', ns ?? undefined);
  return candidates.filter((e) => {
    const io = e.involvedObject ?? {};
    if (io.name !== obj.metadata.name) return false;
    if ((io.namespace ?? '') !== (ns ?? '') && ns !== undefined) return false;
    if (obj.kind !== 'Pod' && io.kind && io.kind !== obj.kind) return false;
    // Node events carry either the node's uid or its name as uid (kubelet vs controllers).
    if (io.uid && obj.metadata.uid && io.uid !== obj.metadata.uid && io.uid !== obj.metadata.name) return false;
    return true;
  });
}

/** DescribeEvents: `Events:\t<none>`, or the Type/Reason/Age/From/Message table sorted by last timestamp. */
export function writeEvents(w: DescribeWriter, events: KubeObject[], now: number): void {
  if (events.length === 0) {
    w.write(0, 'Events:\t<none>\n');
    return;
  }
  // event.SortableEvents' eventTime: the series' last observation, else lastTimestamp, else eventTime.
  const last = (e: KubeObject): number =>
    (e.series ? parseTimestamp(e.series.lastObservedTime) : undefined) ??
    parseTimestamp(e.lastTimestamp) ??
    parseTimestamp(e.eventTime) ??
    0;
  const sorted = [...events].sort((a, b) => last(a) - last(b));
  w.write(0, 'Events:\n  Type\tReason\tAge\tFrom\tMessage\n');
  w.write(1, '----\t------\t----\t----\t-------\n');
  for (const e of sorted) {
    const first = e.eventTime ? since(e.eventTime, now) : since(e.firstTimestamp, now);
    let interval: string;
    if (e.series) interval = `${since(e.series.lastObservedTime, now)} (x${e.series.count} over ${first})`;
    else if ((e.count ?? 0) > 1) interval = `${since(e.lastTimestamp, now)} (x${e.count} over ${first})`;
    else interval = first;
    const source = e.source?.component || e.reportingComponent || '';
    w.write(1, `${e.type ?? ''}\t${e.reason ?? ''}\t${interval}\t${source}\t${String(e.message ?? '').trim()}\n`);
  }
}
