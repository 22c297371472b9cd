/**
 * `kubectl get -o custom-columns=NAME:.metadata.name,IP:.status.podIP` (kubectl get/customcolumn.go):
 * each column is a relaxed JSONPath, every value printed with fmt.Sprint and joined by `,`,
 * `<none>` when nothing matched, laid out with the kubectl table writer.
 */
import { KUBECTL_TABLE, tabwriterGo } from './table';
import { findJsonPathResults, goFormatV, JsonPathError, parseJsonPath, relaxedJsonPathExpression } from './jsonpath';

/** One user-given column: the header as typed and its `{.a.b}` JSONPath. */
export interface CustomColumn {
  header: string;
  fieldSpec: string;
}

/** Parses the flag value; throws JsonPathError with kubectl's message for a malformed spec. */
export function parseCustomColumnsSpec(spec: string): CustomColumn[] {
  if (spec.length === 0)
    throw new JsonPathError('custom-columns format specified but no custom columns given', 'parse');
  return spec.split(',').map((part) => {
    const colon = part.indexOf(':');
    if (colon < 0) {
      throw new JsonPathError(`unexpected custom-columns spec: ${part}, expected <header>:<json-path-expr>`, 'parse');
    }
    const fieldSpec = relaxedJsonPathExpression(part.slice(colon + 1));
    parseJsonPath(fieldSpec);
    return { header: part.slice(0, colon), fieldSpec };
  });
}

/** printers.EscapeTerminal: control characters that could drive the terminal are escaped. */
function escapeTerminal(s: string): string {
  return s.replace(/[\x00-\x08\x0b-\x1f\x7f]/g, (c) =>
    c === '\x1b' ? '^[' : `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`,
  );
}

/** The cells of one object's row. */
export function customColumnsRow(columns: CustomColumn[], obj: unknown): string[] {
  return columns.map((col) => {
    const values = findJsonPathResults(col.fieldSpec, obj, { allowMissingKeys: true });
    const strings: string[] = [];
    if (values.length === 0 || values[0]!.length === 0) strings.push('<none>');
    for (const results of values) for (const v of results) strings.push(escapeTerminal(goFormatV(v)));
    return strings.join(',');
  });
}

/** The whole custom-columns output for a list of objects (header first unless `noHeaders`). */
export function formatCustomColumns(spec: string, objects: unknown[], opts: { noHeaders?: boolean } = {}): string {
  const columns = parseCustomColumnsSpec(spec);
  const lines: string[] = [];
  if (!opts.noHeaders) lines.push(columns.map((c) => c.header).join('\t'));
  for (const obj of objects) lines.push(customColumnsRow(columns, obj).join('\t'));
  return tabwriterGo(lines.map((l) => `${l}\n`).join(''), KUBECTL_TABLE);
}
