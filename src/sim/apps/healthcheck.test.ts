import { describe, expect, it } from 'vitest';
import { healthCheckResponse, healthCheckServiceFor, localReadyEndpoints } from './healthcheck';
import { needsHealthCheck } from '../cluster/servicepolicy';
import { testService } from '../proxy/testing';

// Expected texts: ../shared/reference/facts-traffic-in.md §3 (kube-proxy's service_health.go
// hcHandler.ServeHTTP: tab-indented JSON without a final newline, 127 bytes for this service, as
// the Content-Length of a real capture; 200 with local endpoints, 503 without).
const lb = testService({
  name: 'wp-nginx-service',
  type: 'LoadBalancer',
  clusterIP: '10.96.0.20',
  externalTrafficPolicy: 'Local',
  healthCheckNodePort: 32122,
  ports: [{ port: 80, targetPort: 80, nodePort: 31380 }],
  endpoints: [
    { ip: '10.244.1.5', node: 'w1' },
    { ip: '10.244.2.7', node: 'w2' },
    { ip: '10.244.2.8', node: 'w2', ready: false },
  ],
});

describe("kube-proxy's health check node port", () => {
  it('serves only LoadBalancer Services with externalTrafficPolicy Local', () => {
    expect(needsHealthCheck(lb.service.spec)).toBe(true);
    const nodePort = testService({
      name: 'np',
      type: 'NodePort',
      clusterIP: '10.96.0.21',
      externalTrafficPolicy: 'Local',
      ports: [{ port: 80, targetPort: 80, nodePort: 30080 }],
      endpoints: [],
    });
    expect(needsHealthCheck(nodePort.service.spec)).toBe(false);
    expect(healthCheckServiceFor([nodePort.service, lb.service], 32122)).toEqual({
      namespace: 'default',
      name: 'wp-nginx-service',
    });
    expect(healthCheckServiceFor([lb.service], 31380)).toBeUndefined();
  });

  it('counts the ready endpoints on the node', () => {
    expect(localReadyEndpoints(lb.service, [lb.slice], 'w1')).toBe(1);
    expect(localReadyEndpoints(lb.service, [lb.slice], 'w2')).toBe(1);
    expect(localReadyEndpoints(lb.service, [lb.slice], 'w3')).toBe(0);
  });

  it('answers 200 with the count where there are local endpoints, 503 where there are none', () => {
    const ok = healthCheckResponse({ namespace: 'default', name: 'wp-nginx-service' }, 1, Date.UTC(2026, 9, 2));
    expect(ok.status).toBe(200);
    expect(ok.body).toBe(
      '{\n\t"service": {\n\t\t"namespace": "default",\n\t\t"name": "wp-nginx-service"\n\t},\n\t"localEndpoints": 1,\n\t"serviceProxyHealthy": true\n}',
    );
    expect(ok.body.length).toBe(127);
    expect(ok.headers).toEqual([
      ['Content-Type', 'application/json'],
      ['X-Content-Type-Options', 'nosniff'],
      ['X-Load-Balancing-Endpoint-Weight', '1'],
      ['Date', 'Fri, 02 Oct 2026 00:00:00 GMT'],
      ['Content-Length', '127'],
    ]);
    const none = healthCheckResponse({ namespace: 'default', name: 'wp-nginx-service' }, 0, 0);
    expect(none.status).toBe(503);
    expect(none.body).toContain('"localEndpoints": 0,');
  });
});
