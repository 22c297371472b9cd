import { describe, expect, it } from 'vitest';
import { cidrContains, formatCidr, formatIp, parseCidr, parseIp, prefixLengthOfMask, linkLocalFromMac } from './addr';

describe('IPv4 addresses', () => {
  it('parses and formats a dotted quad as an unsigned number', () => {
    expect(parseIp('172.18.0.1')).toBe(0xac120001);
    expect(formatIp(0xac120001)).toBe('172.18.0.1');
    expect(parseIp('255.255.255.255')).toBe(0xffffffff);
  });

  it('rejects text that is not an IPv4 address', () => {
    expect(parseIp('10.0.0')).toBeUndefined();
    expect(parseIp('10.0.0.256')).toBeUndefined();
    expect(parseIp('a.b.c.d')).toBeUndefined();
  });

  it('gives a bare address the /32 iptables prints', () => {
    expect(formatCidr(parseCidr('10.96.0.1')!)).toBe('10.96.0.1/32');
  });

  it('clears host bits and accepts a dotted netmask', () => {
    expect(formatCidr(parseCidr('10.244.3.7/16')!)).toBe('10.244.0.0/16');
    expect(formatCidr(parseCidr('10.0.0.0/255.255.0.0')!)).toBe('10.0.0.0/16');
    expect(prefixLengthOfMask(0xffff00ff)).toBe(-1);
  });

  it('tests containment including the /0 prefix', () => {
    const pods = parseCidr('10.244.0.0/16')!;
    expect(cidrContains(pods, parseIp('10.244.200.3')!)).toBe(true);
    expect(cidrContains(pods, parseIp('10.245.0.1')!)).toBe(false);
    expect(cidrContains(parseCidr('0.0.0.0/0')!, parseIp('8.8.8.8')!)).toBe(true);
  });
});

describe('IPv6 link-local addresses from MACs', () => {
  it("flips the universal/local bit and inserts ff:fe, as docker's 02:42 MACs show", () => {
    expect(linkLocalFromMac('02:42:ac:12:00:02')).toBe('fe80::42:acff:fe12:2');
  });

  it('keeps a leading non-zero group', () => {
    expect(linkLocalFromMac('9a:1b:2c:3d:4e:5f')).toBe('fe80::981b:2cff:fe3d:4e5f');
  });
});
