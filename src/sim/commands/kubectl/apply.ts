/** `kubectl apply -f` and `kubectl create -f`: objects from manifests, one result line each. */
import { ApiError } from '../../cluster/errors';
import { resourceForKind } from '../../cluster/resources';
import { LAST_APPLIED } from '../../cluster/apply';
import { list, str, type FlagDef } from './flags';
import { KubectlError, usageError, type Kubectl } from './context';
import { readManifests, type ManifestObject } from './manifests';
import { kindName } from './targets';
import { renderObjects } from './output';

export const APPLY_FLAGS: FlagDef[] = [
  {
    name: 'filename',
    short: 'f',
    type: 'stringArray',
    description: 'The files that contain the configurations to apply.',
  },
  { name: 'output', short: 'o', type: 'string', description: 'Output format' },
  { name: 'dry-run', type: 'string', description: 'Must be "none", "server", or "client".' },
  {
    name: 'recursive',
    short: 'R',
    type: 'bool',
    description: 'Process the directory used in -f, --filename recursively.',
  },
  { name: 'validate', type: 'string', description: 'Must be one of: strict (or true), warn, ignore (or false).' },
  {
    name: 'force',
    type: 'bool',
    description: 'If true, immediately remove resources from API and bypass graceful deletion.',
  },
  { name: 'server-side', type: 'bool', description: 'If true, apply runs in the server instead of the client.' },
  {
    name: 'prune',
    type: 'bool',
    description: 'Automatically delete resource objects that do not appear in the configs.',
  },
  { name: 'selector', short: 'l', type: 'string', description: 'Selector (label query) to filter on' },
  {
    name: 'save-config',
    type: 'bool',
    description: 'If true, the configuration of current object will be saved in its annotation.',
  },
];

/** Wrap an API error with the file it came from, as AddSourceToErr does. */
function withSource(e: unknown, verb: 'creating' | 'applying' | 'retrieving', m: ManifestObject): unknown {
  if (e instanceof ApiError && e.reason !== 'Invalid')
    return new ApiError(e.reason, `error when ${verb} "${m.source}": ${e.message}`);
  return e;
}

function mappingError(m: ManifestObject, ns: string): KubectlError {
  const name = m.obj.metadata?.name ?? '';
  const namespace = m.obj.metadata?.namespace ?? (ns === 'default' ? '' : ns);
  return new KubectlError(
    `resource mapping not found for name: "${name}" namespace: "${namespace}" from "${m.source}": no matches for kind "${m.obj.kind}" in version "${m.obj.apiVersion}"\nensure CRDs are installed first`,
  );
}

/** Shared body of apply -f / create -f. */
export function runManifests(k: Kubectl, mode: 'apply' | 'create'): number {
  const files = list(k.parsed, 'filename', false);
  if (files.length === 0) {
    if (mode === 'apply') throw usageError('apply', 'must specify one of -f and -k');
    throw usageError('create', 'must specify one of -f and -k');
  }
  const items = readManifests(k.ctx, files);
  if (items.length === 0) throw new KubectlError('no objects passed to ' + mode);
  const dryRun = str(k.parsed, 'dry-run');
  const suffix =
    dryRun === 'client' || dryRun === 'true' ? ' (dry run)' : dryRun === 'server' ? ' (server dry run)' : '';
  const output = str(k.parsed, 'output');
  let failed = false;
  for (const m of items) {
    const res = resourceForKind(String(m.obj.apiVersion), String(m.obj.kind));
    try {
      if (!res) throw mappingError(m, k.namespace);
      const obj = structuredClone(m.obj);
      if (res.namespaced) {
        const explicit = obj.metadata.namespace;
        if (explicit && k.namespaceGiven && explicit !== k.namespace) {
          throw new KubectlError(
            `the namespace from the provided object "${explicit}" does not match the namespace "${k.namespace}". You must pass '--namespace=${explicit}' to perform this operation.`,
          );
        }
        obj.metadata.namespace = explicit ?? k.namespace;
      }
      let result: string;
      let stored;
      if (suffix) {
        const live = k.cluster.get(res.plural, obj.metadata.namespace, obj.metadata.name);
        result = mode === 'create' || !live ? 'created' : 'configured';
        stored = obj;
      } else if (mode === 'create') {
        try {
          stored = k.cluster.create(obj);
        } catch (e) {
          throw withSource(e, 'creating', m);
        }
        result = 'created';
      } else {
        let live;
        try {
          live = k.cluster.get(res.plural, obj.metadata.namespace, obj.metadata.name);
        } catch (e) {
          // apply.go: AddSourceToErr("retrieving current configuration of:\n" + info.String() + "\nfrom server for:", ...).
          if (!(e instanceof ApiError)) throw e;
          const info = `Resource: "${res.group}/${res.version}, Resource=${res.plural}", GroupVersionKind: "${res.group}/${res.version}, Kind=${res.kind}"\nName: "${obj.metadata.name}", Namespace: "${res.namespaced ? obj.metadata.namespace : ''}"`;
          throw new ApiError(
            e.reason,
            `error when retrieving current configuration of:\n${info}\nfrom server for: "${m.source}": ${e.message}`,
          );
        }
        if (live && live.metadata.annotations?.[LAST_APPLIED] === undefined) {
          const gr = res.group ? `${res.plural}.${res.group}` : res.plural;
          k.err(
            `Warning: resource ${gr}/${obj.metadata.name} is missing the ${LAST_APPLIED} annotation which is required by kubectl apply. kubectl apply should only be used on resources created declaratively by either kubectl create --save-config or kubectl apply. The missing annotation will be patched automatically.\n`,
          );
        }
        try {
          const r = k.cluster.apply(obj);
          result = r.result;
          stored = r.object;
        } catch (e) {
          const exists = k.cluster.get(res.plural, obj.metadata.namespace, obj.metadata.name);
          throw withSource(e, exists ? 'applying' : 'creating', m);
        }
      }
      if (output)
        k.out(
          renderObjects([{ res, objs: [stored] }], {
            output,
            allNamespaces: false,
            showLabels: false,
            labelColumns: [],
            noHeaders: false,
            showKind: false,
            single: true,
            now: k.now,
          }),
        );
      else k.out(`${kindName(res, obj.metadata.name)} ${result}${suffix}\n`);
    } catch (e) {
      failed = true;
      if (e instanceof ApiError) k.err(`${e.kubectlMessage()}\n`);
      else if (e instanceof KubectlError) k.err(e.raw ? e.message : `error: ${e.message}\n`);
      else throw e;
    }
  }
  return failed ? 1 : 0;
}
