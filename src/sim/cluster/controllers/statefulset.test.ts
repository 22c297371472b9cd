import { describe, expect, it } from 'vitest';
import { Emulator } from '../../emulator';
import type { KubeObject } from '../types';
import { coreDnsAnswer } from '../../dns/coredns';
import { freshSession, runLines } from '../../shell/testing';

const kind = () => Emulator.create({ scenario: 'kind-iptables', seed: 1 });

function statefulSet(replicas: number, extra: Record<string, unknown> = {}): KubeObject {
  return {
    apiVersion: 'apps/v1',
    kind: 'StatefulSet',
    metadata: { name: 'db' },
    spec: {
      serviceName: 'db',
      replicas,
      selector: { matchLabels: { app: 'db' } },
      template: {
        metadata: { labels: { app: 'db' } },
        spec: { containers: [{ name: 'whoami', image: 'traefik/whoami' }], terminationGracePeriodSeconds: 0 },
      },
      ...extra,
    },
  };
}

/** Let `seconds` of virtual time pass in one-second steps, as `sleep` does. */
function wait(emu: Emulator, seconds: number): void {
  for (let i = 0; i < seconds; i++) emu.advanceTime(1000);
}

const podNames = (emu: Emulator) =>
  emu.cluster
    .list('pods', 'default')
    .map((p) => `${p.metadata.name}:${p.status?.phase}`)
    .sort();

describe('the StatefulSet controller (OrderedReady)', () => {
  it('creates NAME-0 first and NAME-1 only once NAME-0 is Running and Ready', () => {
    const emu = kind();
    emu.cluster.create(statefulSet(2));
    expect(podNames(emu)).toEqual(['db-0:Pending']);
    wait(emu, 30);
    expect(podNames(emu)).toEqual(['db-0:Running', 'db-1:Running']);
  });

  it("gives each pod its name as hostname, the serviceName as subdomain, and the set's identity labels", () => {
    const emu = kind();
    emu.cluster.create(statefulSet(1));
    const pod = emu.cluster.get('pods', 'default', 'db-0')!;
    expect([pod.spec.hostname, pod.spec.subdomain, pod.metadata.generateName]).toEqual(['db-0', 'db', 'db-']);
    expect(Object.keys(pod.metadata.labels ?? {})).toEqual([
      'app',
      'apps.kubernetes.io/pod-index',
      'controller-revision-hash',
      'statefulset.kubernetes.io/pod-name',
    ]);
    expect(pod.metadata.labels?.['apps.kubernetes.io/pod-index']).toBe('0');
    expect(pod.metadata.labels?.['statefulset.kubernetes.io/pod-name']).toBe('db-0');
    expect(pod.metadata.labels?.['controller-revision-hash']).toMatch(/^db-[a-z0-9]+$/);
    expect(pod.metadata.ownerReferences?.[0]).toMatchObject({ kind: 'StatefulSet', name: 'db', controller: true });
  });

  it('replaces a deleted pod under the same name', () => {
    const emu = kind();
    emu.cluster.create(statefulSet(2));
    wait(emu, 30);
    const uid = emu.cluster.get('pods', 'default', 'db-0')!.metadata.uid;
    emu.cluster.delete('pods', 'default', 'db-0');
    wait(emu, 30);
    const again = emu.cluster.get('pods', 'default', 'db-0')!;
    expect(again.metadata.uid).not.toBe(uid);
    expect(again.status?.phase).toBe('Running');
  });

  it('scales down from the highest ordinal', () => {
    const emu = kind();
    emu.cluster.create(statefulSet(3));
    wait(emu, 60);
    const set = structuredClone(emu.cluster.get('statefulsets', 'default', 'db')!);
    set.spec.replicas = 1;
    emu.cluster.update(set);
    wait(emu, 10);
    expect(podNames(emu)).toEqual(['db-0:Running']);
    const deleted = emu.store
      .list('events', 'default')
      .filter((e) => e.reason === 'SuccessfulDelete')
      .map((e) => e.message);
    expect(deleted).toEqual([
      'delete Pod db-2 in StatefulSet db successful',
      'delete Pod db-1 in StatefulSet db successful',
    ]);
  });

  it('records pod creations as stateful_pod_control.go words them', () => {
    const emu = kind();
    emu.cluster.create(statefulSet(1));
    const e = emu.store.list('events', 'default').find((x) => x.reason === 'SuccessfulCreate')!;
    expect([e.message, e.source?.component]).toEqual([
      'create Pod db-0 in StatefulSet db successful',
      'statefulset-controller',
    ]);
  });

  it('creates every pod at once with podManagementPolicy Parallel', () => {
    const emu = kind();
    emu.cluster.create(statefulSet(3, { podManagementPolicy: 'Parallel' }));
    expect(podNames(emu)).toEqual(['db-0:Pending', 'db-1:Pending', 'db-2:Pending']);
  });

  it('reports ready replicas in its status, as kubectl get sts shows them', () => {
    const emu = kind();
    emu.cluster.create(statefulSet(2));
    wait(emu, 30);
    const status = emu.cluster.get('statefulsets', 'default', 'db')!.status;
    expect(status).toMatchObject({ replicas: 2, readyReplicas: 2, availableReplicas: 2, currentReplicas: 2 });
  });
});

describe('StatefulSet pods in DNS (Kubernetes DNS spec: hostname.subdomain under a headless Service)', () => {
  it('gives db-0 the name db-0.db.default.svc.cluster.local once the governing headless Service exists', () => {
    const emu = kind();
    emu.cluster.create({
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: 'db' },
      spec: { clusterIP: 'None', selector: { app: 'db' }, ports: [{ name: 'http', port: 80 }] },
    });
    emu.cluster.create(statefulSet(2));
    wait(emu, 30);
    const ip = (name: string) => emu.cluster.get('pods', 'default', name)!.status?.podIP;
    const a = (name: string) =>
      coreDnsAnswer(emu.store, { name, type: 'A' }).answer.map((r) => (r.rdata.type === 'A' ? r.rdata.address : ''));
    expect(a('db-0.db.default.svc.cluster.local.')).toEqual([ip('db-0')]);
    expect(a('db-1.db.default.svc.cluster.local.')).toEqual([ip('db-1')]);
    const srv = coreDnsAnswer(emu.store, { name: '_http._tcp.db.default.svc.cluster.local.', type: 'SRV' }).answer;
    expect(srv.map((r) => (r.rdata.type === 'SRV' ? r.rdata.target : '')).sort()).toEqual([
      'db-0.db.default.svc.cluster.local.',
      'db-1.db.default.svc.cluster.local.',
    ]);
  });
});

describe('StatefulSet defaults (apps/v1 SetDefaults_StatefulSet)', () => {
  it('fills the policies, the update strategy and the PVC retention policy', () => {
    const emu = kind();
    emu.cluster.create(statefulSet(1));
    const spec = emu.cluster.get('statefulsets', 'default', 'db')!.spec;
    expect({
      podManagementPolicy: spec.podManagementPolicy,
      updateStrategy: spec.updateStrategy,
      retention: spec.persistentVolumeClaimRetentionPolicy,
      revisionHistoryLimit: spec.revisionHistoryLimit,
    }).toEqual({
      podManagementPolicy: 'OrderedReady',
      updateStrategy: { type: 'RollingUpdate', rollingUpdate: { partition: 0 } },
      retention: { whenDeleted: 'Retain', whenScaled: 'Retain' },
      revisionHistoryLimit: 10,
    });
  });
});

// kubectl's StatefulSetStatusViewer (kubectl pkg/polymorphichelpers/rollout_status.go): the default
// RollingUpdate strategy has a partition (0), so a finished rollout reports a partitioned roll out.
describe('kubectl rollout status statefulset', () => {
  it('waits for the pods to be ready, then reports the partitioned roll out complete', async () => {
    const { emu, sh } = freshSession('kind-iptables');
    emu.cluster.create(statefulSet(2));
    expect(await runLines(sh, ['kubectl rollout status statefulset db'])).toBe(
      'Waiting for 2 pods to be ready...\nWaiting for 1 pods to be ready...\npartitioned roll out complete: 2 new pods have been updated...\n',
    );
  });
});
