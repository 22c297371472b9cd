/**
 * NodeLocal DNSCache enabled as the Kubernetes docs do it ("Using NodeLocal DNSCache in Kubernetes
 * Clusters", kube-proxy in iptables mode), typed into a kind-iptables session: download the addon
 * manifest, fill its pillars with sed, create it, and watch node-cache answer on every node.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { labSession, type Lab } from '../../src/sim/shell/testing';

const URL =
  'https://raw.githubusercontent.com/kubernetes/kubernetes/master/cluster/addons/dns/nodelocaldns/nodelocaldns.yaml';
const DOCS_FLOW = [
  `wget ${URL}`,
  'kubedns=`kubectl get svc kube-dns -n kube-system -o jsonpath={.spec.clusterIP}`; domain=cluster.local; localdns=169.254.20.10',
  'sed -i "s/__PILLAR__LOCAL__DNS__/$localdns/g; s/__PILLAR__DNS__DOMAIN__/$domain/g; s/__PILLAR__DNS__SERVER__/$kubedns/g" nodelocaldns.yaml',
];

describe('NodeLocal DNSCache, enabled the docs way on kind-iptables', () => {
  let lab: Lab;
  let created: string;
  beforeAll(async () => {
    lab = await labSession('kind-iptables', [...DOCS_FLOW]);
    created = await lab.run('kubectl create -f nodelocaldns.yaml');
    await lab.run('kubectl run net --image=nicolaka/netshoot -- sleep infinity', 'sleep 30');
  });

  it('wget saves the manifest raw.githubusercontent.com serves', async () => {
    const fresh = await labSession('kind-iptables');
    const out = await fresh.run(`wget -q ${URL}`, 'head -c 120 nodelocaldns.yaml; wc -c nodelocaldns.yaml');
    expect(out).toBe(
      '# Copyright 2018 The Kubernetes Authors.\n#\n# Licensed under the Apache License, Version 2.0 (the "License");\n# you may n5412 nodelocaldns.yaml\n',
    );
  });

  it('raw.githubusercontent.com answers 404: Not Found for a path it does not have', async () => {
    const fresh = await labSession('kind-iptables');
    expect(await fresh.run('curl -s https://raw.githubusercontent.com/kubernetes/kubernetes/master/nothing.yaml')).toBe(
      '404: Not Found',
    );
  });

  it('sed fills the three pillars the docs name and leaves the ones node-cache fills itself', async () => {
    expect(await lab.run('grep -n "__PILLAR__\\|bind\\|-localip" nodelocaldns.yaml')).toBe(
      '65:        bind 169.254.20.10 10.200.1.10\n66:        forward . __PILLAR__CLUSTER__DNS__ {\n' +
        '77:        bind 169.254.20.10 10.200.1.10\n78:        forward . __PILLAR__CLUSTER__DNS__ {\n' +
        '88:        bind 169.254.20.10 10.200.1.10\n89:        forward . __PILLAR__CLUSTER__DNS__ {\n' +
        '99:        bind 169.254.20.10 10.200.1.10\n100:        forward . __PILLAR__UPSTREAM__SERVERS__\n' +
        '146:        args: [ "-localip", "169.254.20.10,10.200.1.10", "-conf", "/etc/Corefile", "-upstreamsvc", "kube-dns-upstream", "-pidfile", "/tmp/node-cache.pid" ]\n',
    );
  });

  it('kubectl create makes the five objects of the manifest', () => {
    expect(created).toBe(
      'serviceaccount/node-local-dns created\nservice/kube-dns-upstream created\nconfigmap/node-local-dns created\ndaemonset.apps/node-local-dns created\nservice/node-local-dns created\n',
    );
  });

  it("runs one node-cache pod per node, on the node's own address", async () => {
    const out = await lab.run(
      "kubectl get pod -n kube-system -l k8s-app=node-local-dns -o wide --no-headers | awk '{print $3, $6, $7}' | sort -k3",
    );
    expect(out).toBe(
      'Running 172.18.0.2 myk8s-control-plane\nRunning 172.18.0.3 myk8s-worker\nRunning 172.18.0.4 myk8s-worker2\nRunning 172.18.0.5 myk8s-worker3\n',
    );
  });

  it('node-cache puts its listen addresses on a nodelocaldns dummy interface, left down', async () => {
    const out = await lab.run('docker exec myk8s-worker ip -4 addr show nodelocaldns');
    expect(out.replace(/^\d+:/, 'N:')).toBe(
      'N: nodelocaldns: <BROADCAST,NOARP> mtu 1500 qdisc noop state DOWN group default \n' +
        '    inet 169.254.20.10/32 scope global nodelocaldns\n       valid_lft forever preferred_lft forever\n' +
        '    inet 10.200.1.10/32 scope global nodelocaldns\n       valid_lft forever preferred_lft forever\n',
    );
  });

  it('node-cache prepends its NOTRACK rules to raw PREROUTING, the kube-dns address last installed so first listed', async () => {
    expect(await lab.run('docker exec myk8s-worker iptables -t raw -S PREROUTING')).toBe(
      '-P PREROUTING ACCEPT\n' +
        '-A PREROUTING -d 10.200.1.10/32 -p udp -m udp --dport 53 -j NOTRACK\n' +
        '-A PREROUTING -d 10.200.1.10/32 -p tcp -m tcp --dport 53 -j NOTRACK\n' +
        '-A PREROUTING -d 169.254.20.10/32 -p udp -m udp --dport 53 -j NOTRACK\n' +
        '-A PREROUTING -d 169.254.20.10/32 -p tcp -m tcp --dport 53 -j NOTRACK\n',
    );
  });

  it("node-cache accepts DNS to its addresses ahead of kube-proxy's INPUT jumps", async () => {
    const out = await lab.run('docker exec myk8s-worker iptables -S INPUT | head -5');
    expect(out).toBe(
      '-P INPUT ACCEPT\n' +
        '-A INPUT -d 10.200.1.10/32 -p udp -m udp --dport 53 -j ACCEPT\n' +
        '-A INPUT -d 10.200.1.10/32 -p tcp -m tcp --dport 53 -j ACCEPT\n' +
        '-A INPUT -d 169.254.20.10/32 -p udp -m udp --dport 53 -j ACCEPT\n' +
        '-A INPUT -d 169.254.20.10/32 -p tcp -m tcp --dport 53 -j ACCEPT\n',
    );
  });

  it('a pod still resolves kubernetes.default through the kube-dns ClusterIP, now bound by node-cache', async () => {
    const out = await lab.run('kubectl exec net -- nslookup kubernetes.default');
    expect(out).toContain(
      'Server:\t\t10.200.1.10\nAddress:\t10.200.1.10#53\n\nName:\tkubernetes.default.svc.cluster.local\nAddress: 10.200.1.1\n',
    );
  });

  it('a pod can ask the link-local 169.254.20.10 directly', async () => {
    const out = await lab.run('kubectl exec net -- nslookup kubernetes.default.svc.cluster.local 169.254.20.10');
    expect(out).toContain(
      'Server:\t\t169.254.20.10\nAddress:\t169.254.20.10#53\n\nName:\tkubernetes.default.svc.cluster.local\nAddress: 10.200.1.1\n',
    );
  });

  it("trace shows the query NOTRACKed and answered on the pod's node, with no DNAT to a CoreDNS pod", async () => {
    const node = (await lab.run("kubectl get pod net -o jsonpath='{.spec.nodeName}'")).trim();
    const out = await lab.run('trace kubectl exec net -- nslookup -type=A kubernetes.default.svc.cluster.local');
    expect(out).toContain(`  node/${node}:   -A PREROUTING -d 10.200.1.10/32 -p udp -m udp --dport 53 -j NOTRACK\n`);
    expect(out).toContain(`  node/${node}: route 10.200.1.10 local dev nodelocaldns src 10.200.1.10\n`);
    expect(out).toContain(`  node/${node}: delivered to 10.200.1.10:53\n  => delivered in node/${node}\n`);
    expect(out).not.toContain('DNAT');
  });

  it('with CoreDNS scaled to zero, cluster names fail with SERVFAIL: node-cache forwards them to kube-dns-upstream', async () => {
    const out = await lab.run(
      'kubectl scale deploy coredns -n kube-system --replicas=0',
      'sleep 10',
      'kubectl exec net -- nslookup kubernetes.default',
    );
    expect(out).toContain("** server can't find kubernetes.default: SERVFAIL\n");
    await lab.run('kubectl scale deploy coredns -n kube-system --replicas=2', 'sleep 30');
  });

  it('kubectl delete -f takes node-cache away with its interface and rules, and kube-dns answers through kube-proxy again', async () => {
    await lab.run('kubectl delete -f nodelocaldns.yaml', 'sleep 30');
    const out = await lab.run(
      'docker exec myk8s-worker ip link show nodelocaldns',
      'docker exec myk8s-worker iptables -t raw -S PREROUTING',
      'kubectl exec net -- nslookup kubernetes.default',
    );
    expect(out).toContain('Device "nodelocaldns" does not exist.\n-P PREROUTING ACCEPT\n');
    expect(out).toContain('Name:\tkubernetes.default.svc.cluster.local\nAddress: 10.200.1.1\n');
  });
});

describe("NodeLocal DNSCache, the docs' IPVS variant on kind-ipvs", () => {
  let lab: Lab;
  beforeAll(async () => {
    lab = await labSession('kind-ipvs', [
      `wget -q ${URL}`,
      'kubedns=`kubectl get svc kube-dns -n kube-system -o jsonpath={.spec.clusterIP}`; domain=cluster.local; localdns=169.254.20.10',
      'sed -i "s/__PILLAR__LOCAL__DNS__/$localdns/g; s/__PILLAR__DNS__DOMAIN__/$domain/g; s/,__PILLAR__DNS__SERVER__//g; s/__PILLAR__CLUSTER__DNS__/$kubedns/g" nodelocaldns.yaml',
      'kubectl create -f nodelocaldns.yaml',
      'kubectl run net --image=nicolaka/netshoot -- sleep infinity',
      'sleep 30',
    ]);
  });

  it('node-cache listens on 169.254.20.10 only and forwards cluster names to the kube-dns ClusterIP', async () => {
    expect(await lab.run('grep -n "forward . 10\\|-localip" nodelocaldns.yaml')).toBe(
      '66:        forward . 10.200.1.10 {\n78:        forward . 10.200.1.10 {\n89:        forward . 10.200.1.10 {\n' +
        '146:        args: [ "-localip", "169.254.20.10", "-conf", "/etc/Corefile", "-upstreamsvc", "kube-dns-upstream", "-pidfile", "/tmp/node-cache.pid" ]\n',
    );
    expect(await lab.run('docker exec myk8s-worker ip -4 addr show nodelocaldns | grep inet')).toBe(
      '    inet 169.254.20.10/32 scope global nodelocaldns\n',
    );
  });

  it('a pod asking 169.254.20.10 gets the cluster answer through node-cache', async () => {
    const out = await lab.run('kubectl exec net -- nslookup kubernetes.default.svc.cluster.local 169.254.20.10');
    expect(out).toContain(
      'Server:\t\t169.254.20.10\nAddress:\t169.254.20.10#53\n\nName:\tkubernetes.default.svc.cluster.local\nAddress: 10.200.1.1\n',
    );
  });

  it("pods created after kubelet's clusterDNS points at 169.254.20.10 ask node-cache by default (the emulator reads clusterDNS from the kubelet-config ConfigMap)", async () => {
    await lab.run(
      'kubectl -n kube-system get cm kubelet-config -o yaml | sed "s/- 10.200.1.10/- 169.254.20.10/" | kubectl apply -f -',
      'kubectl run net2 --image=nicolaka/netshoot -- sleep infinity',
      'sleep 10',
    );
    expect(await lab.run('kubectl exec net2 -- grep nameserver /etc/resolv.conf')).toBe('nameserver 169.254.20.10\n');
    expect(await lab.run('kubectl exec net2 -- nslookup kubernetes.default')).toContain(
      'Server:\t\t169.254.20.10\nAddress:\t169.254.20.10#53\n\nName:\tkubernetes.default.svc.cluster.local\nAddress: 10.200.1.1\n',
    );
  });

  it('with CoreDNS scaled to zero the forward to kube-dns finds no endpoint: SERVFAIL', async () => {
    const out = await lab.run(
      'kubectl scale deploy coredns -n kube-system --replicas=0',
      'sleep 10',
      'kubectl exec net -- nslookup kubernetes.default.svc.cluster.local 169.254.20.10',
    );
    expect(out).toContain("** server can't find kubernetes.default.svc.cluster.local: SERVFAIL\n");
  });
});
