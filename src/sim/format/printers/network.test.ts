import { describe, expect, it } from 'vitest';
import { renderTable } from './index';
import { formatEndpoints } from './network';
import { NOW, obj } from './fixtures.test-helpers';

const svc = (name: string, ageSeconds: number, spec: Record<string, unknown>, status: Record<string, unknown> = {}) =>
  obj('Service', name, { age: ageSeconds, spec, status });

describe('service table', () => {
  it('prints the reference service sample', () => {
    const out = renderTable(
      'services',
      [
        svc('kubernetes', 3 * 86400, {
          type: 'ClusterIP',
          clusterIP: '10.96.0.1',
          clusterIPs: ['10.96.0.1'],
          ports: [{ name: 'https', port: 443, protocol: 'TCP', targetPort: 6443 }],
        }),
        svc('svc-clusterip', 720, {
          type: 'ClusterIP',
          clusterIPs: ['10.96.100.10'],
          ports: [{ port: 80, protocol: 'TCP', targetPort: 8080 }],
        }),
        svc('web-np', 150, {
          type: 'NodePort',
          clusterIPs: ['10.96.7.21'],
          ports: [{ port: 80, protocol: 'TCP', nodePort: 30080 }],
        }),
      ],
      { now: NOW },
    );
    expect(out).toBe(
      'NAME            TYPE        CLUSTER-IP     EXTERNAL-IP   PORT(S)        AGE\n' +
        'kubernetes      ClusterIP   10.96.0.1      <none>        443/TCP        3d\n' +
        'svc-clusterip   ClusterIP   10.96.100.10   <none>        80/TCP         12m\n' +
        'web-np          NodePort    10.96.7.21     <none>        80:30080/TCP   2m30s\n',
    );
  });

  it('shows <pending> for a load balancer without ingress, and None for headless', () => {
    const out = renderTable(
      'services',
      [
        svc(
          'lb',
          10,
          { type: 'LoadBalancer', clusterIPs: ['10.96.0.50'], ports: [{ port: 80, protocol: 'TCP', nodePort: 31200 }] },
          { loadBalancer: {} },
        ),
        svc('headless', 10, { type: 'ClusterIP', clusterIPs: ['None'], ports: [{ port: 80, protocol: 'TCP' }] }),
      ],
      { now: NOW },
    );
    expect(out).toBe(
      'NAME       TYPE           CLUSTER-IP   EXTERNAL-IP   PORT(S)        AGE\n' +
        'lb         LoadBalancer   10.96.0.50   <pending>     80:31200/TCP   10s\n' +
        'headless   ClusterIP      None         <none>        80/TCP         10s\n',
    );
  });

  it('clips long load-balancer addresses to 16 characters unless wide', () => {
    const s = svc(
      'lb',
      10,
      { type: 'LoadBalancer', clusterIPs: ['10.96.0.50'], ports: [] },
      { loadBalancer: { ingress: [{ hostname: 'a1b2c3.elb.us-east-1.amazonaws.com' }] } },
    );
    expect(renderTable('services', [s], { now: NOW, noHeaders: true })).toBe(
      'lb    LoadBalancer   10.96.0.50   a1b2c3.elb.us...   <none>   10s\n',
    );
    expect(renderTable('services', [s], { now: NOW, noHeaders: true, wide: true })).toBe(
      'lb    LoadBalancer   10.96.0.50   a1b2c3.elb.us-east-1.amazonaws.com   <none>   10s   <none>\n',
    );
  });

  it('prints the ExternalName as EXTERNAL-IP', () => {
    const s = svc('ext', 10, { type: 'ExternalName', externalName: 'example.com' });
    expect(renderTable('services', [s], { now: NOW, noHeaders: true })).toBe(
      'ext   ExternalName   <none>   example.com   <none>   10s\n',
    );
  });
});

describe('endpoints table', () => {
  it('prints the reference endpoints sample', () => {
    const ep = (name: string, ageSeconds: number, subsets: unknown) =>
      obj('Endpoints', name, { age: ageSeconds, subsets });
    const out = renderTable(
      'endpoints',
      [
        ep('kubernetes', 3 * 86400, [
          { addresses: [{ ip: '172.18.0.2' }], ports: [{ name: 'https', port: 6443, protocol: 'TCP' }] },
        ]),
        ep('svc-clusterip', 720, [
          {
            addresses: [{ ip: '10.244.1.5' }, { ip: '10.244.2.6' }, { ip: '10.244.3.7' }],
            ports: [{ port: 8080, protocol: 'TCP' }],
          },
        ]),
      ],
      { now: NOW },
    );
    expect(out).toBe(
      'NAME            ENDPOINTS                                         AGE\n' +
        'kubernetes      172.18.0.2:6443                                   3d\n' +
        'svc-clusterip   10.244.1.5:8080,10.244.2.6:8080,10.244.3.7:8080   12m\n',
    );
  });

  it('shows three pairs and + N more...', () => {
    const ep = obj('Endpoints', 'x', {
      subsets: [{ addresses: [1, 2, 3, 4, 5].map((i) => ({ ip: `10.0.0.${i}` })), ports: [{ port: 80 }] }],
    });
    expect(formatEndpoints(ep)).toBe('10.0.0.1:80,10.0.0.2:80,10.0.0.3:80 + 2 more...');
  });

  it('prints <none> without subsets and an empty cell when no address is ready', () => {
    expect(formatEndpoints(obj('Endpoints', 'x', {}))).toBe('<none>');
    expect(
      formatEndpoints(
        obj('Endpoints', 'x', { subsets: [{ notReadyAddresses: [{ ip: '10.0.0.1' }], ports: [{ port: 80 }] }] }),
      ),
    ).toBe('');
  });
});

describe('endpointslice table', () => {
  it('prints the reference endpointslice sample', () => {
    const slice = (name: string, ageSeconds: number, port: number, addresses: string[]) =>
      obj('EndpointSlice', name, {
        age: ageSeconds,
        addressType: 'IPv4',
        ports: [{ port, protocol: 'TCP' }],
        endpoints: addresses.map((a) => ({ addresses: [a], conditions: { ready: true } })),
      });
    const out = renderTable(
      'endpointslices',
      [
        slice('kubernetes', 3 * 86400, 6443, ['172.18.0.2']),
        slice('svc-clusterip-abcde', 720, 8080, ['10.244.1.5', '10.244.2.6', '10.244.3.7']),
      ],
      { now: NOW },
    );
    expect(out).toBe(
      'NAME                  ADDRESSTYPE   PORTS   ENDPOINTS                          AGE\n' +
        'kubernetes            IPv4          6443    172.18.0.2                         3d\n' +
        'svc-clusterip-abcde   IPv4          8080    10.244.1.5,10.244.2.6,10.244.3.7   12m\n',
    );
  });

  it('prints <unset> for a slice without ports or endpoints', () => {
    const s = obj('EndpointSlice', 's', { addressType: 'IPv4', ports: null, endpoints: null });
    expect(renderTable('endpointslices', [s], { now: NOW, noHeaders: true })).toBe(
      's     IPv4   <unset>   <unset>   60s\n',
    );
  });
});

describe('ingress and network policy tables', () => {
  it('prints * for hosts and <none> for class', () => {
    const ing = obj('Ingress', 'web', { spec: { rules: [{}] }, status: {} });
    expect(renderTable('ingresses', [ing], { now: NOW })).toBe(
      'NAME   CLASS    HOSTS   ADDRESS   PORTS   AGE\nweb    <none>   *                 80      60s\n',
    );
  });

  it('prints <none> for an empty pod selector', () => {
    const np = obj('NetworkPolicy', 'deny-all', { spec: { podSelector: {} } });
    expect(renderTable('networkpolicies', [np], { now: NOW })).toBe(
      'NAME       POD-SELECTOR   AGE\ndeny-all   <none>         60s\n',
    );
  });
});
