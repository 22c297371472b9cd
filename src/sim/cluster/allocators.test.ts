import { describe, expect, it } from 'vitest';
import { Rng } from '../core/rng';
import { NodePortAllocator, ServiceIpAllocator, staticBandSize } from './allocators';
import { parseIpOrThrow } from '../core/ipv4';

describe('service IP allocator', () => {
  it('keeps a static band of 16 addresses at the bottom of a /24', () => {
    expect(staticBandSize(254)).toBe(16);
    expect(staticBandSize(2768)).toBe(173);
    expect(staticBandSize(1 << 20)).toBe(256);
  });

  it('draws dynamic addresses above the static band of the service CIDR', () => {
    const a = new ServiceIpAllocator('10.200.1.0/24');
    const rng = new Rng(7);
    for (let i = 0; i < 50; i++) {
      const ip = a.allocateNext(rng)!;
      const last = parseIpOrThrow(ip) - parseIpOrThrow('10.200.1.0');
      expect(last).toBeGreaterThanOrEqual(17);
      expect(last).toBeLessThanOrEqual(254);
    }
  });

  it('refuses an address that is already allocated', () => {
    const a = new ServiceIpAllocator('10.200.1.0/24');
    expect(a.allocate('10.200.1.10')).toBe(true);
    expect(a.allocate('10.200.1.10')).toBe(false);
  });

  it('refuses an address outside the CIDR', () => {
    const a = new ServiceIpAllocator('10.200.1.0/24');
    expect(a.allocate('10.200.2.10')).toBe(false);
  });

  it('hands a released address out again', () => {
    const a = new ServiceIpAllocator('10.200.1.0/30');
    const rng = new Rng(1);
    const first = a.allocateNext(rng)!;
    const second = a.allocateNext(rng)!;
    expect(a.allocateNext(rng)).toBeUndefined();
    a.release(first);
    expect(a.allocateNext(rng)).toBe(first);
    expect(second).not.toBe(first);
  });
});

describe('node port allocator', () => {
  it('allocates within 30000-32767', () => {
    const a = new NodePortAllocator();
    const rng = new Rng(3);
    for (let i = 0; i < 100; i++) {
      const p = a.allocateNext(rng)!;
      expect(p).toBeGreaterThanOrEqual(30173);
      expect(p).toBeLessThanOrEqual(32767);
    }
  });

  it('refuses a port outside the range', () => {
    expect(new NodePortAllocator().allocate(80)).toBe(false);
  });
});
