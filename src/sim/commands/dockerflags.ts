/**
 * The docker CLI's flag parsing (spf13/pflag as docker 28 configures it): long flags with `=` or a
 * separate value, bundled short flags (`-it`, `-dit`, `-eK=V`), booleans that take `=true|false`,
 * and for `run` and `exec` parsing stops at the first argument that is not a flag (the image or
 * container; the rest is the command). Errors are pflag's, framed the way docker 28 prints them.
 */

import type { CommandContext, CommandResult } from '../shell/types';

/** One `docker SUBCOMMAND`: its arguments after the subcommand's name. */
export type DockerSubcommand = (ctx: CommandContext, args: string[]) => CommandResult;

/** One flag a subcommand accepts. */
export interface DockerFlag {
  long: string;
  short?: string;
  /** Takes a value (`--name x`); booleans do not. */
  value: boolean;
  /** Repeatable flags collect every value (`-e A=1 -e B=2`). */
  list?: boolean;
}

/** A subcommand's usage line and flags, as `docker SUB --help` lists them. */
export interface DockerCommandFlags {
  /** `docker run [OPTIONS] IMAGE [COMMAND] [ARG...]` */
  usage: string;
  flags: readonly DockerFlag[];
  /** Stop at the first positional argument (run, exec): what follows belongs to the container's command. */
  stopAtPositional?: boolean;
}

export interface ParsedDockerArgs {
  /** Flag values by long name: `true` for booleans, the last value or every value for lists. */
  values: Map<string, string | boolean | string[]>;
  /** Flags in the order given (long names), to report the first one not emulated. */
  seen: string[];
  positional: string[];
}

/** A flag's value when it takes one (the last given). */
export function flagString(p: ParsedDockerArgs, name: string): string | undefined {
  const v = p.values.get(name);
  return typeof v === 'string' ? v : undefined;
}

/** Every value of a repeatable flag, in order. */
export function flagList(p: ParsedDockerArgs, name: string): string[] {
  const v = p.values.get(name);
  return Array.isArray(v) ? v : [];
}

/** Whether a boolean flag is on. */
export const flagOn = (p: ParsedDockerArgs, name: string): boolean => p.values.get(name) === true;

/** A usage error: docker prints it, a blank line, the usage, and a hint, and exits 125. */
export class DockerUsageError extends Error {}

/** The text docker 28 prints for a flag error of `docker SUB` (`unknown flag: --x`, ...). */
export function flagErrorText(sub: string, spec: DockerCommandFlags, message: string): string {
  return `${message}\n\nUsage:  ${spec.usage}\n\nRun 'docker ${sub} --help' for more information\n`;
}

/** The text docker 28 prints when positional arguments are missing; exit status 1. */
export function missingArgsText(sub: string, spec: DockerCommandFlags, count: string): string {
  return `docker: 'docker ${sub}' requires ${count}\n\nUsage:  ${spec.usage}\n\nSee 'docker ${sub} --help' for more information\n`;
}

const FALSE = new Set(['false', '0', 'f', 'F', 'FALSE', 'False']);
const TRUE = new Set(['true', '1', 't', 'T', 'TRUE', 'True']);

/** Parse a subcommand's arguments; throws DockerUsageError with pflag's message. */
export function parseDockerArgs(args: readonly string[], spec: DockerCommandFlags): ParsedDockerArgs {
  const byLong = new Map(spec.flags.map((f) => [f.long, f]));
  const byShort = new Map(spec.flags.filter((f) => f.short).map((f) => [f.short!, f]));
  const values: ParsedDockerArgs['values'] = new Map();
  const seen: string[] = [];
  const positional: string[] = [];
  const set = (f: DockerFlag, v: string | boolean): void => {
    seen.push(f.long);
    if (f.list) {
      const prev = values.get(f.long);
      values.set(f.long, [...(Array.isArray(prev) ? prev : []), String(v)]);
    } else values.set(f.long, v);
  };
  const bool = (f: DockerFlag, v: string): boolean => {
    if (TRUE.has(v)) return true;
    if (FALSE.has(v)) return false;
    // pflag names a flag with a shorthand as `-d, --detach`, whichever form was typed.
    const name = f.short ? `-${f.short}, --${f.long}` : `--${f.long}`;
    throw new DockerUsageError(
      `invalid argument "${v}" for "${name}" flag: strconv.ParseBool: parsing "${v}": invalid syntax`,
    );
  };
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === '--') {
      positional.push(...args.slice(i + 1));
      break;
    }
    if (a.startsWith('--') && a.length > 2) {
      const eq = a.indexOf('=');
      const name = a.slice(2, eq < 0 ? undefined : eq);
      const f = byLong.get(name);
      if (!f) throw new DockerUsageError(`unknown flag: --${name}`);
      if (!f.value) set(f, eq < 0 ? true : bool(f, a.slice(eq + 1)));
      else if (eq >= 0) set(f, a.slice(eq + 1));
      else if (i + 1 < args.length) set(f, args[++i]!);
      else throw new DockerUsageError(`flag needs an argument: --${name}`);
      continue;
    }
    if (a.startsWith('-') && a.length > 1) {
      for (let j = 1; j < a.length; j++) {
        const ch = a[j]!;
        const f = byShort.get(ch);
        // pflag names the rest of the bundle from this letter on: `-iz` reports `in -z`.
        if (!f) throw new DockerUsageError(`unknown shorthand flag: '${ch}' in -${a.slice(j)}`);
        if (!f.value) {
          if (a[j + 1] === '=') {
            set(f, bool(f, a.slice(j + 2)));
            break;
          }
          set(f, true);
          continue;
        }
        const rest = a.slice(j + 1);
        if (rest) set(f, rest.startsWith('=') ? rest.slice(1) : rest);
        else if (i + 1 < args.length) set(f, args[++i]!);
        else throw new DockerUsageError(`flag needs an argument: '${ch}' in -${a.slice(j)}`);
        break;
      }
      continue;
    }
    positional.push(a);
    if (spec.stopAtPositional) {
      positional.push(...args.slice(i + 1));
      break;
    }
  }
  return { values, seen, positional };
}

const b = (long: string, short?: string): DockerFlag => ({ long, value: false, ...(short ? { short } : {}) });
const v = (long: string, short?: string, list = false): DockerFlag => ({
  long,
  value: true,
  ...(short ? { short } : {}),
  ...(list ? { list } : {}),
});

/** `docker run`'s flags (docker 28.2 `docker run --help`). */
export const RUN_FLAGS: DockerCommandFlags = {
  usage: 'docker run [OPTIONS] IMAGE [COMMAND] [ARG...]',
  stopAtPositional: true,
  flags: [
    v('add-host', undefined, true),
    v('annotation', undefined, true),
    v('attach', 'a', true),
    v('blkio-weight'),
    v('blkio-weight-device', undefined, true),
    v('cap-add', undefined, true),
    v('cap-drop', undefined, true),
    v('cgroup-parent'),
    v('cgroupns'),
    v('cidfile'),
    v('cpu-count'),
    v('cpu-percent'),
    v('cpu-period'),
    v('cpu-quota'),
    v('cpu-rt-period'),
    v('cpu-rt-runtime'),
    v('cpu-shares', 'c'),
    v('cpus'),
    v('cpuset-cpus'),
    v('cpuset-mems'),
    b('detach', 'd'),
    v('detach-keys'),
    v('device', undefined, true),
    v('device-cgroup-rule', undefined, true),
    v('device-read-bps', undefined, true),
    v('device-read-iops', undefined, true),
    v('device-write-bps', undefined, true),
    v('device-write-iops', undefined, true),
    b('disable-content-trust'),
    v('dns', undefined, true),
    v('dns-option', undefined, true),
    v('dns-search', undefined, true),
    v('domainname'),
    v('entrypoint'),
    v('env', 'e', true),
    v('env-file', undefined, true),
    v('expose', undefined, true),
    v('gpus'),
    v('group-add', undefined, true),
    v('health-cmd'),
    v('health-interval'),
    v('health-retries'),
    v('health-start-interval'),
    v('health-start-period'),
    v('health-timeout'),
    b('help'),
    v('hostname', 'h'),
    b('init'),
    b('interactive', 'i'),
    v('io-maxbandwidth'),
    v('io-maxiops'),
    v('ip'),
    v('ip6'),
    v('ipc'),
    v('isolation'),
    v('kernel-memory'),
    v('label', 'l', true),
    v('label-file', undefined, true),
    v('link', undefined, true),
    v('link-local-ip', undefined, true),
    v('log-driver'),
    v('log-opt', undefined, true),
    v('mac-address'),
    v('memory', 'm'),
    v('memory-reservation'),
    v('memory-swap'),
    v('memory-swappiness'),
    v('mount'),
    v('name'),
    v('network'),
    v('net'),
    v('network-alias', undefined, true),
    b('no-healthcheck'),
    b('oom-kill-disable'),
    v('oom-score-adj'),
    v('pid'),
    v('pids-limit'),
    v('platform'),
    b('privileged'),
    v('publish', 'p', true),
    b('publish-all', 'P'),
    v('pull'),
    b('quiet', 'q'),
    b('read-only'),
    v('restart'),
    b('rm'),
    v('runtime'),
    v('security-opt', undefined, true),
    v('shm-size'),
    b('sig-proxy'),
    v('stop-signal'),
    v('stop-timeout'),
    v('storage-opt', undefined, true),
    v('sysctl', undefined, true),
    v('tmpfs', undefined, true),
    b('tty', 't'),
    v('ulimit', undefined, true),
    b('use-api-socket'),
    v('user', 'u'),
    v('userns'),
    v('uts'),
    v('volume', 'v', true),
    v('volume-driver'),
    v('volumes-from', undefined, true),
    v('workdir', 'w'),
  ],
};

/** `docker exec`'s flags. */
export const EXEC_FLAGS: DockerCommandFlags = {
  usage: 'docker exec [OPTIONS] CONTAINER COMMAND [ARG...]',
  stopAtPositional: true,
  flags: [
    b('detach', 'd'),
    v('detach-keys'),
    v('env', 'e', true),
    v('env-file', undefined, true),
    b('help'),
    b('interactive', 'i'),
    b('privileged'),
    b('tty', 't'),
    v('user', 'u'),
    v('workdir', 'w'),
  ],
};

/** `docker rm`'s flags. */
export const RM_FLAGS: DockerCommandFlags = {
  usage: 'docker rm [OPTIONS] CONTAINER [CONTAINER...]',
  flags: [b('force', 'f'), b('help'), b('link', 'l'), b('volumes', 'v')],
};

/** `docker stop`'s flags. */
export const STOP_FLAGS: DockerCommandFlags = {
  usage: 'docker stop [OPTIONS] CONTAINER [CONTAINER...]',
  flags: [b('help'), v('signal', 's'), v('timeout', 't'), v('time')],
};

/** `docker ps`'s flags. */
export const PS_FLAGS: DockerCommandFlags = {
  usage: 'docker ps [OPTIONS]',
  flags: [
    b('all', 'a'),
    v('filter', 'f', true),
    v('format'),
    b('help'),
    v('last', 'n'),
    b('latest', 'l'),
    b('no-trunc'),
    b('quiet', 'q'),
    b('size', 's'),
  ],
};

/** `docker inspect`'s flags. */
export const INSPECT_FLAGS: DockerCommandFlags = {
  usage: 'docker inspect [OPTIONS] NAME|ID [NAME|ID...]',
  flags: [v('format', 'f'), b('help'), b('size', 's'), v('type')],
};

/** `docker logs`'s flags. */
export const LOGS_FLAGS: DockerCommandFlags = {
  usage: 'docker logs [OPTIONS] CONTAINER',
  flags: [b('details'), b('follow', 'f'), b('help'), v('since'), v('tail', 'n'), b('timestamps', 't'), v('until')],
};
