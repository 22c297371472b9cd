/**
 * The whole Linux data plane of the emulated world: the learner's host, the internet, each node and
 * each pod as a network namespace. The node agents it is given (the CNI runtime, kube-proxy,
 * node-cache: see net/agent.ts) keep the namespaces in step with the API objects, run whenever those
 * changed; `connect` walks a request and its reply across namespaces (net/walk.ts) and returns the
 * exchange with its trace.
 */
import { Rng } from '../core/rng';
import { formatMac, parseIp, type Cidr } from './addr';
import { Netns, type NetnsState } from './netns';
import type { Packet } from './packet';
import { buildHost, buildInternet, buildNode, type Underlay } from './topology';
import { HOST_NETNS, INTERNET_NETNS, nodeNetnsName } from './netnsnames';
import { exchangePackets, sendPacket, type Exchange, type SendSpec, type WalkContext, type WalkResult } from './walk';
import type { AgentHost, AgentNode, ClusterObjects, Fabric, NetnsHost, NodeAgent, ObjectChangeEvent } from './agent';

export interface DataPlaneOptions extends Underlay {
  /** The cluster's pod CIDR (kube-proxy's local detector, kindnet's non-masquerade range). */
  clusterCIDR: string;
  proxyMode: 'iptables' | 'ipvs' | 'none';
}

export const KIND_DATAPLANE_DEFAULTS: Omit<DataPlaneOptions, 'clusterCIDR'> = {
  proxyMode: 'iptables',
  nodeSubnet: '172.18.0.0/16',
  gateway: '172.18.0.1',
  kind: true,
};

/** What drives a data plane: the node agents, in order, and the fabric between namespaces (the CNI plugin's forwarding). */
export interface DataPlaneParts {
  agents?: readonly NodeAgent[];
  fabric?: Fabric;
}

export interface DataPlaneSnapshot {
  options: DataPlaneOptions;
  rng: number;
  namespaces: NetnsState[];
  podCIDRs: [string, Cidr][];
  /** Agents' process memory (AgentHost.memory), when any. */
  memory?: [string, unknown][];
  /** When the agents asked to run again (AgentHost.wakeAt), if they did. */
  wakeAt?: number;
}

export class DataPlane implements AgentHost {
  private namespaces = new Map<string, Netns>();
  /** Each node's pod CIDR (from Node.spec.podCIDR), for the ptp gateway. */
  private podCIDRs = new Map<string, Cidr>();
  /** Whether the API objects may have changed since the last sync. */
  private dirty = true;
  /** Where `refresh()` reads API objects from when not given a source (set again after a restore: functions are not state). */
  private source: (() => ClusterObjects) | undefined;
  /** Open captures (the `trace` command's): every exchange `connect` makes is appended to each. Transient, not state. */
  private captures: Exchange[][] = [];
  /** What the packet walk reads; `listening` is set by `setListening` (again after a restore: functions are not state). */
  private readonly walk: WalkContext;
  /** Agents' process memory (see AgentHost.memory). */
  private agentMemory = new Map<string, unknown>();
  /** The earliest time an agent asked to run again, if one did. */
  private wakeTime: number | undefined;

  constructor(
    private readonly clock: { now(): number },
    readonly rng: Rng,
    readonly options: DataPlaneOptions,
    private readonly parts: DataPlaneParts = {},
  ) {
    this.namespaces.set(
      HOST_NETNS,
      buildHost(this.options, this.rng, () => this.mac()),
    );
    this.walk = {
      netns: (name) => this.namespaces.get(name),
      owner: (ip) => this.owner(ip),
      forward: (from, dev, nextHop, packet) => this.parts.fabric?.forward?.(this.host(), from, dev, nextHop, packet),
      now: () => this.clock.now(),
      rng: this.rng,
      listening: undefined,
    };
  }

  now(): number {
    return this.clock.now();
  }

  /** What CNI plugins and fabrics may use: namespaces, seeded names, the nodes. */
  host(nodes: readonly AgentNode[] = []): NetnsHost {
    return {
      netns: (name) => this.namespaces.get(name),
      nodeNetns: (node) => this.namespaces.get(nodeNetnsName(node)),
      ensureNetns: (name, build) => {
        let ns = this.namespaces.get(name);
        if (!ns) this.namespaces.set(name, (ns = build(name)));
        return ns;
      },
      owner: (ip) => this.owner(ip),
      mac: () => this.mac(),
      hex: (n) => this.rng.string('0123456789abcdef', n),
      clusterCIDR: this.options.clusterCIDR,
      now: this.clock.now(),
      nodes: () => nodes,
    };
  }

  /** A namespace by name (`host`, `node/NAME`). */
  netns(name: string): Netns | undefined {
    return this.namespaces.get(name);
  }

  nodeNetns(node: string): Netns | undefined {
    return this.namespaces.get(nodeNetnsName(node));
  }

  /** All namespace names, in creation order. */
  names(): string[] {
    return [...this.namespaces.keys()];
  }

  ensureNodeNetns(node: AgentNode): { netns: Netns; created: boolean } {
    const name = nodeNetnsName(node.name);
    const existing = this.namespaces.get(name);
    if (existing) return { netns: existing, created: false };
    const ns = buildNode(this.options, this.namespaces.get(HOST_NETNS)!, node.name, node.ip, this.rng, () =>
      this.mac(),
    );
    this.namespaces.set(ns.name, ns);
    return { netns: ns, created: true };
  }

  setNetns(ns: Netns): void {
    this.namespaces.set(ns.name, ns);
  }

  deleteNetns(name: string): void {
    this.namespaces.delete(name);
  }

  setPodCIDR(node: string, cidr: Cidr): void {
    this.podCIDRs.set(node, cidr);
  }

  memory(key: string): unknown {
    return this.agentMemory.get(key);
  }

  remember(key: string, value: unknown): void {
    if (value === undefined) this.agentMemory.delete(key);
    else this.agentMemory.set(key, structuredClone(value));
  }

  wakeAt(ms: number): void {
    this.wakeTime = this.wakeTime === undefined ? ms : Math.min(this.wakeTime, ms);
  }

  /** Put an internet host (a public web server, an echo server) at a fixed public address (its MAC drawn from the rng unless given). */
  addExternalHost(ip: string, mac?: string): void {
    let ns = this.namespaces.get(INTERNET_NETNS);
    if (!ns) this.namespaces.set(INTERNET_NETNS, (ns = buildInternet(() => this.mac())));
    const addr = parseIp(ip);
    if (addr === undefined) throw new Error(`bad external host address ${ip}`);
    if (ns.addrs.some((a) => a.addr === addr)) return;
    // Each public host gets a dummy interface of its own, so `owner` finds it by address.
    const link = ns.addLink({ name: `host${ns.links.length}`, kind: 'dummy', mtu: 1500, mac: mac ?? this.mac() });
    ns.addAddress(link.name, addr, 32);
  }

  /** A locally administered unicast address, drawn from the seeded rng. */
  mac(): string {
    const bytes = [0x02, ...Array.from({ length: 5 }, () => this.rng.int(256))];
    return formatMac(bytes);
  }

  /** Note that API objects changed (call from a store change listener); the next `refresh` resyncs. */
  invalidate(change?: ObjectChangeEvent): void {
    this.dirty = true;
    const source = this.source;
    if (change && source) for (const agent of this.parts.agents ?? []) agent.observe?.(this, change, source);
  }

  /** Follow an object source (the emulator's store): later `refresh()` calls sync from it when invalidated. */
  follow(source: () => ClusterObjects): void {
    this.source = source;
    this.dirty = true;
    for (const agent of this.parts.agents ?? []) agent.observe?.(this, undefined, source);
  }

  /**
   * Sync from the objects if anything changed since the last sync. Cheap when nothing did, so call it
   * before every command that reads the data plane and every packet walk: like kube-proxy's
   * min-sync-period, a burst of API changes costs one sync.
   */
  refresh(objects: (() => ClusterObjects) | undefined = this.source): void {
    const due = this.wakeTime !== undefined && this.clock.now() >= this.wakeTime;
    if ((this.dirty || due) && objects) this.syncFromCluster(objects());
  }

  /** Run every node agent on the objects, in order (the CNI runtime first: it builds what the others program). */
  syncFromCluster(objs: ClusterObjects): void {
    this.dirty = false;
    this.wakeTime = undefined;
    for (const agent of this.parts.agents ?? []) agent.sync(this, objs);
  }

  /** The namespace that owns `ip` as a local address, if any. */
  owner(ip: number): Netns | undefined {
    for (const ns of this.namespaces.values()) if (ns.addrs.some((a) => a.addr === ip && a.dev !== 'lo')) return ns;
    return undefined;
  }

  /** Walk a packet from a local socket in `from` to `spec.dst`, across namespaces, with a full trace. */
  send(from: string, spec: SendSpec): WalkResult {
    return sendPacket(this.walk, from, spec);
  }

  /**
   * Who answers: the apps layer says whether a socket listens for the first packet of a connection
   * delivered in a namespace (`netns`, protocol, destination address and port). Without one, every
   * delivered packet is answered, which is only right until apps are wired in.
   */
  setListening(fn: (netns: string, packet: Readonly<Packet>) => boolean): void {
    this.walk.listening = fn;
  }

  /**
   * A whole exchange, as curl, ping or a DNS query makes one: the request walks to its destination
   * and, if delivered, the reply walks back from there (conntrack un-NATs it on the way), then the
   * TCP entries it touched are closed (TIME_WAIT). `reply` is undefined when the request never arrived.
   */
  connect(from: string, spec: SendSpec): Exchange {
    const exchange = exchangePackets(this.walk, from, spec);
    for (const c of this.captures) c.push({ ...exchange, from, spec: { ...spec } });
    return exchange;
  }

  /**
   * Record every exchange until the returned function is called; it returns them in order (the
   * `trace` teaching command wraps a curl or ping in one).
   */
  capture(): () => Exchange[] {
    const list: Exchange[] = [];
    this.captures.push(list);
    return () => {
      this.captures = this.captures.filter((c) => c !== list);
      return list;
    };
  }

  snapshot(): DataPlaneSnapshot {
    return {
      options: structuredClone(this.options),
      rng: this.rng.getState(),
      namespaces: [...this.namespaces.values()].map((n) => n.snapshot()),
      podCIDRs: [...this.podCIDRs].map(([k, v]) => [k, { ...v }]),
      ...(this.agentMemory.size ? { memory: structuredClone([...this.agentMemory]) } : {}),
      ...(this.wakeTime !== undefined ? { wakeAt: this.wakeTime } : {}),
    };
  }

  static restore(snap: DataPlaneSnapshot, clock: { now(): number }, parts?: DataPlaneParts): DataPlane {
    const rng = new Rng(1);
    const dp = new DataPlane(clock, rng, structuredClone(snap.options), parts);
    rng.setState(snap.rng); // after the constructor, whose throwaway host drew from it
    dp.namespaces = new Map(snap.namespaces.map((s) => [s.name, Netns.restore(s)]));
    dp.podCIDRs = new Map(snap.podCIDRs.map(([k, v]) => [k, { ...v }]));
    dp.agentMemory = new Map(structuredClone(snap.memory ?? []));
    dp.wakeTime = snap.wakeAt;
    return dp;
  }
}
