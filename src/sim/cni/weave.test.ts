import { describe, expect, it } from 'vitest';
import { WeaveIpam } from './weave';

describe('weave IPAM', () => {
  it('splits 10.32.0.0/12 between peers in join order', () => {
    const ipam = new WeaveIpam();
    expect(['k8s-m', 'k8s-w1', 'k8s-w2'].map((n) => ipam.shareOf(n))).toEqual([
      '10.32.0.0/14',
      '10.44.0.0/14',
      '10.36.0.0/14',
    ]);
  });

  it('puts the first peer bridge on 10.32.0.1 and the others on their share first address', () => {
    const ipam = new WeaveIpam();
    ipam.shareOf('k8s-m');
    expect([ipam.bridgeAddress('k8s-m'), ipam.bridgeAddress('k8s-w1')]).toEqual(['10.32.0.1', '10.44.0.0']);
  });

  it('gives pods the addresses after the bridge in their node share', () => {
    const ipam = new WeaveIpam();
    ipam.shareOf('k8s-m');
    expect([
      ipam.allocate('k8s-m', '', 'a/1'),
      ipam.allocate('k8s-m', '', 'a/2'),
      ipam.allocate('k8s-w1', '', 'a/3'),
    ]).toEqual(['10.32.0.2', '10.32.0.3', '10.44.0.1']);
  });

  it('reuses a released address', () => {
    const ipam = new WeaveIpam();
    ipam.allocate('k8s-m', '', 'a/1');
    ipam.release('k8s-m', 'a/1');
    expect(ipam.allocate('k8s-m', '', 'a/2')).toBe('10.32.0.2');
  });
});
