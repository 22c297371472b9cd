import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../types';
import { rankForDeletion } from './activepods';

const NOW = Date.parse('2026-10-02T17:00:00Z');

interface PodOpts {
  node?: string;
  phase?: string;
  readySince?: string;
  created?: string;
  uid?: string;
  restarts?: number;
}

function pod(name: string, o: PodOpts = {}): KubeObject {
  const conditions = o.readySince
    ? [{ type: 'Ready', status: 'True', lastTransitionTime: o.readySince }]
    : [{ type: 'Ready', status: 'False' }];
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, uid: o.uid ?? name, creationTimestamp: o.created ?? '2026-10-02T16:00:00Z' },
    spec: o.node === undefined ? { nodeName: 'n1' } : o.node ? { nodeName: o.node } : {},
    status: { phase: o.phase ?? 'Running', conditions, containerStatuses: [{ restartCount: o.restarts ?? 0 }] },
  };
}

const names = (pods: KubeObject[]) => pods.map((p) => p.metadata.name);
const READY = '2026-10-02T16:00:10Z';

describe('rankForDeletion (ActivePodsWithRanks)', () => {
  it('puts an unscheduled pod before a scheduled one', () => {
    const pods = [pod('scheduled', { readySince: READY }), pod('unscheduled', { node: '', phase: 'Pending' })];
    expect(names(rankForDeletion(pods, pods, NOW))).toEqual(['unscheduled', 'scheduled']);
  });

  it('puts Pending before Running, and not ready before ready', () => {
    const pods = [pod('ready', { readySince: READY }), pod('running-not-ready'), pod('pending', { phase: 'Pending' })];
    expect(names(rankForDeletion(pods, pods, NOW))).toEqual(['pending', 'running-not-ready', 'ready']);
  });

  it('puts a pod doubled up on a node before one alone on its node', () => {
    const pods = [
      pod('alone', { node: 'n2', readySince: READY }),
      pod('a', { node: 'n1', readySince: READY }),
      pod('b', { node: 'n1', readySince: READY }),
    ];
    expect(names(rankForDeletion(pods, pods, NOW))).toEqual(['a', 'b', 'alone']);
  });

  it('puts the pod ready for less time first when the ages fall in different power-of-two buckets', () => {
    const pods = [
      pod('old', { node: 'n1', readySince: '2026-10-02T16:00:00Z' }),
      pod('new', { node: 'n2', readySince: '2026-10-02T16:59:00Z' }),
    ];
    expect(names(rankForDeletion(pods, pods, NOW))).toEqual(['new', 'old']);
  });

  it('puts the pod with more restarts first', () => {
    const pods = [
      pod('calm', { node: 'n1', readySince: READY }),
      pod('crashy', { node: 'n2', readySince: READY, restarts: 3 }),
    ];
    expect(names(rankForDeletion(pods, pods, NOW))).toEqual(['crashy', 'calm']);
  });

  it('puts the newer pod first, and breaks a tie within one age bucket by uid', () => {
    const older = pod('older', { node: 'n1', created: '2026-10-02T15:00:00Z', uid: 'a' });
    const newer = pod('newer', { node: 'n2', created: '2026-10-02T16:59:50Z', uid: 'b' });
    expect(names(rankForDeletion([older, newer], [older, newer], NOW))).toEqual(['newer', 'older']);
    // 13 s and 15 s old: log2 of 1.3e10 and 1.5e10 ns are both 33, one bucket, so the lower uid goes first although it is older.
    const x = pod('x', { node: 'n1', created: '2026-10-02T16:59:47Z', uid: 'b-uid' });
    const y = pod('y', { node: 'n2', created: '2026-10-02T16:59:45Z', uid: 'a-uid' });
    expect(names(rankForDeletion([x, y], [x, y], NOW))).toEqual(['y', 'x']);
  });
});
