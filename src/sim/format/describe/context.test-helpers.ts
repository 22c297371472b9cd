/** A DescribeContext over a fixed object list (test-only). */
import type { KubeObject } from '../../cluster/types';
import type { DescribeContext } from './writer';

const PLURALS: Record<string, string> = {
  Pod: 'pods',
  Service: 'services',
  Endpoints: 'endpoints',
  EndpointSlice: 'endpointslices',
  Event: 'events',
  ReplicaSet: 'replicasets',
  Ingress: 'ingresses',
  Secret: 'secrets',
  Lease: 'leases',
  Node: 'nodes',
};

export function contextWith(now: number, objects: KubeObject[]): DescribeContext {
  return {
    now,
    list: (plural, namespace) =>
      objects.filter(
        (o) => PLURALS[o.kind] === plural && (namespace === undefined || o.metadata.namespace === namespace),
      ),
  };
}
