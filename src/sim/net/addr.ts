/**
 * Addresses for the data plane: the IPv4 helpers (one implementation, in core/ipv4.ts, shared with
 * the cluster's allocators and the CNIs) and the IPv6 link-local address a MAC gives.
 */

export {
  cidrContains,
  cidrSize,
  compareIp,
  formatCidr,
  formatIp,
  maskOf,
  parseCidr,
  parseIp,
  prefixLengthOfMask,
  type Cidr,
} from '../core/ipv4';

/** A MAC as `ip link` prints it: six bytes, two lower-case hex digits each, colon separated. */
export function formatMac(bytes: readonly number[]): string {
  return bytes.map((b) => b.toString(16).padStart(2, '0')).join(':');
}

/** A MAC made of two prefix bytes and an IPv4 address (Docker's 02:42 + container address). */
export function macFromIpv4(prefix: readonly [number, number], addr: number): string {
  return formatMac([...prefix, ...[24, 16, 8, 0].map((s) => (addr >>> s) & 255)]);
}

/** The IPv6 link-local address the kernel derives from a MAC (EUI-64), as `ip addr` and Go print it. */
export function linkLocalFromMac(mac: string): string {
  const b = mac.split(':').map((h) => parseInt(h, 16));
  if (b.length !== 6 || b.some((x) => Number.isNaN(x))) return 'fe80::';
  const words = [((b[0]! ^ 2) << 8) | b[1]!, (b[2]! << 8) | 0xff, 0xfe00 | b[3]!, (b[4]! << 8) | b[5]!];
  // A leading zero word joins the `::` after fe80 (fe80::42:acff:fe12:2).
  while (words.length && words[0] === 0) words.shift();
  return `fe80::${words.map((w) => w.toString(16)).join(':')}`;
}
