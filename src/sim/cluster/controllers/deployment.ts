/**
 * The deployment controller: one ReplicaSet per pod template, named `<deployment>-<pod-template-hash>`.
 * A changed template makes a new ReplicaSet with all the replicas and scales the old ones to zero
 * (the rollout completes at once: there are no readiness gates to wait for in the emulator).
 */
import type { Controller, ControllerContext } from '../controller';
import type { KubeObject } from '../types';
import { podTemplateHash } from '../hash';
import { matchesLabelSelector } from '../selectors';
import { rfc3339 } from '../../format/duration';
import { claimObjects, controllerRefOf } from './claim';

function owned(rs: KubeObject, uid: string | undefined): boolean {
  return controllerRefOf(rs)?.uid === uid;
}

/** Reconcile one Deployment: its ReplicaSets and its status. */
export function syncDeployment(c: ControllerContext, namespace: string, name: string): void {
  const store = c.store;
  const d = store.get('deployments', namespace, name);
  if (!d) return;
  const template = d.spec.template;
  // Its ReplicaSets follow the selector, as its pods follow theirs: relabelled ones released, matching orphans adopted.
  const all = claimObjects(
    c,
    d,
    d.spec.selector,
    store.list('replicasets', namespace).filter((rs) => !rs.metadata.deletionTimestamp),
  );
  // A ReplicaSet of that name that is not ours (one we released, say) is a hash collision:
  // status.collisionCount goes up and the hash changes, as getNewReplicaSet does on AlreadyExists.
  let collisionCount: number = d.status?.collisionCount ?? 0;
  let hash = podTemplateHash(template, collisionCount);
  while (
    !all.some((rs) => rs.metadata.name === `${name}-${hash}`) &&
    store.get('replicasets', namespace, `${name}-${hash}`)
  )
    hash = podTemplateHash(template, ++collisionCount);
  const rsName = `${name}-${hash}`;
  let current = all.find((rs) => rs.metadata.name === rsName);
  const revisions = all.map((rs) => Number(rs.metadata.annotations?.['deployment.kubernetes.io/revision'] ?? 0));
  const desired = d.spec.replicas ?? 1;
  const maxSurge = Math.ceil(desired * 0.25);

  if (!current) {
    const revision = String(Math.max(0, ...revisions) + 1);
    const labels = { ...(template.metadata?.labels ?? {}), 'pod-template-hash': hash };
    const tpl = structuredClone(template);
    tpl.metadata = { ...(tpl.metadata ?? {}), labels };
    current = c.createInternal({
      apiVersion: 'apps/v1',
      kind: 'ReplicaSet',
      metadata: {
        name: rsName,
        namespace,
        labels,
        annotations: {
          'deployment.kubernetes.io/desired-replicas': String(desired),
          'deployment.kubernetes.io/max-replicas': String(desired + maxSurge),
          'deployment.kubernetes.io/revision': revision,
        },
        ownerReferences: [
          {
            apiVersion: 'apps/v1',
            blockOwnerDeletion: true,
            controller: true,
            kind: 'Deployment',
            name,
            uid: d.metadata.uid!,
          },
        ],
      },
      spec: {
        replicas: desired,
        selector: { matchLabels: { ...(d.spec.selector?.matchLabels ?? {}), 'pod-template-hash': hash } },
        template: tpl,
      },
    });
    c.recordEvent({
      involved: d,
      reason: 'ScalingReplicaSet',
      message: `Scaled up replica set ${rsName} to ${desired}`,
      source: { component: 'deployment-controller' },
    });
  } else if (
    current.spec.replicas !== desired ||
    current.metadata.annotations?.['deployment.kubernetes.io/desired-replicas'] !== String(desired)
  ) {
    const next = structuredClone(current);
    const before = next.spec.replicas;
    next.spec.replicas = desired;
    next.metadata.annotations = {
      ...(next.metadata.annotations ?? {}),
      'deployment.kubernetes.io/desired-replicas': String(desired),
      'deployment.kubernetes.io/max-replicas': String(desired + maxSurge),
    };
    c.write(next);
    if (before !== desired) {
      const verb = desired > before ? 'up' : 'down';
      c.recordEvent({
        involved: d,
        reason: 'ScalingReplicaSet',
        message: `Scaled ${verb} replica set ${rsName} from ${before} to ${desired}`,
        source: { component: 'deployment-controller' },
      });
    }
  }
  for (const old of all) {
    if (old.metadata.name === rsName || old.spec.replicas === 0) continue;
    const next = structuredClone(old);
    const before = next.spec.replicas;
    next.spec.replicas = 0;
    c.write(next);
    c.recordEvent({
      involved: d,
      reason: 'ScalingReplicaSet',
      message: `Scaled down replica set ${old.metadata.name} from ${before} to 0`,
      source: { component: 'deployment-controller' },
    });
  }

  const rsNow = store.list('replicasets', namespace).filter((rs) => owned(rs, d.metadata.uid));
  const cur = rsNow.find((rs) => rs.metadata.name === rsName);
  const replicas = rsNow.reduce((n, rs) => n + (rs.status?.replicas ?? 0), 0);
  const ready = rsNow.reduce((n, rs) => n + (rs.status?.readyReplicas ?? 0), 0);
  const available = rsNow.reduce((n, rs) => n + (rs.status?.availableReplicas ?? 0), 0);
  const updated = cur?.status?.replicas ?? 0;
  const next = structuredClone(store.get('deployments', namespace, name)!);
  const revision = cur?.metadata.annotations?.['deployment.kubernetes.io/revision'] ?? '1';
  next.metadata.annotations = { ...(next.metadata.annotations ?? {}), 'deployment.kubernetes.io/revision': revision };
  const now = rfc3339(c.now());
  const prev = next.status?.conditions ?? [];
  const isAvailable = available >= desired - Math.floor(desired * 0.25);
  const progressDone = updated === desired && available === desired && replicas === desired;
  const cond = (type: string, status: string, reason: string, message: string) => {
    const old = prev.find((p: any) => p.type === type);
    const same = old && old.status === status && old.reason === reason;
    return {
      lastTransitionTime: old && old.status === status ? old.lastTransitionTime : now,
      lastUpdateTime: same ? old.lastUpdateTime : now,
      message,
      reason,
      status,
      type,
    };
  };
  const status: any = {
    conditions: [
      cond(
        'Available',
        isAvailable ? 'True' : 'False',
        isAvailable ? 'MinimumReplicasAvailable' : 'MinimumReplicasUnavailable',
        isAvailable ? 'Deployment has minimum availability.' : 'Deployment does not have minimum availability.',
      ),
      cond(
        'Progressing',
        'True',
        progressDone ? 'NewReplicaSetAvailable' : 'ReplicaSetUpdated',
        progressDone ? `ReplicaSet "${rsName}" has successfully progressed.` : `ReplicaSet "${rsName}" is progressing.`,
      ),
    ],
    observedGeneration: next.metadata.generation ?? 1,
  };
  if (collisionCount) status.collisionCount = collisionCount;
  if (replicas) status.replicas = replicas;
  if (updated) status.updatedReplicas = updated;
  if (ready) status.readyReplicas = ready;
  if (available) status.availableReplicas = available;
  if (replicas - available > 0) status.unavailableReplicas = replicas - available;
  next.status = status;
  c.write(next);
}

/** The Deployment controller: a Deployment's own changes, and its ReplicaSets' (listed after the ReplicaSet controller, it sees them synced). */
export const deploymentController: Controller = {
  name: 'deployment',
  watches: ['deployments', 'replicasets'],
  sync(ctx, change) {
    const ns = change.namespace!;
    if (change.resource === 'deployments') {
      syncDeployment(ctx, ns, change.name);
      return;
    }
    const rs = ctx.store.get('replicasets', ns, change.name);
    const owner = rs?.metadata.ownerReferences?.find((r) => r.kind === 'Deployment');
    if (owner) syncDeployment(ctx, ns, owner.name);
    // An orphan ReplicaSet is offered to every Deployment whose selector picks it, to adopt.
    else if (rs && !rs.metadata.ownerReferences?.some((r) => r.controller))
      for (const d of ctx.store.list('deployments', ns))
        if (matchesLabelSelector(d.spec?.selector, rs.metadata.labels)) syncDeployment(ctx, ns, d.metadata.name);
  },
};
