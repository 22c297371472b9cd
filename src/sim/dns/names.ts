/** Domain-name helpers shared by the server and the resolver: case, trailing dots, reverse names. */
import { parseIp } from '../net/addr';

/** `Web.Default` → `web.default.` (lower case, one trailing dot). */
export function fqdn(name: string): string {
  const n = name.toLowerCase();
  return n.endsWith('.') ? n : `${n}.`;
}

/** `web.default.` → `web.default`. */
export function stripDot(name: string): string {
  return name.endsWith('.') && name !== '.' ? name.slice(0, -1) : name;
}

/** Whether `name` is `zone` or below it (both fully qualified). */
export function inZone(name: string, zone: string): boolean {
  if (zone === '.') return true;
  return name === zone || name.endsWith(`.${zone}`);
}

/** A dotted-quad IPv4 address, strictly. */
export function isIPv4(text: string): boolean {
  return parseIp(text) !== undefined;
}

/** `10.96.0.10` → `10.0.96.10.in-addr.arpa.` */
export function reverseName(ip: string): string {
  return `${ip.split('.').reverse().join('.')}.in-addr.arpa.`;
}

/** `10.0.96.10.in-addr.arpa.` → `10.96.0.10`, or undefined when the name is not a full IPv4 reverse name. */
export function ipFromReverse(name: string): string | undefined {
  const m = /^(\d+)\.(\d+)\.(\d+)\.(\d+)\.in-addr\.arpa\.$/.exec(name);
  if (!m) return undefined;
  const ip = [m[4], m[3], m[2], m[1]].join('.');
  return isIPv4(ip) ? ip : undefined;
}

/** `10.244.1.5` → `10-244-1-5`: the label CoreDNS uses for pods and hostname-less endpoints. */
export function dashedIp(ip: string): string {
  return ip.replace(/\./g, '-');
}
