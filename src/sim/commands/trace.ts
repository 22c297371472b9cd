/**
 * `trace CMD...`, the teaching command: runs a network command (curl, wget, ping, nslookup, dig)
 * as usual, then prints the path of every packet it sent and of each reply, hop by hop: the
 * namespaces and interfaces, each chain and rule that matched, every NAT rewrite, routing decisions
 * and delivery. The same trace is kept as data for the terminal UI (`lastTrace`).
 */
import type { CommandSpec } from '../shell/types';
import type { Emulator } from '../emulator';
import { type Exchange, type WalkResult } from '../net/walk';
import { formatTrace } from '../net/tracefmt';
import { formatIp } from '../net/addr';
import type { Outcome, TraceEvent } from '../net/trace';

/** One direction of one exchange, as data and as the printed lines. */
export interface TraceLeg {
  outcome: Outcome;
  events: TraceEvent[];
  lines: string[];
}

/** One packet a traced command sent, and its reply. */
export interface TracedPacket {
  from: string;
  proto: string;
  /** `10.10.0.5:53007` (no port for ICMP). */
  src: string;
  /** `10.200.1.80:9000` as the command asked for it, before any NAT. */
  dst: string;
  request: TraceLeg;
  reply?: TraceLeg;
  /** The reply as it starts, where the request arrived: `10.10.1.2:80` (the endpoint, not the Service address). */
  replySrc?: string;
  /** Where the reply is first addressed: the client, or the address SNAT gave the request (`172.18.0.2:41234`). */
  replyDst?: string;
}

/** What the terminal UI receives after a `trace` command (the worker posts it as `{type:'trace', data}`). */
export interface TraceData {
  command: string;
  exitCode: number;
  packets: TracedPacket[];
}

const last = new WeakMap<Emulator, TraceData>();

/** The trace of the last `trace` command run in this emulator, if any. */
export function lastTrace(emu: Emulator): TraceData | undefined {
  return last.get(emu);
}

/** The last trace, once: the worker calls this after each command and posts what it gets. */
export function takeLastTrace(emu: Emulator): TraceData | undefined {
  const t = last.get(emu);
  last.delete(emu);
  return t;
}

/** Packets printed in full; a ping -c 100 or a curl loop shows the first few and counts the rest. */
const MAX_SHOWN = 4;

function outcomeText(o: Outcome): string {
  switch (o.kind) {
    case 'delivered':
      return `delivered in ${o.netns}`;
    case 'refused':
      return `refused in ${o.netns}: nothing listens there`;
    case 'dropped':
      return `dropped in ${o.netns}: ${o.reason}`;
    case 'rejected':
      return `rejected in ${o.netns} (${o.rejectWith})`;
    case 'unreachable':
      return `unreachable from ${o.netns}: ${o.reason}`;
    case 'forwarded':
      return `left ${o.netns} by ${o.dev}`;
  }
}

function leg(w: WalkResult, netns: Parameters<typeof formatTrace>[1]): TraceLeg {
  return { outcome: w.outcome, events: w.trace, lines: formatTrace(w.trace, netns) };
}

function toPacket(ex: Exchange, netns: Parameters<typeof formatTrace>[1]): TracedPacket {
  const proto = ex.spec?.proto ?? 'tcp';
  const port = (p: number | undefined): string => (proto === 'icmp' || p === undefined ? '' : `:${p}`);
  // The reply lands back on the client's own address and port, after conntrack undid any SNAT.
  const client =
    ex.reply?.outcome.kind === 'delivered'
      ? `${formatIp(ex.reply.packet.dst)}${port(ex.reply.packet.dport)}`
      : `${formatIp(ex.request.packet.src)}${port(ex.request.packet.sport)}`;
  return {
    from: ex.from ?? '',
    proto,
    src: client,
    dst: `${ex.spec?.dst ?? formatIp(ex.request.packet.dst)}${port(ex.spec?.dport ?? 80)}`,
    request: leg(ex.request, netns),
    // A reply starts as the request arrived, addresses swapped: conntrack's un-NAT happens on its way.
    ...(ex.reply
      ? {
          reply: leg(ex.reply, netns),
          replySrc: `${formatIp(ex.request.packet.dst)}${port(ex.request.packet.dport)}`,
          replyDst: `${formatIp(ex.request.packet.src)}${port(ex.request.packet.sport)}`,
        }
      : {}),
  };
}

/** The printed form of a trace. */
export function formatTraceData(t: TraceData): string {
  if (!t.packets.length) return '--- trace: the command sent no packets\n';
  let s = '';
  t.packets.slice(0, MAX_SHOWN).forEach((p, i) => {
    s += `--- packet ${i + 1}: ${p.proto.toUpperCase()} ${p.src} -> ${p.dst}\n`;
    s += p.request.lines.map((l) => `  ${l}\n`).join('');
    s += `  => ${outcomeText(p.request.outcome)}\n`;
    if (p.reply) {
      s += `--- reply ${i + 1}: ${p.proto.toUpperCase()} ${p.replySrc ?? p.dst} -> ${p.replyDst ?? p.src}\n`;
      s += p.reply.lines.map((l) => `  ${l}\n`).join('');
      s += `  => ${outcomeText(p.reply.outcome)}\n`;
    }
  });
  if (t.packets.length > MAX_SHOWN) s += `--- ${t.packets.length - MAX_SHOWN} more packets not shown\n`;
  return s;
}

export const traceCommand: CommandSpec = {
  name: 'trace',
  summary: 'run a network command, then show the path of every packet it sent (netlab teaching tool)',
  usage: 'trace COMMAND [ARGS...]   e.g. trace curl -s 10.200.1.10:9000, trace ping -c 1 10.10.1.2',
  async run(ctx) {
    const argv = ctx.argv.slice(1);
    if (!argv.length) {
      ctx.stderr.write('usage: trace COMMAND [ARGS...]\n');
      return 2;
    }
    const dp = ctx.emulator.dataPlane;
    if (!dp) {
      ctx.stderr.write('netlab: trace: this cluster has no emulated data plane\n');
      return 1;
    }
    const stop = dp.capture();
    let code = 1;
    let exchanges: Exchange[] = [];
    try {
      code = await ctx.shell.runCommand(argv, {
        location: ctx.location,
        stdin: ctx.stdin,
        stdout: ctx.stdout,
        stderr: ctx.stderr,
      });
    } finally {
      // Close the capture even when Ctrl-C stops the command.
      exchanges = stop();
    }
    const netns = (name: string) => dp.netns(name);
    const data: TraceData = {
      command: argv.join(' '),
      exitCode: code,
      packets: exchanges.map((e) => toPacket(e, netns)),
    };
    last.set(ctx.emulator, data);
    ctx.stdout.write(formatTraceData(data));
    return code;
  },
};
