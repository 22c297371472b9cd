/**
 * `dig` (bind 9.18): one query (or a `+search` walk) to the location's first nameserver or `@server`,
 * printed in dig's full layout (header, flags, OPT pseudosection, sections, stats), `+short`, or the
 * sections picked with `+noall +answer`. Reference 1.5.
 */
import type { CommandContext, CommandSpec } from '../../shell/types';
import { wireSize, rdataText, RR_TYPE_CODES, type DnsResponse, type RRType } from '../../dns/message';
import { fqdn, isIPv4, reverseName } from '../../dns/names';
import { bindSearch, resolveHost, resolvConfAt, searchCandidates } from '../../dns/resolver';
import { clusterTransport } from '../../dns/transport';
import { dnsToolsAt } from './images';
import { formatQuestion, formatRecord } from './zonefmt';
import { BIND_TIMEOUT_MS, BIND_TRIES, BIND_VERSION, communicationsErrors, digDate } from './common';

const USAGE = `Usage:  dig [@global-server] [domain] [q-type] [q-class] {q-opt}
            {global-d-opt} host [@local-server] {local-d-opt}
            [ host [@local-server] {local-d-opt} [...]]

Use "dig -h" (or "dig -h | more") for complete list of options
`;

interface DigOptions {
  server?: string;
  port: number;
  name?: string;
  type: RRType;
  short: boolean;
  search: boolean;
  recurse: boolean;
  edns: boolean;
  tries: number;
  timeoutMs: number;
  show: {
    cmd: boolean;
    comments: boolean;
    question: boolean;
    answer: boolean;
    authority: boolean;
    additional: boolean;
    stats: boolean;
  };
}

const TYPES = Object.keys(RR_TYPE_CODES) as RRType[];

function parseType(text: string): RRType | undefined {
  const t = text.toUpperCase();
  return (TYPES as string[]).includes(t) ? (t as RRType) : undefined;
}

type Parsed = { ok: true; opts: DigOptions } | { ok: false; stderr: string; code: number };

/** Parse dig's command line: `@server`, `-t`, `-x`, `-p`, type and class words, `+[no]option`. */
export function parseDigArgs(args: readonly string[]): Parsed {
  const opts: DigOptions = {
    port: 53,
    type: 'A',
    short: false,
    search: false,
    recurse: true,
    edns: true,
    tries: BIND_TRIES,
    timeoutMs: BIND_TIMEOUT_MS,
    show: { cmd: true, comments: true, question: true, answer: true, authority: true, additional: true, stats: true },
  };
  let typeGiven = false;
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a.startsWith('@')) opts.server = a.slice(1);
    else if (a.startsWith('+')) {
      const m = /^\+(no)?([a-z]+)(?:=(.*))?$/.exec(a);
      const on = !m?.[1];
      const key = m?.[2] ?? '';
      const value = m?.[3];
      if (['all', 'answer', 'authority', 'additional', 'question', 'comments', 'cmd', 'stats'].includes(key)) {
        if (key === 'all') for (const k of Object.keys(opts.show) as (keyof DigOptions['show'])[]) opts.show[k] = on;
        else opts.show[key as keyof DigOptions['show']] = on;
      } else if (key === 'short') opts.short = on;
      else if (key === 'search') opts.search = on;
      else if (key === 'recurse') opts.recurse = on;
      else if (key === 'edns') opts.edns = on;
      else if (key === 'tries' && value && /^\d+$/.test(value)) opts.tries = Math.max(1, Number(value));
      else if (key === 'retry' && value && /^\d+$/.test(value)) opts.tries = Number(value) + 1;
      else if (key === 'time' && value && /^\d+$/.test(value)) opts.timeoutMs = Math.max(1, Number(value)) * 1000;
      else if (
        ['tcp', 'vc', 'cookie', 'showsearch', 'ttlid', 'class', 'identify', 'multiline', 'nssearch', 'trace'].includes(
          key,
        )
      ) {
        if (on && (key === 'trace' || key === 'nssearch' || key === 'multiline'))
          return { ok: false, stderr: `netlab: dig +${key} is not emulated\n`, code: 1 };
      } else return { ok: false, stderr: `Invalid option: ${a}\n${USAGE}`, code: 1 };
    } else if (a === '-t' || a === '-x' || a === '-p' || a === '-q' || a === '-c') {
      const v = args[++i];
      if (v === undefined)
        return { ok: false, stderr: `dig: option requires an argument -- '${a.slice(1)}'\n${USAGE}`, code: 1 };
      if (a === '-t') {
        const t = parseType(v);
        if (!t) return { ok: false, stderr: `dig: invalid type: ${v}\n`, code: 1 };
        opts.type = t;
        typeGiven = true;
      } else if (a === '-x') {
        if (!isIPv4(v)) return { ok: false, stderr: `dig: '${v}' is not a legal IPv4 address\n`, code: 10 };
        opts.name = reverseName(v);
        if (!typeGiven) opts.type = 'PTR';
      } else if (a === '-p') opts.port = Number(v);
      else if (a === '-q') opts.name = v;
    } else if (a === '-4' || a === '-6' || a === '-u' || a === '-m') {
      // accepted, no effect here
    } else if (a.startsWith('-')) return { ok: false, stderr: `Invalid option: ${a}\n${USAGE}`, code: 1 };
    else if (!opts.name && parseType(a) === undefined && a.toUpperCase() !== 'IN') opts.name = a;
    else if (parseType(a) && !typeGiven && (opts.name !== undefined || i + 1 < args.length)) {
      opts.type = parseType(a)!;
      typeGiven = true;
    } else if (a.toUpperCase() === 'IN') {
      // the only class emulated
    } else if (!opts.name) opts.name = a;
  }
  if (opts.short) {
    opts.show = {
      cmd: false,
      comments: false,
      question: false,
      answer: true,
      authority: false,
      additional: false,
      stats: false,
    };
  }
  return { ok: true, opts };
}

function section(title: string, rrs: DnsResponse['answer'], comments: boolean): string {
  if (!rrs.length) return '';
  return `${comments ? `;; ${title} SECTION:\n` : ''}${rrs.map((r) => `${formatRecord(r)}\n`).join('')}${comments ? '\n' : ''}`;
}

/** dig's full printout of one reply. */
export function formatDigReply(
  o: DigOptions,
  r: DnsResponse,
  extra: { id: number; cookie: string; queryMs: number; server: string; when: number },
): string {
  const s = o.show;
  let out = '';
  if (s.comments) {
    out += ';; Got answer:\n';
    if (/\.local\.$/.test(r.question.name))
      out +=
        ';; WARNING: .local is reserved for Multicast DNS\n;; You are currently testing what happens when an mDNS query is leaked to DNS\n';
    out += `;; ->>HEADER<<- opcode: QUERY, status: ${r.rcode}, id: ${extra.id}\n`;
    const flags = ['qr', ...(r.aa ? ['aa'] : []), ...(o.recurse ? ['rd'] : []), ...(r.ra ? ['ra'] : [])].join(' ');
    out += `;; flags: ${flags}; QUERY: 1, ANSWER: ${r.answer.length}, AUTHORITY: ${r.authority.length}, ADDITIONAL: ${r.additional.length + (o.edns ? 1 : 0)}\n`;
    if (o.recurse && !r.ra) out += ';; WARNING: recursion requested but not available\n';
    out += '\n';
    if (o.edns)
      out += `;; OPT PSEUDOSECTION:\n; EDNS: version: 0, flags:; udp: 1232\n; COOKIE: ${extra.cookie} (echoed)\n`;
  }
  if (s.question)
    out += `${s.comments ? ';; QUESTION SECTION:\n' : ''}${formatQuestion(r.question)}\n${s.comments ? '\n' : ''}`;
  if (s.answer) out += section('ANSWER', r.answer, s.comments);
  if (s.authority) out += section('AUTHORITY', r.authority, s.comments);
  if (s.additional) out += section('ADDITIONAL', r.additional, s.comments);
  if (s.stats) {
    out += `;; Query time: ${extra.queryMs} msec\n;; SERVER: ${extra.server}#${o.port}(${extra.server}) (UDP)\n;; WHEN: ${digDate(extra.when)}\n;; MSG SIZE  rcvd: ${wireSize(r, o.edns ? 12 : undefined)}\n\n`;
  }
  return out;
}

function runDig(ctx: CommandContext): number {
  const emu = ctx.emulator;
  const parsed = parseDigArgs(ctx.argv.slice(1));
  if (!parsed.ok) {
    ctx.stderr.write(parsed.stderr);
    return parsed.code;
  }
  const o = parsed.opts;
  if (o.name === undefined) {
    ctx.stderr.write('netlab: dig without a name (the root servers query) is not emulated\n');
    return 1;
  }
  const conf = resolvConfAt(emu, ctx.location);
  // `@name` is looked up with the system resolver first, as dig does.
  const serverAddr = o.server && !isIPv4(o.server) ? resolveHost(emu, ctx.location, o.server).address : o.server;
  if (o.server && !serverAddr) {
    ctx.stderr.write(`dig: couldn't get address for '${o.server}': not found\n`);
    return 10;
  }
  const server = serverAddr ?? conf.nameservers[0] ?? '127.0.0.1';
  const transport = clusterTransport(emu);
  const names = o.search ? searchCandidates(o.name, conf) : [fqdn(o.name)];
  const banner = `\n; <<>> DiG ${BIND_VERSION} <<>> ${ctx.argv.slice(1).join(' ')}\n${o.server ? '; (1 server found)\n' : ''};; global options:${o.short ? ' +short' : ''} +cmd\n`;
  const last = bindSearch(transport, ctx.location, server, names, o.type, o.port, undefined, o.edns);
  if (!last || last.reply.kind !== 'reply') {
    ctx.stdout.write(communicationsErrors(emu, server, o.port, last?.reply.kind === 'refused', o.tries, o.timeoutMs));
    ctx.stdout.write(`${o.show.cmd ? banner : ''};; no servers could be reached\n`);
    return 9;
  }
  const r = last.reply.response;
  if (o.short) {
    ctx.stdout.write(r.answer.map((rr) => `${rdataText(rr.rdata)}\n`).join(''));
    return 0;
  }
  const id = emu.rng.int(65536);
  const cookie = emu.rng.string('0123456789abcdef', 16);
  // CoreDNS answers its own zones from memory; forwarded names pay the upstream round trip.
  const queryMs = r.aa ? emu.rng.int(2) : 3 + emu.rng.int(25);
  ctx.stdout.write(
    (o.show.cmd ? banner : '') + formatDigReply(o, r, { id, cookie, queryMs, server, when: emu.clock.now() }),
  );
  return 0;
}

export const digCommand: CommandSpec = {
  name: 'dig',
  summary: 'DNS lookup utility (bind 9.18)',
  usage: USAGE,
  availableIn: ({ emulator, location }) => dnsToolsAt(emulator, location).bind,
  run: runDig,
};
