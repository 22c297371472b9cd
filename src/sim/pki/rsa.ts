/**
 * RSA keys and PKCS #1 v1.5 signatures (RFC 8017) over BigInt. Keys are pairs of primes from the
 * pool (primes.ts): the rest of a key (n, d and the CRT values) is computed from them, exactly as
 * OpenSSL derives it, so the PEM files the emulator writes are keys `openssl rsa -check` accepts.
 * Signing costs two 1024-bit exponentiations (a few ms); signatures are memoised by key and input,
 * since a certificate's bytes, and so its signature, are a pure function of the model.
 */
import { sha256 } from '@noble/hashes/sha2.js';
import { PRIME_POOL } from './primes';

export interface RsaPublicKey {
  n: bigint;
  e: bigint;
}

export interface RsaPrivateKey extends RsaPublicKey {
  d: bigint;
  p: bigint;
  q: bigint;
  dp: bigint;
  dq: bigint;
  qi: bigint;
}

export const PUBLIC_EXPONENT = 65537n;

/** Big-endian unsigned bytes of `x` (at least `len` bytes long, zero-padded on the left). */
export function bigintToBytes(x: bigint, len = 0): Uint8Array {
  let hex = x.toString(16);
  if (hex.length % 2) hex = '0' + hex;
  const n = Math.max(len, hex.length / 2);
  const out = new Uint8Array(n);
  const off = n - hex.length / 2;
  for (let i = 0; i < hex.length / 2; i++) out[off + i] = parseInt(hex.slice(2 * i, 2 * i + 2), 16);
  return out;
}

/** The unsigned big-endian integer in `bytes`. */
export function bytesToBigint(bytes: Uint8Array): bigint {
  let hex = '';
  for (const b of bytes) hex += b.toString(16).padStart(2, '0');
  return hex ? BigInt('0x' + hex) : 0n;
}

/** Number of bits in `x` (0 for 0). */
export function bitLength(x: bigint): number {
  return x === 0n ? 0 : x.toString(2).length;
}

/** `base^exp mod m`, left to right, four bits at a time (a fixed window) */
export function modPow(base: bigint, exp: bigint, m: bigint): bigint {
  if (m === 1n) return 0n;
  const b = ((base % m) + m) % m;
  const table: bigint[] = [1n, b];
  for (let i = 2; i < 16; i++) table.push((table[i - 1]! * b) % m);
  const hex = exp.toString(16);
  let r = 1n;
  for (const ch of hex) {
    r = (r * r) % m;
    r = (r * r) % m;
    r = (r * r) % m;
    r = (r * r) % m;
    const w = parseInt(ch, 16);
    if (w) r = (r * table[w]!) % m;
  }
  return r;
}

/** `a^-1 mod m` (extended Euclid); throws when they share a factor. */
export function modInverse(a: bigint, m: bigint): bigint {
  let [oldR, r] = [((a % m) + m) % m, m];
  let [oldS, s] = [1n, 0n];
  while (r !== 0n) {
    const q = oldR / r;
    [oldR, r] = [r, oldR - q * r];
    [oldS, s] = [s, oldS - q * s];
  }
  if (oldR !== 1n) throw new Error('not invertible');
  return ((oldS % m) + m) % m;
}

function gcd(a: bigint, b: bigint): bigint {
  while (b) [a, b] = [b, a % b];
  return a;
}

/**
 * The key made of two primes, as OpenSSL builds it: p the larger, d = e^-1 mod lcm(p-1, q-1)
 * (FIPS 186-4, what OpenSSL 3 uses), and the CRT exponents and coefficient.
 */
export function keyFromPrimes(a: bigint, b: bigint): RsaPrivateKey {
  const [p, q] = a > b ? [a, b] : [b, a];
  const e = PUBLIC_EXPONENT;
  const lambda = ((p - 1n) * (q - 1n)) / gcd(p - 1n, q - 1n);
  const d = modInverse(e, lambda);
  return { n: p * q, e, d, p, q, dp: d % (p - 1n), dq: d % (q - 1n), qi: modInverse(q, p) };
}

const primeCache = new Map<number, bigint>();

/** Prime `i` of the pool. */
export function poolPrime(i: number): bigint {
  let v = primeCache.get(i);
  if (v === undefined) {
    const hex = PRIME_POOL[i];
    if (hex === undefined) throw new Error(`no prime ${i} in the pool`);
    v = BigInt('0x' + hex);
    primeCache.set(i, v);
  }
  return v;
}

const keyCache = new Map<string, RsaPrivateKey>();

/** The key made of pool primes `i` and `j` (i ≠ j). */
export function poolKey(i: number, j: number): RsaPrivateKey {
  const id = i < j ? `${i}/${j}` : `${j}/${i}`;
  let k = keyCache.get(id);
  if (!k) {
    k = keyFromPrimes(poolPrime(i), poolPrime(j));
    keyCache.set(id, k);
  }
  return k;
}

/** Whether the private key and the public key are halves of one key pair. */
export function sameKey(a: RsaPublicKey, b: RsaPublicKey): boolean {
  return a.n === b.n && a.e === b.e;
}

/** DER of DigestInfo { sha256, digest } (RFC 8017 §9.2 note 1). */
const SHA256_DIGEST_INFO = Uint8Array.from([
  0x30, 0x31, 0x30, 0x0d, 0x06, 0x09, 0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02, 0x01, 0x05, 0x00, 0x04, 0x20,
]);

/** EMSA-PKCS1-v1_5 encoding of SHA-256(message) for a modulus of `k` bytes. */
function emsaPkcs1(message: Uint8Array, k: number): bigint {
  const t = new Uint8Array(SHA256_DIGEST_INFO.length + 32);
  t.set(SHA256_DIGEST_INFO);
  t.set(sha256(message), SHA256_DIGEST_INFO.length);
  const em = new Uint8Array(k).fill(0xff);
  em[0] = 0;
  em[1] = 1;
  em[k - t.length - 1] = 0;
  em.set(t, k - t.length);
  return bytesToBigint(em);
}

function modulusBytes(key: RsaPublicKey): number {
  return Math.ceil(bitLength(key.n) / 8);
}

const signatureCache = new Map<string, Uint8Array>();
const SIGNATURE_CACHE_LIMIT = 512;

function hexOf(bytes: Uint8Array): string {
  let s = '';
  for (const b of bytes) s += b.toString(16).padStart(2, '0');
  return s;
}

/** The key a signature is cached under: the signer and what it signed. */
export function signatureKey(key: RsaPublicKey, message: Uint8Array): string {
  return `${key.n.toString(36).slice(0, 24)}/${hexOf(sha256(message))}`;
}

/** RSASSA-PKCS1-v1_5 with SHA-256 (sha256WithRSAEncryption), CRT. */
export function signSha256(key: RsaPrivateKey, message: Uint8Array): Uint8Array {
  const cacheKey = signatureKey(key, message);
  const hit = signatureCache.get(cacheKey);
  if (hit) return hit;
  const k = modulusBytes(key);
  const m = emsaPkcs1(message, k);
  const m1 = modPow(m, key.dp, key.p);
  const m2 = modPow(m, key.dq, key.q);
  const h = (key.qi * (((m1 - m2) % key.p) + key.p)) % key.p;
  const sig = bigintToBytes(m2 + h * key.q, k);
  if (signatureCache.size >= SIGNATURE_CACHE_LIMIT) signatureCache.delete(signatureCache.keys().next().value!);
  signatureCache.set(cacheKey, sig);
  return sig;
}

/** Whether `signature` is key's sha256WithRSAEncryption signature of `message`. */
export function verifySha256(key: RsaPublicKey, message: Uint8Array, signature: Uint8Array): boolean {
  const k = modulusBytes(key);
  if (signature.length !== k) return false;
  const s = bytesToBigint(signature);
  if (s >= key.n) return false;
  return modPow(s, key.e, key.n) === emsaPkcs1(message, k);
}
