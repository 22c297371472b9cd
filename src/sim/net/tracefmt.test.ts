import { describe, expect, it } from 'vitest';
import { Netns } from './netns';
import { parseIp } from './addr';
import { parseRuleSpec } from './ruleparse';
import { sendLocal } from './hooks';
import { formatTrace } from './tracefmt';
import type { TraceEvent } from './trace';

describe('formatTrace', () => {
  it('prints each step with its namespace and matched rules in -S form', () => {
    const ns = new Netns('node/a');
    ns.addLink({ name: 'lo', kind: 'loopback', mtu: 65536, mac: '00:00:00:00:00:00' });
    ns.addAddress('lo', parseIp('127.0.0.1')!, 8, 'host');
    ns.addLink({ name: 'eth0', kind: 'veth', mtu: 1500, mac: '02:42:ac:12:00:02' });
    ns.addAddress('eth0', parseIp('172.18.0.2')!, 16);
    ns.netfilter.append(
      'filter',
      'OUTPUT',
      parseRuleSpec(['-d', '172.18.0.9', '-p', 'tcp', '--dport', '80', '-j', 'REJECT']),
    );
    const trace: TraceEvent[] = [];
    const r = sendLocal(
      ns,
      { proto: 'tcp', src: 0, dst: parseIp('172.18.0.9')!, sport: 40000, dport: 80, length: 60, mark: 0 },
      { now: 0, random: () => 0, trace },
    );
    expect(r).toEqual({ kind: 'rejected', rejectWith: 'icmp-port-unreachable' });
    expect(formatTrace(trace, () => ns)).toEqual([
      'node/a: route 172.18.0.9 dev eth0 src 172.18.0.2',
      'node/a: conntrack NEW',
      'node/a: filter OUTPUT',
      'node/a:   -A OUTPUT -d 172.18.0.9/32 -p tcp -m tcp --dport 80 -j REJECT --reject-with icmp-port-unreachable',
      'node/a: rejected (icmp-port-unreachable)',
    ]);
  });
});
