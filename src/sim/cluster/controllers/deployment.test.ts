import { describe, expect, it } from 'vitest';
import { Emulator } from '../../emulator';
import type { KubeObject } from '../types';

const kind = () => Emulator.create({ scenario: 'kind-iptables', seed: 1 });

const template = (image: string) => ({
  metadata: { labels: { app: 'web' } },
  spec: { containers: [{ name: 'web', image }] },
});

function deployment(): KubeObject {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'web' },
    spec: { replicas: 2, selector: { matchLabels: { app: 'web' } }, template: template('nginx:1.27') },
  };
}

/** The web Deployment with its ReplicaSet relabelled `app: other`, out of the Deployment's selector. */
function releasedReplicaSet(): { emu: Emulator; rs: KubeObject } {
  const emu = kind();
  emu.cluster.create(deployment());
  const [rs] = emu.cluster.list('replicasets', 'default');
  const next = structuredClone(rs!);
  next.metadata.labels = { app: 'other' };
  emu.cluster.update(next);
  return { emu, rs: rs! };
}

describe('the Deployment controller claims ReplicaSets by its selector', () => {
  it('adopts an orphan ReplicaSet its selector picks and scales it down as an old one', () => {
    const emu = kind();
    emu.cluster.create({
      apiVersion: 'apps/v1',
      kind: 'ReplicaSet',
      metadata: { name: 'web-old', labels: { app: 'web' } },
      spec: { replicas: 1, selector: { matchLabels: { app: 'web' } }, template: template('nginx:1.25') },
    });
    const d = emu.cluster.create(deployment());
    const old = emu.cluster.get('replicasets', 'default', 'web-old')!;
    expect(old.metadata.ownerReferences).toEqual([
      {
        apiVersion: 'apps/v1',
        blockOwnerDeletion: true,
        controller: true,
        kind: 'Deployment',
        name: 'web',
        uid: d.metadata.uid,
      },
    ]);
    expect(old.spec.replicas).toBe(0);
    const events = emu.cluster
      .list('events', 'default')
      .filter((e) => e.involvedObject?.kind === 'Deployment')
      .map((e) => e.message);
    expect(events).toContain('Scaled down replica set web-old from 1 to 0');
  });

  it('releases a ReplicaSet relabelled out of its selector', () => {
    const { emu, rs } = releasedReplicaSet();
    expect(emu.cluster.get('replicasets', 'default', rs.metadata.name)!.metadata.ownerReferences).toBeUndefined();
  });

  it('makes a new ReplicaSet under another hash when the released one holds its name (collisionCount 1)', () => {
    const { emu, rs } = releasedReplicaSet();
    const d = emu.cluster.get('deployments', 'default', 'web')!;
    expect(d.status.collisionCount).toBe(1);
    const ours = emu.cluster
      .list('replicasets', 'default')
      .filter((r) => r.metadata.ownerReferences?.[0]?.uid === d.metadata.uid);
    expect(ours.map((r) => [r.metadata.name === rs.metadata.name, r.spec.replicas])).toEqual([[false, 2]]);
  });
});
