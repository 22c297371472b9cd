/**
 * The control plane around the object store: the API layer (defaults, validation, admission, the
 * errors kubectl prints), the loop that runs the controllers (synchronously after every change,
 * until the cluster is quiet) and the allocators (service IPs, node ports, pod IPs). The controllers
 * and admission plugins themselves are listed by the composition root (src/sim/emulator.ts); apply's
 * merge, Service allocation and garbage collection live beside this file. See docs/emulator.md.
 */
import type { Emulator } from '../emulator';
import { Rng } from '../core/rng';
import type { ClusterConfig, KubeObject } from './types';
import { apiVersionOf, resolveResource, resourceForKind, type ApiResource } from './resources';
import { ApiError, alreadyExists, invalid, notFound } from './errors';
import { defaultLoadBalancerIPMode, loadBalancerStatusErrors } from './servicestatus';
import { validateDefaultedService, validateObject, validateUpdate } from './validation';
import { dropTrafficPolicyFields } from './servicepolicy';
import { applyDefaults } from './defaults';
import { NodePortAllocator, ServiceIpAllocator, type RangeAllocatorSnapshot } from './allocators';
import { HostLocalIpam, type PodIpam } from './ipam';
import { buildEvent, type EventInput } from './events';
import { rfc3339 } from '../format/duration';
import { sameJson } from './jsonequal';
import { formatIp, parseCidrOrThrow } from '../core/ipv4';
import { terminationDelayMs } from './controllers/kubelet';
import { LAST_APPLIED, canonicalApplied, keepAllocatedServiceFields, mergeApplied, type ApplyResult } from './apply';
import { allocateService, releaseServicePorts } from './servicealloc';
import { collectGarbage } from './gc';
import type {
  AdmissionPlugin,
  Controller,
  ControllerContext,
  ObjectChange,
  ObjectReader,
  PodStart,
  PodTermination,
} from './controller';

/** The controllers and admission plugins a cluster runs, in order (listed by the composition root). */
export interface ClusterParts {
  controllers: readonly Controller[];
  admission: readonly AdmissionPlugin[];
}

interface ClusterSnapshot {
  config?: ClusterConfig;
  rng: number;
  serviceIPs?: RangeAllocatorSnapshot;
  nodePorts: RangeAllocatorSnapshot;
  ipam: unknown;
  starts: Record<string, PodStart>;
  terminations?: Record<string, PodTermination>;
  nodeImages: Record<string, string[]>;
  logs: Record<string, string>;
  eventSeq: number;
}

type Work = { resource: string; namespace?: string; name: string };

/** Upper bound on controller rounds per change: a safety net against two controllers fighting. */
const MAX_ROUNDS = 50;

export class Cluster implements ControllerContext {
  config: ClusterConfig | undefined;
  /** The cluster's own random stream (pod suffixes, scheduling ties, pull times), independent of other subsystems. */
  rng: Rng;
  serviceIPs: ServiceIpAllocator | undefined;
  readonly nodePorts = new NodePortAllocator();
  ipam: PodIpam = new HostLocalIpam();
  /** Pods the kubelet is starting: key `ns/name`. */
  starts: Record<string, PodStart> = {};
  /** Images already pulled per node (a first pull is slower and shows Pulling/Pulled events). */
  nodeImages: Record<string, string[]> = {};
  /** Pods being deleted gracefully (Terminating): key `ns/name`, removed from the store at `at`. */
  terminations: Record<string, PodTermination> = {};
  /** Container logs: key `ns/pod/container`; apps append, `kubectl logs` prints. */
  private logBuffers: Record<string, string> = {};
  private eventSeq = 0;
  private queue: Work[] = [];
  private reconciling = false;
  /** Keys already synced in this reconcile round (see ControllerContext.firstInRound). */
  private roundKeys = new Set<string>();
  /** The controllers watching each resource, in order. */
  private readonly watchers = new Map<string, Controller[]>();
  private readonly tickers: readonly Controller[];
  private readonly admission: readonly AdmissionPlugin[];

  constructor(
    readonly emu: Emulator,
    parts: ClusterParts = { controllers: [], admission: [] },
  ) {
    this.rng = emu.rng.fork('cluster');
    for (const c of parts.controllers)
      for (const r of c.watches) {
        const list = this.watchers.get(r);
        if (list) list.push(c);
        else this.watchers.set(r, [c]);
      }
    this.tickers = parts.controllers.filter((c) => c.tick);
    this.admission = parts.admission;
    emu.store.onChange((e) => {
      if (e.resource === 'events') return;
      this.queue.push({ resource: e.resource, namespace: e.object.metadata.namespace, name: e.object.metadata.name });
      if (e.type === 'DELETED') this.onDeleted(e.resource, e.object);
    });
  }

  /** Set up a cluster's allocators from its configuration (scenarios and `kind create cluster` call this first). */
  configure(config: ClusterConfig): void {
    this.config = config;
    this.serviceIPs = new ServiceIpAllocator(config.serviceCidr);
  }

  /** True once a cluster exists (the `empty` scenario has none until `kind create cluster`). */
  get exists(): boolean {
    return this.config !== undefined;
  }

  now(): number {
    return this.emu.clock.now();
  }

  /** The API objects, read-only (what controllers read; they write through `write`, `createInternal`, `deleteInternal`). */
  get store(): ObjectReader {
    return this.emu.store;
  }

  /** Resolve a resource by plural name, kind or short name. Throws for an unknown type. */
  resource(typed: string): ApiResource {
    const res = resolveResource(typed);
    if (!res) throw new ApiError('', `the server doesn't have a resource type "${typed}"`);
    return res;
  }

  get(resource: string, namespace: string | undefined, name: string): KubeObject | undefined {
    const res = this.resource(resource);
    return this.emu.store.get(res.plural, res.namespaced ? namespace : undefined, name);
  }

  /** Objects of a type, in one namespace or (namespace undefined) all, sorted as the API server lists them. */
  list(resource: string, namespace?: string): KubeObject[] {
    const res = this.resource(resource);
    return this.emu.store.list(res.plural, res.namespaced ? namespace : undefined);
  }

  /** Like `get`, throwing the API server's NotFound error. */
  mustGet(resource: string, namespace: string | undefined, name: string): KubeObject {
    const res = this.resource(resource);
    const obj = this.get(resource, namespace, name);
    if (!obj) throw notFound(res, name);
    return obj;
  }

  /** The resource an object's apiVersion/kind maps to, or the error kubectl prints for an unknown kind. */
  resourceFor(obj: KubeObject): ApiResource {
    const res = resourceForKind(String(obj.apiVersion ?? ''), String(obj.kind ?? ''));
    if (!res) throw new ApiError('', `no matches for kind "${obj.kind}" in version "${obj.apiVersion}"`);
    return res;
  }

  private checkNamespace(res: ApiResource, ns: string | undefined): void {
    if (!res.namespaced || !ns) return;
    if (!this.emu.store.get('namespaces', undefined, ns))
      throw new ApiError('NotFound', `namespaces "${ns}" not found`);
  }

  /** POST: validate, default, allocate and store a new object, then let the controllers react. */
  create(input: KubeObject, opts: { dryRun?: boolean } = {}): KubeObject {
    const obj = structuredClone(input);
    const res = this.resourceFor(obj);
    obj.metadata ??= { name: '' };
    if (!obj.metadata.name && obj.metadata.generateName)
      obj.metadata.name = obj.metadata.generateName + this.rng.string('bcdfghjklmnpqrstvwxz2456789', 5);
    if (res.namespaced) obj.metadata.namespace ??= 'default';
    else delete obj.metadata.namespace;
    const err = validateObject(obj);
    if (err) throw err;
    this.checkNamespace(res, obj.metadata.namespace);
    if (this.emu.store.get(res.plural, obj.metadata.namespace, obj.metadata.name))
      throw alreadyExists(res, obj.metadata.name);
    obj.apiVersion = apiVersionOf(res);
    // The pod strategy's PrepareForCreate: a new pod's status is the API server's (Pending), never the
    // client's (`kubectl run` sends `status: {}`).
    if (obj.kind === 'Pod') delete obj.status;
    applyDefaults(obj);
    if (['Deployment', 'ReplicaSet', 'DaemonSet', 'StatefulSet'].includes(obj.kind)) obj.metadata.generation = 1;
    if (obj.kind === 'Service') {
      const invalidService = validateDefaultedService(obj);
      if (invalidService) throw invalidService;
      allocateService(this, obj, undefined, opts.dryRun);
    }
    for (const a of this.admission) a.admitCreate?.(this, obj);
    if (opts.dryRun) return obj;
    const stored = this.emu.store.create(res, obj);
    this.reconcile();
    // Controllers may have written a newer version (scheduled, allocated): return what is stored now.
    return this.emu.store.get(res.plural, stored.metadata.namespace, stored.metadata.name) ?? stored;
  }

  /** PUT: replace an existing object (metadata identity kept), bumping generation when the spec changed. */
  update(input: KubeObject): KubeObject {
    const obj = structuredClone(input);
    const res = this.resourceFor(obj);
    if (res.namespaced) obj.metadata.namespace ??= 'default';
    const live = this.emu.store.get(res.plural, res.namespaced ? obj.metadata.namespace : undefined, obj.metadata.name);
    if (!live) throw notFound(res, obj.metadata.name);
    const err = validateObject(obj);
    if (err) throw err;
    obj.apiVersion = apiVersionOf(res);
    applyDefaults(obj);
    if (obj.kind === 'Service') dropTrafficPolicyFields(obj.spec ?? {}, live.spec ?? {});
    for (const a of this.admission) a.admitUpdate?.(this, live, obj);
    const immutable =
      validateUpdate(obj, live) ?? (obj.kind === 'Service' ? validateDefaultedService(obj, live) : undefined);
    if (immutable) throw immutable;
    obj.metadata.uid = live.metadata.uid;
    obj.metadata.creationTimestamp = live.metadata.creationTimestamp;
    if (obj.status === undefined && live.status !== undefined) obj.status = structuredClone(live.status);
    // The service strategy's PrepareForUpdate: only the status subresource writes a Service's status.
    if (obj.kind === 'Service') obj.status = structuredClone(live.status);
    applyDefaults(obj);
    if (obj.kind === 'Service') allocateService(this, obj, live);
    if (live.metadata.generation !== undefined) {
      obj.metadata.generation = live.metadata.generation + (sameJson(obj.spec, live.spec) ? 0 : 1);
    }
    if (sameJson(obj, { ...live, metadata: { ...live.metadata, resourceVersion: obj.metadata.resourceVersion } }))
      return live;
    const stored = this.emu.store.update(res, obj);
    this.reconcile();
    return this.emu.store.get(res.plural, stored.metadata.namespace, stored.metadata.name) ?? stored;
  }

  /**
   * PUT or PATCH on the `status` subresource: the object's status replaced, everything else kept as
   * stored (the status strategies' PrepareForUpdate). A Service's load-balancer status is defaulted
   * and validated as the API server does (servicestatus.ts).
   */
  updateStatus(input: KubeObject): KubeObject {
    const res = this.resourceFor(input);
    const ns = res.namespaced ? (input.metadata?.namespace ?? 'default') : undefined;
    const live = this.emu.store.get(res.plural, ns, input.metadata.name);
    if (!live) throw notFound(res, input.metadata.name);
    const obj = structuredClone(live);
    obj.status = structuredClone(input.status ?? {});
    if (obj.kind === 'Service') {
      obj.status.loadBalancer ??= {};
      defaultLoadBalancerIPMode(obj.spec?.type, obj.status.loadBalancer.ingress);
      const errs = loadBalancerStatusErrors(obj.spec?.type, obj.status.loadBalancer.ingress);
      if (errs.length) throw invalid('Service', obj.metadata.name, errs);
    }
    if (sameJson(obj.status, live.status)) return live;
    const stored = this.emu.store.update(res, obj);
    this.reconcile();
    return this.emu.store.get(res.plural, ns, stored.metadata.name) ?? stored;
  }

  /**
   * What `kubectl apply` does (client-side apply): create with the last-applied annotation, or merge
   * the new configuration over the live object. Fields the API server defaulted or allocated (cluster
   * IPs, node ports, status) are kept; fields dropped from the configuration are removed.
   */
  apply(input: KubeObject): { result: ApplyResult; object: KubeObject } {
    const res = this.resourceFor(input);
    const config = structuredClone(input);
    const ns = res.namespaced ? (config.metadata?.namespace ?? 'default') : undefined;
    const lastApplied = canonicalApplied(config);
    const live = this.emu.store.get(res.plural, ns, String(config.metadata?.name ?? ''));
    const withAnnotation = structuredClone(config);
    withAnnotation.metadata ??= { name: '' };
    withAnnotation.metadata.annotations = {
      ...(withAnnotation.metadata.annotations ?? {}),
      [LAST_APPLIED]: lastApplied,
    };
    if (!live) return { result: 'created', object: this.create(withAnnotation) };
    if (live.metadata.annotations?.[LAST_APPLIED] === lastApplied) return { result: 'unchanged', object: live };
    let previous: unknown = {};
    try {
      previous = JSON.parse(live.metadata.annotations?.[LAST_APPLIED] ?? '{}');
    } catch {
      previous = {};
    }
    const merged = mergeApplied(structuredClone(live), previous, withAnnotation) as KubeObject;
    if (live.kind === 'Service') keepAllocatedServiceFields(merged, live);
    merged.status = structuredClone(live.status);
    const before = live.metadata.resourceVersion;
    const updated = this.update(merged);
    return { result: updated.metadata.resourceVersion === before ? 'unchanged' : 'configured', object: updated };
  }

  /**
   * DELETE: remove an object; the garbage collector removes its dependents (deployment → replicasets
   * → pods). A started pod is deleted gracefully: it shows Terminating until its processes exit or
   * its grace period (spec.terminationGracePeriodSeconds, or `gracePeriodSeconds`) runs out.
   */
  delete(
    resource: string,
    namespace: string | undefined,
    name: string,
    opts: { gracePeriodSeconds?: number } = {},
  ): KubeObject {
    const res = this.resource(resource);
    const ns = res.namespaced ? namespace : undefined;
    const obj = this.emu.store.get(res.plural, ns, name);
    if (!obj) throw notFound(res, name);
    this.deleteInternal(res.plural, ns, name, opts);
    this.reconcile();
    return obj;
  }

  /** Whether a pod is still held by a graceful deletion (Terminating). */
  isTerminating(namespace: string, name: string): boolean {
    return Boolean(this.terminations[`${namespace}/${name}`]);
  }

  private beginPodTermination(pod: KubeObject, graceSeconds: number): void {
    const key = `${pod.metadata.namespace}/${pod.metadata.name}`;
    if (this.terminations[key]) return;
    const now = this.now();
    const next = structuredClone(pod);
    next.metadata.deletionTimestamp = rfc3339(now + graceSeconds * 1000);
    next.metadata.deletionGracePeriodSeconds = graceSeconds;
    this.terminations[key] = { uid: pod.metadata.uid!, at: now + terminationDelayMs(pod, graceSeconds) };
    this.write(next);
    for (const ctr of pod.spec?.containers ?? []) {
      this.recordEvent({
        involved: next,
        reason: 'Killing',
        message: `Stopping container ${ctr.name}`,
        source: { component: 'kubelet', host: pod.spec.nodeName },
        fieldPath: `spec.containers{${ctr.name}}`,
      });
    }
  }

  /** Write an object a controller changed, only if it differs from what is stored (keeps the loop quiet). */
  write(next: KubeObject): boolean {
    const res = this.resourceFor(next);
    const live = this.emu.store.get(
      res.plural,
      res.namespaced ? next.metadata.namespace : undefined,
      next.metadata.name,
    );
    if (!live) {
      applyDefaults(next);
      this.emu.store.create(res, next);
      return true;
    }
    next.metadata.resourceVersion = live.metadata.resourceVersion;
    if (sameJson(next, live)) return false;
    this.emu.store.update(res, next);
    return true;
  }

  /** Create an object on behalf of a controller or the kubelet (no validation, defaults applied). */
  createInternal(obj: KubeObject): KubeObject {
    const res = this.resourceFor(obj);
    obj.apiVersion = apiVersionOf(res);
    if (res.namespaced) obj.metadata.namespace ??= 'default';
    applyDefaults(obj);
    if (['Deployment', 'ReplicaSet', 'DaemonSet'].includes(obj.kind)) obj.metadata.generation ??= 1;
    if (obj.kind === 'Service') allocateService(this, obj, undefined);
    // Controllers' pods go through admission on a real cluster too.
    for (const a of this.admission) a.admitCreate?.(this, obj);
    return this.emu.store.create(res, obj);
  }

  /** Remove an object on behalf of a controller (scale down, garbage collection); pods go gracefully. */
  deleteInternal(
    resource: string,
    namespace: string | undefined,
    name: string,
    opts: { gracePeriodSeconds?: number } = {},
  ): void {
    const res = this.resource(resource);
    const ns = res.namespaced ? namespace : undefined;
    const obj = this.emu.store.get(res.plural, ns, name);
    if (!obj) return;
    if (res.plural === 'pods') {
      const grace =
        opts.gracePeriodSeconds ??
        obj.metadata.deletionGracePeriodSeconds ??
        obj.spec?.terminationGracePeriodSeconds ??
        30;
      const started =
        Boolean(obj.spec?.nodeName) && (obj.status?.phase === 'Running' || obj.status?.phase === 'Pending');
      if (grace > 0 && started && this.config) {
        this.beginPodTermination(obj, grace);
        return;
      }
      delete this.terminations[`${ns}/${name}`];
    }
    this.emu.store.delete(res, ns, name);
  }

  /** Record an Event (Scheduled, Pulling, SuccessfulCreate, ScalingReplicaSet, ...). */
  recordEvent(e: EventInput): void {
    const ev = buildEvent(e, this.now(), this.eventSeq++);
    const res = resolveResource('events')!;
    this.emu.store.create(res, ev);
  }

  /** A 5-character name suffix drawn from the cluster's seeded stream (`web-7d9f8c6b5-q8m3z`). */
  suffix(): string {
    return this.rng.string('bcdfghjklmnpqrstvwxz2456789', 5);
  }

  // ---- Services -----------------------------------------------------------------------------

  /** What a load-balancer implementation (cloud controller, MetalLB) calls once it has an address. */
  setLoadBalancerIngress(namespace: string, name: string, ips: string[]): void {
    const svc = structuredClone(this.mustGet('services', namespace, name));
    svc.status = { loadBalancer: ips.length ? { ingress: ips.map((ip) => ({ ip, ipMode: 'VIP' })) } : {} };
    this.write(svc);
    this.reconcile();
  }

  /** The `kubernetes` Service's address (first of the service CIDR) and kube-dns' (tenth). */
  wellKnownServiceIp(which: 'kubernetes' | 'kube-dns'): string {
    const cidr = this.config?.serviceCidr ?? '10.96.0.0/12';
    return formatIp(parseCidrOrThrow(cidr).addr + (which === 'kubernetes' ? 1 : 10));
  }

  // ---- Garbage collection ---------------------------------------------------------------------

  private onDeleted(resource: string, obj: KubeObject): void {
    if (resource === 'services') releaseServicePorts(this, obj, undefined);
    if (resource === 'pods') {
      const key = `${obj.metadata.namespace}/${obj.metadata.name}`;
      if (obj.spec?.nodeName) this.ipam.release(obj.spec.nodeName, key);
      delete this.starts[key];
      delete this.terminations[key];
      for (const k of Object.keys(this.logBuffers)) if (k.startsWith(`${key}/`)) delete this.logBuffers[k];
    }
    collectGarbage(this, resource, obj);
  }

  // ---- Controllers ----------------------------------------------------------------------------

  /** Run the controllers on everything that changed, until nothing changes any more. */
  reconcile(): void {
    if (this.reconciling || !this.config) {
      if (!this.config) this.queue = [];
      return;
    }
    this.reconciling = true;
    try {
      for (let round = 0; round < MAX_ROUNDS && this.queue.length; round++) {
        const work = dedupe(this.queue);
        this.queue = [];
        this.roundKeys.clear();
        for (const w of work) this.dispatch(w);
      }
      this.queue = [];
    } finally {
      this.reconciling = false;
    }
  }

  firstInRound(key: string): boolean {
    if (!this.reconciling) return true;
    if (this.roundKeys.has(key)) return false;
    this.roundKeys.add(key);
    return true;
  }

  /** Hand one changed object to the controllers watching its resource, in the composition root's order. */
  private dispatch(w: Work): void {
    const controllers = this.watchers.get(w.resource);
    if (!controllers) return;
    const change: ObjectChange = { ...w, object: this.emu.store.get(w.resource, w.namespace, w.name) };
    for (const c of controllers) c.sync(this, change);
  }

  /** Apply time-based transitions after the clock moved (pods leaving ContainerCreating, ...). */
  tick(): void {
    if (!this.config) return;
    for (const c of this.tickers) c.tick!(this);
    this.reconcile();
  }

  // ---- Logs -----------------------------------------------------------------------------------

  /** What an app in a pod wrote to stdout/stderr (the apps of the data-plane issue call this). */
  appendLog(namespace: string, pod: string, container: string, text: string): void {
    const k = `${namespace}/${pod}/${container}`;
    this.logBuffers[k] = (this.logBuffers[k] ?? '') + text;
  }

  /** A container's log so far ('' when it wrote nothing). */
  logs(namespace: string, pod: string, container: string): string {
    return this.logBuffers[`${namespace}/${pod}/${container}`] ?? '';
  }

  // ---- Snapshot -------------------------------------------------------------------------------

  snapshot(): unknown {
    const s: ClusterSnapshot = {
      config: this.config,
      rng: this.rng.getState(),
      serviceIPs: this.serviceIPs?.snapshot(),
      nodePorts: this.nodePorts.snapshot(),
      ipam: this.ipam.snapshot(),
      starts: structuredClone(this.starts),
      terminations: structuredClone(this.terminations),
      nodeImages: structuredClone(this.nodeImages),
      logs: { ...this.logBuffers },
      eventSeq: this.eventSeq,
    };
    return structuredClone(s);
  }

  restore(snap: unknown): void {
    const s = snap as Partial<ClusterSnapshot> | undefined;
    if (!s || s.rng === undefined) return;
    if (s.config) this.configure(s.config);
    this.rng.setState(s.rng);
    if (s.serviceIPs) this.serviceIPs?.restore(s.serviceIPs);
    if (s.nodePorts) this.nodePorts.restore(s.nodePorts);
    this.ipam.restore(s.ipam);
    this.starts = structuredClone(s.starts ?? {});
    this.terminations = structuredClone(s.terminations ?? {});
    this.nodeImages = structuredClone(s.nodeImages ?? {});
    this.logBuffers = { ...(s.logs ?? {}) };
    this.eventSeq = s.eventSeq ?? 0;
    this.queue = [];
  }
}

function dedupe(work: Work[]): Work[] {
  const seen = new Set<string>();
  const out: Work[] = [];
  for (const w of work) {
    const k = `${w.resource}/${w.namespace ?? ''}/${w.name}`;
    if (!seen.has(k)) {
      seen.add(k);
      out.push(w);
    }
  }
  return out;
}
