/** `kubectl patch` (merge and JSON patches), `kubectl set image`, `kubectl rollout restart`. */
import type { KubeObject } from '../../cluster/types';
import { rfc3339 } from '../../format/duration';
import { FlagError, str, type FlagDef } from './flags';
import { runSetEnv, SET_ENV_FLAGS } from './setenv';
import { KubectlError, usageError, type Kubectl } from './context';
import { kindName, parseTargets } from './targets';

export const PATCH_FLAGS: FlagDef[] = [
  { name: 'patch', short: 'p', type: 'string', description: 'The patch to be applied to the resource JSON file.' },
  { name: 'type', type: 'string', description: 'The type of patch being provided; one of [json merge strategic]' },
  { name: 'output', short: 'o', type: 'string', description: 'Output format.' },
  { name: 'dry-run', type: 'string', description: 'Must be "none", "server", or "client".' },
  {
    name: 'subresource',
    type: 'string',
    description:
      'If specified, patch will operate on the subresource of the requested object. This flag is beta and may change in the future.',
  },
];

/** patch.go's supportedSubresources. */
const SUBRESOURCES = ['status', 'scale'];

export const SET_FLAGS: FlagDef[] = [
  { name: 'all', type: 'bool', description: 'Select all resources in the namespace of the specified resource types' },
  { name: 'output', short: 'o', type: 'string', description: 'Output format.' },
  { name: 'dry-run', type: 'string', description: 'Must be "none", "server", or "client".' },
  ...SET_ENV_FLAGS,
];

function isMap(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** RFC 7386 JSON merge patch (also what strategic merge does for everything but keyed lists). */
export function mergePatch(target: unknown, patch: unknown): unknown {
  if (!isMap(patch)) return structuredClone(patch);
  const out: Record<string, unknown> = isMap(target) ? { ...target } : {};
  for (const [k, v] of Object.entries(patch)) {
    if (v === null) delete out[k];
    else out[k] = mergePatch(out[k], v);
  }
  return out;
}

/** Strategic merge for the lists Kubernetes merges by key (containers by name, ports by port). */
export function strategicMerge(target: unknown, patch: unknown, key?: string): unknown {
  const mergeKeys: Record<string, string> = {
    containers: 'name',
    initContainers: 'name',
    ports: 'port',
    env: 'name',
    volumes: 'name',
    volumeMounts: 'mountPath',
    tolerations: 'key',
  };
  if (Array.isArray(patch) && Array.isArray(target) && key && mergeKeys[key]) {
    const mk = mergeKeys[key]!;
    const idKey = key === 'ports' && target.some((x) => isMap(x) && 'containerPort' in x) ? 'containerPort' : mk;
    const out = [...target];
    for (const item of patch) {
      const i = isMap(item) ? out.findIndex((x) => isMap(x) && x[idKey] === item[idKey]) : -1;
      if (i >= 0) out[i] = strategicMerge(out[i], item);
      else out.push(structuredClone(item));
    }
    return out;
  }
  if (!isMap(patch)) return structuredClone(patch);
  const out: Record<string, unknown> = isMap(target) ? { ...target } : {};
  for (const [k, v] of Object.entries(patch)) {
    if (v === null) delete out[k];
    else out[k] = strategicMerge(out[k], v, k);
  }
  return out;
}

/** RFC 6902 JSON patch: add, replace, remove (paths with `/`, `~1` and `~0` escapes). */
export function jsonPatch(doc: unknown, ops: unknown): unknown {
  if (!Array.isArray(ops))
    throw new KubectlError('unable to parse "": json: cannot unmarshal object into Go value of type jsonpatch.Patch');
  let out = structuredClone(doc);
  for (const op of ops as Array<{ op: string; path: string; value?: unknown }>) {
    const parts = String(op.path)
      .split('/')
      .slice(1)
      .map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'));
    const last = parts.pop();
    let parent: any = out;
    for (const p of parts) parent = Array.isArray(parent) ? parent[Number(p)] : parent?.[p];
    if (parent === undefined || last === undefined)
      throw new KubectlError(`jsonpatch ${op.op} operation does not apply: doc is missing path: "${op.path}"`);
    if (op.op === 'remove') {
      if (Array.isArray(parent)) parent.splice(Number(last), 1);
      else delete parent[last];
    } else if (op.op === 'add' || op.op === 'replace') {
      if (Array.isArray(parent)) {
        if (last === '-') parent.push(op.value);
        else if (op.op === 'add') parent.splice(Number(last), 0, op.value);
        else parent[Number(last)] = op.value;
      } else parent[last] = op.value;
    } else throw new KubectlError(`Unexpected kind: ${op.op}`);
    out = out ?? parent;
  }
  return out;
}

/** Run `kubectl patch TYPE NAME -p PATCH [--type ...]`. */
export function runPatch(k: Kubectl): number {
  const body = str(k.parsed, 'patch');
  if (!body) throw usageError('patch', 'Must specify -p to patch');
  const subresource = str(k.parsed, 'subresource') ?? '';
  if (subresource && !SUBRESOURCES.includes(subresource))
    throw new KubectlError(`invalid subresource value: "${subresource}". Must be one of [${SUBRESOURCES.join(' ')}]`);
  if (subresource === 'scale') throw new KubectlError('netlab: kubectl patch --subresource=scale is not emulated');
  const targets = parseTargets(k.parsed.args);
  const t = targets[0];
  const name = t?.names?.[0];
  if (!t || !name) throw usageError('patch', 'resource(s) were provided, but no name was specified');
  let patch: unknown;
  try {
    patch = JSON.parse(body);
  } catch {
    throw new KubectlError(`unable to parse "${body}": yaml: did not find expected node content`);
  }
  const live = k.cluster.mustGet(t.res.plural, k.namespace, name);
  const type = str(k.parsed, 'type') ?? 'strategic';
  const next = (
    type === 'json' ? jsonPatch(live, patch) : type === 'merge' ? mergePatch(live, patch) : strategicMerge(live, patch)
  ) as KubeObject;
  const before = JSON.stringify(live);
  // --subresource=status: PATCH .../status, which writes the status and nothing else.
  const stored = subresource === 'status' ? k.cluster.updateStatus(next) : k.cluster.update(next);
  const changed = JSON.stringify(stored) !== before;
  k.out(`${kindName(t.res, name)} patched${changed ? '' : ' (no change)'}\n`);
  return 0;
}

/** Run `kubectl set image TYPE/NAME CONTAINER=IMAGE...` or `kubectl set env` (setenv.ts). */
export function runSet(k: Kubectl): number {
  const [sub, ...rest] = k.parsed.args;
  if (sub === 'env') return runSetEnv(k, rest);
  if (sub !== 'image') throw new KubectlError(`netlab: kubectl set ${sub ?? ''} is not emulated`.trimEnd());
  // `set env`'s flags mean nothing to `set image`: pflag refuses them.
  const foreign = SET_ENV_FLAGS.find(
    (f) => k.parsed.flags.has(f.name) && f.name !== 'filename' && f.name !== 'selector',
  );
  if (foreign) throw new FlagError(`unknown flag: --${foreign.name}`);
  for (const f of ['output', 'dry-run'])
    if (k.parsed.flags.has(f)) throw new KubectlError(`netlab: kubectl set image --${f} is not emulated`);
  const pairs = rest.filter((a) => a.includes('='));
  const targets = parseTargets(rest.filter((a) => !a.includes('=')));
  if (!targets.length || !pairs.length) throw usageError('set image', 'at least one image update is required');
  for (const t of targets) {
    for (const name of t.names ?? []) {
      const live = k.cluster.mustGet(t.res.plural, k.namespace, name);
      const next = structuredClone(live);
      const spec = next.kind === 'Pod' ? next.spec : next.spec?.template?.spec;
      for (const pair of pairs) {
        const [ctr, image] = pair.split('=') as [string, string];
        const targetsC = (spec?.containers ?? []).filter((c: any) => ctr === '*' || c.name === ctr);
        if (!targetsC.length) throw new KubectlError(`unable to find container named "${ctr}"`);
        for (const c of targetsC) c.image = image;
      }
      k.cluster.update(next);
      k.out(`${kindName(t.res, name)} image updated\n`);
    }
  }
  return 0;
}

/** `kubectl rollout restart`: stamp the pod template so the controller rolls out new pods. */
export function rolloutRestart(k: Kubectl, rest: string[]): number {
  const targets = parseTargets(rest);
  for (const t of targets) {
    if (!['deployments', 'daemonsets', 'statefulsets'].includes(t.res.plural))
      throw new KubectlError(`${t.res.plural} "${t.names?.[0] ?? ''}" restarting is not supported`);
    for (const name of t.names ?? []) {
      const live = k.cluster.mustGet(t.res.plural, k.namespace, name);
      const next = structuredClone(live);
      const meta = (next.spec.template.metadata ??= {});
      meta.annotations = {
        ...(meta.annotations ?? {}),
        'kubectl.kubernetes.io/restartedAt': rfc3339(k.ctx.emulator.clock.now()),
      };
      k.cluster.update(next);
      k.out(`${kindName(t.res, name)} restarted\n`);
    }
  }
  return 0;
}
