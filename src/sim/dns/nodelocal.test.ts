import { describe, expect, it } from 'vitest';
import { freshSession, runLines } from '../shell/testing';
import { nodeLocalDnsObjects } from './nodelocal';
import { NODELOCALDNS_MANIFEST } from './nodelocaldns-manifest';

async function withNodeLocalDns() {
  const { emu, sh } = freshSession('kind-iptables');
  for (const o of nodeLocalDnsObjects('10.200.1.10', '10.200.1.53')) emu.cluster.create(o);
  await runLines(sh, ['kubectl run net --image=nicolaka/netshoot -- sleep infinity', 'sleep 10']);
  return { emu, run: (line: string) => runLines(sh, [line]) };
}

describe('NodeLocal DNSCache', () => {
  it('runs a node-cache pod on every node, on the host network', async () => {
    const { emu } = await withNodeLocalDns();
    const pods = emu.store
      .list('pods', 'kube-system')
      .filter((p) => p.metadata.labels?.['k8s-app'] === 'node-local-dns');
    expect(pods.map((p) => [p.spec.nodeName, p.spec.hostNetwork, p.status.phase]).sort()).toEqual([
      ['myk8s-control-plane', true, 'Running'],
      ['myk8s-worker', true, 'Running'],
      ['myk8s-worker2', true, 'Running'],
      ['myk8s-worker3', true, 'Running'],
    ]);
  });

  it('answers on 169.254.20.10 and on the kube-dns ClusterIP from the node itself, so a FORWARD DROP on port 53 does not matter', async () => {
    const { run } = await withNodeLocalDns();
    const node = (await run('kubectl get pod net -o jsonpath={.spec.nodeName}')).trim();
    await run(`docker exec ${node} iptables -I FORWARD -p udp --dport 53 -j DROP`);
    expect(await run('kubectl exec net -- dig +short @169.254.20.10 kubernetes.default.svc.cluster.local')).toBe(
      '10.200.1.1\n',
    );
    expect(await run('kubectl exec net -- dig +short kubernetes.default.svc.cluster.local')).toBe('10.200.1.1\n');
  });

  it('gives SERVFAIL for cluster names when CoreDNS behind kube-dns-upstream has no endpoint', async () => {
    const { run } = await withNodeLocalDns();
    await run('kubectl -n kube-system scale deploy coredns --replicas=0');
    await run('sleep 5');
    expect(await run('kubectl exec net -- dig kubernetes.default.svc.cluster.local | grep HEADER')).toMatch(
      /status: SERVFAIL/,
    );
  });

  it("builds the manifest's five objects, kube-dns-upstream at the given ClusterIP and the pillars the docs' sed fills filled", () => {
    const objs = nodeLocalDnsObjects('10.200.1.10', '10.200.1.53');
    expect(objs.map((o) => `${o.kind}/${o.metadata.name}`)).toEqual([
      'ServiceAccount/node-local-dns',
      'Service/kube-dns-upstream',
      'ConfigMap/node-local-dns',
      'DaemonSet/node-local-dns',
      'Service/node-local-dns',
    ]);
    expect(objs[1]!.spec.clusterIP).toBe('10.200.1.53');
    expect(objs[3]!.spec.template.spec.containers[0].args).toEqual([
      '-localip',
      '169.254.20.10,10.200.1.10',
      '-conf',
      '/etc/Corefile',
      '-upstreamsvc',
      'kube-dns-upstream',
      '-pidfile',
      '/tmp/node-cache.pid',
    ]);
    expect(objs[2]!.data.Corefile.split('\n').slice(0, 2)).toEqual(['cluster.local:53 {', '    errors']);
  });

  it('keeps the manifest the docs download byte for byte (5412 characters, node-cache 1.26.4)', () => {
    expect([
      NODELOCALDNS_MANIFEST.length,
      NODELOCALDNS_MANIFEST.includes('        image: registry.k8s.io/dns/k8s-dns-node-cache:1.26.4\n'),
    ]).toEqual([5412, true]);
  });

  it("follows its ConfigMap: cluster.local forwarded to /etc/resolv.conf gets the public resolvers' NXDOMAIN", async () => {
    const { emu, run } = await withNodeLocalDns();
    const cm = emu.store.get('configmaps', 'kube-system', 'node-local-dns')!;
    emu.cluster.update({
      ...cm,
      data: {
        Corefile: 'cluster.local:53 {\n    forward . /etc/resolv.conf\n}\n.:53 {\n    forward . /etc/resolv.conf\n}\n',
      },
    });
    expect(await run('kubectl exec net -- dig kubernetes.default.svc.cluster.local | grep HEADER')).toMatch(
      /status: NXDOMAIN/,
    );
  });

  it('times out on 169.254.20.10 where no node-cache runs', async () => {
    const { sh } = freshSession('kind-iptables');
    await runLines(sh, ['kubectl run net --image=nicolaka/netshoot -- sleep infinity', 'sleep 10']);
    expect(
      await runLines(sh, ['kubectl exec net -- dig +short @169.254.20.10 kubernetes.default.svc.cluster.local']),
    ).toBe(
      ';; communications error to 169.254.20.10#53: timed out\n'.repeat(3) +
        ';; no servers could be reached\ncommand terminated with exit code 9\n',
    );
  });
});
