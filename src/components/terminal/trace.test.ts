import { describe, expect, it } from 'vitest';
import { describeTraceEvent, traceLanes } from './trace';
import type { TraceEvent } from '../../sim/net/trace';

const walk: TraceEvent[] = [
  { kind: 'hook', netns: 'pod-netshoot', hook: 'OUTPUT', table: 'nat' },
  { kind: 'route', netns: 'pod-netshoot', dst: '10.200.1.20', dev: 'eth0', via: '10.10.1.1', local: false },
  { kind: 'link', fromNetns: 'pod-netshoot', fromDev: 'eth0', toNetns: 'myk8s-worker', toDev: 'veth1a2b3c4d' },
  { kind: 'hook', netns: 'myk8s-worker', hook: 'PREROUTING', table: 'nat' },
  { kind: 'rule', netns: 'myk8s-worker', table: 'nat', chain: 'KUBE-SERVICES', index: 3 },
  { kind: 'nat', netns: 'myk8s-worker', type: 'DNAT', from: '10.200.1.20:80', to: '10.10.2.5:80' },
  { kind: 'conntrack', netns: 'myk8s-worker', state: 'NEW', id: 7 },
];

describe('trace panel', () => {
  it('words each event as iptables and ip route would', () => {
    expect(walk.map(describeTraceEvent)).toEqual([
      'OUTPUT (nat)',
      'route: 10.200.1.20 dev eth0 via 10.10.1.1',
      'eth0 → myk8s-worker veth1a2b3c4d',
      'PREROUTING (nat)',
      '-t nat KUBE-SERVICES rule 3 matched',
      'DNAT 10.200.1.20:80 → 10.10.2.5:80',
      'conntrack entry 7: NEW',
    ]);
  });

  it('groups the walk into one lane per namespace visited, with the link between them', () => {
    const lanes = traceLanes(walk);
    expect(lanes.map((l) => [l.netns, l.steps.length, l.exit])).toEqual([
      ['pod-netshoot', 2, 'eth0 → myk8s-worker veth1a2b3c4d'],
      ['myk8s-worker', 4, undefined],
    ]);
  });
});
