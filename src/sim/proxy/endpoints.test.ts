import { describe, expect, it } from 'vitest';
import { servicePorts } from './endpoints';
import type { KubeObject } from '../cluster/types';

const service: KubeObject = {
  apiVersion: 'v1',
  kind: 'Service',
  metadata: { name: 'kube-dns', namespace: 'kube-system' },
  spec: {
    type: 'ClusterIP',
    clusterIP: '10.96.0.10',
    ports: [
      { name: 'dns', port: 53, protocol: 'UDP' },
      { name: 'dns-tcp', port: 53, protocol: 'TCP' },
    ],
  },
};

function slice(
  name: string,
  endpoints: { ip: string; ready?: boolean; terminating?: boolean; serving?: boolean }[],
): KubeObject {
  return {
    apiVersion: 'discovery.k8s.io/v1',
    kind: 'EndpointSlice',
    metadata: { name, namespace: 'kube-system', labels: { 'kubernetes.io/service-name': 'kube-dns' } },
    addressType: 'IPv4',
    endpoints: endpoints.map((e) => ({
      addresses: [e.ip],
      conditions: {
        ready: e.ready ?? true,
        ...(e.terminating !== undefined ? { terminating: e.terminating } : {}),
        ...(e.serving !== undefined ? { serving: e.serving } : {}),
      },
      nodeName: 'n1',
    })),
    ports: [
      { name: 'dns', port: 53, protocol: 'UDP' },
      { name: 'dns-tcp', port: 53, protocol: 'TCP' },
    ],
  };
}

describe('service ports from Services and EndpointSlices', () => {
  it('names each port "ns/name:port" and lower-cases the protocol', () => {
    expect(servicePorts([service], []).map((p) => [p.nameString, p.protocol])).toEqual([
      ['kube-system/kube-dns:dns', 'udp'],
      ['kube-system/kube-dns:dns-tcp', 'tcp'],
    ]);
  });

  it('sorts endpoints as strings, so 10.244.0.10 comes before 10.244.0.2 (reference 1.3)', () => {
    const [dns] = servicePorts([service], [slice('a', [{ ip: '10.244.0.2' }, { ip: '10.244.0.10' }])]);
    expect(dns!.endpoints.map((e) => e.ipPort)).toEqual(['10.244.0.10:53', '10.244.0.2:53']);
  });

  it('merges slices and drops duplicate endpoints', () => {
    const [dns] = servicePorts(
      [service],
      [slice('a', [{ ip: '10.244.0.2' }]), slice('b', [{ ip: '10.244.0.2' }, { ip: '10.244.1.3' }])],
    );
    expect(dns!.endpoints.map((e) => e.ipPort)).toEqual(['10.244.0.2:53', '10.244.1.3:53']);
  });

  it('reads readiness, serving and terminating with the API defaults', () => {
    const [dns] = servicePorts(
      [service],
      [slice('a', [{ ip: '10.244.0.2', ready: false, serving: true, terminating: true }, { ip: '10.244.0.3' }])],
    );
    expect(dns!.endpoints.map((e) => [e.ipPort, e.ready, e.serving, e.terminating])).toEqual([
      ['10.244.0.2:53', false, true, true],
      ['10.244.0.3:53', true, true, false],
    ]);
  });

  it('skips headless and ExternalName services', () => {
    const headless = { ...service, spec: { ...service.spec, clusterIP: 'None' } };
    const external = { ...service, spec: { type: 'ExternalName', externalName: 'example.com' } };
    expect(servicePorts([headless, external], [])).toEqual([]);
  });
});
