import { describe, expect, it } from 'vitest';
import { Emulator } from '../../emulator';
import type { KubeObject } from '../types';

function pod(name: string, spec: Record<string, unknown>): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, labels: { app: 'h' } },
    spec: { containers: [{ name: 'c', image: 'nginx:1.27' }], ...spec },
  };
}

/** A cluster with a headless Service `headless1` and pods whose hostname/subdomain vary; pods started. */
function cluster(): Emulator {
  const emu = Emulator.create({ scenario: 'kind-iptables', seed: 1 });
  emu.cluster.create({
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name: 'headless1' },
    spec: { clusterIP: 'None', selector: { app: 'h' }, ports: [{ port: 80 }] },
  });
  emu.cluster.create(pod('pod-a', { hostname: 'pod-a', subdomain: 'headless1' }));
  emu.cluster.create(pod('pod-b', { hostname: 'pod-b', subdomain: 'other' }));
  emu.cluster.create(pod('pod-c', {}));
  emu.advanceTime(30_000);
  return emu;
}

const hostnameOf = (addresses: { hostname?: string; targetRef?: { name: string } }[], podName: string) =>
  addresses.find((a) => a.targetRef?.name === podName)?.hostname;

describe('endpoint hostnames', () => {
  it('gives an Endpoints address the pod hostname only when the pod subdomain names the Service', () => {
    const ep = cluster().store.get('endpoints', 'default', 'headless1')!;
    const addresses = ep.subsets[0].addresses;
    expect(addresses).toHaveLength(3);
    expect(hostnameOf(addresses, 'pod-a')).toBe('pod-a');
    expect(hostnameOf(addresses, 'pod-b')).toBeUndefined();
    expect(hostnameOf(addresses, 'pod-c')).toBeUndefined();
  });

  it('gives an EndpointSlice endpoint the pod hostname only when the pod subdomain names the Service', () => {
    const [slice] = cluster()
      .store.list('endpointslices', 'default')
      .filter((s) => s.metadata.labels?.['kubernetes.io/service-name'] === 'headless1');
    expect(slice!.endpoints).toHaveLength(3);
    expect(hostnameOf(slice!.endpoints, 'pod-a')).toBe('pod-a');
    expect(hostnameOf(slice!.endpoints, 'pod-b')).toBeUndefined();
  });

  it('keeps the hostnames of a hand-made Endpoints when mirroring it to an EndpointSlice', () => {
    const emu = Emulator.create({ scenario: 'kind-iptables', seed: 1 });
    emu.cluster.create({
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: 'manual' },
      spec: { ports: [{ port: 80 }] },
    });
    emu.cluster.create({
      apiVersion: 'v1',
      kind: 'Endpoints',
      metadata: { name: 'manual' },
      subsets: [{ addresses: [{ ip: '10.10.1.50', hostname: 'db-0' }, { ip: '10.10.2.50' }], ports: [{ port: 80 }] }],
    });
    const [slice] = emu.store
      .list('endpointslices', 'default')
      .filter((s) => s.metadata.labels?.['kubernetes.io/service-name'] === 'manual');
    expect(
      slice!.endpoints.map((e: { addresses: string[]; hostname?: string }) => [e.addresses[0], e.hostname]),
    ).toEqual([
      ['10.10.1.50', 'db-0'],
      ['10.10.2.50', undefined],
    ]);
  });
});

describe('QoS class', () => {
  it('is Burstable for the coredns pods, which request less than their memory limit', () => {
    const emu = Emulator.create({ scenario: 'kind-iptables', seed: 1 });
    const coredns = emu.store.list('pods', 'kube-system').filter((p) => p.metadata.name.startsWith('coredns-'));
    expect(coredns.map((p) => p.status.qosClass)).toEqual(['Burstable', 'Burstable']);
  });
});
