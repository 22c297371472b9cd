/** `kubectl describe node` (describe.go describeNode, describeNodeResource). */
import type { KubeObject } from '../../cluster/types';
import { nodeRoles } from '../printers/core';
import { eventsFor, writeEvents } from './events';
import { addQuantity, formatQuantity, parseQuantity, type Quantity } from './quantity';
import { type DescribeContext, DescribeWriter, rfc1123z, since, writeAnnotations, writeLabels } from './writer';

/** Taint.ToString(): `key=value:Effect`, `key:Effect`. */
const taintString = (t: { key: string; value?: string; effect?: string }): string =>
  `${t.key}${t.value ? `=${t.value}` : ''}${t.effect ? `:${t.effect}` : ''}`;

/** Container requests and limits of a pod, summed (resourcehelper.PodRequestsAndLimits without init/overhead). */
function podRequestsAndLimits(pod: KubeObject): { req: Record<string, Quantity>; lim: Record<string, Quantity> } {
  const req: Record<string, Quantity> = {};
  const lim: Record<string, Quantity> = {};
  for (const c of pod.spec?.containers ?? []) {
    for (const [target, source] of [
      [req, c.resources?.requests],
      [lim, c.resources?.limits],
    ] as const) {
      for (const [name, value] of Object.entries((source ?? {}) as Record<string, string>)) {
        const q = parseQuantity(value);
        target[name] = target[name] ? addQuantity(target[name]!, q) : q;
      }
    }
  }
  return { req, lim };
}

const zero: Quantity = { milli: 0, format: 'DecimalSI' };
const percent = (part: Quantity, whole: Quantity): number =>
  whole.milli === 0 ? 0 : Math.trunc((part.milli / whole.milli) * 100);

export function describeNode(node: KubeObject, ctx: DescribeContext): string {
  const w = new DescribeWriter();
  const spec = node.spec ?? {};
  const st = node.status ?? {};
  w.write(0, `Name:\t${node.metadata.name}\n`);
  const roles = nodeRoles(node);
  w.write(0, `Roles:\t${roles.length > 0 ? roles.join(',') : '<none>'}\n`);
  writeLabels(w, 'Labels', node.metadata.labels);
  writeAnnotations(w, 'Annotations', node.metadata.annotations);
  w.write(0, `CreationTimestamp:\t${rfc1123z(node.metadata.creationTimestamp)}\n`);
  const taints = [...(spec.taints ?? [])].sort((a, b) => {
    const ka = `${a.effect ?? ''},${a.key}`;
    const kb = `${b.effect ?? ''},${b.key}`;
    return ka < kb ? -1 : ka > kb ? 1 : 0;
  });
  w.write(0, 'Taints:\t');
  if (taints.length === 0) w.line('<none>');
  taints.forEach((t, i) => w.write(0, `${i !== 0 ? '\t' : ''}${taintString(t)}\n`));
  w.write(0, `Unschedulable:\t${spec.unschedulable === true}\n`);
  const lease = ctx.list('leases', 'kube-node-lease').find((l) => l.metadata.name === node.metadata.name);
  if (lease) {
    w.write(0, 'Lease:\n');
    w.write(1, `HolderIdentity:\t${lease.spec?.holderIdentity ?? '<unset>'}\n`);
    w.write(1, `AcquireTime:\t${lease.spec?.acquireTime ? rfc1123z(lease.spec.acquireTime) : '<unset>'}\n`);
    w.write(1, `RenewTime:\t${lease.spec?.renewTime ? rfc1123z(lease.spec.renewTime) : '<unset>'}\n`);
  } else {
    w.write(0, `Lease:\tFailed to get lease: leases.coordination.k8s.io "${node.metadata.name}" not found\n`);
  }
  const conditions: any[] = st.conditions ?? [];
  if (conditions.length > 0) {
    w.write(0, 'Conditions:\n  Type\tStatus\tLastHeartbeatTime\tLastTransitionTime\tReason\tMessage\n');
    w.write(1, '----\t------\t-----------------\t------------------\t------\t-------\n');
    for (const c of conditions) {
      w.write(
        1,
        `${c.type} \t${c.status} \t${rfc1123z(c.lastHeartbeatTime)} \t${rfc1123z(c.lastTransitionTime)} \t${c.reason ?? ''} \t${c.message ?? ''}\n`,
      );
    }
  }
  w.write(0, 'Addresses:\n');
  for (const a of st.addresses ?? []) w.write(1, `${a.type}:\t${a.address}\n`);
  const resourceList = (list: Record<string, string>): void => {
    for (const name of Object.keys(list).sort()) w.write(0, `  ${name}:\t${list[name]}\n`);
  };
  if (Object.keys(st.capacity ?? {}).length > 0) {
    w.write(0, 'Capacity:\n');
    resourceList(st.capacity);
  }
  if (Object.keys(st.allocatable ?? {}).length > 0) {
    w.write(0, 'Allocatable:\n');
    resourceList(st.allocatable);
  }
  const info = st.nodeInfo ?? {};
  w.write(0, 'System Info:\n');
  w.write(0, `  Machine ID:\t${info.machineID ?? ''}\n`);
  w.write(0, `  System UUID:\t${info.systemUUID ?? ''}\n`);
  w.write(0, `  Boot ID:\t${info.bootID ?? ''}\n`);
  w.write(0, `  Kernel Version:\t${info.kernelVersion ?? ''}\n`);
  w.write(0, `  OS Image:\t${info.osImage ?? ''}\n`);
  w.write(0, `  Operating System:\t${info.operatingSystem ?? ''}\n`);
  w.write(0, `  Architecture:\t${info.architecture ?? ''}\n`);
  w.write(0, `  Container Runtime Version:\t${info.containerRuntimeVersion ?? ''}\n`);
  w.write(0, `  Kubelet Version:\t${info.kubeletVersion ?? ''}\n`);
  w.write(0, `  Kube-Proxy Version:\t${info.kubeProxyVersion ?? ''}\n`);
  if (spec.podCIDR) w.write(0, `PodCIDR:\t${spec.podCIDR}\n`);
  if ((spec.podCIDRs ?? []).length > 0) w.write(0, `PodCIDRs:\t${spec.podCIDRs.join(',')}\n`);
  if (spec.providerID) w.write(0, `ProviderID:\t${spec.providerID}\n`);
  writeNodeResources(w, node, ctx);
  writeEvents(w, eventsFor(node, ctx), ctx.now);
  return w.toString();
}

/** describeNodeResource: the non-terminated pods on the node and the allocated totals. */
function writeNodeResources(w: DescribeWriter, node: KubeObject, ctx: DescribeContext): void {
  const pods = ctx
    .list('pods')
    .filter(
      (p) => p.spec?.nodeName === node.metadata.name && p.status?.phase !== 'Succeeded' && p.status?.phase !== 'Failed',
    )
    .sort((a, b) => {
      const ka = `${a.metadata.namespace ?? ''}/${a.metadata.name}`;
      const kb = `${b.metadata.namespace ?? ''}/${b.metadata.name}`;
      return ka < kb ? -1 : ka > kb ? 1 : 0;
    });
  const allocatableList: Record<string, string> =
    Object.keys(node.status?.allocatable ?? {}).length > 0 ? node.status.allocatable : (node.status?.capacity ?? {});
  const alloc = (name: string): Quantity => parseQuantity(allocatableList[name]);
  w.write(0, `Non-terminated Pods:\t(${pods.length} in total)\n`);
  w.write(1, 'Namespace\tName\t\tCPU Requests\tCPU Limits\tMemory Requests\tMemory Limits\tAge\n');
  w.write(1, '---------\t----\t\t------------\t----------\t---------------\t-------------\t---\n');
  const totalReq: Record<string, Quantity> = {};
  const totalLim: Record<string, Quantity> = {};
  for (const pod of pods) {
    const { req, lim } = podRequestsAndLimits(pod);
    for (const [t, s] of [
      [totalReq, req],
      [totalLim, lim],
    ] as const) {
      for (const [k, q] of Object.entries(s)) t[k] = t[k] ? addQuantity(t[k]!, q) : q;
    }
    const cell = (q: Quantity | undefined, name: string): string =>
      `${formatQuantity(q ?? zero)} (${percent(q ?? zero, alloc(name))}%)`;
    w.write(
      1,
      `${pod.metadata.namespace ?? ''}\t${pod.metadata.name}\t\t${cell(req.cpu, 'cpu')}\t${cell(lim.cpu, 'cpu')}\t${cell(req.memory, 'memory')}\t${cell(lim.memory, 'memory')}\t${since(pod.metadata.creationTimestamp, ctx.now)}\n`,
    );
  }
  w.write(0, 'Allocated resources:\n  (Total limits may be over 100 percent, i.e., overcommitted.)\n');
  w.write(1, 'Resource\tRequests\tLimits\n');
  w.write(1, '--------\t--------\t------\n');
  for (const name of ['cpu', 'memory', 'ephemeral-storage']) {
    const r = totalReq[name] ?? zero;
    const l = totalLim[name] ?? zero;
    w.write(
      1,
      `${name}\t${formatQuantity(r)} (${percent(r, alloc(name))}%)\t${formatQuantity(l)} (${percent(l, alloc(name))}%)\n`,
    );
  }
  // Huge pages print with percentages, other extended resources without (upstream's split).
  const extra = Object.keys(allocatableList)
    .filter((n) => !['cpu', 'memory', 'ephemeral-storage', 'pods', 'storage'].includes(n))
    .sort();
  for (const name of extra.filter((n) => n.startsWith('hugepages-'))) {
    const r = totalReq[name] ?? zero;
    const l = totalLim[name] ?? zero;
    w.write(
      1,
      `${name}\t${formatQuantity(r)} (${percent(r, alloc(name))}%)\t${formatQuantity(l)} (${percent(l, alloc(name))}%)\n`,
    );
  }
  for (const name of extra.filter((n) => !n.startsWith('hugepages-'))) {
    w.write(1, `${name}\t${formatQuantity(totalReq[name] ?? zero)}\t${formatQuantity(totalLim[name] ?? zero)}\n`);
  }
}
