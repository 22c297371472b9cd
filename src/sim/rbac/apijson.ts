/**
 * JSON as kube-apiserver writes it: Go struct field order (kind, apiVersion, metadata first;
 * ObjectMeta's fields in their declared order), compact with a trailing newline
 * (json.Encoder), or indented by two spaces without one (json.MarshalIndent) when the client
 * is curl, Wget or a browser, or asks `?pretty=true` (negotiation.isPrettyPrint).
 */
import { goJsonNumber, goJsonString } from '../format/json';

const TOP_ORDER = ['kind', 'apiVersion', 'metadata'];
const META_ORDER = ['name', 'generateName', 'namespace', 'selfLink', 'uid', 'resourceVersion', 'generation', 'creationTimestamp', 'deletionTimestamp', 'deletionGracePeriodSeconds', 'labels', 'annotations', 'ownerReferences', 'finalizers', 'managedFields'];

/** Keys of `obj` with the ones in `order` first, in that order, then the rest as stored. */
function ordered(obj: Record<string, unknown>, order: string[]): string[] {
  const keys = Object.keys(obj).filter((k) => obj[k] !== undefined);
  return [...order.filter((k) => keys.includes(k)), ...keys.filter((k) => !order.includes(k))];
}

/** Marshal `value` (an API object or Status) as the apiserver serializer does. */
export function apiJson(value: unknown, pretty: boolean): string {
  const indent = pretty ? '  ' : '';
  const walk = (v: unknown, depth: number, isMeta: boolean, isTop: boolean): string => {
    if (v === null || v === undefined) return 'null';
    if (typeof v === 'string') return goJsonString(v);
    if (typeof v === 'number') return goJsonNumber(v);
    if (typeof v === 'boolean') return v ? 'true' : 'false';
    const nl = indent ? `\n${indent.repeat(depth + 1)}` : '';
    const close = indent ? `\n${indent.repeat(depth)}` : '';
    const colon = indent ? ': ' : ':';
    if (Array.isArray(v)) {
      if (v.length === 0) return '[]';
      // List items are objects in their own right (metadata first).
      return `[${v.map((x) => nl + walk(x, depth + 1, false, isTop)).join(',')}${close}]`;
    }
    const o = v as Record<string, unknown>;
    const keys = isMeta ? ordered(o, META_ORDER) : isTop ? ordered(o, TOP_ORDER) : Object.keys(o).filter((k) => o[k] !== undefined);
    if (keys.length === 0) return '{}';
    return `{${keys.map((k) => nl + goJsonString(k) + colon + walk(o[k], depth + 1, isTop && k === 'metadata', isTop && k === 'items')).join(',')}${close}}`;
  };
  const text = walk(value, 0, false, true);
  return pretty ? text : `${text}\n`;
}
