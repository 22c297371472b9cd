/**
 * The emulator: one whole cluster, its nodes' and pods' Linux data plane, and the shells a learner
 * types into. Pure and deterministic (see docs/emulator.md): it runs unchanged in a Web Worker, in
 * Node (CLI, tests) and anywhere else, and everything it holds snapshots to JSON and back.
 *
 * This module is also the composition root: the one place that lists the commands, generated files,
 * exit hooks, the API server's handler and the scenarios, and wires them into each emulator. No
 * module registers itself by being imported; to add a part, export it from its module and list it below.
 */
import { Rng } from './core/rng';
import { VirtualClock } from './core/clock';
import { ObjectStore } from './cluster/store';
import { Cluster } from './cluster/cluster';
import type { AdmissionPlugin, Controller } from './cluster/controller';
import { FileSystems, type FileProvider } from './shell/vfs';
import { ShellSession, type ShellSessionSnapshot } from './shell/session';
import { CommandTable } from './shell/commandtable';
import type { ExitHandler, ExitHookHandler } from './shell/exithooks';
import type { CommandSpec } from './shell/types';
import type { StoreSnapshot } from './cluster/store';
import { DataPlane, type DataPlaneSnapshot } from './net/dataplane';
import { clusterObjects, type NodeAgent } from './net/agent';
import { nodeLocalDnsAgent } from './net/nodecache';
import { kubeProxyAgent } from './proxy/agent';
import { cniAgent } from './cni/agent';
import type { CniPlugin } from './cni/types';
import { createCniPlugin, followCniSettings, ipamFor } from './cni';
import { dataPlaneOptionsFor } from './cni/underlay';
import { followLeases, recordAllLeases } from './cni/ipam-files';
import { installApps } from './apps/serve';
import type { ApiRequest, ApiResponse } from './apps/apiserver';
import type { ScenarioDefinition } from './scenarios/types';
// Controllers and admission
import { namespaceController } from './cluster/controllers/namespace';
import { pendingPodsController, schedulerController } from './cluster/controllers/scheduler';
import { kubeletController } from './cluster/controllers/kubelet';
import { replicaSetController } from './cluster/controllers/replicaset';
import { deploymentController } from './cluster/controllers/deployment';
import { daemonSetController } from './cluster/controllers/daemonset';
import { statefulSetController } from './cluster/controllers/statefulset';
import { endpointsController } from './cluster/controllers/endpointslice';
import { clusterRoleAggregationController } from './rbac/aggregation';
import { tokenController } from './rbac/tokencontroller';
import { csrSigningController } from './certificates/signer';
import { certificateSigningRequestValidation, certificateSubjectRestriction } from './certificates/csr';
import { serviceAccountAdmission } from './rbac/admission';
// Scenarios
import { kindIptablesScenario } from './scenarios/kind-iptables';
import { kindIpvsScenario } from './scenarios/kind-ipvs';
import { awsVpcCniScenario } from './scenarios/aws-vpc-cni';
import { weaveScenario } from './scenarios/weave';
import { emptyScenario } from './scenarios/empty';
// Commands: shell builtins and coreutils
import {
  aliasCommand,
  cdCommand,
  exportCommand,
  historyCommand,
  pwdCommand,
  readCommand,
  trueFalseCommands,
  typeCommand,
  unaliasCommand,
  unsetCommand,
  whichCommand,
} from './commands/coreutils/builtins';
import { echoCommand, printfCommand } from './commands/coreutils/echo';
import { exprCommand } from './commands/coreutils/expr';
import { catCommand, lsCommand, mkdirCommand, rmCommand, teeCommand, touchCommand } from './commands/coreutils/files';
import { egrepCommand, grepCommand } from './commands/coreutils/grep';
import { sortCommand, uniqCommand } from './commands/coreutils/sort';
import {
  clearCommand,
  envCommand,
  helpCommand,
  idCommand,
  shellCommands,
  sudoCommand,
  whoamiCommand,
} from './commands/coreutils/system';
import { bracketTestCommand, testCommand } from './commands/coreutils/test';
import { cutCommand, headCommand, seqCommand, tailCommand, trCommand, wcCommand } from './commands/coreutils/text';
import { dateCommand, sleepCommand, watchCommand } from './commands/coreutils/time';
import { xargsCommand } from './commands/coreutils/xargs';
import { sedCommand } from './commands/coreutils/sed';
import { awkCommand } from './commands/coreutils/awk';
import { base64Command } from './commands/coreutils/base64';
import { fgCommand, jobsCommand, killCommand } from './commands/coreutils/jobcontrol';
// Commands: Kubernetes, containers, machines
import { kubectlCommand } from './commands/kubectl';
import { runAttachExitHook } from './commands/kubectl/workloads';
import { kindCommand } from './commands/kind';
import { dockerCommand } from './commands/docker';
import { dockerRunExitHook } from './commands/docker-run';
import { sshCommand } from './commands/ssh';
import { awsCommand } from './commands/aws';
import { weaveCommand, weaveScriptProvider } from './commands/weave';
import { aptCommands } from './commands/apt';
import { hostnameCommand } from './commands/hostname';
import { opensslCommand } from './commands/openssl';
// Commands: networking
import { iptablesCommands, iptablesRestoreCommands, iptablesSaveCommands } from './commands/iptables';
import { ipCommand } from './commands/ip/ip';
import { bridgeCommand } from './commands/bridge';
import { ipvsadmCommand } from './commands/ipvsadm';
import { ipsetCommand } from './commands/ipset';
import { conntrackCommand } from './commands/conntrack';
import { sysctlCommand } from './commands/sysctl';
import { curlCommand } from './commands/curl/curl';
import { wgetCommand } from './commands/wget';
import { pingCommand } from './commands/ping';
import { traceCommand } from './commands/trace';
import { digCommand } from './commands/dns/dig';
import { getentCommand } from './commands/dns/getent';
import { hostCommand } from './commands/dns/host';
import { nslookupCommand } from './commands/dns/nslookup';
// Generated files and the API server over HTTPS
import { etcHostsProvider } from './shell/etc-hosts';
import { resolvConfProvider } from './dns/resolvconf';
import { xtRecentProvider } from './net/xtrecent';
import { procSysProviders } from './net/procsys';
import { cniFileProviders } from './cni/providers';
import { serviceAccountFileProviders } from './rbac/podfiles';
import { pkiFileProviders } from './pki/files';
import { dockerFileProviders } from './commands/dockerd/files';
import { handleApiRequest } from './rbac/apiserver';

/**
 * The controllers, in the order each changed object is handed to those watching its resource: for a
 * pod, the scheduler, then the kubelet, the ReplicaSet and DaemonSet controllers, then endpoints;
 * for a node, the DaemonSet controller before pending pods are tried again; for a ReplicaSet, its
 * controller before the Deployment controller. Seeded names depend on this order.
 */
const CONTROLLERS: readonly Controller[] = [
  namespaceController,
  schedulerController,
  kubeletController,
  replicaSetController,
  deploymentController,
  daemonSetController,
  statefulSetController,
  pendingPodsController,
  endpointsController,
  clusterRoleAggregationController,
  tokenController,
  csrSigningController,
];

/**
 * The node agents that program the data plane from the API objects, in the order they run after a
 * change: the CNI runtime (the cluster's plugin: it builds the node and pod namespaces the others
 * program), kube-proxy, node-cache.
 */
function nodeAgents(cni: CniPlugin): readonly NodeAgent[] {
  return [cniAgent(cni), kubeProxyAgent, nodeLocalDnsAgent];
}

/** Admission plugins, run on every object on its way into the store. */
const ADMISSION: readonly AdmissionPlugin[] = [
  serviceAccountAdmission,
  certificateSigningRequestValidation,
  certificateSubjectRestriction,
];

/** The scenarios, in the order `netlab scenarios` lists them. */
const SCENARIOS: readonly ScenarioDefinition[] = [
  kindIptablesScenario,
  kindIpvsScenario,
  awsVpcCniScenario,
  weaveScenario,
  emptyScenario,
];

/** Every emulated command (the table sorts them by name). */
const COMMANDS: readonly CommandSpec[] = [
  cdCommand,
  pwdCommand,
  exportCommand,
  unsetCommand,
  aliasCommand,
  unaliasCommand,
  historyCommand,
  readCommand,
  ...trueFalseCommands,
  typeCommand,
  whichCommand,
  echoCommand,
  printfCommand,
  exprCommand,
  catCommand,
  teeCommand,
  lsCommand,
  mkdirCommand,
  rmCommand,
  touchCommand,
  grepCommand,
  egrepCommand,
  sortCommand,
  uniqCommand,
  helpCommand,
  clearCommand,
  envCommand,
  whoamiCommand,
  idCommand,
  sudoCommand,
  ...shellCommands,
  testCommand,
  bracketTestCommand,
  wcCommand,
  headCommand,
  tailCommand,
  cutCommand,
  trCommand,
  seqCommand,
  sleepCommand,
  dateCommand,
  watchCommand,
  xargsCommand,
  sedCommand,
  awkCommand,
  base64Command,
  jobsCommand,
  killCommand,
  fgCommand,
  kubectlCommand,
  kindCommand,
  dockerCommand,
  sshCommand,
  awsCommand,
  weaveCommand,
  ...aptCommands,
  hostnameCommand,
  opensslCommand,
  ...iptablesCommands,
  ...iptablesSaveCommands,
  ...iptablesRestoreCommands,
  ipCommand,
  bridgeCommand,
  ipvsadmCommand,
  ipsetCommand,
  conntrackCommand,
  sysctlCommand,
  curlCommand,
  wgetCommand,
  pingCommand,
  traceCommand,
  digCommand,
  getentCommand,
  hostCommand,
  nslookupCommand,
];

/** Files generated at read time from the model (a pod's /etc/hosts, /proc/sys/net, the CNI conflist, ...). */
const FILE_PROVIDERS: readonly FileProvider[] = [
  etcHostsProvider,
  resolvConfProvider,
  ...procSysProviders,
  xtRecentProvider,
  ...cniFileProviders,
  ...serviceAccountFileProviders,
  ...pkiFileProviders,
  ...dockerFileProviders,
  weaveScriptProvider,
];

/** What leaving an entered shell does, by `ExitHook.kind`. */
const EXIT_HOOKS: readonly ExitHookHandler[] = [runAttachExitHook, dockerRunExitHook];

const DEFAULT_COMMANDS = new CommandTable(COMMANDS);
const DEFAULT_EXIT_HOOKS = hookMap(EXIT_HOOKS);

function hookMap(hooks: readonly ExitHookHandler[]): ReadonlyMap<string, ExitHandler> {
  return new Map(hooks.map((h) => [h.kind, h.run]));
}

/** The scenario with this id, if there is one. */
export function getScenario(id: string): ScenarioDefinition | undefined {
  return SCENARIOS.find((s) => s.id === id);
}

/** Every scenario, in the order `netlab scenarios` lists them. */
export function allScenarios(): readonly ScenarioDefinition[] {
  return SCENARIOS;
}

/**
 * Parts added to one emulator on top of the standard ones (tests: a probe command, a test exit hook).
 * Kept by `clone` and given again to `restore`: functions are not snapshot state.
 */
export interface EmulatorExtension {
  commands?: readonly CommandSpec[];
  exitHooks?: readonly ExitHookHandler[];
}

export const SNAPSHOT_VERSION = 1;

export interface EmulatorOptions {
  scenario: string;
  seed?: number;
  extend?: EmulatorExtension;
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
  /** Keys `openssl genrsa` has handed out (absent while none). */
  keyDraws?: number;
}

export const DEFAULT_SEED = 1;

export class Emulator {
  readonly rng: Rng;
  readonly clock = new VirtualClock();
  readonly store: ObjectStore;
  readonly cluster: Cluster;
  readonly files: FileSystems;
  readonly shells: ShellSession[] = [];
  /** The commands that exist in this emulator (each says where: `availableIn`). */
  readonly commands: CommandTable;
  /** What leaving an entered shell runs, by `ExitHook.kind`. */
  readonly exitHooks: ReadonlyMap<string, ExitHandler>;
  /** Nodes', pods' and the host's network namespaces; follows the API objects. Undefined until a cluster with a data plane exists. */
  dataPlane?: DataPlane;
  /** How many keys `openssl genrsa` has made so far: the next one is pki/keys.ts's `learnerKey(seed, keyDraws)`. */
  keyDraws = 0;

  private constructor(
    readonly scenario: string,
    readonly seed: number,
    private readonly extension: EmulatorExtension = {},
  ) {
    this.rng = new Rng(seed);
    this.store = new ObjectStore(this.rng, this.clock);
    this.cluster = new Cluster(this, { controllers: CONTROLLERS, admission: ADMISSION });
    this.files = new FileSystems(this, FILE_PROVIDERS);
    this.commands = extension.commands ? new CommandTable([...COMMANDS, ...extension.commands]) : DEFAULT_COMMANDS;
    this.exitHooks = extension.exitHooks ? hookMap([...EXIT_HOOKS, ...extension.exitHooks]) : DEFAULT_EXIT_HOOKS;
  }

  /** kube-apiserver's answer to one HTTPS request that reached it over the network (`curl -k https://kubernetes.default.svc/api`). */
  apiServer(req: ApiRequest): ApiResponse {
    return handleApiRequest(this, req);
  }

  /** Build a scenario's starting cluster. Throws on an unknown scenario id. */
  static create(opts: EmulatorOptions): Emulator {
    const def = getScenario(opts.scenario);
    if (!def) throw new Error(`unknown scenario "${opts.scenario}"`);
    const emu = new Emulator(def.id, opts.seed ?? DEFAULT_SEED, opts.extend);
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
    const parts = { agents: nodeAgents(cni), fabric: cni };
    const dp = snapshot
      ? DataPlane.restore(snapshot, this.clock, parts)
      : new DataPlane(this.clock, new Rng(this.seed).fork('dataplane'), dataPlaneOptionsFor(config), parts);
    dp.follow(() => clusterObjects(this.store));
    installApps(this, dp);
    if (!this.dataPlane) {
      this.store.onChange((e) => {
        this.dataPlane?.invalidate(e);
        if (this.dataPlane) followLeases(this, e);
        followCniSettings(this.cluster.ipam, e);
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
      ...(this.keyDraws ? { keyDraws: this.keyDraws } : {}),
    };
  }

  /** Rebuild an emulator from a snapshot. Throws with a clear message when the snapshot is not one this version understands. */
  static restore(snap: EmulatorSnapshot, extend?: EmulatorExtension): Emulator {
    if (!snap || typeof snap !== 'object' || snap.version !== SNAPSHOT_VERSION) {
      throw new Error(
        `snapshot version ${(snap as { version?: unknown })?.version} is not supported (expected ${SNAPSHOT_VERSION})`,
      );
    }
    if (!getScenario(snap.scenario)) throw new Error(`unknown scenario "${snap.scenario}" in snapshot`);
    const emu = new Emulator(snap.scenario, snap.seed, extend);
    emu.rng.setState(snap.rng);
    emu.clock.set(snap.clock);
    emu.store.restore(snap.store);
    emu.cluster.restore(snap.cluster);
    emu.files.restore(snap.files);
    emu.keyDraws = snap.keyDraws ?? 0;
    emu.attachNetwork(snap.dataPlane);
    for (const s of snap.shells) emu.openShell().restore(s);
    return emu;
  }

  /** An independent copy (used by grading checks, which must not disturb the learner's cluster). */
  clone(): Emulator {
    return Emulator.restore(structuredClone(this.snapshot()), this.extension);
  }
}
