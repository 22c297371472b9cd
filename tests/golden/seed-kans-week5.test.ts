/**
 * seeds/kans-week5-externalip-ipvs.txt run as typed (tests/fixtures/seeds/kans-week5-*.sh):
 * the ExternalIP service in kind-iptables, then the IPVS lab from `kind create cluster` in the
 * `empty` scenario. Values (IPs, ages, suffixes) differ by seed; formats and the facts each step
 * shows in the notes do not.
 *
 * Left out of the scripts, and why: the `while true` curl loop runs until Ctrl-C (a script has no
 * Ctrl-C; `watch -d`, run from a script, draws one frame and is kept); the second `docker run ...
 * mypc` (the notes' "or" alternative to the first). The node shells the notes open one after the
 * other (`docker exec -it NODE bash`) are each left with `exit`, as the notes' `exit` between
 * dashed lines shows. Kept but not emulated, saying so: `apt update/install` on the nodes (no archive to
 * reach). The notes' external client `mypc` (`docker run ... --network kind --ip 172.18.0.100`) runs.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { complaints, noColor, runSeedFlow, type Flow } from '../fixtures/seeds/transcript';

describe('seed kans-week5: ExternalIP service (kind-iptables)', () => {
  let flow: Flow;
  beforeAll(async () => {
    flow = await runSeedFlow('kans-week5-externalip.sh', 'kind-iptables');
  });

  it('runs every line with no unknown command, flag or error', () => {
    expect(complaints(flow.transcript)).toEqual([]);
  });

  it('creates the Deployment and the Service from one heredoc', () => {
    expect(flow.step('cat <<EOF | kubectl create -f -').output).toBe(
      'deployment.apps/deploy-echo created\nservice/svc-externalip created\n',
    );
  });

  it('lists both external IPs in the EXTERNAL-IP column next to a ClusterIP', () => {
    const [header, row, end] = flow.step('kubectl get svc svc-externalip').output.split('\n');
    expect(header).toBe('NAME             TYPE        CLUSTER-IP     EXTERNAL-IP                     PORT(S)    AGE');
    expect(row).toMatch(
      /^svc-externalip   ClusterIP   10\.200\.1\.\d{3}   192\.168\.10\.101,192\.168\.10\.102   9000\/TCP   \d+s$/,
    );
    expect(end).toBe('');
  });

  // The seed's cluster (2022) predates Kubernetes 1.29, where a ClusterIP Service with externalIPs
  // became externally accessible (kubernetes#119150): the API server now defaults its
  // externalTrafficPolicy to Cluster, so describe and -o yaml show it where the notes do not.
  it('describes the service with its External IPs line, ports and both traffic policies', () => {
    const lines = flow.step('kubectl describe svc svc-externalip').output.split('\n');
    expect(lines.filter((l) => !/^(IP|IPs|Endpoints): /.test(l))).toEqual([
      'Name:                     svc-externalip',
      'Namespace:                default',
      'Labels:                   <none>',
      'Annotations:              <none>',
      'Selector:                 app=deploy-websrv',
      'Type:                     ClusterIP',
      'IP Family Policy:         SingleStack',
      'IP Families:              IPv4',
      'External IPs:             192.168.10.101,192.168.10.102',
      'Port:                     svc-webport  9000/TCP',
      'TargetPort:               8080/TCP',
      'Session Affinity:         None',
      'External Traffic Policy:  Cluster',
      'Internal Traffic Policy:  Cluster',
      'Events:                   <none>',
      '',
    ]);
    expect(lines.filter((l) => /^IPs?: /.test(l))).toEqual([
      expect.stringMatching(/^IP: {23}10\.200\.1\.\d+$/),
      expect.stringMatching(/^IPs: {22}10\.200\.1\.\d+$/),
    ]);
  });

  it('prints the -o yaml the notes show, with the externalTrafficPolicy 1.29 defaults', () => {
    const yaml = flow
      .step('kubectl get svc svc-externalip -o yaml')
      .output.replace(/creationTimestamp: "[^"]+"/, 'creationTimestamp: "2022-02-24T07:32:47Z"')
      .replace(/resourceVersion: "\d+"/, 'resourceVersion: "1454"')
      .replace(/uid: [0-9a-f-]{36}/, 'uid: a27a8ca6-44ef-4363-ba3f-9894b4af5a54')
      .replaceAll(/10\.200\.1\.\d+/g, '10.110.23.53');
    expect(yaml).toBe(`apiVersion: v1
kind: Service
metadata:
  creationTimestamp: "2022-02-24T07:32:47Z"
  name: svc-externalip
  namespace: default
  resourceVersion: "1454"
  uid: a27a8ca6-44ef-4363-ba3f-9894b4af5a54
spec:
  clusterIP: 10.110.23.53
  clusterIPs:
  - 10.110.23.53
  externalIPs:
  - 192.168.10.101
  - 192.168.10.102
  externalTrafficPolicy: Cluster
  internalTrafficPolicy: Cluster
  ipFamilies:
  - IPv4
  ipFamilyPolicy: SingleStack
  ports:
  - name: svc-webport
    port: 9000
    protocol: TCP
    targetPort: 8080
  selector:
    app: deploy-websrv
  sessionAffinity: None
  type: ClusterIP
status:
  loadBalancer: {}
`);
  });

  it('deletes the lab and then the cluster', () => {
    expect(flow.step('kubectl delete deploy deploy-echo').output).toBe(
      'deployment.apps "deploy-echo" deleted\nservice "svc-externalip" deleted\n',
    );
    expect(flow.step('kind delete cluster --name myk8s').output).toBe(
      'Deleting cluster "myk8s" ...\nDeleted nodes: ["myk8s-control-plane" "myk8s-worker" "myk8s-worker2" "myk8s-worker3"]\n',
    );
  });
});

describe('seed kans-week5: IPVS proxy mode from kind create cluster (empty)', () => {
  let flow: Flow;
  const NODES = ['control-plane', 'worker', 'worker2', 'worker3'];
  beforeAll(async () => {
    flow = await runSeedFlow('kans-week5-ipvs.sh', 'empty');
    // The whole seed (a four-node kind cluster and its lab) replays here; correctness, not speed.
  }, 300_000);

  it('runs every line with no unknown command or error; only apt says it is not emulated', () => {
    const expected = [
      ...Array.from({ length: 4 }, () => [
        'netlab: apt update is not emulated: there is no package archive to reach (nothing to update).',
        'netlab: apt install is not emulated: there is no package archive to reach.',
        expect.stringMatching(/^netlab: not emulated here: tree killall /),
      ]).flat(),
    ];
    expect(complaints(flow.transcript)).toEqual(expected);
  });

  it('starts mypc on the kind network at the address the notes give, listed by the next docker ps', () => {
    expect(flow.step('docker run -d --rm --name mypc').output).toMatch(/^[0-9a-f]{64}\n$/);
    const rows = flow.step('docker ps', 1).output.split('\n');
    expect(rows[1]).toMatch(/^[0-9a-f]{12}   nicolaka\/netshoot      "sleep infinity"   .* mypc$/);
    expect(rows.filter((r) => r.includes('kindest/node:v1.31.0'))).toHaveLength(4);
  });

  it("builds the cluster from the seed's kind config and points kubectl at it", () => {
    expect(flow.step('kind create cluster').output).toMatch(
      /^Creating cluster "myk8s" \.\.\.\n[\s\S]*Set kubectl context to "kind-myk8s"\n/,
    );
    const rows = flow.step('docker ps').output.trimEnd().split('\n').slice(1);
    expect(rows.map((r) => r.split(/\s{2,}/).at(-1))).toEqual([
      'myk8s-worker3',
      'myk8s-worker2',
      'myk8s-worker',
      'myk8s-control-plane',
    ]);
    expect(rows[3]).toMatch(
      / 0\.0\.0\.0:30000-30004->30000-30004\/tcp, 127\.0\.0\.1:\d+->6443\/tcp   myk8s-control-plane$/,
    );
  });

  it('finds the service and pod ranges in cluster-info dump, JSON array elements with their commas', () => {
    expect(flow.step('kubectl cluster-info dump | grep -m 2').output).toBe(
      '                            "--service-cluster-ip-range=10.200.1.0/24",\n                            "--cluster-cidr=10.10.0.0/16",\n',
    );
  });

  it('shows kube-proxy configured for ipvs with strictARP in its ConfigMap', () => {
    const cm = flow.step('kubectl describe cm -n kube-system kube-proxy').output;
    expect(cm).toContain('\nmode: ipvs\n');
    expect(cm).toContain(`ipvs:
  excludeCIDRs: null
  minSyncPeriod: 0s
  scheduler: ""
  strictARP: true
  syncPeriod: 0s
  tcpFinTimeout: 0s
  tcpTimeout: 0s
  udpTimeout: 0s
`);
  });

  it("puts kubernetes and kube-dns on every node's kube-ipvs0, DOWN", () => {
    const out = noColor(
      flow.step(
        'for i in control-plane worker worker2 worker3; do echo ">> node myk8s-$i <<"; docker exec -it myk8s-$i ip -br -c addr show kube-ipvs0',
      ).output,
    );
    const blocks = out.split('\n\n').filter(Boolean);
    expect(blocks.map((b) => b.split('\n')[0])).toEqual(NODES.map((n) => `>> node myk8s-${n} <<`));
    for (const b of blocks)
      expect(b.split('\n')[1]).toMatch(
        /^kube-ipvs0 {7}DOWN {11}(10\.200\.1\.1\/32 10\.200\.1\.10\/32|10\.200\.1\.10\/32 10\.200\.1\.1\/32) $/,
      );
  });

  it("details kube-ipvs0 as a dummy device in the notes' format", () => {
    const out = noColor(
      flow.step(
        'for i in control-plane worker worker2 worker3; do echo ">> node myk8s-$i <<"; docker exec -it myk8s-$i ip -d -c addr show kube-ipvs0',
      ).output,
    );
    const first = out.split('\n\n')[0]!.split('\n');
    expect(first[1]).toMatch(/^\d+: kube-ipvs0: <BROADCAST,NOARP> mtu 1500 qdisc noop state DOWN group default $/);
    expect(first[2]).toMatch(
      /^ {4}link\/ether [0-9a-f:]{17} brd ff:ff:ff:ff:ff:ff promiscuity 0  allmulti 0 minmtu 0 maxmtu 0 $/,
    );
    expect(first[3]).toBe(
      '    dummy numtxqueues 1 numrxqueues 1 gso_max_size 65536 gso_max_segs 65535 tso_max_size 65536 tso_max_segs 65535 gro_max_size 65536 ',
    );
    expect(first.slice(4)).toEqual([
      expect.stringMatching(/^ {4}inet 10\.200\.1\.1?0?\/32 scope global kube-ipvs0$/),
      '       valid_lft forever preferred_lft forever',
      expect.stringMatching(/^ {4}inet 10\.200\.1\.1?0?\/32 scope global kube-ipvs0$/),
      '       valid_lft forever preferred_lft forever',
    ]);
  });

  it('lists the two system services with their endpoints', () => {
    const out = flow.step('kubectl get svc,ep -A').output.split('\n');
    expect(out[0]).toBe(
      'NAMESPACE     NAME                 TYPE        CLUSTER-IP    EXTERNAL-IP   PORT(S)                  AGE',
    );
    expect(out[1]).toMatch(
      /^default {7}service\/kubernetes   ClusterIP   10\.200\.1\.1 {4}<none> {8}443\/TCP {18}\d+s$/,
    );
    expect(out[2]).toMatch(
      /^kube-system   service\/kube-dns     ClusterIP   10\.200\.1\.10   <none> {8}53\/UDP,53\/TCP,9153\/TCP   \d+s$/,
    );
  });

  it('has the same IPVS table on every node: rr virtual servers, Masq real servers', () => {
    const out = flow.step(
      'for i in control-plane worker worker2 worker3; do echo ">> node myk8s-$i <<"; docker exec -it myk8s-$i ipvsadm -Ln ;',
    ).output;
    const blocks = out
      .split('\n\n')
      .filter(Boolean)
      .map((b) => b.split('\n').slice(1).join('\n'));
    expect(new Set(blocks).size).toBe(1);
    expect(blocks[0]!.split('\n').slice(0, 5)).toEqual([
      'IP Virtual Server version 1.2.1 (size=4096)',
      'Prot LocalAddress:Port Scheduler Flags',
      '  -> RemoteAddress:Port           Forward Weight ActiveConn InActConn',
      'TCP  10.200.1.1:443 rr',
      '  -> 172.18.0.2:6443              Masq    1      0          0         ',
    ]);
  });

  it("shows the notes' KUBE-CLUSTER-IP rules and set: one match-set rule instead of one rule per service", () => {
    expect(flow.step('docker exec -it myk8s-control-plane iptables -t nat -S | grep KUBE-CLUSTER-IP').output).toBe(
      '-A KUBE-SERVICES ! -s 10.10.0.0/16 -m comment --comment "Kubernetes service cluster ip + port for masquerade purpose" -m set --match-set KUBE-CLUSTER-IP dst,dst -j KUBE-MARK-MASQ\n' +
        '-A KUBE-SERVICES -m set --match-set KUBE-CLUSTER-IP dst,dst -j ACCEPT\n',
    );
    const set = flow.step('docker exec -it myk8s-control-plane ipset list KUBE-CLUSTER-IP').output.split('\n');
    expect(set.slice(0, 8)).toEqual([
      'Name: KUBE-CLUSTER-IP',
      'Type: hash:ip,port',
      'Revision: 7',
      expect.stringMatching(/^Header: family inet hashsize 1024 maxelem 65536 bucketsize 12 initval 0x[0-9a-f]{8}$/),
      'Size in memory: 456',
      'References: 3',
      'Number of entries: 5',
      'Members:',
    ]);
    expect(set.slice(8, 13).sort()).toEqual(
      [
        '10.200.1.10,tcp:53',
        '10.200.1.10,tcp:9153',
        '10.200.1.10,udp:53',
        '10.200.1.1,tcp:443',
        expect.stringMatching(/^10\.200\.1\.\d+,tcp:9000$/),
      ].sort(),
    );
  });

  it('balances svc-clusterip round robin over the three webpods on every node', () => {
    const cip = flow.step('echo $CIP $CPORT').output.split(' ')[0]!;
    const out = flow.step('docker exec -it myk8s-control-plane ipvsadm -Ln -t $CIP:$CPORT').output.split('\n');
    expect(out.slice(0, 3)).toEqual([
      'Prot LocalAddress:Port Scheduler Flags',
      '  -> RemoteAddress:Port           Forward Weight ActiveConn InActConn',
      `TCP  ${cip}:9000 rr`,
    ]);
    expect(out.slice(3, 6).map((l) => l.replace(/10\.10\.\d\.\d+:80 +/, 'EP'))).toEqual(
      Array(3).fill('  -> EPMasq    1      0          0         '),
    );
  });

  it('prints ipvsadm --stats and --rate in their column layout', () => {
    const stats = flow
      .step('docker exec -it myk8s-control-plane ipvsadm -Ln -t $CIP:$CPORT --stats')
      .output.split('\n');
    expect(stats[0]).toBe('Prot LocalAddress:Port               Conns   InPkts  OutPkts  InBytes OutBytes');
    expect(stats[1]).toBe('  -> RemoteAddress:Port');
    expect(stats[2]).toMatch(/^TCP  10\.200\.1\.\d+:9000 +0 +0 +0 +0 +0$/);
    expect(stats[2]!.length).toBe(stats[0]!.length);
    for (const l of stats.slice(3, 6)) expect(l).toMatch(/^  -> 10\.10\.\d\.\d+:80 +0 +0 +0 +0 +0$/);
    const rate = flow.step('docker exec -it myk8s-control-plane ipvsadm -Ln -t $CIP:$CPORT --rate').output.split('\n');
    expect(rate[0]).toBe('Prot LocalAddress:Port                 CPS    InPPS   OutPPS    InBPS   OutBPS');
  });

  it('draws one watch frame of --stats then --rate for the ClusterIP', () => {
    const out = flow.step('watch -d').output.split('\n');
    // An 80-column title has room for 32 characters of the command: procps-ng cuts it and adds `...`.
    expect(out[0]).toMatch(
      /^Every 2\.0s: docker exec -it myk8s-control-pl\.\.\. netlab: Fri Oct  2 \d\d:\d\d:\d\d 2026$/,
    );
    expect(out[2]).toBe('Prot LocalAddress:Port               Conns   InPkts  OutPkts  InBytes OutBytes');
    expect(out[9]).toBe('Prot LocalAddress:Port                 CPS    InPPS   OutPPS    InBPS   OutBPS');
  });

  it("answers curl to the ClusterIP from net-pod with whoami's page, the request dumped with CRLFs", () => {
    const out = flow.step('kubectl exec -it net-pod -- curl -s --connect-timeout 1 $SVC1:9000').output;
    expect(out).toMatch(
      /^Hostname: webpod[123]\nIP: 127\.0\.0\.1\nIP: ::1\nIP: 10\.10\.\d\.\d+\nIP: fe80::[0-9a-f:]+\nRemoteAddr: 10\.10\.0\.\d+:\d+\nGET \/ HTTP\/1\.1\r\nHost: 10\.200\.1\.\d+:9000\r\nUser-Agent: curl\/[\d.]+\r\nAccept: \*\/\*\r\n\r\n$/,
    );
  });

  it('splits 10, 100 and 1000 requests round robin: 4/3/3, 34/33/33, 334/333/333', () => {
    const counts = (prefix: string) =>
      flow
        .step(prefix)
        .output.trimEnd()
        .split('\n')
        .map((l) => /^ +(\d+) Hostname: webpod[123]$/.exec(l)?.[1]);
    expect(counts('kubectl exec -it net-pod -- zsh -c "for i in {1..10};')).toEqual(['4', '3', '3']);
    expect(counts('kubectl exec -it net-pod -- zsh -c "for i in {1..100};  do')).toEqual(['34', '33', '33']);
    expect(counts('kubectl exec -it net-pod -- zsh -c "for i in {1..1000};')).toEqual(['334', '333', '333']);
  });

  it('rotates the three webpods in turn in the sleep loops', () => {
    const out = flow
      .step(
        'kubectl exec -it net-pod -- zsh -c "for i in {1..100};   do curl -s $SVC1:9000 | grep Hostname; sleep 1; done"',
      )
      .output.trimEnd()
      .split('\n');
    expect(out).toHaveLength(100);
    expect(new Set(out.slice(0, 3)).size).toBe(3);
    expect(out.every((l, i) => i < 3 || l === out[i - 3])).toBe(true);
  });
});
