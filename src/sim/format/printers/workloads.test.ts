import { describe, expect, it } from 'vitest';
import { renderTable } from './index';
import { NOW, obj } from './fixtures.test-helpers';

const template = { spec: { containers: [{ name: 'whoami', image: 'traefik/whoami' }] } };

describe('workload tables', () => {
  it('prints a deployment with READY ready/desired and the wide selector', () => {
    const d = obj('Deployment', 'web', {
      age: 300,
      spec: { replicas: 3, selector: { matchLabels: { app: 'web' } }, template },
      status: { readyReplicas: 2, updatedReplicas: 3, availableReplicas: 2 },
    });
    expect(renderTable('deployments', [d], { now: NOW, wide: true })).toBe(
      'NAME   READY   UP-TO-DATE   AVAILABLE   AGE   CONTAINERS   IMAGES           SELECTOR\n' +
        'web    2/3     3            2           5m    whoami       traefik/whoami   app=web\n',
    );
  });

  it('prints a replica set', () => {
    const rs = obj('ReplicaSet', 'web-7d9f8c6b5', {
      age: 300,
      spec: { replicas: 3, template },
      status: { replicas: 3, readyReplicas: 3 },
    });
    expect(renderTable('replicasets', [rs], { now: NOW })).toBe(
      'NAME            DESIRED   CURRENT   READY   AGE\nweb-7d9f8c6b5   3         3         3       5m\n',
    );
  });

  it('prints a daemon set with its node selector', () => {
    const ds = obj('DaemonSet', 'kube-proxy', {
      age: 3 * 86400,
      spec: {
        selector: { matchLabels: { 'k8s-app': 'kube-proxy' } },
        template: { spec: { nodeSelector: { 'kubernetes.io/os': 'linux' }, containers: [] } },
      },
      status: {
        desiredNumberScheduled: 4,
        currentNumberScheduled: 4,
        numberReady: 4,
        updatedNumberScheduled: 4,
        numberAvailable: 4,
      },
    });
    expect(renderTable('daemonsets', [ds], { now: NOW })).toBe(
      'NAME         DESIRED   CURRENT   READY   UP-TO-DATE   AVAILABLE   NODE SELECTOR            AGE\n' +
        'kube-proxy   4         4         4       4            4           kubernetes.io/os=linux   3d\n',
    );
  });

  it('prints a stateful set', () => {
    const s = obj('StatefulSet', 'db', { spec: { replicas: 2, template }, status: { readyReplicas: 1 } });
    expect(renderTable('statefulsets', [s], { now: NOW })).toBe('NAME   READY   AGE\ndb     1/2     60s\n');
  });
});
