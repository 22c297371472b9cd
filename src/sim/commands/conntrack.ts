/**
 * `conntrack` (conntrack-tools 1.4.7, as on a kind node): list, delete and flush the connection
 * tracking table of the namespace the shell runs in: the same entries that let established flows
 * skip the nat table and un-NAT replies.
 */
import type { CommandSpec } from '../shell/types';
import { parseIp } from '../net/addr';
import { formatConntrackEntry, type Conntrack, type ConntrackEntry } from '../net/conntrack';
import { netnsFor } from '../net/locate';

const PREFIX = 'conntrack v1.4.7 (conntrack-tools): ';

export interface ConntrackRun {
  stdout: string;
  stderr: string;
  code: number;
}

type Filter = (e: ConntrackEntry) => boolean;

/** Runs one conntrack command line against a table; pure apart from deleting entries. */
export function runConntrack(args: readonly string[], ct: Conntrack, now: number): ConntrackRun {
  let command: 'L' | 'D' | 'F' | 'C' | undefined;
  const filters: Filter[] = [];
  const fail = (msg: string): ConntrackRun => ({
    stdout: '',
    stderr: `${PREFIX}${msg}\nTry \`conntrack -h' or 'conntrack --help' for more information.\n`,
    code: 2,
  });
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    const value = (): string | undefined => args[++i];
    switch (a) {
      case '-L':
      case '--dump':
        command = 'L';
        if (args[i + 1] === 'conntrack') i++;
        break;
      case '-D':
      case '--delete':
        command = 'D';
        break;
      case '-F':
      case '--flush':
        command = 'F';
        break;
      case '-C':
      case '--count':
        command = 'C';
        break;
      case '-p':
      case '--proto':
      case '--protonum': {
        const p = value();
        if (p !== 'tcp' && p !== 'udp' && p !== 'icmp') return fail(`proto \`${p ?? ''}' not found`); // UNCONFIRMED text
        filters.push((e) => e.proto === p);
        break;
      }
      case '-s':
      case '--src':
      case '--orig-src':
      case '-d':
      case '--dst':
      case '--orig-dst':
      case '-r':
      case '--reply-src':
      case '-q':
      case '--reply-dst': {
        const text = value() ?? '';
        const ip = parseIp(text);
        if (ip === undefined) return fail(`Bad parameter \`${text}'`); // UNCONFIRMED text
        const pick: Record<string, (e: ConntrackEntry) => number> = {
          '-s': (e) => e.orig.src,
          '--src': (e) => e.orig.src,
          '--orig-src': (e) => e.orig.src,
          '-d': (e) => e.orig.dst,
          '--dst': (e) => e.orig.dst,
          '--orig-dst': (e) => e.orig.dst,
          '-r': (e) => e.reply.src,
          '--reply-src': (e) => e.reply.src,
          '-q': (e) => e.reply.dst,
          '--reply-dst': (e) => e.reply.dst,
        };
        const get = pick[a]!;
        filters.push((e) => get(e) === ip);
        break;
      }
      case '--sport':
      case '--orig-port-src':
      case '--dport':
      case '--orig-port-dst': {
        const port = Number(value());
        const src = a === '--sport' || a === '--orig-port-src';
        filters.push((e) => (src ? e.orig.sport : e.orig.dport) === port);
        break;
      }
      default:
        return fail(`Unknown option \`${a}'`); // UNCONFIRMED text
    }
  }
  if (!command) return fail('no command specified'); // UNCONFIRMED text
  if (command === 'F') {
    for (const e of ct.list(now)) ct.remove(e.id);
    return { stdout: '', stderr: `${PREFIX}connection tracking table has been emptied.\n`, code: 0 };
  }
  const selected = ct.list(now).filter((e) => filters.every((f) => f(e)));
  if (command === 'C') return { stdout: `${selected.length}\n`, stderr: '', code: 0 };
  const stdout = selected.map((e) => `${formatConntrackEntry(e, now)}\n`).join('');
  if (command === 'L')
    return { stdout, stderr: `${PREFIX}${selected.length} flow entries have been shown.\n`, code: 0 };
  for (const e of selected) ct.remove(e.id);
  // conntrack exits with failure when a delete matched nothing.
  return {
    stdout,
    stderr: `${PREFIX}${selected.length} flow entries have been deleted.\n`,
    code: selected.length === 0 ? 1 : 0,
  };
}

export const conntrackCommand: CommandSpec = {
  name: 'conntrack',
  summary: 'command line interface for netfilter connection tracking',
  usage: 'conntrack -L|-D|-F|-C [-p PROTO] [-s ADDR] [-d ADDR] [-r ADDR] [-q ADDR] [--sport N] [--dport N]',
  availableIn: ['node'],
  flags: [
    { names: ['-L', '--dump'], description: 'list connection tracking entries' },
    { names: ['-D', '--delete'], description: 'delete matching entries' },
    { names: ['-F', '--flush'], description: 'flush the table' },
    { names: ['-p', '--proto'], value: true, description: 'layer 4 protocol', values: ['tcp', 'udp', 'icmp'] },
  ],
  run(ctx) {
    const ns = netnsFor(ctx.emulator, ctx.location);
    if (!ns) {
      ctx.stderr.write("netlab: conntrack: this location's network namespace is not emulated yet\n");
      return 1;
    }
    const r = runConntrack(ctx.argv.slice(1), ns.conntrack, ctx.emulator.clock.now());
    if (r.stdout) ctx.stdout.write(r.stdout);
    if (r.stderr) ctx.stderr.write(r.stderr);
    return r.code;
  },
};
