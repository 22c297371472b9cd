import { describe, expect, it } from 'vitest';
import { Conntrack, natStatus } from './conntrack';
import type { Packet } from './packet';

const ip = (s: string): number => s.split('.').reduce((a, b) => a * 256 + Number(b), 0);
const udp = (src: string, sport: number, dst: string, dport: number): Packet => ({
  src: ip(src),
  dst: ip(dst),
  sport,
  dport,
  proto: 'udp',
  length: 60,
  mark: 0,
});

describe('natStatus (the DNAT and SNAT virtual ctstates)', () => {
  it('is neither DNAT nor SNAT for a flow nobody rewrote', () => {
    const ct = new Conntrack();
    const e = ct.create(udp('172.18.0.3', 40000, '172.18.0.1', 53), 0);
    expect(natStatus(e)).toEqual({ dnat: false, snat: false });
  });

  it('is DNAT once the reply source differs from the original destination', () => {
    const ct = new Conntrack();
    const e = ct.create(udp('172.18.0.3', 40000, '172.18.0.1', 53), 0);
    ct.bindDnat(e, ip('127.0.0.11'), 60912);
    expect(natStatus(e)).toEqual({ dnat: true, snat: false });
  });

  it('is DNAT when only the port was rewritten', () => {
    const ct = new Conntrack();
    const e = ct.create(udp('172.18.0.3', 40000, '172.18.0.1', 53), 0);
    ct.bindDnat(e, ip('172.18.0.1'), 5353);
    expect(natStatus(e).dnat).toBe(true);
  });

  it('is SNAT once the reply destination differs from the original source', () => {
    const ct = new Conntrack();
    const e = ct.create(udp('10.10.1.2', 40000, '8.8.8.8', 53), 0);
    ct.bindSnat(e, ip('172.18.0.3'), 40000);
    expect(natStatus(e)).toEqual({ dnat: false, snat: true });
  });
});
