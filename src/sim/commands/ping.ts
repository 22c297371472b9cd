/**
 * `ping`: ICMP echo over the data plane, one exchange per second of virtual time. iputils' format
 * (kind nodes, netshoot, the learner's machine) or BusyBox's (busybox, alpine, curl images). The TTL
 * of each reply counts the namespaces that routed it back; times are seeded.
 */
import type { CommandContext, LocationRef, CommandSpec } from '../shell/types';
import { Interrupted } from '../shell/types';
import type { Emulator } from '../emulator';
import { podImage } from '../shell/location';
import { imageHasTool, isBusyboxApp } from '../apps/registry';
import { netnsNameFor } from '../net/locate';
import { type Exchange } from '../net/walk';
import { formatIp, parseIp } from '../net/addr';
import { resolveName, waitVirtual } from './curl/exchange';

/** Whether a location has ping: nodes and the host do; pods by image. */
function hasPing(emulator: Emulator, location: LocationRef): boolean {
  if (location.kind === 'host' || location.kind === 'node') return true;
  const image = podImage(emulator, location);
  return !!image && imageHasTool(image, 'ping');
}

interface PingOptions {
  count?: number;
  intervalMs: number;
  waitMs: number;
  quiet: boolean;
  target: string;
}

/** A reply's TTL: Linux starts at 64 and each namespace that forwards it takes one. */
export function replyTtl(ex: Exchange): number {
  const links = (ex.reply?.trace ?? []).filter((e) => e.kind === 'link' && !e.l2).length;
  return 64 - Math.max(0, links - 1);
}

type Probe =
  { kind: 'reply'; ttl: number; ms: number } | { kind: 'lost' } | { kind: 'error'; from: string; text: string };

function probe(emu: Emulator, from: string, ip: string): Probe {
  const dp = emu.dataPlane!;
  const ex = dp.connect(from, { dst: ip, proto: 'icmp', length: 84 });
  const out = ex.request.outcome;
  if (out.kind === 'rejected' || out.kind === 'unreachable') {
    const ns = dp.netns(out.netns);
    const pkt = ex.request.packet;
    // icmp_send picks the error's source: the packet's own destination when it was addressed to this
    // machine (a ClusterIP on kube-ipvs0 answers as itself), else an address of the interface it came in on.
    const addr =
      out.kind === 'rejected' && ns?.addrs.some((a) => a.addr === pkt.dst)
        ? pkt.dst
        : (ns?.addrs.find((a) => a.dev === pkt.inIface && a.dev !== 'lo')?.addr ??
          ns?.addrs.find((a) => a.dev !== 'lo')?.addr);
    const text =
      out.kind === 'rejected' && out.rejectWith.includes('port')
        ? 'Destination Port Unreachable'
        : 'Destination Host Unreachable';
    return { kind: 'error', from: addr !== undefined ? formatIp(addr) : ip, text };
  }
  if (out.kind !== 'delivered' || ex.reply?.outcome.kind !== 'delivered') return { kind: 'lost' };
  const links = [...ex.request.trace, ...ex.reply.trace].filter((e) => e.kind === 'link').length;
  return { kind: 'reply', ttl: replyTtl(ex), ms: 0.03 + links * 0.02 + emu.rng.next() * 0.06 };
}

function parse(args: readonly string[], busybox: boolean): PingOptions | { error: string } {
  const o: PingOptions = { intervalMs: 1000, waitMs: busybox ? 10_000 : 10_000, quiet: false, target: '' };
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    const val = (): number => Number(args[++i]);
    if (a === '-c') o.count = val();
    else if (a.startsWith('-c') && a.length > 2) o.count = Number(a.slice(2));
    else if (a === '-W') o.waitMs = val() * 1000;
    else if (/^-W\d/.test(a)) o.waitMs = Number(a.slice(2)) * 1000;
    else if (a === '-i') o.intervalMs = Math.round(val() * 1000);
    else if (/^-i[\d.]/.test(a)) o.intervalMs = Math.round(Number(a.slice(2)) * 1000);
    else if (a === '-q') o.quiet = true;
    else if (a === '-n' || a === '-4') continue;
    else if (a.startsWith('-'))
      return {
        error: busybox ? `ping: invalid option -- '${a.slice(1)}'\n` : `ping: invalid option -- '${a.slice(1)}'\n`,
      };
    else o.target = a;
  }
  if (o.count !== undefined && !(o.count > 0))
    return {
      error: busybox
        ? 'ping: invalid number\n'
        : `ping: invalid argument: '${o.count}': out of range: 1 <= value <= 9223372036854775807\n`,
    };
  if (!o.target)
    return {
      error: busybox
        ? 'BusyBox v1.36.1 multi-call binary.\n\nUsage: ping [OPTIONS] HOST\n'
        : 'ping: usage error: Destination address required\n',
    };
  return o;
}

function fmt(ms: number): string {
  return ms.toFixed(3);
}

async function runPing(ctx: CommandContext): Promise<number> {
  const emu = ctx.emulator;
  const image = podImage(emu, ctx.location);
  const busybox = !!image && isBusyboxApp(image);
  const o = parse(ctx.argv.slice(1), busybox);
  if ('error' in o) {
    ctx.stderr.write(o.error);
    return busybox ? 1 : 2;
  }
  const resolved = resolveName(emu, ctx.location, o.target);
  if (resolved.elapsedMs) await waitVirtual(ctx, resolved.elapsedMs);
  if (!resolved.address) {
    const musl = !!image && /netshoot|alpine/.test(image);
    ctx.stderr.write(
      busybox
        ? `ping: bad address '${o.target}'\n`
        : `ping: ${o.target}: ${musl ? 'Name does not resolve' : 'Name or service not known'}\n`,
    );
    return busybox ? 1 : 2;
  }
  const ip = resolved.address;
  const dp = emu.dataPlane;
  dp?.refresh();
  const from = netnsNameFor(emu, ctx.location);
  if (!dp || !dp.netns(from)) {
    ctx.stderr.write('netlab: ping: this location has no network namespace yet\n');
    return 2;
  }
  const dst = parseIp(ip);
  if (dst === undefined) return 2;
  // iputils connect()s a probe socket first: with no route at all (a bare namespace) it stops there.
  const route = dp.netns(from)!.route(dst);
  if (!busybox && (!route || route.type === 'unreachable')) {
    ctx.stderr.write('ping: connect: Network is unreachable\n');
    return 2;
  }
  const named = o.target !== ip;
  const count = o.count ?? (ctx.interactive ? Infinity : 4);
  ctx.stdout.write(
    busybox ? `PING ${o.target} (${ip}): 56 data bytes\n` : `PING ${o.target} (${ip}) 56(84) bytes of data.\n`,
  );
  const times: number[] = [];
  let sent = 0;
  let errors = 0;
  try {
    while (sent < count) {
      if (sent > 0) await waitVirtual(ctx, o.intervalMs);
      await ctx.checkpoint();
      const p = probe(emu, from, ip);
      sent++;
      if (p.kind === 'reply') {
        times.push(p.ms);
        if (!o.quiet)
          ctx.stdout.write(
            busybox
              ? `64 bytes from ${ip}: seq=${sent - 1} ttl=${p.ttl} time=${fmt(p.ms)} ms\n`
              : `64 bytes from ${named ? `${ip} (${ip})` : ip}: icmp_seq=${sent} ttl=${p.ttl} time=${p.ms < 1 ? fmt(p.ms) : p.ms.toFixed(2)} ms\n`,
          );
      } else if (p.kind === 'error') {
        errors++;
        if (!o.quiet) ctx.stdout.write(busybox ? '' : `From ${p.from} icmp_seq=${sent} ${p.text}\n`);
      } else if (sent >= count) {
        // The last probe waits for its reply as long as -W allows.
        await waitVirtual(ctx, o.waitMs);
      }
    }
  } catch (e) {
    if (!(e instanceof Interrupted)) throw e;
    ctx.stdout.write('^C');
  }
  const received = times.length;
  const loss = sent === 0 ? 0 : Math.round(((sent - received) * 100) / sent);
  const min = Math.min(...times);
  const max = Math.max(...times);
  const avg = times.reduce((a, b) => a + b, 0) / (received || 1);
  const mdev = Math.sqrt(Math.max(0, times.reduce((a, b) => a + b * b, 0) / (received || 1) - avg * avg));
  if (busybox) {
    ctx.stdout.write(
      `\n--- ${o.target} ping statistics ---\n${sent} packets transmitted, ${received} packets received, ${loss}% packet loss\n`,
    );
    if (received) ctx.stdout.write(`round-trip min/avg/max = ${fmt(min)}/${fmt(avg)}/${fmt(max)} ms\n`);
  } else {
    const elapsed = sent > 1 ? (sent - 1) * o.intervalMs + emu.rng.int(5) : 0;
    ctx.stdout.write(
      `\n--- ${o.target} ping statistics ---\n${sent} packets transmitted, ${received} received, ${errors ? `+${errors} errors, ` : ''}${loss}% packet loss, time ${elapsed}ms\n`,
    );
    // iputils ends the summary with a newline of its own: after the rtt line, or alone when nothing came back.
    ctx.stdout.write(received ? `rtt min/avg/max/mdev = ${fmt(min)}/${fmt(avg)}/${fmt(max)}/${fmt(mdev)} ms\n` : '\n');
  }
  return received ? 0 : 1;
}

export const pingCommand: CommandSpec = {
  name: 'ping',
  summary: 'send ICMP ECHO_REQUEST to network hosts',
  usage: 'ping [-c count] [-i interval] [-W timeout] [-q] destination',
  availableIn: ({ emulator, location }) => hasPing(emulator, location),
  run: runPing,
};
