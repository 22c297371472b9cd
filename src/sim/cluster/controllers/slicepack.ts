/**
 * How the EndpointSlice controller spreads a Service's endpoints over slices of at most
 * `maxEndpointsPerSlice` (kube-controller-manager's `--max-endpoints-per-slice`, 100 by default,
 * 1 to 1000): k8s.io/endpointslice reconciler.go `reconcileByPortMapping` and `finalize`. It keeps
 * slices stable rather than tidy: an endpoint stays in the slice that holds it, changed slices are
 * topped up first, leftovers go into the unchanged slice they fit best, and only then into new
 * slices; a slice left empty is reused for a slice that would otherwise be created.
 *
 * Pure: slices and endpoints are plain data; endpoints are matched by `key` (their address) and a
 * kept endpoint takes its desired version. Upstream pops leftovers from a set in Go's map order;
 * here they go in `desired` order, so the result is deterministic.
 */
import { sameJson } from '../jsonequal';

/** The default of kube-controller-manager's --max-endpoints-per-slice. */
export const DEFAULT_MAX_ENDPOINTS_PER_SLICE = 100;

export interface SliceEndpoints<E> {
  /** The slice's name; undefined for a slice still to be created. */
  name?: string;
  endpoints: E[];
}

export interface SlicePlan<E> {
  /** New slices, in the order they are created. */
  create: E[][];
  /** Existing slices whose endpoints change (name and the full new list). */
  update: { name: string; endpoints: E[] }[];
  /** Existing slices to delete. */
  delete: string[];
}

/** Plan the slices of one Service (one address type, one port mapping). */
export function planSlices<E>(
  existing: readonly SliceEndpoints<E>[],
  desired: readonly E[],
  key: (e: E) => string,
  maxPerSlice: number = DEFAULT_MAX_ENDPOINTS_PER_SLICE,
): SlicePlan<E> {
  const wanted = new Map<string, E>();
  for (const e of desired) if (!wanted.has(key(e))) wanted.set(key(e), e);

  // 1. Keep each existing slice's endpoints that are still desired (in their desired version).
  const byName = new Map<string, E[]>();
  const unchanged: string[] = [];
  const toUpdate: string[] = [];
  const toDelete: string[] = [];
  for (const slice of existing) {
    const name = slice.name!;
    const kept: E[] = [];
    let changed = false;
    for (const ep of slice.endpoints) {
      const want = wanted.get(key(ep));
      if (want === undefined) continue;
      kept.push(want);
      if (!sameJson(want, ep)) changed = true;
      wanted.delete(key(ep));
    }
    byName.set(name, kept);
    if (changed || kept.length !== slice.endpoints.length) {
      if (kept.length === 0) toDelete.push(name);
      else toUpdate.push(name);
    } else unchanged.push(name);
  }
  const left = [...wanted.values()];

  // 2. Top up the slices that change anyway, fullest first.
  if (left.length > 0 && toUpdate.length > 0) {
    const fullestFirst = [...toUpdate].sort((a, b) => byName.get(b)!.length - byName.get(a)!.length);
    for (const name of fullestFirst) {
      const eps = byName.get(name)!;
      while (left.length > 0 && eps.length < maxPerSlice) eps.push(left.shift()!);
    }
  }

  // 3. The rest: into the unchanged slice they fit best when fewer than a slice's worth, else new slices.
  const create: E[][] = [];
  while (left.length > 0) {
    let target: string | undefined;
    if (left.length < maxPerSlice && unchanged.length > 0)
      target = sliceToFill(unchanged, byName, left.length, maxPerSlice);
    const eps = target !== undefined ? byName.get(target)! : [];
    while (left.length > 0 && eps.length < maxPerSlice) eps.push(left.shift()!);
    if (target !== undefined) {
      toUpdate.push(target);
      unchanged.splice(unchanged.indexOf(target), 1);
    } else create.push(eps);
  }

  // finalize: a slice that would be deleted takes the place of one that would be created.
  const update = toUpdate.map((name) => ({ name, endpoints: byName.get(name)! }));
  while (toDelete.length > 0 && create.length > 0) update.push({ name: toDelete.shift()!, endpoints: create.pop()! });
  return { create, update, delete: toDelete };
}

/** getSliceToFill: the unchanged slice that `n` more endpoints fill most closely without overflowing it. */
function sliceToFill<E>(
  names: readonly string[],
  byName: ReadonlyMap<string, E[]>,
  n: number,
  max: number,
): string | undefined {
  let closest = max;
  let found: string | undefined;
  for (const name of names) {
    const diff = max - (n + byName.get(name)!.length);
    if (diff >= 0 && diff < closest) {
      closest = diff;
      found = name;
      if (diff === 0) break;
    }
  }
  return found;
}
