import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../cluster/types';
import type { Emulator } from '../emulator';
import { formatResolvConf, podResolvConf } from './resolvconf';
import { fakeApi } from './testing';

const kindNode: KubeObject = {
  apiVersion: 'v1',
  kind: 'Node',
  metadata: { name: 'w1' },
  spec: { providerID: 'kind://docker/myk8s/w1' },
  status: { addresses: [{ type: 'InternalIP', address: '172.18.0.3' }] },
};
const awsNode: KubeObject = {
  apiVersion: 'v1',
  kind: 'Node',
  metadata: { name: 'ip-192-168-1-51.ap-northeast-2.compute.internal' },
  spec: { providerID: 'aws:///ap-northeast-2a/i-0abc' },
  status: { addresses: [{ type: 'InternalIP', address: '192.168.1.51' }] },
};
const kubelet: KubeObject = {
  apiVersion: 'v1',
  kind: 'ConfigMap',
  metadata: { name: 'kubelet-config', namespace: 'kube-system' },
  data: { kubelet: 'clusterDNS:\n- 10.96.0.10\nclusterDomain: cluster.local\nkind: KubeletConfiguration\n' },
};
const emu = { store: fakeApi({ nodes: [kindNode, awsNode], configmaps: [kubelet] }) } as unknown as Pick<
  Emulator,
  'store'
>;

function pod(spec: Record<string, unknown>, namespace = 'default'): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: 'p', namespace },
    spec: { nodeName: 'w1', containers: [], ...spec },
  };
}

describe('the resolv.conf kubelet writes', () => {
  it('ClusterFirst: the namespace search list, clusterDNS and ndots:5, in the runtime order', () => {
    expect(formatResolvConf(podResolvConf(emu, pod({}, 'prod')))).toBe(
      'search prod.svc.cluster.local svc.cluster.local cluster.local\nnameserver 10.96.0.10\noptions ndots:5\n',
    );
  });

  it('ClusterFirst on an EC2 node appends the node search domain', () => {
    expect(formatResolvConf(podResolvConf(emu, pod({ nodeName: awsNode.metadata.name })))).toBe(
      'search default.svc.cluster.local svc.cluster.local cluster.local ap-northeast-2.compute.internal\nnameserver 10.96.0.10\noptions ndots:5\n',
    );
  });

  it('Default (and ClusterFirst with hostNetwork) copy the kind node file: the docker gateway, ndots:0, no "." search', () => {
    const expected = 'nameserver 172.18.0.1\noptions edns0 trust-ad ndots:0\n';
    expect(formatResolvConf(podResolvConf(emu, pod({ dnsPolicy: 'Default' })))).toBe(expected);
    expect(formatResolvConf(podResolvConf(emu, pod({ hostNetwork: true })))).toBe(expected);
  });

  it('ClusterFirstWithHostNet keeps cluster DNS for a host-network pod', () => {
    expect(podResolvConf(emu, pod({ hostNetwork: true, dnsPolicy: 'ClusterFirstWithHostNet' })).nameservers).toEqual([
      '10.96.0.10',
    ]);
  });

  it('None takes everything from dnsConfig (reference example)', () => {
    const p = pod({
      dnsPolicy: 'None',
      dnsConfig: {
        nameservers: ['1.2.3.4'],
        searches: ['ns1.svc.cluster-domain.example', 'my.dns.search.suffix'],
        options: [{ name: 'ndots', value: '2' }, { name: 'edns0' }],
      },
    });
    expect(formatResolvConf(podResolvConf(emu, p))).toBe(
      'search ns1.svc.cluster-domain.example my.dns.search.suffix\nnameserver 1.2.3.4\noptions ndots:2 edns0\n',
    );
  });

  it('dnsConfig options override the policy ones by name', () => {
    expect(podResolvConf(emu, pod({ dnsConfig: { options: [{ name: 'ndots', value: '1' }] } })).options).toEqual([
      'ndots:1',
    ]);
  });
});
