import { describe, expect, it } from 'vitest';
import { NOW, obj } from '../printers/fixtures.test-helpers';
import { contextWith } from './context.test-helpers';
import { describeObject } from './index';

const svc = obj('Service', 'svc-clusterip', {
  namespace: 'default',
  metadata: { name: 'svc-clusterip', namespace: 'default', uid: 'u-svc', labels: { tier: 'frontend', app: 'web' } },
  spec: {
    selector: { app: 'web' },
    type: 'ClusterIP',
    ipFamilyPolicy: 'SingleStack',
    ipFamilies: ['IPv4'],
    clusterIP: '10.96.100.10',
    clusterIPs: ['10.96.100.10'],
    ports: [{ name: 'svc-webport', port: 80, protocol: 'TCP', targetPort: 8080 }],
    sessionAffinity: 'None',
    internalTrafficPolicy: 'Cluster',
  },
  status: { loadBalancer: {} },
});

const slice = obj('EndpointSlice', 'svc-clusterip-abcde', {
  namespace: 'default',
  apiVersion: 'discovery.k8s.io/v1',
  metadata: {
    name: 'svc-clusterip-abcde',
    namespace: 'default',
    labels: { 'kubernetes.io/service-name': 'svc-clusterip' },
  },
  addressType: 'IPv4',
  ports: [{ name: 'svc-webport', port: 8080, protocol: 'TCP' }],
  endpoints: [
    {
      addresses: ['10.244.1.5'],
      conditions: { ready: true },
      targetRef: { kind: 'Pod', name: 'web-1' },
      nodeName: 'myk8s-worker',
    },
    {
      addresses: ['10.244.2.6'],
      conditions: { ready: true },
      targetRef: { kind: 'Pod', name: 'web-2' },
      nodeName: 'myk8s-worker2',
    },
    {
      addresses: ['10.244.3.7'],
      conditions: { ready: true },
      targetRef: { kind: 'Pod', name: 'web-3' },
      nodeName: 'myk8s-worker3',
    },
  ],
});

describe('describe service', () => {
  it('prints the reference service description byte for byte', () => {
    expect(describeObject('services', svc, contextWith(NOW, [svc, slice]))).toBe(
      [
        'Name:                     svc-clusterip',
        'Namespace:                default',
        'Labels:                   app=web',
        '                          tier=frontend',
        'Annotations:              <none>',
        'Selector:                 app=web',
        'Type:                     ClusterIP',
        'IP Family Policy:         SingleStack',
        'IP Families:              IPv4',
        'IP:                       10.96.100.10',
        'IPs:                      10.96.100.10',
        'Port:                     svc-webport  80/TCP',
        'TargetPort:               8080/TCP',
        'Endpoints:                10.244.1.5:8080,10.244.2.6:8080,10.244.3.7:8080',
        'Session Affinity:         None',
        'Internal Traffic Policy:  Cluster',
        'Events:                   <none>',
        '',
      ].join('\n'),
    );
  });

  it('prints NodePort and external traffic policy lines as real clusters do', () => {
    const np = {
      ...svc,
      metadata: { ...svc.metadata, labels: {} },
      spec: {
        ...svc.spec,
        type: 'NodePort',
        externalTrafficPolicy: 'Cluster',
        ports: [{ port: 80, protocol: 'TCP', targetPort: 80, nodePort: 31200 }],
      },
    };
    const out = describeObject('services', np, contextWith(NOW, []))!;
    expect(out).toContain('NodePort:                 <unset>  31200/TCP\n');
    expect(out).toContain('Endpoints:                <none>\n');
    expect(out).toContain('External Traffic Policy:  Cluster\n');
  });

  it('prints an empty Endpoints value when slices exist but no endpoint is ready', () => {
    const notReady = { ...slice, endpoints: [{ addresses: ['10.244.1.5'], conditions: { ready: false } }] };
    expect(describeObject('services', svc, contextWith(NOW, [notReady]))).toContain('Endpoints:                \n');
  });

  it('lists events with repeats as (xN over ...)', () => {
    const ev = obj('Event', 'svc-clusterip.1', {
      namespace: 'default',
      involvedObject: { kind: 'Service', name: 'svc-clusterip', namespace: 'default', uid: 'u-svc' },
      type: 'Normal',
      reason: 'EnsuringLoadBalancer',
      message: 'Ensuring load balancer',
      source: { component: 'service-controller' },
      firstTimestamp: new Date(NOW - 129_000).toISOString(),
      lastTimestamp: new Date(NOW - 94_000).toISOString(),
      count: 2,
    });
    const out = describeObject('services', svc, contextWith(NOW, [slice, ev]))!;
    expect(out.split('Internal Traffic Policy:  Cluster\n')[1]).toBe(
      'Events:\n' +
        '  Type    Reason                Age                 From                Message\n' +
        '  ----    ------                ----                ----                -------\n' +
        '  Normal  EnsuringLoadBalancer  94s (x2 over 2m9s)  service-controller  Ensuring load balancer\n',
    );
  });
});

describe('describe endpoints', () => {
  it('prints the reference endpoints description byte for byte', () => {
    const ep = obj('Endpoints', 'svc-clusterip', {
      namespace: 'default',
      metadata: {
        name: 'svc-clusterip',
        namespace: 'default',
        labels: { app: 'web' },
        annotations: { 'endpoints.kubernetes.io/last-change-trigger-time': '2024-05-01T10:00:00Z' },
      },
      subsets: [
        {
          addresses: [{ ip: '10.244.1.5' }, { ip: '10.244.2.6' }, { ip: '10.244.3.7' }],
          ports: [{ name: 'svc-webport', port: 8080, protocol: 'TCP' }],
        },
      ],
    });
    expect(describeObject('endpoints', ep, contextWith(NOW, []))).toBe(
      [
        'Name:         svc-clusterip',
        'Namespace:    default',
        'Labels:       app=web',
        'Annotations:  endpoints.kubernetes.io/last-change-trigger-time: 2024-05-01T10:00:00Z',
        'Subsets:',
        '  Addresses:          10.244.1.5,10.244.2.6,10.244.3.7',
        '  NotReadyAddresses:  <none>',
        '  Ports:',
        '    Name         Port  Protocol',
        '    ----         ----  --------',
        '    svc-webport  8080  TCP',
        '',
        'Events:  <none>',
        '',
      ].join('\n'),
    );
  });

  it('goes straight from Subsets: to Events without subsets', () => {
    const ep = obj('Endpoints', 'x', { namespace: 'default' });
    expect(describeObject('endpoints', ep, contextWith(NOW, []))).toBe(
      'Name:         x\nNamespace:    default\nLabels:       <none>\nAnnotations:  <none>\nSubsets:\nEvents:  <none>\n',
    );
  });
});

describe('describe endpointslice', () => {
  it('lists each endpoint with its conditions and target', () => {
    const one = { ...slice, endpoints: slice.endpoints.slice(0, 1) };
    expect(describeObject('endpointslices', one, contextWith(NOW, []))).toBe(
      [
        'Name:         svc-clusterip-abcde',
        'Namespace:    default',
        'Labels:       kubernetes.io/service-name=svc-clusterip',
        'Annotations:  <none>',
        'AddressType:  IPv4',
        'Ports:',
        '  Name         Port  Protocol',
        '  ----         ----  --------',
        '  svc-webport  8080  TCP',
        'Endpoints:',
        '  - Addresses:  10.244.1.5',
        '    Conditions:',
        '      Ready:    true',
        '    Hostname:   <unset>',
        '    TargetRef:  Pod/web-1',
        '    NodeName:   myk8s-worker',
        '    Zone:       <unset>',
        'Events:         <none>',
        '',
      ].join('\n'),
    );
  });
});

describe('describe events ordering', () => {
  it('sorts events by last timestamp, oldest first', () => {
    const ev = (name: string, reason: string, lastAgo: number) =>
      obj('Event', name, {
        namespace: 'default',
        involvedObject: { kind: 'Service', name: 'svc-clusterip', namespace: 'default' },
        type: 'Normal',
        reason,
        message: reason,
        source: { component: 'c' },
        firstTimestamp: new Date(NOW - lastAgo * 1000).toISOString(),
        lastTimestamp: new Date(NOW - lastAgo * 1000).toISOString(),
        count: 1,
      });
    const out = describeObject('services', svc, contextWith(NOW, [slice, ev('b', 'Second', 5), ev('a', 'First', 50)]))!;
    expect(out.split('Events:\n')[1]).toBe(
      '  Type    Reason  Age   From  Message\n' +
        '  ----    ------  ----  ----  -------\n' +
        '  Normal  First   50s   c     First\n' +
        '  Normal  Second  5s    c     Second\n',
    );
  });
});

describe('describe ingress', () => {
  it('lists rules with backends and their ready endpoints', () => {
    const ing = obj('Ingress', 'web', {
      apiVersion: 'networking.k8s.io/v1',
      namespace: 'default',
      spec: {
        ingressClassName: 'traefik',
        rules: [
          {
            http: {
              paths: [
                {
                  path: '/',
                  pathType: 'Prefix',
                  backend: { service: { name: 'svc-clusterip', port: { number: 80 } } },
                },
              ],
            },
          },
        ],
      },
      status: { loadBalancer: { ingress: [{ ip: '172.18.0.2' }] } },
    });
    expect(describeObject('ingresses', ing, contextWith(NOW, [svc, slice]))).toBe(
      [
        'Name:             web',
        'Labels:           <none>',
        'Namespace:        default',
        'Address:          172.18.0.2',
        'Ingress Class:    traefik',
        'Default backend:  <default>',
        'Rules:',
        '  Host        Path  Backends',
        '  ----        ----  --------',
        '  *           ',
        '              /   svc-clusterip:80 (10.244.1.5:8080,10.244.2.6:8080,10.244.3.7:8080)',
        'Annotations:  <none>',
        'Events:       <none>',
        '',
      ].join('\n'),
    );
  });

  it('names a missing backend service', () => {
    const ing = obj('Ingress', 'web', {
      namespace: 'default',
      spec: {
        rules: [
          {
            host: 'app.example.com',
            http: { paths: [{ path: '/', backend: { service: { name: 'nope', port: { number: 80 } } } }] },
          },
        ],
      },
    });
    expect(describeObject('ingresses', ing, contextWith(NOW, []))).toContain(
      '/   nope:80 (<error: services "nope" not found>)\n',
    );
  });
});
