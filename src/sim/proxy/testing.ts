/**
 * Small builders of Service and EndpointSlice objects (real API shapes) for kube-proxy tests and
 * for scenario code that wants a service without running the controllers.
 */
import type { KubeObject } from '../cluster/types';

export interface TestServiceOptions {
  namespace?: string;
  name: string;
  type?: 'ClusterIP' | 'NodePort' | 'LoadBalancer';
  clusterIP: string;
  ports: { name?: string; port: number; targetPort: number; protocol?: 'TCP' | 'UDP' | 'SCTP'; nodePort?: number }[];
  externalIPs?: string[];
  externalTrafficPolicy?: 'Cluster' | 'Local';
  healthCheckNodePort?: number;
  sessionAffinity?: 'ClientIP';
  loadBalancerIPs?: string[];
  /** Endpoints: pod IP and the node it runs on. */
  endpoints: { ip: string; node: string; ready?: boolean }[];
}

/** A Service and its EndpointSlice, as the API server and the EndpointSlice controller would hold them. */
export function testService(o: TestServiceOptions): { service: KubeObject; slice: KubeObject } {
  const namespace = o.namespace ?? 'default';
  const service: KubeObject = {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name: o.name, namespace },
    spec: {
      type: o.type ?? 'ClusterIP',
      clusterIP: o.clusterIP,
      clusterIPs: [o.clusterIP],
      ports: o.ports.map((p) => ({
        ...(p.name ? { name: p.name } : {}),
        port: p.port,
        targetPort: p.targetPort,
        protocol: p.protocol ?? 'TCP',
        ...(p.nodePort ? { nodePort: p.nodePort } : {}),
      })),
      ...(o.externalIPs ? { externalIPs: o.externalIPs } : {}),
      ...(o.externalTrafficPolicy ? { externalTrafficPolicy: o.externalTrafficPolicy } : {}),
      ...(o.healthCheckNodePort ? { healthCheckNodePort: o.healthCheckNodePort } : {}),
      ...(o.sessionAffinity
        ? { sessionAffinity: o.sessionAffinity, sessionAffinityConfig: { clientIP: { timeoutSeconds: 10800 } } }
        : { sessionAffinity: 'None' }),
    },
    status: { loadBalancer: o.loadBalancerIPs ? { ingress: o.loadBalancerIPs.map((ip) => ({ ip })) } : {} },
  };
  const slice: KubeObject = {
    apiVersion: 'discovery.k8s.io/v1',
    kind: 'EndpointSlice',
    metadata: { name: `${o.name}-abcde`, namespace, labels: { 'kubernetes.io/service-name': o.name } },
    addressType: 'IPv4',
    endpoints: o.endpoints.map((e) => ({
      addresses: [e.ip],
      conditions: { ready: e.ready ?? true },
      nodeName: e.node,
    })),
    ports: o.ports.map((p) => ({
      ...(p.name ? { name: p.name } : {}),
      port: p.targetPort,
      protocol: p.protocol ?? 'TCP',
    })),
  };
  return { service, slice };
}
