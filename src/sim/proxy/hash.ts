/**
 * kube-proxy's chain names: `KUBE-SVC-`, `KUBE-SVL-`, `KUBE-EXT-`, `KUBE-FW-` and `KUBE-SEP-`
 * followed by the first 16 characters of base32(sha256(...)), exactly as upstream's
 * `portProtoHash` and `servicePortEndpointChainName` compute them, so learners see the real names.
 */
import { sha256 } from '@noble/hashes/sha2.js';

const BASE32_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

/** RFC 4648 base32 (standard alphabet, with `=` padding), as Go's base32.StdEncoding. */
export function base32(bytes: Uint8Array): string {
  let out = '';
  let buffer = 0;
  let bits = 0;
  for (const b of bytes) {
    buffer = (buffer << 8) | b;
    bits += 8;
    while (bits >= 5) {
      out += BASE32_ALPHABET[(buffer >>> (bits - 5)) & 31];
      bits -= 5;
    }
    buffer &= (1 << bits) - 1;
  }
  if (bits > 0) out += BASE32_ALPHABET[(buffer << (5 - bits)) & 31];
  while (out.length % 8 !== 0) out += '=';
  return out;
}

const utf8 = new TextEncoder();

/** The 16-character hash of a string (sha256, base32, truncated). */
export function hash16(input: string): string {
  return base32(sha256(utf8.encode(input))).slice(0, 16);
}

/** upstream portProtoHash: the suffix shared by a service port's SVC, SVL, EXT and FW chains. */
export function portProtoHash(servicePortName: string, protocol: string): string {
  return hash16(servicePortName + protocol);
}

/** upstream servicePortEndpointChainName: `KUBE-SEP-` + hash of service port name, protocol and "ip:port". */
export function servicePortEndpointChainName(servicePortName: string, protocol: string, endpoint: string): string {
  return `KUBE-SEP-${hash16(servicePortName + protocol + endpoint)}`;
}

/** ServicePortName.String(): "ns/name", plus ":port" when the port has a name. */
export function servicePortNameString(namespace: string, name: string, portName: string | undefined): string {
  return portName ? `${namespace}/${name}:${portName}` : `${namespace}/${name}`;
}
