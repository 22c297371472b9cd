/**
 * Prints rules the way iptables prints them: the `iptables-save` / `iptables -S` form (each
 * extension's `save` function) and the `iptables -L` form (each extension's `print` function).
 */
import { formatCidr, formatIp, type Cidr } from './addr';
import type { Match, PortRange, Rule, Target } from './rule';
import { SERVICE_PORTS } from './ruleparse';

/** xtables_save_string: bare when made only of [A-Za-z0-9_-], else double-quoted with `"` `\` `'` escaped. */
export function saveString(s: string): string {
  if (s !== '' && /^[A-Za-z0-9_-]+$/.test(s)) return s;
  return `"${s.replace(/["\\']/g, (c) => `\\${c}`)}"`;
}

/** A statistic probability as iptables prints it: the stored u32 divided by 2^31, 11 decimals. */
export function formatProbability(u32: number): string {
  return (u32 / 0x80000000).toFixed(11);
}

const hex = (n: number): string => `0x${(n >>> 0).toString(16)}`;

function savePorts(name: string, r: PortRange | undefined): string {
  if (!r || (r.min === 0 && r.max === 65535 && !r.invert)) return '';
  return `${r.invert ? ' !' : ''} --${name} ${r.min === r.max ? r.min : `${r.min}:${r.max}`}`;
}

/** One match's save text, starting with a space (` -m tcp --dport 80`). */
export function saveMatch(m: Match): string {
  const inv = (b: boolean): string => (b ? ' !' : '');
  switch (m.kind) {
    case 'comment':
      return ` -m comment --comment ${saveString(m.comment)}`;
    case 'tcp':
    case 'udp':
      return ` -m ${m.kind}${savePorts('sport', m.sport)}${savePorts('dport', m.dport)}`;
    case 'multiport':
      return ` -m multiport${inv(m.invert)} --${m.dir} ${m.ports.join(',')}`;
    case 'statistic':
      return m.mode === 'random'
        ? ` -m statistic --mode random${inv(m.invert)} --probability ${formatProbability(m.probability)}`
        : ` -m statistic --mode nth${inv(m.invert)} --every ${m.every} --packet ${m.packet}`;
    case 'recent': {
      let s = ` -m recent${inv(m.invert)} --${m.command}`;
      if (m.seconds !== undefined) s += ` --seconds ${m.seconds}`;
      if (m.reap) s += ' --reap';
      if (m.hitcount !== undefined) s += ` --hitcount ${m.hitcount}`;
      return `${s} --name ${m.name} --mask ${m.mask} --${m.side}`;
    }
    case 'addrtype':
      return ` -m addrtype${m.srcType ? `${inv(m.srcType.invert)} --src-type ${m.srcType.value}` : ''}${m.dstType ? `${inv(m.dstType.invert)} --dst-type ${m.dstType.value}` : ''}${m.limitIface ? ` --limit-iface-${m.limitIface}` : ''}`;
    case 'mark':
      return ` -m mark${inv(m.invert)} --mark ${hex(m.mark)}${m.mask === 0xffffffff ? '' : `/${hex(m.mask)}`}`;
    case 'conntrack':
      return ` -m conntrack${inv(m.invert)} --ctstate ${m.states.join(',')}`;
    case 'state':
      return ` -m state${inv(m.invert)} --state ${m.states.join(',')}`;
    case 'set':
      return ` -m set${inv(m.invert)} --match-set ${m.name} ${m.flags.join(',')}`;
    case 'physdev':
      return ` -m physdev${m.isIn ? `${inv(m.invert)} --physdev-is-in` : ''}${m.isOut ? `${inv(m.invert)} --physdev-is-out` : ''}${m.isBridged ? `${inv(m.invert)} --physdev-is-bridged` : ''}`;
    case 'nfacct':
      return ` -m nfacct --nfacct-name ${m.name}`;
    case 'ipvs':
      return ` -m ipvs${m.vaddr ? `${inv(m.invert)} --vaddr ${formatCidr(m.vaddr)}` : ''}${m.vproto ? ` --vproto ${m.vproto}` : ''}${m.vport !== undefined ? ` --vport ${m.vport}` : ''}`;
  }
}

/** The target's save text, starting with a space (` -j MARK --set-xmark 0x4000/0x4000`). */
export function saveTarget(t: Target): string {
  switch (t.kind) {
    case 'ACCEPT':
    case 'DROP':
    case 'RETURN':
    case 'NOTRACK':
      return ` -j ${t.kind}`;
    case 'jump':
      return ` ${t.goto ? '-g' : '-j'} ${t.chain}`;
    case 'REJECT':
      return ` -j REJECT --reject-with ${t.rejectWith}`;
    case 'MARK':
      return ` -j MARK --set-xmark ${hex(t.mark)}/${hex(t.mask)}`;
    case 'CONNMARK':
      if (t.mode === 'set') return ` -j CONNMARK --set-xmark ${hex(t.mark)}/${hex(t.ctmask)}`;
      return ` -j CONNMARK --${t.mode}-mark --nfmask ${hex(t.nfmask)} --ctmask ${hex(t.ctmask)}`;
    case 'DNAT':
      return ` -j DNAT --to-destination ${t.to}`;
    case 'SNAT':
      return ` -j SNAT --to-source ${t.to}${t.randomFully ? ' --random-fully' : ''}`;
    case 'MASQUERADE':
      return ` -j MASQUERADE${t.toPorts !== undefined ? ` --to-ports ${t.toPorts}` : ''}${t.random ? ' --random' : ''}${t.randomFully ? ' --random-fully' : ''}`;
    case 'LOG':
      return ` -j LOG${t.prefix !== undefined ? ` --log-prefix ${saveString(t.prefix)}` : ''}${t.level !== undefined ? ` --log-level ${t.level}` : ''}`;
  }
}

/** The rule text after `-A CHAIN`: header fields (-s -d -i -o -p), matches in order, target. Starts with a space unless empty. */
export function saveRuleSpec(r: Rule): string {
  return saveHeaderAndMatches(r) + (r.target ? saveTarget(r.target) : '');
}

/** `-A CHAIN ... -c PKTS BYTES -j TARGET`, as `iptables -S -v` prints it (counters before the target, xshared.c). */
export function saveRuleWithCounters(chain: string, r: Rule): string {
  return `-A ${chain}${saveHeaderAndMatches(r)} -c ${r.counters.packets} ${r.counters.bytes}${r.target ? saveTarget(r.target) : ''}`;
}

function saveHeaderAndMatches(r: Rule): string {
  const inv = (b: boolean): string => (b ? ' !' : '');
  let s = '';
  if (r.src) s += `${inv(r.src.invert)} -s ${formatCidr(r.src.value)}`;
  if (r.dst) s += `${inv(r.dst.invert)} -d ${formatCidr(r.dst.value)}`;
  if (r.inIface) s += `${inv(r.inIface.invert)} -i ${r.inIface.value}`;
  if (r.outIface) s += `${inv(r.outIface.invert)} -o ${r.outIface.value}`;
  if (r.proto) s += `${inv(r.proto.invert)} -p ${r.proto.value}`;
  for (const m of r.matches) s += saveMatch(m);
  return s;
}

/** `-A CHAIN ...` as iptables-save and `iptables -S` print it. */
export function saveRule(chain: string, r: Rule): string {
  return `-A ${chain}${saveRuleSpec(r)}`;
}

// ---- `iptables -L` (print functions) ----

function printPort(p: number, numeric: boolean): string {
  if (!numeric) for (const [name, port] of Object.entries(SERVICE_PORTS)) if (port === p) return name;
  return String(p);
}

function printPorts(label: string, r: PortRange | undefined, numeric: boolean): string {
  if (!r || (r.min === 0 && r.max === 65535 && !r.invert)) return '';
  if (r.min === r.max) return ` ${label}:${r.invert ? '!' : ''}${printPort(r.min, numeric)}`;
  return ` ${label}s:${r.invert ? '!' : ''}${printPort(r.min, numeric)}:${printPort(r.max, numeric)}`;
}

/** One match as `iptables -L` prints it, starting with a space. */
export function printMatch(m: Match, numeric: boolean): string {
  switch (m.kind) {
    case 'comment':
      return ` /* ${m.comment} */`;
    case 'tcp':
    case 'udp':
      return ` ${m.kind}${printPorts('spt', m.sport, numeric)}${printPorts('dpt', m.dport, numeric)}`;
    case 'multiport':
      return ` multiport ${m.dir}${m.invert ? ' !' : ''} ${m.ports.join(',')}`;
    case 'statistic':
      return m.mode === 'random'
        ? ` statistic mode random${m.invert ? ' !' : ''} probability ${formatProbability(m.probability)}`
        : ` statistic mode nth${m.invert ? ' !' : ''} every ${m.every}${m.packet ? ` packet ${m.packet}` : ''}`;
    case 'recent': {
      // libxt_recent print (UNCONFIRMED against a capture).
      let s = `${m.invert ? ' !' : ''} recent: ${m.command === 'rcheck' ? 'CHECK' : m.command.toUpperCase()}`;
      if (m.seconds !== undefined) s += ` seconds: ${m.seconds}`;
      if (m.reap) s += ' reap';
      if (m.hitcount !== undefined) s += ` hit_count: ${m.hitcount}`;
      return `${s} name: ${m.name} side: ${m.side === 'rsource' ? 'source' : 'dest'} mask: ${m.mask}`;
    }
    case 'addrtype':
      return ` ADDRTYPE match${m.srcType ? ` src-type ${m.srcType.invert ? '!' : ''}${m.srcType.value}` : ''}${m.dstType ? ` dst-type ${m.dstType.invert ? '!' : ''}${m.dstType.value}` : ''}${m.limitIface ? ` limit-${m.limitIface}` : ''}`;
    case 'mark':
      return ` mark match${m.invert ? ' !' : ''} ${hex(m.mark)}${m.mask === 0xffffffff ? '' : `/${hex(m.mask)}`}`;
    case 'conntrack':
      return `${m.invert ? ' !' : ''} ctstate ${m.states.join(',')}`;
    case 'state':
      return `${m.invert ? ' !' : ''} state ${m.states.join(',')}`;
    case 'set':
      return `${m.invert ? ' !' : ''} match-set ${m.name} ${m.flags.join(',')}`;
    case 'physdev':
      return ` PHYSDEV match${m.isIn ? `${m.invert ? ' !' : ''} --physdev-is-in` : ''}${m.isOut ? `${m.invert ? ' !' : ''} --physdev-is-out` : ''}${m.isBridged ? `${m.invert ? ' !' : ''} --physdev-is-bridged` : ''}`;
    case 'nfacct':
      return ` nfacct-name  ${m.name}`;
    case 'ipvs':
      return ` ipvs${m.vaddr ? ` vaddr ${formatCidr(m.vaddr)}` : ''}${m.vproto ? ` vproto ${m.vproto}` : ''}${m.vport !== undefined ? ` vport ${m.vport}` : ''}`;
  }
}

/** The target's extra text in `iptables -L` (empty for verdicts and jumps). */
export function printTarget(t: Target): string {
  switch (t.kind) {
    case 'REJECT':
      return ` reject-with ${t.rejectWith}`;
    case 'MARK':
      if (t.mark === 0) return ` MARK and ${hex(~t.mask)}`;
      if (t.mark === t.mask) return ` MARK or ${hex(t.mark)}`;
      if (t.mask === 0) return ` MARK xor ${hex(t.mark)}`;
      if (t.mask === 0xffffffff) return ` MARK set ${hex(t.mark)}`;
      return ` MARK xset ${hex(t.mark)}/${hex(t.mask)}`;
    case 'CONNMARK':
      // libxt_CONNMARK connmark_tg_print.
      if (t.mode === 'set') {
        if (t.mark === 0) return ` CONNMARK and ${hex(~t.ctmask)}`;
        if (t.mark === t.ctmask) return ` CONNMARK or ${hex(t.mark)}`;
        if (t.ctmask === 0) return ` CONNMARK xor ${hex(t.mark)}`;
        if (t.ctmask === 0xffffffff) return ` CONNMARK set ${hex(t.mark)}`;
        return ` CONNMARK xset ${hex(t.mark)}/${hex(t.ctmask)}`;
      }
      if (t.nfmask === 0xffffffff && t.ctmask === 0xffffffff) return ` CONNMARK ${t.mode}`;
      if (t.nfmask === t.ctmask) return ` CONNMARK ${t.mode} mask ${hex(t.ctmask)}`;
      return t.mode === 'save'
        ? ` CONNMARK save nfmask ${hex(t.nfmask)} ctmask ~${hex(t.ctmask)}`
        : ` CONNMARK restore ctmask ${hex(t.ctmask)} nfmask ~${hex(t.nfmask)}`;
    case 'DNAT':
    case 'SNAT':
      return ` to:${t.to}${t.kind === 'SNAT' && t.randomFully ? ' random-fully' : ''}`;
    case 'MASQUERADE':
      return `${t.toPorts !== undefined ? ` masq ports: ${t.toPorts}` : ''}${t.random ? ' random' : ''}${t.randomFully ? ' random-fully' : ''}`;
    case 'LOG':
      return ` LOG flags 0 level ${t.level ?? '4'}${t.prefix !== undefined ? ` prefix "${t.prefix}"` : ''}`;
    default:
      return '';
  }
}

/** The name `iptables -L` shows in the target column. */
export function targetName(t: Target | undefined): string {
  if (!t) return '';
  return t.kind === 'jump' ? t.chain : t.kind;
}

/**
 * Names iptables finds without -n: /etc/hosts for hosts and Debian's /etc/networks for networks
 * (xtables_ipaddr_to_anyname). Other addresses would go to DNS, which answers nothing for cluster
 * addresses, so they print as numbers.
 */
const HOST_NAMES: Record<string, string> = { '127.0.0.1': 'localhost' };
const NETWORK_NAMES: Record<string, string> = { '127.0.0.0': 'loopback', '169.254.0.0': 'link-local' };

/** An address column of `iptables -L`: "anywhere" (or 0.0.0.0/0 with -n), a host without /32, a network with /len. */
export function printAddress(c: Cidr | undefined, numeric: boolean): string {
  if (!c || c.len === 0) return numeric ? '0.0.0.0/0' : 'anywhere';
  const ip = formatIp(c.addr);
  const name = numeric ? undefined : (HOST_NAMES[ip] ?? NETWORK_NAMES[ip]);
  const base = name ?? ip;
  return c.len === 32 ? base : `${base}/${c.len}`;
}
