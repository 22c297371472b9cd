import { describe, expect, it } from 'vitest';
import { maxPods, maxPodsWithPrefixes } from './aws-limits';

describe('VPC CNI max pods', () => {
  it('gives t3.medium 17 pods (3 ENIs x 5 secondary IPs + 2)', () => {
    expect(maxPods('t3.medium')).toBe(17);
  });
  it('matches eni-max-pods.txt for several instance types', () => {
    const table: Record<string, number> = {
      't3.nano': 4,
      't3.small': 11,
      't3.large': 35,
      't3.xlarge': 58,
      'm5.large': 29,
      'c5.xlarge': 58,
      'm5.4xlarge': 234,
      'm5.24xlarge': 737,
      't2.micro': 4,
      'm4.4xlarge': 234,
    };
    expect(Object.fromEntries(Object.keys(table).map((t) => [t, maxPods(t)]))).toEqual(table);
  });
  it('caps prefix delegation at 110 for m5.large (raw 434)', () => {
    expect(maxPodsWithPrefixes('m5.large')).toBe(110);
  });
  it('caps prefix delegation at 250 above 30 vCPUs', () => {
    expect(maxPodsWithPrefixes('m5.12xlarge')).toBe(250);
  });
  it('keeps the secondary-IP figure on xen instances with prefix delegation asked for', () => {
    expect(maxPodsWithPrefixes('t2.medium')).toBe(17);
  });
  it('refuses an instance type it does not know', () => {
    expect(() => maxPods('x9.huge')).toThrow('unknown instance type x9.huge');
  });
});
