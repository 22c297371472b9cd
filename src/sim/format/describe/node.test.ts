import { describe, expect, it } from 'vitest';
import { ago, NOW, obj } from '../printers/fixtures.test-helpers';
import { contextWith } from './context.test-helpers';
import { describeObject } from './index';

const resources = {
  cpu: '8',
  'ephemeral-storage': '263112772Ki',
  'hugepages-1Gi': '0',
  'hugepages-2Mi': '0',
  memory: '16302216Ki',
  pods: '110',
};

const node = obj('Node', 'myk8s-worker', {
  metadata: {
    name: 'myk8s-worker',
    uid: 'u-node',
    creationTimestamp: ago(3 * 86400),
    labels: { 'kubernetes.io/os': 'linux', 'kubernetes.io/hostname': 'myk8s-worker' },
    annotations: { 'node.alpha.kubernetes.io/ttl': '0' },
  },
  spec: { podCIDR: '10.10.1.0/24', podCIDRs: ['10.10.1.0/24'], providerID: 'kind://docker/myk8s/myk8s-worker' },
  status: {
    conditions: [
      {
        type: 'MemoryPressure',
        status: 'False',
        lastHeartbeatTime: ago(10),
        lastTransitionTime: ago(3 * 86400),
        reason: 'KubeletHasSufficientMemory',
        message: 'kubelet has sufficient memory available',
      },
      {
        type: 'Ready',
        status: 'True',
        lastHeartbeatTime: ago(10),
        lastTransitionTime: ago(3 * 86400),
        reason: 'KubeletReady',
        message: 'kubelet is posting ready status',
      },
    ],
    addresses: [
      { type: 'InternalIP', address: '172.18.0.3' },
      { type: 'Hostname', address: 'myk8s-worker' },
    ],
    capacity: resources,
    allocatable: resources,
    nodeInfo: {
      machineID: 'm1',
      systemUUID: 'u1',
      bootID: 'b1',
      kernelVersion: '6.8.0-45-generic',
      osImage: 'Debian GNU/Linux 12 (bookworm)',
      operatingSystem: 'linux',
      architecture: 'amd64',
      containerRuntimeVersion: 'containerd://1.7.18',
      kubeletVersion: 'v1.31.0',
      kubeProxyVersion: '',
    },
  },
});

const lease = obj('Lease', 'myk8s-worker', {
  namespace: 'kube-node-lease',
  spec: { holderIdentity: 'myk8s-worker', renewTime: ago(5) },
});
const kindnet = obj('Pod', 'kindnet-5xq2w', {
  age: 3 * 86400,
  namespace: 'kube-system',
  spec: {
    nodeName: 'myk8s-worker',
    containers: [
      {
        name: 'kindnet-cni',
        resources: { requests: { cpu: '100m', memory: '50Mi' }, limits: { cpu: '100m', memory: '50Mi' } },
      },
    ],
  },
  status: { phase: 'Running' },
});
const proxy = obj('Pod', 'kube-proxy-8hz4t', {
  age: 3 * 86400,
  namespace: 'kube-system',
  spec: { nodeName: 'myk8s-worker', containers: [{ name: 'kube-proxy' }] },
  status: { phase: 'Running' },
});
const elsewhere = obj('Pod', 'other', {
  namespace: 'default',
  spec: { nodeName: 'myk8s-worker2', containers: [] },
  status: { phase: 'Running' },
});

describe('describe node', () => {
  it('lays out a kind worker like kubectl does, pods and allocations included', () => {
    expect(describeObject('nodes', node, contextWith(NOW, [lease, kindnet, proxy, elsewhere]))).toBe(
      [
        'Name:               myk8s-worker',
        'Roles:              <none>',
        'Labels:             kubernetes.io/hostname=myk8s-worker',
        '                    kubernetes.io/os=linux',
        'Annotations:        node.alpha.kubernetes.io/ttl: 0',
        'CreationTimestamp:  Tue, 29 Sep 2026 16:00:00 +0000',
        'Taints:             <none>',
        'Unschedulable:      false',
        'Lease:',
        '  HolderIdentity:  myk8s-worker',
        '  AcquireTime:     <unset>',
        '  RenewTime:       Fri, 02 Oct 2026 15:59:55 +0000',
        'Conditions:',
        '  Type             Status  LastHeartbeatTime                 LastTransitionTime                Reason                       Message',
        '  ----             ------  -----------------                 ------------------                ------                       -------',
        '  MemoryPressure   False   Fri, 02 Oct 2026 15:59:50 +0000   Tue, 29 Sep 2026 16:00:00 +0000   KubeletHasSufficientMemory   kubelet has sufficient memory available',
        '  Ready            True    Fri, 02 Oct 2026 15:59:50 +0000   Tue, 29 Sep 2026 16:00:00 +0000   KubeletReady                 kubelet is posting ready status',
        'Addresses:',
        '  InternalIP:  172.18.0.3',
        '  Hostname:    myk8s-worker',
        'Capacity:',
        '  cpu:                8',
        '  ephemeral-storage:  263112772Ki',
        '  hugepages-1Gi:      0',
        '  hugepages-2Mi:      0',
        '  memory:             16302216Ki',
        '  pods:               110',
        'Allocatable:',
        '  cpu:                8',
        '  ephemeral-storage:  263112772Ki',
        '  hugepages-1Gi:      0',
        '  hugepages-2Mi:      0',
        '  memory:             16302216Ki',
        '  pods:               110',
        'System Info:',
        '  Machine ID:                 m1',
        '  System UUID:                u1',
        '  Boot ID:                    b1',
        '  Kernel Version:             6.8.0-45-generic',
        '  OS Image:                   Debian GNU/Linux 12 (bookworm)',
        '  Operating System:           linux',
        '  Architecture:               amd64',
        '  Container Runtime Version:  containerd://1.7.18',
        '  Kubelet Version:            v1.31.0',
        '  Kube-Proxy Version:         ',
        'PodCIDR:                      10.10.1.0/24',
        'PodCIDRs:                     10.10.1.0/24',
        'ProviderID:                   kind://docker/myk8s/myk8s-worker',
        'Non-terminated Pods:          (2 in total)',
        '  Namespace                   Name                CPU Requests  CPU Limits  Memory Requests  Memory Limits  Age',
        '  ---------                   ----                ------------  ----------  ---------------  -------------  ---',
        '  kube-system                 kindnet-5xq2w       100m (1%)     100m (1%)   50Mi (0%)        50Mi (0%)      3d',
        '  kube-system                 kube-proxy-8hz4t    0 (0%)        0 (0%)      0 (0%)           0 (0%)         3d',
        'Allocated resources:',
        '  (Total limits may be over 100 percent, i.e., overcommitted.)',
        '  Resource           Requests   Limits',
        '  --------           --------   ------',
        '  cpu                100m (1%)  100m (1%)',
        '  memory             50Mi (0%)  50Mi (0%)',
        '  ephemeral-storage  0 (0%)     0 (0%)',
        '  hugepages-1Gi      0 (0%)     0 (0%)',
        '  hugepages-2Mi      0 (0%)     0 (0%)',
        'Events:              <none>',
        '',
      ].join('\n'),
    );
  });

  it('says the lease is missing when the node has none', () => {
    expect(describeObject('nodes', node, contextWith(NOW, []))).toContain(
      'Lease:              Failed to get lease: leases.coordination.k8s.io "myk8s-worker" not found\n',
    );
  });
});
