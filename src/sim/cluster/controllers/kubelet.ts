/**
 * The kubelet's part of a pod's life: once bound it reports ContainerCreating (sandbox, pod IP,
 * image pull), then Running and Ready when its start delay is over. Start delays are chosen so
 * that `kubectl apply ... && kubectl get pod` shows ContainerCreating and the next command line
 * (2 virtual seconds later) shows Running when the image is already on the node; a first pull of a
 * new image takes a few seconds more (seeded), with Pulling/Pulled events.
 */
import type { Controller, ControllerContext, PodStart } from '../controller';
import type { KubeObject } from '../types';
import { fnv32a } from '../hash';
import { microTime, rfc3339 } from '../../format/duration';
import { defaultPullPolicy } from '../defaults';
import { nodeInternalIp } from './scheduling';
import { appForImage } from '../../apps/registry';

export type { PodStart } from '../controller';

/** `traefik/whoami` → `docker.io/traefik/whoami:latest`, `nginx` → `docker.io/library/nginx:latest`. */
export function normalizeImage(image: string): string {
  let name = image;
  const first = name.split('/')[0] ?? '';
  const hasRegistry = name.includes('/') && (first.includes('.') || first.includes(':') || first === 'localhost');
  if (!hasRegistry) name = name.includes('/') ? `docker.io/${name}` : `docker.io/library/${name}`;
  const tail = name.slice(name.lastIndexOf('/') + 1);
  if (!tail.includes(':') && !tail.includes('@')) name += ':latest';
  return name;
}

function hex64(seed: string): string {
  let out = '';
  for (let i = 0; out.length < 64; i++) out += fnv32a(`${seed}#${i}`).toString(16).padStart(8, '0');
  return out.slice(0, 64);
}

/** The image digest a registry would report (stable per image name). */
export function imageId(image: string): string {
  const n = normalizeImage(image);
  const repo = n.replace(/[:@][^/]*$/, '');
  return `${repo}@sha256:${hex64(n)}`;
}

/** Admit a pod bound to a node: sandbox, pod IP, pull plan, and the ContainerCreating status. */
export function kubeletAdmit(c: ControllerContext, pod: KubeObject): void {
  const nodeName = pod.spec.nodeName as string;
  const node = c.store.get('nodes', undefined, nodeName);
  const key = `${pod.metadata.namespace}/${pod.metadata.name}`;
  const hostIP = nodeInternalIp(node) ?? '';
  const now = c.now();
  const present = (c.nodeImages[nodeName] ??= []);
  const pulls: PodStart['pulls'] = [];
  let delay = 400 + c.rng.int(900);
  for (const ctr of pod.spec.containers ?? []) {
    const img = normalizeImage(ctr.image);
    const policy = ctr.imagePullPolicy ?? defaultPullPolicy(ctr.image);
    if (present.includes(img) && policy !== 'Always') continue;
    const ms = present.includes(img) ? 500 + c.rng.int(700) : 2500 + c.rng.int(4500);
    pulls.push({ image: ctr.image, ms, size: 2_000_000 + (fnv32a(img) % 60_000_000) });
    delay += ms;
  }
  const podIP = pod.spec.hostNetwork ? hostIP : podIpFor(c, nodeName, key);
  c.starts[key] = {
    uid: pod.metadata.uid!,
    node: nodeName,
    runningAt: now + delay,
    pulls,
    ...(podIP ? { podIP } : {}),
  };
  const next = structuredClone(pod);
  const ts = rfc3339(now);
  next.status = {
    conditions: [
      { lastProbeTime: null, lastTransitionTime: ts, status: 'False', type: 'PodReadyToStartContainers' },
      { lastProbeTime: null, lastTransitionTime: ts, status: 'True', type: 'Initialized' },
      {
        lastProbeTime: null,
        lastTransitionTime: ts,
        message: `containers with unready status: [${(pod.spec.containers ?? []).map((x: any) => x.name).join(' ')}]`,
        reason: 'ContainersNotReady',
        status: 'False',
        type: 'Ready',
      },
      {
        lastProbeTime: null,
        lastTransitionTime: ts,
        message: `containers with unready status: [${(pod.spec.containers ?? []).map((x: any) => x.name).join(' ')}]`,
        reason: 'ContainersNotReady',
        status: 'False',
        type: 'ContainersReady',
      },
      { lastProbeTime: null, lastTransitionTime: ts, status: 'True', type: 'PodScheduled' },
    ],
    containerStatuses: (pod.spec.containers ?? []).map((ctr: any) => ({
      image: ctr.image,
      imageID: '',
      lastState: {},
      name: ctr.name,
      ready: false,
      restartCount: 0,
      started: false,
      state: { waiting: { reason: 'ContainerCreating' } },
    })),
    hostIP,
    hostIPs: hostIP ? [{ ip: hostIP }] : [],
    phase: 'Pending',
    qosClass: pod.status?.qosClass ?? 'BestEffort',
    startTime: ts,
  };
  c.write(next);
  for (const p of pulls)
    c.recordEvent({
      involved: next,
      reason: 'Pulling',
      message: `Pulling image "${p.image}"`,
      source: { component: 'kubelet', host: nodeName },
      fieldPath: `spec.containers{${containerFor(pod, p.image)}}`,
    });
}

function containerFor(pod: KubeObject, image: string): string {
  return (pod.spec.containers ?? []).find((x: any) => x.image === image)?.name ?? '';
}

function podIpFor(c: ControllerContext, nodeName: string, key: string): string | undefined {
  const node = c.store.get('nodes', undefined, nodeName);
  const cidr = node?.spec?.podCIDR;
  if (!cidr) return undefined;
  return c.ipam.allocate(nodeName, cidr, key);
}

function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(3).replace(/\.?0+$/, '')}s`;
}

/**
 * Whether a container's main process ignores SIGTERM and must wait for SIGKILL at the end of the
 * grace period: a shell-less `sleep`/`tail -f` as PID 1 does (netshoot and busybox test pods),
 * servers such as nginx or whoami exit at once.
 */
export function ignoresSigterm(container: any): boolean {
  const argv = [...(container.command ?? []), ...(container.args ?? [])].map(String);
  const first = (argv[0] ?? '').split('/').pop();
  return first === 'sleep' || first === 'tail' || (first === 'sh' && argv.some((a) => /\bsleep\b|\btail\b/.test(a)));
}

/** When a pod being deleted with `grace` seconds will be gone: at once if its processes exit on SIGTERM. */
export function terminationDelayMs(pod: KubeObject, graceSeconds: number): number {
  if (graceSeconds <= 0) return 0;
  const stubborn = (pod.spec?.containers ?? []).some(ignoresSigterm);
  return stubborn ? graceSeconds * 1000 : Math.min(graceSeconds * 1000, 1000);
}

/** Remove the pods whose termination is over. */
function finishTerminations(c: ControllerContext, now: number): void {
  for (const [key, t] of Object.entries(c.terminations)) {
    if (t.at > now) continue;
    delete c.terminations[key];
    const [ns, name] = key.split('/') as [string, string];
    const pod = c.store.get('pods', ns, name);
    if (pod && pod.metadata.uid === t.uid) c.deleteInternal('pods', ns, name, { gracePeriodSeconds: 0 });
  }
}

/** How often the kubelet renews its node Lease. */
const LEASE_RENEW_MS = 10_000;

/** Renew the node Leases in kube-node-lease, as each kubelet does every 10 s. */
function renewLeases(c: ControllerContext, now: number): void {
  for (const lease of c.store.list('leases', 'kube-node-lease')) {
    const last = Date.parse(lease.spec?.renewTime ?? '');
    if (!Number.isNaN(last) && now - last < LEASE_RENEW_MS) continue;
    const next = structuredClone(lease);
    const at = now - (now % LEASE_RENEW_MS);
    next.spec = { ...next.spec, renewTime: microTime(at) };
    c.write(next);
  }
}

/**
 * The earliest virtual time at which `kubeletTick` has anything to do (a Lease to renew, a pod to
 * start, a graceful deletion to finish); Infinity when nothing is pending. A tick before then
 * changes nothing, so a caller moving time in steps may skip those ticks.
 */
export function kubeletNextDue(c: ControllerContext): number {
  let due = Infinity;
  for (const lease of c.store.list('leases', 'kube-node-lease')) {
    const last = Date.parse(lease.spec?.renewTime ?? '');
    due = Math.min(due, Number.isNaN(last) ? -Infinity : last + LEASE_RENEW_MS);
  }
  for (const t of Object.values(c.terminations)) due = Math.min(due, t.at);
  for (const st of Object.values(c.starts)) due = Math.min(due, st.runningAt);
  return due;
}

/** Start every pod whose delay is over: containers running, Ready, pod IP published; renew node Leases. */
export function kubeletTick(c: ControllerContext): void {
  const now = c.now();
  renewLeases(c, now);
  finishTerminations(c, now);
  for (const [key, st] of Object.entries(c.starts)) {
    if (st.runningAt > now) continue;
    delete c.starts[key];
    const [ns, name] = key.split('/') as [string, string];
    const pod = c.store.get('pods', ns, name);
    if (!pod || pod.metadata.uid !== st.uid) continue;
    startPod(c, pod, st);
  }
}

/** Turn a pod Running and Ready (also used by scenarios to build pods that started before the clock). */
export function startPod(c: ControllerContext, pod: KubeObject, st: PodStart): void {
  const present = (c.nodeImages[st.node] ??= []);
  const startedMs = Math.min(st.runningAt, c.now());
  const ts = rfc3339(startedMs);
  const next = structuredClone(pod);
  const podIP = st.podIP;
  for (const p of st.pulls) {
    c.recordEvent({
      involved: next,
      reason: 'Pulled',
      message: `Successfully pulled image "${p.image}" in ${seconds(p.ms)} (${seconds(p.ms)} including waiting). Image size: ${p.size} bytes.`,
      source: { component: 'kubelet', host: st.node },
      fieldPath: `spec.containers{${containerFor(pod, p.image)}}`,
    });
  }
  for (const ctr of pod.spec.containers ?? []) {
    const img = normalizeImage(ctr.image);
    const pulled = st.pulls.some((p) => p.image === ctr.image);
    if (!pulled)
      c.recordEvent({
        involved: next,
        reason: 'Pulled',
        message: `Container image "${ctr.image}" already present on machine`,
        source: { component: 'kubelet', host: st.node },
        fieldPath: `spec.containers{${ctr.name}}`,
      });
    if (!present.includes(img)) present.push(img);
    c.recordEvent({
      involved: next,
      reason: 'Created',
      message: `Created container ${ctr.name}`,
      source: { component: 'kubelet', host: st.node },
      fieldPath: `spec.containers{${ctr.name}}`,
    });
    c.recordEvent({
      involved: next,
      reason: 'Started',
      message: `Started container ${ctr.name}`,
      source: { component: 'kubelet', host: st.node },
      fieldPath: `spec.containers{${ctr.name}}`,
    });
    // The app's own start-up lines open its log; an image the emulator does not know runs but serves nothing, and says so.
    const app = appForImage(ctr.image);
    if (app?.startLog)
      c.appendLog(pod.metadata.namespace ?? 'default', pod.metadata.name, ctr.name, app.startLog(startedMs));
    if (!app)
      c.recordEvent({
        involved: next,
        reason: 'NotEmulated',
        message: `netlab: image "${ctr.image}" is not emulated: the container runs but listens on no port`,
        source: { component: 'kubelet', host: st.node },
        fieldPath: `spec.containers{${ctr.name}}`,
      });
  }
  next.status.conditions = (next.status.conditions ?? []).map((cond: any) => ({
    lastProbeTime: null,
    lastTransitionTime: cond.status === 'True' ? cond.lastTransitionTime : ts,
    status: 'True',
    type: cond.type,
  }));
  next.status.containerStatuses = (pod.spec.containers ?? []).map((ctr: any) => {
    const img = normalizeImage(ctr.image);
    return {
      containerID: `containerd://${c.rng.string('0123456789abcdef', 64)}`,
      image: img,
      imageID: imageId(ctr.image),
      lastState: {},
      name: ctr.name,
      ready: true,
      restartCount: 0,
      started: true,
      state: { running: { startedAt: ts } },
    };
  });
  next.status.phase = 'Running';
  if (podIP) {
    next.status.podIP = podIP;
    next.status.podIPs = [{ ip: podIP }];
  }
  c.write(next);
}

/** The kubelet of every node: admits the pods bound to it; as time passes, starts their containers and ends graceful deletions. */
export const kubeletController: Controller = {
  name: 'kubelet',
  watches: ['pods'],
  sync(ctx, { namespace, name, object: pod }) {
    if (!pod?.spec?.nodeName) return;
    if (!ctx.starts[`${namespace}/${name}`] && pod.status?.phase === 'Pending' && !pod.status?.startTime)
      kubeletAdmit(ctx, pod);
  },
  tick: kubeletTick,
};
