/** `kubectl get`: tables, -o formats, selectors, several types, `all`, and `-w`. */
import type { KubeObject } from '../../cluster/types';
import type { StoreEvent } from '../../cluster/store';
import { findJsonPathResults, relaxedJsonPathExpression, JsonPathError } from '../../format/jsonpath';
import { bool, list, str, type FlagDef } from './flags';
import { KubectlError, type Kubectl } from './context';
import { filterObjects, parseTargets, type Target } from './targets';
import { renderObjects, tableFor, type Group, type OutputOptions } from './output';
import { ApiError, notFound } from '../../cluster/errors';
import { serveAs } from '../../rbac/apiserver';

export const GET_FLAGS: FlagDef[] = [
  { name: 'output', short: 'o', type: 'string', description: 'Output format' },
  {
    name: 'all-namespaces',
    short: 'A',
    type: 'bool',
    description: 'List the requested object(s) across all namespaces',
  },
  { name: 'selector', short: 'l', type: 'string', description: 'Selector (label query) to filter on' },
  { name: 'field-selector', type: 'string', description: 'Selector (field query) to filter on' },
  { name: 'show-labels', type: 'bool', description: 'When printing, show all labels as the last column' },
  {
    name: 'label-columns',
    short: 'L',
    type: 'stringArray',
    description: 'Accepts a comma separated list of labels that are going to be presented as columns',
  },
  { name: 'sort-by', type: 'string', description: 'If non-empty, sort list types using this field specification' },
  {
    name: 'no-headers',
    type: 'bool',
    description: "When using the default or custom-column output format, don't print headers",
  },
  {
    name: 'watch',
    short: 'w',
    type: 'bool',
    description: 'After listing/getting the requested object, watch for changes',
  },
  {
    name: 'watch-only',
    type: 'bool',
    description: 'Watch for changes to the requested object(s), without listing/getting first',
  },
  { name: 'show-kind', type: 'bool', description: 'If present, list the resource type for the requested object(s)' },
  {
    name: 'ignore-not-found',
    type: 'bool',
    description: 'If the requested object does not exist the command will return exit code 0',
  },
  { name: 'chunk-size', type: 'int', description: 'Return large lists in chunks rather than all at once' },
  {
    name: 'filename',
    short: 'f',
    type: 'stringArray',
    description: 'Filename, directory, or URL to files identifying the resource to get from a server',
  },
  {
    name: 'raw',
    type: 'string',
    description: 'Raw URI to request from the server.  Uses the transport specified by the kubeconfig file.',
  },
];

/** A cap for interactive watches (one virtual hour), so a forgotten terminal does not run for ever. */
export const MAX_WATCH_SECONDS = 3600;

const NO_TYPE = `You must specify the type of resource to get. Use "kubectl api-resources" for a complete list of supported resources.

error: Required resource not specified.
Use "kubectl explain <resource>" for a detailed description of that resource (e.g. kubectl explain pods).
See 'kubectl get -h' for help and examples
`;

/** Sort by a `--sort-by` JSONPath: numbers numerically, everything else as strings; missing values first. */
export function sortBy(objs: KubeObject[], field: string): KubeObject[] {
  const expr = relaxedJsonPathExpression(field);
  const keyed = objs.map((o) => {
    let v: unknown;
    try {
      v = findJsonPathResults(expr, o)[0]?.[0];
    } catch (e) {
      if (e instanceof JsonPathError)
        throw new KubectlError(`couldn't find any field with path "${expr}" in the list of objects`);
      throw e;
    }
    return { o, v };
  });
  const cmp = (a: unknown, b: unknown): number => {
    if (a === undefined) return b === undefined ? 0 : -1;
    if (b === undefined) return 1;
    if (typeof a === 'number' && typeof b === 'number') return a - b;
    const sa = typeof a === 'string' ? a : JSON.stringify(a);
    const sb = typeof b === 'string' ? b : JSON.stringify(b);
    return sa < sb ? -1 : sa > sb ? 1 : 0;
  };
  return keyed.sort((a, b) => cmp(a.v, b.v)).map((x) => x.o);
}

interface Fetched {
  groups: Group[];
  errors: string[];
  single: boolean;
}

function fetch(k: Kubectl, targets: Target[], allNs: boolean): Fetched {
  const groups: Group[] = [];
  const errors: string[] = [];
  const selector = str(k.parsed, 'selector');
  const fieldSelector = str(k.parsed, 'field-selector');
  let named = 0;
  for (const t of targets) {
    const ns = t.res.namespaced ? (allNs ? undefined : k.namespace) : undefined;
    if (t.names) {
      const objs: KubeObject[] = [];
      for (const name of t.names) {
        named++;
        let o: KubeObject | undefined;
        try {
          o = k.cluster.get(t.res.plural, ns ?? k.namespace, name);
        } catch (e) {
          // The builder continues on error: each named object's refusal is reported in turn.
          if (e instanceof ApiError && e.reason === 'Forbidden') {
            errors.push(e.kubectlMessage());
            continue;
          }
          throw e;
        }
        if (o) objs.push(o);
        else if (!bool(k.parsed, 'ignore-not-found')) errors.push(notFound(t.res, name).kubectlMessage());
      }
      groups.push({ res: t.res, objs });
    } else {
      let objs = k.cluster.list(t.res.plural, ns);
      objs = filterObjects(objs, t.res, {
        ...(selector !== undefined ? { labelSelector: selector } : {}),
        ...(fieldSelector !== undefined ? { fieldSelector } : {}),
      });
      groups.push({ res: t.res, objs });
    }
  }
  const sort = str(k.parsed, 'sort-by');
  if (sort) for (const g of groups) g.objs = sortBy(g.objs, sort);
  return { groups, errors, single: named === 1 && targets.length === 1 && targets[0]!.names?.length === 1 };
}

function outputOptions(k: Kubectl, groups: Group[], single: boolean, allNs: boolean): OutputOptions {
  return {
    output: str(k.parsed, 'output') ?? '',
    allNamespaces: allNs,
    showLabels: bool(k.parsed, 'show-labels'),
    labelColumns: list(k.parsed, 'label-columns'),
    noHeaders: bool(k.parsed, 'no-headers'),
    showKind: bool(k.parsed, 'show-kind') || groups.length > 1,
    single,
    now: k.ctx.emulator.clock.now(),
  };
}

/** `kubectl get --raw PATH`: the response body as the server sent it, or its Status as the error. */
function rawGet(k: Kubectl, path: string): number {
  if (k.parsed.args.length > 0) throw new KubectlError('arguments may not be passed when --raw is specified');
  k.checkIdentity();
  const res = serveAs(k.ctx.emulator, k.user, {
    method: 'GET',
    path,
    headers: { 'User-Agent': 'kubectl/v1.31.0 (linux/amd64) kubernetes/9edcffc' },
  });
  if (res.status >= 200 && res.status < 300) {
    k.out(res.body);
    return 0;
  }
  let status: { reason?: string; message?: string } = {};
  try {
    status = JSON.parse(res.body);
  } catch {
    status = { message: res.body };
  }
  throw new ApiError((status.reason ?? '') as ApiError['reason'], status.message ?? '');
}

/** Run `kubectl get`. */
export async function runGet(k: Kubectl): Promise<number> {
  const raw = str(k.parsed, 'raw');
  if (raw !== undefined) return rawGet(k, raw);
  const args = k.parsed.args;
  if (args.length === 0) {
    k.err(NO_TYPE);
    return 1;
  }
  const allNs = bool(k.parsed, 'all-namespaces');
  const targets = parseTargets(args);
  const { groups, errors, single } = fetch(k, targets, allNs);
  const opts = outputOptions(k, groups, single, allNs);
  const human = opts.output === '' || opts.output === 'wide';
  const total = groups.reduce((n, g) => n + g.objs.length, 0);
  // (v1.31 servers send no deprecation warning for v1 Endpoints: it arrived in v1.33.)
  const watching = bool(k.parsed, 'watch') || bool(k.parsed, 'watch-only');
  if (!bool(k.parsed, 'watch-only')) {
    if (total === 0 && human) {
      // A watch on an empty list prints nothing until the first event (header included).
      if (!errors.length && !watching) {
        const namespaced = !allNs && targets.every((t) => t.res.namespaced);
        k.err(namespaced ? `No resources found in ${k.namespace} namespace.\n` : 'No resources found\n');
      }
    } else {
      k.out(renderObjects(groups, opts));
    }
  }
  for (const e of errors) k.err(`${e}\n`);
  if (watching) {
    for (const t of targets) {
      const ns = t.res.namespaced && !allNs ? k.namespace : '';
      k.authorize({
        verb: 'watch',
        apiGroup: t.res.group,
        resource: t.res.plural,
        namespace: ns,
        ...(t.names?.length === 1 ? { name: t.names[0] } : {}),
      });
    }
    await watch(
      k,
      targets,
      bool(k.parsed, 'watch-only') ? targets.map((t) => ({ res: t.res, objs: [] })) : groups,
      opts,
      allNs,
    );
  }
  return errors.length ? 1 : 0;
}

/** `-w`: new rows as objects change while virtual time moves in 1 s steps. */
async function watch(
  k: Kubectl,
  targets: Target[],
  initial: Group[],
  opts: OutputOptions,
  allNs: boolean,
): Promise<void> {
  const emu = k.ctx.emulator;
  const plurals = new Set(targets.map((t) => t.res.plural));
  const pending: StoreEvent[] = [];
  const off = emu.store.onChange((e) => {
    if (plurals.has(e.resource)) pending.push({ ...e, object: structuredClone(e.object) });
  });
  const human = opts.output === '' || opts.output === 'wide';
  const headerShown = new Set(initial.filter((g) => g.objs.length).map((g) => g.res.plural));
  try {
    let quiet = 0;
    for (let second = 0; second < MAX_WATCH_SECONDS; second++) {
      await k.ctx.checkpoint();
      emu.advanceTime(1000);
      const events = pending.splice(0);
      const relevant = events.filter((e) => {
        const t = targets.find((x) => x.res.plural === e.resource)!;
        if (t.res.namespaced && !allNs && e.object.metadata.namespace !== k.namespace) return false;
        if (t.names && !t.names.includes(e.object.metadata.name)) return false;
        return true;
      });
      if (relevant.length === 0) {
        quiet++;
        if (!k.ctx.interactive && quiet >= 5) return;
        continue;
      }
      quiet = 0;
      for (const e of relevant) {
        const t = targets.find((x) => x.res.plural === e.resource)!;
        const g: Group = { res: t.res, objs: [e.object] };
        const rowOpts = { ...opts, now: emu.clock.now() };
        if (!human) {
          k.out(renderObjects([g], { ...rowOpts, single: true }));
          continue;
        }
        // Keep the columns as wide as the first table (tabwriter RememberWidths): lay the new row out with the initial rows.
        const base = initial.find((x) => x.res === t.res) ?? { res: t.res, objs: [] };
        const table = tableFor({ res: t.res, objs: [...base.objs, e.object] }, { ...rowOpts, noHeaders: false });
        const lines = table.split('\n').filter((l) => l !== '');
        // The header goes out with the first row when the initial list was empty.
        const headerPending = !opts.noHeaders && !headerShown.has(t.res.plural);
        headerShown.add(t.res.plural);
        k.out(`${headerPending ? `${lines[0]}\n` : ''}${lines[lines.length - 1]}\n`);
        base.objs.push(e.object);
      }
    }
  } finally {
    off();
  }
}
