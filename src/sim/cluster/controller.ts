/**
 * What a controller is and what it may touch. A controller declares the resources it watches; after
 * every API change the cluster hands each changed object to the controllers that watch its resource,
 * in the order the composition root (`src/sim/emulator.ts`) lists them, round after round until
 * nothing changes. Controllers see a `ControllerContext` (read the store, write objects, record
 * events, the virtual clock and the cluster's seeded stream), never the whole emulator.
 */
import type { Rng } from '../core/rng';
import type { PodIpam } from './ipam';
import type { ApiResource } from './resources';
import type { ObjectStore } from './store';
import type { ClusterConfig, KubeObject } from './types';
import type { EventInput } from './events';

/** A pod the kubelet is starting: key `ns/name` in `ControllerContext.starts`. */
export interface PodStart {
  uid: string;
  node: string;
  /** Virtual ms at which the containers are started and the pod turns Running. */
  runningAt: number;
  /** Images pulled for this start, with the pull duration in ms (for the Pulled event message). */
  pulls: Array<{ image: string; ms: number; size: number }>;
  /** The sandbox's address, published in status.podIP once the containers run. */
  podIP?: string;
}

/** A pod being deleted gracefully (Terminating), removed from the store at `at`. */
export interface PodTermination {
  uid: string;
  at: number;
}

/** Read access to the API objects (controllers write through the context, never to the store). */
export type ObjectReader = Pick<ObjectStore, 'get' | 'list' | 'changeOf'>;

export interface ControllerContext {
  readonly store: ObjectReader;
  /** The cluster's configuration (undefined only before a cluster exists). */
  readonly config: ClusterConfig | undefined;
  /** The cluster's own seeded stream (pod suffixes, scheduling ties, pull times). */
  readonly rng: Rng;
  /** Virtual time in ms. */
  now(): number;
  /** A 5-character name suffix from the seeded stream (`web-7d9f8c6b5-q8m3z`). */
  suffix(): string;
  /** Write an object a controller changed, only if it differs from what is stored; true when it did. */
  write(next: KubeObject): boolean;
  /** Create an object on behalf of a controller (no validation, defaults applied). */
  createInternal(obj: KubeObject): KubeObject;
  /** Delete an object on behalf of a controller (pods terminate gracefully). */
  deleteInternal(
    resource: string,
    namespace: string | undefined,
    name: string,
    opts?: { gracePeriodSeconds?: number },
  ): void;
  /** Record an Event (Scheduled, Pulling, SuccessfulCreate, ...). */
  recordEvent(e: EventInput): void;
  /** The resource an object's apiVersion/kind maps to. */
  resourceFor(obj: KubeObject): ApiResource;
  /** What a container wrote to stdout (the kubelet's log files). */
  appendLog(namespace: string, pod: string, container: string, text: string): void;
  /** The kubelet's bookkeeping, snapshotted with the cluster: pods starting, pods terminating, images pulled per node. */
  readonly starts: Record<string, PodStart>;
  readonly terminations: Record<string, PodTermination>;
  readonly nodeImages: Record<string, string[]>;
  /** Pod IP allocation (host-local, Weave's or the VPC CNI's ipamd). */
  readonly ipam: PodIpam;
  /**
   * True the first time a key is asked for in this reconcile round, false after: a controller that
   * syncs an owner for each of its children's changes (a ReplicaSet per pod) syncs it once per round,
   * as a workqueue coalesces keys. Safe because every change made after that sync queues work for
   * the next round.
   */
  firstInRound(key: string): boolean;
}

/** One changed object, as the controllers see it: `object` is what the store held when the change was dispatched (undefined once deleted). */
export interface ObjectChange {
  resource: string;
  namespace?: string;
  name: string;
  object: KubeObject | undefined;
}

export interface Controller {
  /** A short name for messages and docs (`replicaset`, `scheduler`). */
  readonly name: string;
  /** Plural resource names whose changes this controller reacts to. */
  readonly watches: readonly string[];
  /** React to one changed object of a watched resource. */
  sync(ctx: ControllerContext, change: ObjectChange): void;
  /** Time-based work after the clock moved (the kubelet starting containers, graceful deletions ending). */
  tick?(ctx: ControllerContext): void;
}

/** An admission plugin: mutates objects on their way into the store, after defaults, before storage. */
export interface AdmissionPlugin {
  readonly name: string;
  /** An object being created (not yet stored). */
  admitCreate?(ctx: ControllerContext, obj: KubeObject): void;
  /** An object replacing `live`. */
  admitUpdate?(ctx: ControllerContext, live: KubeObject, obj: KubeObject): void;
}
