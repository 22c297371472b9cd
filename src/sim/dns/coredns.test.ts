import { describe, expect, it } from 'vitest';
import { coreDnsAnswer } from './coredns';
import { COREFILE } from '../scenarios/system-objects';
import { fakeApi, ns, service } from './testing';
import type { KubeObject } from '../cluster/types';

const corefile = (text: string): KubeObject => ({
  apiVersion: 'v1',
  kind: 'ConfigMap',
  metadata: { name: 'coredns', namespace: 'kube-system' },
  data: { Corefile: text },
});
const objects = (cm: KubeObject[]) =>
  fakeApi({
    namespaces: [ns('default')],
    services: [service('web', { clusterIP: '10.96.120.15', ports: [{ port: 80 }] })],
    configmaps: cm,
  });

describe('CoreDNS server', () => {
  it('answers cluster names from the kubernetes plugin with the TTL the ConfigMap sets', () => {
    expect(
      coreDnsAnswer(objects([corefile(COREFILE)]), { name: 'web.default.svc.cluster.local.', type: 'A' }).answer[0]!
        .ttl,
    ).toBe(30);
    expect(
      coreDnsAnswer(objects([corefile(COREFILE.replace('ttl 30', 'ttl 7'))]), {
        name: 'web.default.svc.cluster.local.',
        type: 'A',
      }).answer[0]!.ttl,
    ).toBe(7);
  });

  it('forwards other names upstream and caps their TTL with cache 30 (recursion available, not authoritative)', () => {
    const r = coreDnsAnswer(objects([corefile(COREFILE)]), { name: 'google.com.', type: 'A' });
    expect([r.rcode, r.aa, r.ra, r.answer]).toEqual([
      'NOERROR',
      false,
      true,
      [{ name: 'google.com.', ttl: 30, rdata: { type: 'A', address: '142.250.72.14' } }],
    ]);
  });

  it('gives NXDOMAIN with the root SOA for an unknown public name', () => {
    const r = coreDnsAnswer(objects([corefile(COREFILE)]), { name: 'nosuch.example.', type: 'A' });
    expect([r.rcode, r.authority.map((a) => a.name)]).toEqual(['NXDOMAIN', ['.']]);
  });

  it('refuses every query when the coredns ConfigMap is gone (no server block)', () => {
    expect(coreDnsAnswer(objects([]), { name: 'web.default.svc.cluster.local.', type: 'A' }).rcode).toBe('REFUSED');
  });
});

describe('the emulated upstream through CoreDNS', () => {
  it('answers the PTR of a public resolver (fallthrough from in-addr.arpa, then forward)', () => {
    const r = coreDnsAnswer(objects([corefile(COREFILE)]), { name: '8.8.8.8.in-addr.arpa.', type: 'PTR' });
    expect(r.answer).toEqual([
      { name: '8.8.8.8.in-addr.arpa.', ttl: 30, rdata: { type: 'PTR', target: 'dns.google.' } },
    ]);
  });

  it('follows a public CNAME inside the table (www.github.com → github.com)', () => {
    const r = coreDnsAnswer(objects([corefile(COREFILE)]), { name: 'www.github.com.', type: 'A' });
    expect(r.answer.map((a) => a.rdata)).toEqual([
      { type: 'CNAME', target: 'github.com.' },
      { type: 'A', address: '20.200.245.247' },
    ]);
  });
});
