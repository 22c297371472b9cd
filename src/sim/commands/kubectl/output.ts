/**
 * `-o` for get/create/apply/run/expose: tables (with -A, --show-labels, -L, --no-headers, wide),
 * yaml, json, name, jsonpath, jsonpath-as-json, custom-columns. Objects are printed as the API
 * returns them (no managedFields).
 */
import type { ApiResource } from '../../cluster/resources';
import type { KubeObject } from '../../cluster/types';
import { toKubectlYaml } from '../../format/yaml';
import { toKubectlJson, asList } from '../../format/json';
import { executeJsonPath, parseJsonPath, JsonPathError } from '../../format/jsonpath';
import { jsonPathExecuteErrorText, jsonPathParseErrorText } from '../../format/jsonpathErrors';
import { formatCustomColumns } from '../../format/customColumns';
import { KubectlError } from './context';
import { renderTable } from '../../format/printers';
import { kindName } from './targets';

export interface Group {
  res: ApiResource;
  objs: KubeObject[];
}

export interface OutputOptions {
  output: string;
  allNamespaces: boolean;
  showLabels: boolean;
  labelColumns: string[];
  noHeaders: boolean;
  /** Prefix names with `kind[.group]/` (several types, `get all`, `--show-kind`). */
  showKind: boolean;
  /** One object asked for by name: yaml/json/jsonpath print it bare instead of in a List. */
  single: boolean;
  now: number;
}

/** Render one group as a table (kubectl get's human-readable printer, decorations included). */
export function tableFor(g: Group, o: OutputOptions): string {
  const prefix = kindName(g.res, '');
  return renderTable(g.res.plural, g.objs, {
    now: o.now,
    wide: o.output === 'wide',
    namespaceColumn: o.allNamespaces && g.res.namespaced,
    showLabels: o.showLabels,
    labelColumns: o.labelColumns,
    noHeaders: o.noHeaders,
    ...(o.showKind ? { namePrefix: prefix } : {}),
  });
}

/** Print groups in the chosen output format; returns the text for stdout. */
export function renderObjects(groups: Group[], o: OutputOptions): string {
  const out = o.output;
  const objs = groups.flatMap((g) => g.objs);
  if (out === '' || out === 'wide') {
    return groups
      .filter((g) => g.objs.length)
      .map((g) => tableFor(g, o))
      .join('\n');
  }
  if (out === 'yaml') return toKubectlYaml(o.single && objs.length === 1 ? objs[0] : asList(objs));
  if (out === 'json') return toKubectlJson(o.single && objs.length === 1 ? objs[0] : asList(objs));
  if (out === 'name') return groups.flatMap((g) => g.objs.map((x) => `${kindName(g.res, x.metadata.name)}\n`)).join('');
  const eq = out.indexOf('=');
  const fmt = eq >= 0 ? out.slice(0, eq) : out;
  const arg = eq >= 0 ? out.slice(eq + 1) : '';
  if (fmt === 'jsonpath' || fmt === 'jsonpath-as-json') {
    if (!arg) throw new KubectlError('template format specified but no template given');
    const data = o.single && objs.length === 1 ? objs[0] : asList(objs);
    try {
      parseJsonPath(arg);
    } catch (e) {
      if (e instanceof JsonPathError) throw new KubectlError(jsonPathParseErrorText(arg, e), 1, true);
      throw e;
    }
    try {
      return executeJsonPath(arg, data, { outputJson: fmt === 'jsonpath-as-json' });
    } catch (e) {
      if (e instanceof JsonPathError) throw new KubectlError(jsonPathExecuteErrorText(arg, e, data), 1, true);
      throw e;
    }
  }
  if (fmt === 'custom-columns') {
    if (!arg) throw new KubectlError('custom-columns format specified but no custom columns given');
    return formatCustomColumns(arg, objs, { noHeaders: o.noHeaders });
  }
  if (
    fmt === 'go-template' ||
    fmt === 'template' ||
    fmt === 'go-template-file' ||
    fmt === 'jsonpath-file' ||
    fmt === 'custom-columns-file'
  ) {
    throw new KubectlError(`netlab: kubectl -o ${fmt} is not emulated`, 1);
  }
  throw new KubectlError(
    `unable to match a printer suitable for the output format "${out}", allowed formats are: custom-columns,custom-columns-file,go-template,go-template-file,json,jsonpath,jsonpath-as-json,jsonpath-file,name,template,templatefile,wide,yaml`,
  );
}
