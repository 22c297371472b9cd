/**
 * JSON exactly as Go's encoding/json writes it for kubectl's unstructured maps: keys sorted,
 * `<`, `>`, `&`, U+2028 and U+2029 escaped (json.Marshal's HTML-safe default), and
 * MarshalIndent's layout (`{}`/`[]` for empty containers). `-o json`, `jsonpath-as-json` and
 * jsonpath's printing of maps and lists all go through here.
 */

/** Go's encodeState.string: the quoted, escaped form of a string. */
export function goJsonString(s: string): string {
  let out = '"';
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    switch (ch) {
      case '"':
        out += '\\"';
        break;
      case '\\':
        out += '\\\\';
        break;
      case '\n':
        out += '\\n';
        break;
      case '\r':
        out += '\\r';
        break;
      case '\t':
        out += '\\t';
        break;
      case '\b':
        out += '\\b';
        break;
      case '\f':
        out += '\\f';
        break;
      default:
        if (c < 0x20 || ch === '<' || ch === '>' || ch === '&' || c === 0x2028 || c === 0x2029) {
          out += `\\u${c.toString(16).padStart(4, '0')}`;
        } else {
          out += ch;
        }
    }
  }
  return `${out}"`;
}

/**
 * strconv.FormatFloat(f, 'g', -1, 64)-style text: the shortest digits, in exponent form
 * (`1e-05`, `1.2345675e+06`) when the exponent is below -4 or at least `expThreshold`.
 * go-yaml uses 'g' (threshold 6); fmt's %v (JSONPath text output) uses 21.
 */
export function goFloatString(n: number, expThreshold: number): string {
  if (Number.isNaN(n)) return 'NaN';
  if (!Number.isFinite(n)) return n > 0 ? '+Inf' : '-Inf';
  if (n === 0) return '0';
  const [mantissa, expText] = n.toExponential().split('e') as [string, string];
  const exp = Number(expText);
  if (exp < -4 || exp >= expThreshold) {
    const abs = Math.abs(exp);
    return `${mantissa}e${exp < 0 ? '-' : '+'}${abs < 10 ? `0${abs}` : abs}`;
  }
  // Plain notation: JS only switches to exponents outside [1e-7, 1e21), which this range avoids.
  return String(n);
}

/** A JSON number as Go prints float64/int64: integers plainly, others in shortest form. */
export function goJsonNumber(n: number): string {
  if (!Number.isFinite(n)) return 'null';
  return JSON.stringify(n);
}

/**
 * Which keys of an object to write, in which order, given its path from the root (object keys, and
 * `#` for an array element). Go's map marshalling sorts them; struct marshalling (kube-apiserver)
 * follows the declared field order.
 */
export type JsonKeyOrder = (obj: Record<string, unknown>, path: readonly string[]) => string[];

/** Map keys sorted as Go sorts map[string]interface{} keys (byte order), undefined values dropped. */
export const goMapKeyOrder: JsonKeyOrder = (obj) =>
  Object.keys(obj)
    .filter((k) => obj[k] !== undefined)
    .sort(compareGoStrings);

/**
 * `json.Marshal` (indent '') or `json.MarshalIndent(v, "", indent)` over plain JSON data, with
 * map keys in Go's order (sorted) unless `keyOrder` says otherwise.
 */
export function goJsonMarshal(value: unknown, indent = '', keyOrder: JsonKeyOrder = goMapKeyOrder): string {
  const walk = (v: unknown, path: string[]): string => {
    if (v === null || v === undefined) return 'null';
    if (typeof v === 'string') return goJsonString(v);
    if (typeof v === 'number') return goJsonNumber(v);
    if (typeof v === 'boolean') return v ? 'true' : 'false';
    const depth = path.length;
    const nl = indent ? `\n${indent.repeat(depth + 1)}` : '';
    const close = indent ? `\n${indent.repeat(depth)}` : '';
    const colon = indent ? ': ' : ':';
    if (Array.isArray(v)) {
      if (v.length === 0) return '[]';
      return `[${v.map((x) => nl + walk(x, [...path, '#'])).join(',')}${close}]`;
    }
    const obj = v as Record<string, unknown>;
    const keys = keyOrder(obj, path);
    if (keys.length === 0) return '{}';
    return `{${keys.map((k) => nl + goJsonString(k) + colon + walk(obj[k], [...path, k])).join(',')}${close}}`;
  };
  return walk(value, []);
}

/** Go compares strings bytewise (UTF-8); for the BMP this equals code-unit order. */
export function compareGoStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** `kubectl get -o json`: MarshalIndent with four spaces, then a newline. */
export function toKubectlJson(obj: unknown): string {
  return `${goJsonMarshal(obj, '    ')}\n`;
}

/**
 * The List wrapper kubectl prints around several objects or a list result
 * (`apiVersion: v1`, `items`, `kind: List`, `metadata.resourceVersion: ""`).
 */
export function asList(objs: unknown[]): Record<string, unknown> {
  return { apiVersion: 'v1', items: objs, kind: 'List', metadata: { resourceVersion: '' } };
}
