import { describe, expect, it } from 'vitest';
import { describeOutcome, traceLanes } from './trace';

// The request leg of `docker exec myk8s-worker trace curl -s 10.200.1.10:9153`, as the trace command prints it.
const request = [
  'node/myk8s-worker: route 10.200.1.10 via 172.18.0.1 dev eth0',
  'node/myk8s-worker: conntrack NEW',
  'node/myk8s-worker: nat OUTPUT',
  'node/myk8s-worker:   -A OUTPUT -m comment --comment "kubernetes service portals" -j KUBE-SERVICES',
  'node/myk8s-worker: DNAT 10.200.1.10:9153 -> 10.10.0.3:9153',
  'node/myk8s-worker: eth0 -> node/myk8s-control-plane eth0',
  'node/myk8s-control-plane: route 10.10.0.3 dev vetha257d37e',
  'node/myk8s-control-plane:   policy ACCEPT (filter FORWARD)',
  'node/myk8s-control-plane: vetha257d37e -> pod/kube-system/coredns-69986d6d67-46vds eth0',
  'pod/kube-system/coredns-69986d6d67-46vds: delivered to 10.10.0.3:9153',
];

describe('trace panel', () => {
  it('puts each namespace the packet crossed in its own lane, in order, with the link it left by', () => {
    expect(traceLanes(request).map((l) => [l.netns, l.steps.length, l.exit])).toEqual([
      ['node/myk8s-worker', 5, 'eth0 -> node/myk8s-control-plane eth0'],
      ['node/myk8s-control-plane', 2, 'vetha257d37e -> pod/kube-system/coredns-69986d6d67-46vds eth0'],
      ['pod/kube-system/coredns-69986d6d67-46vds', 1, undefined],
    ]);
  });

  it('tells rules, hooks, rewrites and delivery apart for highlighting', () => {
    expect(traceLanes(request)[0]!.steps.map((s) => s.kind)).toEqual(['route', 'conntrack', 'hook', 'rule', 'nat']);
    expect(traceLanes(request)[1]!.steps.map((s) => s.kind)).toEqual(['route', 'policy']);
    expect(traceLanes(request)[2]!.steps[0]).toEqual({ text: 'delivered to 10.10.0.3:9153', kind: 'deliver' });
  });

  it('opens a new lane when the packet comes back to a namespace it left', () => {
    const lanes = traceLanes([
      'node/a: route 1.2.3.4 dev eth0',
      'node/a: eth0 -> node/b eth0',
      'node/b: eth0 -> node/a eth0',
      'node/a: delivered to 1.2.3.4:80',
    ]);
    expect(lanes.map((l) => l.netns)).toEqual(['node/a', 'node/b', 'node/a']);
  });

  it('words the outcome as the trace command prints it', () => {
    expect(describeOutcome({ kind: 'delivered', netns: 'pod/kube-system/coredns-69986d6d67-46vds' })).toBe(
      'delivered in pod/kube-system/coredns-69986d6d67-46vds',
    );
    expect(describeOutcome({ kind: 'refused', netns: 'pod/default/web' })).toBe(
      'refused in pod/default/web: nothing listens there',
    );
  });
});
