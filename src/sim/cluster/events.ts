/**
 * Event recording (client-go's EventRecorder): controllers and the kubelet report what they did as
 * core/v1 Events, which `kubectl describe` and `kubectl get events` print.
 */
import type { KubeObject } from './types';
import { rfc3339 } from '../format/duration';

export interface EventSource {
  component: string;
  host?: string;
}

export interface EventInput {
  involved: KubeObject;
  type?: 'Normal' | 'Warning';
  reason: string;
  message: string;
  source: EventSource;
  /** `spec.containers{name}` for container events. */
  fieldPath?: string;
}

/** Build the Event object; its name is `<object>.<hex nanoseconds>` as the recorder names it. */
export function buildEvent(e: EventInput, nowMs: number, seq: number): KubeObject {
  const nanos = BigInt(nowMs) * 1000000n + BigInt(seq);
  const o = e.involved;
  const apiVersion = o.apiVersion;
  return {
    apiVersion: 'v1',
    kind: 'Event',
    metadata: { name: `${o.metadata.name}.${nanos.toString(16)}`, namespace: o.metadata.namespace ?? 'default' },
    count: 1,
    eventTime: null,
    firstTimestamp: rfc3339(nowMs),
    involvedObject: {
      apiVersion,
      ...(e.fieldPath ? { fieldPath: e.fieldPath } : {}),
      kind: o.kind,
      name: o.metadata.name,
      ...(o.metadata.namespace ? { namespace: o.metadata.namespace } : {}),
      ...(o.metadata.resourceVersion ? { resourceVersion: o.metadata.resourceVersion } : {}),
      uid: o.metadata.uid ?? '',
    },
    lastTimestamp: rfc3339(nowMs),
    message: e.message,
    reason: e.reason,
    reportingComponent: e.source.component,
    reportingInstance: e.source.host ?? '',
    source: { ...e.source },
    type: e.type ?? 'Normal',
  };
}
