/**
 * A DNS message as the emulator passes it around: the question, the header bits the tools print
 * (rcode, AA, RA) and the three record sections. Plain data (JSON), so a reply can sit in a trace or
 * a snapshot. `wireSize` is the length of the message on the wire (RFC 1035 4.1), which `dig` prints
 * as `MSG SIZE  rcvd`.
 */

export type RRType = 'A' | 'AAAA' | 'CNAME' | 'PTR' | 'SRV' | 'SOA' | 'TXT' | 'NS' | 'MX' | 'ANY';
export type Rcode = 'NOERROR' | 'FORMERR' | 'SERVFAIL' | 'NXDOMAIN' | 'NOTIMP' | 'REFUSED';

/** Numeric type codes (RFC 1035, 3596, 2782): used for wire sizes and `TYPEnn` fallbacks. */
export const RR_TYPE_CODES: Record<RRType, number> = {
  A: 1,
  NS: 2,
  CNAME: 5,
  SOA: 6,
  PTR: 12,
  MX: 15,
  TXT: 16,
  AAAA: 28,
  SRV: 33,
  ANY: 255,
};

export interface SrvData {
  priority: number;
  weight: number;
  port: number;
  target: string;
}
export interface SoaData {
  mname: string;
  rname: string;
  serial: number;
  refresh: number;
  retry: number;
  expire: number;
  minimum: number;
}

/** Record data by type; names are fully qualified with the trailing dot. */
export type RData =
  | { type: 'A'; address: string }
  | { type: 'AAAA'; address: string }
  | { type: 'CNAME'; target: string }
  | { type: 'PTR'; target: string }
  | { type: 'NS'; target: string }
  | ({ type: 'SRV' } & SrvData)
  | ({ type: 'SOA' } & SoaData)
  | { type: 'TXT'; text: string };

export interface ResourceRecord {
  /** Owner name, fully qualified, trailing dot (`web.default.svc.cluster.local.`). */
  name: string;
  ttl: number;
  rdata: RData;
}

export interface DnsQuestion {
  /** Fully qualified, trailing dot. */
  name: string;
  type: RRType;
  /** The query carries an EDNS OPT record (dig's, with its 1232-byte UDP size and a client COOKIE); glibc's stub resolver sends none unless resolv.conf says `options edns0`. */
  edns?: boolean;
}

export interface DnsResponse {
  question: DnsQuestion;
  rcode: Rcode;
  /** Authoritative answer (CoreDNS's kubernetes plugin and its cache set it). */
  aa: boolean;
  /** Recursion available (set by upstream resolvers, never by CoreDNS's kubernetes plugin). */
  ra: boolean;
  answer: ResourceRecord[];
  authority: ResourceRecord[];
  additional: ResourceRecord[];
}

/** A record's data as zone files and dig print it (`10.96.0.1`, `0 100 80 web.default.svc.cluster.local.`). */
export function rdataText(rd: RData): string {
  switch (rd.type) {
    case 'A':
    case 'AAAA':
      return rd.address;
    case 'CNAME':
    case 'PTR':
    case 'NS':
      return rd.target;
    case 'SRV':
      return `${rd.priority} ${rd.weight} ${rd.port} ${rd.target}`;
    case 'SOA':
      return `${rd.mname} ${rd.rname} ${rd.serial} ${rd.refresh} ${rd.retry} ${rd.expire} ${rd.minimum}`;
    case 'TXT':
      return `"${rd.text}"`;
  }
}

/** Length of a domain name in wire format: each label with its length byte, then the root byte. */
export function nameWireLength(name: string): number {
  const labels = name
    .replace(/\.$/, '')
    .split('.')
    .filter((l) => l !== '');
  return labels.reduce((n, l) => n + 1 + l.length, 0) + 1;
}

function rdataWireLength(rd: RData): number {
  switch (rd.type) {
    case 'A':
      return 4;
    case 'AAAA':
      return 16;
    case 'CNAME':
    case 'PTR':
    case 'NS':
      return nameWireLength(rd.target);
    case 'SRV':
      return 6 + nameWireLength(rd.target);
    case 'SOA':
      return nameWireLength(rd.mname) + nameWireLength(rd.rname) + 20;
    case 'TXT':
      return 1 + rd.text.length;
  }
}

/**
 * Bytes of the message on the wire. CoreDNS leaves small UDP replies uncompressed (request.Scrub
 * compresses only above ~1480 bytes), so names are counted in full. `ednsOptionBytes` is the
 * length of the OPT record's options (an echoed 8-byte client COOKIE is 12); undefined = no OPT.
 */
export function wireSize(msg: DnsResponse, ednsOptionBytes?: number): number {
  let n = 12 + nameWireLength(msg.question.name) + 4;
  for (const rr of [...msg.answer, ...msg.authority, ...msg.additional])
    n += nameWireLength(rr.name) + 10 + rdataWireLength(rr.rdata);
  if (ednsOptionBytes !== undefined) n += 11 + ednsOptionBytes;
  return n;
}

/** A reply with no records. */
export function emptyResponse(question: DnsQuestion, rcode: Rcode, aa: boolean, ra: boolean): DnsResponse {
  return { question, rcode, aa, ra, answer: [], authority: [], additional: [] };
}
