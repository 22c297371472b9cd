/**
 * Name hashes with the shapes Kubernetes prints: the `pod-template-hash` of a ReplicaSet
 * (`controller.ComputeHash`: FNV-32a, decimal, then `rand.SafeEncodeString`), so the same template
 * always gives the same ReplicaSet name.
 */
import { K8S_SUFFIX_ALPHABET } from '../core/rng';

/** FNV-1a, 32 bits, over the UTF-16 code units of `s` (ASCII in practice). */
export function fnv32a(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i) & 0xff;
    h = Math.imul(h, 16777619) >>> 0;
  }
  return h >>> 0;
}

/** apimachinery `rand.SafeEncodeString`: map each byte onto the suffix alphabet. */
export function safeEncodeString(s: string): string {
  let out = '';
  for (let i = 0; i < s.length; i++) out += K8S_SUFFIX_ALPHABET[s.charCodeAt(i) % K8S_SUFFIX_ALPHABET.length];
  return out;
}

/** JSON with object keys sorted at every level, so equal objects hash equally whatever their key order. */
export function canonicalJson(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonicalJson).join(',')}]`;
  if (v && typeof v === 'object') {
    const o = v as Record<string, unknown>;
    return `{${Object.keys(o)
      .sort()
      .filter((k) => o[k] !== undefined)
      .map((k) => `${JSON.stringify(k)}:${canonicalJson(o[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(v);
}

/**
 * Each template's canonical JSON, by identity. The deployment and daemonset controllers hash the
 * template of a stored object on every sync (every node and pod change); stored objects are never
 * changed in place (a write stores a new object), so a template seen before serialises the same.
 */
const templateJson = new WeakMap<object, string>();

/** The `pod-template-hash` label value for a pod template (e.g. `7d9f8c6b5`). */
export function podTemplateHash(template: unknown, collisionCount = 0): string {
  let json = typeof template === 'object' && template !== null ? templateJson.get(template) : undefined;
  if (json === undefined) {
    json = canonicalJson(template);
    if (typeof template === 'object' && template !== null) templateJson.set(template, json);
  }
  return safeEncodeString(String(fnv32a(json + (collisionCount ? String(collisionCount) : ''))));
}
