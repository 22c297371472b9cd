/**
 * `wget`: BusyBox's in busybox/alpine-based images (its progress bar and error words), GNU Wget on
 * nodes and the learner's machine. Same network path as curl (curl/exchange.ts).
 */
import type { CommandContext, LocationRef, CommandSpec } from '../shell/types';
import type { Emulator } from '../emulator';
import { podImage } from '../shell/location';
import { imageHasTool, isBusyboxApp } from '../apps/registry';
import { byteLength, header, reasonPhrase } from '../apps/http';
import { resolvePath } from '../shell/vfs';
import { fetchHttp } from './curl/exchange';
import { parseUrl } from './curl/options';

function hasWget(emulator: Emulator, location: LocationRef): boolean {
  if (location.kind === 'host' || location.kind === 'node') return true;
  const image = podImage(emulator, location);
  return !!image && imageHasTool(image, 'wget');
}

interface WgetOptions {
  quiet: boolean;
  output?: string;
  timeoutMs: number;
  url?: string;
}

function parse(args: readonly string[]): WgetOptions | { error: string } {
  const o: WgetOptions = { quiet: false, timeoutMs: 900_000 };
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === '-q' || a === '--quiet') o.quiet = true;
    else if (a === '-O') o.output = args[++i];
    else if (a.startsWith('-O')) o.output = a.slice(2);
    else if (a.startsWith('--output-document=')) o.output = a.slice('--output-document='.length);
    else if (a === '-qO-' || a === '-qO') {
      o.quiet = true;
      o.output = a === '-qO-' ? '-' : args[++i];
    } else if (a === '-T') o.timeoutMs = Number(args[++i]) * 1000;
    else if (a.startsWith('--timeout=')) o.timeoutMs = Number(a.slice('--timeout='.length)) * 1000;
    else if (a.startsWith('-')) return { error: a };
    else o.url = a;
  }
  return o;
}

/** BusyBox's progress line: name, percentage, bar, size, ETA. */
function busyboxBar(name: string, size: number): string {
  return `${name.padEnd(20).slice(0, 20)} 100% |${'*'.repeat(32)}| ${String(size).padStart(5)}  0:00:00 ETA\n`;
}

async function runWget(ctx: CommandContext): Promise<number> {
  const image = podImage(ctx.emulator, ctx.location);
  const busybox = image !== undefined && isBusyboxApp(image);
  const o = parse(ctx.argv.slice(1));
  if ('error' in o) {
    ctx.stderr.write(
      busybox
        ? `wget: unrecognized option '${o.error}'\n`
        : `wget: unrecognized option '${o.error}'\nUsage: wget [OPTION]... [URL]...\n\nTry \`wget --help' for more options.\n`,
    );
    return busybox ? 1 : 2;
  }
  if (!o.url) {
    ctx.stderr.write(
      busybox
        ? 'BusyBox v1.36.1 multi-call binary.\n\nUsage: wget [-cqS] [--spider] [-O FILE] [-o LOGFILE] [--header STR]\n'
        : "wget: missing URL\nUsage: wget [OPTION]... [URL]...\n\nTry `wget --help' for more options.\n",
    );
    return busybox ? 1 : 1;
  }
  const url = parseUrl(o.url.includes('://') ? o.url : `http://${o.url}`);
  if ('unsupported' in url) {
    ctx.stderr.write(
      busybox ? `wget: not an http or ftp url: ${o.url}\n` : `${o.url}: Unsupported scheme ‘${url.unsupported}’.\n`,
    );
    return 1;
  }
  const req = {
    method: 'GET',
    target: url.target,
    headers: [
      ['Host', url.hostHeader],
      ['User-Agent', busybox ? 'Wget' : 'Wget/1.21.4'],
      ['Accept', '*/*'],
      ['Connection', 'close'],
    ] as [string, string][],
    body: '',
  };
  const r = await fetchHttp(ctx, { host: url.host, port: url.port, tls: url.scheme === 'https' }, req, {
    connectTimeoutMs: o.timeoutMs,
  });
  const say = (s: string): void => {
    if (!o.quiet) ctx.stderr.write(s);
  };
  const name = o.output ?? (url.target.split('?')[0]!.split('/').pop() || 'index.html');
  const toStdout = name === '-';
  if (busybox) {
    if (r.kind === 'unresolved') {
      ctx.stderr.write(`wget: bad address '${url.host}'\n`);
      return 1;
    }
    say(`Connecting to ${url.hostHeader.includes(':') ? url.hostHeader : `${url.host}`} (${r.ip}:${url.port})\n`);
    if (r.kind === 'refused' || r.kind === 'unreachable') {
      ctx.stderr.write(
        `wget: can't connect to remote host (${r.ip}): ${r.kind === 'refused' ? 'Connection refused' : 'Host is unreachable'}\n`,
      );
      return 1;
    }
    if (r.kind !== 'connected') {
      ctx.stderr.write('wget: download timed out\n');
      return 1;
    }
    if (!r.response) {
      ctx.stderr.write('wget: error getting response: Connection reset by peer\n');
      return 1;
    }
    if (r.response.status >= 400) {
      ctx.stderr.write(
        `wget: server returned error: HTTP/1.1 ${r.response.status} ${reasonPhrase(r.response.status)}\n`,
      );
      return 1;
    }
    say(toStdout ? 'writing to stdout\n' : `saving to '${name}'\n`);
    if (toStdout) ctx.stdout.write(r.response.body);
    else ctx.emulator.files.write(ctx.location, resolvePath(ctx.cwd, name), r.response.body);
    say(busyboxBar(toStdout ? '-' : name, byteLength(r.response.body)));
    say(toStdout ? 'written to stdout\n' : `'${name}' saved\n`);
    return 0;
  }
  // GNU Wget: with -q nothing but the body; exit 4 for network failures, 8 for an HTTP error.
  if (r.kind === 'unresolved') {
    say(`wget: unable to resolve host address ‘${url.host}’\n`);
    return 4;
  }
  say(`Connecting to ${url.host}${url.host === r.ip ? '' : ` (${url.host})|${r.ip}|`}:${url.port}... `);
  if (r.kind !== 'connected') {
    say(
      r.kind === 'timeout'
        ? 'failed: Connection timed out.\nRetrying.\n\n'
        : `failed: ${r.kind === 'refused' ? 'Connection refused' : 'No route to host'}.\n`,
    );
    return 4;
  }
  say('connected.\nHTTP request sent, awaiting response... ');
  if (!r.response) {
    say('No data received.\n');
    return 4;
  }
  const res = r.response;
  say(`${res.status} ${reasonPhrase(res.status)}\n`);
  if (res.status >= 400) {
    say(
      `${new Date(ctx.emulator.clock.now()).toISOString().slice(0, 19).replace('T', ' ')} ERROR ${res.status}: ${reasonPhrase(res.status)}.\n\n`,
    );
    return 8;
  }
  const size = byteLength(res.body);
  say(
    `Length: ${header(res, 'Content-Length') ?? 'unspecified'} [${(header(res, 'Content-Type') ?? 'text/plain').split(';')[0]}]\nSaving to: ‘${toStdout ? 'STDOUT' : name}’\n\n`,
  );
  if (toStdout) ctx.stdout.write(res.body);
  else ctx.emulator.files.write(ctx.location, resolvePath(ctx.cwd, name), res.body);
  say(
    `${toStdout ? '-' : name}`.padEnd(20) +
      `100%[===================>] ${String(size).padStart(7)}  --.-KB/s    in 0s      \n\n`,
  );
  say(
    `${new Date(ctx.emulator.clock.now()).toISOString().slice(0, 19).replace('T', ' ')} - ‘${toStdout ? '-' : name}’ saved [${size}/${size}]\n\n`,
  );
  return 0;
}

export const wgetCommand: CommandSpec = {
  name: 'wget',
  summary: 'non-interactive network downloader',
  usage: 'wget [-q] [-O FILE|-] [-T SECONDS] URL',
  availableIn: ({ emulator, location }) => hasWget(emulator, location),
  run: runWget,
};
