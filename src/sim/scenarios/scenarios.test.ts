import { describe, expect, it } from 'vitest';
import { Emulator, allScenarios } from '../emulator';
import { CLOCK_EPOCH } from '../core/clock';
import { buildCluster, kindTopologyFor, KIND_IPTABLES } from '.';

describe('scenarios', () => {
  it('lists the ids of the architecture', () => {
    expect(
      allScenarios()
        .map((s) => s.id)
        .sort(),
    ).toEqual(['aws-vpc-cni', 'empty', 'kind-iptables', 'kind-ipvs', 'weave']);
  });

  it('describes kind-iptables with the seed topology as data', () => {
    expect(KIND_IPTABLES.config.serviceCidr).toBe('10.200.1.0/24');
    expect(KIND_IPTABLES.config.podCidr).toBe('10.10.0.0/16');
    expect(KIND_IPTABLES.config.proxyMode).toBe('iptables');
    expect(KIND_IPTABLES.nodes.map((n) => `${n.name} ${n.ip} ${n.podCidr}`)).toEqual([
      'myk8s-control-plane 172.18.0.2 10.10.0.0/24',
      'myk8s-worker 172.18.0.3 10.10.1.0/24',
      'myk8s-worker2 172.18.0.4 10.10.2.0/24',
      'myk8s-worker3 172.18.0.5 10.10.3.0/24',
    ]);
  });

  it('leaves the clock at the epoch with a cluster a few minutes old', () => {
    const emu = Emulator.create({ scenario: 'kind-iptables' });
    expect(emu.clock.now()).toBe(CLOCK_EPOCH);
    const ns = emu.cluster.get('namespaces', undefined, 'kube-system')!;
    expect(CLOCK_EPOCH - Date.parse(ns.metadata.creationTimestamp!)).toBe(377_000);
  });

  it('sets kube-proxy to IPVS with strictARP in kind-ipvs', () => {
    const emu = Emulator.create({ scenario: 'kind-ipvs' });
    const conf = emu.cluster.get('configmaps', 'kube-system', 'kube-proxy')!.data['config.conf'] as string;
    expect(conf).toContain('\nmode: ipvs\n');
    expect(conf).toContain('  strictARP: true\n');
  });

  it('runs aws-node on the three EKS workers and no control-plane node', () => {
    const emu = Emulator.create({ scenario: 'aws-vpc-cni' });
    expect(emu.cluster.list('nodes').map((n) => n.metadata.name)).toEqual([
      'ip-192-168-1-51.ap-northeast-2.compute.internal',
      'ip-192-168-2-96.ap-northeast-2.compute.internal',
      'ip-192-168-3-136.ap-northeast-2.compute.internal',
    ]);
    expect(emu.cluster.list('pods', 'kube-system').filter((p) => p.metadata.name.startsWith('aws-node-'))).toHaveLength(
      3,
    );
    expect(emu.cluster.get('services', 'kube-system', 'kube-dns')!.spec.clusterIP).toBe('10.100.0.10');
  });

  it('names kind nodes from a kind config with kind defaults for missing subnets', () => {
    const t = kindTopologyFor({
      name: 'lab',
      nodes: [{ role: 'control-plane' }, { role: 'worker' }, { role: 'worker' }],
    });
    expect(t.nodes.map((n) => `${n.name} ${n.ip} ${n.podCidr}`)).toEqual([
      'lab-control-plane 172.18.0.2 10.244.0.0/24',
      'lab-worker 172.18.0.3 10.244.1.0/24',
      'lab-worker2 172.18.0.4 10.244.2.0/24',
    ]);
    expect(t.config.serviceCidr).toBe('10.96.0.0/16');
    expect(t.config.context).toBe('kind-lab');
  });

  it('builds a cluster live from the current time, as kind create cluster does', () => {
    const emu = Emulator.create({ scenario: 'empty' });
    const t0 = emu.clock.now();
    buildCluster(emu, kindTopologyFor({ name: 'lab', nodes: [{ role: 'control-plane' }, { role: 'worker' }] }), {
      mode: 'live',
    });
    expect(emu.clock.now()).toBe(t0 + 40_000);
    expect(emu.cluster.list('pods', 'kube-system').every((p) => p.status.phase === 'Running')).toBe(true);
    expect(emu.cluster.get('services', 'kube-system', 'kube-dns')!.spec.clusterIP).toBe('10.96.0.10');
  });

  it('records the kubelet start-up events of every node', () => {
    const emu = Emulator.create({ scenario: 'kind-iptables' });
    const reasons = emu.cluster
      .list('events', 'default')
      .filter((e) => e.involvedObject.name === 'myk8s-worker')
      .map((e) => e.reason);
    expect(reasons).toEqual([
      'Starting',
      'NodeHasSufficientMemory',
      'NodeHasNoDiskPressure',
      'NodeHasSufficientPID',
      'NodeAllocatableEnforced',
      'RegisteredNode',
    ]);
  });
});
