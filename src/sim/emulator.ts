/**
 * The emulator: one whole cluster, its nodes' and pods' Linux data plane, and the shells a learner
 * types into. Pure and deterministic (see docs/emulator.md): it runs unchanged in a Web Worker, in
 * Node (CLI, tests) and anywhere else, and everything it holds snapshots to JSON and back.
 */
import { Rng } from './core/rng';
import { VirtualClock } from './core/clock';
import { ObjectStore } from './cluster/store';
import { Cluster } from './cluster/cluster';
import { FileSystems } from './shell/vfs';
import { ShellSession, type ShellSessionSnapshot } from './shell/session';
import { getScenario } from './scenarios';
import type { StoreSnapshot } from './cluster/store';
import { DataPlane, clusterObjects, type DataPlaneSnapshot } from './net/dataplane';
import { createCniPlugin, followCniSettings, ipamFor } from './cni';
import { dataPlaneOptionsFor } from './cni/underlay';
import { followLeases, recordAllLeases } from './cni/ipam-files';
import { installApps } from './apps/serve';

export const SNAPSHOT_VERSION = 1;

export interface EmulatorOptions {
  scenario: string;
  seed?: number;
}

export interface EmulatorSnapshot {
  version: number;
  scenario: string;
  seed: number;
  rng: number;
  clock: number;
  store: StoreSnapshot;
  cluster: unknown;
  files: unknown;
  shells: ShellSessionSnapshot[];
  /** Present once the cluster has a data plane (kind scenarios today). */
  dataPlane?: DataPlaneSnapshot;
}

export const DEFAULT_SEED = 1;

export class Emulator {
  readonly rng: Rng;
  readonly clock = new VirtualClock();
  readonly store: ObjectStore;
  readonly cluster: Cluster;
  readonly files: FileSystems;
  readonly shells: ShellSession[] = [];
  /** Nodes', pods' and the host's network namespaces; follows the API objects. Undefined until a cluster with a data plane exists. */
  dataPlane?: DataPlane;

  private constructor(
    readonly scenario: string,
    readonly seed: number,
  ) {
    this.rng = new Rng(seed);
    this.store = new ObjectStore(this.rng, this.clock);
    this.cluster = new Cluster(this);
    this.files = new FileSystems(this);
  }

  /** Build a scenario's starting cluster. Throws on an unknown scenario id. */
  static create(opts: EmulatorOptions): Emulator {
    const def = getScenario(opts.scenario);
    if (!def) throw new Error(`unknown scenario "${opts.scenario}"`);
    const emu = new Emulator(def.id, opts.seed ?? DEFAULT_SEED);
    def.build(emu);
    emu.attachNetwork();
    return emu;
  }

  /**
   * Give the cluster its data plane once it exists (scenario build, restore, `kind create cluster`):
   * the CNI plugin of `config.cni` wires nodes and pods, over the IPAM that CNI brings.
   */
  attachNetwork(snapshot?: DataPlaneSnapshot): void {
    const config = this.cluster.config;
    if (!config) return;
    const ipam = ipamFor(config.cni, this.cluster.ipam);
    if (ipam) this.cluster.ipam = ipam;
    const cni = createCniPlugin(config.cni, this.cluster.ipam);
    const dp = snapshot
      ? DataPlane.restore(snapshot, this.clock, cni)
      : new DataPlane(this.clock, new Rng(this.seed).fork('dataplane'), dataPlaneOptionsFor(config), cni);
    dp.follow(() => clusterObjects(this.store));
    installApps(this, dp);
    if (!this.dataPlane) {
      this.store.onChange((e) => {
        this.dataPlane?.invalidate();
        if (this.dataPlane) followLeases(this, e);
        if (e.resource === 'daemonsets') followCniSettings(this.cluster.ipam, e.object);
      });
    }
    if (!snapshot) recordAllLeases(this);
    this.dataPlane = dp;
  }

  /** Move virtual time forward and let time-based controllers catch up (pods finishing start-up, ...). */
  advanceTime(ms: number): void {
    this.clock.advance(ms);
    this.cluster.tick();
  }

  /** The learner's terminal shell, starting on the host. Several can coexist (several terminals). */
  openShell(): ShellSession {
    const s = new ShellSession(this);
    this.shells.push(s);
    return s;
  }

  snapshot(): EmulatorSnapshot {
    return {
      version: SNAPSHOT_VERSION,
      scenario: this.scenario,
      seed: this.seed,
      rng: this.rng.getState(),
      clock: this.clock.now(),
      store: this.store.snapshot(),
      cluster: this.cluster.snapshot(),
      files: this.files.snapshot(),
      shells: this.shells.map((s) => s.snapshot()),
      ...(this.dataPlane ? { dataPlane: this.dataPlane.snapshot() } : {}),
    };
  }

  /** Rebuild an emulator from a snapshot. Throws with a clear message when the snapshot is not one this version understands. */
  static restore(snap: EmulatorSnapshot): Emulator {
    if (!snap || typeof snap !== 'object' || snap.version !== SNAPSHOT_VERSION) {
      throw new Error(
        `snapshot version ${(snap as { version?: unknown })?.version} is not supported (expected ${SNAPSHOT_VERSION})`,
      );
    }
    if (!getScenario(snap.scenario)) throw new Error(`unknown scenario "${snap.scenario}" in snapshot`);
    const emu = new Emulator(snap.scenario, snap.seed);
    emu.rng.setState(snap.rng);
    emu.clock.set(snap.clock);
    emu.store.restore(snap.store);
    emu.cluster.restore(snap.cluster);
    emu.files.restore(snap.files);
    emu.attachNetwork(snap.dataPlane);
    for (const s of snap.shells) emu.openShell().restore(s);
    return emu;
  }

  /** An independent copy (used by grading checks, which must not disturb the learner's cluster). */
  clone(): Emulator {
    return Emulator.restore(structuredClone(this.snapshot()));
  }
}
