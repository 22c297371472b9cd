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
      spec: { containers: [{ name: 'whoami', image: 'traefik/whoami', ports: [{ containerPort: 80, protocol: 'TCP' }] }] },
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
