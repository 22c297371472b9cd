/**
 * The `kubectl` command: verb dispatch, cobra-style flag parsing per verb, the errors kubectl prints,
 * help, and Tab completion of verbs, resource types and object names. Each verb lives in its own module.
 */
import type { CommandContext, CompletionContext, CommandSpec } from '../../shell/types';
import { API_RESOURCES } from '../../cluster/resources';
import { ApiError } from '../../cluster/errors';
import { GLOBAL_FLAGS, parseFlags, FlagError, type FlagDef } from './flags';
import { commandPath, makeKubectl, reportError, KubectlError, type Kubectl } from './context';
import { runGet, GET_FLAGS } from './get';
import { runManifests, APPLY_FLAGS } from './apply';
import { runCreate, CREATE_FLAGS, CREATE_SUBCOMMANDS } from './create';
import { runDelete, DELETE_FLAGS } from './delete';
import { runLabel, LABEL_FLAGS } from './label';
import { runRun, runExpose, runScale, RUN_FLAGS, EXPOSE_FLAGS, SCALE_FLAGS } from './workloads';
import { runWait, runRollout, WAIT_FLAGS, ROLLOUT_FLAGS } from './wait';
import { runLogs, runExec, LOGS_FLAGS, EXEC_FLAGS } from './logs-exec';
import {
  runVersion,
  runClusterInfo,
  runApiResources,
  runDescribe,
  VERSION_FLAGS,
  API_RESOURCES_FLAGS,
  DESCRIBE_FLAGS,
  CLUSTER_INFO_FLAGS,
} from './info';
import { runConfig, CONFIG_FLAGS } from './config';
import { TOP_LEVEL_HELP, verbHelp } from './help';
import { runPatch, runSet, PATCH_FLAGS, SET_FLAGS } from './patch';
import { runAuth, authHelp, AUTH_FLAGS, AUTH_SUBCOMMAND_FLAGS } from './auth';
import { runCertificate, CERTIFICATE_FLAGS } from './certificate';
import { runProxy, PROXY_FLAGS } from './proxy';

interface Verb {
  flags: FlagDef[];
  /** False for verbs that work without a cluster (version --client, config). */
  needsServer: boolean;
  run(k: Kubectl): number | Promise<number>;
}

const VERBS: Record<string, Verb> = {
  get: { flags: GET_FLAGS, needsServer: true, run: runGet },
  describe: { flags: DESCRIBE_FLAGS, needsServer: true, run: runDescribe },
  apply: { flags: APPLY_FLAGS, needsServer: true, run: (k) => runManifests(k, 'apply') },
  create: { flags: CREATE_FLAGS, needsServer: true, run: runCreate },
  delete: { flags: DELETE_FLAGS, needsServer: true, run: runDelete },
  label: { flags: LABEL_FLAGS, needsServer: true, run: (k) => runLabel(k, 'labels') },
  annotate: { flags: LABEL_FLAGS, needsServer: true, run: (k) => runLabel(k, 'annotations') },
  scale: { flags: SCALE_FLAGS, needsServer: true, run: runScale },
  expose: { flags: EXPOSE_FLAGS, needsServer: true, run: runExpose },
  run: { flags: RUN_FLAGS, needsServer: true, run: runRun },
  wait: { flags: WAIT_FLAGS, needsServer: true, run: runWait },
  rollout: { flags: ROLLOUT_FLAGS, needsServer: true, run: runRollout },
  logs: { flags: LOGS_FLAGS, needsServer: true, run: runLogs },
  exec: { flags: EXEC_FLAGS, needsServer: true, run: runExec },
  'cluster-info': { flags: CLUSTER_INFO_FLAGS, needsServer: true, run: runClusterInfo },
  'api-resources': { flags: API_RESOURCES_FLAGS, needsServer: true, run: runApiResources },
  version: { flags: VERSION_FLAGS, needsServer: false, run: runVersion },
  config: { flags: CONFIG_FLAGS, needsServer: false, run: runConfig },
  patch: { flags: PATCH_FLAGS, needsServer: true, run: runPatch },
  set: { flags: SET_FLAGS, needsServer: true, run: runSet },
  auth: { flags: AUTH_FLAGS, needsServer: true, run: runAuth },
  certificate: { flags: CERTIFICATE_FLAGS, needsServer: true, run: runCertificate },
  proxy: { flags: PROXY_FLAGS, needsServer: true, run: runProxy },
};

/** Verbs kubectl has that the emulator does not: they answer with a clear "not emulated". */
const NOT_EMULATED = [
  'edit',
  'replace',
  'port-forward',
  'cp',
  'attach',
  'top',
  'cordon',
  'uncordon',
  'drain',
  'taint',
  'debug',
  'events',
  'diff',
  'kustomize',
  'autoscale',
  'explain',
  'plugin',
  'api-versions',
  'completion',
  'alpha',
  'options',
];

/** Find the verb among argv: the first word that is not a flag or a global flag's value (`kubectl -n x get pods`). */
function splitVerb(argv: string[]): { verb: string | undefined; rest: string[] } {
  const valued = new Set(
    GLOBAL_FLAGS.filter((f) => f.type !== 'bool').flatMap((f) => [`--${f.name}`, ...(f.short ? [`-${f.short}`] : [])]),
  );
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--') break;
    if (a.startsWith('-')) {
      if (valued.has(a)) i++;
      continue;
    }
    return { verb: a, rest: [...argv.slice(0, i), ...argv.slice(i + 1)] };
  }
  return { verb: undefined, rest: argv };
}

/** Entry point of the `kubectl` command. */
export async function kubectlMain(ctx: CommandContext): Promise<number> {
  const { verb, rest } = splitVerb(ctx.argv.slice(1));
  const err = { err: (t: string) => ctx.stderr.write(t) };
  if (!verb) {
    if (rest.some((a) => a === '--help' || a === '-h') || rest.length === 0) {
      ctx.stdout.write(TOP_LEVEL_HELP);
      return 0;
    }
    try {
      parseFlags(rest, []);
    } catch (e) {
      return reportError(err, e, '');
    }
    ctx.stdout.write(TOP_LEVEL_HELP);
    return 0;
  }
  if (NOT_EMULATED.includes(verb)) {
    ctx.stderr.write(`netlab: kubectl ${verb} is not emulated\n`);
    return 1;
  }
  const spec = VERBS[verb];
  // Only `kubectl proxy` is meant to be left running with `&`.
  if (ctx.job && verb !== 'proxy') ctx.stderr.write('netlab: background jobs run in the foreground here\n');
  if (!spec) {
    ctx.stderr.write(`error: unknown command "${verb}" for "kubectl"\n`);
    return 1;
  }
  let k: Kubectl;
  try {
    const parsed = parseFlags(rest, spec.flags);
    // `auth can-i` and `auth whoami` are cobra subcommands, each with only its own flags.
    const authSub = verb === 'auth' ? parsed.args[0] : undefined;
    if (authSub !== undefined && AUTH_SUBCOMMAND_FLAGS[authSub]) {
      try {
        parseFlags(rest, AUTH_SUBCOMMAND_FLAGS[authSub]);
      } catch (e) {
        if (e instanceof FlagError) return reportError(err, e, `auth ${authSub}`);
        throw e;
      }
    }
    if (parsed.flags.get('help') === true) {
      ctx.stdout.write(verb === 'auth' ? authHelp(parsed.args) : verbHelp(verb, spec.flags));
      return 0;
    }
    const unmodelled = spec.flags.find((f) => f.notEmulated && parsed.flags.has(f.name));
    if (unmodelled) {
      ctx.stderr.write(`netlab: kubectl ${verb} --${unmodelled.name} is not emulated\n`);
      return 1;
    }
    k = makeKubectl(ctx, verb, parsed);
  } catch (e) {
    if (e instanceof FlagError) return reportError(err, e, commandPath(verb, rest, spec.flags));
    throw e;
  }
  // Without a usable kubeconfig (none on a kind node unless told /etc/kubernetes/admin.conf, a wrong
  // server, a key that does not match its certificate) kubectl fails before its first request.
  if (spec.needsServer && k.clientError) {
    if (k.clientError.stdout) ctx.stdout.write(k.clientError.stdout);
    ctx.stderr.write(k.clientError.error);
    return 1;
  }
  try {
    return await spec.run(k);
  } catch (e) {
    if (e instanceof ApiError || e instanceof KubectlError || e instanceof FlagError)
      return reportError(k, e, commandPath(verb, rest, spec.flags));
    throw e;
  }
}

function resourceWords(): string[] {
  const out = new Set<string>();
  for (const r of API_RESOURCES) {
    out.add(r.plural);
    out.add(r.singular);
    for (const s of r.shortNames) out.add(s);
  }
  out.add('all');
  return [...out].sort();
}

/** Tab completion: verbs, then resource types, then object names of that type (pods for exec/logs). */
export function completeKubectl(c: CompletionContext): string[] {
  const words = c.words.slice(1);
  const { verb, rest } = splitVerb(words);
  const prev = c.words[c.words.length - 1];
  const emu = c.emulator;
  const nsIdx = words.findIndex((w) => w === '-n' || w === '--namespace');
  const ns = nsIdx >= 0 ? (words[nsIdx + 1] ?? 'default') : 'default';
  const names = (plural: string) => {
    try {
      return emu.cluster.list(plural, ns).map((o) => o.metadata.name);
    } catch {
      return [];
    }
  };
  if (prev === '-n' || prev === '--namespace') return names('namespaces').filter((n) => n.startsWith(c.current));
  if (!verb) return [...Object.keys(VERBS), ...NOT_EMULATED].sort().filter((v) => v.startsWith(c.current));
  const positional = rest.filter((w) => !w.startsWith('-'));
  let out: string[] = [];
  if (verb === 'exec' || verb === 'logs') out = names('pods');
  else if (verb === 'create') out = positional.length === 0 ? CREATE_SUBCOMMANDS : [];
  else if (verb === 'rollout')
    out = positional.length === 0 ? ['restart', 'status'] : names('deployments').map((n) => `deployment/${n}`);
  else if (verb === 'auth') out = positional.length === 0 ? ['can-i', 'whoami'] : [];
  else if (verb === 'config')
    out = positional.length === 0 ? ['current-context', 'get-contexts', 'set-context', 'use-context', 'view'] : [];
  else if (['get', 'describe', 'delete', 'label', 'annotate', 'scale', 'expose', 'wait'].includes(verb)) {
    if (positional.length === 0) {
      if (c.current.includes('/')) {
        const [t] = c.current.split('/');
        const res = API_RESOURCES.find((r) => r.plural === t || r.singular === t || r.shortNames.includes(t!));
        out = res ? names(res.plural).map((n) => `${t}/${n}`) : [];
      } else out = resourceWords();
    } else {
      const res = API_RESOURCES.find(
        (r) => r.plural === positional[0] || r.singular === positional[0] || r.shortNames.includes(positional[0]!),
      );
      out = res ? names(res.plural) : [];
    }
  }
  return out.filter((w) => w.startsWith(c.current));
}

export const kubectlCommand: CommandSpec = {
  name: 'kubectl',
  summary: 'kubectl controls the Kubernetes cluster manager',
  availableIn: ({ emulator, location }) =>
    location.kind === 'host' ||
    (location.kind === 'node' &&
      Boolean(
        emulator.store.get('nodes', undefined, location.node)?.metadata.labels?.[
          'node-role.kubernetes.io/control-plane'
        ] !== undefined,
      )),
  flags: GLOBAL_FLAGS.map((f) => ({
    names: [`--${f.name}`, ...(f.short ? [`-${f.short}`] : [])],
    value: f.type !== 'bool',
    description: f.description ?? '',
  })),
  subcommands: Object.keys(VERBS),
  jobs: true,
  complete: completeKubectl,
  run: kubectlMain,
};
