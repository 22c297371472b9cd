/**
 * JSON as kube-apiserver writes it: Go struct field order (kind, apiVersion, metadata first;
 * ObjectMeta's fields in their declared order), compact with a trailing newline
 * (json.Encoder), or indented by two spaces without one (json.MarshalIndent) when the client
 * is curl, Wget or a browser, or asks `?pretty=true` (negotiation.isPrettyPrint).
 */
import { goJsonMarshal, type JsonKeyOrder } from '../format/json';

const TOP_ORDER = ['kind', 'apiVersion', 'metadata'];
const META_ORDER = [
  'name',
  'generateName',
  'namespace',
  'selfLink',
  'uid',
  'resourceVersion',
  'generation',
  'creationTimestamp',
  'deletionTimestamp',
  'deletionGracePeriodSeconds',
  'labels',
  'annotations',
  'ownerReferences',
  'finalizers',
  'managedFields',
];

/** Keys of `obj` with the ones in `order` first, in that order, then the rest as stored. */
function ordered(obj: Record<string, unknown>, order: string[]): string[] {
  const keys = Object.keys(obj).filter((k) => obj[k] !== undefined);
  return [...order.filter((k) => keys.includes(k)), ...keys.filter((k) => !order.includes(k))];
}

/** Whether `path` names an object in its own right: the root, or an item of a top object's `items`. */
function isTopLevel(path: readonly string[]): boolean {
  if (path.length === 0) return true;
  return (
    path.length >= 2 &&
    path[path.length - 1] === '#' &&
    path[path.length - 2] === 'items' &&
    isTopLevel(path.slice(0, -2))
  );
}

/** Struct field order: kind/apiVersion/metadata first on objects, ObjectMeta's declared order in metadata. */
const apiKeyOrder: JsonKeyOrder = (obj, path) => {
  if (isTopLevel(path)) return ordered(obj, TOP_ORDER);
  if (path[path.length - 1] === 'metadata' && isTopLevel(path.slice(0, -1))) return ordered(obj, META_ORDER);
  return Object.keys(obj).filter((k) => obj[k] !== undefined);
};

/** Marshal `value` (an API object or Status) as the apiserver serializer does. */
export function apiJson(value: unknown, pretty: boolean): string {
  const text = goJsonMarshal(value, pretty ? '  ' : '', apiKeyOrder);
  return pretty ? text : `${text}\n`;
}
