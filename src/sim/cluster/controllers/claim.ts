/**
 * ControllerRefManager.ClaimObject: who a controller's objects are is decided by its selector, and
 * ownerReferences follow. An object the controller owns whose labels stop matching is released (its
 * ownerReference removed: it lives on as an orphan); an orphan whose labels match is adopted (an
 * ownerReference with controller: true added). Objects another controller owns are left alone.
 * The ReplicaSet controller claims pods with it, the Deployment controller ReplicaSets.
 */
import type { ControllerContext } from '../controller';
import type { KubeObject, OwnerReference } from '../types';
import { matchesLabelSelector, type LabelSelector } from '../selectors';

/** The controllerRef of an object: its ownerReference with controller: true. */
export function controllerRefOf(obj: KubeObject): OwnerReference | undefined {
  return obj.metadata.ownerReferences?.find((r) => r.controller);
}

/** The ownerReference a controller writes on what it owns (keys as the API server returns them). */
export function controllerRefTo(owner: KubeObject): OwnerReference {
  return {
    apiVersion: owner.apiVersion,
    blockOwnerDeletion: true,
    controller: true,
    kind: owner.kind,
    name: owner.metadata.name,
    uid: owner.metadata.uid!,
  };
}

/** Remove `owner`'s ownerReference from `obj` (the release patch); the field goes when it empties. */
function release(c: ControllerContext, obj: KubeObject, owner: KubeObject): void {
  const next = structuredClone(obj);
  const refs = (next.metadata.ownerReferences ?? []).filter((r) => r.uid !== owner.metadata.uid);
  if (refs.length) next.metadata.ownerReferences = refs;
  else delete next.metadata.ownerReferences;
  c.write(next);
}

/** Add `owner` as `obj`'s controller (the adopt patch); returns the object as stored. */
function adopt(c: ControllerContext, obj: KubeObject, owner: KubeObject): KubeObject {
  const next = structuredClone(obj);
  next.metadata.ownerReferences = [...(next.metadata.ownerReferences ?? []), controllerRefTo(owner)];
  c.write(next);
  return c.store.get(c.resourceFor(next).plural, next.metadata.namespace, next.metadata.name) ?? next;
}

/**
 * Claim `candidates` (same namespace, active) for `owner` by `selector`: release owned objects that
 * no longer match, adopt matching orphans, and return the objects `owner` controls afterwards.
 * A controller being deleted neither releases nor adopts; an object being deleted is not adopted.
 */
export function claimObjects(
  c: ControllerContext,
  owner: KubeObject,
  selector: LabelSelector | undefined,
  candidates: readonly KubeObject[],
): KubeObject[] {
  const claimed: KubeObject[] = [];
  const ownerDeleting = Boolean(owner.metadata.deletionTimestamp);
  for (const obj of candidates) {
    const ref = controllerRefOf(obj);
    const matches = matchesLabelSelector(selector, obj.metadata.labels);
    if (ref) {
      if (ref.uid !== owner.metadata.uid) continue;
      if (matches) claimed.push(obj);
      else if (!ownerDeleting) release(c, obj, owner);
      continue;
    }
    if (!matches || ownerDeleting || obj.metadata.deletionTimestamp) continue;
    claimed.push(adopt(c, obj, owner));
  }
  return claimed;
}
