/**
 * Who a submission is from and what it was made against: each learner's seed derives from the lab
 * id, the learner id and the lab's salt, so the grader recomputes it (a submission cannot choose its
 * own, and a copied file keeps someone else's); a lab's content hash tells a submission made against
 * an older version of the lab.
 */
import { sha256 } from '@noble/hashes/sha2.js';
import type { LoadedExercise } from './files';
import type { Lab } from './schema';

/** The largest seed: the same range as the lessons' own learner seeds (src/lib/progress.ts). */
export const MAX_LEARNER_SEED = 999_999;

const utf8 = new TextEncoder();

function hex(bytes: Uint8Array): string {
  return [...bytes].map((b) => b.toString(16).padStart(2, '0')).join('');
}

/**
 * A learner's seed for a lab: sha256 of the lab id, the learner id and the salt (NUL-separated, so
 * no two triples collide by concatenation), read as a number in 1..999999. The learner id is matched
 * without regard to case, as the lead types it in a roster and the learner opens a link.
 */
export function learnerSeed(labId: string, learnerId: string, salt: string): number {
  const digest = sha256(utf8.encode(`netlab-lab-seed\0${labId}\0${learnerId.toLowerCase()}\0${salt}`));
  const n = ((digest[0]! << 24) | (digest[1]! << 16) | (digest[2]! << 8) | digest[3]!) >>> 0;
  return 1 + (n % MAX_LEARNER_SEED);
}

/** JSON with object keys sorted at every level and undefined left out: one text per value. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map((v) => canonicalJson(v ?? null)).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/** A check or find task without its `ko` words. */
function withoutTranslation<T extends { ko?: unknown }>(part: T): Omit<T, 'ko'> {
  const { ko: _ko, ...rest } = part;
  return rest;
}

/**
 * The hash of what a learner works against: the lab's id and exercise list, and for each exercise its
 * scenario, goal, setup, checks and find task. Titles, hints, points, dates, rules and the roster can
 * change without making earlier submissions "older". `sha256-` and 16 hex digits.
 */
export function labContentHash(lab: Lab, exercises: ReadonlyMap<string, LoadedExercise>): string {
  const content = {
    id: lab.id,
    exercises: lab.exercises.map((ref) => {
      const ex = exercises.get(ref.id)?.exercise;
      return {
        id: ref.id,
        // The English words only: a translation (`ko`) changes what a learner reads, never the grade.
        ...(ex
          ? {
              scenario: ex.scenario,
              goal: ex.goal,
              setup: ex.setup,
              checks: ex.checks.map(withoutTranslation),
              find: ex.find && withoutTranslation(ex.find),
            }
          : {}),
      };
    }),
  };
  return `sha256-${hex(sha256(utf8.encode(canonicalJson(content)))).slice(0, 16)}`;
}
