/**
 * Command-line parsing the way kubectl's cobra/pflag does it: flags anywhere among the arguments,
 * `--name=value`, `--name value`, `-n value`, `-nvalue`, `-n=value`, grouped short booleans (`-it`),
 * `--` ending the flags (everything after it is kept for `exec`), and pflag's error texts.
 */

import { GoParseError, goParseBool, goParseDuration, goParseInt, goQuote } from './goparse';

/** pflag's value types the emulator's flags use: `int` is Go's int (64-bit), `int32` pflag's Int32, `duration` a time.Duration. */
export type FlagType = 'bool' | 'string' | 'int' | 'int32' | 'duration' | 'stringArray';

export interface FlagDef {
  name: string;
  short?: string;
  type: FlagType;
  description?: string;
  /** Listed in help and parsed (so its value errors are kubectl's), but the emulator does not model it: using it answers `netlab: kubectl VERB --NAME is not emulated`. */
  notEmulated?: true;
}

export interface ParsedArgs {
  /** Values by long name; stringArray flags collect every occurrence. */
  flags: Map<string, string | boolean | string[]>;
  /** Positional arguments before `--`. */
  args: string[];
  /** Arguments after `--` (undefined when there was no `--`). */
  dashArgs?: string[];
}

/** A usage error: printed as `error: <message>` plus the "See 'kubectl <verb> --help'" hint. */
export class FlagError extends Error {}

/** Flags every kubectl command accepts (kubectl's persistent flags that the emulator honours or tolerates). */
export const GLOBAL_FLAGS: FlagDef[] = [
  {
    name: 'namespace',
    short: 'n',
    type: 'string',
    description: 'If present, the namespace scope for this CLI request',
  },
  { name: 'context', type: 'string', description: 'The name of the kubeconfig context to use' },
  { name: 'kubeconfig', type: 'string', description: 'Path to the kubeconfig file to use for CLI requests.' },
  { name: 'cluster', type: 'string', description: 'The name of the kubeconfig cluster to use' },
  { name: 'user', type: 'string', description: 'The name of the kubeconfig user to use' },
  { name: 'token', type: 'string', description: 'Bearer token for authentication to the API server' },
  { name: 'server', short: 's', type: 'string', description: 'The address and port of the Kubernetes API server' },
  {
    name: 'insecure-skip-tls-verify',
    type: 'bool',
    description:
      "If true, the server's certificate will not be checked for validity. This will make your HTTPS connections insecure",
  },
  { name: 'certificate-authority', type: 'string', description: 'Path to a cert file for the certificate authority' },
  { name: 'client-certificate', type: 'string', description: 'Path to a client certificate file for TLS' },
  { name: 'client-key', type: 'string', description: 'Path to a client key file for TLS' },
  { name: 'as', type: 'string', description: 'Username to impersonate for the operation.' },
  {
    name: 'as-group',
    type: 'stringArray',
    description: 'Group to impersonate for the operation, this flag can be repeated to specify multiple groups.',
  },
  { name: 'as-uid', type: 'string', description: 'UID to impersonate for the operation.' },
  {
    name: 'request-timeout',
    type: 'string',
    description: 'The length of time to wait before giving up on a single server request.',
  },
  { name: 'v', short: 'v', type: 'int32', description: 'number for the log level verbosity' },
  { name: 'help', short: 'h', type: 'bool', description: 'help for this command' },
];

/** Parse argv (without `kubectl` and the verb) against a verb's flags plus the global ones. */
export function parseFlags(argv: string[], defs: FlagDef[]): ParsedArgs {
  // A verb's own flag shadows a global one of the same name, as cobra merges persistent flags only
  // where the name is free (`create rolebinding --user` is the repeatable subject, not the kubeconfig user).
  const all = [...GLOBAL_FLAGS, ...defs];
  const byLong = new Map(all.map((d) => [d.name, d]));
  const byShort = new Map(all.filter((d) => d.short).map((d) => [d.short!, d]));
  const flags = new Map<string, string | boolean | string[]>();
  const args: string[] = [];
  const set = (d: FlagDef, v: string | boolean) => {
    if (typeof v === 'string') v = checkValue(d, v);
    if (d.type === 'stringArray') {
      const prev = (flags.get(d.name) as string[] | undefined) ?? [];
      flags.set(d.name, [...prev, String(v)]);
    } else if (d.type === 'bool') {
      flags.set(d.name, typeof v === 'boolean' ? v : goParseBool(v));
    } else flags.set(d.name, String(v));
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--') return { flags, args, dashArgs: argv.slice(i + 1) };
    if (a.startsWith('--') && a.length > 2) {
      const eq = a.indexOf('=');
      const name = eq >= 0 ? a.slice(2, eq) : a.slice(2);
      const d = byLong.get(name);
      if (!d) throw new FlagError(`unknown flag: --${name}`);
      if (eq >= 0) set(d, a.slice(eq + 1));
      else if (d.type === 'bool') set(d, true);
      else {
        if (i + 1 >= argv.length) throw new FlagError(`flag needs an argument: --${name}`);
        set(d, argv[++i]!);
      }
      continue;
    }
    if (a.startsWith('-') && a.length > 1) {
      let j = 1;
      while (j < a.length) {
        const ch = a[j]!;
        const d = byShort.get(ch);
        if (!d) throw new FlagError(`unknown shorthand flag: '${ch}' in ${a}`);
        if (d.type === 'bool') {
          if (a[j + 1] === '=') {
            set(d, a.slice(j + 2));
            break;
          }
          set(d, true);
          j++;
          continue;
        }
        const rest = a.slice(j + 1);
        if (rest.startsWith('=')) set(d, rest.slice(1));
        else if (rest) set(d, rest);
        else {
          if (i + 1 >= argv.length) throw new FlagError(`flag needs an argument: '${ch}' in -${ch}`);
          set(d, argv[++i]!);
        }
        break;
      }
      continue;
    }
    args.push(a);
  }
  return { flags, args };
}

/**
 * A value as pflag's Set takes it: ints parsed as strconv.ParseInt(s, 0, bits) does (kept as their
 * decimal text, so `0x10` reads as 16 and `010` as 8), bools and durations checked; a value Go
 * refuses is pflag's `invalid argument "v" for "-r, --replicas" flag: strconv.ParseInt: ...`.
 */
function checkValue(d: FlagDef, v: string): string {
  try {
    if (d.type === 'int' || d.type === 'int32') return goParseInt(v, d.type === 'int32' ? 32 : 64).toString();
    if (d.type === 'bool') goParseBool(v);
    if (d.type === 'duration') goParseDuration(v);
    return v;
  } catch (e) {
    if (!(e instanceof GoParseError)) throw e;
    const name = d.short ? `-${d.short}, --${d.name}` : `--${d.name}`;
    throw new FlagError(`invalid argument ${goQuote(v)} for "${name}" flag: ${e.message}`);
  }
}

/** Typed accessors over parsed flags. */
export function str(p: ParsedArgs, name: string): string | undefined {
  const v = p.flags.get(name);
  return typeof v === 'string' ? v : undefined;
}

export function bool(p: ParsedArgs, name: string): boolean {
  return p.flags.get(name) === true;
}

/** A stringArray/StringSlice flag, comma lists split (`-L app,tier -L env`). */
export function list(p: ParsedArgs, name: string, splitCommas = true): string[] {
  const v = p.flags.get(name);
  const arr = Array.isArray(v) ? v : typeof v === 'string' ? [v] : [];
  return splitCommas ? arr.flatMap((x) => x.split(',')).filter((x) => x !== '') : arr;
}
