/**
 * `kind create cluster` from the kans week 5 seed config (seeds/kans-week5-externalip-ipvs.txt) in
 * the `empty` scenario: the 4-node IPVS cluster with the seed's subnets, kind's console output,
 * `docker ps`, `kind get`, `kind delete`; kindnet's files on the nodes; and the bridge-plugin
 * variant (disableDefaultCNI) the CNI lesson uses.
 */
import { describe, expect, it } from 'vitest';
import { lab, links, nats, podOn } from './cni-harness';
import { ECHO_HOST_IP } from '../../src/sim/apps/internet';
import { KIND_IPVS_CONFIG_INPUT } from '../fixtures/seeds/manifests';

const SEED_CONFIG = `${KIND_IPVS_CONFIG_INPUT}\n`;

const CREATE = 'kind create cluster --config kind-svc-2w-ipvs.yaml --name myk8s --image kindest/node:v1.31.0\n';

async function seedCluster() {
  const l = lab('empty');
  const out = await l.sh(SEED_CONFIG + CREATE);
  return { l, out };
}

describe('kind create cluster', () => {
  it('prints kind progress, the context and the usage hint', async () => {
    const { out } = await seedCluster();
    const lines = out.split('\n');
    expect(lines.slice(0, 12).join('\n')).toBe(`Creating cluster "myk8s" ...
 ✓ Ensuring node image (kindest/node:v1.31.0) 🖼
 ✓ Preparing nodes 📦 📦 📦 📦 
 ✓ Writing configuration 📜
 ✓ Starting control-plane 🕹️
 ✓ Installing CNI 🔌
 ✓ Installing StorageClass 💾
 ✓ Joining worker nodes 🚜
Set kubectl context to "kind-myk8s"
You can now use your cluster with:

kubectl cluster-info --context kind-myk8s`);
  });

  it('builds the four seed nodes with their labels and a /24 of 10.10.0.0/16 each', async () => {
    const { l } = await seedCluster();
    expect(
      await l.sh(
        'kubectl get nodes -o custom-columns=NAME:.metadata.name,IP:.status.addresses[0].address,CIDR:.spec.podCIDR,MYNODE:.metadata.labels.mynode\n',
      ),
    ).toBe(`NAME                  IP           CIDR           MYNODE
myk8s-control-plane   172.18.0.2   10.10.0.0/24   control-plane
myk8s-worker          172.18.0.3   10.10.1.0/24   worker1
myk8s-worker2         172.18.0.4   10.10.2.0/24   worker2
myk8s-worker3         172.18.0.5   10.10.3.0/24   worker3
`);
  });

  it('takes the service subnet of the config (kubernetes 10.200.1.1, kube-dns 10.200.1.10)', async () => {
    const { l } = await seedCluster();
    expect(await l.sh('kubectl get svc -A -o custom-columns=NAME:.metadata.name,IP:.spec.clusterIP\n')).toBe(
      'NAME         IP\nkubernetes   10.200.1.1\nkube-dns     10.200.1.10\n',
    );
  });

  it('runs kube-proxy in IPVS mode', async () => {
    const { l } = await seedCluster();
    expect(await l.sh('kubectl get cm -n kube-system kube-proxy -o yaml | grep -E "^    mode:|strictARP"\n')).toBe(
      '      strictARP: true\n    mode: ipvs\n',
    );
  });

  it('lists the node containers in docker ps, the control plane with its port mappings', async () => {
    const { l } = await seedCluster();
    const out = await l.sh('docker ps\n');
    const [header, ...rows] = out.trimEnd().split('\n');
    expect(header).toMatch(
      /^CONTAINER ID   IMAGE                  COMMAND                  CREATED +STATUS +PORTS +NAMES$/,
    );
    expect(
      rows.map((r) =>
        r
          .slice(15)
          .replace(/\d+ seconds/g, 'N seconds')
          .replace(/ +/g, ' '),
      ),
    ).toEqual([
      'kindest/node:v1.31.0 "/usr/local/bin/entr…" N seconds ago Up N seconds myk8s-worker3',
      'kindest/node:v1.31.0 "/usr/local/bin/entr…" N seconds ago Up N seconds myk8s-worker2',
      'kindest/node:v1.31.0 "/usr/local/bin/entr…" N seconds ago Up N seconds myk8s-worker',
      expect.stringMatching(
        /^kindest\/node:v1\.31\.0 "\/usr\/local\/bin\/entr…" N seconds ago Up N seconds 0\.0\.0\.0:30000-30004->30000-30004\/tcp, 127\.0\.0\.1:\d+->6443\/tcp myk8s-control-plane$/,
      ),
    ]);
  });

  it('answers kind get clusters and kind get nodes', async () => {
    const { l } = await seedCluster();
    expect(await l.sh('kind get clusters\nkind get nodes --name myk8s\n')).toBe(
      'myk8s\nmyk8s-control-plane\nmyk8s-worker\nmyk8s-worker2\nmyk8s-worker3\n',
    );
  });

  it('refuses a second cluster of the same name', async () => {
    const { l } = await seedCluster();
    expect(await l.sh(CREATE)).toBe(
      'ERROR: failed to create cluster: node(s) already exist for a cluster with the name "myk8s"\n',
    );
  });

  it('deletes the cluster and its containers', async () => {
    const { l } = await seedCluster();
    expect(await l.sh('kind delete cluster --name myk8s\nkind get clusters\ndocker ps\n'))
      .toBe(`Deleting cluster "myk8s" ...
Deleted nodes: ["myk8s-control-plane" "myk8s-worker" "myk8s-worker2" "myk8s-worker3"]
No kind clusters found.
CONTAINER ID   IMAGE     COMMAND   CREATED   STATUS    PORTS     NAMES
`);
  });

  it('rebuilds the seed cluster in the kind-iptables scenario after kind delete cluster', async () => {
    const l = lab('kind-iptables');
    await l.sh('kind delete cluster --name myk8s\n' + SEED_CONFIG + CREATE);
    expect(l.emu.cluster.config?.proxyMode).toBe('ipvs');
    expect(await l.sh('kubectl get nodes --no-headers | wc -l\n')).toBe('4\n');
  });

  it('writes kube-proxy patches into the kube-proxy ConfigMap', async () => {
    const l = lab('empty');
    const cfg =
      'cat <<EOT > k.yaml\nkind: Cluster\napiVersion: kind.x-k8s.io/v1alpha4\nnetworking:\n  kubeProxyMode: ipvs\nkubeadmConfigPatches:\n- |\n  kind: KubeProxyConfiguration\n  ipvs:\n    strictARP: false\n    scheduler: wrr\nEOT\nkind create cluster --config k.yaml 2>/dev/null\n';
    expect(
      await l.sh(
        cfg + 'kubectl get cm -n kube-system kube-proxy -o yaml | grep -E "strictARP|scheduler: |^    mode:"\n',
      ),
    ).toBe('      scheduler: wrr\n      strictARP: false\n    mode: ipvs\n');
  });

  it('lets a control-plane-only cluster run pods (no NoSchedule taint)', async () => {
    const l = lab('empty');
    expect(
      await l.sh(
        'kind create cluster 2>/dev/null\nkubectl get nodes -o jsonpath="{.items[0].metadata.name} {.items[0].spec.taints}"\n',
      ),
    ).toBe('kind-control-plane ');
  });

  it('waits for the control plane with --wait and says how long it took', async () => {
    const l = lab('empty');
    const out = await l.sh('kind create cluster --wait 5m\n');
    expect(out.split('\n').slice(6, 9)).toEqual([
      ' ✓ Installing StorageClass 💾',
      ' ✓ Waiting ≤ 5m0s for control-plane = Ready ⏳',
      ' • Ready after 15s 💚',
    ]);
  });

  it('says so when there is no kind cluster', async () => {
    const l = lab('empty');
    expect(await l.sh('kind get clusters\nkind get nodes\n')).toBe(
      'No kind clusters found.\nNo kind nodes found for cluster "kind".\n',
    );
  });
});

describe('kindnet files on a kind node', () => {
  it('lists the kindnet conflist and the four plugins kind ships', async () => {
    const l = lab('kind-iptables');
    expect(await l.sh('docker exec myk8s-worker ls /etc/cni/net.d /opt/cni/bin\n')).toBe(
      '/etc/cni/net.d:\n10-kindnet.conflist\n\n/opt/cni/bin:\nhost-local  loopback  portmap  ptp\n',
    );
  });

  it('writes the node pod CIDR into the kindnet conflist', async () => {
    const l = lab('kind-iptables');
    expect(await l.sh('docker exec myk8s-worker2 grep subnet /etc/cni/net.d/10-kindnet.conflist\n')).toBe(
      '\t\t\t\t[ { "subnet": "10.10.2.0/24" } ]\n',
    );
  });

  it('keeps a host-local lease file per pod address and drops it on delete', async () => {
    const l = lab('kind-iptables');
    await l.sh(podOn('a', 'myk8s-worker') + 'sleep 10\n');
    const ip = l.ip('a');
    expect(await l.sh('docker exec myk8s-worker ls -1 /run/cni-ipam-state/kindnet\n')).toBe(
      `${ip}\nlast_reserved_ip.0\nlock\n`,
    );
    expect(await l.sh(`docker exec myk8s-worker cat /run/cni-ipam-state/kindnet/${ip}\n`)).toMatch(
      /^[0-9a-f]{64}\neth0$/,
    );
    await l.sh('kubectl delete pod a\n');
    expect(await l.sh('docker exec myk8s-worker ls -1 /run/cni-ipam-state/kindnet\n')).toBe(
      'last_reserved_ip.0\nlock\n',
    );
  });
});

const BRIDGE_CONFIG = `cat <<EOT > bridge.yaml
kind: Cluster
apiVersion: kind.x-k8s.io/v1alpha4
nodes:
- role: control-plane
- role: worker
networking:
  disableDefaultCNI: true
  podSubnet: 10.244.0.0/16
EOT
kind create cluster --config bridge.yaml --name cni 2>/dev/null
`;

async function bridgeCluster() {
  const l = lab('empty');
  await l.sh(BRIDGE_CONFIG + podOn('a', 'cni-worker') + podOn('b', 'cni-worker') + 'sleep 20\n');
  return l;
}

describe('bridge plugin (kind with disableDefaultCNI)', () => {
  it('runs no kindnet and gives the nodes the bridge conflist', async () => {
    const l = await bridgeCluster();
    expect(
      await l.sh(
        'kubectl get ds -n kube-system --no-headers | cut -d" " -f1\ndocker exec cni-worker ls /etc/cni/net.d\n',
      ),
    ).toBe('kube-proxy\n10-mynet.conflist\n');
  });

  it('puts the gateway on cni0 and gives pods addresses after it', async () => {
    const l = await bridgeCluster();
    const node = l.dp().netns('node/cni-worker')!;
    expect(node.addrs.filter((a) => a.dev === 'cni0').map((a) => `${a.addr & 255}/${a.len}`)).toEqual(['1/24']);
    expect([l.ip('a'), l.ip('b')]).toEqual(['10.244.1.2', '10.244.1.3']);
    expect(await l.sh('kubectl exec a -- ip route\n')).toBe(
      'default via 10.244.1.1 dev eth0 \n10.244.1.0/24 dev eth0 proto kernel scope link src 10.244.1.2 \n',
    );
  });

  it('enslaves veth<8 hex> host ends to cni0 and switches same-node traffic there', async () => {
    const l = await bridgeCluster();
    const node = l.dp().netns('node/cni-worker')!;
    expect(node.links.filter((k) => k.master === 'cni0').map((k) => /^veth[0-9a-f]{8}$/.test(k.name))).toEqual([
      true,
      true,
    ]);
    const { request } = l.dp().connect('pod/default/a', { dst: l.ip('b'), proto: 'icmp' });
    expect(request.outcome).toEqual({ kind: 'delivered', netns: 'pod/default/b' });
    expect(links(request.trace).map((h) => h.replace(/veth[0-9a-f]{8}/g, 'vethX'))).toEqual([
      'pod/default/a eth0 -> node/cni-worker vethX',
      'node/cni-worker cni0 (port vethX) -> pod/default/b eth0',
    ]);
  });

  it('adds a CNI-<hash> masquerade chain per pod, commented with the network and container id', async () => {
    const l = await bridgeCluster();
    const ip = l.ip('a');
    const id = (await l.sh(`docker exec cni-worker cat /var/lib/cni/networks/mynet/${ip}\n`)).split('\n')[0]!;
    const rules = (await l.sh(`docker exec cni-worker iptables -t nat -S | grep '${id}'\n`)).trimEnd().split('\n');
    const chain = /-j (CNI-[0-9a-f]{24})$/.exec(rules[0]!)?.[1];
    expect(chain).toHaveLength(28);
    const comment = `-m comment --comment "name: \\"mynet\\" id: \\"${id}\\""`;
    expect(rules).toEqual([
      `-A POSTROUTING -s ${ip}/32 ${comment} -j ${chain}`,
      `-A ${chain} -d 10.244.1.0/24 ${comment} -j ACCEPT`,
      `-A ${chain} ! -d 224.0.0.0/4 ${comment} -j MASQUERADE`,
    ]);
  });

  it('removes the pod masquerade chain and lease on delete', async () => {
    const l = await bridgeCluster();
    const ip = l.ip('a');
    await l.sh('kubectl delete pod a\n');
    expect(
      await l.sh(
        `docker exec cni-worker iptables -t nat -S POSTROUTING | grep -c '${ip}/32'; docker exec cni-worker ls -1 /var/lib/cni/networks/mynet\n`,
      ),
    ).toBe(`0\n${l.ip('b')}\nlast_reserved_ip.0\nlock\n`);
  });

  it('masquerades a pod leaving the cluster through its CNI chain to the node address', async () => {
    const l = await bridgeCluster();
    const { request } = l.dp().connect('pod/default/a', { dst: ECHO_HOST_IP, dport: 80 });
    expect(request.outcome.kind).toBe('delivered');
    expect(nats(request.trace)[0]).toMatch(/^node\/cni-worker MASQUERADE 10\.244\.1\.2:\d+ -> 172\.18\.0\.3:\d+$/);
    const rule = request.trace.find(
      (e) => e.kind === 'rule' && e.netns === 'node/cni-worker' && e.table === 'nat' && e.chain.startsWith('CNI-'),
    );
    expect(rule).toBeDefined();
  });

  it('routes between nodes by pod CIDR, without encapsulation', async () => {
    const l = await bridgeCluster();
    await l.sh(podOn('c', 'cni-control-plane') + 'sleep 20\n');
    const { request } = l.dp().connect('pod/default/a', { dst: l.ip('c'), proto: 'icmp' });
    expect(request.outcome).toEqual({ kind: 'delivered', netns: 'pod/default/c' });
    expect(links(request.trace).map((h) => h.replace(/veth[0-9a-f]{7,8}/g, 'vethX'))).toEqual([
      'pod/default/a eth0 -> node/cni-worker vethX',
      'node/cni-worker eth0 -> node/cni-control-plane eth0',
      'node/cni-control-plane cni0 (port vethX) -> pod/default/c eth0',
    ]);
  });
});
