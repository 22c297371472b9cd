/**
 * Field selectors (`--field-selector metadata.name=x,status.phase!=Running`): apimachinery's
 * fields.ParseSelector syntax, and the handful of fields the API server lets each kind filter on.
 */
import type { KubeObject } from '../cluster/types';

/** One term of a field selector. */
export interface FieldRequirement {
  field: string;
  operator: '=' | '==' | '!=';
  value: string;
}

/** A malformed or unsupported field selector; `message` is the apimachinery/apiserver text. */
export class FieldSelectorError extends Error {
  override name = 'FieldSelectorError';
}

/** Splits on unescaped commas, as fields.splitTerms does (`\,` is a literal comma). */
function splitTerms(s: string): string[] {
  if (s === '') return [];
  const terms: string[] = [];
  let cur = '';
  for (let i = 0; i < s.length; i++) {
    const ch = s[i]!;
    if (ch === '\\' && i + 1 < s.length) {
      cur += ch + s[i + 1];
      i++;
    } else if (ch === ',') {
      terms.push(cur);
      cur = '';
    } else {
      cur += ch;
    }
  }
  terms.push(cur);
  return terms;
}

/** fields.splitTerm: the first position where "!=", "==" or "=" starts (tried in that order) splits the term. */
function splitTerm(term: string): [string, FieldRequirement['operator'], string] | undefined {
  for (let i = 0; i < term.length; i++) {
    for (const op of ['!=', '==', '='] as const) {
      if (term.startsWith(op, i)) return [term.slice(0, i), op, term.slice(i + op.length)];
    }
  }
  return undefined;
}

const unescape = (s: string): string => s.replace(/\\(.)/g, '$1');

/** `fields.ParseSelector`: `a=b`, `a==b`, `a!=b` terms joined by `,`. */
export function parseFieldSelector(selector: string): FieldRequirement[] {
  const reqs: FieldRequirement[] = [];
  for (const term of splitTerms(selector)) {
    if (term === '') continue;
    const split = splitTerm(term);
    if (!split) throw new FieldSelectorError(`invalid selector: '${selector}'; can't understand '${term}'`);
    const [field, operator, value] = split;
    reqs.push({ field, operator, value: unescape(value) });
  }
  return reqs;
}

/** The fields every kind supports (DefaultMetaV1FieldSelectorConversion). */
const META_FIELDS = ['metadata.name', 'metadata.namespace'];

/** Extra selectable fields per kind, from the API server's field label conversion functions. */
const KIND_FIELDS: Record<string, string[]> = {
  Pod: [
    'spec.nodeName',
    'spec.restartPolicy',
    'spec.schedulerName',
    'spec.serviceAccountName',
    'spec.hostNetwork',
    'status.phase',
    'status.podIP',
    'status.podIPs',
    'status.nominatedNodeName',
  ],
  Node: ['spec.unschedulable'],
  Namespace: ['status.phase'],
  Secret: ['type'],
  Event: [
    'involvedObject.kind',
    'involvedObject.namespace',
    'involvedObject.name',
    'involvedObject.uid',
    'involvedObject.apiVersion',
    'involvedObject.resourceVersion',
    'involvedObject.fieldPath',
    'reason',
    'reportingComponent',
    'source',
    'type',
  ],
  ReplicaSet: ['status.replicas'],
};

/** The value a field selector compares for `field` (selectable fields are strings on the server). */
function fieldValue(obj: KubeObject, field: string): string {
  if (field === 'metadata.name') return obj.metadata.name;
  if (field === 'metadata.namespace') return obj.metadata.namespace ?? '';
  if (field === 'spec.hostNetwork') return String(Boolean(obj.spec?.hostNetwork));
  if (field === 'spec.unschedulable') return String(Boolean(obj.spec?.unschedulable));
  if (field === 'status.podIPs') return obj.status?.podIPs?.[0]?.ip ?? '';
  if (field === 'source') return obj.source?.component ?? '';
  let cur: unknown = obj;
  for (const part of field.split('.'))
    cur = cur && typeof cur === 'object' ? (cur as Record<string, unknown>)[part] : undefined;
  return cur === undefined || cur === null ? '' : String(cur);
}

/**
 * Checks every field is selectable for the kind; throws the API server's message otherwise
 * (`field label not supported: spec.foo`; kubectl wraps it as a BadRequest).
 */
export function validateFieldSelector(kind: string, reqs: FieldRequirement[]): void {
  const allowed = [...META_FIELDS, ...(KIND_FIELDS[kind] ?? [])];
  for (const r of reqs) {
    if (!allowed.includes(r.field)) throw new FieldSelectorError(`field label not supported: ${r.field}`);
  }
}

/** Does the object satisfy every field requirement. */
export function matchFieldSelector(reqs: FieldRequirement[], obj: KubeObject): boolean {
  return reqs.every((r) => {
    const v = fieldValue(obj, r.field);
    return r.operator === '!=' ? v !== r.value : v === r.value;
  });
}
