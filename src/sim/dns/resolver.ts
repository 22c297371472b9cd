/**
 * The stub resolver in every libc (and in dig/nslookup's own code): which names to try for what the
 * user typed (search list, ndots, trailing dot), which nameserver to ask, and when to stop. It
 * returns every query it made, so the tools can print what they print about each one, and
 * `resolveHost` gives curl, ping and getent one address the way getaddrinfo does.
 */
import type { Emulator } from '../emulator';
import type { LocationRef } from '../shell/types';
import type { DnsQuestion, RRType } from './message';
import { fqdn, isIPv4 } from './names';
import { ndotsOf, parseResolvConf, type ResolvConf } from './resolvconf';
import { clusterTransport, type DnsReply, type DnsTransport } from './transport';

/** One query sent (to each nameserver in turn until one answered) and what came back. */
export interface QueryAttempt {
  question: DnsQuestion;
  /** The nameserver that answered, or the last one tried. */
  server: string;
  reply: DnsReply;
}

/**
 * The names to try, fully qualified, in order (resolv.conf(5)): a trailing dot means absolute; with
 * at least `ndots` dots the name goes first and then the search list; with fewer the search list
 * comes first and the name as typed last. musl never appends the search list to a name it has
 * already tried as-is.
 */
export function searchCandidates(name: string, conf: ResolvConf, libc: 'glibc' | 'musl' = 'glibc'): string[] {
  if (name.endsWith('.')) return [fqdn(name)];
  const dots = (name.match(/\./g) ?? []).length;
  const searched = conf.search.map((d) => fqdn(`${name}.${d.replace(/\.$/, '')}`));
  if (dots >= ndotsOf(conf)) return libc === 'musl' ? [fqdn(name)] : [fqdn(name), ...searched];
  return [...searched, fqdn(name)];
}

/** The resolv.conf in force at a location (the file as the location's filesystem serves it). */
export function resolvConfAt(emu: Emulator, loc: LocationRef): ResolvConf {
  const text = emu.files.read(loc, '/etc/resolv.conf');
  return parseResolvConf(typeof text === 'string' ? text : '');
}

/** Ask the nameservers in order until one answers (a timeout or refusal moves on to the next). */
export function queryServers(
  transport: DnsTransport,
  from: LocationRef,
  servers: string[],
  question: DnsQuestion,
  port = 53,
): QueryAttempt {
  let last: QueryAttempt = { question, server: servers[0] ?? '127.0.0.1', reply: { kind: 'refused' } };
  for (const server of servers.length ? servers : ['127.0.0.1']) {
    last = { question, server, reply: transport(from, server, port, question) };
    if (last.reply.kind === 'reply') return last;
  }
  return last;
}

/**
 * bind's dighost search (dig +search, nslookup, host): ask one server for each candidate in turn and
 * move on only after NXDOMAIN; any other reply, or no reply, ends it. `onReply` sees every attempt.
 */
export function bindSearch(
  transport: DnsTransport,
  from: LocationRef,
  server: string,
  names: string[],
  type: RRType,
  port = 53,
  onReply?: (a: QueryAttempt) => void,
  edns = false,
): QueryAttempt | undefined {
  let last: QueryAttempt | undefined;
  for (const name of names) {
    last = queryServers(transport, from, [server], edns ? { name, type, edns } : { name, type }, port);
    onReply?.(last);
    if (last.reply.kind !== 'reply' || last.reply.response.rcode !== 'NXDOMAIN') break;
  }
  return last;
}

/** How a search ended: an answer, no such name anywhere, no data of that type, or no server reached. */
export type LookupStatus = 'found' | 'NXDOMAIN' | 'NODATA' | 'SERVFAIL' | 'TIMEOUT' | 'REFUSED';

export interface SearchResult {
  status: LookupStatus;
  attempts: QueryAttempt[];
  /** The attempt that ended the search. */
  final?: QueryAttempt;
}

function statusOf(a: QueryAttempt): LookupStatus {
  if (a.reply.kind === 'timeout') return 'TIMEOUT';
  if (a.reply.kind === 'refused') return 'REFUSED';
  const r = a.reply.response;
  if (r.rcode === 'NXDOMAIN') return 'NXDOMAIN';
  if (r.rcode === 'SERVFAIL') return 'SERVFAIL';
  if (r.rcode !== 'NOERROR') return 'REFUSED';
  return r.answer.some((rr) => rr.rdata.type === a.question.type || a.question.type === 'ANY') ? 'found' : 'NODATA';
}

/**
 * glibc's res_search: try each candidate until one has data; NXDOMAIN, NODATA and SERVFAIL move on
 * to the next candidate, an unreachable server ends the search (TRY_AGAIN).
 */
export function searchName(
  emu: Emulator,
  from: LocationRef,
  name: string,
  type: RRType,
  opts: { conf?: ResolvConf; transport?: DnsTransport; libc?: 'glibc' | 'musl' } = {},
): SearchResult {
  const conf = opts.conf ?? resolvConfAt(emu, from);
  const transport = opts.transport ?? clusterTransport(emu);
  const attempts: QueryAttempt[] = [];
  let best: LookupStatus = 'NXDOMAIN';
  for (const cand of searchCandidates(name, conf, opts.libc)) {
    const a = queryServers(transport, from, conf.nameservers, { name: cand, type });
    attempts.push(a);
    const st = statusOf(a);
    if (st === 'found' || st === 'TIMEOUT' || st === 'REFUSED') return { status: st, attempts, final: a };
    if (st === 'NODATA' || (st === 'SERVFAIL' && best === 'NXDOMAIN')) best = st;
  }
  return { status: best, attempts, final: attempts[attempts.length - 1] };
}

/** /etc/hosts at a location: address for a name (first match, case-insensitive), and all names of a line. */
export function hostsLookup(
  emu: Emulator,
  loc: LocationRef,
  name: string,
): { address: string; names: string[] } | undefined {
  const text = emu.files.read(loc, '/etc/hosts');
  if (typeof text !== 'string') return undefined;
  const want = name.toLowerCase().replace(/\.$/, '');
  for (const line of text.split('\n')) {
    const f = line.replace(/#.*$/, '').trim().split(/\s+/).filter(Boolean);
    if (f.length < 2 || !isIPv4(f[0]!)) continue;
    if (f.slice(1).some((n) => n.toLowerCase() === want)) return { address: f[0]!, names: f.slice(1) };
  }
  return undefined;
}

/** Why a name did not resolve, in getaddrinfo's terms. */
export type ResolveError = 'NXDOMAIN' | 'NODATA' | 'TIMEOUT' | 'REFUSED' | 'SERVFAIL';

export interface HostResolution {
  /** The first IPv4 address, when the name resolved. */
  address?: string;
  /** Every IPv4 address of the answer, in answer order. */
  addresses: string[];
  /** The canonical name (after CNAMEs), without the trailing dot. */
  canonicalName?: string;
  error?: ResolveError;
  /** The fully qualified names queried, in order (empty for /etc/hosts hits and literal addresses). */
  tried: string[];
  /** Virtual milliseconds the lookup took (resolver timeouts: 5 s per try, 2 tries per server). */
  elapsedMs: number;
  /** Where the answer came from. */
  source?: 'literal' | 'hosts' | 'dns';
}

/** glibc's defaults: RES_TIMEOUT 5 s, RES_DFLRETRY 2. */
export const RESOLVER_TIMEOUT_MS = 5000;
export const RESOLVER_ATTEMPTS = 2;

/**
 * Resolve a host name the way getaddrinfo does for curl, ping, wget and getent: a literal address,
 * then /etc/hosts, then DNS through the location's resolv.conf (search list and ndots). Does not
 * move the clock: callers that wait add `elapsedMs` themselves.
 */
export function resolveHost(
  emu: Emulator,
  location: LocationRef,
  name: string,
  opts: { libc?: 'glibc' | 'musl'; transport?: DnsTransport } = {},
): HostResolution {
  if (isIPv4(name)) return { address: name, addresses: [name], tried: [], elapsedMs: 0, source: 'literal' };
  const hosts = hostsLookup(emu, location, name);
  if (hosts)
    return {
      address: hosts.address,
      addresses: [hosts.address],
      canonicalName: hosts.names[0],
      tried: [],
      elapsedMs: 0,
      source: 'hosts',
    };
  const conf = resolvConfAt(emu, location);
  const res = searchName(emu, location, name, 'A', { conf, transport: opts.transport, libc: opts.libc });
  const tried = res.attempts.map((a) => a.question.name.replace(/\.$/, ''));
  const timeouts = res.attempts.filter((a) => a.reply.kind === 'timeout').length;
  const elapsedMs = timeouts * RESOLVER_TIMEOUT_MS * RESOLVER_ATTEMPTS * Math.max(1, conf.nameservers.length);
  if (res.status !== 'found' || !res.final || res.final.reply.kind !== 'reply') {
    const error: ResolveError = res.status === 'found' ? 'NODATA' : res.status;
    return { addresses: [], error, tried, elapsedMs };
  }
  const answer = res.final.reply.response.answer;
  const addresses = answer.flatMap((rr) => (rr.rdata.type === 'A' ? [rr.rdata.address] : []));
  const lastA = answer.find((rr) => rr.rdata.type === 'A');
  return {
    address: addresses[0],
    addresses,
    canonicalName: (lastA?.name ?? res.final.question.name).replace(/\.$/, ''),
    tried,
    elapsedMs,
    source: 'dns',
  };
}
