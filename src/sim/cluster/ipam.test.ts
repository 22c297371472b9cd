import { describe, expect, it } from 'vitest';
import { HostLocalIpam } from './ipam';

describe('host-local IPAM', () => {
  it('gives the first pod on a node .2 (the gateway has .1)', () => {
    const ipam = new HostLocalIpam();
    expect(ipam.allocate('w1', '10.10.1.0/24', 'default/a')).toBe('10.10.1.2');
    expect(ipam.allocate('w1', '10.10.1.0/24', 'default/b')).toBe('10.10.1.3');
  });

  it('keeps separate ranges per node', () => {
    const ipam = new HostLocalIpam();
    ipam.allocate('w1', '10.10.1.0/24', 'default/a');
    expect(ipam.allocate('w2', '10.10.2.0/24', 'default/b')).toBe('10.10.2.2');
  });

  it('continues after the last address instead of reusing a released one at once', () => {
    const ipam = new HostLocalIpam();
    ipam.allocate('w1', '10.10.1.0/24', 'default/a');
    ipam.allocate('w1', '10.10.1.0/24', 'default/b');
    ipam.release('w1', 'default/a');
    expect(ipam.allocate('w1', '10.10.1.0/24', 'default/c')).toBe('10.10.1.4');
  });

  it('wraps around to free addresses and never hands out one in use', () => {
    const ipam = new HostLocalIpam();
    const got = new Set<string>();
    for (let i = 0; i < 5; i++) got.add(ipam.allocate('w1', '10.10.1.0/29', `default/p${i}`)!);
    expect([...got]).toEqual(['10.10.1.2', '10.10.1.3', '10.10.1.4', '10.10.1.5', '10.10.1.6']);
    expect(ipam.allocate('w1', '10.10.1.0/29', 'default/p5')).toBeUndefined();
    ipam.release('w1', 'default/p1');
    expect(ipam.allocate('w1', '10.10.1.0/29', 'default/p6')).toBe('10.10.1.3');
  });

  it('survives a snapshot round trip', () => {
    const ipam = new HostLocalIpam();
    ipam.allocate('w1', '10.10.1.0/24', 'default/a');
    const copy = new HostLocalIpam();
    copy.restore(JSON.parse(JSON.stringify(ipam.snapshot())));
    expect(copy.allocate('w1', '10.10.1.0/24', 'default/b')).toBe('10.10.1.3');
  });
});
