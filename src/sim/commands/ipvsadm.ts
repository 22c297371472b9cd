/**
 * `ipvsadm` (1.31, as apt installs it on a kind node): list the IPVS table of the namespace the shell
 * runs in with ipvsadm's own printf layouts (reference 2.7: titles, `%-28s` destination columns with
 * their trailing spaces, print_largenum, the signed-int32 address sort), its counters and rates,
 * the connection table and timeouts, `-S` save output, and the edit commands (-A/-E/-D/-C,
 * -a/-e/-d) for experiments. Without `-n` names would be resolved; here addresses stay numeric.
 */
import type { CommandSpec } from '../shell/types';
import { formatIp, parseIp } from '../net/addr';
import {
  IpvsError,
  type ForwardMethod,
  type Ipvs,
  type IpvsConn,
  type IpvsProto,
  type IpvsTimeouts,
  type RealServer,
  type VirtualServer,
} from '../net/ipvs';
import { ratesAt, catchUp, type IpvsCounters } from '../net/ipvsstats';
import { EMULATED_SCHEDULERS, SCHEDULERS } from '../net/ipvssched';
import { netnsFor } from '../net/locate';

export interface IpvsadmRun {
  stdout: string;
  stderr: string;
  code: number;
}

const TRY = "Try `ipvsadm -h' or 'ipvsadm --help' for more information.\n";
const PROTO_NUMBER: Record<IpvsProto, number> = { tcp: 6, udp: 17, sctp: 132 };

type Command =
  | 'list'
  | 'add-service'
  | 'edit-service'
  | 'del-service'
  | 'clear'
  | 'add-dest'
  | 'edit-dest'
  | 'del-dest'
  | 'save'
  | 'zero'
  | 'timeout'
  | 'help';
type Format = 'default' | 'stats' | 'rate' | 'thresholds' | 'persistent-conn';

interface Options {
  command?: Command;
  format: Format;
  connections: boolean;
  exact: boolean;
  nosort: boolean;
  /** `--timeout` with -L: print the timeouts instead of the table. */
  timeout: boolean;
  service?: { proto: IpvsProto; addr: number; port: number };
  scheduler?: string;
  persistent?: number;
  netmask?: number;
  schedFlags?: string[];
  dest?: { addr: number; port: number };
  fwd?: ForwardMethod;
  weight?: number;
  uthreshold?: number;
  lthreshold?: number;
}

const pad = (s: string, n: number): string => s.padEnd(n);
const lpad = (s: string | number, n: number): string => String(s).padStart(n);
const ipPort = (addr: number, port: number): string => `${formatIp(addr)}:${port}`;

/** ipvsadm's print_largenum: 9 columns, K/M/G/T above 10^8 unless --exact. */
export function printLargenum(i: number, exact: boolean): string {
  if (exact) {
    const len = String(i).length;
    return lpad(i, len <= 8 ? 9 : len + 1);
  }
  if (i < 1e8) return lpad(i, 9);
  if (i < 1e9) return `${lpad(Math.floor(i / 1e3), 8)}K`;
  if (i < 1e11) return `${lpad(Math.floor(i / 1e6), 8)}M`;
  if (i < 1e14) return `${lpad(Math.floor(i / 1e9), 8)}G`;
  return `${lpad(Math.floor(i / 1e12), 8)}T`;
}

/** ipvs_cmp_services: protocol number, then the address difference as a C int (it overflows: see reference 2.7), then port. */
function compareServices(a: VirtualServer, b: VirtualServer): number {
  return PROTO_NUMBER[a.proto] - PROTO_NUMBER[b.proto] || (a.addr | 0) - (b.addr | 0) || a.port - b.port;
}

function compareDests(a: RealServer, b: RealServer): number {
  return (a.addr | 0) - (b.addr | 0) || a.port - b.port;
}

function title(format: Format): string {
  switch (format) {
    case 'stats':
      return `${pad('Prot LocalAddress:Port', 33)} ${['Conns', 'InPkts', 'OutPkts', 'InBytes', 'OutBytes'].map((h) => lpad(h, 8)).join(' ')}\n  -> RemoteAddress:Port\n`;
    case 'rate':
      return `${pad('Prot LocalAddress:Port', 33)} ${['CPS', 'InPPS', 'OutPPS', 'InBPS', 'OutBPS'].map((h) => lpad(h, 8)).join(' ')}\n  -> RemoteAddress:Port\n`;
    case 'thresholds':
      return `${pad('Prot LocalAddress:Port', 33)} ${['Uthreshold', 'Lthreshold', 'ActiveConn', 'InActConn'].map((h) => pad(h, 10)).join(' ')}\n  -> RemoteAddress:Port\n`;
    case 'persistent-conn':
      return `${pad('Prot LocalAddress:Port', 33)} ${pad('Weight', 9)} ${pad('PersistConn', 11)} ${pad('ActiveConn', 10)} ${pad('InActConn', 10)}\n  -> RemoteAddress:Port\n`;
    default:
      return 'Prot LocalAddress:Port Scheduler Flags\n  -> RemoteAddress:Port           Forward Weight ActiveConn InActConn\n';
  }
}

/** The `%-4s %s` service name, cut at 33 characters as ipvsadm's buffer does. */
const svcName = (vs: VirtualServer): string =>
  `${pad(vs.proto.toUpperCase(), 4)} ${ipPort(vs.addr, vs.port)}`.slice(0, 33);

function countersLine(c: IpvsCounters, exact: boolean): string {
  return [c.conns, c.inpkts, c.outpkts, c.inbytes, c.outbytes].map((n) => printLargenum(n, exact)).join('');
}

function serviceEntry(vs: VirtualServer, o: Options, now: number): string {
  let out = '';
  const dests = o.nosort ? vs.dests : [...vs.dests].sort(compareDests);
  switch (o.format) {
    case 'stats':
      catchUp(vs.stats, now);
      out += `${pad(svcName(vs), 33)}${countersLine(vs.stats.counters, o.exact)}\n`;
      for (const d of dests) {
        catchUp(d.stats, now);
        out += `  -> ${pad(ipPort(d.addr, d.port), 28)}${countersLine(d.stats.counters, o.exact)}\n`;
      }
      return out;
    case 'rate': {
      const r = ratesAt(vs.stats, now);
      out += `${pad(svcName(vs), 33)}${[r.cps, r.inpps, r.outpps, r.inbps, r.outbps].map((n) => printLargenum(n, o.exact)).join('')}\n`;
      for (const d of dests) {
        const dr = ratesAt(d.stats, now);
        out += `  -> ${pad(ipPort(d.addr, d.port), 28)} ${lpad(dr.cps, 8)} ${lpad(dr.inpps, 8)} ${lpad(dr.outpps, 8)}${printLargenum(dr.inbps, o.exact)}${printLargenum(dr.outbps, o.exact)}\n`;
      }
      return out;
    }
    case 'thresholds':
      out += `${svcName(vs)}\n`;
      for (const d of dests)
        out += `  -> ${pad(ipPort(d.addr, d.port), 28)} ${pad(String(d.uthreshold), 10)} ${pad(String(d.lthreshold), 10)} ${pad(String(d.activeConns), 10)} ${pad(String(d.inactConns), 10)}\n`;
      return out;
    case 'persistent-conn':
      out += `${svcName(vs)}\n`;
      for (const d of dests)
        out += `  -> ${pad(ipPort(d.addr, d.port), 28)} ${pad(String(d.weight), 9)} ${pad(String(d.persistConns), 11)} ${pad(String(d.activeConns), 10)} ${pad(String(d.inactConns), 10)}\n`;
      return out;
    default: {
      let line = `${svcName(vs)} ${vs.scheduler}`;
      if (vs.schedFlags.length > 0) line += ` (${vs.schedFlags.join(',')})`;
      if (vs.persistent > 0) {
        line += ` persistent ${vs.persistent}`;
        if (vs.netmask !== 0xffffffff) line += ` mask ${formatIp(vs.netmask)}`;
      }
      out += `${line}\n`;
      for (const d of dests)
        out += `  -> ${pad(ipPort(d.addr, d.port), 28)} ${pad(d.fwd, 7)} ${pad(String(d.weight), 6)} ${pad(String(d.activeConns), 10)} ${pad(String(d.inactConns), 10)}\n`;
      return out;
    }
  }
}

/** `ipvsadm -Lnc`: the connection table (ipvsadm's list_conn over /proc/net/ip_vs_conn). */
function listConnections(conns: readonly IpvsConn[], now: number): string {
  let out = `IPVS connection entries\npro expire ${pad('state', 11)} ${pad('source', 18)} ${pad('virtual', 18)} destination\n`;
  for (const c of conns) {
    const secs = Math.max(0, Math.ceil((c.expires - now) / 1000));
    const expire = `${String(Math.floor(secs / 60)).padStart(2, '0')}:${String(secs % 60).padStart(2, '0')}`;
    out += `${pad(c.proto.toUpperCase(), 3)} ${pad(expire, 6)} ${pad(c.state, 11)} ${pad(ipPort(c.caddr, c.cport), 18)} ${pad(ipPort(c.vaddr, c.vport), 18)} ${ipPort(c.daddr, c.dport)}\n`;
  }
  return out;
}

/** `ipvsadm -S`: the rules as commands that would recreate them. */
function save(services: readonly VirtualServer[]): string {
  const flag: Record<ForwardMethod, string> = { Masq: '-m', Route: '-g', Tunnel: '-i', Local: '-g' };
  let out = '';
  for (const vs of services) {
    const sw = `-${vs.proto === 'udp' ? 'u' : vs.proto === 'sctp' ? '-sctp-service' : 't'} ${ipPort(vs.addr, vs.port)}`;
    out += `-A ${sw} -s ${vs.scheduler}${vs.persistent > 0 ? ` -p ${vs.persistent}` : ''}${vs.persistent > 0 && vs.netmask !== 0xffffffff ? ` -M ${formatIp(vs.netmask)}` : ''}\n`;
    for (const d of [...vs.dests].sort(compareDests))
      out += `-a ${sw} -r ${ipPort(d.addr, d.port)} ${flag[d.fwd]} -w ${d.weight}\n`;
  }
  return out;
}

function parseService(text: string | undefined, proto: IpvsProto): Options['service'] | undefined {
  const m = /^([0-9.]+)(?::(\d+))?$/.exec(text ?? '');
  const addr = m ? parseIp(m[1]!) : undefined;
  if (!m || addr === undefined) return undefined;
  return { proto, addr, port: m[2] ? Number(m[2]) : 0 };
}

const COMMANDS: Record<string, Command> = {
  '-A': 'add-service',
  '--add-service': 'add-service',
  '-E': 'edit-service',
  '--edit-service': 'edit-service',
  '-D': 'del-service',
  '--delete-service': 'del-service',
  '-C': 'clear',
  '--clear': 'clear',
  '-a': 'add-dest',
  '--add-server': 'add-dest',
  '-e': 'edit-dest',
  '--edit-server': 'edit-dest',
  '-d': 'del-dest',
  '--delete-server': 'del-dest',
  '-L': 'list',
  '-l': 'list',
  '--list': 'list',
  '-S': 'save',
  '--save': 'save',
  '-Z': 'zero',
  '--zero': 'zero',
  '--set': 'timeout',
  '-h': 'help',
  '--help': 'help',
};

/** ipvsadm.c's optnames for the options this emulation parses (its error messages name options so). */
const OPTNAMES: Record<string, string> = {
  '-n': 'numeric',
  '--numeric': 'numeric',
  '-c': 'connection',
  '--connection': 'connection',
  '-t': 'service-address',
  '--tcp-service': 'service-address',
  '-u': 'service-address',
  '--udp-service': 'service-address',
  '-s': 'scheduler',
  '--scheduler': 'scheduler',
  '-p': 'persistent',
  '--persistent': 'persistent',
  '-M': 'netmask',
  '--netmask': 'netmask',
  '-r': 'real-server',
  '--real-server': 'real-server',
  '-m': 'forwarding-method',
  '--masquerading': 'forwarding-method',
  '-g': 'forwarding-method',
  '--gatewaying': 'forwarding-method',
  '-i': 'forwarding-method',
  '--ipip': 'forwarding-method',
  '-w': 'weight',
  '--weight': 'weight',
  '-x': 'u-threshold',
  '--u-threshold': 'u-threshold',
  '-y': 'l-threshold',
  '--l-threshold': 'l-threshold',
  '--timeout': 'timeout',
  '--stats': 'stats',
  '--rate': 'rate',
  '--thresholds': 'thresholds',
  '--persistent-conn': 'persistent-conn',
  '--nosort': 'nosort',
  '--exact': 'exact',
  '-X': 'exact',
  '-b': 'sched-flags',
  '--sched-flags': 'sched-flags',
};

/** ipvsadm.c MAX_TIMEOUT: 31 days. */
const MAX_TIMEOUT = 86400 * 31;

/** parse_timeout for --set (0 to MAX_TIMEOUT, digits only as strtol with a full match): the number, or the text refused. */
function parseTimeout(text: string): number | string {
  const n = /^[+-]?\d+$/.test(text) ? Number(text) : NaN;
  return Number.isInteger(n) && n >= 0 && n <= MAX_TIMEOUT ? n : text;
}

/** Split bundled short options (`-Lnc` → `-L -n -c`) the way popt does. */
function splitArgs(args: readonly string[]): string[] {
  const out: string[] = [];
  for (const a of args) {
    if (/^-[A-Za-z]{2,}$/.test(a)) for (const ch of a.slice(1)) out.push(`-${ch}`);
    else out.push(a);
  }
  return out;
}

/** Runs one ipvsadm command line against a table. */
export function runIpvsadm(argv: readonly string[], ipvs: Ipvs, now: number): IpvsadmRun {
  const o: Options = { format: 'default', connections: false, exact: false, nosort: false, timeout: false };
  const args = splitArgs(argv);
  const positional: string[] = [];
  /** ipvsadm.c optnames of the options given, in order (generic_opt_check refuses them with --set). */
  const optnames: string[] = [];
  const ok = (stdout: string): IpvsadmRun => ({ stdout, stderr: '', code: 0 });
  const fail = (msg: string, code = 1): IpvsadmRun => ({ stdout: '', stderr: `${msg}\n`, code });
  const usage = (msg: string): IpvsadmRun => ({ stdout: '', stderr: `${msg}\n${TRY}`, code: 2 });
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    const value = (): string | undefined => args[++i];
    const num = (v: string | undefined): number | undefined =>
      v !== undefined && /^\d+$/.test(v) ? Number(v) : undefined;
    if (COMMANDS[a]) {
      // ipvsadm.c set_command: any second command, even the same one, is refused.
      if (o.command) return fail('multiple commands specified', 2);
      o.command = COMMANDS[a];
      continue;
    }
    if (!a.startsWith('-') || a === '-') {
      // popt leaves arguments that are not options for poptGetArg: --set's three timeouts.
      positional.push(a);
      continue;
    }
    const optname = OPTNAMES[a];
    if (optname) optnames.push(optname);
    switch (a) {
      case '-n':
      case '--numeric':
        break;
      case '-c':
      case '--connection':
        o.connections = true;
        break;
      case '--stats':
        o.format = 'stats';
        break;
      case '--rate':
        o.format = 'rate';
        break;
      case '--thresholds':
        o.format = 'thresholds';
        break;
      case '--persistent-conn':
        o.format = 'persistent-conn';
        break;
      case '--exact':
      case '-X':
        o.exact = true;
        break;
      case '--nosort':
        o.nosort = true;
        break;
      case '--sort':
        break;
      case '--timeout':
        o.timeout = true;
        break;
      case '-t':
      case '--tcp-service':
      case '-u':
      case '--udp-service': {
        const s = parseService(value(), a === '-u' || a === '--udp-service' ? 'udp' : 'tcp');
        if (!s) return usage('Illegal virtual server address[:port] specified'); // UNCONFIRMED text
        o.service = s;
        break;
      }
      case '-s':
      case '--scheduler':
        o.scheduler = value();
        break;
      case '-p':
      case '--persistent': {
        const v = num(args[i + 1]);
        o.persistent = v ?? 300;
        if (v !== undefined) i++;
        break;
      }
      case '-M':
      case '--netmask':
        o.netmask = parseIp(value() ?? '') ?? 0xffffffff;
        break;
      case '-b':
      case '--sched-flags':
        o.schedFlags = (value() ?? '').split(',').filter(Boolean);
        break;
      case '-r':
      case '--real-server': {
        const s = parseService(value(), 'tcp');
        if (!s) return usage('Illegal real server address[:port] specified'); // UNCONFIRMED text
        o.dest = { addr: s.addr, port: s.port };
        break;
      }
      case '-m':
      case '--masquerading':
        o.fwd = 'Masq';
        break;
      case '-g':
      case '--gatewaying':
        o.fwd = 'Route';
        break;
      case '-i':
      case '--ipip':
        o.fwd = 'Tunnel';
        break;
      case '-w':
      case '--weight':
        o.weight = num(value());
        if (o.weight === undefined) return usage('Illegal weight specified');
        break; // UNCONFIRMED text
      case '-x':
      case '--u-threshold':
        o.uthreshold = num(value());
        break;
      case '-y':
      case '--l-threshold':
        o.lthreshold = num(value());
        break;
      default:
        // popt's report of an unknown option (UNCONFIRMED exit status).
        return { stdout: '', stderr: `${a}: unknown option\n`, code: 255 };
    }
  }
  const command = o.command ?? 'list';
  let timeouts: IpvsTimeouts | undefined;
  if (command === 'timeout') {
    if (optnames.length > 0) return fail(`Illegal '${optnames[0]}' option with the 'set' command`, 2);
    if (positional.length < 3) return fail('--set option requires 3 timeout values', 2);
    const [tcp, tcpfin, udp] = positional.splice(0, 3).map((t) => parseTimeout(t));
    const bad = [tcp, tcpfin, udp].find((t) => typeof t === 'string');
    if (typeof bad === 'string') return fail(`invalid timeout value \`${bad}' specified`, 2);
    timeouts = { tcp: tcp as number, tcpfin: tcpfin as number, udp: udp as number };
  }
  if (positional.length > 0) return fail(`unexpected argument ${positional[0]}`, 2);
  try {
    switch (command) {
      case 'help':
        return ok(
          `ipvsadm v1.31 2019/12/24 (compiled with popt and IPVS v1.2.1)\nUsage:\n  ipvsadm -A|E virtual-service [-s scheduler] [-p [timeout]] [-M netmask]\n  ipvsadm -D virtual-service\n  ipvsadm -C\n  ipvsadm -a|e virtual-service -r server-address [options]\n  ipvsadm -d virtual-service -r server-address\n  ipvsadm -L|l [virtual-service] [options]\n  ipvsadm -S [-n]\n`,
        );
      case 'list': {
        if (!o.timeout) return ok(list(ipvs, o, now));
        const t = ipvs.getTimeouts();
        return ok(`Timeout (tcp tcpfin udp): ${t.tcp} ${t.tcpfin} ${t.udp}\n`);
      }
      case 'timeout':
        ipvs.setTimeouts(timeouts!);
        return ok('');
      case 'save':
        return ok(save(o.nosort ? ipvs.list() : [...ipvs.list()].sort(compareServices)));
      case 'clear':
        ipvs.clear();
        return ok('');
      case 'zero':
        for (const vs of o.service
          ? [ipvs.find(o.service.proto, o.service.addr, o.service.port)].filter((x): x is VirtualServer => !!x)
          : ipvs.list()) {
          for (const s of [vs.stats, ...vs.dests.map((d) => d.stats)])
            s.counters = { conns: 0, inpkts: 0, outpkts: 0, inbytes: 0, outbytes: 0 };
        }
        return ok('');
      default:
        break;
    }
    if (!o.service) return usage('ipvsadm: a virtual service must be specified'); // UNCONFIRMED text
    const { proto, addr, port } = o.service;
    if (command === 'add-service' || command === 'edit-service') {
      const scheduler = o.scheduler ?? 'wlc';
      if (!(SCHEDULERS as readonly string[]).includes(scheduler))
        return fail('Scheduler or persistence engine not found');
      if (!EMULATED_SCHEDULERS.has(scheduler)) return fail(`netlab: ipvsadm: scheduler ${scheduler} is not emulated`);
      const spec = {
        proto,
        addr,
        port,
        scheduler,
        ...(o.persistent !== undefined ? { persistent: o.persistent } : {}),
        ...(o.netmask !== undefined ? { netmask: o.netmask } : {}),
        ...(o.schedFlags ? { schedFlags: o.schedFlags } : {}),
      };
      if (command === 'add-service') ipvs.addService(spec, now);
      else ipvs.editService(spec);
      return ok('');
    }
    if (command === 'del-service') {
      ipvs.deleteService(proto, addr, port);
      return ok('');
    }
    const vs = ipvs.find(proto, addr, port);
    if (!vs) throw new IpvsError('Service not defined');
    if (!o.dest) return usage('ipvsadm: a real server must be specified'); // UNCONFIRMED text
    // A real server without a port takes the virtual server's.
    const dest = { addr: o.dest.addr, port: o.dest.port || port };
    if (command === 'add-dest')
      ipvs.addDest(
        vs,
        {
          ...dest,
          weight: o.weight ?? 1,
          fwd: o.fwd ?? 'Route',
          uthreshold: o.uthreshold ?? 0,
          lthreshold: o.lthreshold ?? 0,
        },
        now,
      );
    else if (command === 'edit-dest')
      ipvs.editDest(vs, {
        ...dest,
        ...(o.weight !== undefined ? { weight: o.weight } : {}),
        ...(o.fwd ? { fwd: o.fwd } : {}),
        ...(o.uthreshold !== undefined ? { uthreshold: o.uthreshold } : {}),
        ...(o.lthreshold !== undefined ? { lthreshold: o.lthreshold } : {}),
      });
    else ipvs.deleteDest(vs, dest.addr, dest.port);
    return ok('');
  } catch (e) {
    if (e instanceof IpvsError) return fail(e.message);
    throw e;
  }
}

/** `ipvsadm -L`: every service under the version line, or one service (`-t`/`-u`) without it. */
function list(ipvs: Ipvs, o: Options, now: number): string {
  if (o.connections) return listConnections(ipvs.connections(now), now);
  if (o.service) {
    const vs = ipvs.find(o.service.proto, o.service.addr, o.service.port);
    if (!vs) throw new IpvsError('No such service');
    return title(o.format) + serviceEntry(vs, o, now);
  }
  const services = o.nosort ? ipvs.list() : [...ipvs.list()].sort(compareServices);
  return `IP Virtual Server version 1.2.1 (size=4096)\n${title(o.format)}${services.map((vs) => serviceEntry(vs, o, now)).join('')}`;
}

export const ipvsadmCommand: CommandSpec = {
  name: 'ipvsadm',
  summary: 'Linux Virtual Server administration',
  usage:
    'ipvsadm -L|l [-t|-u VIP:PORT] [-n] [-c] [--stats|--rate] [--exact]; -A|-E|-D|-C|-a|-e|-d for edits; -S to save',
  availableIn: ['node'],
  flags: [
    { names: ['-L', '-l', '--list'], description: 'list the table' },
    { names: ['-n', '--numeric'], description: 'numeric output of addresses and ports' },
    { names: ['-c', '--connection'], description: 'output of current IPVS connections' },
    { names: ['--stats'], description: 'output of statistics information' },
    { names: ['--rate'], description: 'output of rate information' },
    { names: ['--exact'], description: 'expand numbers (display exact values)' },
    { names: ['--timeout'], description: 'output of timeout (tcp tcpfin udp)' },
    { names: ['--set'], description: 'set connection timeout values: --set tcp tcpfin udp' },
    { names: ['-t', '--tcp-service'], value: true, description: 'service-address is host[:port]' },
    { names: ['-u', '--udp-service'], value: true, description: 'service-address is host[:port]' },
    { names: ['-s', '--scheduler'], value: true, description: 'scheduling method', values: [...EMULATED_SCHEDULERS] },
  ],
  run(ctx) {
    const ns = netnsFor(ctx.emulator, ctx.location);
    if (!ns) {
      ctx.stderr.write("netlab: ipvsadm: this location's network namespace is not emulated yet\n");
      return 1;
    }
    const r = runIpvsadm(ctx.argv.slice(1), ns.ipvs, ctx.emulator.clock.now());
    if (r.stdout) ctx.stdout.write(r.stdout);
    if (r.stderr) ctx.stderr.write(r.stderr);
    return r.code;
  },
};
