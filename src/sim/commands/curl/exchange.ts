/**
 * One HTTP request from a shell location, as curl and wget make it: resolve the host, walk the SYN
 * through the data plane (routing, every hook, conntrack, NAT), wait as the kernel waits when it is
 * dropped, and hand the request to the app that listens where it arrived.
 */
import type { Emulator } from '../../emulator';
import type { CommandContext, LocationRef } from '../../shell/types';
import { netnsNameFor } from '../../net/locate';
import { type Exchange } from '../../net/walk';
import { formatIp, parseIp } from '../../net/addr';
import { resolveHost } from '../../dns/resolver';
import { serveHttp } from '../../apps/serve';
import { APISERVER_PORT, isApiServerSocket } from '../../apps/apiserver';
import { header, type HttpRequest, type HttpResponse } from '../../apps/http';
import type { Packet } from '../../net/packet';
import type { DataPlane } from '../../net/dataplane';
import { clusterPki, pkiSourceOf } from '../../pki/cluster';
import { apiServerHandshake, type TlsClientOptions } from '../../pki/tls';
import { listeningProxy, serveThroughProxy } from '../kubectl/proxy';

/** Linux gives up on an unanswered SYN after tcp_syn_retries=6: 1+2+4+8+16+32+64 s. */
export const KERNEL_SYN_TIMEOUT_MS = 127_000;

export interface Target {
  host: string;
  port: number;
  tls: boolean;
  /** The client's side of the certificate checks (curl's -k, --cacert, --cert, --key). */
  tlsOptions?: TlsClientOptions;
}

export interface FetchLimits {
  connectTimeoutMs?: number;
  maxTimeMs?: number;
}

export type FetchResult =
  | { kind: 'unresolved'; elapsedMs: number }
  /** Refused (RST or ICMP unreachable) or unreachable; `local` is the client's address:port the attempt left from. */
  | { kind: 'refused' | 'unreachable'; ip: string; elapsedMs: number; local?: { ip: string; port: number } }
  /** No answer: `limit` says which timer ran out (curl's --connect-timeout, -m, or the kernel's SYN retries). */
  | { kind: 'timeout'; ip: string; elapsedMs: number; limit: 'connect' | 'max' | 'kernel' }
  /** Connected; the app answered (`response`) or closed without a word (`empty`); `tls` when TLS failed. */
  | {
      kind: 'connected';
      ip: string;
      localIp: string;
      localPort: number;
      /** The connection, for the next request to the same host and port (none through `kubectl proxy`). */
      connection?: LiveConnection;
      /** Sent over a connection an earlier request had opened. */
      reused?: boolean;
      response?: HttpResponse;
      tlsError?: 'wrong-version';
      /** The TLS handshake with kube-apiserver failed (curl's error code and text). */
      tlsFailure?: { code: number; text: string };
      /** kube-apiserver answered (its certificate is the cluster CA's). */ apiserver?: boolean;
      elapsedMs: number;
      connectMs: number;
    };

/**
 * Where docker-proxy forwards a connection to a port kind published on the learner's machine: the
 * API server port of `kind create cluster` (127.0.0.1:PORT in the kubeconfig) to the control plane.
 */
function publishedApiServer(
  emu: Emulator,
  ip: string,
  port: number,
): { dst: string; proto: 'tcp'; dport: number } | undefined {
  const url = emu.cluster.config?.apiServerUrl;
  if (!url || ip !== '127.0.0.1') return undefined;
  const published = new URL(url);
  if (published.hostname !== '127.0.0.1' || Number(published.port) !== port) return undefined;
  const cp = emu.store
    .list('nodes')
    .find((n) => n.metadata.labels?.['node-role.kubernetes.io/control-plane'] !== undefined);
  const cpIp = (cp?.status?.addresses ?? []).find((a: { type: string }) => a.type === 'InternalIP')?.address;
  return cpIp ? { dst: cpIp, proto: 'tcp', dport: APISERVER_PORT } : undefined;
}

/** Resolve a host to an IPv4 address the way getaddrinfo does, moving the clock by the lookup time. */
export function resolveName(
  emu: Emulator,
  location: LocationRef,
  name: string,
): { address?: string; elapsedMs: number } {
  if (parseIp(name) !== undefined) return { address: name, elapsedMs: 0 };
  const r = resolveHost(emu, location, name);
  return { address: r.address, elapsedMs: r.elapsedMs };
}

/** Round-trip time of a walk in ms, seeded: a few tens of µs per link crossed. */
function rttMs(emu: Emulator, ex: Exchange): number {
  const links = [...ex.request.trace, ...(ex.reply?.trace ?? [])].filter((e) => e.kind === 'link').length;
  return links * 0.02 + emu.rng.next() * 0.05;
}

/** Wait `ms` of virtual time in one-second steps, so Ctrl-C can stop it. */
export async function waitVirtual(ctx: CommandContext, ms: number): Promise<void> {
  let left = ms;
  while (left > 0) {
    await ctx.checkpoint();
    const step = Math.min(1000, left);
    ctx.emulator.advanceTime(step);
    left -= step;
  }
}

/**
 * An open HTTP/1.1 connection a client may send its next request over (curl keeps one per host
 * and port for the URLs of one command line): where it landed, and the addresses it carries.
 */
export interface LiveConnection {
  ip: string;
  localIp: string;
  localPort: number;
  /** The namespace the connection was delivered in, and its first packet there (after NAT). */
  netns: string;
  packet: Packet;
}

/** Whether a client may reuse the connection a response came over (HTTP/1.1 keeps it unless told to close). */
export function keepsAlive(res: HttpResponse | undefined): boolean {
  return !!res && (header(res, 'Connection') ?? '').toLowerCase() !== 'close';
}

/**
 * Make one HTTP request to `target` from the command's location; with `reuse`, over that open
 * connection instead: no lookup, no new SYN, so no new NAT decision, and the same pod answers.
 */
export async function fetchHttp(
  ctx: CommandContext,
  target: Target,
  req: HttpRequest,
  limits: FetchLimits,
  reuse?: LiveConnection,
): Promise<FetchResult> {
  const emu = ctx.emulator;
  if (reuse && emu.dataPlane) {
    const rtt = 0.02 + emu.rng.next() * 0.05;
    const base = {
      kind: 'connected' as const,
      ip: reuse.ip,
      localIp: reuse.localIp,
      localPort: reuse.localPort,
      connectMs: 0,
      elapsedMs: rtt + 0.2,
      connection: reuse,
      reused: true,
    };
    return answer(emu, emu.dataPlane, base, reuse, target, req);
  }
  const resolved = resolveName(emu, ctx.location, target.host);
  if (resolved.elapsedMs) await waitVirtual(ctx, resolved.elapsedMs);
  if (!resolved.address) return { kind: 'unresolved', elapsedMs: resolved.elapsedMs };
  const ip = resolved.address;
  // A `kubectl proxy` left running in a terminal at this location answers on its own machine.
  const proxy = listeningProxy(emu, ctx.location, ip, target.port);
  if (proxy) {
    const local = {
      kind: 'connected' as const,
      ip,
      localIp: '127.0.0.1',
      localPort: 40000 + (emu.clock.now() % 20000),
    };
    if (target.tls) return { ...local, tlsError: 'wrong-version', elapsedMs: 0.2, connectMs: 0.05 };
    const headers: Record<string, string> = {};
    for (const [n, v] of req.headers) headers[n] = v;
    const host = req.headers.find(([n]) => n.toLowerCase() === 'host')?.[1] ?? target.host;
    const res = serveThroughProxy(
      emu,
      proxy,
      { method: req.method, path: req.target, headers, ...(req.body ? { body: req.body } : {}) },
      host,
    );
    return {
      ...local,
      response: { status: res.status, headers: Object.entries(res.headers), body: res.body },
      elapsedMs: 1.2,
      connectMs: 0.05,
    };
  }
  const dp = emu.dataPlane;
  dp?.refresh();
  const from = netnsNameFor(emu, ctx.location);
  if (!dp || !dp.netns(from)) return { kind: 'unreachable', ip, elapsedMs: 0 };
  // kind publishes the API server on the learner's 127.0.0.1 (docker-proxy): the connection goes on to the control plane's 6443.
  const published = ctx.location.kind === 'host' ? publishedApiServer(emu, ip, target.port) : undefined;
  const ex = dp.connect(from, published ?? { dst: ip, proto: 'tcp', dport: target.port });
  const out = ex.request.outcome;
  const rtt = rttMs(emu, ex);
  if (out.kind === 'refused' || out.kind === 'rejected') {
    // The client's side of the attempt: the source routing picked in its own namespace, and its port.
    const ns = dp.netns(from)!;
    const r = ns.route(parseIp(ip) ?? 0);
    const src = r?.src ?? (r?.type === 'local' ? parseIp(ip) : ns.primaryAddress(r?.dev ?? ''));
    return {
      kind: 'refused',
      ip,
      elapsedMs: rtt,
      ...(src !== undefined ? { local: { ip: formatIp(src), port: ex.request.packet.sport } } : {}),
    };
  }
  if (out.kind === 'unreachable') return { kind: 'unreachable', ip, elapsedMs: rtt };
  if (out.kind !== 'delivered' || !ex.reply || ex.reply.outcome.kind !== 'delivered') {
    // The SYN (or its SYN-ACK) was lost: wait for whichever timer runs out first.
    const limits_ = [
      { limit: 'connect' as const, ms: limits.connectTimeoutMs ?? Infinity },
      { limit: 'max' as const, ms: limits.maxTimeMs ?? Infinity },
      { limit: 'kernel' as const, ms: KERNEL_SYN_TIMEOUT_MS },
    ].sort((a, b) => a.ms - b.ms);
    const first = limits_[0]!;
    // curl notices a timeout on its next poll, a millisecond late (3001 ms for --connect-timeout 3).
    const elapsedMs = first.ms + 1;
    await waitVirtual(ctx, elapsedMs);
    return { kind: 'timeout', ip, elapsedMs, limit: first.limit };
  }
  const p = ex.request.packet;
  // The client's own view of the connection is where the reply lands, after conntrack undid any SNAT.
  const localIp = formatIp(ex.reply.packet.dst);
  const localPort = ex.reply.packet.dport;
  const connectMs = rtt;
  const connection: LiveConnection = { ip, localIp, localPort, netns: out.netns, packet: { ...p } };
  const base = {
    kind: 'connected' as const,
    ip,
    localIp,
    localPort,
    connectMs,
    elapsedMs: rtt * 2 + 0.2,
    connection,
    reused: false,
  };
  return answer(emu, dp, base, connection, target, req);
}

/** Whoever listens where the connection landed answers the request (kube-apiserver, an app, nobody). */
function answer(
  emu: Emulator,
  dp: DataPlane,
  base: Extract<FetchResult, { kind: 'connected' }>,
  conn: LiveConnection,
  target: Target,
  req: HttpRequest,
): FetchResult {
  const p = conn.packet;
  const out = { netns: conn.netns };
  if (isApiServerSocket(out.netns, p.dport)) {
    if (!target.tls)
      return {
        ...base,
        apiserver: true,
        response: {
          status: 400,
          headers: [
            ['Content-Type', 'text/plain; charset=utf-8'],
            ['Connection', 'close'],
          ],
          body: 'Client sent an HTTP request to an HTTPS server.\n',
        },
      };
    const hs = apiServerHandshake(clusterPki(pkiSourceOf(emu)), target.host, target.tlsOptions ?? { insecure: false });
    if (!hs.ok) return { ...base, apiserver: true, tlsFailure: { code: hs.code, text: hs.text } };
    const headers: Record<string, string> = {};
    for (const [n, v] of req.headers) headers[n] = v;
    const api = emu.apiServer({
      method: req.method,
      path: req.target,
      headers,
      ...(req.body ? { body: req.body } : {}),
      ...(hs.clientCertificate ? { clientCertificate: hs.clientCertificate } : {}),
    });
    return {
      ...base,
      apiserver: true,
      response: { status: api.status, headers: Object.entries(api.headers), body: api.body },
    };
  }
  const served = serveHttp(emu, dp, out.netns, p, req);
  if (served.kind === 'empty') return base;
  if (target.tls && out.netns !== 'internet') return { ...base, tlsError: 'wrong-version' };
  return { ...base, response: served.response };
}
