import { describe, expect, it } from 'vitest';
import { formatQuestion, formatRecord } from './zonefmt';

describe('dig record columns', () => {
  it('puts one space after a long owner and a tab before the type (reference 1.5 answer line)', () => {
    expect(
      formatRecord({ name: 'web.default.svc.cluster.local.', ttl: 30, rdata: { type: 'A', address: '10.96.120.15' } }),
    ).toBe('web.default.svc.cluster.local. 30 IN\tA\t10.96.120.15');
  });

  it('tabs a short owner to the TTL column (the SOA in the authority section)', () => {
    expect(
      formatRecord({
        name: 'cluster.local.',
        ttl: 30,
        rdata: {
          type: 'SOA',
          mname: 'ns.dns.cluster.local.',
          rname: 'hostmaster.cluster.local.',
          serial: 1718000000,
          refresh: 7200,
          retry: 1800,
          expire: 86400,
          minimum: 30,
        },
      }),
    ).toBe(
      'cluster.local.\t\t30\tIN\tSOA\tns.dns.cluster.local. hostmaster.cluster.local. 1718000000 7200 1800 86400 30',
    );
  });

  it('writes SRV with a tab before the type and a space before the data', () => {
    expect(
      formatRecord({
        name: '_http._tcp.web.default.svc.cluster.local.',
        ttl: 30,
        rdata: { type: 'SRV', priority: 0, weight: 100, port: 80, target: 'web.default.svc.cluster.local.' },
      }),
    ).toBe('_http._tcp.web.default.svc.cluster.local. 30 IN\tSRV 0 100 80 web.default.svc.cluster.local.');
  });

  it('formats questions with a tab or a space before the class depending on the name length', () => {
    expect(formatQuestion({ name: 'web.default.svc.cluster.local.', type: 'A' })).toBe(
      ';web.default.svc.cluster.local.\tIN\tA',
    );
    expect(formatQuestion({ name: 'nosuch.default.svc.cluster.local.', type: 'A' })).toBe(
      ';nosuch.default.svc.cluster.local. IN\tA',
    );
  });
});
