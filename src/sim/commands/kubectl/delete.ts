/** `kubectl delete`: by name, TYPE/NAME, `-f`, `-l` and `--all`; `pod "x" deleted` per object. */
import type { ApiResource } from '../../cluster/resources';
import { resourceForKind } from '../../cluster/resources';
import { ApiError, notFound } from '../../cluster/errors';
import { bool, list, str, type FlagDef } from './flags';
import { KubectlError, type Kubectl } from './context';
import { filterObjects, parseTargets } from './targets';
import { readManifests } from './manifests';

export const DELETE_FLAGS: FlagDef[] = [
  { name: 'filename', short: 'f', type: 'stringArray', description: 'containing the resource to delete.' },
  { name: 'selector', short: 'l', type: 'string', description: 'Selector (label query) to filter on' },
  { name: 'field-selector', type: 'string', description: 'Selector (field query) to filter on' },
  { name: 'all', type: 'bool', description: 'Delete all resources, in the namespace of the specified resource types.' },
  {
    name: 'all-namespaces',
    short: 'A',
    type: 'bool',
    description: 'If present, list the requested object(s) across all namespaces.',
  },
  {
    name: 'force',
    type: 'bool',
    description: 'If true, immediately remove resources from API and bypass graceful deletion.',
  },
  {
    name: 'grace-period',
    type: 'int',
    description: 'Period of time in seconds given to the resource to terminate gracefully.',
  },
  {
    name: 'now',
    type: 'bool',
    description: 'If true, resources are signaled for immediate shutdown (same as --grace-period=1).',
  },
  { name: 'wait', type: 'bool', description: 'If true, wait for resources to be gone before returning.' },
  { name: 'ignore-not-found', type: 'bool', description: 'Treat "resource not found" as a successful delete.' },
  {
    name: 'output',
    short: 'o',
    type: 'string',
    description: 'Output mode. Use "-o name" for shorter output (resource/name).',
  },
  { name: 'cascade', type: 'string', description: 'Must be "background", "orphan", or "foreground".' },
];

const NO_RESOURCES = `error: You must provide one or more resources by argument or filename.
Example resource specifications include:
   '-f rsrc.yaml'
   '--filename=rsrc.json'
   '<resource> <name>'
   '<resource>'
`;

/** `deployment.apps "web" deleted` (kubectl 1.31; the "from <ns> namespace" suffix came in 1.34). */
function deletedLine(res: ApiResource, name: string, output: string | undefined): string {
  const kind = res.group ? `${res.kind.toLowerCase()}.${res.group}` : res.kind.toLowerCase();
  if (output === 'name') return `${kind}/${name}\n`;
  return `${kind} "${name}" deleted\n`;
}

/** Run `kubectl delete`; like kubectl (--wait=true) it returns once deleted pods are gone. */
export async function runDelete(k: Kubectl): Promise<number> {
  const pending: PodRef[] = [];
  const code = deleteObjects(k, pending);
  await waitGone(k, pending);
  return code;
}

interface PodRef {
  ns: string;
  name: string;
  /** The deleted pod's uid: a pod of the same name made since (a StatefulSet's replacement) is another object. */
  uid: string | undefined;
}

/** Advance virtual time until the deleted pods have finished terminating (unless --wait=false). */
async function waitGone(k: Kubectl, pods: PodRef[]): Promise<void> {
  if (k.parsed.flags.get('wait') === false) return;
  const present = (p: PodRef) => k.cluster.get('pods', p.ns, p.name)?.metadata.uid === p.uid;
  for (let i = 0; i < 3600 && pods.some(present); i++) {
    await k.ctx.checkpoint();
    k.ctx.emulator.advanceTime(1000);
  }
}

function deleteObjects(k: Kubectl, pending: PodRef[]): number {
  const output = str(k.parsed, 'output');
  const force = bool(k.parsed, 'force') && str(k.parsed, 'grace-period') === '0';
  if (force)
    k.err(
      'Warning: Immediate deletion does not wait for confirmation that the running resource has been terminated. The resource may continue to run on the cluster indefinitely.\n',
    );
  const files = list(k.parsed, 'filename', false);
  let failed = false;
  const graceFlag = str(k.parsed, 'grace-period');
  const grace = bool(k.parsed, 'now')
    ? 1
    : graceFlag !== undefined && Number(graceFlag) >= 0
      ? Number(graceFlag)
      : undefined;
  const del = (res: ApiResource, ns: string | undefined, name: string) => {
    try {
      const uid = res.plural === 'pods' && ns ? k.cluster.get('pods', ns, name)?.metadata.uid : undefined;
      k.cluster.delete(res.plural, ns, name, grace !== undefined ? { gracePeriodSeconds: grace } : {});
      k.out(deletedLine(res, name, output));
      if (res.plural === 'pods' && ns && k.cluster.get('pods', ns, name)?.metadata.uid === uid)
        pending.push({ ns, name, uid });
    } catch (e) {
      if (e instanceof ApiError && e.reason === 'NotFound' && bool(k.parsed, 'ignore-not-found')) return;
      if (e instanceof ApiError) {
        failed = true;
        k.err(`${e.kubectlMessage()}\n`);
      } else throw e;
    }
  };
  if (files.length) {
    for (const m of readManifests(k.ctx, files)) {
      const res = resourceForKind(String(m.obj.apiVersion), String(m.obj.kind));
      if (!res)
        throw new KubectlError(
          `resource mapping not found for name: "${m.obj.metadata.name}" namespace: "" from "${m.source}": no matches for kind "${m.obj.kind}" in version "${m.obj.apiVersion}"\nensure CRDs are installed first`,
        );
      const ns = res.namespaced ? (m.obj.metadata.namespace ?? k.namespace) : undefined;
      if (!k.cluster.get(res.plural, ns, m.obj.metadata.name)) {
        if (!bool(k.parsed, 'ignore-not-found')) {
          failed = true;
          k.err(
            `Error from server (NotFound): error when deleting "${m.source}": ${notFound(res, m.obj.metadata.name).message}\n`,
          );
        }
        continue;
      }
      del(res, ns, m.obj.metadata.name);
    }
    return failed ? 1 : 0;
  }
  if (k.parsed.args.length === 0) throw new KubectlError(NO_RESOURCES, 1, true);
  const targets = parseTargets(k.parsed.args);
  const selector = str(k.parsed, 'selector');
  const all = bool(k.parsed, 'all');
  const allNs = bool(k.parsed, 'all-namespaces');
  let any = false;
  for (const t of targets) {
    const ns = t.res.namespaced ? (allNs ? undefined : k.namespace) : undefined;
    if (t.names) {
      for (const name of t.names) {
        any = true;
        del(t.res, ns ?? k.namespace, name);
      }
      continue;
    }
    if (!all && selector === undefined && str(k.parsed, 'field-selector') === undefined) {
      throw new KubectlError(`resource(s) were provided, but no name was specified`);
    }
    const fs = str(k.parsed, 'field-selector');
    const objs = filterObjects(k.cluster.list(t.res.plural, ns), t.res, {
      ...(selector !== undefined ? { labelSelector: selector } : {}),
      ...(fs !== undefined ? { fieldSelector: fs } : {}),
    });
    for (const o of objs) {
      any = true;
      del(t.res, o.metadata.namespace, o.metadata.name);
    }
  }
  if (!any) {
    const namespaced = !allNs && targets.every((t) => t.res.namespaced);
    k.err(namespaced ? `No resources found\n` : 'No resources found\n');
  }
  return failed ? 1 : 0;
}
