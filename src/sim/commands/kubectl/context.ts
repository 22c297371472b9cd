/**
 * What every kubectl verb works with: the parsed flags, the namespace in effect, the cluster, the
 * output writers, and the error shapes kubectl prints (`error: ...`, `Error from server (...)`).
 */
import type { CommandContext } from '../../shell/types';
import type { Cluster } from '../../cluster/cluster';
import { ApiError } from '../../cluster/errors';
import { FlagError, list, str, type ParsedArgs } from './flags';
import { authorizedCluster, mustAuthorize } from '../../rbac/client';
import { kubectlIdentity } from '../../rbac/impersonation';
import type { UserInfo } from '../../rbac/identity';
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
}

export function makeKubectl(ctx: CommandContext, verb: string, parsed: ParsedArgs): Kubectl {
  const ns = str(parsed, 'namespace');
  const cluster = ctx.emulator.cluster;
  const as = str(parsed, 'as');
  const asUid = str(parsed, 'as-uid');
  const token = str(parsed, 'token');
  const id = kubectlIdentity(cluster, {
    ...(token !== undefined ? { token } : {}),
    ...(as ? { as } : {}),
    asGroups: list(parsed, 'as-group', false),
    ...(asUid ? { asUid } : {}),
  });
  // Client-side validation fails before any request; authentication and impersonation are then checked on each request.
  const before = () => {
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
    namespace: ns || cluster.contextNamespace || 'default',
    namespaceGiven: Boolean(ns),
    now: ctx.emulator.clock.now(),
    out: (t) => ctx.stdout.write(t),
    err: (t) => ctx.stderr.write(t),
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

/** `error: ... See 'kubectl <verb> -h' for help and examples` (cmdutil.UsageErrorf). */
export function usageError(verb: string, message: string): KubectlError {
  return new KubectlError(`error: ${message}\nSee 'kubectl ${verb} -h' for help and examples\n`, 1, true);
}
