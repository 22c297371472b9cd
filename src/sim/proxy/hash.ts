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

// Every node hashes the same service and endpoint names on every sync: remember them. The cap keeps
// a long session's memory bounded; a miss only costs a recomputation.
const memo = new Map<string, string>();
const MEMO_CAP = 200_000;

/** The 16-character hash of a string (sha256, base32, truncated). */
export function hash16(input: string): string {
  let h = memo.get(input);
  if (h === undefined) {
    if (memo.size >= MEMO_CAP) memo.clear();
    h = base32(sha256(utf8.encode(input))).slice(0, 16);
    memo.set(input, h);
  }
  return h;
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
