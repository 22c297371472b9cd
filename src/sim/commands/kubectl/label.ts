/** `kubectl label` and `kubectl annotate`: `key=value` to set, `key-` to remove, `--overwrite`. */
import { ApiError } from '../../cluster/errors';
import { bool, str, type FlagDef } from './flags';
import { KubectlError, usageError, type Kubectl } from './context';
import { filterObjects, kindName, parseTargets } from './targets';

export const LABEL_FLAGS: FlagDef[] = [
  {
    name: 'overwrite',
    type: 'bool',
    description:
      'If true, allow labels to be overwritten, otherwise reject label updates that overwrite existing labels.',
  },
  { name: 'all', type: 'bool', description: 'Select all resources, in the namespace of the specified resource types' },
  {
    name: 'all-namespaces',
    short: 'A',
    type: 'bool',
    description: 'If true, check the specified action in all namespaces.',
  },
  { name: 'selector', short: 'l', type: 'string', description: 'Selector (label query) to filter on' },
  { name: 'list', type: 'bool', description: 'If true, display the labels for a given resource.' },
  { name: 'output', short: 'o', type: 'string', description: 'Output format' },
  { name: 'dry-run', type: 'string', description: 'Must be "none", "server", or "client".' },
];

/** Run `kubectl label` (field 'labels') or `kubectl annotate` (field 'annotations'). */
export function runLabel(k: Kubectl, field: 'labels' | 'annotations'): number {
  const verb = field === 'labels' ? 'label' : 'annotate';
  const args = k.parsed.args;
  const changes = args.filter((a) => a.includes('=') || (a.endsWith('-') && !a.includes('/')));
  const resArgs = args.filter((a) => !changes.includes(a));
  if (resArgs.length === 0)
    throw usageError(verb, 'one or more resources must be specified as <resource> <name> or <resource>/<name>');
  if (changes.length === 0 && !bool(k.parsed, 'list'))
    throw usageError(verb, `at least one ${field === 'labels' ? 'label' : 'annotation'} update is required`);
  const set = new Map<string, string>();
  const remove: string[] = [];
  for (const c of changes) {
    if (c.endsWith('-') && !c.includes('=')) remove.push(c.slice(0, -1));
    else {
      const eq = c.indexOf('=');
      set.set(c.slice(0, eq), c.slice(eq + 1));
    }
  }
  const targets = parseTargets(resArgs);
  const selector = str(k.parsed, 'selector');
  let failed = false;
  for (const t of targets) {
    const ns = t.res.namespaced ? k.namespace : undefined;
    const objs = t.names
      ? t.names.map((n) => k.cluster.mustGet(t.res.plural, ns, n))
      : bool(k.parsed, 'all') || selector !== undefined
        ? filterObjects(
            k.cluster.list(t.res.plural, ns),
            t.res,
            selector !== undefined ? { labelSelector: selector } : {},
          )
        : (() => {
            throw usageError(verb, 'resource(s) were provided, but no name was specified');
          })();
    for (const live of objs) {
      const next = structuredClone(live);
      const map: Record<string, string> = { ...((next.metadata[field] as Record<string, string> | undefined) ?? {}) };
      for (const [key, v] of set) {
        if (map[key] !== undefined && map[key] !== v && !bool(k.parsed, 'overwrite')) {
          throw new KubectlError(`'${key}' already has a value (${map[key]}), and --overwrite is false`);
        }
        map[key] = v;
      }
      for (const key of remove) delete map[key];
      if (Object.keys(map).length) next.metadata[field] = map;
      else delete next.metadata[field];
      const before = JSON.stringify(live.metadata[field] ?? {});
      const changed = before !== JSON.stringify(map);
      try {
        if (changed) k.cluster.update(next);
      } catch (e) {
        if (e instanceof ApiError) {
          failed = true;
          k.err(`${e.kubectlMessage()}\n`);
          continue;
        }
        throw e;
      }
      // kubectl says `annotated` even when nothing changed; label distinguishes.
      const word =
        field === 'labels' ? (changed ? (set.size === 0 ? 'unlabeled' : 'labeled') : 'not labeled') : 'annotated';
      k.out(`${kindName(t.res, live.metadata.name)} ${word}\n`);
    }
  }
  return failed ? 1 : 0;
}
