/**
 * A LoadBalancer Service's address is written by a controller through the status subresource, and
 * only there: `kubectl patch --subresource=status` (kubectl's patch.go: supportedSubresources
 * "status" and "scale", "invalid subresource value" otherwise) reaches the service registry's status
 * strategy, while a patch of the Service itself keeps the stored status (strategy.go
 * PrepareForUpdate), which kubectl reports as "patched (no change)". Once the status holds an
 * address, kube-proxy catches it on every node (proxier.go's "loadbalancer IP" rule into KUBE-EXT).
 * Messages: pkg/apis/core/validation ValidateLoadBalancerStatus, Kubernetes 1.31.
 */
import { describe, expect, it } from 'vitest';
import { labSession, type Lab } from '../../src/sim/shell/testing';

const STATUS = (ip: string) =>
  `kubectl patch svc web --subresource=status --type=merge -p '{"status":{"loadBalancer":{"ingress":[{"ip":"${ip}"}]}}}'`;

async function lb(): Promise<Lab> {
  return labSession('kind-iptables', [
    'kubectl create deployment web --image=traefik/whoami --replicas=2',
    'kubectl expose deployment web --type=LoadBalancer --port=80',
    'sleep 30',
  ]);
}

describe('the status of a LoadBalancer Service', () => {
  it('is not changed by a patch of the Service itself', async () => {
    const h = await lb();
    expect(
      await h.run(
        `kubectl patch svc web --type=merge -p '{"status":{"loadBalancer":{"ingress":[{"ip":"172.18.255.200"}]}}}'`,
      ),
    ).toBe('service/web patched (no change)\n');
    expect(await h.run("kubectl get svc web -o jsonpath='{.status}'")).toBe('{"loadBalancer":{}}');
  });

  it('is written through the status subresource, with ipMode defaulted, and fills EXTERNAL-IP', async () => {
    const h = await lb();
    expect(await h.run(STATUS('172.18.255.200'))).toBe('service/web patched\n');
    expect(await h.run(STATUS('172.18.255.200'))).toBe('service/web patched (no change)\n');
    expect(await h.run("kubectl get svc web -o jsonpath='{.status}'")).toBe(
      '{"loadBalancer":{"ingress":[{"ip":"172.18.255.200","ipMode":"VIP"}]}}',
    );
    expect(await h.run('kubectl get svc web --no-headers')).toMatch(
      /^web\s+LoadBalancer\s+10\.200\.1\.\d+\s+172\.18\.255\.200\s+80:3\d{4}\/TCP\s/,
    );
  });

  it('makes kube-proxy catch the address on every node, so traffic routed to any node reaches a pod', async () => {
    const h = await lb();
    await h.run(STATUS('172.18.255.200'));
    for (const node of ['myk8s-control-plane', 'myk8s-worker', 'myk8s-worker2', 'myk8s-worker3'])
      expect(
        await h.run(`docker exec ${node} iptables -t nat -S KUBE-SERVICES | grep -c 'default/web loadbalancer IP'`),
      ).toBe('1\n');
    await h.run('sudo ip route add 172.18.255.200/32 via 172.18.0.2');
    expect(await h.run('curl -s -o /dev/null -w "%{http_code}" 172.18.255.200')).toBe('200');
  });

  it('refuses what the API server refuses', async () => {
    const h = await lb();
    expect(await h.run('kubectl patch svc web --subresource=foo -p "{}"')).toBe(
      'error: invalid subresource value: "foo". Must be one of [status scale]\n',
    );
    expect(await h.run(STATUS('172.18.255.300'))).toBe(
      'The Service "web" is invalid: status.loadBalancer.ingress[0].ip: Invalid value: "172.18.255.300": must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)\n',
    );
    await h.run('kubectl create service clusterip plain --tcp=80:80');
    expect(
      await h.run(
        `kubectl patch svc plain --subresource=status --type=merge -p '{"status":{"loadBalancer":{"ingress":[{"ip":"172.18.255.201"}]}}}'`,
      ),
    ).toBe(
      'The Service "plain" is invalid: status.loadBalancer.ingress: Forbidden: may only be used when `spec.type` is \'LoadBalancer\'\n',
    );
  });
});

describe('an ingress IP in Proxy mode', () => {
  it('is left to the load balancer: kube-proxy writes no rule for it (proxyutil.IsVIPMode)', async () => {
    const h = await lb();
    expect(
      await h.run(
        `kubectl patch svc web --subresource=status --type=merge -p '{"status":{"loadBalancer":{"ingress":[{"ip":"172.18.255.200","ipMode":"Proxy"}]}}}'`,
      ),
    ).toBe('service/web patched\n');
    expect(await h.run('kubectl get svc web --no-headers')).toMatch(/^web\s+LoadBalancer\s+\S+\s+172\.18\.255\.200\s/);
    expect(await h.run("docker exec myk8s-worker iptables -t nat -S KUBE-SERVICES | grep -c 'loadbalancer IP'")).toBe(
      '0\n',
    );
  });
});

describe('externalTrafficPolicy on a load balancer address (proxier.go: KUBE-EXT for "loadbalancer IP")', () => {
  /** Two web pods, the address written, and the host's route for it pointing at the node of the first pod. */
  async function routed(): Promise<{ h: Lab; node: string }> {
    const h = await lb();
    await h.run(STATUS('172.18.255.200'));
    const node = (await h.run("kubectl get pod -l app=web -o jsonpath='{.items[0].status.hostIP}'")).trim();
    await h.run(`sudo ip route add 172.18.255.200/32 via ${node}`);
    return { h, node };
  }

  it('hides the client behind a masquerade with Cluster', async () => {
    const { h } = await routed();
    expect(await h.run('curl -s 172.18.255.200 | grep RemoteAddr')).not.toMatch(/RemoteAddr: 172\.18\.0\.1:/);
  });

  it('shows the pod the client address with Local, and drops the address on a node without a pod', async () => {
    const { h } = await routed();
    await h.run(`kubectl patch svc web -p '{"spec":{"externalTrafficPolicy":"Local"}}'`);
    expect(await h.run('curl -s 172.18.255.200 | grep RemoteAddr')).toMatch(/^RemoteAddr: 172\.18\.0\.1:\d+\n$/);
    await h.run('sudo ip route replace 172.18.255.200/32 via 172.18.0.2');
    expect(await h.run('curl -s --connect-timeout 1 172.18.255.200; echo $?')).toBe('28\n');
    expect(
      await h.run(
        "docker exec myk8s-control-plane iptables -t filter -S KUBE-EXTERNAL-SERVICES | grep '172.18.255.200'",
      ),
    ).toBe(
      '-A KUBE-EXTERNAL-SERVICES -d 172.18.255.200/32 -p tcp -m comment --comment "default/web has no local endpoints" -m tcp --dport 80 -j DROP\n',
    );
  });
});
