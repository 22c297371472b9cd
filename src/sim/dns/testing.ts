/** A tiny in-memory API view for the DNS unit tests: objects by resource, listed in insertion order. */
import type { KubeObject } from '../cluster/types';
import type { ApiView } from './records';

export function fakeApi(objects: Record<string, KubeObject[]>): ApiView {
  return {
    list: (res, ns) => (objects[res] ?? []).filter((o) => ns === undefined || o.metadata.namespace === ns),
    get: (res, ns, name) =>
      (objects[res] ?? []).find((o) => o.metadata.name === name && (ns === undefined || o.metadata.namespace === ns)),
  };
}

export const ns = (name: string): KubeObject => ({ apiVersion: 'v1', kind: 'Namespace', metadata: { name } });

export function service(name: string, spec: Record<string, unknown>, namespace = 'default'): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name, namespace, creationTimestamp: '2026-10-02T16:00:00Z' },
    spec,
  };
}

export function slice(service: string, endpoints: unknown[], ports: unknown[], namespace = 'default'): KubeObject {
  return {
    apiVersion: 'discovery.k8s.io/v1',
    kind: 'EndpointSlice',
    addressType: 'IPv4',
    metadata: { name: `${service}-abcde`, namespace, labels: { 'kubernetes.io/service-name': service } },
    endpoints,
    ports,
  };
}
