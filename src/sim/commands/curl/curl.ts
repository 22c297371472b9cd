/**
 * `curl` (8.x in pods and on the learner's machine, 7.88 on kind's Debian nodes): HTTP/1.1 over the
 * emulated data plane. The SYN walks every hook, conntrack and NAT to the app that listens where it
 * lands; the body goes to stdout; errors use curl's own words and exit codes.
 */
import type { CommandContext, LocationRef, CommandSpec } from '../../shell/types';
import type { Emulator } from '../../emulator';
import { podImage } from '../../shell/location';
import { imageHasTool } from '../../apps/registry';
import { byteLength, header, reasonPhrase, type HttpRequest, type HttpResponse } from '../../apps/http';
import { fetchHttp, keepsAlive, type FetchResult, type LiveConnection } from './exchange';
import { parseCurlArgs, parseUrl, type CurlOptions, type ParsedUrl } from './options';
import { progressMeter } from './meter';
import { readFileText, resolvePath } from '../../shell/vfs';
import type { TlsClientOptions } from '../../pki/tls';

/** The curl version at a location: netshoot's, Ubuntu 24.04's on the learner's machine, Debian bookworm's on kind nodes. */
export function curlVersionAt(loc: LocationRef): string {
  if (loc.kind === 'node') return '7.88.1';
  if (loc.kind === 'host') return '8.5.0';
  return '8.7.1';
}

/** Whether the location has a curl binary (kind nodes and the host do; pods by image). */
export function hasCurl(emulator: Emulator, location: LocationRef): boolean {
  if (location.kind === 'host' || location.kind === 'node') return true;
  const image = podImage(emulator, location);
  return !!image && imageHasTool(image, 'curl');
}

interface Transfer {
  url: ParsedUrl;
  result: FetchResult;
  request: HttpRequest;
}

function buildRequest(opts: CurlOptions, url: ParsedUrl, version: string): HttpRequest {
  const method = opts.method ?? (opts.head ? 'HEAD' : opts.data !== undefined ? 'POST' : 'GET');
  const base: [string, string][] = [
    ['Host', url.hostHeader],
    ['User-Agent', opts.userAgent ?? `curl/${version}`],
    ['Accept', '*/*'],
  ];
  if (opts.data !== undefined)
    base.push(['Content-Length', String(byteLength(opts.data))], ['Content-Type', 'application/x-www-form-urlencoded']);
  // -H replaces a default header of the same name (an empty value removes it) or adds one.
  for (const [n, v] of opts.headers) {
    const i = base.findIndex(([k]) => k.toLowerCase() === n.toLowerCase());
    if (i >= 0) base.splice(i, 1);
    if (v !== '') base.push([n, v]);
  }
  return { method, target: url.target, headers: base, body: opts.data ?? '' };
}

function statusLine(res: HttpResponse): string {
  return `HTTP/1.1 ${res.status} ${reasonPhrase(res.status)}`;
}

/** The failure line curl prints (without the `curl: ` prefix) and its exit code, or undefined on success. */
function failure(t: Transfer, opts: CurlOptions): { code: number; text: string } | undefined {
  const r = t.result;
  const ms = Math.floor(r.elapsedMs);
  const where = `${t.url.host} port ${t.url.port}`;
  switch (r.kind) {
    case 'unresolved':
      return { code: 6, text: `Could not resolve host: ${t.url.host}` };
    case 'refused':
    case 'unreachable':
      return { code: 7, text: `Failed to connect to ${where} after ${ms} ms: Couldn't connect to server` };
    case 'timeout':
      if (r.limit === 'max') return { code: 28, text: `Connection timed out after ${ms} milliseconds` };
      if (r.limit === 'connect')
        return { code: 28, text: `Failed to connect to ${where} after ${ms} ms: Timeout was reached` };
      return { code: 28, text: `Failed to connect to ${where} after ${ms} ms: Couldn't connect to server` }; // UNCONFIRMED: the kernel's own SYN timeout
    case 'connected':
      if (r.tlsError) return { code: 35, text: 'OpenSSL/3.3.2: error:0A00010B:SSL routines::wrong version number' };
      if (r.tlsFailure) return r.tlsFailure;
      if (!r.response) return { code: 52, text: 'Empty reply from server' };
      if (opts.fail && r.response.status >= 400)
        return { code: 22, text: `The requested URL returned error: ${r.response.status}` };
      return undefined;
  }
}

const SSL_HELP = `More details here: https://curl.se/docs/sslcerts.html

curl failed to verify the legitimacy of the server and therefore could not
establish a secure connection to it. To learn more about this situation and
how to fix it, please visit the webpage mentioned above.
`;

/** `-w` text with %{variables} and backslash escapes expanded. */
function writeOut(format: string, t: Transfer, code: number): { text: string; warnings: string } {
  const r = t.result;
  const res = r.kind === 'connected' ? r.response : undefined;
  const secs = (ms: number): string => (ms / 1000).toFixed(6);
  const total = r.elapsedMs;
  let warnings = '';
  const vars: Record<string, string> = {
    http_code: String(res?.status ?? 0).padStart(3, '0'),
    response_code: String(res?.status ?? 0).padStart(3, '0'),
    remote_ip: r.kind === 'unresolved' ? '' : r.ip,
    remote_port: r.kind === 'connected' ? String(t.url.port) : '',
    local_ip: r.kind === 'connected' ? r.localIp : '',
    local_port: r.kind === 'connected' ? String(r.localPort) : '',
    time_total: secs(total),
    time_connect: secs(r.kind === 'connected' ? r.connectMs : 0),
    time_namelookup: secs(0),
    time_starttransfer: secs(r.kind === 'connected' && res ? total : 0),
    size_download: String(res && t.request.method !== 'HEAD' ? byteLength(res.body) : 0),
    size_header: String(
      res ? byteLength(`${statusLine(res)}\r\n${res.headers.map(([n, v]) => `${n}: ${v}\r\n`).join('')}\r\n`) : 0,
    ),
    url_effective: `${t.url.scheme}://${t.url.hostHeader}${t.url.target}`,
    content_type: (res && header(res, 'Content-Type')) ?? '',
    exitcode: String(code),
    scheme: t.url.scheme,
    num_connects: r.kind === 'connected' && !r.reused ? '1' : '0',
  };
  const text = format
    .replace(/%\{([a-z_]+)\}/g, (m, name: string) => {
      const v = vars[name];
      if (v === undefined) {
        warnings += `curl: unknown --write-out variable: '${name}'\n`;
        return '';
      }
      return v;
    })
    .replace(/\\([nrt\\])/g, (_m, c: string) => (c === 'n' ? '\n' : c === 'r' ? '\r' : c === 't' ? '\t' : '\\'));
  return { text, warnings };
}

function verboseRequest(t: Transfer, version: string, bundle: string): string {
  const r = t.result;
  if (r.kind === 'unresolved') return '';
  let s = '';
  if (r.kind === 'connected' && r.reused) {
    // url.c ConnectionExists, then the reuse notice (8.x dropped the #0 from it).
    s += `* Found bundle for host: ${bundle} [serially]\n* Can not multiplex, even if we wanted to\n`;
    s += version.startsWith('7.')
      ? `* Re-using existing connection #0 with host ${t.url.host}\n`
      : `* Re-using existing connection with host ${t.url.host}\n`;
    s += `> ${t.request.method} ${t.request.target} HTTP/1.1\r\n${t.request.headers.map(([n, v]) => `> ${n}: ${v}\r\n`).join('')}> \r\n`;
    if (!version.startsWith('7.')) s += '* Request completely sent off\n';
    return s;
  }
  if (t.url.host !== r.ip && !version.startsWith('7.'))
    s += `* Host ${t.url.host}:${t.url.port} was resolved.\n* IPv6: (none)\n* IPv4: ${r.ip}\n`;
  s += `*   Trying ${r.ip}:${t.url.port}...\n`;
  if (r.kind !== 'connected') return s;
  s += `* Connected to ${t.url.host} (${r.ip}) port ${t.url.port}${version.startsWith('7.') ? ' (#0)' : ''}\n`;
  s += `> ${t.request.method} ${t.request.target} HTTP/1.1\r\n${t.request.headers.map(([n, v]) => `> ${n}: ${v}\r\n`).join('')}> \r\n`;
  if (!version.startsWith('7.')) s += '* Request completely sent off\n';
  return s;
}

/** -k, --cacert, --cert and --key, with the files they name read at this location (null: missing). */
function tlsOptions(ctx: CommandContext, opts: CurlOptions): TlsClientOptions {
  const read = (p: string) => readFileText(ctx.emulator.files, ctx.location, resolvePath(ctx.cwd, p)) ?? null;
  return {
    insecure: opts.insecure,
    ...(opts.cacert !== undefined ? { caFile: { path: opts.cacert, text: read(opts.cacert) } } : {}),
    ...(opts.cert !== undefined
      ? {
          clientCert: {
            path: opts.cert,
            text: read(opts.cert),
            keyPath: opts.key ?? opts.cert,
            keyText: read(opts.key ?? opts.cert),
          },
        }
      : {}),
  };
}

async function runCurl(ctx: CommandContext): Promise<number> {
  const parsed = parseCurlArgs(ctx.argv.slice(1));
  if (!parsed.ok) {
    ctx.stderr.write(parsed.message);
    return parsed.code;
  }
  const opts = parsed.opts;
  const version = curlVersionAt(ctx.location);
  const showErrors = !opts.silent || opts.showError;
  if (opts.urls.length === 0) {
    ctx.stderr.write("curl: no URL specified\ncurl: try 'curl --help' or 'curl --manual' for more information\n");
    return 2;
  }
  let code = 0;
  // curl keeps the connection of a transfer open for the next URL to the same scheme, host and port.
  let live: { key: string; conn: LiveConnection } | undefined;
  let bundle = '';
  for (const raw of opts.urls) {
    const url = parseUrl(raw);
    if ('unsupported' in url) {
      if (showErrors) ctx.stderr.write(`curl: (1) Protocol "${url.unsupported}" not supported\n`);
      code = 1;
      continue;
    }
    const request = buildRequest(opts, url, version);
    const key = `${url.scheme}://${url.host}:${url.port}`;
    const reuse = live?.key === key ? live.conn : undefined;
    const result = await fetchHttp(
      ctx,
      { host: url.host, port: url.port, tls: url.scheme === 'https', tlsOptions: tlsOptions(ctx, opts) },
      request,
      { connectTimeoutMs: opts.connectTimeoutMs, maxTimeMs: opts.maxTimeMs },
      reuse,
    );
    const t: Transfer = { url, result, request };
    const failed = failure(t, opts);
    live =
      !failed && result.kind === 'connected' && result.connection && keepsAlive(result.response)
        ? { key, conn: result.connection }
        : undefined;
    if (reuse && opts.verbose && !bundle)
      bundle = `0x55${Math.floor(ctx.emulator.rng.next() * 0x10000000000)
        .toString(16)
        .padStart(10, '0')}`;
    const res = result.kind === 'connected' && !failed ? result.response : undefined;
    if (opts.verbose) ctx.stderr.write(verboseRequest(t, version, bundle));
    const body = res && request.method !== 'HEAD' ? res.body : '';
    const head = res ? `${statusLine(res)}\r\n${res.headers.map(([n, v]) => `${n}: ${v}\r\n`).join('')}\r\n` : '';
    if (opts.verbose && res)
      ctx.stderr.write(
        head
          .split('\r\n')
          .slice(0, -1)
          .map((l) => `< ${l}\r\n`)
          .join(''),
      );
    const meter = !opts.silent && !opts.verbose && (opts.output !== undefined || !ctx.isTTY);
    if (meter)
      ctx.stderr.write(
        progressMeter(
          byteLength(body),
          res
            ? Number(header(res, 'Content-Length') ?? NaN) || (header(res, 'Content-Length') === '0' ? 0 : undefined)
            : undefined,
          result.elapsedMs,
        ),
      );
    const shown = (opts.head || opts.include ? head : '') + body;
    if (opts.output !== undefined && res) {
      const err = ctx.emulator.files.write(ctx.location, resolvePath(ctx.cwd, opts.output), shown);
      if (err) {
        if (showErrors) ctx.stderr.write(`curl: (23) Failure writing output to destination\n`);
        code = 23;
        continue;
      }
    } else if (res) ctx.stdout.write(shown);
    if (opts.verbose) {
      if (failed && result.kind === 'refused')
        ctx.stderr.write(
          `* connect to ${result.ip} port ${url.port}${result.local ? ` from ${result.local.ip} port ${result.local.port}` : ''} failed: Connection refused\n`,
        );
      if (failed) ctx.stderr.write(`* ${failed.text}\n* Closing connection${version.startsWith('7.') ? ' 0' : ''}\n`);
      else ctx.stderr.write(`* Connection #0 to host ${url.host} left intact\n`);
    }
    if (failed) {
      if (showErrors) ctx.stderr.write(`curl: (${failed.code}) ${failed.text}\n${failed.code === 60 ? SSL_HELP : ''}`);
      code = failed.code;
    }
    if (opts.writeOut !== undefined) {
      const w = writeOut(opts.writeOut, t, failed?.code ?? 0);
      ctx.stderr.write(w.warnings);
      ctx.stdout.write(w.text);
    }
  }
  return code;
}

export const curlCommand: CommandSpec = {
  name: 'curl',
  summary: 'transfer a URL',
  usage: 'curl [options...] <url>',
  availableIn: ({ emulator, location }) => hasCurl(emulator, location),
  flags: [
    { names: ['-s', '--silent'], description: 'Silent mode' },
    { names: ['-v', '--verbose'], description: 'Make the operation more talkative' },
    { names: ['-I', '--head'], description: 'Show document info only' },
    { names: ['-o', '--output'], value: true, description: 'Write to file instead of stdout' },
    { names: ['-w', '--write-out'], value: true, description: 'Use output FORMAT after completion' },
    { names: ['--connect-timeout'], value: true, description: 'Maximum time allowed for connection' },
    { names: ['-m', '--max-time'], value: true, description: 'Maximum time allowed for transfer' },
    { names: ['-k', '--insecure'], description: 'Allow insecure server connections' },
    { names: ['--cacert'], value: true, description: 'CA certificate to verify peer against' },
    { names: ['-E', '--cert'], value: true, description: 'Client certificate file and password' },
    { names: ['--key'], value: true, description: 'Private key file name' },
  ],
  run: runCurl,
};
