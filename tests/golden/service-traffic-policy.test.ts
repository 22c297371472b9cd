/**
 * externalTrafficPolicy and the health check node port, end to end: what the API server accepts,
 * defaults and drops (pkg/apis/core/validation, v1 defaults, the service registry's strategy and
 * allocator, Kubernetes 1.29+ where a ClusterIP Service with externalIPs is externally accessible),
 * and what kube-proxy then does with the traffic (pkg/proxy/iptables/proxier.go; the health check
 * server's answer from ../shared/reference/facts-traffic-in.md §3).
 */
import { describe, expect, it } from 'vitest';
import { labSession, type Lab } from '../../src/sim/shell/testing';

const EXTERNAL_IP = `cat <<EOF | kubectl apply -f -
apiVersion: v1
kind: Service
metadata:
  name: shop
spec:
  externalIPs:
  - 192.168.10.50
  selector:
    app: shop
  ports:
  - port: 80
EOF`;

/** A kind cluster whose `run` returns what the terminal shows (stdout and stderr, in order). */
function kind(): Promise<Lab> {
  return labSession('kind-iptables');
}

/** Two whoami pods behind `shop`, a ClusterIP Service with the external IP 192.168.10.50. */
async function shop(): Promise<Lab> {
  return labSession('kind-iptables', [
    'kubectl create deployment shop --image=traefik/whoami --replicas=2',
    EXTERNAL_IP,
    'sleep 30',
  ]);
}

const LOCAL = `kubectl patch svc shop -p '{"spec":{"externalTrafficPolicy":"Local"}}'`;

describe('externalTrafficPolicy on a Service with externalIPs', () => {
  it('defaults to Cluster and accepts Local, as on any externally accessible Service', async () => {
    const h = await shop();
    expect(await h.run("kubectl get svc shop -o jsonpath='{.spec.externalTrafficPolicy}'")).toBe('Cluster');
    expect(await h.run(LOCAL)).toBe('service/shop patched\n');
    expect(await h.run("kubectl get svc shop -o jsonpath='{.spec.externalTrafficPolicy}'")).toBe('Local');
  });

  it('makes kube-proxy keep the client address where the route points, and drop the traffic where no pod runs', async () => {
    const h = await shop();
    const node = (await h.run("kubectl get pod -l app=shop -o jsonpath='{.items[0].status.hostIP}'")).trim();
    await h.run(`sudo ip route add 192.168.10.50/32 via ${node}`);
    expect(await h.run('curl -s 192.168.10.50 | grep RemoteAddr')).not.toMatch(/RemoteAddr: 172\.18\.0\.1:/);
    await h.run(LOCAL);
    expect(await h.run('curl -s 192.168.10.50 | grep RemoteAddr')).toMatch(/^RemoteAddr: 172\.18\.0\.1:\d+\n$/);
    // The control plane runs no shop pod: its filter table drops the external IP (proxier.go, "has no local endpoints").
    await h.run('sudo ip route replace 192.168.10.50/32 via 172.18.0.2');
    expect(await h.run('curl -s --connect-timeout 1 192.168.10.50; echo $?')).toBe('28\n');
    expect(await h.run('docker exec myk8s-control-plane iptables -t filter -S KUBE-EXTERNAL-SERVICES')).toBe(
      '-N KUBE-EXTERNAL-SERVICES\n-A KUBE-EXTERNAL-SERVICES -d 192.168.10.50/32 -p tcp -m comment --comment "default/shop has no local endpoints" -m tcp --dport 80 -j DROP\n',
    );
    // From a pod, an external IP keeps Cluster semantics: KUBE-EXT sends pod traffic to KUBE-SVC.
    expect(
      await h.run(
        'docker exec myk8s-control-plane iptables -t nat -S | grep -c "pod traffic for default/shop external"',
      ),
    ).toBe('1\n');
  });

  it('refuses the field on a ClusterIP Service without externalIPs, and drops it when the externalIPs go', async () => {
    const h = await shop();
    await h.run('kubectl create service clusterip plain --tcp=80:80');
    expect(await h.run(`kubectl patch svc plain -p '{"spec":{"externalTrafficPolicy":"Local"}}'`)).toBe(
      'The Service "plain" is invalid: spec.externalTrafficPolicy: Invalid value: "Local": may only be set for externally-accessible services\n',
    );
    expect(await h.run(`kubectl patch svc plain -p '{"spec":{"internalTrafficPolicy":"local"}}'`)).toBe(
      'The Service "plain" is invalid: spec.internalTrafficPolicy: Unsupported value: "local": supported values: "Cluster", "Local"\n',
    );
    await h.run(LOCAL);
    expect(await h.run(`kubectl patch svc shop --type=json -p '[{"op":"remove","path":"/spec/externalIPs"}]'`)).toBe(
      'service/shop patched\n',
    );
    expect(await h.run("kubectl get svc shop -o jsonpath='[{.spec.externalTrafficPolicy}]'")).toBe('[]');
  });

  it('drops the policy of a NodePort Service that becomes a ClusterIP Service', async () => {
    const h = await kind();
    await h.run('kubectl create service nodeport np --tcp=80:80');
    expect(await h.run(`kubectl patch svc np -p '{"spec":{"type":"ClusterIP"}}'`)).toBe('service/np patched\n');
    expect(await h.run("kubectl get svc np -o jsonpath='{.spec.type} [{.spec.externalTrafficPolicy}]'")).toBe(
      'ClusterIP []',
    );
  });
});

describe('the health check node port of a LoadBalancer Service with Local', () => {
  it('is allocated from the node-port range, shown by describe, immutable, and released with the policy', async () => {
    const h = await kind();
    await h.run('kubectl create deployment web --image=traefik/whoami --replicas=1');
    await h.run('kubectl expose deployment web --type=LoadBalancer --port=80');
    expect(await h.run("kubectl get svc web -o jsonpath='[{.spec.healthCheckNodePort}]'")).toBe('[]');
    await h.run(`kubectl patch svc web -p '{"spec":{"externalTrafficPolicy":"Local"}}'`);
    const hc = Number(await h.run("kubectl get svc web -o jsonpath='{.spec.healthCheckNodePort}'"));
    expect(hc).toBeGreaterThanOrEqual(30000);
    expect(hc).toBeLessThanOrEqual(32767);
    expect(await h.run('kubectl describe svc web')).toContain(`HealthCheck NodePort:     ${hc}\n`);
    expect(await h.run(`kubectl patch svc web -p '{"spec":{"healthCheckNodePort":${hc + 1}}}'`)).toBe(
      'The Service "web" is invalid: spec.healthCheckNodePort: Forbidden: field is immutable\n',
    );
    await h.run(`kubectl patch svc web -p '{"spec":{"externalTrafficPolicy":"Cluster"}}'`);
    expect(await h.run("kubectl get svc web -o jsonpath='[{.spec.healthCheckNodePort}]'")).toBe('[]');
    // Released: another Service may now have that port.
    expect(await h.run(`kubectl create service nodeport other --tcp=80:80 --node-port=${hc}`)).toBe(
      'service/other created\n',
    );
  });

  it('is answered by kube-proxy on every node: 200 and the count where a ready pod runs, 503 elsewhere', async () => {
    const h = await kind();
    await h.run(
      'kubectl create deployment web --image=traefik/whoami --replicas=1',
      'kubectl expose deployment web --type=LoadBalancer --port=80',
      `kubectl patch svc web -p '{"spec":{"externalTrafficPolicy":"Local"}}'`,
      'sleep 20',
    );
    const hc = await h.run("kubectl get svc web -o jsonpath='{.spec.healthCheckNodePort}'");
    const node = await h.run("kubectl get pod -l app=web -o jsonpath='{.items[0].status.hostIP}'");
    const other = node === '172.18.0.3' ? '172.18.0.4' : '172.18.0.3';
    expect(await h.run(`curl -s ${node}:${hc}`)).toBe(
      '{\n\t"service": {\n\t\t"namespace": "default",\n\t\t"name": "web"\n\t},\n\t"localEndpoints": 1,\n\t"serviceProxyHealthy": true\n}',
    );
    expect(await h.run(`curl -s -o /dev/null -w '%{http_code}' ${other}:${hc}`)).toBe('503');
    expect(await h.run(`curl -si ${node}:${hc}`)).toMatch(
      /^HTTP\/1\.1 200 OK\r\nContent-Type: application\/json\r\nX-Content-Type-Options: nosniff\r\nX-Load-Balancing-Endpoint-Weight: 1\r\nDate: .* GMT\r\nContent-Length: 114\r\n\r\n/,
    );
  });
});
