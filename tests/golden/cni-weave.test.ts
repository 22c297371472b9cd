/**
 * Weave Net (reference 2.5; seeds/pod-networking-weave-cni.txt): pods take addresses of the one
 * 10.32.0.0/12 network from their node's share, same-node traffic crosses the `weave` bridge and
 * cross-node traffic is VXLAN-encapsulated between the node addresses.
 */
import { describe, expect, it } from 'vitest';
import { lab, links, nats, podOn } from './cni-harness';
import { ECHO_HOST_IP } from '../../src/sim/apps/internet';
import type { TraceEvent } from '../../src/sim/net/trace';

async function threePods() {
  const l = lab('weave');
  await l.sh(podOn('a', 'k8s-w1') + podOn('b', 'k8s-w1') + podOn('c', 'k8s-w2') + 'sleep 20\n');
  return l;
}

const portless = (hops: string[]) => hops.map((h) => h.replace(/vethwepl[0-9a-f]{7}/g, 'vethweplX'));

describe('weave', () => {
  it('gives pods addresses from their node share of 10.32.0.0/12', async () => {
    const l = await threePods();
    expect(['a', 'b', 'c'].map((p) => l.ip(p))).toEqual(['10.44.0.1', '10.44.0.2', '10.36.0.1']);
    expect(
      l.emu.store
        .list('pods', 'kube-system')
        .filter((p) => p.metadata.name.startsWith('coredns'))
        .map((p) => p.status.podIP)
        .sort(),
    ).toEqual(['10.32.0.2', '10.32.0.3']);
  });

  it('routes the whole weave range on-link in the pod, default via the node bridge', async () => {
    const l = await threePods();
    expect(await l.sh('kubectl exec a -- ip route\n')).toBe(
      'default via 10.44.0.0 dev eth0 \n10.32.0.0/12 dev eth0 proto kernel scope link src 10.44.0.1 \n',
    );
  });

  it('puts the weave bridge on each node with its share address in the /12', async () => {
    const l = await threePods();
    const bridge = (node: string) =>
      l
        .dp()
        .netns(`node/${node}`)!
        .addrs.filter((a) => a.dev === 'weave')
        .map((a) => `${a.addr >>> 24}.${(a.addr >>> 16) & 255}.${(a.addr >>> 8) & 255}.${a.addr & 255}/${a.len}`);
    expect([bridge('k8s-m'), bridge('k8s-w1'), bridge('k8s-w2')]).toEqual([
      ['10.32.0.1/12'],
      ['10.44.0.0/12'],
      ['10.36.0.0/12'],
    ]);
  });

  it('crosses the bridge between pods on one node, with no encapsulation', async () => {
    const l = await threePods();
    const { request } = l.dp().connect('pod/default/a', { dst: l.ip('b'), proto: 'icmp' });
    expect(request.outcome).toEqual({ kind: 'delivered', netns: 'pod/default/b' });
    expect(portless(links(request.trace))).toEqual([
      'pod/default/a eth0 -> node/k8s-w1 vethweplX',
      'node/k8s-w1 weave (port vethweplX) -> pod/default/b eth0',
    ]);
    expect(request.trace.some((e) => e.kind === 'encap')).toBe(false);
  });

  it('encapsulates pod traffic between nodes in VXLAN with the node addresses outside', async () => {
    const l = await threePods();
    const { request } = l.dp().connect('pod/default/a', { dst: l.ip('c'), proto: 'icmp' });
    expect(request.outcome).toEqual({ kind: 'delivered', netns: 'pod/default/c' });
    const encap = request.trace.find((e): e is Extract<TraceEvent, { kind: 'encap' }> => e.kind === 'encap')!;
    expect([encap.netns, encap.dev, encap.outer.replace(/vni \d+/, 'vni N'), encap.inner]).toEqual([
      'node/k8s-w1',
      'vxlan-6784',
      '192.168.56.11 -> 192.168.56.12 udp/6784 vni N',
      '10.44.0.1 -> 10.36.0.1 icmp',
    ]);
    expect(portless(links(request.trace))).toEqual([
      'pod/default/a eth0 -> node/k8s-w1 vethweplX',
      'node/k8s-w1 eth0 -> node/k8s-w2 eth0',
      'node/k8s-w2 weave (port vethweplX) -> pod/default/c eth0',
    ]);
    expect(nats(request.trace)).toEqual([]);
  });

  it('masquerades pod traffic leaving the weave network to the node address', async () => {
    const l = await threePods();
    const { request } = l.dp().connect('pod/default/a', { dst: ECHO_HOST_IP, dport: 80 });
    expect(request.outcome.kind).toBe('delivered');
    expect(nats(request.trace)[0]).toMatch(/^node\/k8s-w1 MASQUERADE 10\.44\.0\.1:\d+ -> 192\.168\.56\.11:\d+$/);
  });

  it('installs the weave conflist and the weave-net plugin on nodes', async () => {
    const l = lab('weave');
    expect(await l.sh('ssh k8s-w1 cat /etc/cni/net.d/10-weave.conflist\n')).toBe(`{
    "cniVersion": "0.3.0",
    "name": "weave",
    "plugins": [
        {
            "name": "weave",
            "type": "weave-net",
            "hairpinMode": true
        },
        {
            "type": "portmap",
            "capabilities": {"portMappings": true},
            "snat": true
        }
    ]
}
`);
    expect(await l.sh('ssh k8s-w1 ls /opt/cni/bin | grep weave\n')).toBe('weave-ipam\nweave-net\n');
  });

  it('runs the weave-net daemonset on every node', async () => {
    const l = lab('weave');
    expect(
      await l.sh(
        "kubectl get pods -n kube-system -l name=weave-net -o jsonpath='{.items[*].spec.nodeName}' | tr ' ' '\\n' | sort\n",
      ),
    ).toBe('k8s-m\nk8s-w1\nk8s-w2\n');
  });

  it('shows weave --local status from the weave container with the mesh and the allocator range', async () => {
    const l = lab('weave');
    const out = await l.sh(
      'kubectl exec -n kube-system $(kubectl get pods -n kube-system -l name=weave-net --field-selector spec.nodeName=k8s-m -o name | cut -d/ -f2) -c weave -- /home/weave/weave --local status\n',
    );
    expect(out.replace(/next check at [\d/: ]+\)/, 'next check at T)').replace(/Name: [0-9a-f:]{17}\(/, 'Name: MAC('))
      .toBe(`        Version: 2.8.1 (up to date; next check at T)

        Service: router
       Protocol: weave 1..2
           Name: MAC(k8s-m)
     Encryption: disabled
  PeerDiscovery: enabled
        Targets: 2
    Connections: 2 (2 established)
          Peers: 3 (with 6 established connections)
 TrustedSubnets: none

        Service: ipam
         Status: ready
          Range: 10.32.0.0/12
  DefaultSubnet: 10.32.0.0/12
`);
  });

  it('un-DNATs Service replies on the client node, whether the endpoint is on the same node or across VXLAN', async () => {
    const l = lab('weave');
    await l.sh(
      podOn('a', 'k8s-w1') +
        'kubectl create deployment web --image=nginx --replicas=4\nkubectl expose deployment web --port 80\nsleep 20\n',
    );
    const svc = String(l.emu.store.get('services', 'default', 'web')!.spec.clusterIP);
    const seen = new Set<string>();
    for (let i = 0; i < 8; i++) {
      const { request, reply } = l.dp().connect('pod/default/a', { dst: svc, dport: 80 });
      expect(reply?.outcome).toEqual({ kind: 'delivered', netns: 'pod/default/a' });
      expect(nats(reply!.trace)).toEqual([
        expect.stringMatching(
          new RegExp(`^node/k8s-w1 un-DNAT 10\\.\\d+\\.0\\.\\d+:80 -> ${svc.replace(/\./g, '\\.')}:80$`),
        ),
      ]);
      seen.add(request.trace.some((e) => e.kind === 'encap') ? 'vxlan' : 'bridge');
    }
    expect([...seen].sort()).toEqual(['bridge', 'vxlan']);
  });

  it('keeps the TTL at 64 between pods, bridged or over VXLAN (no router between them)', async () => {
    const l = await threePods();
    const out = await l.sh(
      `kubectl exec a -- ping -c1 ${l.ip('b')} | grep ttl | cut -d' ' -f6\nkubectl exec a -- ping -c1 ${l.ip('c')} | grep ttl | cut -d' ' -f6\n`,
    );
    expect(out).toBe('ttl=64\nttl=64\n');
  });
});
