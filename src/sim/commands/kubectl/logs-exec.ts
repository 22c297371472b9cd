/** `kubectl logs` and `kubectl exec`: a pod's container log buffer, and commands or shells inside a pod. */
import type { KubeObject } from '../../cluster/types';
import { bool, str, type FlagDef } from './flags';
import { KubectlError, usageError, type Kubectl } from './context';
import { filterObjects, parseTargets } from './targets';
import { MAX_WATCH_SECONDS } from './get';
import { shellsInImage } from '../../apps/registry';
import { isAvailable } from '../../shell/commandtable';

export const LOGS_FLAGS: FlagDef[] = [
  { name: 'container', short: 'c', type: 'string', description: 'Print the logs of this container' },
  { name: 'follow', short: 'f', type: 'bool', description: 'Specify if the logs should be streamed.' },
  { name: 'tail', type: 'int', description: 'Lines of recent log file to display.' },
  {
    name: 'previous',
    short: 'p',
    type: 'bool',
    description: 'If true, print the logs for the previous instance of the container in a pod if it exists.',
    notEmulated: true,
  },
  {
    name: 'timestamps',
    type: 'bool',
    description: 'Include timestamps on each line in the log output',
    notEmulated: true,
  },
  { name: 'all-containers', type: 'bool', description: "Get all containers' logs in the pod(s).", notEmulated: true },
  {
    name: 'selector',
    short: 'l',
    type: 'string',
    description: 'Selector (label query) to filter on.',
  },
  {
    name: 'since',
    type: 'duration',
    description: 'Only return logs newer than a relative duration like 5s, 2m, or 3h.',
    notEmulated: true,
  },
  {
    name: 'prefix',
    type: 'bool',
    description: 'Prefix each log line with the log source (pod name and container name)',
  },
];

export const EXEC_FLAGS: FlagDef[] = [
  { name: 'container', short: 'c', type: 'string', description: 'Container name.' },
  { name: 'stdin', short: 'i', type: 'bool', description: 'Pass stdin to the container' },
  { name: 'tty', short: 't', type: 'bool', description: 'Stdin is a TTY' },
  { name: 'quiet', short: 'q', type: 'bool', description: 'Only print output from the remote session' },
  { name: 'filename', short: 'f', type: 'stringArray', description: 'to use to exec into the resource' },
];

/** The pod a `logs`/`exec` argument names: `POD`, `pod/POD`, `deploy/NAME` (its first pod). */
function resolvePod(k: Kubectl, arg: string): KubeObject {
  if (!arg.includes('/')) return k.cluster.mustGet('pods', k.namespace, arg);
  const [t] = parseTargets([arg]);
  const name = t!.names![0]!;
  if (t!.res.plural === 'pods') return k.cluster.mustGet('pods', k.namespace, name);
  const owner = k.cluster.mustGet(t!.res.plural, k.namespace, name);
  const sel = owner.spec?.selector?.matchLabels ?? owner.spec?.selector ?? {};
  const pods = k.cluster
    .list('pods', k.namespace)
    .filter((p) => Object.entries(sel).every(([a, b]) => p.metadata.labels?.[a] === b));
  if (!pods.length) throw new KubectlError(`timed out waiting for the condition`);
  return pods[0]!;
}

function pickContainer(k: Kubectl, pod: KubeObject, verb: 'logs' | 'exec'): string {
  const names: string[] = (pod.spec.containers ?? []).map((c: any) => c.name);
  const want = str(k.parsed, 'container');
  if (want) {
    if (!names.includes(want)) {
      if (verb === 'logs') throw new KubectlError(`container ${want} is not valid for pod ${pod.metadata.name}`);
      throw new KubectlError(`container ${want} not found in pod ${pod.metadata.name}`);
    }
    return want;
  }
  const def = pod.metadata.annotations?.['kubectl.kubernetes.io/default-container'];
  if (def && names.includes(def)) return def;
  if (names.length > 1 && !bool(k.parsed, 'quiet'))
    k.err(`Defaulted container "${names[0]}" out of: ${names.join(', ')}\n`);
  return names[0]!;
}

function waitingReason(pod: KubeObject, container: string): string | undefined {
  const st = pod.status?.containerStatuses?.find((c: any) => c.name === container);
  return st?.state?.waiting?.reason ?? (pod.status?.phase === 'Pending' ? 'ContainerCreating' : undefined);
}

/** The last `tail` lines of a log (all of them for a negative count). */
function tailLines(text: string, tail: number): string {
  if (tail < 0) return text;
  const lines = text.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  return lines
    .slice(Math.max(0, lines.length - tail))
    .map((l) => `${l}\n`)
    .join('');
}

/** A container's log, or kubectl's error for a container that has not started. */
function containerLog(k: Kubectl, pod: KubeObject, container: string): string {
  const reason = waitingReason(pod, container);
  if (reason)
    throw new KubectlError(
      `Error from server (BadRequest): container "${container}" in pod "${pod.metadata.name}" is waiting to start: ${reason}\n`,
      1,
      true,
    );
  return k.cluster.logs(pod.metadata.namespace!, pod.metadata.name, container);
}

/**
 * `kubectl logs -l SELECTOR`: the logs of every matching pod, one after the other (kubectl reads them
 * in no fixed order; here by name), the last 10 lines of each unless --tail says otherwise
 * (logs.go `selectorTail`), each line prefixed with `[pod/NAME/CONTAINER] ` under --prefix.
 */
function logsBySelector(k: Kubectl, selector: string): number {
  if (bool(k.parsed, 'follow')) throw new KubectlError('netlab: kubectl logs --follow with a selector is not emulated');
  const res = parseTargets(['pods'])[0]!.res;
  const pods = filterObjects(k.cluster.list('pods', k.namespace), res, { labelSelector: selector }).sort((a, b) =>
    a.metadata.name.localeCompare(b.metadata.name),
  );
  if (!pods.length) {
    k.err(`No resources found in ${k.namespace} namespace.\n`);
    return 0;
  }
  const tail = str(k.parsed, 'tail');
  for (const pod of pods) {
    const container = pickContainer(k, pod, 'logs');
    const text = tailLines(containerLog(k, pod, container), tail !== undefined ? Number(tail) : 10);
    const prefix = bool(k.parsed, 'prefix') ? `[pod/${pod.metadata.name}/${container}] ` : '';
    k.out(prefix ? text.replace(/^(?=.)/gm, prefix) : text);
  }
  return 0;
}

/** Run `kubectl logs`. */
export async function runLogs(k: Kubectl): Promise<number> {
  const arg = k.parsed.args[0];
  const selector = str(k.parsed, 'selector');
  if (selector !== undefined) {
    if (arg) throw usageError('logs', 'only a selector (-l) or a POD name is allowed');
    return logsBySelector(k, selector);
  }
  if (!arg) throw usageError('logs', 'expected POD or TYPE/NAME is a required argument for the logs command');
  const pod = resolvePod(k, arg);
  const container = pickContainer(k, pod, 'logs');
  const tail = str(k.parsed, 'tail');
  const text = tailLines(containerLog(k, pod, container), tail !== undefined ? Number(tail) : -1);
  const prefix = bool(k.parsed, 'prefix') ? `[pod/${pod.metadata.name}/${container}] ` : '';
  k.out(prefix ? text.replace(/^(?=.)/gm, prefix) : text);
  if (bool(k.parsed, 'follow')) {
    // Stream what the app appends while virtual time moves; outside a terminal stop after 5 quiet seconds.
    let seen = k.cluster.logs(pod.metadata.namespace!, pod.metadata.name, container).length;
    let quiet = 0;
    for (let second = 0; second < MAX_WATCH_SECONDS; second++) {
      await k.ctx.checkpoint();
      k.ctx.emulator.advanceTime(1000);
      const now = k.cluster.logs(pod.metadata.namespace!, pod.metadata.name, container);
      if (!k.cluster.get('pods', pod.metadata.namespace, pod.metadata.name)) return 0;
      if (now.length > seen) {
        k.out(now.slice(seen));
        seen = now.length;
        quiet = 0;
      } else if (!k.ctx.interactive && ++quiet >= 5) return 0;
    }
  }
  return 0;
}

/** Run `kubectl exec`. */
export async function runExec(k: Kubectl): Promise<number> {
  const dash = k.parsed.dashArgs;
  const args = k.parsed.args;
  if (args.length === 0) throw usageError('exec', 'pod, type/name or --filename must be specified');
  if (!dash || args.length > 1) {
    throw usageError('exec', 'exec [POD] [COMMAND] is not supported anymore. Use exec [POD] -- [COMMAND] instead');
  }
  if (dash.length === 0) throw usageError('exec', 'you must specify at least one command for the container');
  const pod = resolvePod(k, args[0]!);
  k.authorize({
    verb: 'create',
    apiGroup: '',
    resource: 'pods',
    subresource: 'exec',
    namespace: pod.metadata.namespace!,
    name: pod.metadata.name,
  });
  if (pod.status?.phase === 'Succeeded' || pod.status?.phase === 'Failed')
    throw new KubectlError(`cannot exec into a container in a completed pod; current phase is ${pod.status.phase}`);
  const container = pickContainer(k, pod, 'exec');
  if (waitingReason(pod, container) || pod.status?.phase !== 'Running')
    throw new KubectlError(`unable to upgrade connection: container not found ("${container}")`);
  const image = (pod.spec.containers ?? []).find((c: any) => c.name === container)?.image ?? '';
  const location = { kind: 'pod' as const, namespace: pod.metadata.namespace!, pod: pod.metadata.name, container };
  const cmd = dash[0]!;
  const base = cmd.split('/').pop()!;
  const isShell = ['sh', 'bash', 'zsh', 'ash'].includes(base);
  // The runtime execs argv[0] from the image: a shell it lacks, or a tool it does not ship, fails the same way.
  const tool = k.ctx.emulator.commands.get(base);
  const missing = isShell
    ? !shellsInImage(image).includes(base)
    : !!tool && !tool.builtin && !isAvailable(tool, k.ctx.emulator, location);
  if (missing) {
    k.out(
      `OCI runtime exec failed: exec failed: unable to start container process: exec: "${cmd}": executable file not found in $PATH: unknown\n`,
    );
    k.err('command terminated with exit code 126\n');
    return 126;
  }
  if (isShell && dash.length === 1) {
    if (bool(k.parsed, 'stdin') && bool(k.parsed, 'tty')) {
      k.ctx.shell.enter(location, base);
      return 0;
    }
    // Without -it the shell reads the piped stdin as its script.
    return finish(
      k,
      await k.ctx.shell.runScript(k.ctx.stdin, { location, shell: base, stdout: k.ctx.stdout, stderr: k.ctx.stderr }),
    );
  }
  if (isShell && dash[1] === '-c') {
    const script = dash[2] ?? '';
    return finish(
      k,
      await k.ctx.shell.runScript(script, {
        location,
        shell: base,
        args: dash.slice(3),
        stdin: k.ctx.stdin,
        stdout: k.ctx.stdout,
        stderr: k.ctx.stderr,
      }),
    );
  }
  // One command with its arguments, no shell in between (the container runtime execs argv).
  return finish(
    k,
    await k.ctx.shell.runCommand(dash, {
      location,
      stdin: bool(k.parsed, 'stdin') ? k.ctx.stdin : '',
      stdout: k.ctx.stdout,
      stderr: k.ctx.stderr,
    }),
  );
}

function finish(k: Kubectl, code: number): number {
  if (code !== 0) k.err(`command terminated with exit code ${code}\n`);
  return code;
}
