/**
 * The API object store: what etcd and the API server's registry are to a real cluster. It assigns
 * uid, resourceVersion and creationTimestamp, keeps objects as plain JSON, and records every change
 * so controllers (and `kubectl get -w`) can react. It does no validation of specs: that belongs to
 * the API layer in front of it.
 */
import type { KubeObject } from './types';
import type { ApiResource } from './resources';
import type { Rng } from '../core/rng';
import type { VirtualClock } from '../core/clock';
import { rfc3339 } from '../format/duration';

export type WatchEventType = 'ADDED' | 'MODIFIED' | 'DELETED';
export interface StoreEvent {
  type: WatchEventType;
  resource: string;
  object: KubeObject;
}

export interface StoreSnapshot {
  resourceVersion: number;
  objects: Record<string, KubeObject[]>;
}

function key(namespace: string | undefined, name: string): string {
  return namespace ? `${namespace}/${name}` : name;
}

export class ObjectStore {
  private byResource = new Map<string, Map<string, KubeObject>>();
  private rv = 1000;
  private listeners: Array<(e: StoreEvent) => void> = [];
  /** A counter that moves on every change, and its value at each resource's last change (see `changeOf`). */
  private changeSeq = 0;
  private lastChange = new Map<string, number>();
  /** Each resource's objects in list order, as of its last change: controllers list far more often than they write. */
  private sorted = new Map<string, { change: number; objects: KubeObject[] }>();

  constructor(
    private readonly rng: Rng,
    private readonly clock: VirtualClock,
  ) {}

  private bucket(resource: string): Map<string, KubeObject> {
    let b = this.byResource.get(resource);
    if (!b) this.byResource.set(resource, (b = new Map()));
    return b;
  }

  get(resource: string, namespace: string | undefined, name: string): KubeObject | undefined {
    return this.byResource.get(resource)?.get(key(namespace, name));
  }

  /** Objects of a resource, optionally in one namespace, sorted by namespace then name (as the API server lists them). */
  list(resource: string, namespace?: string): KubeObject[] {
    const b = this.byResource.get(resource);
    if (!b) return [];
    const change = this.changeOf(resource);
    let cached = this.sorted.get(resource);
    if (!cached || cached.change !== change) {
      // Byte order, as etcd keys sort (localeCompare would ignore '-' and '.' at the first level).
      const cmp = (x: string, y: string) => (x < y ? -1 : x > y ? 1 : 0);
      const objects = [...b.values()].sort(
        (a, b2) =>
          cmp(a.metadata.namespace ?? '', b2.metadata.namespace ?? '') || cmp(a.metadata.name, b2.metadata.name),
      );
      this.sorted.set(resource, (cached = { change, objects }));
    }
    // A fresh array every time: callers may sort or splice what they get.
    return namespace === undefined
      ? cached.objects.slice()
      : cached.objects.filter((o) => o.metadata.namespace === namespace);
  }

  /**
   * A token that differs whenever a resource's objects may have changed (create, update, delete,
   * restore) since it was last read: lets a controller whose result depends only on one resource
   * skip work that would change nothing. Not state: it restarts with every store.
   */
  changeOf(resource: string): number {
    return this.lastChange.get(resource) ?? 0;
  }

  private changed(resource: string): void {
    this.lastChange.set(resource, ++this.changeSeq);
  }

  /** Store a new object, filling uid, resourceVersion and creationTimestamp. The caller checks for conflicts first. */
  create(res: ApiResource, obj: KubeObject): KubeObject {
    const meta = obj.metadata;
    if (!res.namespaced) delete meta.namespace;
    meta.uid ??= this.uid();
    meta.creationTimestamp ??= rfc3339(this.clock.now());
    meta.resourceVersion = String(++this.rv);
    this.bucket(res.plural).set(key(meta.namespace, meta.name), obj);
    this.emit({ type: 'ADDED', resource: res.plural, object: obj });
    return obj;
  }

  /** Replace a stored object (same namespace/name), bumping resourceVersion. */
  update(res: ApiResource, obj: KubeObject): KubeObject {
    obj.metadata.resourceVersion = String(++this.rv);
    this.bucket(res.plural).set(key(obj.metadata.namespace, obj.metadata.name), obj);
    this.emit({ type: 'MODIFIED', resource: res.plural, object: obj });
    return obj;
  }

  delete(res: ApiResource, namespace: string | undefined, name: string): KubeObject | undefined {
    const b = this.byResource.get(res.plural);
    const k = key(res.namespaced ? namespace : undefined, name);
    const obj = b?.get(k);
    if (!obj) return undefined;
    b!.delete(k);
    this.rv++;
    this.emit({ type: 'DELETED', resource: res.plural, object: obj });
    return obj;
  }

  onChange(listener: (e: StoreEvent) => void): () => void {
    this.listeners.push(listener);
    return () => {
      this.listeners = this.listeners.filter((l) => l !== listener);
    };
  }

  private emit(e: StoreEvent): void {
    this.changed(e.resource);
    for (const l of this.listeners) l(e);
  }

  /** A random RFC 4122 version-4 UUID drawn from the seeded RNG. */
  uid(): string {
    const hex = this.rng.string('0123456789abcdef', 32).split('');
    hex[12] = '4';
    hex[16] = '89ab'[this.rng.int(4)]!;
    const s = hex.join('');
    return `${s.slice(0, 8)}-${s.slice(8, 12)}-${s.slice(12, 16)}-${s.slice(16, 20)}-${s.slice(20)}`;
  }

  currentResourceVersion(): number {
    return this.rv;
  }

  snapshot(): StoreSnapshot {
    const objects: Record<string, KubeObject[]> = {};
    for (const [res, b] of this.byResource) objects[res] = structuredClone([...b.values()]);
    return { resourceVersion: this.rv, objects };
  }

  restore(snap: StoreSnapshot): void {
    this.rv = snap.resourceVersion;
    for (const res of new Set([...this.byResource.keys(), ...Object.keys(snap.objects)])) this.changed(res);
    this.byResource.clear();
    for (const [res, objs] of Object.entries(snap.objects)) {
      const b = this.bucket(res);
      for (const o of structuredClone(objs)) b.set(key(o.metadata.namespace, o.metadata.name), o);
    }
  }
}
