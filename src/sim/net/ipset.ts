/**
 * The kernel's ip sets of one netns (ipset 7.x on a recent kernel): named sets of a type
 * (hash:ip,port, hash:ip,port,ip, hash:ip,port,net, bitmap:port, hash:ip) holding entries in the
 * text form kube-proxy writes (`10.96.0.10,udp:53`), the membership test the iptables `set` match
 * makes with its src/dst flags, and `ipset list` output (reference 2.4). Members are listed in
 * hash-bucket order under a per-set seeded initval, as the kernel walks its table: not sorted.
 */
import { cidrContains, formatIp, parseCidr, parseIp } from './addr';
import type { Packet } from './packet';

export type IpsetType = 'hash:ip,port' | 'hash:ip,port,ip' | 'hash:ip,port,net' | 'bitmap:port' | 'hash:ip';

export const IPSET_TYPES: readonly IpsetType[] = [
  'hash:ip,port',
  'hash:ip,port,ip',
  'hash:ip,port,net',
  'bitmap:port',
  'hash:ip',
];

/** Kernel type revisions. hash:ip,port is 7 on the seed's kind v1.31 node (a kernel with bitmask support); the rest per reference 2.4. */
const REVISION: Record<IpsetType, number> = {
  'hash:ip,port': 7,
  'hash:ip,port,ip': 6,
  'hash:ip,port,net': 8,
  'bitmap:port': 3,
  'hash:ip': 6,
};

/** `Size in memory` of an empty set (reference 2.4); cosmetic, but real-looking. */
const EMPTY_SIZE: Record<IpsetType, number> = {
  'hash:ip,port': 200,
  'hash:ip,port,ip': 208,
  'hash:ip,port,net': 464,
  'bitmap:port': 8264,
  'hash:ip': 200,
};

export interface IpsetState {
  name: string;
  type: IpsetType;
  hashsize: number;
  maxelem: number;
  /** bitmap:port only: "0-65535". */
  range?: string;
  /** The hash seed the kernel draws per set (printed as `initval 0x%08x`). */
  initval: number;
  /** Entries in canonical text, in insertion order. */
  entries: string[];
}

/** Thrown with ipset's own message (the command adds the `ipset vX: ` prefix). */
export class IpsetError extends Error {}

/** The canonical text of an entry for a set type, or an error message (ipset's wording where known). */
export function normalizeEntry(type: IpsetType, text: string): string {
  const bad = (): never => {
    throw new IpsetError(`Syntax error: '${text}' is invalid as an element of ${type}`); // UNCONFIRMED text
  };
  const ip = (s: string | undefined): string => {
    const n = s === undefined ? undefined : parseIp(s);
    return n === undefined ? bad() : formatIp(n);
  };
  const protoPort = (s: string | undefined): string => {
    if (s === undefined) return bad();
    const [p, port] = s.includes(':') ? s.split(':') : ['tcp', s];
    const n = Number(port);
    if (!/^(tcp|udp|sctp)$/i.test(p ?? '') || !Number.isInteger(n) || n < 0 || n > 65535) return bad();
    return `${p!.toLowerCase()}:${n}`;
  };
  const parts = text.split(',');
  switch (type) {
    case 'hash:ip':
      return parts.length === 1 ? ip(parts[0]) : bad();
    case 'bitmap:port': {
      const n = Number(parts[0]);
      return parts.length === 1 && Number.isInteger(n) && n >= 0 && n <= 65535 ? String(n) : bad();
    }
    case 'hash:ip,port':
      return parts.length === 2 ? `${ip(parts[0])},${protoPort(parts[1])}` : bad();
    case 'hash:ip,port,ip':
      return parts.length === 3 ? `${ip(parts[0])},${protoPort(parts[1])},${ip(parts[2])}` : bad();
    case 'hash:ip,port,net': {
      if (parts.length !== 3) return bad();
      const c = parseCidr(parts[2]!.includes('/') ? parts[2]! : `${parts[2]}/32`);
      if (!c) return bad();
      return `${ip(parts[0])},${protoPort(parts[1])},${formatIp(c.addr)}${c.len === 32 ? '' : `/${c.len}`}`;
    }
  }
}

/** The parts of a packet the set match looks up, in the order the flags name them (`dst,dst,src`). */
function packetKey(type: IpsetType, p: Packet, flags: readonly ('src' | 'dst')[]): string | undefined {
  const addr = (i: number): string => formatIp(flags[i] === 'src' ? p.src : p.dst);
  const port = (i: number): number => (flags[i] === 'src' ? p.sport : p.dport);
  if (p.proto === 'icmp' && type !== 'hash:ip') return undefined;
  switch (type) {
    case 'hash:ip':
      return addr(0);
    case 'bitmap:port':
      return String(port(0));
    case 'hash:ip,port':
      return `${addr(0)},${p.proto}:${port(1)}`;
    case 'hash:ip,port,ip':
    case 'hash:ip,port,net':
      return `${addr(0)},${p.proto}:${port(1)},${addr(2)}`;
  }
}

/** jhash-like mixing of an entry under a set's initval: where the kernel's table would put it. */
function bucketOf(entry: string, initval: number, hashsize: number): number {
  let h = initval >>> 0;
  for (let i = 0; i < entry.length; i++) {
    h = Math.imul(h ^ entry.charCodeAt(i), 0x9e3779b1);
    h ^= h >>> 15;
  }
  return (h >>> 0) % hashsize;
}

/** One ip set. */
export class Ipset {
  private members: Set<string>;

  constructor(readonly state: IpsetState) {
    this.members = new Set(state.entries);
  }

  get name(): string {
    return this.state.name;
  }

  get type(): IpsetType {
    return this.state.type;
  }

  /** `ipset add`: false when the entry was already there. */
  add(entry: string): boolean {
    const e = normalizeEntry(this.type, entry);
    if (this.members.has(e)) return false;
    this.members.add(e);
    this.state.entries.push(e);
    return true;
  }

  /** `ipset del`: false when the entry was not there. */
  del(entry: string): boolean {
    const e = normalizeEntry(this.type, entry);
    if (!this.members.delete(e)) return false;
    this.state.entries = this.state.entries.filter((x) => x !== e);
    return true;
  }

  /** Whether an entry (in any accepted spelling) is in the set. */
  has(entry: string): boolean {
    return this.members.has(normalizeEntry(this.type, entry));
  }

  /** Replace all entries at once (kube-proxy's sync), keeping those that stay in their place. */
  replace(entries: readonly string[]): void {
    const wanted = new Set(entries);
    this.state.entries = this.state.entries.filter((e) => wanted.has(e));
    const kept = new Set(this.state.entries);
    for (const e of entries)
      if (!kept.has(e)) {
        this.state.entries.push(e);
        kept.add(e);
      }
    this.members = kept;
  }

  flush(): void {
    this.state.entries = [];
    this.members.clear();
  }

  /** The set match: is the packet's (flag-selected) key in the set? */
  matches(p: Packet, flags: readonly ('src' | 'dst')[]): boolean {
    const key = packetKey(this.type, p, flags);
    if (key === undefined) return false;
    if (this.type !== 'hash:ip,port,net') return this.members.has(key);
    const [ip, pp, src] = key.split(',');
    const addr = parseIp(src!) ?? 0;
    return this.state.entries.some((e) => {
      const [eip, epp, net] = e.split(',');
      return eip === ip && epp === pp && cidrContains(parseCidr(net!.includes('/') ? net! : `${net}/32`)!, addr);
    });
  }

  /** Entries in the order `ipset list` prints them: by hash bucket, then insertion. */
  listOrder(): string[] {
    if (this.type === 'bitmap:port') return [...this.state.entries].sort((a, b) => Number(a) - Number(b));
    const { initval, hashsize } = this.state;
    return this.state.entries
      .map((e, i) => ({ e, i, b: bucketOf(e, initval, hashsize) }))
      .sort((x, y) => x.b - y.b || x.i - y.i)
      .map((x) => x.e);
  }

  /** `Size in memory`: the empty size plus 48 bytes an entry, the odd entry rounding a bucket up (matches 4 → 392, 5 → 456, 6 → 488). */
  sizeInMemory(): number {
    const n = this.state.entries.length;
    if (this.type === 'bitmap:port') return EMPTY_SIZE[this.type];
    return EMPTY_SIZE[this.type] + 48 * n + (n % 2) * 16;
  }

  /** `ipset list NAME` text; `references` = iptables rules that use the set; `sorted` = `-s`. */
  format(references: number, terse = false, sorted = false): string {
    const s = this.state;
    const header =
      this.type === 'bitmap:port'
        ? `range ${s.range ?? '0-65535'}`
        : `family inet hashsize ${s.hashsize} maxelem ${s.maxelem} bucketsize 12 initval 0x${s.initval.toString(16).padStart(8, '0')}`;
    const lines = [
      `Name: ${s.name}`,
      `Type: ${s.type}`,
      `Revision: ${REVISION[s.type]}`,
      `Header: ${header}`,
      `Size in memory: ${this.sizeInMemory()}`,
      `References: ${references}`,
      `Number of entries: ${s.entries.length}`,
    ];
    if (!terse) lines.push('Members:', ...(sorted ? [...this.state.entries].sort() : this.listOrder()));
    return lines.map((l) => `${l}\n`).join('');
  }
}

export type IpsetsState = IpsetState[];

/** All sets of a netns, in creation order (the order `ipset list` prints them). */
export class Ipsets {
  private sets = new Map<string, Ipset>();

  /** `ipset create NAME TYPE [hashsize N] [maxelem N] [range A-B]`; `initval` is drawn by the caller from the seeded rng. */
  create(
    name: string,
    type: IpsetType,
    initval: number,
    opts: { hashsize?: number; maxelem?: number; range?: string } = {},
  ): Ipset {
    if (this.sets.has(name)) throw new IpsetError('Set cannot be created: set with the same name already exists');
    const set = new Ipset({
      name,
      type,
      hashsize: opts.hashsize ?? 1024,
      maxelem: opts.maxelem ?? 65536,
      ...(type === 'bitmap:port' ? { range: opts.range ?? '0-65535' } : {}),
      initval: initval >>> 0,
      entries: [],
    });
    this.sets.set(name, set);
    return set;
  }

  get(name: string): Ipset | undefined {
    return this.sets.get(name);
  }

  /** Sets in creation order. */
  list(): Ipset[] {
    return [...this.sets.values()];
  }

  /** `ipset destroy NAME`. */
  destroy(name: string): boolean {
    return this.sets.delete(name);
  }

  /** The netfilter set match's callback: membership, false for a set that does not exist. */
  test(name: string, p: Packet, flags: readonly ('src' | 'dst')[]): boolean {
    return this.sets.get(name)?.matches(p, flags) ?? false;
  }

  snapshot(): IpsetsState {
    return structuredClone(this.list().map((s) => s.state));
  }

  static restore(snap: IpsetsState | undefined): Ipsets {
    const sets = new Ipsets();
    for (const s of structuredClone(snap ?? [])) sets.sets.set(s.name, new Ipset(s));
    return sets;
  }
}
