/**
 * IPv4 addresses as unsigned 32-bit numbers: the one implementation of dotted-quad and CIDR text
 * that the data plane (routes, -s/-d matches, conntrack tuples), the cluster's allocators and the
 * CNIs share. Numbers compare, mask and snapshot trivially. Parsing validates: text from learners
 * gives `undefined` when it is not an address; the `…OrThrow` forms are for configuration that was
 * validated at the edge, where a bad value is a bug.
 */

/** An IPv4 prefix: network address (host bits cleared) and prefix length 0..32. */
export interface Cidr {
  addr: number;
  len: number;
}

/** Parses dotted-quad text ("10.96.0.1") to a number; undefined when it is not a valid IPv4 address. */
export function parseIp(text: string): number | undefined {
  const parts = text.split('.');
  if (parts.length !== 4) return undefined;
  let n = 0;
  for (const p of parts) {
    if (!/^\d{1,3}$/.test(p)) return undefined;
    const v = Number(p);
    if (v > 255) return undefined;
    n = n * 256 + v;
  }
  return n >>> 0;
}

/** Formats a number as dotted-quad text. */
export function formatIp(n: number): string {
  return `${(n >>> 24) & 255}.${(n >>> 16) & 255}.${(n >>> 8) & 255}.${n & 255}`;
}

/** The netmask of a prefix length as a number (len 0 gives 0). */
export function maskOf(len: number): number {
  return len === 0 ? 0 : (0xffffffff << (32 - len)) >>> 0;
}

/** Parses "10.244.0.0/16", "10.96.0.1" (taken as /32) or "10.0.0.0/255.255.0.0"; host bits are cleared as iptables does. */
export function parseCidr(text: string): Cidr | undefined {
  const slash = text.indexOf('/');
  const ip = parseIp(slash < 0 ? text : text.slice(0, slash));
  if (ip === undefined) return undefined;
  let len = 32;
  if (slash >= 0) {
    const m = text.slice(slash + 1);
    if (/^\d{1,2}$/.test(m) && Number(m) <= 32) len = Number(m);
    else {
      const mask = parseIp(m);
      if (mask === undefined) return undefined;
      len = prefixLengthOfMask(mask);
      if (len < 0) return undefined;
    }
  }
  return { addr: (ip & maskOf(len)) >>> 0, len };
}

/** The prefix length of a contiguous netmask, or -1 when the mask has holes. */
export function prefixLengthOfMask(mask: number): number {
  for (let len = 0; len <= 32; len++) if (maskOf(len) === mask >>> 0) return len;
  return -1;
}

/** Formats a prefix always with its length ("10.96.0.1/32"), as iptables-save prints addresses. */
export function formatCidr(c: Cidr): string {
  return `${formatIp(c.addr)}/${c.len}`;
}

/** Whether `ip` lies inside `c`. */
export function cidrContains(c: Cidr, ip: number): boolean {
  return (ip & maskOf(c.len)) >>> 0 === c.addr;
}

/** How many addresses a prefix spans, network and broadcast included (a /24 has 256). */
export function cidrSize(c: Cidr): number {
  return 2 ** (32 - c.len);
}

/** Orders two addresses as unsigned numbers (for sorting). */
export function compareIp(a: number, b: number): number {
  return a - b;
}

/** parseIp for an address that was validated already (cluster configuration, an allocated pod IP); throws otherwise. */
export function parseIpOrThrow(text: string): number {
  const n = parseIp(text);
  if (n === undefined) throw new Error(`not an IPv4 address: ${JSON.stringify(text)}`);
  return n;
}

/** parseCidr for a prefix that was validated already (podSubnet, serviceSubnet, a VPC subnet); throws otherwise. */
export function parseCidrOrThrow(text: string): Cidr {
  const c = parseCidr(text);
  if (!c) throw new Error(`not an IPv4 CIDR: ${JSON.stringify(text)}`);
  return c;
}
