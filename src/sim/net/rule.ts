/**
 * The structured model of one iptables rule: the IP header fields, the matches in the order they
 * were given, and the target. Rules are data (JSON), never strings: the printer turns them into
 * `iptables-save` text, the evaluator walks packets through them, and kube-proxy, kindnet and
 * learners all produce them through the same parser.
 */
import type { Cidr } from './addr';

/** A value that iptables lets you negate with `!`. */
export interface Negatable<T> {
  value: T;
  invert: boolean;
}

/** A port or port range as `--dport 80` / `--dport 30000:32767`. */
export interface PortRange {
  min: number;
  max: number;
  invert: boolean;
}

/** Connection tracking states in the order libxt_conntrack prints them. */
export const CT_STATES = ['INVALID', 'NEW', 'RELATED', 'ESTABLISHED', 'UNTRACKED', 'SNAT', 'DNAT'] as const;
export type CtState = (typeof CT_STATES)[number];

/** Address types known to the addrtype match (libxt_addrtype `rtn_names`, in print order). */
export const ADDR_TYPES = [
  'UNSPEC',
  'UNICAST',
  'LOCAL',
  'BROADCAST',
  'ANYCAST',
  'MULTICAST',
  'BLACKHOLE',
  'UNREACHABLE',
  'PROHIBIT',
  'THROW',
  'NAT',
  'XRESOLVE',
] as const;
export type AddrType = (typeof ADDR_TYPES)[number];

export type Match =
  /** `-m comment --comment TEXT` */
  | { kind: 'comment'; comment: string }
  /** `-m tcp|udp [--sport P] [--dport P]` (also loaded implicitly by `-p tcp --dport`) */
  | { kind: 'tcp' | 'udp'; sport?: PortRange; dport?: PortRange }
  /** `-m multiport --dports|--sports P,P` */
  | { kind: 'multiport'; dir: 'dports' | 'sports' | 'ports'; ports: number[]; invert: boolean }
  /** `-m statistic --mode random --probability P`, kept as the kernel keeps it: a u32 out of 2^31 */
  | { kind: 'statistic'; mode: 'random'; probability: number; invert: boolean }
  /** `-m statistic --mode nth --every N --packet P`; `count` is the kernel's running counter (starts at P) */
  | { kind: 'statistic'; mode: 'nth'; every: number; packet: number; count: number; invert: boolean }
  /** `-m recent`: the client-affinity lists kube-proxy uses */
  | {
      kind: 'recent';
      command: 'set' | 'rcheck' | 'update' | 'remove';
      seconds?: number;
      reap: boolean;
      hitcount?: number;
      name: string;
      mask: string;
      side: 'rsource' | 'rdest';
      invert: boolean;
    }
  /** `-m addrtype [!] --src-type T [!] --dst-type T` */
  | {
      kind: 'addrtype';
      srcType?: Negatable<AddrType>;
      dstType?: Negatable<AddrType>;
      /** `--limit-iface-in` / `--limit-iface-out`: the type is looked up on the packet's in (out) interface only. */
      limitIface?: 'in' | 'out';
    }
  /** `-m mark [!] --mark value[/mask]` */
  | { kind: 'mark'; mark: number; mask: number; invert: boolean }
  /** `-m conntrack [!] --ctstate LIST` (and `-m state --state LIST`, same meaning) */
  | { kind: 'conntrack' | 'state'; states: CtState[]; invert: boolean }
  /** `-m set [!] --match-set NAME dir[,dir...]`: ipset membership (IPVS mode, CNIs) */
  | { kind: 'set'; name: string; flags: ('src' | 'dst')[]; invert: boolean }
  /** `-m physdev [!] --physdev-is-in` ... (bridged traffic; only the forms kube-proxy uses) */
  | { kind: 'physdev'; isIn?: boolean; isOut?: boolean; isBridged?: boolean; invert: boolean }
  /** `-m nfacct --nfacct-name NAME`: counts, never filters */
  | { kind: 'nfacct'; name: string }
  /** `-m ipvs --vaddr A --vproto P --vport N`: matches IPVS-handled packets */
  | { kind: 'ipvs'; vaddr?: Cidr; vproto?: string; vport?: number; invert: boolean };

export type Target =
  /** ACCEPT / DROP / RETURN: built-in verdicts */
  | { kind: 'ACCEPT' | 'DROP' | 'RETURN' }
  /** NOTRACK (raw table): the packet's flow is not tracked, so the nat table never sees it */
  | { kind: 'NOTRACK' }
  /** `-j CHAIN` (or `-g CHAIN`: goto, no return to the caller) */
  | { kind: 'jump'; chain: string; goto: boolean }
  | { kind: 'REJECT'; rejectWith: string }
  /** MARK, normalised to the kernel's xmark form: new = (old & ~mask) ^ mark */
  | { kind: 'MARK'; mark: number; mask: number }
  /** CONNMARK (libxt_CONNMARK rev 1): set = ct.mark (& ~ctmask) ^ mark; save = ct.mark from the packet mark; restore = packet mark from ct.mark. */
  | { kind: 'CONNMARK'; mode: 'set' | 'save' | 'restore'; mark: number; ctmask: number; nfmask: number }
  | { kind: 'DNAT'; to: string }
  | { kind: 'SNAT'; to: string; randomFully: boolean }
  | { kind: 'MASQUERADE'; randomFully: boolean; random: boolean; toPorts?: string }
  | { kind: 'LOG'; prefix?: string; level?: string };

/** Packet and byte counters, per rule and per built-in chain (policy). */
export interface Counters {
  packets: number;
  bytes: number;
}

/** One rule. Absent header fields mean "any". */
export interface Rule {
  src?: Negatable<Cidr>;
  dst?: Negatable<Cidr>;
  inIface?: Negatable<string>;
  outIface?: Negatable<string>;
  /** Protocol name as given (`tcp`, `udp`, `icmp`, `sctp`, or a number); absent = all. */
  proto?: Negatable<string>;
  matches: Match[];
  /** No target: the rule only counts (kube-proxy's last KUBE-FW rule). */
  target?: Target;
  counters: Counters;
}

/** Protocol numbers iptables knows by name (/etc/protocols subset). */
export const PROTO_NUMBERS: Record<string, number> = { all: 0, icmp: 1, tcp: 6, udp: 17, sctp: 132 };
