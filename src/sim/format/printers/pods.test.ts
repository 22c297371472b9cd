import { describe, expect, it } from 'vitest';
import { renderTable } from './index';
import { podStatusCells } from './pods';
import { ago, NOW, obj } from './fixtures.test-helpers';

const running = (name: string, ageSeconds: number, extra: Record<string, unknown> = {}) =>
  obj('Pod', name, {
    age: ageSeconds,
    namespace: 'default',
    spec: { nodeName: 'worker-1', containers: [{ name: 'web', image: 'nginx' }] },
    status: {
      phase: 'Running',
      podIP: '10.244.1.5',
      podIPs: [{ ip: '10.244.1.5' }],
      conditions: [{ type: 'Ready', status: 'True' }],
      containerStatuses: [
        { name: 'web', ready: true, restartCount: 0, state: { running: { startedAt: ago(ageSeconds) } } },
      ],
    },
    ...extra,
  });

const crashLooping = obj('Pod', 'web-7d9f8c6b5-x2k4p', {
  age: 62,
  spec: { containers: [{ name: 'web' }] },
  status: {
    phase: 'Running',
    containerStatuses: [
      {
        name: 'web',
        ready: false,
        restartCount: 3,
        state: { waiting: { reason: 'CrashLoopBackOff' } },
        lastState: { terminated: { exitCode: 1, reason: 'Error', finishedAt: ago(41) } },
      },
    ],
  },
});

describe('pod table', () => {
  it('prints the reference pod sample with a crash-looping pod', () => {
    expect(renderTable('pods', [running('web-7d9f8c6b5-q8m3z', 302), crashLooping], { now: NOW })).toBe(
      'NAME                  READY   STATUS             RESTARTS      AGE\n' +
        'web-7d9f8c6b5-q8m3z   1/1     Running            0             5m2s\n' +
        'web-7d9f8c6b5-x2k4p   0/1     CrashLoopBackOff   3 (41s ago)   62s\n',
    );
  });

  it('prints the wide columns from the reference', () => {
    expect(renderTable('pods', [running('web-7d9f8c6b5-q8m3z', 302)], { now: NOW, wide: true })).toBe(
      'NAME                  READY   STATUS    RESTARTS   AGE    IP           NODE       NOMINATED NODE   READINESS GATES\n' +
        'web-7d9f8c6b5-q8m3z   1/1     Running   0          5m2s   10.244.1.5   worker-1   <none>           <none>\n',
    );
  });

  it('prepends NAMESPACE for -A as in the reference', () => {
    const dns = running('coredns-5d78c9869d-abcde', 3 * 86400, {
      metadata: { name: 'coredns-5d78c9869d-abcde', namespace: 'kube-system', creationTimestamp: ago(3 * 86400) },
    });
    expect(renderTable('pods', [running('web-7d9f8c6b5-q8m3z', 302), dns], { now: NOW, namespaceColumn: true })).toBe(
      'NAMESPACE     NAME                       READY   STATUS    RESTARTS   AGE\n' +
        'default       web-7d9f8c6b5-q8m3z        1/1     Running   0          5m2s\n' +
        'kube-system   coredns-5d78c9869d-abcde   1/1     Running   0          3d\n',
    );
  });

  it('appends LABELS for --show-labels', () => {
    const p = running('a', 5, {
      metadata: { name: 'a', labels: { app: 'web', 'pod-template-hash': 'x' }, creationTimestamp: ago(5) },
    });
    expect(renderTable('pods', [p], { now: NOW, showLabels: true })).toBe(
      'NAME   READY   STATUS    RESTARTS   AGE   LABELS\n' +
        'a      1/1     Running   0          5s    app=web,pod-template-hash=x\n',
    );
  });
});

describe('podStatusCells', () => {
  const base = { spec: { containers: [{ name: 'c' }] } };

  it('shows ContainerCreating while the container waits', () => {
    const p = obj('Pod', 'p', {
      ...base,
      status: {
        phase: 'Pending',
        containerStatuses: [
          { name: 'c', ready: false, restartCount: 0, state: { waiting: { reason: 'ContainerCreating' } } },
        ],
      },
    });
    expect(podStatusCells(p, NOW)).toEqual({ ready: '0/1', status: 'ContainerCreating', restarts: '0' });
  });

  it('shows Terminating once a deletion timestamp is set', () => {
    const p = running('p', 10, { metadata: { name: 'p', deletionTimestamp: ago(1) } });
    expect(podStatusCells(p, NOW).status).toBe('Terminating');
  });

  it('shows Completed for a finished container', () => {
    const p = obj('Pod', 'p', {
      ...base,
      status: {
        phase: 'Succeeded',
        containerStatuses: [
          { name: 'c', ready: false, restartCount: 0, state: { terminated: { exitCode: 0, reason: 'Completed' } } },
        ],
      },
    });
    expect(podStatusCells(p, NOW).status).toBe('Completed');
  });

  it('shows ExitCode:N for a terminated container without a reason', () => {
    const p = obj('Pod', 'p', {
      ...base,
      status: {
        phase: 'Failed',
        containerStatuses: [{ name: 'c', restartCount: 0, state: { terminated: { exitCode: 137 } } }],
      },
    });
    expect(podStatusCells(p, NOW).status).toBe('ExitCode:137');
  });

  it('shows Init:0/1 while the first init container runs', () => {
    const p = obj('Pod', 'p', {
      spec: { initContainers: [{ name: 'init' }], containers: [{ name: 'c' }] },
      status: {
        phase: 'Pending',
        initContainerStatuses: [
          { name: 'init', ready: false, restartCount: 0, state: { running: { startedAt: ago(3) } } },
        ],
        containerStatuses: [
          { name: 'c', ready: false, restartCount: 0, state: { waiting: { reason: 'PodInitializing' } } },
        ],
      },
    });
    expect(podStatusCells(p, NOW).status).toBe('Init:0/1');
  });

  it('shows Init:CrashLoopBackOff for a failing init container', () => {
    const p = obj('Pod', 'p', {
      spec: { initContainers: [{ name: 'init' }], containers: [{ name: 'c' }] },
      status: {
        phase: 'Pending',
        initContainerStatuses: [{ name: 'init', restartCount: 2, state: { waiting: { reason: 'CrashLoopBackOff' } } }],
      },
    });
    expect(podStatusCells(p, NOW).status).toBe('Init:CrashLoopBackOff');
  });

  it('shows the phase for a pod without container statuses', () => {
    expect(podStatusCells(obj('Pod', 'p', { ...base, status: { phase: 'Pending' } }), NOW)).toEqual({
      ready: '0/1',
      status: 'Pending',
      restarts: '0',
    });
  });
});
