/**
 * How kubectl reports a JSONPath failure (cli-runtime printers/jsonpath.go and kubectl's
 * checkErr): parse errors on one line, execution errors with the template and a Go `%#v` dump of
 * the object the engine was given.
 */
import { compareGoStrings } from './json';
import { JsonPathError } from './jsonpath';

/** strconv.Quote for the strings kubectl quotes with `%q`. */
export function goQuote(s: string): string {
  let out = '"';
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    if (ch === '"' || ch === '\\') out += `\\${ch}`;
    else if (ch === '\n') out += '\\n';
    else if (ch === '\t') out += '\\t';
    else if (ch === '\r') out += '\\r';
    else if (c < 0x20 || c === 0x7f) out += `\\x${c.toString(16).padStart(2, '0')}`;
    else out += ch;
  }
  return `${out}"`;
}

/** fmt's `%#v` of an unstructured value (as held in an interface{}; map keys sorted, as fmt does). */
export function goSyntaxV(v: unknown): string {
  if (v === null || v === undefined) return 'interface {}(nil)';
  if (typeof v === 'string') return goQuote(v);
  if (typeof v === 'boolean') return String(v);
  if (typeof v === 'number') return String(v);
  if (Array.isArray(v)) return `[]interface {}{${v.map((x) => goSyntaxV(x)).join(', ')}}`;
  const m = v as Record<string, unknown>;
  const body = Object.keys(m)
    .sort(compareGoStrings)
    .map((k) => `${goQuote(k)}:${goSyntaxV(m[k])}`)
    .join(', ');
  return `map[string]interface {}{${body}}`;
}

/** The stderr text for a template that does not parse: `error: error parsing jsonpath <tmpl>, <err>`. */
export function jsonPathParseErrorText(rawTemplate: string, err: JsonPathError): string {
  return `error: error parsing jsonpath ${rawTemplate}, ${err.message}\n`;
}

/** The stderr text for a template that fails while running, as kubectl prints it (it ends in blank lines). */
export function jsonPathExecuteErrorText(rawTemplate: string, err: JsonPathError, data: unknown): string {
  const detail =
    `Error executing template: ${err.message}. Printing more information for debugging the template:\n` +
    `\ttemplate was:\n\t\t${rawTemplate}\n` +
    `\tobject given to jsonpath engine was:\n\t\t${goSyntaxV(data)}\n\n`;
  return `error: error executing jsonpath ${goQuote(rawTemplate)}: ${detail}\n`;
}
