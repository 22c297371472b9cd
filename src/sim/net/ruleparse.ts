/**
 * Parses iptables rule specifications (`-s 10.0.0.0/8 -p tcp -m tcp --dport 80 -j ACCEPT`) into the
 * structured `Rule`, as iptables does: options belong to the match loaded before them, `-p tcp`
 * loads the tcp match implicitly for `--dport`, `!` negates the option after it, MARK's shorthand
 * forms are normalised to the kernel's xmark form, and bad input fails with iptables' texts.
 */
import { parseCidr } from './addr';
import { IptablesError } from './netfilter';
import {
  ADDR_TYPES,
  CT_STATES,
  PROTO_NUMBERS,
  type AddrType,
  type CtState,
  type Match,
  type PortRange,
  type Rule,
  type Target,
} from './rule';

const VERSION_PREFIX = 'iptables v1.8.9 (nf_tables): ';
const TRY_HELP = "Try `iptables -h' or 'iptables --help' for more information.";

/** An xtables parameter problem: iptables prints the message and the help hint, and exits 2. */
export function parameterProblem(message: string): IptablesError {
  return new IptablesError(`${VERSION_PREFIX}${message}\n${TRY_HELP}`, 2);
}

/** Well-known service names iptables resolves through /etc/services. */
export const SERVICE_PORTS: Record<string, number> = {
  ftp: 21,
  ssh: 22,
  telnet: 23,
  smtp: 25,
  domain: 53,
  http: 80,
  pop3: 110,
  ntp: 123,
  imap2: 143,
  snmp: 161,
  https: 443,
  'http-alt': 8080,
};

const VERDICTS = new Set(['ACCEPT', 'DROP', 'RETURN']);
const REJECT_TYPES: Record<string, string> = {
  'icmp-net-unreachable': 'icmp-net-unreachable',
  'net-unreach': 'icmp-net-unreachable',
  'icmp-host-unreachable': 'icmp-host-unreachable',
  'host-unreach': 'icmp-host-unreachable',
  'icmp-proto-unreachable': 'icmp-proto-unreachable',
  'proto-unreach': 'icmp-proto-unreachable',
  'icmp-port-unreachable': 'icmp-port-unreachable',
  'port-unreach': 'icmp-port-unreachable',
  'icmp-net-prohibited': 'icmp-net-prohibited',
  'net-prohib': 'icmp-net-prohibited',
  'icmp-host-prohibited': 'icmp-host-prohibited',
  'host-prohib': 'icmp-host-prohibited',
  'icmp-admin-prohibited': 'icmp-admin-prohibited',
  'admin-prohib': 'icmp-admin-prohibited',
  'tcp-reset': 'tcp-reset',
  'tcp-rst': 'tcp-reset',
};
const KNOWN_MATCHES = new Set([
  'comment',
  'tcp',
  'udp',
  'multiport',
  'statistic',
  'recent',
  'addrtype',
  'mark',
  'conntrack',
  'state',
  'set',
  'physdev',
  'nfacct',
  'ipvs',
]);

/** A cursor over argv tokens. */
class Tokens {
  i = 0;
  constructor(readonly list: string[]) {}
  done(): boolean {
    return this.i >= this.list.length;
  }
  peek(): string | undefined {
    return this.list[this.i];
  }
  next(): string | undefined {
    return this.list[this.i++];
  }
  value(option: string): string {
    const v = this.next();
    if (v === undefined) throw parameterProblem(`option "${option}" requires an argument`);
    return v;
  }
}

function parseNumber(text: string, what: string): number {
  const n = /^0x[0-9a-f]+$/i.test(text) ? parseInt(text, 16) : /^\d+$/.test(text) ? Number(text) : NaN;
  if (!Number.isFinite(n) || n > 0xffffffff) throw parameterProblem(`Bad ${what} value "${text}"`);
  return n >>> 0;
}

/** Parses `value[/mask]` as the mark match and MARK target take it. */
function parseMarkMask(text: string, defaultMask: number): [number, number] {
  const [v, m] = text.split('/');
  return [parseNumber(v ?? '', 'mark'), m === undefined ? defaultMask : parseNumber(m, 'mark')];
}

function parsePort(text: string): number {
  if (/^\d+$/.test(text) && Number(text) <= 65535) return Number(text);
  const named = SERVICE_PORTS[text];
  if (named !== undefined) return named;
  throw parameterProblem(`invalid port/service \`${text}' specified`);
}

function parsePortRange(text: string, invert: boolean): PortRange {
  const colon = text.indexOf(':');
  if (colon < 0) {
    const p = parsePort(text);
    return { min: p, max: p, invert };
  }
  const min = colon === 0 ? 0 : parsePort(text.slice(0, colon));
  const max = colon === text.length - 1 ? 65535 : parsePort(text.slice(colon + 1));
  return { min, max, invert };
}

function parseCtStates(text: string): CtState[] {
  const wanted = text.split(',');
  for (const s of wanted)
    if (!(CT_STATES as readonly string[]).includes(s)) throw parameterProblem(`Bad ctstate "${s}"`);
  return CT_STATES.filter((s) => wanted.includes(s));
}

function parseAddrType(text: string): AddrType {
  if (!(ADDR_TYPES as readonly string[]).includes(text))
    throw parameterProblem(`addrtype: invalid address type specified: ${text}`);
  return text as AddrType;
}

function normaliseProto(text: string): string {
  const lower = text.toLowerCase();
  if (Object.hasOwn(PROTO_NUMBERS, lower)) return lower;
  const byNumber = Object.entries(PROTO_NUMBERS).find(([, n]) => String(n) === text);
  if (byNumber) return byNumber[0];
  if (/^\d+$/.test(text) && Number(text) < 256) return text;
  throw parameterProblem(`unknown protocol "${text}" specified`);
}

/** Parses a rule specification (everything but the command and its chain) into a `Rule`. */
export function parseRuleSpec(args: readonly string[]): Rule {
  const t = new Tokens([...args]);
  const rule: Rule = { matches: [], counters: { packets: 0, bytes: 0 } };
  let invert = false;
  const takeInvert = (): boolean => {
    const v = invert;
    invert = false;
    return v;
  };
  while (!t.done()) {
    const tok = t.next()!;
    if (tok === '!') {
      if (invert) throw parameterProblem('multiple consecutive ! not allowed');
      invert = true;
      continue;
    }
    switch (tok) {
      case '-s':
      case '--source':
      case '--src':
      case '-d':
      case '--destination':
      case '--dst': {
        const text = t.value(tok);
        const cidr = parseCidr(text);
        if (!cidr) throw parameterProblem(`host/network \`${text}' not found`);
        const field = tok.startsWith('-s') || tok.startsWith('--s') ? 'src' : 'dst';
        rule[field] = { value: cidr, invert: takeInvert() };
        break;
      }
      case '-i':
      case '--in-interface':
        rule.inIface = { value: t.value(tok), invert: takeInvert() };
        break;
      case '-o':
      case '--out-interface':
        rule.outIface = { value: t.value(tok), invert: takeInvert() };
        break;
      case '-p':
      case '--protocol':
        rule.proto = { value: normaliseProto(t.value(tok)), invert: takeInvert() };
        break;
      case '-m':
      case '--match': {
        const name = t.value(tok);
        if (!KNOWN_MATCHES.has(name))
          throw new IptablesError(
            `${VERSION_PREFIX}Couldn't load match \`${name}':No such file or directory\n\n${TRY_HELP}`,
            2,
          );
        rule.matches.push(newMatch(name));
        break;
      }
      case '-j':
      case '--jump':
      case '-g':
      case '--goto':
        rule.target = parseTarget(t.value(tok), tok === '-g' || tok === '--goto', t);
        break;
      default:
        if (!tok.startsWith('-')) throw parameterProblem(`Bad argument \`${tok}'`);
        applyMatchOption(rule, tok, t, takeInvert());
    }
  }
  if (invert) throw parameterProblem('no command specified'); // a trailing `!` (UNCONFIRMED text)
  for (const m of rule.matches) validateMatch(m);
  return rule;
}

function newMatch(name: string): Match {
  switch (name) {
    case 'comment':
      return { kind: 'comment', comment: '' };
    case 'tcp':
    case 'udp':
      return { kind: name };
    case 'multiport':
      return { kind: 'multiport', dir: 'ports', ports: [], invert: false };
    case 'statistic':
      return { kind: 'statistic', mode: 'random', probability: -1, invert: false };
    case 'recent':
      return {
        kind: 'recent',
        command: 'set',
        reap: false,
        name: 'DEFAULT',
        mask: '255.255.255.255',
        side: 'rsource',
        invert: false,
      };
    case 'addrtype':
      return { kind: 'addrtype' };
    case 'mark':
      return { kind: 'mark', mark: -1, mask: 0xffffffff, invert: false };
    case 'conntrack':
    case 'state':
      return { kind: name, states: [], invert: false };
    case 'set':
      return { kind: 'set', name: '', flags: [], invert: false };
    case 'physdev':
      return { kind: 'physdev', invert: false };
    case 'nfacct':
      return { kind: 'nfacct', name: '' };
    default:
      return { kind: 'ipvs', invert: false };
  }
}

/** Options each match accepts (to route an option to the most recent match that knows it). */
const MATCH_OPTIONS: Record<string, readonly string[]> = {
  comment: ['--comment'],
  tcp: ['--sport', '--source-port', '--dport', '--destination-port'],
  udp: ['--sport', '--source-port', '--dport', '--destination-port'],
  multiport: ['--dports', '--sports', '--ports', '--destination-ports', '--source-ports'],
  statistic: ['--mode', '--probability', '--every', '--packet'],
  recent: [
    '--set',
    '--rcheck',
    '--update',
    '--remove',
    '--seconds',
    '--reap',
    '--hitcount',
    '--name',
    '--mask',
    '--rsource',
    '--rdest',
  ],
  addrtype: ['--src-type', '--dst-type', '--limit-iface-in', '--limit-iface-out'],
  mark: ['--mark'],
  conntrack: ['--ctstate'],
  state: ['--state'],
  set: ['--match-set'],
  physdev: ['--physdev-is-in', '--physdev-is-out', '--physdev-is-bridged'],
  nfacct: ['--nfacct-name'],
  ipvs: ['--vaddr', '--vproto', '--vport', '--ipvs'],
};

function applyMatchOption(rule: Rule, opt: string, t: Tokens, invert: boolean): void {
  let match: Match | undefined;
  for (let i = rule.matches.length - 1; i >= 0 && !match; i--) {
    const m = rule.matches[i]!;
    if (MATCH_OPTIONS[m.kind]?.includes(opt)) match = m;
  }
  // `-p tcp --dport 80` loads the tcp match implicitly, as iptables does.
  if (!match && (rule.proto?.value === 'tcp' || rule.proto?.value === 'udp') && MATCH_OPTIONS.tcp!.includes(opt)) {
    match = newMatch(rule.proto.value);
    rule.matches.push(match);
  }
  if (!match) throw parameterProblem(`unknown option "${opt}"`);
  switch (match.kind) {
    case 'comment': {
      const text = t.value(opt);
      if (text.length > 255) throw parameterProblem('COMMENT must be shorter than 256 characters');
      match.comment = text;
      return;
    }
    case 'tcp':
    case 'udp': {
      const range = parsePortRange(t.value(opt), invert);
      if (opt === '--sport' || opt === '--source-port') match.sport = range;
      else match.dport = range;
      return;
    }
    case 'multiport':
      match.dir =
        opt.includes('dest') || opt === '--dports'
          ? 'dports'
          : opt.includes('source') || opt === '--sports'
            ? 'sports'
            : 'ports';
      match.ports = t.value(opt).split(',').map(parsePort);
      match.invert = invert;
      return;
    case 'statistic':
      if (opt === '--mode') {
        const mode = t.value(opt);
        if (mode === 'nth') Object.assign(match, { mode: 'nth', every: 0, packet: 0, count: 0 });
        else if (mode !== 'random') throw parameterProblem(`Bad mode "${mode}"`);
      } else if (opt === '--probability' && match.mode === 'random') {
        const p = Number(t.value(opt));
        if (!(p >= 0 && p <= 1)) throw parameterProblem('--probability must be between 0 and 1');
        // The kernel keeps lround(2^31 * p) (libxt_statistic.c); printing divides it back.
        match.probability = Math.round(0x80000000 * p);
        match.invert = invert;
      } else if (match.mode === 'nth' && (opt === '--every' || opt === '--packet')) {
        const n = parseNumber(t.value(opt), 'statistic');
        if (opt === '--every') match.every = n;
        else match.packet = match.count = n;
        match.invert ||= invert;
      } else throw parameterProblem(`unknown option "${opt}"`);
      return;
    case 'recent':
      switch (opt) {
        case '--set':
        case '--rcheck':
        case '--update':
        case '--remove':
          match.command = opt.slice(2) as 'set';
          match.invert = invert;
          return;
        case '--seconds':
          match.seconds = parseNumber(t.value(opt), 'seconds');
          return;
        case '--hitcount':
          match.hitcount = parseNumber(t.value(opt), 'hitcount');
          return;
        case '--reap':
          match.reap = true;
          return;
        case '--name':
          match.name = t.value(opt);
          return;
        case '--mask':
          match.mask = t.value(opt);
          return;
        default:
          match.side = opt === '--rdest' ? 'rdest' : 'rsource';
          return;
      }
    case 'addrtype': {
      if (opt === '--limit-iface-in' || opt === '--limit-iface-out') {
        const side = opt === '--limit-iface-in' ? 'in' : 'out';
        // libxt_addrtype: "addrtype: you can't specify both --limit-iface-in and --limit-iface-out"
        if (match.limitIface && match.limitIface !== side)
          throw parameterProblem("addrtype: you can't specify both --limit-iface-in and --limit-iface-out");
        match.limitIface = side;
        return;
      }
      const type = { value: parseAddrType(t.value(opt)), invert };
      if (opt === '--src-type') match.srcType = type;
      else match.dstType = type;
      return;
    }
    case 'mark':
      [match.mark, match.mask] = parseMarkMask(t.value(opt), 0xffffffff);
      match.invert = invert;
      return;
    case 'conntrack':
    case 'state':
      match.states = parseCtStates(t.value(opt));
      match.invert = invert;
      return;
    case 'set': {
      match.name = t.value(opt);
      const flags = t.value(opt).split(',');
      if (flags.some((f) => f !== 'src' && f !== 'dst'))
        throw parameterProblem("You must specify (the comma separated list of) 'src' or 'dst'");
      match.flags = flags as ('src' | 'dst')[];
      match.invert = invert;
      return;
    }
    case 'physdev':
      if (opt === '--physdev-is-in') match.isIn = true;
      else if (opt === '--physdev-is-out') match.isOut = true;
      else match.isBridged = true;
      match.invert = invert;
      return;
    case 'nfacct':
      match.name = t.value(opt);
      return;
    case 'ipvs':
      if (opt === '--vaddr') {
        const c = parseCidr(t.value(opt));
        if (!c) throw parameterProblem('Bad IP address');
        match.vaddr = c;
      } else if (opt === '--vproto') match.vproto = t.value(opt);
      else if (opt === '--vport') match.vport = parsePort(t.value(opt));
      match.invert ||= invert;
      return;
  }
}

function validateMatch(m: Match): void {
  if (m.kind === 'comment' && m.comment === '') throw parameterProblem('comment: option "--comment" must be specified'); // UNCONFIRMED text
  if (m.kind === 'mark' && m.mark < 0) throw parameterProblem("mark match: You must specify `--mark'"); // UNCONFIRMED text
  if (m.kind === 'statistic' && m.mode === 'random' && m.probability < 0)
    throw parameterProblem('statistic: option "--probability" must be specified'); // UNCONFIRMED text
  if ((m.kind === 'conntrack' || m.kind === 'state') && m.states.length === 0)
    throw parameterProblem(`${m.kind} match: You must specify one or more options`); // UNCONFIRMED text
  if (m.kind === 'set' && m.name === '') throw parameterProblem("You must specify `--match-set' with proper arguments"); // UNCONFIRMED text
}

function parseTarget(name: string, isGoto: boolean, t: Tokens): Target {
  if (VERDICTS.has(name) && !isGoto) return { kind: name as 'ACCEPT' };
  if (name === 'NOTRACK' && !isGoto) return { kind: 'NOTRACK' };
  const opts: string[] = [];
  // Target options run to the end of the spec or to the next non-target option.
  const TARGET_OPTS = new Set([
    '--reject-with',
    '--set-xmark',
    '--set-mark',
    '--or-mark',
    '--and-mark',
    '--xor-mark',
    '--to-destination',
    '--to-source',
    '--to-ports',
    '--random',
    '--random-fully',
    '--persistent',
    '--log-prefix',
    '--log-level',
    '--restore-mark',
    '--save-mark',
    '--nfmask',
    '--ctmask',
    '--mask',
  ]);
  const FLAG_OPTS = new Set(['--random', '--random-fully', '--persistent', '--restore-mark', '--save-mark']);
  while (!t.done() && TARGET_OPTS.has(t.peek()!)) {
    const o = t.next()!;
    opts.push(o);
    if (!FLAG_OPTS.has(o)) opts.push(t.value(o));
  }
  const opt = (n: string): string | undefined => {
    const i = opts.indexOf(n);
    return i < 0 ? undefined : opts[i + 1];
  };
  const rejectUnknownOpts = (allowed: string[]): void => {
    for (let i = 0; i < opts.length; i++)
      if (opts[i]!.startsWith('--') && !allowed.includes(opts[i]!))
        throw parameterProblem(`unknown option "${opts[i]}"`);
  };
  switch (name) {
    case 'REJECT': {
      rejectUnknownOpts(['--reject-with']);
      const w = opt('--reject-with') ?? 'icmp-port-unreachable';
      const canonical = REJECT_TYPES[w];
      if (!canonical) throw parameterProblem(`unknown reject type "${w}"`);
      return { kind: 'REJECT', rejectWith: canonical };
    }
    case 'MARK': {
      rejectUnknownOpts(['--set-xmark', '--set-mark', '--or-mark', '--and-mark', '--xor-mark']);
      // libxt_MARK (revision 2) normalises every form to (mark, mask): new = (old & ~mask) ^ mark.
      if (opt('--set-xmark') !== undefined) {
        const [v, m] = parseMarkMask(opt('--set-xmark')!, 0xffffffff);
        return { kind: 'MARK', mark: v, mask: m };
      }
      if (opt('--set-mark') !== undefined) {
        const [v, m] = parseMarkMask(opt('--set-mark')!, 0xffffffff);
        return { kind: 'MARK', mark: v, mask: (v | m) >>> 0 };
      }
      if (opt('--or-mark') !== undefined) {
        const v = parseNumber(opt('--or-mark')!, 'mark');
        return { kind: 'MARK', mark: v, mask: v };
      }
      if (opt('--and-mark') !== undefined) {
        const v = parseNumber(opt('--and-mark')!, 'mark');
        return { kind: 'MARK', mark: 0, mask: ~v >>> 0 };
      }
      if (opt('--xor-mark') !== undefined) {
        const v = parseNumber(opt('--xor-mark')!, 'mark');
        return { kind: 'MARK', mark: v, mask: 0 };
      }
      throw parameterProblem('MARK target: Parameter --set/and/or/xor-mark is required');
    }
    case 'CONNMARK': {
      rejectUnknownOpts([
        '--set-xmark',
        '--set-mark',
        '--restore-mark',
        '--save-mark',
        '--nfmask',
        '--ctmask',
        '--mask',
      ]);
      const masks = (): { nfmask: number; ctmask: number } => {
        const both = opt('--mask') !== undefined ? parseNumber(opt('--mask')!, 'mask') : 0xffffffff;
        return {
          nfmask: opt('--nfmask') !== undefined ? parseNumber(opt('--nfmask')!, 'mask') : both,
          ctmask: opt('--ctmask') !== undefined ? parseNumber(opt('--ctmask')!, 'mask') : both,
        };
      };
      if (opt('--set-xmark') !== undefined) {
        const [v, m] = parseMarkMask(opt('--set-xmark')!, 0xffffffff);
        return { kind: 'CONNMARK', mode: 'set', mark: v, ctmask: m, nfmask: 0 };
      }
      if (opt('--set-mark') !== undefined) {
        const [v, m] = parseMarkMask(opt('--set-mark')!, 0xffffffff);
        return { kind: 'CONNMARK', mode: 'set', mark: v, ctmask: (v | m) >>> 0, nfmask: 0 };
      }
      if (opts.includes('--restore-mark')) return { kind: 'CONNMARK', mode: 'restore', mark: 0, ...masks() };
      if (opts.includes('--save-mark')) return { kind: 'CONNMARK', mode: 'save', mark: 0, ...masks() };
      throw parameterProblem('CONNMARK target: No operation specified'); // UNCONFIRMED text
    }
    case 'DNAT': {
      rejectUnknownOpts(['--to-destination', '--random', '--persistent']);
      const to = opt('--to-destination');
      if (to === undefined) throw parameterProblem('DNAT: option "--to-destination" must be specified'); // UNCONFIRMED text
      checkNatAddress(to);
      return { kind: 'DNAT', to };
    }
    case 'SNAT': {
      rejectUnknownOpts(['--to-source', '--random', '--random-fully', '--persistent']);
      const to = opt('--to-source');
      if (to === undefined) throw parameterProblem('SNAT: option "--to-source" must be specified'); // UNCONFIRMED text
      checkNatAddress(to);
      return { kind: 'SNAT', to, randomFully: opts.includes('--random-fully') };
    }
    case 'MASQUERADE': {
      rejectUnknownOpts(['--to-ports', '--random', '--random-fully']);
      const toPorts = opt('--to-ports');
      return {
        kind: 'MASQUERADE',
        randomFully: opts.includes('--random-fully'),
        random: opts.includes('--random'),
        ...(toPorts !== undefined ? { toPorts } : {}),
      };
    }
    case 'LOG': {
      rejectUnknownOpts(['--log-prefix', '--log-level']);
      const prefix = opt('--log-prefix');
      const level = opt('--log-level');
      return { kind: 'LOG', ...(prefix !== undefined ? { prefix } : {}), ...(level !== undefined ? { level } : {}) };
    }
    default:
      if (opts.length > 0) throw parameterProblem(`unknown option "${opts[0]}"`);
      if (!/^[A-Za-z0-9_.-]+$/.test(name))
        throw new IptablesError(
          `${VERSION_PREFIX}Couldn't load target \`${name}':No such file or directory\n\n${TRY_HELP}`,
          2,
        );
      return { kind: 'jump', chain: name, goto: isGoto };
  }
}

function checkNatAddress(to: string): void {
  const [ip] = to.split(':');
  if (!parseCidr(ip ?? '') || (ip ?? '').includes('/')) throw parameterProblem(`Bad IP address "${ip}"`);
}

/** Splits one iptables-restore style line into words, honouring double quotes and backslash escapes inside them. */
export function splitRuleLine(line: string): string[] {
  const words: string[] = [];
  let cur = '';
  let inWord = false;
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i]!;
    if (quoted) {
      if (ch === '\\' && i + 1 < line.length) cur += line[++i];
      else if (ch === '"') quoted = false;
      else cur += ch;
    } else if (ch === '"') {
      quoted = true;
      inWord = true;
    } else if (ch === ' ' || ch === '\t') {
      if (inWord) words.push(cur);
      cur = '';
      inWord = false;
    } else {
      cur += ch;
      inWord = true;
    }
  }
  if (inWord) words.push(cur);
  return words;
}
