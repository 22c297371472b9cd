/**
 * The keys `openssl genrsa` hands out: pairs of the learners' primes (primes.ts), in an order that
 * depends on the emulator's seed, so each call gets a new valid 2048-bit key (up to 2016 of them per
 * seed) and two learners rarely share one. Computing a key from its primes takes well under a
 * millisecond, where searching for fresh primes would take seconds in a phone's browser.
 */
import { fnv32a } from '../cluster/hash';
import { CLUSTER_PRIMES, PRIME_POOL } from './primes';
import { poolKey, type RsaPrivateKey } from './rsa';

const FIRST = CLUSTER_PRIMES;
const COUNT = PRIME_POOL.length - CLUSTER_PRIMES;
/** How many distinct keys one seed can draw before they repeat. */
export const LEARNER_KEYS = (COUNT * (COUNT - 1)) / 2;

function gcd(a: number, b: number): number {
  while (b) [a, b] = [b, a % b];
  return a;
}

/** Pair number `k` of the learners' primes (pairs i < j in order). */
function pair(k: number): [number, number] {
  let i = 0;
  let left = k;
  while (left >= COUNT - 1 - i) {
    left -= COUNT - 1 - i;
    i++;
  }
  return [FIRST + i, FIRST + i + 1 + left];
}

/** The `draw`-th key `openssl genrsa` makes in an emulator with this seed: an affine permutation of the pairs. */
export function learnerKey(seed: number, draw: number): RsaPrivateKey {
  let a = (fnv32a(`genrsa/a/${seed}`) % LEARNER_KEYS) | 1;
  while (gcd(a, LEARNER_KEYS) !== 1) a += 2;
  const b = fnv32a(`genrsa/b/${seed}`) % LEARNER_KEYS;
  const [i, j] = pair((((a * (draw % LEARNER_KEYS)) % LEARNER_KEYS) + b) % LEARNER_KEYS);
  return poolKey(i, j);
}
