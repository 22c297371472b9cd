import { describe, expect, it } from 'vitest';
import { searchCandidates } from './resolver';
import { ndotsOf, parseResolvConf } from './resolvconf';

const POD = parseResolvConf(
  'search default.svc.cluster.local svc.cluster.local cluster.local\nnameserver 10.96.0.10\noptions ndots:5\n',
);

describe('search list expansion', () => {
  it('tries the search domains first, then the name, when it has fewer dots than ndots (getent ahosts google.com)', () => {
    expect(searchCandidates('google.com', POD)).toEqual([
      'google.com.default.svc.cluster.local.',
      'google.com.svc.cluster.local.',
      'google.com.cluster.local.',
      'google.com.',
    ]);
  });

  it('expands web.default to web.default.default.svc.cluster.local first (reference LAB sequence)', () => {
    expect(searchCandidates('web.default', POD).slice(0, 2)).toEqual([
      'web.default.default.svc.cluster.local.',
      'web.default.svc.cluster.local.',
    ]);
  });

  it('sends a name with a trailing dot as is, with no search', () => {
    expect(searchCandidates('web.default.svc.cluster.local.', POD)).toEqual(['web.default.svc.cluster.local.']);
  });

  it('tries the name first, then the search list, when it has as many dots as ndots (one fewer: search first)', () => {
    const conf = parseResolvConf('search a.example b.example\noptions ndots:2\n');
    expect(searchCandidates('x.y.z', conf)).toEqual(['x.y.z.', 'x.y.z.a.example.', 'x.y.z.b.example.']);
    expect(searchCandidates('x.y', conf)).toEqual(['x.y.a.example.', 'x.y.b.example.', 'x.y.']);
  });

  it('with musl, never searches after trying a dotted-enough name as is', () => {
    const conf = parseResolvConf('search a.example\noptions ndots:1\n');
    expect(searchCandidates('x.y', conf, 'musl')).toEqual(['x.y.']);
  });

  it('reads ndots 1 by default and caps it at 15', () => {
    expect(ndotsOf(parseResolvConf('nameserver 1.1.1.1\n'))).toBe(1);
    expect(ndotsOf(parseResolvConf('options ndots:40\n'))).toBe(15);
  });
});
