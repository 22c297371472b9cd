import { describe, expect, it } from 'vitest';
import { Emulator } from '../../emulator';
import type { KubeObject } from '../types';

const kind = () => Emulator.create({ scenario: 'kind-iptables', seed: 1 });

function replicaSet(name: string, replicas: number): KubeObject {
  return {
    apiVersion: 'apps/v1',
    kind: 'ReplicaSet',
    metadata: { name },
    spec: {
      replicas,
      selector: { matchLabels: { app: name } },
      template: { metadata: { labels: { app: name } }, spec: { containers: [{ name: 'web', image: 'nginx' }] } },
    },
  };
}

function relabel(emu: Emulator, pod: string, labels: Record<string, string>): void {
  const next = structuredClone(emu.cluster.get('pods', 'default', pod)!);
  next.metadata.labels = labels;
  emu.cluster.update(next);
}

const active = (emu: Emulator) => emu.cluster.list('pods', 'default').filter((p) => !p.metadata.deletionTimestamp);
const ownedBy = (emu: Emulator, rs: string) =>
  active(emu)
    .filter((p) => p.metadata.ownerReferences?.some((r) => r.controller && r.name === rs))
    .map((p) => p.metadata.name);
const rsEvents = (emu: Emulator) =>
  emu.cluster
    .list('events', 'default')
    .filter((e) => e.involvedObject?.kind === 'ReplicaSet')
    .map((e) => `${e.reason} ${e.message}`);

describe('the ReplicaSet controller claims pods by its selector', () => {
  it('releases a relabelled pod, which lives on without an ownerReference, and creates a replacement', () => {
    const emu = kind();
    emu.cluster.create(replicaSet('web', 2));
    emu.advanceTime(10_000);
    const [first, second] = ownedBy(emu, 'web');
    relabel(emu, first!, { app: 'other' });
    const released = emu.cluster.get('pods', 'default', first!)!;
    expect(released.metadata.ownerReferences).toBeUndefined();
    expect(released.metadata.deletionTimestamp).toBeUndefined();
    const owned = ownedBy(emu, 'web');
    expect(owned).toHaveLength(2);
    expect(owned).toContain(second);
    expect(owned).not.toContain(first);
    const replacement = owned.find((n) => n !== second)!;
    expect(rsEvents(emu).at(-1)).toBe(`SuccessfulCreate Created pod: ${replacement}`);
  });

  it('adopts a hand-made pod whose labels match, with a controller ownerReference', () => {
    const emu = kind();
    const rs = emu.cluster.create(replicaSet('web', 2));
    emu.advanceTime(10_000);
    emu.cluster.create({
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'stray' },
      spec: { containers: [{ name: 'c', image: 'nginx' }] },
    });
    emu.advanceTime(10_000);
    relabel(emu, 'stray', { app: 'web' });
    // Adopted, then one too many: the controller deletes one of its three pods.
    const stray = emu.cluster.get('pods', 'default', 'stray');
    expect(stray?.metadata.ownerReferences).toEqual([
      {
        apiVersion: 'apps/v1',
        blockOwnerDeletion: true,
        controller: true,
        kind: 'ReplicaSet',
        name: 'web',
        uid: rs.metadata.uid,
      },
    ]);
  });

  it('deletes the not-yet-ready pod when an adoption makes one too many, with a SuccessfulDelete event', () => {
    const emu = kind();
    emu.cluster.create(replicaSet('web', 2));
    emu.advanceTime(10_000);
    const original = ownedBy(emu, 'web');
    emu.cluster.create({
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'stray', labels: { app: 'web' } },
      spec: { containers: [{ name: 'c', image: 'nginx' }] },
    });
    // Not yet ready (ContainerCreating): the first to go.
    expect(ownedBy(emu, 'web')).toEqual(original);
    expect(emu.cluster.get('pods', 'default', 'stray')!.metadata.deletionTimestamp).toBeDefined();
    expect(rsEvents(emu).at(-1)).toBe('SuccessfulDelete Deleted pod: stray');
  });

  it('takes a released pod back when its label is restored, and deletes the replacement made meanwhile (the newest)', () => {
    const emu = kind();
    emu.cluster.create(replicaSet('web', 2));
    emu.advanceTime(10_000);
    const [first, second] = ownedBy(emu, 'web');
    relabel(emu, first!, { app: 'other' });
    const replacement = ownedBy(emu, 'web').find((n) => n !== second)!;
    emu.advanceTime(10_000);
    relabel(emu, first!, { app: 'web' });
    expect(ownedBy(emu, 'web').sort()).toEqual([first, second].sort());
    expect(rsEvents(emu).at(-1)).toBe(`SuccessfulDelete Deleted pod: ${replacement}`);
  });

  it('leaves a matching pod that another controller owns alone', () => {
    const emu = kind();
    emu.cluster.create(replicaSet('web', 1));
    emu.cluster.create({
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: {
        name: 'theirs',
        labels: { app: 'web' },
        ownerReferences: [
          {
            apiVersion: 'apps/v1',
            kind: 'ReplicaSet',
            name: 'elsewhere',
            uid: '11111111-2222-3333-4444-555555555555',
            controller: true,
          },
        ],
      },
      spec: { containers: [{ name: 'c', image: 'nginx' }] },
    });
    expect(emu.cluster.get('pods', 'default', 'theirs')!.metadata.ownerReferences!.map((r) => r.name)).toEqual([
      'elsewhere',
    ]);
    expect(emu.cluster.get('pods', 'default', 'theirs')!.metadata.deletionTimestamp).toBeUndefined();
    expect(ownedBy(emu, 'web')).toHaveLength(1);
  });
});
