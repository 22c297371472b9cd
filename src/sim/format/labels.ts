/**
 * Label sets and label selectors, as apimachinery's `labels` package reads and prints them. The
 * parser is a port of labels/selector.go's lexer and recursive-descent parser, so a malformed
 * `-l` argument fails with the same words the API server answers with.
 */
import { type LabelSelector, matchesLabelSelector } from '../cluster/selectors';

export type { LabelSelector } from '../cluster/selectors';

/** `labels.FormatLabels`: `k=v` pairs sorted by key and joined by `,`, or `<none>`. */
export function formatLabels(labels: Record<string, string> | undefined | null): string {
  const keys = Object.keys(labels ?? {}).sort();
  if (keys.length === 0) return '<none>';
  return keys.map((k) => `${k}=${labels![k]}`).join(',');
}

export type SelectorOperator = '=' | '==' | '!=' | 'in' | 'notin' | 'exists' | '!' | 'gt' | 'lt';

/** One requirement of a label selector (`labels.Requirement`). */
export interface Requirement {
  key: string;
  operator: SelectorOperator;
  values: string[];
}

/** A malformed label selector; `message` is apimachinery's error text. */
export class LabelSelectorError extends Error {
  override name = 'LabelSelectorError';
}

type Tok = 'error' | 'eos' | ')' | ',' | '!' | '==' | '=' | '>' | 'id' | 'in' | '<' | '!=' | 'notin' | '(';

const STRING_TO_TOKEN: Record<string, Tok> = {
  ')': ')',
  ',': ',',
  '!': '!',
  '==': '==',
  '=': '=',
  '>': '>',
  in: 'in',
  '<': '<',
  '!=': '!=',
  notin: 'notin',
  '(': '(',
};

const BINARY_OPERATORS = 'in, notin, =, ==, !=, gt, lt';

interface Item {
  tok: Tok;
  lit: string;
}

const isWhitespace = (ch: string): boolean => ch === ' ' || ch === '\t' || ch === '\r' || ch === '\n';
const isSpecial = (ch: string): boolean => '=!(),><'.includes(ch) && ch !== '';

/** The selector lexer (labels.Lexer): identifiers run until whitespace or an operator character. */
function lex(s: string): Item[] {
  const items: Item[] = [];
  let pos = 0;
  for (;;) {
    while (pos < s.length && isWhitespace(s[pos]!)) pos++;
    if (pos >= s.length) {
      items.push({ tok: 'eos', lit: '' });
      return items;
    }
    if (isSpecial(s[pos]!)) {
      // Longest operator that is a known token, as scanSpecialSymbol does.
      let buf = '';
      let last: Item | undefined;
      while (pos < s.length && isSpecial(s[pos]!)) {
        buf += s[pos];
        const t = STRING_TO_TOKEN[buf];
        if (t) {
          last = { tok: t, lit: buf };
          pos++;
        } else if (last) {
          break;
        } else {
          pos++;
        }
      }
      items.push(last ?? { tok: 'error', lit: `error expected: keyword found '${buf}'` });
      continue;
    }
    let buf = '';
    while (pos < s.length && !isSpecial(s[pos]!) && !isWhitespace(s[pos]!)) buf += s[pos++];
    items.push({ tok: STRING_TO_TOKEN[buf] ?? 'id', lit: buf });
  }
}

const QUALIFIED_NAME = /^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$/;
const DNS1123_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

/**
 * A short form of `validation.IsQualifiedName` for label keys. The message prefix follows
 * field.Invalid with an empty path; the texts are apimachinery's (UNCONFIRMED as kubectl shows them).
 */
function validateLabelKey(key: string): void {
  const slash = key.indexOf('/');
  const name = slash >= 0 ? key.slice(slash + 1) : key;
  const prefix = slash >= 0 ? key.slice(0, slash) : '';
  if (slash >= 0 && !DNS1123_SUBDOMAIN.test(prefix)) {
    throw new LabelSelectorError(
      `unable to parse requirement: <nil>: Invalid value: "${key}": prefix part a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')`,
    );
  }
  if (name.length > 63) {
    throw new LabelSelectorError(
      `unable to parse requirement: <nil>: Invalid value: "${key}": name part must be no more than 63 characters`,
    );
  }
  if (!QUALIFIED_NAME.test(name)) {
    throw new LabelSelectorError(
      `unable to parse requirement: <nil>: Invalid value: "${key}": name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')`,
    );
  }
}

const LABEL_VALUE = /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/;

/** `validateLabelValue` as NewRequirement runs it on each value (path `values[i][key]`). */
function validateLabelValues(key: string, values: string[]): void {
  values.forEach((v, i) => {
    const where = `unable to parse requirement: values[${i}][${key}]: Invalid value: "${v}"`;
    if (v.length > 63) throw new LabelSelectorError(`${where}: must be no more than 63 characters`);
    if (!LABEL_VALUE.test(v)) {
      throw new LabelSelectorError(
        `${where}: a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')`,
      );
    }
  });
}

/** Parses `a=b,c!=d,e in (x,y),!f` into requirements sorted by key, as labels.Parse does. */
export function parseLabelSelector(selector: string): Requirement[] {
  const items = lex(selector);
  let position = 0;
  // In "values" context the keywords in/notin are plain identifiers (`x in (in)`).
  const asValue = (it: Item): Item => (it.tok === 'in' || it.tok === 'notin' ? { tok: 'id', lit: it.lit } : it);
  const lookahead = (values = true): Item => (values ? asValue(items[position]!) : items[position]!);
  const consume = (values = true): Item => {
    const it = items[position]!;
    position++;
    return values ? asValue(it) : it;
  };
  const fail = (msg: string): never => {
    throw new LabelSelectorError(msg);
  };
  const reqFail = (msg: string): never => fail(`unable to parse requirement: ${msg}`);

  const parseValues = (): string[] => {
    let t = consume();
    if (t.tok !== '(') reqFail(`found '${t.lit}' expected: '('`);
    const first = lookahead();
    if (first.tok === ')') {
      consume();
      return [''];
    }
    if (first.tok !== 'id' && first.tok !== ',') reqFail(`found '${first.lit}', expected: ',', ')' or identifier`);
    const set = new Set<string>();
    for (;;) {
      t = consume();
      if (t.tok === 'id') {
        set.add(t.lit);
        const next = lookahead();
        if (next.tok === ',') continue;
        if (next.tok === ')') break;
        reqFail(`found '${next.lit}', expected: ',' or ')'`);
      } else if (t.tok === ',') {
        if (set.size === 0) set.add('');
        const next = lookahead();
        if (next.tok === ')') {
          set.add('');
          break;
        }
        if (next.tok === ',') set.add('');
      } else {
        reqFail(`found '${t.lit}', expected: ',', or identifier`);
      }
    }
    if (consume().tok !== ')') reqFail(`found '${first.lit}', expected: ')'`);
    return [...set].sort();
  };

  const parseRequirement = (): Requirement => {
    let t = consume();
    let negated = false;
    if (t.tok === '!') {
      negated = true;
      t = consume();
    }
    if (t.tok !== 'id') reqFail(`found '${t.lit}', expected: identifier`);
    validateLabelKey(t.lit);
    const key = t.lit;
    // `!key` is complete as it stands: whatever follows is the caller's problem (`!a=b` fails on '=').
    if (negated) return { key, operator: '!', values: [] };
    const next = lookahead();
    if (next.tok === 'eos' || next.tok === ',') return { key, operator: 'exists', values: [] };
    const op = consume(false);
    const operators: Partial<Record<Tok, SelectorOperator>> = {
      in: 'in',
      '=': '=',
      '==': '==',
      '>': 'gt',
      '<': 'lt',
      notin: 'notin',
      '!=': '!=',
    };
    const operator = operators[op.tok] ?? reqFail(`found '${op.lit}', expected: ${BINARY_OPERATORS}`);
    if (operator === 'in' || operator === 'notin') {
      const values = parseValues();
      validateLabelValues(key, values);
      return { key, operator, values };
    }
    const v = lookahead();
    if (v.tok === 'eos' || v.tok === ',') return { key, operator, values: [''] };
    const value = consume();
    if (value.tok !== 'id') reqFail(`found '${value.lit}', expected: identifier`);
    // gt/lt take integers, not label values (NewRequirement checks them differently).
    if (operator !== 'gt' && operator !== 'lt') validateLabelValues(key, [value.lit]);
    return { key, operator, values: [value.lit] };
  };

  const requirements: Requirement[] = [];
  for (;;) {
    const t = lookahead();
    if (t.tok === 'eos') break;
    if (t.tok !== 'id' && t.tok !== '!') fail(`found '${t.lit}', expected: !, identifier, or 'end of string'`);
    requirements.push(parseRequirement());
    const sep = consume();
    if (sep.tok === 'eos') break;
    if (sep.tok !== ',') fail(`found '${sep.lit}', expected: ',' or 'end of string'`);
    const after = lookahead();
    if (after.tok !== 'id' && after.tok !== '!') fail(`found '${after.lit}', expected: identifier after ','`);
  }
  return requirements.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}

/** `Requirement.Matches`: does one requirement hold for a label set. */
export function matchesRequirement(r: Requirement, labels: Record<string, string>): boolean {
  const has = Object.hasOwn(labels, r.key);
  const value = labels[r.key];
  switch (r.operator) {
    case '=':
    case '==':
    case 'in':
      return has && r.values.includes(value!);
    case '!=':
    case 'notin':
      return !has || !r.values.includes(value!);
    case 'exists':
      return has;
    case '!':
      return !has;
    case 'gt':
    case 'lt': {
      if (!has || !/^-?\d+$/.test(value!)) return false;
      const n = Number(value);
      const bound = Number(r.values[0]);
      return r.operator === 'gt' ? n > bound : n < bound;
    }
  }
}

/** Does a label set satisfy every requirement (comma means AND; no requirement matches all). */
export function matchesRequirements(reqs: Requirement[], labels: Record<string, string> | undefined): boolean {
  const set = labels ?? {};
  return reqs.every((r) => matchesRequirement(r, set));
}

/** Parses and matches a `-l` selector string in one call. */
export function matchLabelSelectorString(selector: string, labels: Record<string, string> | undefined): boolean {
  return matchesRequirements(parseLabelSelector(selector), labels);
}

/** `Requirement.String()`: `a=b`, `a!=b`, `a in (x,y)`, `!a`, `a`. */
export function formatRequirement(r: Requirement): string {
  switch (r.operator) {
    case 'exists':
      return r.key;
    case '!':
      return `!${r.key}`;
    case 'in':
    case 'notin':
      return `${r.key} ${r.operator} (${[...r.values].sort().join(',')})`;
    case 'gt':
      return `${r.key}>${r.values[0] ?? ''}`;
    case 'lt':
      return `${r.key}<${r.values[0] ?? ''}`;
    default:
      return `${r.key}${r.operator}${[...r.values].sort().join(',')}`;
  }
}

/** `metav1.LabelSelectorAsSelector`'s requirements, sorted by key. */
export function labelSelectorRequirements(sel: LabelSelector): Requirement[] {
  const reqs: Requirement[] = [];
  for (const [key, value] of Object.entries(sel.matchLabels ?? {})) reqs.push({ key, operator: '=', values: [value] });
  for (const e of sel.matchExpressions ?? []) {
    const operator: SelectorOperator =
      e.operator === 'In' ? 'in' : e.operator === 'NotIn' ? 'notin' : e.operator === 'Exists' ? 'exists' : '!';
    reqs.push({ key: e.key, operator, values: [...(e.values ?? [])] });
  }
  return reqs.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}

/**
 * Does a `metav1.LabelSelector` select this label set (a missing selector selects nothing, an
 * empty one everything). The cluster's controllers own this rule; kubectl uses the same one.
 */
export const matchLabelSelector: (
  sel: LabelSelector | undefined,
  labels: Record<string, string> | undefined,
) => boolean = matchesLabelSelector;

/** `labels.Selector.String()` of a LabelSelector: `app=web,tier in (a,b)`, '' when empty. */
export function labelSelectorString(sel: LabelSelector | undefined | null): string {
  return labelSelectorRequirements(sel ?? {})
    .map(formatRequirement)
    .join(',');
}

/** `metav1.FormatLabelSelector`: `app=web`, `app in (a,b),tier`, or `<none>` when empty or missing. */
export function formatLabelSelector(sel: LabelSelector | undefined | null): string {
  return labelSelectorString(sel) || '<none>';
}
