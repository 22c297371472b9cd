/**
 * ipamd, the Amazon VPC CNI's node-local IP address manager (reference 3.1-3.3): per node, the
 * ENIs attached to the instance with their primary and secondary private IPs (or /28 prefixes),
 * kept at the warm-pool targets after every allocation (increaseDatastorePool, and
 * decreaseDatastorePool when WARM_IP_TARGET/MINIMUM_IP_TARGET are set), and the pod → IP leases.
 * Pods take secondary IPs; an ENI's primary IP is never a pod's. Each node's ipamd runs with the
 * environment of the aws-node pod on that node (`applyEnv`), so a changed DaemonSet reaches a node
 * when its new aws-node pod starts. The EKS control plane's ENIs in the VPC (the addresses behind
 * `kubernetes.default`) are kept here too, since they take addresses from the same subnets.
 * All state is plain JSON.
 */
import { Rng } from '../core/rng';
import type { PodIpam } from '../cluster/ipam';
import { cidrSize, formatIp, parseCidrOrThrow, parseIpOrThrow } from '../core/ipv4';
import { instanceLimits, maxPods } from './aws-limits';

/** The aws-node DaemonSet's settings that change the data plane (README "CNI Configuration Variables"). */
export interface AwsCniSettings {
  /** WARM_ENI_TARGET (default 1): whole free ENIs' worth of IPs to keep. */
  warmEniTarget: number;
  /** WARM_IP_TARGET: free IPs to keep (overrides WARM_ENI_TARGET). */
  warmIpTarget?: number;
  /** MINIMUM_IP_TARGET: floor on allocated IPs. */
  minimumIpTarget?: number;
  /** ENABLE_PREFIX_DELEGATION: /28 prefixes instead of single secondary IPs. */
  prefixDelegation: boolean;
  /** WARM_PREFIX_TARGET (default 1 in the manifest). */
  warmPrefixTarget: number;
  /** AWS_VPC_K8S_CNI_EXTERNALSNAT: no SNAT rule (a NAT gateway does it). */
  externalSnat: boolean;
  /** AWS_VPC_K8S_CNI_EXCLUDE_SNAT_CIDRS. */
  excludeSnatCidrs: string[];
  /** The VPC's CIDRs (traffic to them is never SNATed). */
  vpcCidrs: string[];
}

export const DEFAULT_AWS_CNI_SETTINGS: AwsCniSettings = {
  warmEniTarget: 1,
  prefixDelegation: false,
  warmPrefixTarget: 1,
  externalSnat: false,
  excludeSnatCidrs: [],
  vpcCidrs: ['192.168.0.0/16'],
};

export interface Eni {
  /** `eni-0...` (17 hex digits). */
  id: string;
  /** Device index: 0 is the primary ENI (eth0), 1 is eth1 ... */
  device: number;
  mac: string;
  primaryIp: string;
  /** Secondary private IPs in the order they were assigned. */
  secondaryIps: string[];
  /** Delegated /28 prefixes (prefix delegation mode). */
  prefixes: string[];
}

/** One of the cross-account ENIs EKS places in the cluster's subnets for the Kubernetes API. */
export interface ControlPlaneEni {
  id: string;
  subnet: string;
  subnetId: string;
  zone: string;
  mac: string;
  ip: string;
}

export interface AwsNode {
  /** The environment this node's ipamd started with (its aws-node pod's). */
  settings: AwsCniSettings;
  instanceId: string;
  instanceType: string;
  /** The node's pod capacity (kubelet --max-pods), which ipamd reads: it never holds more addresses. */
  maxPods: number;
  subnet: string;
  subnetId: string;
  primaryIp: string;
  /** The instance's public IPv4 address (the internet gateway maps the primary private IP to it). */
  publicIp: string;
  enis: Eni[];
  /** Pod key (`namespace/name`) → IP. */
  leases: Record<string, string>;
}

interface AwsIpamState {
  /** What a node's ipamd runs with before its aws-node pod tells it otherwise (the manifest's values). */
  settings: AwsCniSettings;
  nodes: Record<string, AwsNode>;
  controlPlane: ControlPlaneEni[];
  rng: number;
}

/** The aws-node container's environment as ipamd reads it (README "CNI Configuration Variables"; unset means the default). */
export function settingsFromEnv(env: Readonly<Record<string, string>>, vpcCidrs: string[]): AwsCniSettings {
  const num = (k: string) =>
    env[k] !== undefined && env[k] !== '' && !Number.isNaN(Number(env[k])) ? Number(env[k]) : undefined;
  const warmIpTarget = num('WARM_IP_TARGET');
  const minimumIpTarget = num('MINIMUM_IP_TARGET');
  return {
    ...DEFAULT_AWS_CNI_SETTINGS,
    vpcCidrs,
    warmEniTarget: num('WARM_ENI_TARGET') ?? DEFAULT_AWS_CNI_SETTINGS.warmEniTarget,
    ...(warmIpTarget !== undefined ? { warmIpTarget } : {}),
    ...(minimumIpTarget !== undefined ? { minimumIpTarget } : {}),
    prefixDelegation: env.ENABLE_PREFIX_DELEGATION === 'true',
    warmPrefixTarget: num('WARM_PREFIX_TARGET') ?? DEFAULT_AWS_CNI_SETTINGS.warmPrefixTarget,
    externalSnat: env.AWS_VPC_K8S_CNI_EXTERNALSNAT === 'true',
    excludeSnatCidrs: (env.AWS_VPC_K8S_CNI_EXCLUDE_SNAT_CIDRS ?? '')
      .split(',')
      .map((c) => c.trim())
      .filter(Boolean),
  };
}

const HEX = '0123456789abcdef';

export class AwsVpcIpam implements PodIpam {
  private state: AwsIpamState;

  constructor(settings: Partial<AwsCniSettings> = {}, seed = 1) {
    this.state = {
      settings: { ...DEFAULT_AWS_CNI_SETTINGS, ...settings },
      nodes: {},
      controlPlane: [],
      rng: new Rng(seed).fork('aws-ipam').getState(),
    };
  }

  /** What a node's ipamd runs with (the cluster default for a node it does not know). */
  settingsFor(node: string): Readonly<AwsCniSettings> {
    return this.state.nodes[node]?.settings ?? this.state.settings;
  }

  /**
   * A node's ipamd (re)starts with its aws-node pod's environment: unset variables take their
   * defaults, and the pool is brought to the new targets at once (ipamd's reconcile at start-up).
   */
  applyEnv(nodeName: string, env: Readonly<Record<string, string>>): void {
    const node = this.state.nodes[nodeName];
    if (!node) return;
    node.settings = settingsFromEnv(env, this.state.settings.vpcCidrs);
    this.reconcile(node);
  }

  /** A node's ENIs and leases (read-only view for the data plane and `aws ec2`). */
  node(name: string): Readonly<AwsNode> | undefined {
    return this.state.nodes[name];
  }

  nodeNames(): string[] {
    return Object.keys(this.state.nodes);
  }

  private draw<T>(fn: (rng: Rng) => T): T {
    const rng = new Rng(1);
    rng.setState(this.state.rng);
    const v = fn(rng);
    this.state.rng = rng.getState();
    return v;
  }

  /** An instance joins: its primary ENI (eth0) with the node's primary IP, then the warm pool. */
  addNode(name: string, spec: { instanceType: string; subnet: string; primaryIp: string; maxPods?: number }): void {
    instanceLimits(spec.instanceType);
    const ids = this.draw((r) => ({
      instance: `i-0${r.string(HEX, 16)}`,
      subnet: `subnet-0${r.string(HEX, 16)}`,
      publicIp: `3.${34 + r.int(6)}.${r.int(256)}.${1 + r.int(254)}`,
    }));
    // Nodes in one subnet share its id.
    const subnetId = Object.values(this.state.nodes).find((n) => n.subnet === spec.subnet)?.subnetId ?? ids.subnet;
    this.state.nodes[name] = {
      settings: structuredClone(this.state.settings),
      instanceId: ids.instance,
      instanceType: spec.instanceType,
      maxPods: spec.maxPods ?? maxPods(spec.instanceType),
      subnet: spec.subnet,
      subnetId,
      primaryIp: spec.primaryIp,
      publicIp: ids.publicIp,
      enis: [],
      leases: {},
    };
    this.attachEni(this.state.nodes[name]!, spec.primaryIp);
    this.topUp(this.state.nodes[name]!);
  }

  /**
   * EKS places two ENIs for the Kubernetes API in two of the cluster's subnets (other AZs than
   * the first, as with the course's cluster); their addresses are `kubernetes.default`'s endpoints.
   */
  addControlPlaneEnis(placements: Array<{ subnet: string; zone: string }>): void {
    for (const { subnet, zone } of placements) {
      const holder = { subnet } as AwsNode;
      const subnetId =
        Object.values(this.state.nodes).find((n) => n.subnet === subnet)?.subnetId ??
        this.draw((r) => `subnet-0${r.string(HEX, 16)}`);
      const ids = this.draw((r) => ({
        id: `eni-0${r.string(HEX, 16)}`,
        mac: ['02', ...Array.from({ length: 5 }, () => r.string(HEX, 2))].join(':'),
      }));
      this.state.controlPlane.push({ ...ids, subnet, subnetId, zone, ip: this.freeAddress(holder) });
    }
  }

  /** The EKS control plane's ENIs, in the order they were placed. */
  controlPlaneEnis(): readonly ControlPlaneEni[] {
    return this.state.controlPlane;
  }

  /** The addresses in the node's subnet already used by any ENI (primary, secondary, prefixes). */
  private used(node: AwsNode): Set<number> {
    const s = new Set<number>();
    for (const e of this.state.controlPlane) if (e.subnet === node.subnet) s.add(parseIpOrThrow(e.ip));
    for (const n of Object.values(this.state.nodes)) {
      if (n.subnet !== node.subnet) continue;
      for (const e of n.enis) {
        s.add(parseIpOrThrow(e.primaryIp));
        for (const ip of e.secondaryIps) s.add(parseIpOrThrow(ip));
        for (const p of e.prefixes) {
          const c = parseCidrOrThrow(p);
          for (let i = 0; i < cidrSize(c); i++) s.add(c.addr + i);
        }
      }
    }
    return s;
  }

  /** A free address in the subnet, drawn at random like EC2 does (AWS reserves the first four and the last). */
  private freeAddress(node: AwsNode): string {
    const c = parseCidrOrThrow(node.subnet);
    const used = this.used(node);
    const start = this.draw((r) => r.int(cidrSize(c) - 5));
    for (let i = 0; i < cidrSize(c) - 5; i++) {
      const n = c.addr + 4 + ((start + i) % (cidrSize(c) - 5));
      if (!used.has(n)) return formatIp(n);
    }
    throw new Error(`subnet ${node.subnet} is full`);
  }

  /** A free, aligned /28 in the subnet for prefix delegation. */
  private freePrefix(node: AwsNode): string {
    const c = parseCidrOrThrow(node.subnet);
    const used = this.used(node);
    const blocks = cidrSize(c) / 16;
    const start = this.draw((r) => r.int(blocks));
    for (let i = 0; i < blocks; i++) {
      const base = c.addr + ((start + i) % blocks) * 16;
      // AWS reserves .0-.3 and the last address: a prefix may not cover them.
      if (base === c.addr || base + 16 === c.addr + cidrSize(c)) continue;
      let free = true;
      for (let k = 0; k < 16 && free; k++) free = !used.has(base + k);
      if (free) return `${formatIp(base)}/28`;
    }
    throw new Error(`no free /28 in ${node.subnet}`);
  }

  private attachEni(node: AwsNode, primaryIp?: string): Eni {
    // The lowest free device index (an ENI detached from the middle leaves a gap).
    let device = 0;
    while (node.enis.some((e) => e.device === device)) device++;
    const ids = this.draw((r) => ({
      id: `eni-0${r.string(HEX, 16)}`,
      mac: ['02', ...Array.from({ length: 5 }, () => r.string(HEX, 2))].join(':'),
    }));
    const eni: Eni = {
      id: ids.id,
      device,
      mac: ids.mac,
      primaryIp: primaryIp ?? this.freeAddress(node),
      secondaryIps: [],
      prefixes: [],
    };
    node.enis.push(eni);
    return eni;
  }

  /**
   * Addresses pods may take on a node, in the order ipamd hands them out. With prefix delegation
   * only the /28s count and without it only the secondary IPs (AssignPodIPv4Address skips the
   * other kind, left over from before the switch).
   */
  private poolOf(node: AwsNode): string[] {
    const pd = node.settings.prefixDelegation;
    return node.enis.flatMap((e) =>
      pd
        ? e.prefixes.flatMap((p) => {
            const c = parseCidrOrThrow(p);
            return Array.from({ length: 16 }, (_, i) => formatIp(c.addr + i));
          })
        : e.secondaryIps,
    );
  }

  /**
   * ipamd's reconcile after its targets changed: top the pool up, and with WARM_IP_TARGET or
   * MINIMUM_IP_TARGET set give back the free secondary IPs beyond them (tryUnassignCidrsFromAll),
   * then detach secondary ENIs left holding nothing (tryFreeENI).
   */
  private reconcile(node: AwsNode): void {
    this.topUp(node);
    const s = node.settings;
    if (s.prefixDelegation || (s.warmIpTarget === undefined && s.minimumIpTarget === undefined)) return;
    const leased = new Set(Object.values(node.leases));
    const total = node.enis.reduce((n, e) => n + e.secondaryIps.length, 0);
    const free = total - node.enis.reduce((n, e) => n + e.secondaryIps.filter((ip) => leased.has(ip)).length, 0);
    let over = Math.max(Math.min(free - (s.warmIpTarget ?? 0), total - (s.minimumIpTarget ?? 0)), 0);
    for (const eni of [...node.enis].reverse()) {
      while (over > 0) {
        const i = eni.secondaryIps.findLastIndex((ip) => !leased.has(ip));
        if (i < 0) break;
        eni.secondaryIps.splice(i, 1);
        over--;
      }
    }
    node.enis = node.enis.filter((e) => e.device === 0 || e.secondaryIps.length + e.prefixes.length > 0);
  }

  /** Slots (secondary IPs or prefixes) an ENI can hold: every IPv4 slot but the primary's. */
  private slots(node: AwsNode): number {
    return instanceLimits(node.instanceType).ipv4PerEni - 1;
  }

  /** Bring the node's pool up to the warm targets, attaching ENIs as they fill (ipamd's reconcile). */
  private topUp(node: AwsNode): void {
    const s = node.settings;
    const limits = instanceLimits(node.instanceType);
    const slots = this.slots(node);
    const leased = new Set(Object.values(node.leases));
    for (let guard = 0; guard < 64; guard++) {
      const pool = this.poolOf(node);
      const free = pool.filter((ip) => !leased.has(ip)).length;
      // isDatastorePoolTooLow: never past max pods' worth of addresses.
      if (pool.length >= node.maxPods) return;
      let want: boolean;
      if (s.prefixDelegation) {
        const freePrefixes = node.enis
          .flatMap((e) => e.prefixes)
          .filter((p) => {
            const c = parseCidrOrThrow(p);
            for (let i = 0; i < 16; i++) if (leased.has(formatIp(c.addr + i))) return false;
            return true;
          }).length;
        want = freePrefixes < s.warmPrefixTarget;
      } else if (s.warmIpTarget !== undefined || s.minimumIpTarget !== undefined) {
        want = free < (s.warmIpTarget ?? 0) || pool.length < (s.minimumIpTarget ?? 0);
      } else {
        want = free < s.warmEniTarget * slots;
      }
      if (!want) return;
      let eni = node.enis.find((e) => e.secondaryIps.length + e.prefixes.length < slots);
      if (!eni) {
        if (node.enis.length >= limits.enis) return;
        eni = this.attachEni(node);
      }
      if (s.prefixDelegation) eni.prefixes.push(this.freePrefix(node));
      else if (s.warmIpTarget !== undefined || s.minimumIpTarget !== undefined)
        eni.secondaryIps.push(this.freeAddress(node));
      // WARM_ENI_TARGET works in whole ENIs: a new ENI comes with all its secondary IPs.
      else while (eni.secondaryIps.length < slots) eni.secondaryIps.push(this.freeAddress(node));
    }
  }

  allocate(nodeName: string, _podCidr: string, podKey: string): string | undefined {
    const node = this.state.nodes[nodeName];
    if (!node) return undefined;
    if (node.leases[podKey]) return node.leases[podKey];
    const leased = new Set(Object.values(node.leases));
    let ip = this.poolOf(node).find((a) => !leased.has(a));
    if (!ip) {
      this.topUp(node);
      ip = this.poolOf(node).find((a) => !leased.has(a));
    }
    if (!ip) return undefined;
    node.leases[podKey] = ip;
    this.topUp(node);
    return ip;
  }

  release(nodeName: string, podKey: string): void {
    const node = this.state.nodes[nodeName];
    if (!node) return;
    delete node.leases[podKey];
    this.freeExtraEnis(node);
  }

  /**
   * tryFreeENI under WARM_ENI_TARGET (shouldRemoveExtraENIs): while the free addresses exceed the
   * warm target by a whole ENI's worth, detach a secondary ENI none of whose addresses is in use.
   */
  private freeExtraEnis(node: AwsNode): void {
    const s = node.settings;
    if (s.prefixDelegation || s.warmIpTarget !== undefined || s.minimumIpTarget !== undefined) return;
    const slots = this.slots(node);
    for (;;) {
      const leased = new Set(Object.values(node.leases));
      const free = this.poolOf(node).filter((ip) => !leased.has(ip)).length;
      if (free - s.warmEniTarget * slots < slots) return;
      const unused = [...node.enis]
        .reverse()
        .find((e) => e.device > 0 && e.prefixes.length === 0 && e.secondaryIps.every((ip) => !leased.has(ip)));
      if (!unused) return;
      node.enis = node.enis.filter((e) => e !== unused);
    }
  }

  /** The ENI that holds `ip` (as a secondary IP or inside a prefix) on a node. */
  eniFor(nodeName: string, ip: string): Eni | undefined {
    const n = parseIpOrThrow(ip);
    return this.state.nodes[nodeName]?.enis.find(
      (e) =>
        e.secondaryIps.includes(ip) ||
        e.primaryIp === ip ||
        e.prefixes.some((p) => {
          const c = parseCidrOrThrow(p);
          return n >= c.addr && n < c.addr + cidrSize(c);
        }),
    );
  }

  /** The node whose ENIs hold `ip`. */
  nodeFor(ip: string): string | undefined {
    return Object.keys(this.state.nodes).find((name) => this.eniFor(name, ip));
  }

  /** The pod (`namespace/name`) an address is leased to on a node. */
  podFor(nodeName: string, ip: string): string | undefined {
    const leases = this.state.nodes[nodeName]?.leases ?? {};
    return Object.keys(leases).find((k) => leases[k] === ip);
  }

  snapshot(): unknown {
    return structuredClone(this.state);
  }

  restore(snap: unknown): void {
    const s = snap as Partial<AwsIpamState> | undefined;
    if (s && s.settings && s.nodes) this.state = structuredClone({ controlPlane: [], ...s } as AwsIpamState);
  }
}
