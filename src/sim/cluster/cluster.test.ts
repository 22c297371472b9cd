import { describe, expect, it } from 'vitest';
import { Emulator } from '../emulator';
import type { KubeObject } from './types';
import { ApiError } from './errors';

const kind = () => Emulator.create({ scenario: 'kind-iptables', seed: 1 });

function deployment(name: string, replicas: number, extra: Record<string, unknown> = {}): KubeObject {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name },
    spec: {
      replicas,
      selector: { matchLabels: { app: name } },
      template: {
        metadata: { labels: { app: name } },
        spec: {
          containers: [{ name: 'web', image: 'nginx:1.27', ports: [{ name: 'http', containerPort: 8080 }] }],
          ...extra,
        },
      },
    },
  };
}

function apiError(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    if (e instanceof ApiError) return e.kubectlMessage();
    throw e;
  }
  return '';
}

describe('API layer', () => {
  it('defaults a Service as the API server does', () => {
    const emu = kind();
    const svc = emu.cluster.create({
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: 'web' },
      spec: { type: 'NodePort', selector: { app: 'web' }, ports: [{ port: 80 }] },
    });
    expect(svc.metadata.namespace).toBe('default');
    expect(svc.spec.clusterIP).toMatch(/^10\.200\.1\.\d+$/);
    expect(svc.spec.clusterIPs).toEqual([svc.spec.clusterIP]);
    expect(svc.spec.ipFamilies).toEqual(['IPv4']);
    expect(svc.spec.ipFamilyPolicy).toBe('SingleStack');
    expect(svc.spec.sessionAffinity).toBe('None');
    expect(svc.spec.internalTrafficPolicy).toBe('Cluster');
    expect(svc.spec.externalTrafficPolicy).toBe('Cluster');
    expect(svc.spec.ports[0].protocol).toBe('TCP');
    expect(svc.spec.ports[0].targetPort).toBe(80);
    expect(svc.spec.ports[0].nodePort).toBeGreaterThanOrEqual(30000);
    expect(svc.spec.ports[0].nodePort).toBeLessThanOrEqual(32767);
    expect(svc.status).toEqual({ loadBalancer: {} });
  });

  it('defaults a Pod: pull policy, service account, tolerations', () => {
    const emu = kind();
    const pod = emu.cluster.create({
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'p' },
      spec: {
        containers: [
          { name: 'c', image: 'traefik/whoami' },
          { name: 'd', image: 'nginx:1.27' },
        ],
      },
    });
    expect(pod.spec.containers[0].imagePullPolicy).toBe('Always');
    expect(pod.spec.containers[1].imagePullPolicy).toBe('IfNotPresent');
    expect(pod.spec.containers[0].terminationMessagePath).toBe('/dev/termination-log');
    expect(pod.spec.serviceAccountName).toBe('default');
    expect(pod.spec.restartPolicy).toBe('Always');
    expect(pod.spec.dnsPolicy).toBe('ClusterFirst');
    expect(pod.spec.terminationGracePeriodSeconds).toBe(30);
    expect(pod.spec.tolerations).toEqual([
      { effect: 'NoExecute', key: 'node.kubernetes.io/not-ready', operator: 'Exists', tolerationSeconds: 300 },
      { effect: 'NoExecute', key: 'node.kubernetes.io/unreachable', operator: 'Exists', tolerationSeconds: 300 },
    ]);
  });

  it('rejects a Service without ports with the API server message', () => {
    const emu = kind();
    expect(
      apiError(() =>
        emu.cluster.create({
          apiVersion: 'v1',
          kind: 'Service',
          metadata: { name: 'x' },
          spec: { selector: { a: 'b' } },
        }),
      ),
    ).toBe('The Service "x" is invalid: spec.ports: Required value');
  });

  it('rejects an invalid Service name with the DNS-1035 message', () => {
    const emu = kind();
    expect(
      apiError(() =>
        emu.cluster.create({
          apiVersion: 'v1',
          kind: 'Service',
          metadata: { name: 'Web' },
          spec: { ports: [{ port: 80 }] },
        }),
      ),
    ).toBe(
      `The Service "Web" is invalid: metadata.name: Invalid value: "Web": a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character (e.g. 'my-name',  or 'abc-123', regex used for validation is '[a-z]([-a-z0-9]*[a-z0-9])?')`,
    );
  });

  it('reports AlreadyExists and a missing namespace as kubectl prints them', () => {
    const emu = kind();
    const pod = {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'p' },
      spec: { containers: [{ name: 'c', image: 'busybox' }] },
    };
    emu.cluster.create(pod);
    expect(apiError(() => emu.cluster.create(pod))).toBe('Error from server (AlreadyExists): pods "p" already exists');
    expect(apiError(() => emu.cluster.create({ ...pod, metadata: { name: 'q', namespace: 'nope' } }))).toBe(
      'Error from server (NotFound): namespaces "nope" not found',
    );
    expect(apiError(() => emu.cluster.delete('deployments', 'default', 'zz'))).toBe(
      'Error from server (NotFound): deployments.apps "zz" not found',
    );
  });

  it('answers apply with created, unchanged, then configured', () => {
    const emu = kind();
    const cm: KubeObject = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c' }, data: { a: '1' } };
    expect(emu.cluster.apply(cm).result).toBe('created');
    expect(emu.cluster.apply(cm).result).toBe('unchanged');
    expect(emu.cluster.apply({ ...cm, data: { a: '2' } }).result).toBe('configured');
    expect(emu.cluster.get('configmaps', 'default', 'c')!.data).toEqual({ a: '2' });
  });

  it('keeps the allocated cluster IP when a Service is re-applied', () => {
    const emu = kind();
    const svc: KubeObject = {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: 's' },
      spec: { selector: { app: 's' }, ports: [{ port: 80 }] },
    };
    const ip = emu.cluster.apply(svc).object.spec.clusterIP;
    const again = emu.cluster.apply({ ...svc, spec: { ...svc.spec, ports: [{ port: 81 }] } });
    expect(again.result).toBe('configured');
    expect(again.object.spec.clusterIP).toBe(ip);
  });

  it('keeps what the scheduler set when a pod manifest is re-applied with new labels', () => {
    const emu = kind();
    const pod: KubeObject = {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'p' },
      spec: { containers: [{ name: 'c', image: 'nginx:1.27' }] },
    };
    const node = emu.cluster.apply(pod).object.spec.nodeName;
    const r = emu.cluster.apply({ ...pod, metadata: { name: 'p', labels: { a: 'b' } } });
    expect(r.result).toBe('configured');
    expect(r.object.spec.nodeName).toBe(node);
    expect(r.object.metadata.labels).toEqual({ a: 'b' });
  });

  it('removes a label that was applied before and is gone from the new manifest', () => {
    const emu = kind();
    const cm = (labels: Record<string, string>): KubeObject => ({
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: 'c', labels },
    });
    emu.cluster.apply(cm({ a: '1', b: '2' }));
    expect(emu.cluster.apply(cm({ a: '1' })).object.metadata.labels).toEqual({ a: '1' });
  });

  it('forbids changing a pod spec beyond its images', () => {
    const emu = kind();
    const pod: KubeObject = {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'p' },
      spec: { containers: [{ name: 'c', image: 'nginx:1.27' }] },
    };
    emu.cluster.apply(pod);
    expect(
      apiError(() =>
        emu.cluster.apply({
          ...pod,
          spec: { containers: [{ name: 'c', image: 'nginx:1.27', ports: [{ containerPort: 80 }] }] },
        }),
      ),
    ).toBe(
      'The Pod "p" is invalid: spec: Forbidden: pod updates may not change fields other than `spec.containers[*].image`,`spec.initContainers[*].image`,`spec.activeDeadlineSeconds`,`spec.tolerations` (only additions to existing tolerations),`spec.terminationGracePeriodSeconds` (allow it to be set to 1 if it was previously negative)',
    );
    expect(emu.cluster.apply({ ...pod, spec: { containers: [{ name: 'c', image: 'nginx:1.28' }] } }).result).toBe(
      'configured',
    );
  });

  it('drops the external traffic policy and node ports when a NodePort service becomes ClusterIP', () => {
    const emu = kind();
    const svc = (type: string): KubeObject => ({
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: 's' },
      spec: { type, selector: { a: 'b' }, ports: [{ port: 80 }] },
    });
    emu.cluster.apply(svc('NodePort'));
    const after = emu.cluster.apply(svc('ClusterIP')).object;
    expect(after.spec.externalTrafficPolicy).toBeUndefined();
    expect(after.spec.ports).toEqual([{ port: 80, protocol: 'TCP', targetPort: 80 }]);
  });

  it('gives every new namespace a default ServiceAccount and kube-root-ca.crt', () => {
    const emu = kind();
    emu.cluster.create({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'dev' } });
    expect(emu.cluster.get('serviceaccounts', 'dev', 'default')).toBeDefined();
    expect(emu.cluster.get('configmaps', 'dev', 'kube-root-ca.crt')).toBeDefined();
  });
});

describe('controllers', () => {
  it('names the ReplicaSet after the pod-template-hash and its pods after the ReplicaSet', () => {
    const emu = kind();
    emu.cluster.create(deployment('web', 3));
    const [rs] = emu.cluster.list('replicasets', 'default');
    const hash = rs!.metadata.labels!['pod-template-hash']!;
    expect(rs!.metadata.name).toBe(`web-${hash}`);
    const pods = emu.cluster.list('pods', 'default');
    expect(pods).toHaveLength(3);
    for (const p of pods) expect(p.metadata.name).toMatch(new RegExp(`^web-${hash}-[bcdfghjklmnpqrstvwxz2456789]{5}$`));
  });

  it('spreads replicas over the workers and keeps them off the tainted control plane', () => {
    const emu = kind();
    emu.cluster.create(deployment('web', 6));
    const nodes = emu.cluster
      .list('pods', 'default')
      .map((p) => p.spec.nodeName)
      .sort();
    expect(nodes).toEqual([
      'myk8s-worker',
      'myk8s-worker',
      'myk8s-worker2',
      'myk8s-worker2',
      'myk8s-worker3',
      'myk8s-worker3',
    ]);
  });

  it('honours nodeSelector', () => {
    const emu = kind();
    emu.cluster.create(deployment('web', 3, { nodeSelector: { mynode: 'worker2' } }));
    expect(emu.cluster.list('pods', 'default').map((p) => p.spec.nodeName)).toEqual([
      'myk8s-worker2',
      'myk8s-worker2',
      'myk8s-worker2',
    ]);
  });

  it('leaves a pod Pending with FailedScheduling when no node fits', () => {
    const emu = kind();
    emu.cluster.create({
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'p' },
      spec: { nodeSelector: { disk: 'ssd' }, containers: [{ name: 'c', image: 'busybox' }] },
    });
    const pod = emu.cluster.get('pods', 'default', 'p')!;
    expect(pod.spec.nodeName).toBeUndefined();
    expect(pod.status.conditions[0].message).toBe(
      "0/4 nodes are available: 1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }, 3 node(s) didn't match Pod's node affinity/selector. preemption: 0/4 nodes are available: 4 Preemption is not helpful for scheduling.",
    );
  });

  it('runs a pod through ContainerCreating to Running as the clock moves', () => {
    const emu = kind();
    emu.cluster.create({
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'p' },
      spec: { nodeName: 'myk8s-worker', containers: [{ name: 'c', image: 'registry.k8s.io/kube-proxy:v1.31.0' }] },
    });
    expect(emu.cluster.get('pods', 'default', 'p')!.status.containerStatuses[0].state).toEqual({
      waiting: { reason: 'ContainerCreating' },
    });
    emu.advanceTime(2000);
    const pod = emu.cluster.get('pods', 'default', 'p')!;
    expect(pod.status.phase).toBe('Running');
    expect(pod.status.podIP).toBe('10.10.1.2');
  });

  it('fills Endpoints with ready pods and resolves a named targetPort', () => {
    const emu = kind();
    emu.cluster.create(deployment('web', 2));
    emu.cluster.create({
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: 'web' },
      spec: { selector: { app: 'web' }, ports: [{ port: 80, targetPort: 'http' }] },
    });
    expect(emu.cluster.get('endpoints', 'default', 'web')!.subsets).toBeUndefined();
    emu.advanceTime(10_000);
    const ep = emu.cluster.get('endpoints', 'default', 'web')!;
    expect(ep.subsets).toHaveLength(1);
    expect(ep.subsets[0].addresses).toHaveLength(2);
    expect(ep.subsets[0].ports).toEqual([{ port: 8080, protocol: 'TCP' }]);
  });

  it("removes a deployment's replicasets and pods with it (garbage collection)", () => {
    const emu = kind();
    emu.cluster.create(deployment('web', 2));
    emu.cluster.delete('deployments', 'default', 'web');
    expect(emu.cluster.list('replicasets', 'default')).toEqual([]);
    expect(emu.cluster.list('pods', 'default').map((p) => Boolean(p.metadata.deletionTimestamp))).toEqual([true, true]);
    emu.advanceTime(2000);
    expect(emu.cluster.list('pods', 'default')).toEqual([]);
  });

  it('replaces a deleted ReplicaSet pod', () => {
    const emu = kind();
    emu.cluster.create(deployment('web', 2));
    const [first] = emu.cluster.list('pods', 'default');
    emu.cluster.delete('pods', 'default', first!.metadata.name);
    const after = emu.cluster.list('pods', 'default').filter((p) => !p.metadata.deletionTimestamp);
    expect(after).toHaveLength(2);
    expect(after.map((p) => p.metadata.name)).not.toContain(first!.metadata.name);
  });

  it('keeps a pod that ignores SIGTERM Terminating for its whole grace period', () => {
    const emu = kind();
    emu.cluster.create({
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'p' },
      spec: { nodeName: 'myk8s-worker', containers: [{ name: 'c', image: 'busybox', command: ['sleep', '3600'] }] },
    });
    emu.advanceTime(10_000);
    emu.cluster.delete('pods', 'default', 'p');
    expect(emu.cluster.get('pods', 'default', 'p')!.metadata.deletionTimestamp).toBe('2026-10-02T16:00:40Z');
    emu.advanceTime(29_000);
    expect(emu.cluster.get('pods', 'default', 'p')).toBeDefined();
    emu.advanceTime(1000);
    expect(emu.cluster.get('pods', 'default', 'p')).toBeUndefined();
  });

  it('removes a pod at once with a grace period of 0', () => {
    const emu = kind();
    emu.cluster.create({
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'p' },
      spec: {
        nodeName: 'myk8s-worker',
        terminationGracePeriodSeconds: 0,
        containers: [{ name: 'c', image: 'busybox', command: ['sleep', '3600'] }],
      },
    });
    emu.cluster.delete('pods', 'default', 'p');
    expect(emu.cluster.get('pods', 'default', 'p')).toBeUndefined();
  });

  it('runs one daemon pod per node, control plane included when tolerated', () => {
    const emu = kind();
    const nodes = emu.cluster
      .list('pods', 'kube-system')
      .filter((p) => p.metadata.name.startsWith('kube-proxy-'))
      .map((p) => p.spec.nodeName)
      .sort();
    expect(nodes).toEqual(['myk8s-control-plane', 'myk8s-worker', 'myk8s-worker2', 'myk8s-worker3']);
  });

  it('gives every node a Lease the kubelet renews every 10 seconds', () => {
    const emu = kind();
    expect(emu.cluster.get('leases', 'kube-node-lease', 'myk8s-worker')!.spec.renewTime).toBe(
      '2026-10-02T16:00:00.000000Z',
    );
    emu.advanceTime(12_000);
    expect(emu.cluster.get('leases', 'kube-node-lease', 'myk8s-worker')!.spec.renewTime).toBe(
      '2026-10-02T16:00:10.000000Z',
    );
  });

  it('gives kubernetes .1 and kube-dns .10 of the service CIDR', () => {
    const emu = kind();
    expect(emu.cluster.get('services', 'default', 'kubernetes')!.spec.clusterIP).toBe('10.200.1.1');
    expect(emu.cluster.get('services', 'kube-system', 'kube-dns')!.spec.clusterIP).toBe('10.200.1.10');
  });

  it('keeps LoadBalancer ingress empty until something provides an address', () => {
    const emu = kind();
    emu.cluster.create({
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: 'lb' },
      spec: { type: 'LoadBalancer', selector: { a: 'b' }, ports: [{ port: 80 }] },
    });
    expect(emu.cluster.get('services', 'default', 'lb')!.status).toEqual({ loadBalancer: {} });
    emu.cluster.setLoadBalancerIngress('default', 'lb', ['172.18.255.200']);
    expect(emu.cluster.get('services', 'default', 'lb')!.status).toEqual({
      loadBalancer: { ingress: [{ ip: '172.18.255.200', ipMode: 'VIP' }] },
    });
  });
});

describe('determinism', () => {
  it('builds the same cluster from the same seed and survives a snapshot round trip', () => {
    const a = kind();
    const b = kind();
    expect(JSON.stringify(a.snapshot())).toBe(JSON.stringify(b.snapshot()));
    const c = a.clone();
    a.cluster.create(deployment('web', 2));
    c.cluster.create(deployment('web', 2));
    expect(a.cluster.list('pods', 'default').map((p) => p.metadata.name)).toEqual(
      c.cluster.list('pods', 'default').map((p) => p.metadata.name),
    );
  });

  it('draws other pod names from another seed', () => {
    const a = Emulator.create({ scenario: 'kind-iptables', seed: 1 });
    const b = Emulator.create({ scenario: 'kind-iptables', seed: 2 });
    const names = (e: Emulator) =>
      e.cluster
        .list('pods', 'kube-system')
        .map((p) => p.metadata.name)
        .join(',');
    expect(names(a)).not.toBe(names(b));
  });
});
