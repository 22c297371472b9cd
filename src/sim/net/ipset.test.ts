import { describe, expect, it } from 'vitest';
import { parseIp } from './addr';
import { Ipsets } from './ipset';
import type { Packet } from './packet';

const pkt = (src: string, sport: number, dst: string, dport: number, proto: 'tcp' | 'udp' = 'tcp'): Packet => ({
  proto,
  src: parseIp(src)!,
  dst: parseIp(dst)!,
  sport,
  dport,
  length: 60,
  mark: 0,
});

describe('ip sets', () => {
  it('lists a hash:ip,port set with the fields of reference 2.4 in their fixed order', () => {
    const sets = new Ipsets();
    const s = sets.create('KUBE-CLUSTER-IP', 'hash:ip,port', 0x6343ff52);
    for (const e of [
      '10.200.1.1,tcp:443',
      '10.200.1.10,tcp:53',
      '10.200.1.10,udp:53',
      '10.200.1.245,tcp:9000',
      '10.200.1.10,tcp:9153',
    ])
      s.add(e);
    const lines = s.format(3).split('\n');
    // The seed capture (kind v1.31): Revision 7, 5 entries in 456 bytes, 3 references.
    expect(lines.slice(0, 8)).toEqual([
      'Name: KUBE-CLUSTER-IP',
      'Type: hash:ip,port',
      'Revision: 7',
      'Header: family inet hashsize 1024 maxelem 65536 bucketsize 12 initval 0x6343ff52',
      'Size in memory: 456',
      'References: 3',
      'Number of entries: 5',
      'Members:',
    ]);
    expect(lines.slice(8, 13).sort()).toEqual([
      '10.200.1.1,tcp:443',
      '10.200.1.10,tcp:53',
      '10.200.1.10,tcp:9153',
      '10.200.1.10,udp:53',
      '10.200.1.245,tcp:9000',
    ]);
    expect(lines[13]).toBe('');
  });

  it('prints an empty bitmap:port set with its range header and nothing under Members', () => {
    const sets = new Ipsets();
    expect(sets.create('KUBE-NODE-PORT-TCP', 'bitmap:port', 1).format(0)).toBe(
      'Name: KUBE-NODE-PORT-TCP\nType: bitmap:port\nRevision: 3\nHeader: range 0-65535\nSize in memory: 8264\nReferences: 0\nNumber of entries: 0\nMembers:\n',
    );
  });

  it('lists members in an order that depends on the set initval, not on insertion or sorting', () => {
    const entries = Array.from({ length: 12 }, (_, i) => `10.200.1.${i + 1},tcp:80`);
    const order = (initval: number): string[] => {
      const s = new Ipsets().create('S', 'hash:ip,port', initval);
      for (const e of entries) s.add(e);
      return s.listOrder();
    };
    expect(order(1)).not.toEqual(entries);
    expect(order(1)).not.toEqual(order(2));
    expect(order(1)).toEqual(order(1));
  });

  it('matches dst,dst on destination address, protocol and port', () => {
    const sets = new Ipsets();
    sets.create('KUBE-CLUSTER-IP', 'hash:ip,port', 1).add('10.200.1.10,udp:53');
    expect(sets.test('KUBE-CLUSTER-IP', pkt('10.10.0.5', 40000, '10.200.1.10', 53, 'udp'), ['dst', 'dst'])).toBe(true);
    expect(sets.test('KUBE-CLUSTER-IP', pkt('10.10.0.5', 40000, '10.200.1.10', 53, 'tcp'), ['dst', 'dst'])).toBe(false);
    expect(sets.test('KUBE-CLUSTER-IP', pkt('10.200.1.10', 53, '10.10.0.5', 40000, 'udp'), ['src', 'src'])).toBe(true);
  });

  it('matches dst,dst,src for hairpin traffic (KUBE-LOOP-BACK) and dst for node ports', () => {
    const sets = new Ipsets();
    sets.create('KUBE-LOOP-BACK', 'hash:ip,port,ip', 1).add('10.10.1.2,tcp:80,10.10.1.2');
    sets.create('KUBE-NODE-PORT-TCP', 'bitmap:port', 2).add('30080');
    expect(sets.test('KUBE-LOOP-BACK', pkt('10.10.1.2', 40000, '10.10.1.2', 80), ['dst', 'dst', 'src'])).toBe(true);
    expect(sets.test('KUBE-LOOP-BACK', pkt('10.10.0.5', 40000, '10.10.1.2', 80), ['dst', 'dst', 'src'])).toBe(false);
    expect(sets.test('KUBE-NODE-PORT-TCP', pkt('1.2.3.4', 40000, '172.18.0.2', 30080), ['dst'])).toBe(true);
    expect(sets.test('NOPE', pkt('1.2.3.4', 1, '1.2.3.4', 1), ['dst'])).toBe(false);
  });

  it('matches hash:ip,port,net on the source network', () => {
    const sets = new Ipsets();
    sets.create('KUBE-LOAD-BALANCER-SOURCE-CIDR', 'hash:ip,port,net', 1).add('1.2.3.4,tcp:80,10.0.0.0/24');
    expect(
      sets.test('KUBE-LOAD-BALANCER-SOURCE-CIDR', pkt('10.0.0.77', 5555, '1.2.3.4', 80), ['dst', 'dst', 'src']),
    ).toBe(true);
    expect(
      sets.test('KUBE-LOAD-BALANCER-SOURCE-CIDR', pkt('10.0.1.77', 5555, '1.2.3.4', 80), ['dst', 'dst', 'src']),
    ).toBe(false);
  });

  it('accepts an entry without a protocol as tcp and refuses a duplicate set', () => {
    const sets = new Ipsets();
    const s = sets.create('X', 'hash:ip,port', 1);
    s.add('10.0.0.1,80');
    expect(s.has('10.0.0.1,tcp:80')).toBe(true);
    expect(() => sets.create('X', 'hash:ip', 1)).toThrow(
      'Set cannot be created: set with the same name already exists',
    );
  });
});
