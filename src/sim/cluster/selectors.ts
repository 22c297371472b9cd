/**
 * Matching objects' labels against the selectors stored in API objects: a Service's `spec.selector`
 * (a plain map) and a workload's `metav1.LabelSelector` (matchLabels + matchExpressions).
 * Parsing the `-l` strings learners type is the printers' job (src/sim/format/labels.ts).
 */

export interface LabelSelectorRequirement {
  key: string;
  operator: 'In' | 'NotIn' | 'Exists' | 'DoesNotExist';
  values?: string[];
}

export interface LabelSelector {
  matchLabels?: Record<string, string>;
  matchExpressions?: LabelSelectorRequirement[];
}

/** A map selector (Service.spec.selector): every pair must be present. An empty map selects nothing for Services, so callers check emptiness first. */
export function matchesSelector(selector: Record<string, string>, labels: Record<string, string> | undefined): boolean {
  for (const [k, v] of Object.entries(selector)) if (labels?.[k] !== v) return false;
  return true;
}

/** metav1.LabelSelector semantics; an empty selector matches everything. */
export function matchesLabelSelector(
  sel: LabelSelector | undefined,
  labels: Record<string, string> | undefined,
): boolean {
  if (!sel) return false;
  if (sel.matchLabels && !matchesSelector(sel.matchLabels, labels)) return false;
  for (const r of sel.matchExpressions ?? []) {
    const has = labels !== undefined && Object.prototype.hasOwnProperty.call(labels, r.key);
    const v = labels?.[r.key];
    switch (r.operator) {
      case 'In':
        if (!has || !(r.values ?? []).includes(v!)) return false;
        break;
      case 'NotIn':
        if (has && (r.values ?? []).includes(v!)) return false;
        break;
      case 'Exists':
        if (!has) return false;
        break;
      case 'DoesNotExist':
        if (has) return false;
        break;
    }
  }
  return true;
}
