/** `kubectl run`, `kubectl expose` and `kubectl scale`. */
import type { KubeObject } from '../../cluster/types';
import { bool, list, str, type FlagDef } from './flags';
import { KubectlError, usageError, type Kubectl } from './context';
import { kindName, parseTargets } from './targets';
import { renderObjects } from './output';
import type { ExitHookHandler } from '../../shell/exithooks';
import { jsonPatch, mergePatch, strategicMerge } from './patch';
import type { Writer } from '../../shell/types';

/** The exit hook `kubectl run -i` leaves on the pod shell it attaches to. */
const RUN_ATTACH_HOOK = 'kubectl-run-attach';

/**
 * The end of an attached `kubectl run` session: with a TTY and restartPolicy Always, attach says how
 * to resume (kubectl 1.31's wording); with --rm the pod is deleted and that is said too. A pod
 * already gone is not an error (run's delete ignores NotFound) and prints nothing.
 */
function endAttachedRun(
  emu: { cluster: Kubectl['cluster'] },
  p: Readonly<Record<string, string>>,
  stdout: Writer,
): void {
  if (p.tty === 'true' && p.restartPolicy === 'Always')
    stdout.write(
      `Session ended, resume using 'kubectl attach ${p.pod} -c ${p.container} -i -t' command when the pod is running\n`,
    );
  if (p.remove !== 'true' || !emu.cluster.get('pods', p.namespace!, p.pod!)) return;
  emu.cluster.delete('pods', p.namespace!, p.pod!, { gracePeriodSeconds: 0 });
  stdout.write(`pod "${p.pod}" deleted\n`);
}

/** Ends an attached `kubectl run -i` when its shell is left. */
export const runAttachExitHook: ExitHookHandler = {
  kind: RUN_ATTACH_HOOK,
  run: (emu, params, io) => endAttachedRun(emu, params, io.stdout),
};

export const RUN_FLAGS: FlagDef[] = [
  { name: 'image', type: 'string', description: 'The image for the container to run.' },
  { name: 'port', type: 'string', description: 'The port that this container exposes.' },
  { name: 'labels', short: 'l', type: 'string', description: 'Comma separated labels to apply to the pod.' },
  { name: 'env', type: 'stringArray', description: 'Environment variables to set in the container.' },
  { name: 'restart', type: 'string', description: 'The restart policy for this Pod.' },
  {
    name: 'command',
    type: 'bool',
    description: 'If true and extra arguments are present, use them as the command field in the container.',
  },
  { name: 'stdin', short: 'i', type: 'bool', description: 'Keep stdin open on the container in the pod.' },
  { name: 'tty', short: 't', type: 'bool', description: 'Allocate a TTY for the container in the pod.' },
  { name: 'rm', type: 'bool', description: 'If true, delete the pod after it exits.' },
  { name: 'expose', type: 'bool', description: 'If true, create a ClusterIP service associated with the pod.' },
  { name: 'overrides', type: 'string', description: 'An inline JSON override for the generated object.' },
  {
    name: 'override-type',
    type: 'string',
    description: 'The method used to override the generated object: json, merge, or strategic.',
  },
  { name: 'output', short: 'o', type: 'string', description: 'Output format' },
  { name: 'dry-run', type: 'string', description: 'Must be "none", "server", or "client".' },
];

export const EXPOSE_FLAGS: FlagDef[] = [
  { name: 'port', type: 'string', description: 'The port that the service should serve on.' },
  {
    name: 'target-port',
    type: 'string',
    description: 'Name or number for the port on the container that the service should direct traffic to.',
  },
  {
    name: 'type',
    type: 'string',
    description: 'Type for this service: ClusterIP, NodePort, LoadBalancer, or ExternalName.',
  },
  { name: 'name', type: 'string', description: 'The name for the newly created object.' },
  { name: 'protocol', type: 'string', description: 'The network protocol for the service to be created.' },
  { name: 'selector', type: 'string', description: 'A label selector to use for this service.' },
  {
    name: 'external-ip',
    type: 'string',
    description: 'Additional external IP address (not managed by Kubernetes) to accept for the service.',
  },
  { name: 'cluster-ip', type: 'string', description: 'ClusterIP to be assigned to the service.' },
  { name: 'labels', short: 'l', type: 'string', description: 'Labels to apply to the service created by this call.' },
  {
    name: 'filename',
    short: 'f',
    type: 'stringArray',
    description: 'Filename, directory, or URL to files identifying the resource to expose a service',
  },
  { name: 'output', short: 'o', type: 'string', description: 'Output format' },
  { name: 'dry-run', type: 'string', description: 'Must be "none", "server", or "client".' },
];

export const SCALE_FLAGS: FlagDef[] = [
  { name: 'replicas', type: 'int', description: 'The new desired number of replicas. Required.' },
  { name: 'current-replicas', type: 'int', description: 'Precondition for current size.' },
  { name: 'selector', short: 'l', type: 'string', description: 'Selector (label query) to filter on' },
  { name: 'all', type: 'bool', description: 'Select all resources in the namespace of the specified resource types' },
  { name: 'output', short: 'o', type: 'string', description: 'Output format' },
  {
    name: 'timeout',
    type: 'duration',
    description: 'The length of time to wait before giving up on a scale operation',
  },
];

function parseLabels(s: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const kv of s.split(',')) {
    const eq = kv.indexOf('=');
    if (eq <= 0) throw new KubectlError(`invalid label spec: ${kv}`);
    out[kv.slice(0, eq)] = kv.slice(eq + 1);
  }
  return out;
}

function printResult(k: Kubectl, obj: KubeObject, word: string): void {
  const output = str(k.parsed, 'output');
  const res = k.cluster.resourceFor(obj);
  if (output)
    k.out(
      renderObjects([{ res, objs: [obj] }], {
        output,
        allNamespaces: false,
        showLabels: false,
        labelColumns: [],
        noHeaders: false,
        showKind: false,
        single: true,
        now: k.ctx.emulator.clock.now(),
      }),
    );
  else k.out(`${kindName(res, obj.metadata.name)} ${word}\n`);
}

/**
 * `--overrides` patched onto the generated object before it is sent (kubectl's Overrider):
 * `--override-type` merge (the default, RFC 7386: lists are replaced whole), strategic (lists
 * merged by key, containers by name) or json (RFC 6902 operations).
 */
function applyOverrides(k: Kubectl, obj: KubeObject): KubeObject {
  const text = str(k.parsed, 'overrides');
  if (!text) return obj;
  const type = str(k.parsed, 'override-type') ?? 'merge';
  if (type !== 'merge' && type !== 'strategic' && type !== 'json')
    throw new KubectlError(`invalid override type: ${type}`);
  let patch: unknown;
  try {
    patch = JSON.parse(text);
  } catch {
    // evanphx/json-patch's answer to a fragment that is not JSON.
    throw new KubectlError(type === 'json' ? 'invalid character looking for beginning of value' : 'Invalid JSON Patch');
  }
  return (
    type === 'json' ? jsonPatch(obj, patch) : type === 'merge' ? mergePatch(obj, patch) : strategicMerge(obj, patch)
  ) as KubeObject;
}

/** Run `kubectl run NAME --image=IMAGE [-- args]`. */
export async function runRun(k: Kubectl): Promise<number> {
  const name = k.parsed.args[0];
  if (!name) throw usageError('run', 'NAME is required for run');
  const image = str(k.parsed, 'image');
  if (!image) throw new KubectlError(`required flag(s) "image" not set`);
  const labels = str(k.parsed, 'labels') ? parseLabels(str(k.parsed, 'labels')!) : { run: name };
  const extra = k.parsed.dashArgs ?? k.parsed.args.slice(1);
  const port = str(k.parsed, 'port');
  const restart = str(k.parsed, 'restart') ?? 'Always';
  const env = list(k.parsed, 'env', false).map((e) => ({
    name: e.slice(0, e.indexOf('=')),
    value: e.slice(e.indexOf('=') + 1),
  }));
  const ctr: any = { image, name, resources: {} };
  if (extra.length) {
    if (bool(k.parsed, 'command')) ctr.command = extra;
    else ctr.args = extra;
  }
  // -i attaches (kubectl sets --attach from --stdin); only an attached pod can be removed when it ends.
  if (bool(k.parsed, 'rm') && !bool(k.parsed, 'stdin'))
    throw usageError('run', '--rm should only be used for attached containers');
  if (env.length) ctr.env = env;
  if (port) ctr.ports = [{ containerPort: Number(port) }];
  if (bool(k.parsed, 'stdin')) ctr.stdin = true;
  if (bool(k.parsed, 'stdin') && bool(k.parsed, 'tty')) ctr.tty = true;
  const pod = applyOverrides(k, {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { labels, name, namespace: k.namespace },
    spec: { containers: [ctr], dnsPolicy: 'ClusterFirst', restartPolicy: restart },
    status: {},
  });
  const dry = str(k.parsed, 'dry-run');
  if (dry === 'client') {
    printResult(k, pod, 'created (dry run)');
    return 0;
  }
  const stored = k.cluster.create(pod);
  if (!bool(k.parsed, 'stdin')) {
    printResult(k, stored, 'created');
    if (bool(k.parsed, 'expose') && port) {
      const svc = k.cluster.create({
        apiVersion: 'v1',
        kind: 'Service',
        metadata: { name, namespace: k.namespace },
        spec: { ports: [{ port: Number(port), targetPort: Number(port) }], selector: labels },
      });
      k.out(`${kindName(k.cluster.resourceFor(svc), name)} created\n`);
    }
    return 0;
  }
  // -i: wait for the pod to run, then attach: a shell becomes the terminal's current shell, any
  // other command runs to completion with its output here (and --rm deletes the pod afterwards).
  for (let i = 0; i < 60; i++) {
    const p = k.cluster.get('pods', k.namespace, name);
    if (p?.status?.phase === 'Running') break;
    await k.ctx.checkpoint();
    k.ctx.emulator.advanceTime(1000);
  }
  const location = { kind: 'pod' as const, namespace: k.namespace, pod: name, container: name };
  const argv = extra.length ? extra : ['sh'];
  const base = argv[0]!.split('/').pop()!;
  const ending = {
    namespace: k.namespace,
    pod: name,
    container: name,
    restartPolicy: restart,
    tty: String(bool(k.parsed, 'tty')),
    remove: String(bool(k.parsed, 'rm')),
  };
  if (argv.length === 1 && ['sh', 'bash', 'zsh', 'ash'].includes(base)) {
    k.out(`If you don't see a command prompt, try pressing enter.\n`);
    // The session ends when the learner leaves this shell: the hook prints and deletes then.
    k.ctx.shell.enter(location, base === 'ash' ? 'sh' : base, { onExit: { kind: RUN_ATTACH_HOOK, params: ending } });
    return 0;
  }
  const code = await k.ctx.shell.runCommand(argv, {
    location,
    stdin: k.ctx.stdin,
    stdout: k.ctx.stdout,
    stderr: k.ctx.stderr,
  });
  endAttachedRun({ cluster: k.cluster }, ending, k.ctx.stdout);
  return code;
}

/** Run `kubectl expose (TYPE NAME | TYPE/NAME) --port=...`. */
export function runExpose(k: Kubectl): number {
  if (k.parsed.args.length === 0)
    throw usageError('expose', 'You must provide one or more resources by argument or filename.');
  const targets = parseTargets(k.parsed.args);
  const t = targets[0]!;
  const srcName = t.names?.[0];
  if (!srcName) throw usageError('expose', 'You must provide one or more resources by argument or filename.');
  const src = k.cluster.mustGet(t.res.plural, k.namespace, srcName);
  let selector: Record<string, string> | undefined;
  const explicit = str(k.parsed, 'selector');
  if (explicit) selector = parseLabels(explicit);
  else if (src.kind === 'Pod' || src.kind === 'Service')
    selector = src.kind === 'Pod' ? src.metadata.labels : src.spec.selector;
  else if (src.spec?.selector?.matchLabels) {
    if (src.spec.selector.matchExpressions?.length)
      throw new KubectlError(
        `couldn't retrieve selectors via --selector flag or introspection: the selector has requirements that can not be converted to a map`,
      );
    selector = src.spec.selector.matchLabels;
  }
  if (!selector || Object.keys(selector).length === 0)
    throw new KubectlError(
      `couldn't retrieve selectors via --selector flag or introspection: the ${src.kind.toLowerCase()} has no labels`,
    );
  let ports: any[] = [];
  const port = str(k.parsed, 'port');
  const target = str(k.parsed, 'target-port');
  const protocol = str(k.parsed, 'protocol') ?? 'TCP';
  if (port)
    ports = [
      {
        port: Number(port),
        protocol,
        targetPort: target ? (/^\d+$/.test(target) ? Number(target) : target) : Number(port),
      },
    ];
  else {
    const tplSpec = src.kind === 'Pod' ? src.spec : src.kind === 'Service' ? undefined : src.spec?.template?.spec;
    const cports: any[] =
      src.kind === 'Service'
        ? src.spec.ports.map((p: any) => ({ containerPort: p.port, name: p.name, protocol: p.protocol }))
        : (tplSpec?.containers ?? []).flatMap((c: any) => c.ports ?? []);
    if (cports.length === 0) throw new KubectlError(`couldn't find port via --port flag or introspection`);
    ports = cports.map((p, i) => ({
      ...(cports.length > 1 ? { name: p.name ?? `port-${i + 1}` } : {}),
      port: p.containerPort,
      protocol: p.protocol ?? 'TCP',
      targetPort: target ? (/^\d+$/.test(target) ? Number(target) : target) : p.containerPort,
    }));
  }
  const name = str(k.parsed, 'name') ?? srcName;
  const type = str(k.parsed, 'type');
  const labels = str(k.parsed, 'labels') ? parseLabels(str(k.parsed, 'labels')!) : src.metadata.labels;
  const svc: KubeObject = {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name, namespace: k.namespace, ...(labels ? { labels: { ...labels } } : {}) },
    spec: {
      ...(str(k.parsed, 'cluster-ip') ? { clusterIP: str(k.parsed, 'cluster-ip') } : {}),
      ...(str(k.parsed, 'external-ip') ? { externalIPs: str(k.parsed, 'external-ip')!.split(',') } : {}),
      ports,
      selector: { ...selector },
      ...(type ? { type } : {}),
    },
  };
  if (str(k.parsed, 'dry-run') === 'client') {
    printResult(k, svc, 'exposed (dry run)');
    return 0;
  }
  const stored = k.cluster.create(svc);
  printResult(k, stored, 'exposed');
  return 0;
}

/** Run `kubectl scale TYPE NAME --replicas=N`. */
export function runScale(k: Kubectl): number {
  const replicas = str(k.parsed, 'replicas');
  if (replicas === undefined) throw new KubectlError(`required flag(s) "replicas" not set`);
  // The flag parser has checked both as Go ints (scale.go Validate: replicas >= 0, current >= -1).
  if (Number(replicas) < 0)
    throw new KubectlError('The --replicas=COUNT flag is required, and COUNT must be greater than or equal to 0');
  const current = str(k.parsed, 'current-replicas');
  if (current !== undefined && Number(current) < -1)
    throw new KubectlError('The --current-replicas must specify an integer of -1 or greater');
  if (k.parsed.args.length === 0)
    throw usageError('scale', 'You must provide one or more resources by argument or filename.');
  const targets = parseTargets(k.parsed.args);
  for (const t of targets) {
    if (!['deployments', 'replicasets', 'statefulsets', 'replicationcontrollers'].includes(t.res.plural)) {
      throw new KubectlError(`cannot scale ${t.res.plural}`);
    }
    for (const name of t.names ?? []) {
      const live = k.cluster.mustGet(t.res.plural, k.namespace, name);
      const cur = str(k.parsed, 'current-replicas');
      if (cur !== undefined && cur !== '-1' && String(live.spec.replicas) !== cur)
        throw new KubectlError(`Expected replicas to be ${cur}, was ${live.spec.replicas}`);
      const next = structuredClone(live);
      next.spec.replicas = Number(replicas);
      k.cluster.update(next);
      k.out(`${kindName(t.res, name)} scaled\n`);
    }
  }
  return 0;
}
