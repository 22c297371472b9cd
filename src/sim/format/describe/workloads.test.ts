import { describe, expect, it } from 'vitest';
import { NOW, obj } from '../printers/fixtures.test-helpers';
import { contextWith } from './context.test-helpers';
import { describeObject } from './index';

const deployment = obj('Deployment', 'web', {
  apiVersion: 'apps/v1',
  namespace: 'default',
  metadata: {
    name: 'web',
    namespace: 'default',
    uid: 'u-dep',
    creationTimestamp: '2026-10-02T15:50:00Z',
    labels: { app: 'web' },
    annotations: { 'deployment.kubernetes.io/revision': '1' },
  },
  spec: {
    replicas: 3,
    selector: { matchLabels: { app: 'web' } },
    strategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: '25%', maxSurge: '25%' } },
    template: {
      metadata: { labels: { app: 'web' } },
      spec: {
        containers: [{ name: 'whoami', image: 'traefik/whoami', ports: [{ containerPort: 80, protocol: 'TCP' }] }],
      },
    },
  },
  status: {
    replicas: 3,
    updatedReplicas: 3,
    readyReplicas: 3,
    availableReplicas: 3,
    conditions: [
      { type: 'Available', status: 'True', reason: 'MinimumReplicasAvailable' },
      { type: 'Progressing', status: 'True', reason: 'NewReplicaSetAvailable' },
    ],
  },
});

const rs = obj('ReplicaSet', 'web-7d9f8c6b5', {
  namespace: 'default',
  metadata: {
    name: 'web-7d9f8c6b5',
    namespace: 'default',
    annotations: { 'deployment.kubernetes.io/revision': '1' },
    ownerReferences: [{ apiVersion: 'apps/v1', kind: 'Deployment', name: 'web', uid: 'u-dep', controller: true }],
  },
  spec: { replicas: 3 },
  status: { replicas: 3 },
});

describe('describe deployment', () => {
  it('lays out a deployment with its pod template, conditions and replica sets', () => {
    expect(describeObject('deployments', deployment, contextWith(NOW, [rs]))).toBe(
      [
        'Name:                   web',
        'Namespace:              default',
        'CreationTimestamp:      Fri, 02 Oct 2026 15:50:00 +0000',
        'Labels:                 app=web',
        'Annotations:            deployment.kubernetes.io/revision: 1',
        'Selector:               app=web',
        'Replicas:               3 desired | 3 updated | 3 total | 3 available | 0 unavailable',
        'StrategyType:           RollingUpdate',
        'MinReadySeconds:        0',
        'RollingUpdateStrategy:  25% max unavailable, 25% max surge',
        'Pod Template:',
        '  Labels:  app=web',
        '  Containers:',
        '   whoami:',
        '    Image:         traefik/whoami',
        '    Port:          80/TCP',
        '    Host Port:     0/TCP',
        '    Environment:   <none>',
        '    Mounts:        <none>',
        '  Volumes:         <none>',
        '  Node-Selectors:  <none>',
        '  Tolerations:     <none>',
        'Conditions:',
        '  Type           Status  Reason',
        '  ----           ------  ------',
        '  Available      True    MinimumReplicasAvailable',
        '  Progressing    True    NewReplicaSetAvailable',
        'OldReplicaSets:  <none>',
        'NewReplicaSet:   web-7d9f8c6b5 (3/3 replicas created)',
        'Events:          <none>',
        '',
      ].join('\n'),
    );
  });
});

describe('describe daemonset', () => {
  it('prints node counts without alignment and the pod status line aligned', () => {
    const ds = obj('DaemonSet', 'kube-proxy', {
      namespace: 'kube-system',
      metadata: {
        name: 'kube-proxy',
        namespace: 'kube-system',
        uid: 'u-ds',
        labels: { 'k8s-app': 'kube-proxy' },
        annotations: { 'deprecated.daemonset.template.generation': '1' },
      },
      spec: {
        selector: { matchLabels: { 'k8s-app': 'kube-proxy' } },
        template: {
          metadata: { labels: { 'k8s-app': 'kube-proxy' } },
          spec: {
            nodeSelector: { 'kubernetes.io/os': 'linux' },
            containers: [{ name: 'kube-proxy', image: 'registry.k8s.io/kube-proxy:v1.31.0' }],
          },
        },
      },
      status: {
        desiredNumberScheduled: 4,
        currentNumberScheduled: 4,
        updatedNumberScheduled: 4,
        numberAvailable: 4,
        numberMisscheduled: 0,
      },
    });
    const pod = (name: string) =>
      obj('Pod', name, {
        namespace: 'kube-system',
        metadata: {
          name,
          namespace: 'kube-system',
          ownerReferences: [
            { apiVersion: 'apps/v1', kind: 'DaemonSet', name: 'kube-proxy', uid: 'u-ds', controller: true },
          ],
        },
        status: { phase: 'Running' },
      });
    const out = describeObject('daemonsets', ds, contextWith(NOW, [pod('kube-proxy-a'), pod('kube-proxy-b')]))!;
    expect(out.split('Pod Template:\n')[0]).toBe(
      [
        'Name:           kube-proxy',
        'Namespace:      kube-system',
        'Selector:       k8s-app=kube-proxy',
        'Node-Selector:  kubernetes.io/os=linux',
        'Labels:         k8s-app=kube-proxy',
        'Annotations:    deprecated.daemonset.template.generation: 1',
        'Desired Number of Nodes Scheduled: 4',
        'Current Number of Nodes Scheduled: 4',
        'Number of Nodes Scheduled with Up-to-date Pods: 4',
        'Number of Nodes Scheduled with Available Pods: 4',
        'Number of Nodes Misscheduled: 0',
        'Pods Status:  2 Running / 0 Waiting / 0 Succeeded / 0 Failed',
        '',
      ].join('\n'),
    );
  });
});

describe('describe statefulset', () => {
  it('prints replicas, update strategy and volume claims', () => {
    const sts = obj('StatefulSet', 'db', {
      namespace: 'default',
      metadata: { name: 'db', namespace: 'default', creationTimestamp: '2026-10-02T15:50:00Z' },
      spec: {
        replicas: 2,
        selector: { matchLabels: { app: 'db' } },
        updateStrategy: { type: 'RollingUpdate', rollingUpdate: { partition: 0 } },
        template: { metadata: { labels: { app: 'db' } }, spec: { containers: [{ name: 'db', image: 'postgres:16' }] } },
        volumeClaimTemplates: [
          {
            metadata: { name: 'data' },
            spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } },
          },
        ],
      },
      status: { replicas: 2 },
    });
    const out = describeObject('statefulsets', sts, contextWith(NOW, []))!;
    expect(out.split('Pod Template:\n')[0]).toBe(
      [
        'Name:               db',
        'Namespace:          default',
        'CreationTimestamp:  Fri, 02 Oct 2026 15:50:00 +0000',
        'Selector:           app=db',
        'Labels:             <none>',
        'Annotations:        <none>',
        'Replicas:           2 desired | 2 total',
        'Update Strategy:    RollingUpdate',
        '  Partition:        0',
        'Pods Status:        0 Running / 0 Waiting / 0 Succeeded / 0 Failed',
        '',
      ].join('\n'),
    );
    expect(out).toContain(
      'Volume Claims:\n' +
        '  Name:          data\n' +
        '  StorageClass:  \n' +
        '  Labels:        <none>\n' +
        '  Annotations:   <none>\n' +
        '  Capacity:      1Gi\n' +
        '  Access Modes:  [ReadWriteOnce]\n' +
        'Events:          <none>\n',
    );
  });
});
