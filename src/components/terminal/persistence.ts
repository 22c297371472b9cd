/**
 * Each lesson's terminal remembers its cluster, history and scrollback in localStorage, so a reload
 * continues where the learner left off. The stored shape is versioned and validated on load: an
 * entry that is corrupt, from an older version or for another scenario is dropped with a reason the
 * terminal prints, never trusted and never allowed to blank the page. Every storage access is in
 * try/catch: private mode and a full quota must not break the terminal, only its memory.
 */
import * as z from 'zod/mini';
import { TRANSCRIPT_LINES } from './transcript';

export const SAVED_SESSION_VERSION = 1;

/** The localStorage key for one terminal of one lesson. */
export function storageKey(lessonId: string, terminalId: string): string {
  return `netlab:term:v${SAVED_SESSION_VERSION}:${lessonId}:${terminalId}`;
}

const SavedSessionSchema = z.object({
  /** Bumped when the stored shape changes; older entries are dropped. */
  version: z.literal(SAVED_SESSION_VERSION),
  /** The scenario the cluster was built from; must match the lesson's. */
  scenario: z.string(),
  seed: z.number(),
  /** The lesson's setup lines when the session started; a changed setup starts fresh. */
  setup: z.array(z.string()),
  /** ISO time of the save, for people reading their storage. */
  savedAt: z.string(),
  /** `Emulator.snapshot()`: the worker validates it when restoring. */
  snapshot: z.unknown(),
  /** The last lines the learner saw (with ANSI colours), shown again above the restored prompt. */
  scrollback: z.array(z.string()),
  /**
   * Set when another island (an exercise) loaded this cluster in place of the lesson's: its label.
   * Such an entry keeps its own scenario, seed and setup.
   */
  label: z.optional(z.string()),
});

export type SavedSession = z.infer<typeof SavedSessionSchema>;

/** What the lesson expects the saved terminal to be. */
export interface SessionIdentity {
  scenario: string;
  seed: number;
  setup: readonly string[];
}

export type LoadResult =
  { kind: 'none' } | { kind: 'restored'; session: SavedSession } | { kind: 'dropped'; reason: string };

/** The slice of `Storage` used here (tests pass a Map-backed fake); `key`/`length` allow eviction. */
export type KeyValueStore = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'> &
  Partial<Pick<Storage, 'key' | 'length'>>;

/** Every saved terminal session, of any format version, starts with this. */
const SESSION_KEY_PREFIX = 'netlab:term:v';

/** Read and validate a saved session; anything unusable is removed and reported with a reason. */
export function loadSession(storage: KeyValueStore | null, key: string, expected: SessionIdentity): LoadResult {
  let raw: string | null;
  try {
    raw = storage?.getItem(key) ?? null;
  } catch {
    return { kind: 'none' };
  }
  if (raw === null) return { kind: 'none' };
  const reason = problemWith(raw, expected);
  if (typeof reason !== 'string') return { kind: 'restored', session: reason };
  clearSession(storage, key);
  return { kind: 'dropped', reason };
}

function problemWith(raw: string, expected: SessionIdentity): SavedSession | string {
  let data: unknown;
  try {
    data = JSON.parse(raw);
  } catch {
    return 'not valid JSON';
  }
  const version = (data as { version?: unknown } | null)?.version;
  if (typeof version === 'number' && version !== SAVED_SESSION_VERSION)
    return `saved by format version ${version}, expected ${SAVED_SESSION_VERSION}`;
  const parsed = SavedSessionSchema.safeParse(data);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return `unexpected shape at ${issue?.path.join('.') || 'top level'}`;
  }
  const s = parsed.data;
  if (s.label !== undefined) return s;
  if (s.scenario !== expected.scenario)
    return `saved for scenario ${s.scenario}, this lesson uses ${expected.scenario}`;
  if (s.seed !== expected.seed) return `saved with seed ${s.seed}, this lesson uses ${expected.seed}`;
  if (s.setup.join('\n') !== expected.setup.join('\n')) return 'the lesson setup has changed';
  return s;
}

/**
 * Store a session; false when storage refused (private mode, or a full quota even after making
 * room). A cluster snapshot is a few hundred kB, so a learner who has used many lessons can fill
 * the origin's quota: the least recently saved other terminals are forgotten first, never
 * anything else the site stores.
 */
export function saveSession(storage: KeyValueStore | null, key: string, session: SavedSession): boolean {
  if (!storage) return false;
  const value = JSON.stringify({ ...session, scrollback: session.scrollback.slice(-TRANSCRIPT_LINES) });
  for (;;) {
    try {
      storage.setItem(key, value);
      return true;
    } catch {
      if (!evictOldestSession(storage, key)) return false;
    }
  }
}

/** Remove the saved terminal session (other than `keep`) saved longest ago; false when there is none. */
function evictOldestSession(storage: KeyValueStore, keep: string): boolean {
  let oldest: { key: string; savedAt: string } | null = null;
  try {
    for (let i = 0; i < (storage.length ?? 0); i++) {
      const k = storage.key?.(i);
      if (!k || k === keep || !k.startsWith(SESSION_KEY_PREFIX)) continue;
      // Read savedAt without parsing a few hundred kB of JSON per entry.
      const savedAt = /"savedAt":"([^"]*)"/.exec(storage.getItem(k) ?? '')?.[1] ?? '';
      if (!oldest || savedAt < oldest.savedAt) oldest = { key: k, savedAt };
    }
    if (!oldest) return false;
    storage.removeItem(oldest.key);
    return true;
  } catch {
    return false;
  }
}

/** Forget a saved session (reset, or an unusable entry). */
export function clearSession(storage: KeyValueStore | null, key: string): void {
  try {
    storage?.removeItem(key);
  } catch {
    // Nothing to do: the entry simply stays until storage works again.
  }
}
