/**
 * Turning `TYPE NAME...`, `TYPE/NAME...`, `TYPE1,TYPE2` and `all` into resources and objects, as
 * cli-runtime's resource builder does, with its error texts; plus `-l` / `--field-selector` filtering.
 */
import type { ApiResource } from '../../cluster/resources';
import { resolveResource } from '../../cluster/resources';
import type { KubeObject } from '../../cluster/types';
import { parseLabelSelector, matchesRequirements, LabelSelectorError } from '../../format/labels';
import { parseFieldSelector, matchFieldSelector, validateFieldSelector, FieldSelectorError } from '../../format/fields';
import { KubectlError } from './context';
import { ApiError } from '../../cluster/errors';

/** What `kubectl get all` expands to (the `all` category), in kubectl's order. */
export const ALL_CATEGORY = [
  'pods',
  'services',
  'daemonsets',
  'deployments',
  'replicasets',
  'statefulsets',
  'jobs',
  'cronjobs',
];

export interface Target {
  res: ApiResource;
  /** Named objects; undefined means "list them". */
  names?: string[];
}

/** Resolve a typed resource name or throw kubectl's unknown-type error. */
export function mustResolve(typed: string): ApiResource {
  const res = resolveResource(typed);
  if (!res) throw new KubectlError(`the server doesn't have a resource type "${typed.split('.')[0]}"`);
  return res;
}

/** Parse the positional arguments of get/describe/delete/label into targets. */
export function parseTargets(args: string[]): Target[] {
  if (args.length === 0) return [];
  if (args[0]!.includes('/')) {
    const out: Target[] = [];
    for (const a of args) {
      const slash = a.indexOf('/');
      if (slash < 0)
        throw new KubectlError(
          `there is no need to specify a resource type as a separate argument when passing arguments in resource/name form (e.g. 'kubectl get resource/<resource_name>' instead of 'kubectl get resource resource/<resource_name>'`,
        );
      const res = mustResolve(a.slice(0, slash));
      const name = a.slice(slash + 1);
      const prev = out.find((t) => t.res === res);
      if (prev) prev.names!.push(name);
      else out.push({ res, names: [name] });
    }
    return out;
  }
  const types = args[0]!.split(',').filter(Boolean);
  const names = args.slice(1);
  for (const n of names) {
    if (n.includes('/'))
      throw new KubectlError(
        `there is no need to specify a resource type as a separate argument when passing arguments in resource/name form (e.g. 'kubectl get resource/<resource_name>' instead of 'kubectl get resource resource/<resource_name>'`,
      );
  }
  const out: Target[] = [];
  for (const t of types) {
    const list = t === 'all' ? ALL_CATEGORY.map((p) => resolveResource(p)!) : [mustResolve(t)];
    for (const res of list)
      if (!out.some((o) => o.res === res)) out.push({ res, ...(names.length ? { names: [...names] } : {}) });
  }
  return out;
}

export interface Filters {
  labelSelector?: string;
  fieldSelector?: string;
}

/** Apply `-l` and `--field-selector` to a list, with apimachinery's error messages. */
export function filterObjects(objs: KubeObject[], res: ApiResource, f: Filters): KubeObject[] {
  let out = objs;
  if (f.labelSelector !== undefined) {
    let reqs;
    try {
      reqs = parseLabelSelector(f.labelSelector);
    } catch (e) {
      if (e instanceof LabelSelectorError) throw new KubectlError(e.message);
      throw e;
    }
    out = out.filter((o) => matchesRequirements(reqs, o.metadata.labels));
  }
  if (f.fieldSelector !== undefined) {
    let reqs;
    try {
      reqs = parseFieldSelector(f.fieldSelector);
    } catch (e) {
      if (e instanceof FieldSelectorError) throw new KubectlError(e.message);
      throw e;
    }
    try {
      validateFieldSelector(res.kind, reqs);
    } catch (e) {
      if (e instanceof FieldSelectorError) throw new ApiError('BadRequest', e.message);
      throw e;
    }
    out = out.filter((o) => matchFieldSelector(reqs, o));
  }
  return out;
}

/** `pod/x`, `deployment.apps/x`: the name kubectl's NamePrinter prints (lower-cased Kind). */
export function kindName(res: ApiResource, name: string): string {
  const kind = res.kind.toLowerCase();
  return res.group ? `${kind}.${res.group}/${name}` : `${kind}/${name}`;
}
