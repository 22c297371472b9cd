/** `kubectl describe deployment` and `replicaset` (describe.go describeDeployment, describeReplicaSet). */
import type { KubeObject } from '../../cluster/types';
import { formatLabels, formatLabelSelector, labelSelectorString } from '../labels';
import { eventsFor, writeEvents } from './events';
import { writePodTemplate } from './containers';
import { controlledBy, type DescribeContext, DescribeWriter, rfc1123z, writeAnnotations, writeLabels } from './writer';

const isOwnedBy = (o: KubeObject, owner: KubeObject): boolean =>
  (o.metadata.ownerReferences ?? []).some(
    (r) =>
      r.controller &&
      (r.uid === owner.metadata.uid || (!r.uid && r.name === owner.metadata.name && r.kind === owner.kind)),
  );

const revision = (o: KubeObject): number => Number(o.metadata.annotations?.['deployment.kubernetes.io/revision'] ?? 0);

/** printReplicaSetsByLabels: `name (current/desired replicas created)`, joined by `, `, or `<none>`. */
function replicaSetsText(rss: KubeObject[]): string {
  return (
    rss
      .map((rs) => `${rs.metadata.name} (${rs.status?.replicas ?? 0}/${rs.spec?.replicas ?? 0} replicas created)`)
      .join(', ') || '<none>'
  );
}

/**
 * The deployment's replica sets split into old and new. The new one carries the deployment's
 * revision annotation (deploymentutil compares pod templates; the revision is the same fact here).
 */
function splitReplicaSets(d: KubeObject, ctx: DescribeContext): { oldRSs: KubeObject[]; newRSs: KubeObject[] } {
  const owned = ctx.list('replicasets', d.metadata.namespace).filter((rs) => isOwnedBy(rs, d));
  if (owned.length === 0) return { oldRSs: [], newRSs: [] };
  const want = revision(d);
  let newest = owned.find((rs) => want > 0 && revision(rs) === want);
  if (!newest) newest = [...owned].sort((a, b) => revision(b) - revision(a))[0];
  return { oldRSs: owned.filter((rs) => rs !== newest), newRSs: newest ? [newest] : [] };
}

export function describeDeployment(d: KubeObject, ctx: DescribeContext): string {
  const w = new DescribeWriter();
  const spec = d.spec ?? {};
  const st = d.status ?? {};
  w.write(0, `Name:\t${d.metadata.name}\n`);
  w.write(0, `Namespace:\t${d.metadata.namespace ?? ''}\n`);
  w.write(0, `CreationTimestamp:\t${rfc1123z(d.metadata.creationTimestamp)}\n`);
  writeLabels(w, 'Labels', d.metadata.labels);
  writeAnnotations(w, 'Annotations', d.metadata.annotations);
  w.write(0, `Selector:\t${labelSelectorString(spec.selector)}\n`);
  w.write(
    0,
    `Replicas:\t${spec.replicas ?? 1} desired | ${st.updatedReplicas ?? 0} updated | ${st.replicas ?? 0} total | ${st.availableReplicas ?? 0} available | ${st.unavailableReplicas ?? 0} unavailable\n`,
  );
  w.write(0, `StrategyType:\t${spec.strategy?.type ?? ''}\n`);
  w.write(0, `MinReadySeconds:\t${spec.minReadySeconds ?? 0}\n`);
  const ru = spec.strategy?.rollingUpdate;
  if (ru)
    w.write(0, `RollingUpdateStrategy:\t${ru.maxUnavailable ?? ''} max unavailable, ${ru.maxSurge ?? ''} max surge\n`);
  writePodTemplate(w, spec.template);
  const conditions: { type: string; status: string; reason?: string }[] = st.conditions ?? [];
  if (conditions.length > 0) {
    w.write(0, 'Conditions:\n  Type\tStatus\tReason\n');
    w.write(1, '----\t------\t------\n');
    for (const c of conditions) w.write(1, `${c.type} \t${c.status}\t${c.reason ?? ''}\n`);
  }
  const { oldRSs, newRSs } = splitReplicaSets(d, ctx);
  if (oldRSs.length > 0 || newRSs.length > 0) {
    w.write(0, `OldReplicaSets:\t${replicaSetsText(oldRSs)}\n`);
    w.write(0, `NewReplicaSet:\t${replicaSetsText(newRSs)}\n`);
  }
  writeEvents(w, eventsFor(d, ctx), ctx.now);
  return w.toString();
}

/** Pod phases of the pods a controller owns (getPodStatusForController). */
function podCounts(owner: KubeObject, ctx: DescribeContext): string {
  const counts = { Running: 0, Pending: 0, Succeeded: 0, Failed: 0 };
  for (const p of ctx.list('pods', owner.metadata.namespace)) {
    if (!isOwnedBy(p, owner)) continue;
    const phase = p.status?.phase as keyof typeof counts;
    if (phase in counts) counts[phase]++;
  }
  return `${counts.Running} Running / ${counts.Pending} Waiting / ${counts.Succeeded} Succeeded / ${counts.Failed} Failed`;
}

export function describeReplicaSet(rs: KubeObject, ctx: DescribeContext): string {
  const w = new DescribeWriter();
  w.write(0, `Name:\t${rs.metadata.name}\n`);
  w.write(0, `Namespace:\t${rs.metadata.namespace ?? ''}\n`);
  w.write(0, `Selector:\t${formatLabelSelector(rs.spec?.selector)}\n`);
  writeLabels(w, 'Labels', rs.metadata.labels);
  writeAnnotations(w, 'Annotations', rs.metadata.annotations);
  const owner = controlledBy(rs);
  if (owner) w.write(0, `Controlled By:\t${owner}\n`);
  w.write(0, `Replicas:\t${rs.status?.replicas ?? 0} current / ${rs.spec?.replicas ?? 1} desired\n`);
  w.write(0, `Pods Status:\t${podCounts(rs, ctx)}\n`);
  writePodTemplate(w, rs.spec?.template);
  const conditions: { type: string; status: string; reason?: string }[] = rs.status?.conditions ?? [];
  if (conditions.length > 0) {
    w.write(0, 'Conditions:\n  Type\tStatus\tReason\n');
    w.write(1, '----\t------\t------\n');
    for (const c of conditions) w.write(1, `${c.type} \t${c.status}\t${c.reason ?? ''}\n`);
  }
  writeEvents(w, eventsFor(rs, ctx), ctx.now);
  return w.toString();
}

/** `kubectl describe daemonset`: the node counts are written without tabs, as upstream does. */
export function describeDaemonSet(ds: KubeObject, ctx: DescribeContext): string {
  const w = new DescribeWriter();
  const st = ds.status ?? {};
  w.write(0, `Name:\t${ds.metadata.name}\n`);
  w.write(0, `Namespace:\t${ds.metadata.namespace ?? ''}\n`);
  w.write(0, `Selector:\t${labelSelectorString(ds.spec?.selector)}\n`);
  w.write(0, `Node-Selector:\t${formatLabels(ds.spec?.template?.spec?.nodeSelector)}\n`);
  writeLabels(w, 'Labels', ds.metadata.labels);
  writeAnnotations(w, 'Annotations', ds.metadata.annotations);
  w.write(0, `Desired Number of Nodes Scheduled: ${st.desiredNumberScheduled ?? 0}\n`);
  w.write(0, `Current Number of Nodes Scheduled: ${st.currentNumberScheduled ?? 0}\n`);
  w.write(0, `Number of Nodes Scheduled with Up-to-date Pods: ${st.updatedNumberScheduled ?? 0}\n`);
  w.write(0, `Number of Nodes Scheduled with Available Pods: ${st.numberAvailable ?? 0}\n`);
  w.write(0, `Number of Nodes Misscheduled: ${st.numberMisscheduled ?? 0}\n`);
  w.write(0, `Pods Status:\t${podCounts(ds, ctx)}\n`);
  writePodTemplate(w, ds.spec?.template);
  writeEvents(w, eventsFor(ds, ctx), ctx.now);
  return w.toString();
}

/** `kubectl describe statefulset`, volume claim templates included. */
export function describeStatefulSet(sts: KubeObject, ctx: DescribeContext): string {
  const w = new DescribeWriter();
  const spec = sts.spec ?? {};
  w.write(0, `Name:\t${sts.metadata.name}\n`);
  w.write(0, `Namespace:\t${sts.metadata.namespace ?? ''}\n`);
  w.write(0, `CreationTimestamp:\t${rfc1123z(sts.metadata.creationTimestamp)}\n`);
  w.write(0, `Selector:\t${labelSelectorString(spec.selector)}\n`);
  writeLabels(w, 'Labels', sts.metadata.labels);
  writeAnnotations(w, 'Annotations', sts.metadata.annotations);
  w.write(0, `Replicas:\t${spec.replicas ?? 1} desired | ${sts.status?.replicas ?? 0} total\n`);
  w.write(0, `Update Strategy:\t${spec.updateStrategy?.type ?? ''}\n`);
  const ru = spec.updateStrategy?.rollingUpdate;
  if (ru && ru.partition !== undefined && ru.partition !== null) {
    w.write(1, `Partition:\t${ru.partition}\n`);
    if (ru.maxUnavailable !== undefined) w.write(1, `MaxUnavailable:\t${ru.maxUnavailable}\n`);
  }
  w.write(0, `Pods Status:\t${podCounts(sts, ctx)}\n`);
  writePodTemplate(w, spec.template);
  const claims: any[] = spec.volumeClaimTemplates ?? [];
  if (claims.length === 0) w.write(0, 'Volume Claims:\t<none>\n');
  else {
    w.write(0, 'Volume Claims:\n');
    for (const pvc of claims) {
      w.write(1, `Name:\t${pvc.metadata?.name ?? ''}\n`);
      w.write(1, `StorageClass:\t${pvc.spec?.storageClassName ?? ''}\n`);
      writeLabels(w, 'Labels', pvc.metadata?.labels, '  ');
      writeLabels(w, 'Annotations', pvc.metadata?.annotations, '  ');
      w.write(1, `Capacity:\t${pvc.spec?.resources?.requests?.storage ?? '<default>'}\n`);
      w.write(1, `Access Modes:\t[${(pvc.spec?.accessModes ?? []).join(' ')}]\n`);
    }
  }
  writeEvents(w, eventsFor(sts, ctx), ctx.now);
  return w.toString();
}
