/**
 * The garbage collector: deleting a namespace deletes what it holds, and deleting an object deletes
 * its dependents (anything whose ownerReferences name its uid), which cascades (deployment →
 * replicasets → pods).
 */
import type { ControllerContext } from './controller';
import { API_RESOURCES } from './resources';
import type { KubeObject } from './types';

/** Delete what depends on `obj`, just deleted from `resource`. */
export function collectGarbage(
  ctx: Pick<ControllerContext, 'store' | 'deleteInternal'>,
  resource: string,
  obj: KubeObject,
): void {
  const uid = obj.metadata.uid;
  if (resource === 'namespaces') {
    for (const res of API_RESOURCES) {
      if (!res.namespaced) continue;
      for (const o of ctx.store.list(res.plural, obj.metadata.name))
        ctx.deleteInternal(res.plural, o.metadata.namespace, o.metadata.name, { gracePeriodSeconds: 0 });
    }
    return;
  }
  if (!uid) return;
  // Dependents: anything whose ownerReferences name the deleted object's uid, in the same namespace.
  for (const res of API_RESOURCES) {
    if (res.plural === 'events' || res.group === 'events.k8s.io') continue;
    if (res.namespaced !== Boolean(obj.metadata.namespace) && obj.metadata.namespace) continue;
    for (const o of ctx.store.list(res.plural, res.namespaced ? obj.metadata.namespace : undefined)) {
      if (o.metadata.ownerReferences?.some((r) => r.uid === uid))
        ctx.deleteInternal(res.plural, o.metadata.namespace, o.metadata.name);
    }
  }
}
