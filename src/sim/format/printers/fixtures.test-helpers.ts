/** Small object builders for printer and describe tests (test-only). */
import type { KubeObject } from '../../cluster/types';

export const NOW = Date.UTC(2026, 9, 2, 16, 0, 0);

/** An ISO timestamp `seconds` before NOW. */
export const ago = (seconds: number): string => new Date(NOW - seconds * 1000).toISOString().replace('.000Z', 'Z');

export function obj(
  kind: string,
  name: string,
  extra: Partial<KubeObject> & { age?: number; namespace?: string } = {},
): KubeObject {
  const { age: ageSeconds = 60, namespace, metadata, ...rest } = extra;
  return {
    apiVersion: 'v1',
    kind,
    metadata: { name, ...(namespace ? { namespace } : {}), creationTimestamp: ago(ageSeconds), ...(metadata ?? {}) },
    ...rest,
  };
}
