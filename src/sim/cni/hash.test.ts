import { describe, expect, it } from 'vitest';
import { sha1Hex, sha512Hex } from './hash';

describe('cni hashes', () => {
  it('sha1 gives the digest of the empty string', () => {
    expect(sha1Hex('')).toBe('da39a3ee5e6b4b0d3255bfef95601890afd80709');
  });
  it('sha1 names the VPC CNI host veth of default/nginx-7c5ddbdf54-x2kqz eniea174835c7c', () => {
    expect('eni' + sha1Hex('default.nginx-7c5ddbdf54-x2kqz').slice(0, 11)).toBe('eniea174835c7c');
  });
  it('sha512 gives the digest of abc', () => {
    expect(sha512Hex('abc')).toBe(
      'ddaf35a193617abacc417349ae20413112e6fa4e89a97ea20a9eeee64b55d39a2192992a274fc1a836ba3c23a3feebbd454d4423643ce80e2a9ac94fa54ca49f',
    );
  });
  it('sha512 of network name and container id gives the bridge chain CNI-7acf3bcf10978b059887025b', () => {
    expect('CNI-' + sha512Hex('mynetc0ffee01').slice(0, 24)).toBe('CNI-7acf3bcf10978b059887025b');
  });
});
