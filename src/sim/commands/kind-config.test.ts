import { describe, expect, it } from 'vitest';
import { KindConfigError, parseKindConfig } from './kind-config';
import { kindTopologyFor } from '../scenarios/topology';
import { KIND_IPVS_CONFIG } from '../../../tests/fixtures/seeds/manifests';

/** The cluster config of seeds/kans-week5-externalip-ipvs.txt (kind-svc-2w-ipvs.yaml). */
const SEED = KIND_IPVS_CONFIG;

describe('kind config', () => {
  it('reads the seed config: four nodes, subnets and IPVS', () => {
    const c = parseKindConfig(SEED, 'myk8s');
    expect([c.name, c.nodes.map((n) => n.role), c.podSubnet, c.serviceSubnet, c.kubeProxyMode]).toEqual([
      'myk8s',
      ['control-plane', 'worker', 'worker', 'worker'],
      '10.10.0.0/16',
      '10.200.1.0/24',
      'ipvs',
    ]);
  });

  it('keeps node labels and port mappings per node', () => {
    const c = parseKindConfig(SEED);
    expect(c.nodes[0]!.labels).toEqual({ mynode: 'control-plane', 'topology.kubernetes.io/zone': 'ap-northeast-2a' });
    expect(
      c.portMappings.map((m) => m.map((p) => `${p.listenAddress}:${p.hostPort}->${p.containerPort}/${p.protocol}`)),
    ).toEqual([
      [
        '0.0.0.0:30000->30000/TCP',
        '0.0.0.0:30001->30001/TCP',
        '0.0.0.0:30002->30002/TCP',
        '0.0.0.0:30003->30003/TCP',
        '0.0.0.0:30004->30004/TCP',
      ],
      [],
      [],
      [],
    ]);
  });

  it('names the seed nodes after --name with a /24 of the pod subnet each', () => {
    const t = kindTopologyFor(parseKindConfig(SEED, 'myk8s'));
    expect(t.nodes.map((n) => `${n.name} ${n.ip} ${n.podCidr}`)).toEqual([
      'myk8s-control-plane 172.18.0.2 10.10.0.0/24',
      'myk8s-worker 172.18.0.3 10.10.1.0/24',
      'myk8s-worker2 172.18.0.4 10.10.2.0/24',
      'myk8s-worker3 172.18.0.5 10.10.3.0/24',
    ]);
  });

  it('defaults to one control plane named kind with no config', () => {
    const c = parseKindConfig('');
    expect([c.name, c.nodes]).toEqual(['kind', [{ role: 'control-plane' }]]);
  });

  it('takes the proxy mode from a KubeProxyConfiguration patch', () => {
    const c = parseKindConfig(
      'kind: Cluster\napiVersion: kind.x-k8s.io/v1alpha4\nkubeadmConfigPatches:\n- |\n  kind: KubeProxyConfiguration\n  mode: ipvs\n',
    );
    expect(c.kubeProxyMode).toBe('ipvs');
  });

  it('rejects an unknown node role', () => {
    expect(() =>
      parseKindConfig('kind: Cluster\napiVersion: kind.x-k8s.io/v1alpha4\nnodes:\n- role: master\n'),
    ).toThrow(new KindConfigError('invalid configuration: unknown role "master"'));
  });

  it('reads strictARP and the IPVS scheduler from a KubeProxyConfiguration patch', () => {
    const c = parseKindConfig(
      'kind: Cluster\napiVersion: kind.x-k8s.io/v1alpha4\nkubeadmConfigPatches:\n- |\n  kind: KubeProxyConfiguration\n  ipvs:\n    strictARP: false\n    scheduler: wrr\n',
    );
    expect(c.kubeProxy).toEqual({ strictARP: false, scheduler: 'wrr' });
  });
});
