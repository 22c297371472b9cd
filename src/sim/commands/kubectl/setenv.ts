/**
 * `kubectl set env` (k8s.io/kubectl pkg/cmd/set/set_env.go, pkg/cmd/set/env/env_parse.go): add,
 * change or remove environment variables on the containers of a pod template, or list them with
 * `--list`. Resources come first, then `KEY=VALUE` and `KEY-` arguments; every container matching
 * `-c` (default `*`, init containers after the others, as kubectl 1.31 does) gets the change. An
 * update that changes nothing sends no patch and prints nothing.
 */
import type { KubeObject } from '../../cluster/types';
import { bool, list, str, type FlagDef } from './flags';
import { KubectlError, type Kubectl } from './context';
import { kindName, parseTargets } from './targets';
import { toKubectlJson } from '../../format/json';
import { toKubectlYaml } from '../../format/yaml';

/** `set env`'s own flags (those it shares with `set image` are in SET_FLAGS). */
export const SET_ENV_FLAGS: FlagDef[] = [
  {
    name: 'containers',
    short: 'c',
    type: 'string',
    description: 'The names of containers in the selected pod templates to change - may use wildcards',
  },
  {
    name: 'env',
    short: 'e',
    type: 'stringArray',
    description: 'Specify a key-value pair for an environment variable to set into each container.',
  },
  {
    name: 'list',
    type: 'bool',
    description:
      'If true, display the environment and any changes in the standard format. this flag will removed when we have kubectl view env.',
  },
  {
    name: 'overwrite',
    type: 'bool',
    description:
      'If true, allow environment to be overwritten, otherwise reject updates that overwrite existing environment.',
  },
  { name: 'resolve', type: 'bool', description: 'If true, show secret or configmap references when listing variables' },
  { name: 'from', type: 'string', description: 'The name of a resource from which to inject environment variables' },
  { name: 'prefix', type: 'string', description: 'Prefix to append to variable names' },
  { name: 'keys', type: 'stringArray', description: 'Comma-separated list of keys to import from specified resource' },
  { name: 'selector', short: 'l', type: 'string', description: 'Selector (label query) to filter on' },
  { name: 'local', type: 'bool', description: 'If true, set env will NOT contact api-server but run locally.' },
  {
    name: 'filename',
    short: 'f',
    type: 'stringArray',
    description: 'Filename, directory, or URL to files the resource to update the env',
  },
];

interface EnvVar {
  name: string;
  value?: string;
  valueFrom?: any;
}

/** `(?ms)^(.+)\=(.*)$` or a trailing dash: the arguments that are environment changes. */
const isEnvArgument = (s: string) => /^[\s\S]+=[\s\S]*$/.test(s) || s.endsWith('-');

/** SplitEnvironmentFromResources: resources first, then the environment; undefined when they are mixed. */
function splitEnvironmentFromResources(args: string[]): { resources: string[]; env: string[] } | undefined {
  const resources: string[] = [];
  const env: string[] = [];
  for (const a of args) {
    if (isEnvArgument(a)) env.push(a);
    else if (env.length) return undefined;
    else resources.push(a);
  }
  return { resources, env };
}

/** validation.IsEnvVarName. */
const ENV_NAME = /^[-._a-zA-Z][-._a-zA-Z0-9]*$/;

/** ParseEnv: the variables to set and the names to remove. */
function parseEnv(spec: string[]): { env: EnvVar[]; remove: string[] } {
  const env: EnvVar[] = [];
  const remove: string[] = [];
  const set = new Set<string>();
  for (const s of spec) {
    if (s === '-')
      throw new KubectlError('netlab: kubectl set env reading variables from standard input is not emulated');
    if (s.includes('=')) {
      const i = s.indexOf('=');
      const name = s.slice(0, i);
      if (!ENV_NAME.test(name))
        throw new KubectlError(
          `"${name}" is not a valid key name: a valid environment variable name must consist of alphabetic characters, digits, '_', '-', or '.', and must not start with a digit (e.g. 'my.env-name',  or 'MY_ENV.NAME',  or 'MyEnvName1', regex used for validation is '[-._a-zA-Z][-._a-zA-Z0-9]*')`,
        );
      set.add(name);
      env.push({ name, value: s.slice(i + 1) });
    } else if (s.endsWith('-')) remove.push(s.slice(0, -1));
    else throw new KubectlError(`unknown environment variable: ${s}`);
  }
  if (remove.some((r) => set.has(r)))
    throw new KubectlError('can not both modify and remove the same environment variable in the same command');
  return { env, remove };
}

/** updateEnv (set/helper.go): replace in place, drop removed names, append new ones. */
function updateEnv(existing: EnvVar[], env: EnvVar[], remove: string[]): EnvVar[] {
  const covered = new Set(remove);
  const out: EnvVar[] = [];
  for (const e of existing) {
    if (covered.has(e.name)) continue;
    const newer = env.find((n) => n.name === e.name);
    if (newer) {
      covered.add(e.name);
      out.push(newer);
    } else out.push(e);
  }
  for (const e of env) {
    if (covered.has(e.name)) continue;
    covered.add(e.name);
    out.push(e);
  }
  return out;
}

/** selectString (set/helper.go): `*` is the only wildcard. */
function matchesSelector(pattern: string, name: string): boolean {
  const re = new RegExp(`^${pattern.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*')}$`);
  return re.test(name);
}

/** GetEnvVarRefString: how `--list` shows a `valueFrom`. */
function refString(from: any): string {
  if (from?.fieldRef) return `field path ${from.fieldRef.fieldPath}`;
  if (from?.resourceFieldRef) return `resource ${from.resourceFieldRef.resource}`;
  if (from?.configMapKeyRef) return `configmap ${from.configMapKeyRef.name}, key ${from.configMapKeyRef.key}`;
  if (from?.secretKeyRef) return `secret ${from.secretKeyRef.name}, key ${from.secretKeyRef.key}`;
  return 'invalid reference';
}

/** The pod spec inside an object that has one (a Pod, or a workload's template). */
function podSpecOf(obj: KubeObject): any {
  return obj.kind === 'Pod' ? obj.spec : obj.spec?.template?.spec;
}

/** Run `kubectl set env RESOURCE/NAME KEY=VALUE ... | KEY- ... | --list`. */
export function runSetEnv(k: Kubectl, args: string[]): number {
  for (const f of ['from', 'prefix', 'keys', 'selector', 'filename', 'resolve', 'local'])
    if (k.parsed.flags.has(f)) throw new KubectlError(`netlab: kubectl set env --${f} is not emulated`);
  const split = splitEnvironmentFromResources(args);
  if (!split) throw new KubectlError(`all resources must be specified before environment changes: ${args.join(' ')}`);
  const output = str(k.parsed, 'output') ?? '';
  const listing = bool(k.parsed, 'list');
  if (split.resources.length < 1)
    throw new KubectlError('one or more resources must be specified as <resource> <name> or <resource>/<name>');
  if (listing && output) throw new KubectlError('--list and --output may not be specified together');
  if (output && output !== 'yaml' && output !== 'json' && output !== 'name')
    throw new KubectlError(`netlab: kubectl set env -o ${output} is not emulated`);
  const dryRun = str(k.parsed, 'dry-run');
  if (dryRun !== undefined && dryRun !== 'none' && dryRun !== 'client')
    throw new KubectlError(`netlab: kubectl set env --dry-run=${dryRun} is not emulated`);
  const { env, remove } = parseEnv([...list(k.parsed, 'env', false), ...split.env]);
  const overwrite = k.parsed.flags.has('overwrite') ? bool(k.parsed, 'overwrite') : true;
  const selector = str(k.parsed, 'containers') ?? '*';

  const objects: KubeObject[] = [];
  for (const t of parseTargets(split.resources)) {
    if (bool(k.parsed, 'all') && !t.names)
      objects.push(...k.cluster.list(t.res.plural, t.res.namespaced ? k.namespace : undefined));
    else if (!t.names?.length) throw new KubectlError(`resource(s) were provided, but no name was specified`);
    else for (const name of t.names) objects.push(k.cluster.mustGet(t.res.plural, k.namespace, name));
  }

  for (const live of objects) {
    const next = structuredClone(live);
    const spec = podSpecOf(next);
    if (!spec)
      throw new KubectlError(
        `${kindName(resourceOf(k, live), live.metadata.name)} is not a workload with a pod template`,
      );
    const containers: any[] = [...(spec.containers ?? []), ...(spec.initContainers ?? [])].filter((c) =>
      matchesSelector(selector, c.name),
    );
    if (!containers.length) {
      k.err(`Warning: ${live.kind}/${live.metadata.name} does not have any containers matching "${selector}"\n`);
      continue;
    }
    for (const c of containers) {
      if (!overwrite)
        for (const e of env) {
          const current = (c.env ?? []).find((x: EnvVar) => x.name === e.name);
          if (current && current.value !== e.value)
            throw new KubectlError(
              `${kindName(resourceOf(k, live), live.metadata.name)}\n '${current.name}' already has a value (${current.value ?? ''}), and --overwrite is false`,
            );
        }
      const updated = updateEnv(c.env ?? [], env, remove);
      if (updated.length) c.env = updated;
      else delete c.env;
      if (listing) {
        k.out(`# ${live.kind} ${live.metadata.name}, container ${c.name}\n`);
        for (const e of updated)
          k.out(e.valueFrom ? `# ${e.name} from ${refString(e.valueFrom)}\n` : `${e.name}=${e.value ?? ''}\n`);
      }
    }
    if (listing) continue;
    // No change, no patch: kubectl prints nothing for it.
    if (JSON.stringify(next) === JSON.stringify(live)) continue;
    const ref = kindName(resourceOf(k, live), live.metadata.name);
    if (dryRun === 'client') {
      printResult(k, next, ref, output, ' (dry run)');
      continue;
    }
    printResult(k, k.cluster.update(next), ref, output, '');
  }
  return 0;
}

function resourceOf(k: Kubectl, obj: KubeObject) {
  const [t] = parseTargets([`${obj.kind.toLowerCase()}/${obj.metadata.name}`]);
  void k;
  return t!.res;
}

function printResult(k: Kubectl, obj: KubeObject, ref: string, output: string, suffix: string): void {
  if (output === 'yaml') k.out(toKubectlYaml(obj));
  else if (output === 'json') k.out(toKubectlJson(obj));
  else if (output === 'name') k.out(`${ref}\n`);
  else k.out(`${ref} env updated${suffix}\n`);
}
