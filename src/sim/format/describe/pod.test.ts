import { describe, expect, it } from 'vitest';
import { ago, NOW, obj } from '../printers/fixtures.test-helpers';
import { contextWith } from './context.test-helpers';
import { describeObject } from './index';

const pod = obj('Pod', 'web-7d9f8c6b5-q8m3z', {
  namespace: 'default',
  metadata: {
    name: 'web-7d9f8c6b5-q8m3z',
    namespace: 'default',
    uid: 'u-pod',
    labels: { app: 'web', 'pod-template-hash': '7d9f8c6b5' },
    ownerReferences: [
      { apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'web-7d9f8c6b5', uid: 'u-rs', controller: true },
    ],
  },
  spec: {
    priority: 0,
    serviceAccountName: 'default',
    nodeName: 'myk8s-worker',
    containers: [
      {
        name: 'whoami',
        image: 'traefik/whoami',
        ports: [{ containerPort: 80, protocol: 'TCP' }],
        volumeMounts: [
          { name: 'kube-api-access-x2k4p', mountPath: '/var/run/secrets/kubernetes.io/serviceaccount', readOnly: true },
        ],
      },
    ],
    volumes: [
      {
        name: 'kube-api-access-x2k4p',
        projected: {
          sources: [
            { serviceAccountToken: { expirationSeconds: 3607, path: 'token' } },
            { configMap: { name: 'kube-root-ca.crt' } },
            { downwardAPI: { items: [] } },
          ],
        },
      },
    ],
    tolerations: [
      { key: 'node.kubernetes.io/unreachable', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 },
      { key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 },
    ],
  },
  status: {
    phase: 'Running',
    hostIP: '172.18.0.3',
    podIP: '10.244.1.5',
    podIPs: [{ ip: '10.244.1.5' }],
    startTime: ago(300),
    qosClass: 'BestEffort',
    conditions: [
      { type: 'Initialized', status: 'True' },
      { type: 'Ready', status: 'True' },
      { type: 'ContainersReady', status: 'True' },
      { type: 'PodScheduled', status: 'True' },
    ],
    containerStatuses: [
      {
        name: 'whoami',
        ready: true,
        restartCount: 0,
        containerID: 'containerd://4f1e2d',
        imageID: 'docker.io/traefik/whoami@sha256:43a6',
        state: { running: { startedAt: ago(295) } },
      },
    ],
  },
});

describe('describe pod', () => {
  it('lays out a running pod the way kubectl does', () => {
    expect(describeObject('pods', pod, contextWith(NOW, [pod]))).toBe(
      [
        'Name:             web-7d9f8c6b5-q8m3z',
        'Namespace:        default',
        'Priority:         0',
        'Service Account:  default',
        'Node:             myk8s-worker/172.18.0.3',
        'Start Time:       Fri, 02 Oct 2026 15:55:00 +0000',
        'Labels:           app=web',
        '                  pod-template-hash=7d9f8c6b5',
        'Annotations:      <none>',
        'Status:           Running',
        'IP:               10.244.1.5',
        'IPs:',
        '  IP:           10.244.1.5',
        'Controlled By:  ReplicaSet/web-7d9f8c6b5',
        'Containers:',
        '  whoami:',
        '    Container ID:   containerd://4f1e2d',
        '    Image:          traefik/whoami',
        '    Image ID:       docker.io/traefik/whoami@sha256:43a6',
        '    Port:           80/TCP',
        '    Host Port:      0/TCP',
        '    State:          Running',
        '      Started:      Fri, 02 Oct 2026 15:55:05 +0000',
        '    Ready:          True',
        '    Restart Count:  0',
        '    Environment:    <none>',
        '    Mounts:',
        '      /var/run/secrets/kubernetes.io/serviceaccount from kube-api-access-x2k4p (ro)',
        'Conditions:',
        '  Type              Status',
        '  Initialized       True ',
        '  Ready             True ',
        '  ContainersReady   True ',
        '  PodScheduled      True ',
        'Volumes:',
        '  kube-api-access-x2k4p:',
        '    Type:                    Projected (a volume that contains injected data from multiple sources)',
        '    TokenExpirationSeconds:  3607',
        '    ConfigMapName:           kube-root-ca.crt',
        '    ConfigMapOptional:       <nil>',
        '    DownwardAPI:             true',
        'QoS Class:                   BestEffort',
        'Node-Selectors:              <none>',
        'Tolerations:                 node.kubernetes.io/not-ready:NoExecute op=Exists for 300s',
        '                             node.kubernetes.io/unreachable:NoExecute op=Exists for 300s',
        'Events:                      <none>',
        '',
      ].join('\n'),
    );
  });

  it('shows a crash-looping container with its last state and the events table', () => {
    const crashing = {
      ...pod,
      status: {
        ...pod.status,
        containerStatuses: [
          {
            name: 'whoami',
            ready: false,
            restartCount: 3,
            containerID: 'containerd://4f1e2d',
            imageID: 'docker.io/traefik/whoami@sha256:43a6',
            state: { waiting: { reason: 'CrashLoopBackOff' } },
            lastState: { terminated: { reason: 'Error', exitCode: 1, startedAt: ago(50), finishedAt: ago(41) } },
          },
        ],
      },
    };
    const ev = obj('Event', 'web.1', {
      namespace: 'default',
      involvedObject: { kind: 'Pod', name: 'web-7d9f8c6b5-q8m3z', namespace: 'default', uid: 'u-pod' },
      type: 'Warning',
      reason: 'BackOff',
      message: 'Back-off restarting failed container whoami in pod web-7d9f8c6b5-q8m3z_default(u-pod)',
      source: { component: 'kubelet', host: 'myk8s-worker' },
      firstTimestamp: ago(60),
      lastTimestamp: ago(10),
      count: 4,
    });
    const out = describeObject('pods', crashing, contextWith(NOW, [ev]))!;
    expect(out).toContain(
      '    State:          Waiting\n' +
        '      Reason:       CrashLoopBackOff\n' +
        '    Last State:     Terminated\n' +
        '      Reason:       Error\n' +
        '      Exit Code:    1\n' +
        '      Started:      Fri, 02 Oct 2026 15:59:10 +0000\n' +
        '      Finished:     Fri, 02 Oct 2026 15:59:19 +0000\n' +
        '    Ready:          False\n' +
        '    Restart Count:  3\n',
    );
    expect(
      out.endsWith(
        'Events:\n' +
          '  Type     Reason   Age                From     Message\n' +
          '  ----     ------   ----               ----     -------\n' +
          '  Warning  BackOff  10s (x4 over 60s)  kubelet  Back-off restarting failed container whoami in pod web-7d9f8c6b5-q8m3z_default(u-pod)\n',
      ),
    ).toBe(true);
  });

  it('prints Node: <none> and IPs: <none> for an unscheduled pod', () => {
    const pending = obj('Pod', 'p', { namespace: 'default', spec: { containers: [] }, status: { phase: 'Pending' } });
    const out = describeObject('pods', pending, contextWith(NOW, []))!;
    expect(out).toContain('Node:         <none>\n');
    expect(out).toContain('IP:           \nIPs:          <none>\nContainers: <none>\n');
  });
});
