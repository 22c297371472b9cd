/**
 * The whole Linux data plane of the emulated world: the learner's host, each node (and, next, each
 * pod) as a network namespace, kept in step with the API objects. `syncFromCluster` builds and
 * refreshes node namespaces and runs kube-proxy on each; `send` walks a packet from one namespace
 * to an address, hop by hop through each namespace's hooks, and returns the outcome and the trace.
 */
import { Rng } from '../core/rng';
import type { KubeObject } from '../cluster/types';
import type { LocationRef } from '../shell/types';
import { cidrContains, formatIp, formatMac, macFromIpv4, parseCidr, parseIp, type Cidr } from './addr';
import { networkOf } from './route';
import { receive, sendLocal, type HookResult, type WalkEnv } from './hooks';
import { Netns, type NetnsState } from './netns';
import type { Conntrack, ConntrackEntry } from './conntrack';
import { installDockerDns, installKubelet } from './nodesetup';
import { nodeCacheListenIps, setupNodeCache, teardownNodeCache } from './nodecache';
import { parseRuleSpec } from './ruleparse';
import { kindnetPlugin } from '../cni/kindnet';
import { sandboxId } from '../cni/sandbox';
import type { CniHost, CniNode, CniPlugin } from '../cni/types';
import type { L4Proto, Packet } from './packet';
import type { Outcome, TraceEvent } from './trace';
import { servicePorts } from '../proxy/endpoints';
import { DEFAULT_PROXY_CONFIG, generateProxyRules } from '../proxy/iptables';
import { syncRules } from '../proxy/sync';
import { ipvsSettings, syncIpvsProxy } from '../proxy/ipvs';
import { finishIpvsConnections } from './ipvswalk';

export interface DataPlaneOptions {
  /** The cluster's pod CIDR (kube-proxy's local detector, kindnet's non-masquerade range). */
  clusterCIDR: string;
  proxyMode: 'iptables' | 'ipvs' | 'none';
  /** The docker network nodes sit on, and its gateway (the host's bridge address). */
  nodeSubnet: string;
  gateway: string;
  /** Install kind's node baseline (docker DNS, kubelet chains). */
  kind: boolean;
}

export const KIND_DATAPLANE_DEFAULTS: Omit<DataPlaneOptions, 'clusterCIDR'> = {
  proxyMode: 'iptables',
  nodeSubnet: '172.18.0.0/16',
  gateway: '172.18.0.1',
  kind: true,
};

/** The API objects the data plane follows. */
export interface ClusterObjects {
  nodes: readonly KubeObject[];
  services: readonly KubeObject[];
  endpointSlices: readonly KubeObject[];
  /** Pods with an IP get a netns wired by kindnet's ptp plugin (host-network pods use the node's). */
  pods?: readonly KubeObject[];
  /** The kube-proxy ConfigMap's `config.conf` (IPVS mode reads its scheduler and strictARP). */
  kubeProxyConfig?: string;
}

export interface DataPlaneSnapshot {
  options: DataPlaneOptions;
  rng: number;
  namespaces: NetnsState[];
  podCIDRs: [string, Cidr][];
}

/** A packet to send: the destination is required, the rest has defaults (TCP, source picked by routing). */
export interface SendSpec {
  dst: string;
  proto?: L4Proto;
  dport?: number;
  sport?: number;
  src?: string;
  length?: number;
}

/** One request and, when it arrived and was answered, the reply's walk back. */
export interface Exchange {
  request: WalkResult;
  reply?: WalkResult;
  /** The namespace the request left from and what was asked (set on captured exchanges). */
  from?: string;
  spec?: SendSpec;
}

export interface WalkResult {
  outcome: Outcome;
  /** The packet as it arrived (addresses after every rewrite). */
  packet: Packet;
  trace: TraceEvent[];
}

/** The netns name of a node. */
export const nodeNetnsName = (node: string): string => `node/${node}`;
/** The netns name of a pod. */
export const podNetnsName = (namespace: string, pod: string): string => `pod/${namespace}/${pod}`;
export const HOST_NETNS = 'host';
/** The few hosts of the emulated internet live in one namespace behind the learner's router. */
export const INTERNET_NETNS = 'internet';

/** The learner's machine on its home network, and the router that leads to the internet. */
const HOST_UPLINK = { dev: 'eth0', addr: '192.168.50.10', len: 24, router: '192.168.50.1' };

const MAX_HOPS = 16;

export class DataPlane {
  private namespaces = new Map<string, Netns>();
  /** Each node's pod CIDR (from Node.spec.podCIDR), for the ptp gateway. */
  private podCIDRs = new Map<string, Cidr>();
  /** Whether the API objects may have changed since the last sync. */
  private dirty = true;
  /** Where `refresh()` reads API objects from when not given a source (set again after a restore: functions are not state). */
  private source: (() => ClusterObjects) | undefined;
  /** Open captures (the `trace` command's): every exchange `connect` makes is appended to each. Transient, not state. */
  private captures: Exchange[][] = [];
  /** Whether a socket listens for a delivered packet (see `setListening`; set again after a restore). */
  private listening: ((netns: string, packet: Readonly<Packet>) => boolean) | undefined;

  constructor(
    private readonly clock: { now(): number },
    private readonly rng: Rng,
    readonly options: DataPlaneOptions,
    /** The CNI plugin that wires nodes and pods (kindnet unless told otherwise). */
    readonly cni: CniPlugin = kindnetPlugin,
  ) {
    this.namespaces.set(HOST_NETNS, this.buildHost());
  }

  /** What the CNI plugin may use: namespaces, seeded names, the nodes. */
  private cniHost(nodes: readonly CniNode[] = []): CniHost {
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

  /** All namespace names, in creation order. */
  names(): string[] {
    return [...this.namespaces.keys()];
  }

  private buildHost(): Netns {
    const ns = new Netns(HOST_NETNS);
    ns.addLink({ name: 'lo', kind: 'loopback', mtu: 65536, mac: '00:00:00:00:00:00', state: 'UNKNOWN' });
    ns.addAddress('lo', parseIp('127.0.0.1')!, 8, 'host');
    const subnet = parseCidr(this.options.nodeSubnet)!;
    const bridge = `br-${this.rng.string('0123456789abcdef', 12)}`;
    ns.addLink({ name: HOST_UPLINK.dev, kind: 'ether', mtu: 1500, mac: this.mac() });
    ns.addAddress(HOST_UPLINK.dev, parseIp(HOST_UPLINK.addr)!, HOST_UPLINK.len);
    ns.addRoute({
      type: 'unicast',
      dst: { addr: 0, len: 0 },
      via: parseIp(HOST_UPLINK.router)!,
      dev: HOST_UPLINK.dev,
      proto: 'dhcp',
      metric: 100,
    });
    ns.addLink({ name: bridge, kind: 'bridge', mtu: 1500, mac: this.mac() });
    ns.addAddress(bridge, parseIp(this.options.gateway)!, subnet.len);
    ns.sysctl['net.ipv4.ip_forward'] = '1';
    // Docker masquerades its networks' traffic leaving the host (its POSTROUTING rule per network).
    ns.netfilter.append(
      'nat',
      'POSTROUTING',
      parseRuleSpec(['-s', this.options.nodeSubnet, '!', '-o', bridge, '-j', 'MASQUERADE']),
    );
    return ns;
  }

  private buildInternet(): Netns {
    const ns = new Netns(INTERNET_NETNS);
    ns.addLink({ name: 'lo', kind: 'loopback', mtu: 65536, mac: '00:00:00:00:00:00', state: 'UNKNOWN' });
    ns.addAddress('lo', parseIp('127.0.0.1')!, 8, 'host');
    ns.addLink({ name: 'eth0', kind: 'ether', mtu: 1500, mac: this.mac() });
    ns.addAddress('eth0', parseIp(HOST_UPLINK.router)!, HOST_UPLINK.len);
    // Beyond the router, traffic to an address nobody serves (a private range, a wrong IP) is lost
    // somewhere upstream without an answer: the sender waits for its timeout.
    ns.addRoute({ type: 'blackhole', dst: { addr: 0, len: 0 } });
    return ns;
  }

  /** Put an internet host (a public web server, an echo server) at a fixed public address (its MAC drawn from the rng unless given). */
  addExternalHost(ip: string, mac?: string): void {
    let ns = this.namespaces.get(INTERNET_NETNS);
    if (!ns) this.namespaces.set(INTERNET_NETNS, (ns = this.buildInternet()));
    const addr = parseIp(ip);
    if (addr === undefined) throw new Error(`bad external host address ${ip}`);
    if (ns.addrs.some((a) => a.addr === addr)) return;
    // Each public host gets a dummy interface of its own, so `owner` finds it by address.
    const link = ns.addLink({ name: `host${ns.links.length}`, kind: 'dummy', mtu: 1500, mac: mac ?? this.mac() });
    ns.addAddress(link.name, addr, 32);
  }

  private mac(): string {
    // A locally administered unicast address, drawn from the seeded rng.
    const bytes = [0x02, ...Array.from({ length: 5 }, () => this.rng.int(256))];
    return formatMac(bytes);
  }

  /** Note that API objects changed (call from a store change listener); the next `refresh` resyncs. */
  invalidate(): void {
    this.dirty = true;
  }

  /** Follow an object source (the emulator's store): later `refresh()` calls sync from it when invalidated. */
  follow(source: () => ClusterObjects): void {
    this.source = source;
    this.dirty = true;
  }

  /**
   * Sync from the objects if anything changed since the last sync. Cheap when nothing did, so call it
   * before every command that reads the data plane and every packet walk: like kube-proxy's
   * min-sync-period, a burst of API changes costs one sync.
   */
  refresh(objects: (() => ClusterObjects) | undefined = this.source): void {
    if (this.dirty && objects) this.syncFromCluster(objects());
  }

  /** Build missing node namespaces, refresh cross-node routes, and run kube-proxy on every node. */
  syncFromCluster(objs: ClusterObjects): void {
    this.dirty = false;
    const nodes = objs.nodes
      .map((n) => ({ name: n.metadata.name, ip: nodeInternalIP(n), podCIDR: n.spec?.podCIDR as string | undefined }))
      .filter((n): n is { name: string; ip: string; podCIDR: string | undefined } => !!n.ip);
    const cniNodes: CniNode[] = nodes.map((n) => ({
      name: n.name,
      ip: n.ip,
      ...(n.podCIDR ? { podCIDR: n.podCIDR } : {}),
    }));
    const cni = this.cniHost(cniNodes);
    for (const n of cniNodes) {
      if (!this.namespaces.has(nodeNetnsName(n.name))) {
        const ns = this.buildNode(n.name, n.ip);
        this.namespaces.set(ns.name, ns);
        this.cni.nodeSetup(cni, ns, n);
      }
      const cidr = n.podCIDR ? parseCidr(n.podCIDR) : undefined;
      if (cidr) this.podCIDRs.set(n.name, cidr);
    }
    this.cni.syncNodes(cni, cniNodes);
    if (objs.pods) this.syncPods(objs.pods, cni);
    if (this.options.proxyMode === 'iptables') {
      const ports = servicePorts(objs.services, objs.endpointSlices);
      // Only Local traffic policies make one node's rules differ from another's.
      const perNode = ports.some((p) => p.internalPolicyLocal || p.externalPolicyLocal);
      let shared: ReturnType<typeof generateProxyRules> | undefined;
      for (const n of nodes) {
        const cfg = { ...DEFAULT_PROXY_CONFIG, nodeName: n.name, clusterCIDR: this.options.clusterCIDR };
        const rules = perNode ? generateProxyRules(ports, cfg) : (shared ??= generateProxyRules(ports, cfg));
        syncRules(this.namespaces.get(nodeNetnsName(n.name))!.netfilter, rules);
      }
    } else if (this.options.proxyMode === 'ipvs') {
      const ports = servicePorts(objs.services, objs.endpointSlices);
      const ipvs = ipvsSettings(objs.kubeProxyConfig);
      for (const n of nodes) {
        const cfg = { nodeName: n.name, clusterCIDR: this.options.clusterCIDR, masqueradeAll: false, ...ipvs };
        syncIpvsProxy(this.namespaces.get(nodeNetnsName(n.name))!, ports, cfg, {
          now: this.clock.now(),
          rng: this.rng,
        });
      }
    }
    // NodeLocal DNSCache: a running node-cache pod sets up its interface and rules on its node.
    for (const n of nodes) {
      const ips = nodeCacheListenIps(objs.pods ?? [], n.name);
      const ns = this.namespaces.get(nodeNetnsName(n.name))!;
      if (ips.length) setupNodeCache(ns, ips, () => this.mac());
      else teardownNodeCache(ns);
    }
  }

  private buildNode(name: string, ip: string): Netns {
    const ns = new Netns(nodeNetnsName(name));
    const host = this.namespaces.get(HOST_NETNS)!;
    const subnet = parseCidr(this.options.nodeSubnet)!;
    const addr = parseIp(ip)!;
    ns.addLink({ name: 'lo', kind: 'loopback', mtu: 65536, mac: '00:00:00:00:00:00', state: 'UNKNOWN' });
    ns.addAddress('lo', parseIp('127.0.0.1')!, 8, 'host');
    // Docker gives each container a veth whose MAC is 02:42 + the IPv4 address.
    const dockerMac = macFromIpv4([0x02, 0x42], addr);
    const hostSide = host.addLink({
      name: `veth${this.rng.string('0123456789abcdef', 7)}`,
      kind: 'veth',
      mtu: 1500,
      mac: this.mac(),
      master: host.links.find((l) => l.kind === 'bridge')?.name ?? '',
    });
    const eth0 = ns.addLink({
      index: hostSide.index + 1,
      name: 'eth0',
      kind: 'veth',
      mtu: 1500,
      mac: dockerMac,
      peer: { netns: HOST_NETNS, index: hostSide.index },
    });
    hostSide.peer = { netns: ns.name, index: eth0.index };
    ns.addAddress('eth0', addr, subnet.len);
    ns.addRoute({ type: 'unicast', dst: { addr: 0, len: 0 }, via: parseIp(this.options.gateway)!, dev: 'eth0' });
    ns.sysctl['net.ipv4.ip_forward'] = '1';
    ns.sysctl['net.ipv4.conf.all.route_localnet'] = '1'; // kube-proxy sets it for localhost node ports
    if (this.options.kind) {
      installDockerDns(ns.netfilter, this.options.gateway, this.rng.range(32768, 60999), this.rng.range(32768, 60999));
      installKubelet(ns.netfilter);
    }
    return ns;
  }

  /**
   * The CNI runtime's part: ADD for each pod with an IP and no netns yet (the plugin wires it), DEL
   * for each netns whose pod is gone. Host-network pods use their node's netns.
   */
  private syncPods(pods: readonly KubeObject[], cni: CniHost): void {
    const live = new Set<string>();
    for (const pod of pods) {
      const ip = pod.status?.podIP as string | undefined;
      const nodeName = pod.spec?.nodeName as string | undefined;
      if (!ip || !nodeName || pod.spec?.hostNetwork) continue;
      const name = podNetnsName(pod.metadata.namespace ?? 'default', pod.metadata.name);
      live.add(name);
      const existing = this.namespaces.get(name);
      if (existing && existing.addrs.some((a) => a.dev === 'eth0' && a.addr === parseIp(ip))) continue;
      // A pod recreated under the same name with a new IP gets a fresh veth.
      if (existing) this.cni.podDel(cni, existing);
      const node = this.namespaces.get(nodeNetnsName(nodeName));
      if (!node) continue;
      const containerId = sandboxId(pod.metadata.uid ?? name);
      const wired = this.cni.podAdd(
        cni,
        {
          namespace: pod.metadata.namespace ?? 'default',
          name: pod.metadata.name,
          ip: parseIp(ip)!,
          node: nodeName,
          netnsName: name,
          containerId,
        },
        node,
      );
      if (wired) this.namespaces.set(name, wired);
    }
    for (const name of [...this.namespaces.keys()]) {
      if (!name.startsWith('pod/') || live.has(name)) continue;
      this.cni.podDel(cni, this.namespaces.get(name)!);
      this.namespaces.delete(name);
    }
  }

  /** The namespace that owns `ip` as a local address, if any. */
  owner(ip: number): Netns | undefined {
    for (const ns of this.namespaces.values()) if (ns.addrs.some((a) => a.addr === ip && a.dev !== 'lo')) return ns;
    return undefined;
  }

  /** Walk a packet from a local socket in `from` to `spec.dst`, across namespaces, with a full trace. */
  send(from: string, spec: SendSpec): WalkResult {
    const start = this.namespaces.get(from);
    if (!start) throw new Error(`no such netns: ${from}`);
    const trace: TraceEvent[] = [];
    const env: WalkEnv = { now: this.clock.now(), random: () => this.rng.next(), trace };
    const proto = spec.proto ?? 'tcp';
    const packet: Packet = {
      proto,
      src: spec.src ? (parseIp(spec.src) ?? 0) : 0,
      dst: parseIp(spec.dst) ?? 0,
      sport: spec.sport ?? this.rng.range(32768, 60999),
      dport: spec.dport ?? 80,
      length: spec.length ?? 60,
      mark: 0,
    };
    // ICMP echo: conntrack keys both directions on the identifier, carried here in both port fields.
    if (proto === 'icmp') packet.dport = packet.sport;
    let ns = start;
    let current = packet;
    let result: HookResult = sendLocal(ns, packet, env);
    for (let hop = 0; hop < MAX_HOPS; hop++) {
      if (result.kind !== 'out') break;
      const hop = this.cni.forward?.(this.cniHost(), ns, result.dev, result.nextHop, result.packet);
      const next = hop?.next ?? this.owner(result.nextHop);
      if (!next) {
        trace.push({ kind: 'drop', netns: ns.name, reason: `no host answers for ${formatIp(result.nextHop)}` });
        return { outcome: { kind: 'unreachable', netns: ns.name, reason: 'No route to host' }, packet, trace };
      }
      const inDev = hop?.inDev ?? this.arrivalDevice(ns, result.dev, next, result.nextHop);
      const inMac = next.link(inDev)?.mac;
      if (inMac) ns.learnNeighbour(result.nextHop, result.dev, inMac, env.now);
      if (hop) trace.push(...hop.events);
      else trace.push({ kind: 'link', fromNetns: ns.name, fromDev: result.dev, toNetns: next.name, toDev: inDev });
      const p: Packet = { ...result.packet, inIface: inDev, mark: 0 };
      delete p.outIface;
      ns = next;
      current = p;
      result = receive(ns, p, env);
    }
    return { outcome: toOutcome(ns.name, result), packet: current, trace };
  }

  /**
   * Who answers: the apps layer says whether a socket listens for the first packet of a connection
   * delivered in a namespace (`netns`, protocol, destination address and port). Without one, every
   * delivered packet is answered, which is only right until apps are wired in.
   */
  setListening(fn: (netns: string, packet: Readonly<Packet>) => boolean): void {
    this.listening = fn;
  }

  /**
   * A whole exchange, as curl, ping or a DNS query makes one: the request walks to its destination
   * and, if delivered, the reply walks back from there (conntrack un-NATs it on the way), then the
   * TCP entries it touched are closed (TIME_WAIT). `reply` is undefined when the request never arrived.
   */
  connect(from: string, spec: SendSpec): Exchange {
    const exchange = this.exchange(from, spec);
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

  private exchange(from: string, spec: SendSpec): Exchange {
    const request = this.send(from, spec);
    if (request.outcome.kind !== 'delivered') return { request };
    const p = request.packet;
    const at = request.outcome.netns;
    if (p.proto !== 'icmp' && this.listening && !this.listening(at, p)) {
      request.trace.push({
        kind: 'drop',
        netns: at,
        reason: `connection refused: nothing listens on ${p.proto}/${p.dport}`,
      });
      if (p.proto === 'tcp') this.forEachEntry(request.trace, (ct, e) => ct.resetTcp(e, this.clock.now()));
      finishIpvsConnections(request.trace, (n) => this.namespaces.get(n), 'CLOSE', this.clock.now());
      return { request: { ...request, outcome: { kind: 'refused', netns: at } } };
    }
    const answer: SendSpec = {
      dst: formatIp(p.src),
      src: formatIp(p.dst),
      proto: p.proto,
      sport: p.dport,
      dport: p.sport,
      length: spec.length ?? 60,
    };
    const reply = this.send(request.outcome.netns, answer);
    if (p.proto === 'tcp' && reply.outcome.kind === 'delivered') {
      this.forEachEntry([...request.trace, ...reply.trace], (ct, e) => ct.closeTcp(e, this.clock.now()));
      finishIpvsConnections(request.trace, (n) => this.namespaces.get(n), 'TIME_WAIT', this.clock.now());
    }
    return { request, reply };
  }

  /** Each live conntrack entry a walk touched, with its table. */
  private forEachEntry(trace: readonly TraceEvent[], fn: (ct: Conntrack, entry: ConntrackEntry) => void): void {
    for (const e of trace) {
      if (e.kind !== 'conntrack') continue;
      const ct = this.namespaces.get(e.netns)?.conntrack;
      const entry = ct?.get(e.id);
      if (ct && entry) fn(ct, entry);
    }
  }

  /** The interface a packet enters `next` on: a veth's peer, else the interface on the next hop's subnet (the docker bridge is plain L2). */
  private arrivalDevice(from: Netns, outDev: string, next: Netns, nextHop: number): string {
    const peer = from.link(outDev)?.peer;
    if (peer && peer.netns === next.name) {
      const name = next.links.find((l) => l.index === peer.index)?.name;
      if (name) return name;
    }
    return (
      next.addrs.find((a) => a.dev !== 'lo' && a.len < 32 && cidrContains(networkOf(a.addr, a.len), nextHop))?.dev ??
      next.addrs.find((a) => a.addr === nextHop)?.dev ??
      'eth0'
    );
  }

  snapshot(): DataPlaneSnapshot {
    return {
      options: structuredClone(this.options),
      rng: this.rng.getState(),
      namespaces: [...this.namespaces.values()].map((n) => n.snapshot()),
      podCIDRs: [...this.podCIDRs].map(([k, v]) => [k, { ...v }]),
    };
  }

  static restore(snap: DataPlaneSnapshot, clock: { now(): number }, cni?: CniPlugin): DataPlane {
    const rng = new Rng(1);
    const dp = new DataPlane(clock, rng, structuredClone(snap.options), cni);
    rng.setState(snap.rng); // after the constructor, whose throwaway host drew from it
    dp.namespaces = new Map(snap.namespaces.map((s) => [s.name, Netns.restore(s)]));
    dp.podCIDRs = new Map(snap.podCIDRs.map(([k, v]) => [k, { ...v }]));
    return dp;
  }
}

function toOutcome(netns: string, r: HookResult): Outcome {
  switch (r.kind) {
    case 'local':
      return { kind: 'delivered', netns };
    case 'dropped':
      return { kind: 'dropped', netns, reason: r.reason };
    case 'rejected':
      return { kind: 'rejected', netns, rejectWith: r.rejectWith };
    case 'unreachable':
      return { kind: 'unreachable', netns, reason: r.reason };
    case 'out':
      return { kind: 'forwarded', netns, dev: r.dev, nextHop: r.nextHop };
  }
}

/** The objects the data plane follows, read from anything that lists resources like the ObjectStore. */
export function clusterObjects(store: { list(resource: string): KubeObject[] }): ClusterObjects {
  const kubeProxy = store
    .list('configmaps')
    .find((c) => c.metadata.namespace === 'kube-system' && c.metadata.name === 'kube-proxy');
  const kubeProxyConfig = kubeProxy?.data?.['config.conf'] as string | undefined;
  return {
    nodes: store.list('nodes'),
    services: store.list('services'),
    endpointSlices: store.list('endpointslices'),
    pods: store.list('pods'),
    ...(kubeProxyConfig !== undefined ? { kubeProxyConfig } : {}),
  };
}

/** A Node's InternalIP from status.addresses. */
export function nodeInternalIP(node: KubeObject): string | undefined {
  return (node.status?.addresses as { type: string; address: string }[] | undefined)?.find(
    (a) => a.type === 'InternalIP',
  )?.address;
}

// ---- Where commands find their namespace ----

const attached = new WeakMap<object, DataPlane>();

/** Associate a DataPlane with an emulator (until the emulator holds it as `emu.dataPlane`). */
export function attachDataPlane(emu: object, dp: DataPlane): void {
  attached.set(emu, dp);
}

/** The emulator's DataPlane: `emu.dataPlane` when the emulator has one, else the attached one. */
export function dataPlaneOf(emu: object): DataPlane | undefined {
  const own = (emu as { dataPlane?: unknown }).dataPlane;
  return own instanceof DataPlane ? own : attached.get(emu);
}

/** The network namespace a shell location runs in (host, node, pod), synced with the API objects first. */
export function netnsFor(emu: object, location: LocationRef): Netns | undefined {
  const dp = dataPlaneOf(emu);
  if (!dp) return undefined;
  dp.refresh();
  return dp.netns(netnsNameFor(emu, location));
}

/** The netns name a location's sockets live in: host-network pods share their node's. */
export function netnsNameFor(emu: object, location: LocationRef): string {
  if (location.kind === 'host') return HOST_NETNS;
  if (location.kind === 'node') return nodeNetnsName(location.node);
  const store = (emu as { store?: { get(resource: string, namespace: string, name: string): KubeObject | undefined } })
    .store;
  const pod = store?.get('pods', location.namespace, location.pod);
  if (pod?.spec?.hostNetwork && pod.spec.nodeName) return nodeNetnsName(pod.spec.nodeName as string);
  return podNetnsName(location.namespace, location.pod);
}
