/**
 * What every kubectl verb works with: the parsed flags, the namespace in effect, the cluster, the
 * output writers, and the error shapes kubectl prints (`error: ...`, `Error from server (...)`).
 */
import type { CommandContext } from '../../shell/types';
import type { Cluster } from '../../cluster/cluster';
import { ApiError } from '../../cluster/errors';
import { FlagError, str, type ParsedArgs } from './flags';

/** An error kubectl prints as `error: <message>` (usage errors add the help hint). */
export class KubectlError extends Error {
  constructor(message: string, readonly exitCode = 1, readonly raw = false) {
    super(message);
  }
}

export interface Kubectl {
  ctx: CommandContext;
  cluster: Cluster;
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
  return {
    ctx,
    cluster: ctx.emulator.cluster,
    verb,
    parsed,
    namespace: ns || ctx.emulator.cluster.contextNamespace || 'default',
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
