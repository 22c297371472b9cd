/** Node eligibility shared by the scheduler and the daemonset controller: taints, selectors, node affinity. */
import type { KubeObject } from '../types';

export interface Taint {
  key: string;
  value?: string;
  effect: 'NoSchedule' | 'PreferNoSchedule' | 'NoExecute';
}

/** Whether a toleration list tolerates one taint (core/v1 helper `ToleratesTaint`). */
export function tolerates(tolerations: any[] | undefined, taint: Taint): boolean {
  return (tolerations ?? []).some((t) => {
    if (t.effect && t.effect !== taint.effect) return false;
    if (t.operator === 'Exists') return !t.key || t.key === taint.key;
    return t.key === taint.key && (t.value ?? '') === (taint.value ?? '');
  });
}

/** The first NoSchedule/NoExecute taint the pod does not tolerate, if any. */
export function untoleratedTaint(node: KubeObject, podSpec: any): Taint | undefined {
  return (node.spec?.taints ?? []).find(
    (t: Taint) => t.effect !== 'PreferNoSchedule' && !tolerates(podSpec?.tolerations, t),
  );
}

/** nodeSelector and required node affinity (matchFields on metadata.name, matchExpressions on labels). */
export function matchesNodeSelection(node: KubeObject, podSpec: any): boolean {
  const labels = node.metadata.labels ?? {};
  for (const [k, v] of Object.entries(podSpec?.nodeSelector ?? {})) if (labels[k] !== v) return false;
  const terms: any[] | undefined =
    podSpec?.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution?.nodeSelectorTerms;
  if (!terms?.length) return true;
  return terms.some((term) => {
    const fieldsOk = (term.matchFields ?? []).every(
      (r: any) =>
        r.key === 'metadata.name' &&
        (r.operator === 'In' ? r.values?.includes(node.metadata.name) : !r.values?.includes(node.metadata.name)),
    );
    const exprOk = (term.matchExpressions ?? []).every((r: any) => {
      const has = r.key in labels;
      switch (r.operator) {
        case 'In':
          return has && r.values?.includes(labels[r.key]);
        case 'NotIn':
          return !has || !r.values?.includes(labels[r.key]);
        case 'Exists':
          return has;
        case 'DoesNotExist':
          return !has;
        default:
          return false;
      }
    });
    return fieldsOk && exprOk;
  });
}

export function nodeInternalIp(node: KubeObject | undefined): string | undefined {
  return node?.status?.addresses?.find((a: any) => a.type === 'InternalIP')?.address;
}

export function isNodeReady(node: KubeObject): boolean {
  return node.status?.conditions?.some((c: any) => c.type === 'Ready' && c.status === 'True') ?? false;
}
