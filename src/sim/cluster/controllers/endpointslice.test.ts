/**
 * The EndpointSlice controller spreads a big Service over slices of at most 100 endpoints (the
 * default of kube-controller-manager's --max-endpoints-per-slice), every endpoint in exactly one
 * slice, and kube-proxy reads them all; when the Service shrinks, emptied slices are deleted.
 */
import { describe, expect, it } from 'vitest';
import { labSession } from '../../shell/testing';

describe('EndpointSlices of a big Service', () => {
  it('holds 150 endpoints in two slices of at most 100, read whole by kube-proxy, and shrinks back to one', async () => {
    const lab = await labSession('kind-iptables', [
      'kubectl create deployment web --image=traefik/whoami --replicas=150',
      'kubectl expose deployment web --port=80',
      'sleep 90',
    ]);
    const slices = lab.emu.store
      .list('endpointslices', 'default')
      .filter((s) => s.metadata.labels?.['kubernetes.io/service-name'] === 'web');
    // Pods become ready in batches, and each sync tops up existing slices before making new ones,
    // so the split depends on the order they came in (here 87 + 63), never more than 100 a slice.
    expect(slices).toHaveLength(2);
    for (const s of slices) expect(s.endpoints.length).toBeLessThanOrEqual(100);
    const all = slices.flatMap((s) => s.endpoints.map((e: { addresses: string[] }) => e.addresses[0]));
    expect(new Set(all).size).toBe(150);
    expect(await lab.run("docker exec myk8s-worker iptables -t nat -S | grep -c 'default/web -> '")).toBe('150\n');
    await lab.run('kubectl scale deployment web --replicas=3', 'sleep 30');
    expect(await lab.run('kubectl get endpointslices -l kubernetes.io/service-name=web --no-headers | wc -l')).toBe(
      '1\n',
    );
  });
});
