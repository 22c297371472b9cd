/**
 * Client-side apply's pieces: the last-applied-configuration annotation, the three-way merge of a new
 * configuration over the live object, and the Service fields the server allocated that stay.
 */
import type { KubeObject } from './types';
import { canonicalJson } from './hash';

export type ApplyResult = 'created' | 'configured' | 'unchanged';

export const LAST_APPLIED = 'kubectl.kubernetes.io/last-applied-configuration';

/**
 * The last-applied-configuration annotation value: the manifest as compact JSON with sorted keys and
 * a trailing newline, without the annotation itself (kubectl's `GetModifiedConfiguration`).
 */
export function canonicalApplied(config: KubeObject): string {
  const c = structuredClone(config);
  // kubectl sets then removes the annotation before serialising, so an empty map stays behind.
  c.metadata = { ...(c.metadata ?? {}), annotations: { ...(c.metadata?.annotations ?? {}) } };
  delete c.metadata.annotations![LAST_APPLIED];
  return canonicalJson(c) + '\n';
}

function isMap(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/**
 * kubectl apply's three-way merge, simplified: fields in the new configuration replace the live
 * ones (maps merge key by key, lists are replaced whole), fields that were in the last applied
 * configuration but are gone from the new one are removed, and everything else the server or the
 * controllers set (nodeName, clusterIP, defaults, status) stays.
 */
export function mergeApplied(live: unknown, previous: unknown, config: unknown): unknown {
  if (!isMap(live) || !isMap(config)) return structuredClone(config);
  const out: Record<string, unknown> = { ...live };
  const prev = isMap(previous) ? previous : {};
  for (const [k, v] of Object.entries(config))
    out[k] = isMap(v) && isMap(live[k]) ? mergeApplied(live[k], prev[k], v) : structuredClone(v);
  for (const k of Object.keys(prev)) if (!(k in config)) delete out[k];
  return out;
}

/** Fields of a Service the API server allocated (cluster IPs, node ports) that an applied configuration leaves out stay as they are. */
export function keepAllocatedServiceFields(merged: KubeObject, live: KubeObject): void {
  const spec = (merged.spec ??= {});
  spec.clusterIP ??= live.spec.clusterIP;
  spec.clusterIPs ??= live.spec.clusterIPs;
  spec.ipFamilies ??= live.spec.ipFamilies;
  spec.ipFamilyPolicy ??= live.spec.ipFamilyPolicy;
  for (const p of spec.ports ?? []) {
    const old = (live.spec.ports ?? []).find(
      (q: any) => q.port === p.port && (q.protocol ?? 'TCP') === (p.protocol ?? 'TCP'),
    );
    if (
      old?.nodePort !== undefined &&
      p.nodePort === undefined &&
      (spec.type === 'NodePort' || spec.type === 'LoadBalancer')
    )
      p.nodePort = old.nodePort;
  }
}
