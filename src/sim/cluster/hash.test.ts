import { describe, expect, it } from 'vitest';
import { canonicalJson, fnv32a, podTemplateHash, safeEncodeString } from './hash';

describe('pod-template-hash', () => {
  it('computes FNV-1a 32 as the published test vectors', () => {
    expect(fnv32a('')).toBe(0x811c9dc5);
    expect(fnv32a('a')).toBe(0xe40c292c);
    expect(fnv32a('foobar')).toBe(0xbf9cf968);
  });

  it('encodes decimal digits onto the suffix alphabet as rand.SafeEncodeString does', () => {
    expect(safeEncodeString('0123456789')).toBe('456789bcdf');
  });

  it('gives the same hash for the same template whatever its key order', () => {
    const a = {
      metadata: { labels: { app: 'web', tier: 'fe' } },
      spec: { containers: [{ name: 'c', image: 'nginx' }] },
    };
    const b = {
      spec: { containers: [{ image: 'nginx', name: 'c' }] },
      metadata: { labels: { tier: 'fe', app: 'web' } },
    };
    expect(podTemplateHash(a)).toBe(podTemplateHash(b));
    expect(canonicalJson(a)).toBe(canonicalJson(b));
  });

  it('has the shape of a real hash: up to 10 characters from 4-9 and b,c,d,f', () => {
    expect(podTemplateHash({ spec: { containers: [{ name: 'x', image: 'y' }] } })).toMatch(/^[456789bcdf]{1,10}$/);
  });
});
