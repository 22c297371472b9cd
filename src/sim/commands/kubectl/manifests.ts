/**
 * Reading manifests for `-f`: files, comma lists, directories and `-` (stdin), multi-document YAML
 * (empty documents skipped, `kind: List` expanded), with kubectl's error texts for missing files,
 * YAML that does not parse, and objects without kind or apiVersion.
 */
import { parseAllDocuments, visit, type Document } from 'yaml';
import type { CommandContext } from '../../shell/types';
import type { KubeObject } from '../../cluster/types';
import { resolvePath } from '../../shell/vfs';
import { KubectlError } from './context';

export interface ManifestObject {
  obj: KubeObject;
  /** The file it came from (`STDIN` for `-f -`), as errors name it. */
  source: string;
}

/** go-yaml's wording for the errors the yaml package reports by code. */
function goYamlMessage(code: string, message: string): string {
  switch (code) {
    case 'BLOCK_AS_IMPLICIT_KEY':
    case 'MULTILINE_IMPLICIT_KEY':
    case 'UNEXPECTED_TOKEN':
      return 'mapping values are not allowed in this context';
    case 'TAB_AS_INDENT':
      return 'found character that cannot start any token';
    case 'DUPLICATE_KEY': {
      const m = /Map keys must be unique/.test(message);
      return m ? 'mapping key already defined' : message;
    }
    case 'MISSING_CHAR':
    case 'BAD_SCALAR_START':
      return 'did not find expected node content';
    default:
      return 'did not find expected key';
  }
}

/**
 * The name of an anchor whose own value refers to it (`a: &a [*a]`), which go-yaml refuses
 * (decode.go alias: "anchor '%s' value contains itself") and JavaScript would turn into a cycle.
 */
function selfContainingAnchor(doc: Document.Parsed): string | undefined {
  let found: string | undefined;
  visit(doc, {
    Alias(_key, node, path) {
      const target = node.resolve(doc);
      if (target && path.includes(target)) {
        found = node.source;
        return visit.BREAK;
      }
      return undefined;
    },
  });
  return found;
}

/** Parse one file's text into objects (the `source` names it in errors). */
export function parseManifests(text: string, source: string): ManifestObject[] {
  const out: ManifestObject[] = [];
  let docs;
  try {
    docs = parseAllDocuments(text, { uniqueKeys: false });
  } catch {
    throw new KubectlError(`error parsing ${source}: error converting YAML to JSON: yaml: did not find expected key`);
  }
  const list = Array.isArray(docs) ? docs : [docs];
  for (const doc of list) {
    const err = doc.errors[0];
    if (err) {
      const line = err.linePos?.[0]?.line ?? 1;
      throw new KubectlError(
        `error parsing ${source}: error converting YAML to JSON: yaml: line ${line}: ${goYamlMessage(err.code, err.message)}`,
      );
    }
    const loop = selfContainingAnchor(doc);
    if (loop !== undefined)
      throw new KubectlError(
        `error parsing ${source}: error converting YAML to JSON: yaml: anchor '${loop}' value contains itself`,
      );
    let value: unknown;
    try {
      value = doc.toJS({ maxAliasCount: 100 });
    } catch {
      throw new KubectlError(
        `error parsing ${source}: error converting YAML to JSON: yaml: document contains excessive aliasing`,
      );
    }
    if (value === null || value === undefined) continue;
    if (typeof value !== 'object' || Array.isArray(value)) {
      throw new KubectlError(
        `error validating "${source}": error validating data: [apiVersion not set, kind not set]; if you choose to ignore these errors, turn validation off with --validate=false`,
      );
    }
    const obj = JSON.parse(JSON.stringify(value)) as KubeObject;
    if (Object.keys(obj).length === 0) continue;
    if (obj.kind === 'List' && Array.isArray(obj.items)) {
      for (const item of obj.items) out.push(checked(item as KubeObject, source));
      continue;
    }
    out.push(checked(obj, source));
  }
  return out;
}

function checked(obj: KubeObject, source: string): ManifestObject {
  const missing: string[] = [];
  if (!obj.apiVersion) missing.push('apiVersion not set');
  if (!obj.kind) missing.push('kind not set');
  if (missing.length) {
    const what = missing.length === 1 ? missing[0] : `[${missing.join(', ')}]`;
    throw new KubectlError(
      `error validating "${source}": error validating data: ${what}; if you choose to ignore these errors, turn validation off with --validate=false`,
    );
  }
  if (typeof obj.metadata !== 'object' || obj.metadata === null) obj.metadata = { name: '' };
  if (obj.metadata.name !== undefined) obj.metadata.name = String(obj.metadata.name);
  return { obj, source };
}

/** Read every `-f` argument (comma lists, directories, `-`) from the command's location. */
export function readManifests(ctx: CommandContext, filenames: string[]): ManifestObject[] {
  const files = ctx.emulator.files;
  const out: ManifestObject[] = [];
  for (const f of filenames.flatMap((x) => x.split(',')).filter(Boolean)) {
    if (f === '-') {
      out.push(...parseManifests(ctx.stdin, 'STDIN'));
      continue;
    }
    if (/^https?:\/\//.test(f)) throw new KubectlError(`netlab: kubectl -f with a URL is not emulated (${f})`);
    const path = resolvePath(ctx.cwd, f);
    const st = files.stat(ctx.location, path);
    if (!st) throw new KubectlError(`the path "${f}" does not exist`);
    if (st.type === 'dir') {
      const names = files.list(ctx.location, path);
      if (typeof names === 'string') throw new KubectlError(`the path "${f}" does not exist`);
      for (const n of [...names].sort()) {
        if (!/\.(ya?ml|json)$/.test(n)) continue;
        const child = `${path.replace(/\/$/, '')}/${n}`;
        const text = files.read(ctx.location, child);
        if (
          typeof text === 'string' &&
          !['ENOENT', 'EISDIR', 'ENOTDIR', 'EEXIST', 'ENOTEMPTY', 'EACCES'].includes(text)
        )
          out.push(...parseManifests(text, `${f.replace(/\/$/, '')}/${n}`));
      }
      continue;
    }
    const text = files.read(ctx.location, path);
    if (text === 'ENOENT' || text === 'EISDIR' || text === 'EACCES' || text === 'ENOTDIR')
      throw new KubectlError(`the path "${f}" does not exist`);
    out.push(...parseManifests(text, f));
  }
  return out;
}
