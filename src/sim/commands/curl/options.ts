/** curl's command line: the options learners use, parsed into one shape; anything else is refused as curl refuses it. */

export interface CurlOptions {
  urls: string[];
  silent: boolean;
  showError: boolean;
  verbose: boolean;
  head: boolean;
  include: boolean;
  fail: boolean;
  insecure: boolean;
  output?: string;
  writeOut?: string;
  connectTimeoutMs?: number;
  maxTimeMs?: number;
  method?: string;
  headers: [string, string][];
  data?: string;
  userAgent?: string;
  /** `--cacert FILE`: the CA certificates to trust instead of the system store. */
  cacert?: string;
  /** `--cert FILE` (`-E`) and `--key FILE`: a client certificate for TLS. */
  cert?: string;
  key?: string;
}

export type ParsedCurl = { ok: true; opts: CurlOptions } | { ok: false; message: string; code: number };

/** Short flags that take no value and may be bundled (`-sS`, `-sv`, `-kL`). */
const BOOL_SHORT: Record<string, keyof CurlOptions | null> = {
  s: 'silent',
  S: 'showError',
  v: 'verbose',
  I: 'head',
  i: 'include',
  f: 'fail',
  k: 'insecure',
  L: null,
  '4': null,
  N: null,
};
/** Short flags that take a value. */
const VALUE_SHORT: Record<string, string> = {
  o: '--output',
  w: '--write-out',
  m: '--max-time',
  X: '--request',
  H: '--header',
  d: '--data',
  A: '--user-agent',
  E: '--cert',
};
const BOOL_LONG: Record<string, keyof CurlOptions | null> = {
  '--silent': 'silent',
  '--show-error': 'showError',
  '--verbose': 'verbose',
  '--head': 'head',
  '--include': 'include',
  '--fail': 'fail',
  '--insecure': 'insecure',
  '--location': null,
  '--ipv4': null,
  '--no-buffer': null,
  '--http1.1': null,
  '--compressed': null,
  '--no-progress-meter': 'silent',
};
const VALUE_LONG = [
  '--output',
  '--write-out',
  '--connect-timeout',
  '--max-time',
  '--request',
  '--header',
  '--data',
  '--data-raw',
  '--data-binary',
  '--user-agent',
  '--cacert',
  '--cert',
  '--key',
];

const unknown = (opt: string): ParsedCurl => ({
  ok: false,
  message: `curl: option ${opt}: is unknown\ncurl: try 'curl --help' or 'curl --manual' for more information\n`,
  code: 2,
});
const needsValue = (opt: string): ParsedCurl => ({
  ok: false,
  message: `curl: option ${opt}: requires parameter\ncurl: try 'curl --help' or 'curl --manual' for more information\n`,
  code: 2,
});

function seconds(text: string): number | undefined {
  const n = Number(text);
  return Number.isFinite(n) && n >= 0 ? Math.round(n * 1000) : undefined;
}

/** Parse curl's arguments (argv without the command name). */
export function parseCurlArgs(args: readonly string[]): ParsedCurl {
  const opts: CurlOptions = {
    urls: [],
    silent: false,
    showError: false,
    verbose: false,
    head: false,
    include: false,
    fail: false,
    insecure: false,
    headers: [],
  };
  const setValue = (name: string, value: string): ParsedCurl | undefined => {
    switch (name) {
      case '--output':
        opts.output = value;
        break;
      case '--write-out':
        opts.writeOut = value;
        break;
      case '--connect-timeout':
      case '--max-time': {
        const ms = seconds(value);
        if (ms === undefined)
          return {
            ok: false,
            message: `curl: option ${name}: expected a proper numerical parameter\ncurl: try 'curl --help' or 'curl --manual' for more information\n`,
            code: 2,
          };
        if (name === '--max-time') opts.maxTimeMs = ms;
        else opts.connectTimeoutMs = ms;
        break;
      }
      case '--request':
        opts.method = value;
        break;
      case '--header': {
        const i = value.indexOf(':');
        if (i > 0) opts.headers.push([value.slice(0, i).trim(), value.slice(i + 1).trim()]);
        break;
      }
      case '--data':
      case '--data-raw':
      case '--data-binary':
        opts.data = opts.data === undefined ? value : `${opts.data}&${value}`;
        break;
      case '--user-agent':
        opts.userAgent = value;
        break;
      case '--cacert':
        opts.cacert = value;
        break;
      case '--cert':
        opts.cert = value;
        break;
      case '--key':
        opts.key = value;
        break;
    }
    return undefined;
  };
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a.startsWith('--')) {
      const eq = a.indexOf('=');
      const name = eq > 0 ? a.slice(0, eq) : a;
      if (name in BOOL_LONG) {
        const key = BOOL_LONG[name];
        if (key) (opts[key] as boolean) = true;
        continue;
      }
      if (!VALUE_LONG.includes(name)) return unknown(name);
      const value = eq > 0 ? a.slice(eq + 1) : args[++i];
      if (value === undefined) return needsValue(name);
      const err = setValue(name, value);
      if (err) return err;
    } else if (a.startsWith('-') && a.length > 1) {
      for (let j = 1; j < a.length; j++) {
        const c = a[j]!;
        if (c in BOOL_SHORT) {
          const key = BOOL_SHORT[c];
          if (key) (opts[key] as boolean) = true;
          continue;
        }
        const long = VALUE_SHORT[c];
        if (!long) return unknown(`-${c}`);
        const rest = a.slice(j + 1);
        const value = rest || args[++i];
        if (value === undefined) return needsValue(`-${c}`);
        const err = setValue(long, value);
        if (err) return err;
        break;
      }
    } else opts.urls.push(a);
  }
  return { ok: true, opts };
}

export interface ParsedUrl {
  scheme: 'http' | 'https';
  host: string;
  port: number;
  /** Path and query, `/` at least. */
  target: string;
  /** The Host header: host plus `:port` when not the scheme's default. */
  hostHeader: string;
}

/** Parse a URL as curl guesses it (no scheme means http). Undefined for a scheme curl does not speak here. */
export function parseUrl(url: string): ParsedUrl | { unsupported: string } {
  const m = /^([a-zA-Z][a-zA-Z0-9+.-]*):\/\//.exec(url);
  const scheme = m ? m[1]!.toLowerCase() : 'http';
  if (scheme !== 'http' && scheme !== 'https') return { unsupported: scheme };
  const rest = m ? url.slice(m[0].length) : url;
  const slash = rest.search(/[/?]/);
  const authority = slash < 0 ? rest : rest.slice(0, slash);
  let target = slash < 0 ? '/' : rest.slice(slash);
  if (target.startsWith('?')) target = `/${target}`;
  const hostPort = authority.replace(/^.*@/, '');
  const pm = /^(.*?)(?::(\d+))?$/.exec(hostPort)!;
  const host = pm[1]!;
  const defaultPort = scheme === 'https' ? 443 : 80;
  const port = pm[2] ? Number(pm[2]) : defaultPort;
  return { scheme, host, port, target, hostHeader: port === defaultPort ? host : `${host}:${port}` };
}
