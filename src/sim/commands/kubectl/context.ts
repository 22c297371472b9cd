/**
 * What every kubectl verb works with: the parsed flags, the namespace in effect, the cluster, the
 * output writers, and the error shapes kubectl prints (`error: ...`, `Error from server (...)`).
 */
import type { CommandContext } from '../../shell/types';
import type { Cluster } from '../../cluster/cluster';
import { ApiError } from '../../cluster/errors';
import { FlagError, GLOBAL_FLAGS, list, str, type FlagDef, type ParsedArgs } from './flags';
import { authorizedCluster, mustAuthorize } from '../../rbac/client';
import { kubectlIdentity } from '../../rbac/impersonation';
import { ANONYMOUS_USER, type UserInfo } from '../../rbac/identity';
import { authenticateClient, resolveClient, type ClientError, type ClientOverrides } from '../../kubeconfig/client';
import type { KubeconfigSource } from '../../kubeconfig/load';
import type { Attributes } from '../../rbac/rules';

/** An error kubectl prints as `error: <message>` (usage errors add the help hint). */
export class KubectlError extends Error {
  constructor(
    message: string,
    readonly exitCode = 1,
    readonly raw = false,
  ) {
    super(message);
  }
}

export interface Kubectl {
  ctx: CommandContext;
  /** The cluster as this command's user may use it: every API call is authorized (src/sim/rbac/client.ts). */
  cluster: Cluster;
  /** Who the requests are made as (`--as`/`--as-group`/`--as-uid` applied). */
  user: UserInfo;
  /** Authorize one request that is not a plain object call (exec, watch); throws the Forbidden error. */
  authorize(attrs: Attributes): void;
  /** The per-request client and impersonation checks alone (for requests the API server authorizes itself). */
  checkIdentity(): void;
  verb: string;
  parsed: ParsedArgs;
  /** `-n` or the context's namespace (`default`). */
  namespace: string;
  /** True when `-n` was given explicitly. */
  namespaceGiven: boolean;
  now: number;
  out(text: string): void;
  err(text: string): void;
  /** Why kubectl cannot talk to the API server with this kubeconfig (printed as is), if it cannot. */
  clientError?: ClientError;
}

/** The kubeconfig flags of this command line (clientcmd's ConfigOverrides and --kubeconfig). */
export function kubeconfigSource(ctx: CommandContext, parsed: ParsedArgs): KubeconfigSource {
  const explicit = str(parsed, 'kubeconfig');
  return {
    emu: ctx.emulator,
    location: ctx.location,
    cwd: ctx.cwd,
    env: ctx.env,
    ...(explicit !== undefined ? { explicit } : {}),
  };
}

function overrides(parsed: ParsedArgs, verb: string): ClientOverrides {
  const o: ClientOverrides = {};
  const set = (key: keyof ClientOverrides, flag: string) => {
    const v = str(parsed, flag);
    if (v !== undefined) (o as Record<string, unknown>)[key] = v;
  };
  set('context', 'context');
  set('namespace', 'namespace');
  set('token', 'token');
  set('server', 'server');
  set('certificateAuthority', 'certificate-authority');
  // `config set-*` take --cluster, --user and the certificate paths as their own options, and
  // `create rolebinding|clusterrolebinding` its own --user (the subject), shadowing the global flags.
  if (verb !== 'config') {
    set('cluster', 'cluster');
    if (verb !== 'create') set('user', 'user');
    set('clientCertificate', 'client-certificate');
    set('clientKey', 'client-key');
  }
  if (parsed.flags.get('insecure-skip-tls-verify') === true) o.insecureSkipTlsVerify = true;
  return o;
}

export function makeKubectl(ctx: CommandContext, verb: string, parsed: ParsedArgs): Kubectl {
  const ns = str(parsed, 'namespace');
  const cluster = ctx.emulator.cluster;
  const as = str(parsed, 'as');
  const asUid = str(parsed, 'as-uid');
  // Who the kubeconfig's credentials authenticate as (kubeconfig/client.ts), checked before any request.
  let clientError: ClientError | undefined;
  let real: UserInfo | undefined;
  let namespace = ns || 'default';
  let authInfo = '';
  const resolved =
    verb === 'config' ? undefined : resolveClient(kubeconfigSource(ctx, parsed), overrides(parsed, verb));
  if (resolved && 'error' in resolved) clientError = resolved;
  else if (resolved) {
    namespace = ns || resolved.namespace;
    authInfo = resolved.userName;
    const auth = authenticateClient(ctx.emulator, ctx.location, resolved);
    if ('error' in auth) clientError = auth;
    else if ('user' in auth) real = auth.user;
  }
  const id = kubectlIdentity(cluster, clientError ? ANONYMOUS_USER : real, authInfo, {
    ...(as ? { as } : {}),
    asGroups: list(parsed, 'as-group', false),
    ...(asUid ? { asUid } : {}),
  });
  // Client-side validation fails before any request; authentication and impersonation are then checked on each request.
  const before = () => {
    if (clientError) throw new KubectlError(clientError.error, 1, true);
    if (id.invalidConfig) throw new KubectlError(id.invalidConfig);
    if (id.unauthorized) throw new KubectlError('You must be logged in to the server (Unauthorized)');
    id.check();
  };
  return {
    ctx,
    cluster: authorizedCluster(cluster, id.user, verb, before),
    user: id.user,
    authorize: (attrs) => {
      before();
      mustAuthorize(cluster, id.user, attrs);
    },
    checkIdentity: before,
    verb,
    parsed,
    namespace,
    namespaceGiven: Boolean(ns),
    now: ctx.emulator.clock.now(),
    out: (t) => ctx.stdout.write(t),
    err: (t) => ctx.stderr.write(t),
    ...(clientError ? { clientError } : {}),
  };
}

/** Print any error the way kubectl's CheckErr does and return the exit code. */
export function reportError(k: { err(t: string): void }, e: unknown, helpVerb: string): number {
  if (e instanceof ApiError) {
    k.err(`${e.kubectlMessage()}\n`);
    return 1;
  }
  if (e instanceof FlagError) {
    k.err(`error: ${e.message}\nSee 'kubectl ${helpVerb} --help' for usage.\n`);
    return 1;
  }
  if (e instanceof KubectlError) {
    k.err(e.raw ? e.message : `error: ${e.message}\n`);
    return e.exitCode;
  }
  throw e;
}

type CommandTree = { [sub: string]: CommandTree };
const leaves = (...names: string[]): CommandTree => Object.fromEntries(names.map((n) => [n, {}]));

/** kubectl's subcommands below the verbs that have them (cobra's tree, as `kubectl VERB --help` lists it). */
const SUBCOMMANDS: CommandTree = {
  create: {
    ...leaves('clusterrole', 'clusterrolebinding', 'configmap', 'cronjob', 'deployment', 'ingress', 'job'),
    ...leaves('namespace', 'poddisruptionbudget', 'priorityclass', 'quota', 'role', 'rolebinding'),
    ...leaves('serviceaccount', 'token'),
    secret: leaves('docker-registry', 'generic', 'tls'),
    service: leaves('clusterip', 'externalname', 'loadbalancer', 'nodeport'),
  },
  rollout: leaves('history', 'pause', 'restart', 'resume', 'status', 'undo'),
  config: {
    ...leaves('current-context', 'delete-cluster', 'delete-context', 'delete-user', 'get-clusters'),
    ...leaves('get-contexts', 'get-users', 'rename-context', 'set', 'set-cluster', 'set-context'),
    ...leaves('set-credentials', 'unset', 'use-context', 'view'),
  },
  auth: leaves('can-i', 'reconcile', 'whoami'),
  certificate: leaves('approve', 'deny'),
  set: leaves('env', 'image', 'resources', 'selector', 'serviceaccount', 'subject'),
};

/**
 * The command a usage hint names, as cobra's CommandPath does: the verb and the subcommands found
 * among the words (`kubectl create service nodeport ...` → `create service nodeport`), flags and
 * their values skipped.
 */
export function commandPath(verb: string, words: readonly string[], defs: readonly FlagDef[]): string {
  const valued = (d: FlagDef | undefined) => d !== undefined && d.type !== 'bool';
  const all = [...defs, ...GLOBAL_FLAGS];
  const path = [verb];
  let tree = SUBCOMMANDS[verb];
  for (let i = 0; i < words.length && tree; i++) {
    const w = words[i]!;
    if (w === '--') break;
    if (w.startsWith('--')) {
      if (!w.includes('=') && valued(all.find((d) => d.name === w.slice(2)))) i++;
      continue;
    }
    if (w.startsWith('-') && w.length > 1) {
      if (w.length === 2 && valued(all.find((d) => d.short === w[1]))) i++;
      continue;
    }
    const next: CommandTree | undefined = tree[w];
    if (!next) break;
    path.push(w);
    tree = next;
  }
  return path.join(' ');
}

/** `error: ... See 'kubectl <verb> -h' for help and examples` (cmdutil.UsageErrorf). */
export function usageError(verb: string, message: string): KubectlError {
  return new KubectlError(`error: ${message}\nSee 'kubectl ${verb} -h' for help and examples\n`, 1, true);
}
