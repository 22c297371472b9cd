import { describe, expect, it } from 'vitest';
import { cidrSize, parseCidrOrThrow, parseIpOrThrow } from './ipv4';

describe('IPv4 helpers for validated configuration', () => {
  it('counts the addresses of a prefix, network and broadcast included', () => {
    expect([
      cidrSize(parseCidrOrThrow('10.200.1.0/24')),
      cidrSize(parseCidrOrThrow('10.32.0.0/12')),
      cidrSize(parseCidrOrThrow('10.0.0.1')),
    ]).toEqual([256, 1048576, 1]);
  });

  it('parses an address to its unsigned number', () => {
    expect(parseIpOrThrow('172.18.0.1')).toBe(0xac120001);
  });

  it('throws on text that is not an address instead of computing with garbage', () => {
    expect(() => parseIpOrThrow('10.10.1')).toThrow('not an IPv4 address: "10.10.1"');
    expect(() => parseCidrOrThrow('10.10.0.0/33')).toThrow('not an IPv4 CIDR: "10.10.0.0/33"');
  });

  it('clears host bits of a configured prefix', () => {
    expect(parseCidrOrThrow('10.96.5.7/12')).toEqual({ addr: 0x0a600000, len: 12 });
  });
});
