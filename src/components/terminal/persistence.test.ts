import { describe, expect, it } from 'vitest';
import {
  loadSession,
  saveSession,
  clearSession,
  storageKey,
  type KeyValueStore,
  type SavedSession,
} from './persistence';

class MemoryStore implements KeyValueStore {
  map = new Map<string, string>();
  /** Total characters the store accepts, like the browser's per-origin quota. */
  constructor(private readonly quota = Infinity) {}
  get length() {
    return this.map.size;
  }
  key(i: number) {
    return [...this.map.keys()][i] ?? null;
  }
  getItem(k: string) {
    return this.map.get(k) ?? null;
  }
  setItem(k: string, v: string) {
    let used = v.length;
    for (const [key, value] of this.map) if (key !== k) used += value.length;
    if (used > this.quota) throw new DOMException('quota', 'QuotaExceededError');
    this.map.set(k, v);
  }
  removeItem(k: string) {
    this.map.delete(k);
  }
}

const KEY = 'netlab:term:v1:how-this-course-works:0';
const identity = { scenario: 'kind-iptables', seed: 1, setup: [] as string[] };
const session: SavedSession = {
  version: 1,
  scenario: 'kind-iptables',
  seed: 1,
  setup: [],
  savedAt: '2026-11-22T10:00:00.000Z',
  snapshot: { version: 1, shells: [] },
  scrollback: ['$ kubectl get nodes'],
};

describe('terminal persistence', () => {
  it('names the key after the format version, the lesson and the terminal', () => {
    expect(storageKey('how-this-course-works', '0')).toBe(KEY);
  });

  it('finds nothing when nothing was saved', () => {
    expect(loadSession(new MemoryStore(), KEY, identity)).toEqual({ kind: 'none' });
  });

  it('restores what it saved', () => {
    const store = new MemoryStore();
    expect(saveSession(store, KEY, session)).toBe(true);
    expect(loadSession(store, KEY, identity)).toEqual({ kind: 'restored', session });
  });

  it('keeps only the last 1000 lines of scrollback', () => {
    const store = new MemoryStore();
    const lines = Array.from({ length: 1005 }, (_, i) => `line ${i}`);
    saveSession(store, KEY, { ...session, scrollback: lines });
    const loaded = loadSession(store, KEY, identity);
    expect(loaded.kind === 'restored' && loaded.session.scrollback[0]).toBe('line 5');
  });

  it('drops and removes an entry that is not JSON', () => {
    const store = new MemoryStore();
    store.setItem(KEY, '{not json');
    expect(loadSession(store, KEY, identity)).toEqual({ kind: 'dropped', reason: 'not valid JSON' });
    expect(store.map.has(KEY)).toBe(false);
  });

  it('drops an entry written by another format version', () => {
    const store = new MemoryStore();
    store.setItem(KEY, JSON.stringify({ ...session, version: 0 }));
    expect(loadSession(store, KEY, identity)).toEqual({
      kind: 'dropped',
      reason: 'saved by format version 0, expected 1',
    });
  });

  it('drops an entry with a missing field and says where', () => {
    const store = new MemoryStore();
    const { scrollback: _, ...partial } = session;
    store.setItem(KEY, JSON.stringify(partial));
    expect(loadSession(store, KEY, identity)).toEqual({ kind: 'dropped', reason: 'unexpected shape at scrollback' });
  });

  it('drops an entry saved for another scenario', () => {
    const store = new MemoryStore();
    saveSession(store, KEY, { ...session, scenario: 'kind-ipvs' });
    expect(loadSession(store, KEY, identity)).toEqual({
      kind: 'dropped',
      reason: 'saved for scenario kind-ipvs, this lesson uses kind-iptables',
    });
  });

  it('keeps an entry an exercise loaded, with its own scenario and setup', () => {
    const store = new MemoryStore();
    const loaded = {
      ...session,
      scenario: 'kind-ipvs',
      setup: ['kubectl create deployment web --image=nginx'],
      label: 'services-1',
    };
    saveSession(store, KEY, loaded);
    expect(loadSession(store, KEY, identity)).toEqual({ kind: 'restored', session: loaded });
  });

  it('drops an entry whose lesson setup has changed', () => {
    const store = new MemoryStore();
    saveSession(store, KEY, session);
    expect(loadSession(store, KEY, { ...identity, setup: ['kubectl create deployment web --image=nginx'] })).toEqual({
      kind: 'dropped',
      reason: 'the lesson setup has changed',
    });
  });

  it('makes room by forgetting the least recently saved other terminal when the quota is full', () => {
    const size = JSON.stringify(session).length;
    const store = new MemoryStore(2 * size + 100);
    store.setItem('netlab:theme', 'dark');
    saveSession(store, 'netlab:term:v1:/a/:0', { ...session, savedAt: '2026-11-20T10:00:00.000Z' });
    saveSession(store, 'netlab:term:v1:/b/:0', { ...session, savedAt: '2026-11-21T10:00:00.000Z' });
    expect(saveSession(store, KEY, session)).toBe(true);
    expect([...store.map.keys()]).toEqual(['netlab:theme', 'netlab:term:v1:/b/:0', KEY]);
  });

  it('gives up without touching other data when nothing can be evicted', () => {
    const store = new MemoryStore(10);
    store.setItem('netlab:theme', 'dark');
    expect(saveSession(store, KEY, session)).toBe(false);
    expect([...store.map.keys()]).toEqual(['netlab:theme']);
  });

  it('survives storage that throws (private mode, full quota)', () => {
    const broken: KeyValueStore = {
      getItem() {
        throw new Error('SecurityError');
      },
      setItem() {
        throw new Error('QuotaExceededError');
      },
      removeItem() {
        throw new Error('SecurityError');
      },
    };
    expect(loadSession(broken, KEY, identity)).toEqual({ kind: 'none' });
    expect(saveSession(broken, KEY, session)).toBe(false);
    expect(() => clearSession(broken, KEY)).not.toThrow();
  });
});
