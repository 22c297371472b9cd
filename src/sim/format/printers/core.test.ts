import { describe, expect, it } from 'vitest';
import { renderTable, tablePrinterFor } from './index';
import { ago, NOW, obj } from './fixtures.test-helpers';

const node = (name: string, roles: string[], ready: string, extra: Record<string, unknown> = {}) =>
  obj('Node', name, {
    age: 86400 * 2 + 3600 * 3,
    metadata: {
      name,
      creationTimestamp: ago(86400 * 2 + 3600 * 3),
      labels: Object.fromEntries(roles.map((r) => [`node-role.kubernetes.io/${r}`, ''])),
    },
    spec: {},
    status: {
      conditions: [{ type: 'Ready', status: ready }],
      addresses: [
        { type: 'InternalIP', address: '172.18.0.2' },
        { type: 'Hostname', address: name },
      ],
      nodeInfo: {
        kubeletVersion: 'v1.31.0',
        osImage: 'Debian GNU/Linux 12 (bookworm)',
        kernelVersion: '6.8.0-45-generic',
        containerRuntimeVersion: 'containerd://1.7.18',
      },
    },
    ...extra,
  });

describe('node table', () => {
  it('prints roles, status and version', () => {
    expect(
      renderTable(
        'nodes',
        [node('myk8s-control-plane', ['control-plane'], 'True'), node('myk8s-worker', [], 'False')],
        { now: NOW },
      ),
    ).toBe(
      'NAME                  STATUS     ROLES           AGE    VERSION\n' +
        'myk8s-control-plane   Ready      control-plane   2d3h   v1.31.0\n' +
        'myk8s-worker          NotReady   <none>          2d3h   v1.31.0\n',
    );
  });

  it('prints the wide node columns', () => {
    expect(renderTable('nodes', [node('myk8s-worker', [], 'True')], { now: NOW, wide: true })).toBe(
      'NAME           STATUS   ROLES    AGE    VERSION   INTERNAL-IP   EXTERNAL-IP   OS-IMAGE                         KERNEL-VERSION     CONTAINER-RUNTIME\n' +
        'myk8s-worker   Ready    <none>   2d3h   v1.31.0   172.18.0.2    <none>        Debian GNU/Linux 12 (bookworm)   6.8.0-45-generic   containerd://1.7.18\n',
    );
  });

  it('adds SchedulingDisabled for a cordoned node', () => {
    const n = node('w', [], 'True', { spec: { unschedulable: true } });
    expect(tablePrinterFor('nodes').row(n, { now: NOW })[1]).toBe('Ready,SchedulingDisabled');
  });
});

describe('simple core tables', () => {
  it('prints a service account with 0 secrets like a real cluster', () => {
    expect(renderTable('serviceaccounts', [obj('ServiceAccount', 'default', { age: 26 * 3600 })], { now: NOW })).toBe(
      'NAME      SECRETS   AGE\ndefault   0         26h\n',
    );
  });

  it('counts data and binaryData keys for config maps', () => {
    const cm = obj('ConfigMap', 'kube-root-ca.crt', { data: { 'ca.crt': 'x' }, binaryData: { b: 'eA==' } });
    expect(renderTable('configmaps', [cm], { now: NOW })).toBe(
      'NAME               DATA   AGE\nkube-root-ca.crt   2      60s\n',
    );
  });

  it('prints namespace phase', () => {
    expect(
      renderTable('namespaces', [obj('Namespace', 'default', { status: { phase: 'Active' } })], { now: NOW }),
    ).toBe('NAME      STATUS   AGE\ndefault   Active   60s\n');
  });

  it('prints secret type and data count', () => {
    expect(renderTable('secrets', [obj('Secret', 's', { type: 'Opaque', data: { a: 'YQ==' } })], { now: NOW })).toBe(
      'NAME   TYPE     DATA   AGE\ns      Opaque   1      60s\n',
    );
  });

  it('falls back to NAME and AGE for resources without a printer', () => {
    expect(renderTable('leases', [obj('Lease', 'l')], { now: NOW })).toBe('NAME   AGE\nl      60s\n');
  });
});

describe('event table', () => {
  it('prints LAST SEEN, TYPE, REASON, OBJECT and MESSAGE', () => {
    const ev = obj('Event', 'web-1.17a', {
      involvedObject: { kind: 'Pod', name: 'web-1', namespace: 'default' },
      type: 'Normal',
      reason: 'Scheduled',
      message: 'Successfully assigned default/web-1 to myk8s-worker',
      source: { component: 'default-scheduler' },
      firstTimestamp: ago(10),
      lastTimestamp: ago(10),
      count: 1,
    });
    expect(renderTable('events', [ev], { now: NOW })).toBe(
      'LAST SEEN   TYPE     REASON      OBJECT      MESSAGE\n' +
        '10s         Normal   Scheduled   pod/web-1   Successfully assigned default/web-1 to myk8s-worker\n',
    );
  });
});
