import { describe, expect, it } from 'vitest';
import { kubernetesAnswer, serviceEndpoints } from './records';
import type { KubernetesPluginConfig } from './corefile';
import type { DnsQuestion, DnsResponse } from './message';
import { fakeApi, ns, service, slice } from './testing';

const CFG: KubernetesPluginConfig = {
  zones: ['cluster.local.', 'in-addr.arpa.', 'ip6.arpa.'],
  pods: 'insecure',
  ttl: 30,
  fallthrough: ['in-addr.arpa.', 'ip6.arpa.'],
};
const SERIAL = Date.UTC(2026, 9, 2, 16, 0, 0) / 1000;
const SOA = {
  name: 'cluster.local.',
  ttl: 30,
  rdata: {
    type: 'SOA',
    mname: 'ns.dns.cluster.local.',
    rname: 'hostmaster.cluster.local.',
    serial: SERIAL,
    refresh: 7200,
    retry: 1800,
    expire: 86400,
    minimum: 30,
  },
};

const api = fakeApi({
  namespaces: [ns('default'), ns('kube-system')],
  services: [
    service('web', {
      clusterIP: '10.96.120.15',
      ports: [
        { name: 'http', port: 80, protocol: 'TCP' },
        { port: 8080, protocol: 'TCP' },
      ],
    }),
    service('db', { clusterIP: 'None', ports: [{ name: 'mysql', port: 3306, protocol: 'TCP' }] }),
    service('ext', { type: 'ExternalName', externalName: 'www.example.com' }),
    service('empty', { clusterIP: 'None', ports: [{ port: 80 }] }),
  ],
  endpointslices: [
    slice(
      'db',
      [
        { addresses: ['10.244.1.5'], hostname: 'db-0', conditions: { ready: true } },
        { addresses: ['10.244.2.7'], hostname: 'db-1', conditions: { ready: true } },
        { addresses: ['10.244.3.9'], conditions: { ready: false } },
      ],
      [{ name: 'mysql', port: 3306, protocol: 'TCP' }],
    ),
  ],
  pods: [],
});

function ask(name: string, type: DnsQuestion['type'] = 'A'): DnsResponse | 'fallthrough' | undefined {
  const chase = (target: string) =>
    target === 'www.example.com.'
      ? [{ name: target, ttl: 30, rdata: { type: 'A' as const, address: '192.0.2.53' } }]
      : [];
  return kubernetesAnswer(api, CFG, { name, type }, chase);
}

describe('the kubernetes plugin', () => {
  it('answers a ClusterIP service with its ClusterIP, authoritative, TTL 30', () => {
    expect(ask('web.default.svc.cluster.local.')).toEqual({
      question: { name: 'web.default.svc.cluster.local.', type: 'A' },
      rcode: 'NOERROR',
      aa: true,
      ra: false,
      answer: [{ name: 'web.default.svc.cluster.local.', ttl: 30, rdata: { type: 'A', address: '10.96.120.15' } }],
      authority: [],
      additional: [],
    });
  });

  it('answers a headless service with its ready endpoint addresses only', () => {
    const r = ask('db.default.svc.cluster.local.') as DnsResponse;
    expect(r.answer.map((a) => a.rdata)).toEqual([
      { type: 'A', address: '10.244.1.5' },
      { type: 'A', address: '10.244.2.7' },
    ]);
  });

  it('answers an endpoint hostname under a headless service', () => {
    const r = ask('db-1.db.default.svc.cluster.local.') as DnsResponse;
    expect(r.answer).toEqual([
      { name: 'db-1.db.default.svc.cluster.local.', ttl: 30, rdata: { type: 'A', address: '10.244.2.7' } },
    ]);
  });

  it('gives NXDOMAIN with the cluster.local SOA for a headless service without ready endpoints', () => {
    expect(ask('empty.default.svc.cluster.local.')).toEqual({
      question: { name: 'empty.default.svc.cluster.local.', type: 'A' },
      rcode: 'NXDOMAIN',
      aa: true,
      ra: false,
      answer: [],
      authority: [SOA],
      additional: [],
    });
  });

  it('gives NXDOMAIN with the SOA for a service that does not exist', () => {
    const r = ask('nosuch.default.svc.cluster.local.') as DnsResponse;
    expect([r.rcode, r.authority]).toEqual(['NXDOMAIN', [SOA]]);
  });

  it('gives NODATA (NOERROR, SOA, no answer) for AAAA of an IPv4 service', () => {
    const r = ask('web.default.svc.cluster.local.', 'AAAA') as DnsResponse;
    expect([r.rcode, r.answer, r.authority]).toEqual(['NOERROR', [], [SOA]]);
  });

  it('answers SRV for a named port of a ClusterIP service with the A record as glue', () => {
    const r = ask('_http._tcp.web.default.svc.cluster.local.', 'SRV') as DnsResponse;
    expect(r.answer).toEqual([
      {
        name: '_http._tcp.web.default.svc.cluster.local.',
        ttl: 30,
        rdata: { type: 'SRV', priority: 0, weight: 100, port: 80, target: 'web.default.svc.cluster.local.' },
      },
    ]);
    expect(r.additional).toEqual([
      { name: 'web.default.svc.cluster.local.', ttl: 30, rdata: { type: 'A', address: '10.96.120.15' } },
    ]);
  });

  it('answers headless SRV with one record per ready endpoint, weight 50 each, targets by hostname', () => {
    const r = ask('_mysql._tcp.db.default.svc.cluster.local.', 'SRV') as DnsResponse;
    expect(r.answer.map((a) => a.rdata)).toEqual([
      { type: 'SRV', priority: 0, weight: 50, port: 3306, target: 'db-0.db.default.svc.cluster.local.' },
      { type: 'SRV', priority: 0, weight: 50, port: 3306, target: 'db-1.db.default.svc.cluster.local.' },
    ]);
  });

  it('answers an ExternalName service with a CNAME followed by the target it chased', () => {
    const r = ask('ext.default.svc.cluster.local.') as DnsResponse;
    expect(r.answer).toEqual([
      { name: 'ext.default.svc.cluster.local.', ttl: 30, rdata: { type: 'CNAME', target: 'www.example.com.' } },
      { name: 'www.example.com.', ttl: 30, rdata: { type: 'A', address: '192.0.2.53' } },
    ]);
  });

  it('answers pod names from the address in the name with pods insecure', () => {
    const r = ask('10-244-1-5.default.pod.cluster.local.') as DnsResponse;
    expect(r.answer).toEqual([
      { name: '10-244-1-5.default.pod.cluster.local.', ttl: 30, rdata: { type: 'A', address: '10.244.1.5' } },
    ]);
  });

  it('answers PTR for a ClusterIP and for a headless endpoint', () => {
    expect((ask('15.120.96.10.in-addr.arpa.', 'PTR') as DnsResponse).answer[0]!.rdata).toEqual({
      type: 'PTR',
      target: 'web.default.svc.cluster.local.',
    });
    expect((ask('7.2.244.10.in-addr.arpa.', 'PTR') as DnsResponse).answer[0]!.rdata).toEqual({
      type: 'PTR',
      target: 'db-1.db.default.svc.cluster.local.',
    });
  });

  it('lets unknown reverse names fall through to forward', () => {
    expect(ask('8.8.8.8.in-addr.arpa.', 'PTR')).toBe('fallthrough');
  });

  it('leaves names outside its zones to other plugins', () => {
    expect(ask('google.com.')).toBeUndefined();
  });

  it('names hostname-less endpoints by their dashed IP', () => {
    const db = api.get('services', 'default', 'db')!;
    expect(serviceEndpoints(api, db).map((e) => e.hostname)).toEqual(['db-0', 'db-1', '10-244-3-9']);
  });
});
