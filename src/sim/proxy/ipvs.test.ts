import { describe, expect, it } from 'vitest';
import { freshSession, runLines, runFreshIn } from '../shell/testing';
import { ipvsSettings } from './ipvs';
import { KANS_LAB_INPUTS } from '../../../tests/fixtures/seeds/manifests';

/** The seed lab's manifests (kans-week5-externalip-ipvs.txt): three whoami pods, a netshoot client, a ClusterIP service. */
const LAB = [
  ...KANS_LAB_INPUTS,
  'kubectl apply -f 3pod.yaml,netpod.yaml,svc-clusterip.yaml',
  'sleep 10',
  'CIP=$(kubectl get svc svc-clusterip -o jsonpath="{.spec.clusterIP}")',
  'CPORT=$(kubectl get svc svc-clusterip -o jsonpath="{.spec.ports[0].port}")',
  'SVC1=$(kubectl get svc svc-clusterip -o jsonpath={.spec.clusterIP})',
];

describe('kube-proxy in IPVS mode (kind-ipvs)', () => {
  it('writes the v1.31 IPVS-mode nat rules of reference 2.5', async () => {
    const out = await runFreshIn('kind-ipvs', 'docker exec myk8s-worker iptables -t nat -S | grep KUBE');
    expect(out).toBe(
      [
        '-N KUBE-KUBELET-CANARY',
        '-N KUBE-LOAD-BALANCER',
        '-N KUBE-MARK-MASQ',
        '-N KUBE-NODE-PORT',
        '-N KUBE-POSTROUTING',
        '-N KUBE-SERVICES',
        '-A PREROUTING -m comment --comment "kubernetes service portals" -j KUBE-SERVICES',
        '-A OUTPUT -m comment --comment "kubernetes service portals" -j KUBE-SERVICES',
        '-A POSTROUTING -m comment --comment "kubernetes postrouting rules" -j KUBE-POSTROUTING',
        '-A KUBE-LOAD-BALANCER -j KUBE-MARK-MASQ',
        '-A KUBE-MARK-MASQ -j MARK --set-xmark 0x4000/0x4000',
        '-A KUBE-POSTROUTING -m mark ! --mark 0x4000/0x4000 -j RETURN',
        '-A KUBE-POSTROUTING -j MARK --set-xmark 0x4000/0x0',
        '-A KUBE-POSTROUTING -m comment --comment "kubernetes service traffic requiring SNAT" -j MASQUERADE --random-fully',
        '-A KUBE-SERVICES -s 127.0.0.0/8 -j RETURN',
        '-A KUBE-SERVICES ! -s 10.10.0.0/16 -m comment --comment "Kubernetes service cluster ip + port for masquerade purpose" -m set --match-set KUBE-CLUSTER-IP dst,dst -j KUBE-MARK-MASQ',
        '-A KUBE-SERVICES -m addrtype --dst-type LOCAL -j KUBE-NODE-PORT',
        '-A KUBE-SERVICES -m set --match-set KUBE-CLUSTER-IP dst,dst -j ACCEPT',
        '',
      ].join('\n'),
    );
  });

  it('adds the hairpin masquerade rule where endpoints are local (CoreDNS on the control plane)', async () => {
    const out = await runFreshIn('kind-ipvs', 'docker exec myk8s-control-plane iptables -t nat -S KUBE-POSTROUTING');
    expect(out.split('\n')[1]).toBe(
      '-A KUBE-POSTROUTING -m comment --comment "Kubernetes endpoints dst ip:port, source ip for solving hairpin purpose" -m set --match-set KUBE-LOOP-BACK dst,dst,src -j MASQUERADE',
    );
  });

  it('writes the filter rules of reference 2.5 (KUBE-IPVS-FILTER, forwarding, source ranges)', async () => {
    const out = await runFreshIn(
      'kind-ipvs',
      'docker exec myk8s-worker iptables -S | grep -E "^-A KUBE-(IPVS|FORWARD|SOURCE)"',
    );
    expect(out).toBe(
      [
        '-A KUBE-FORWARD -m comment --comment "kubernetes forwarding rules" -m mark --mark 0x4000/0x4000 -j ACCEPT',
        '-A KUBE-FORWARD -m comment --comment "kubernetes forwarding conntrack rule" -m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT',
        '-A KUBE-IPVS-FILTER -m set --match-set KUBE-LOAD-BALANCER dst,dst -j RETURN',
        '-A KUBE-IPVS-FILTER -m set --match-set KUBE-CLUSTER-IP dst,dst -j RETURN',
        '-A KUBE-IPVS-FILTER -m set --match-set KUBE-EXTERNAL-IP dst,dst -j RETURN',
        '-A KUBE-IPVS-FILTER -m set --match-set KUBE-EXTERNAL-IP-LOCAL dst,dst -j RETURN',
        '-A KUBE-IPVS-FILTER -m set --match-set KUBE-HEALTH-CHECK-NODE-PORT dst -j RETURN',
        '-A KUBE-IPVS-FILTER -m conntrack --ctstate NEW -m set --match-set KUBE-IPVS-IPS dst -j REJECT --reject-with icmp-port-unreachable',
        '-A KUBE-SOURCE-RANGES-FIREWALL -j DROP',
        '',
      ].join('\n'),
    );
  });

  it('binds every ClusterIP to the DOWN kube-ipvs0 dummy as /32', async () => {
    const { sh } = freshSession('kind-ipvs');
    expect(await runLines(sh, ['docker exec myk8s-worker ip -br addr show kube-ipvs0'])).toBe(
      'kube-ipvs0       DOWN           10.200.1.1/32 10.200.1.10/32 \n',
    );
    const full = (await runLines(sh, ['docker exec myk8s-worker ip addr show kube-ipvs0'])).split('\n');
    expect(full[0]).toMatch(/^\d+: kube-ipvs0: <BROADCAST,NOARP> mtu 1500 qdisc noop state DOWN group default $/);
    expect(full.slice(2)).toEqual([
      '    inet 10.200.1.1/32 scope global kube-ipvs0',
      '       valid_lft forever preferred_lft forever',
      '    inet 10.200.1.10/32 scope global kube-ipvs0',
      '       valid_lft forever preferred_lft forever',
      '',
    ]);
  });

  it('lists the kubernetes and kube-dns virtual servers with ipvsadm -Ln', async () => {
    expect(await runFreshIn('kind-ipvs', 'docker exec myk8s-worker ipvsadm -Ln')).toBe(
      'IP Virtual Server version 1.2.1 (size=4096)\n' +
        'Prot LocalAddress:Port Scheduler Flags\n' +
        '  -> RemoteAddress:Port           Forward Weight ActiveConn InActConn\n' +
        'TCP  10.200.1.1:443 rr\n' +
        '  -> 172.18.0.2:6443              Masq    1      0          0         \n' +
        'TCP  10.200.1.10:53 rr\n' +
        '  -> 10.10.0.2:53                 Masq    1      0          0         \n' +
        '  -> 10.10.0.3:53                 Masq    1      0          0         \n' +
        'TCP  10.200.1.10:9153 rr\n' +
        '  -> 10.10.0.2:9153               Masq    1      0          0         \n' +
        '  -> 10.10.0.3:9153               Masq    1      0          0         \n' +
        'UDP  10.200.1.10:53 rr\n' +
        '  -> 10.10.0.2:53                 Masq    1      0          0         \n' +
        '  -> 10.10.0.3:53                 Masq    1      0          0         \n',
    );
  });

  it('fills KUBE-CLUSTER-IP with every service port and counts the three rules that use it', async () => {
    const lines = (await runFreshIn('kind-ipvs', 'docker exec myk8s-control-plane ipset list KUBE-CLUSTER-IP')).split(
      '\n',
    );
    expect(lines.slice(0, 3)).toEqual(['Name: KUBE-CLUSTER-IP', 'Type: hash:ip,port', 'Revision: 7']);
    expect(lines[3]).toMatch(/^Header: family inet hashsize 1024 maxelem 65536 bucketsize 12 initval 0x[0-9a-f]{8}$/);
    expect(lines.slice(4, 8)).toEqual(['Size in memory: 392', 'References: 3', 'Number of entries: 4', 'Members:']);
    expect(lines.slice(8, 12).sort()).toEqual([
      '10.200.1.1,tcp:443',
      '10.200.1.10,tcp:53',
      '10.200.1.10,tcp:9153',
      '10.200.1.10,udp:53',
    ]);
  });

  it('keeps a virtual server without real servers, which refuses connections, and KUBE-IPVS-FILTER rejects other ports of a VIP', async () => {
    const { sh } = freshSession('kind-ipvs');
    await runLines(sh, [
      'kubectl create service clusterip nothing --tcp=80:80',
      'CIP=$(kubectl get svc nothing -o jsonpath={.spec.clusterIP})',
    ]);
    const cip = (await runLines(sh, ['echo $CIP'])).trim();
    expect(await runLines(sh, ['docker exec myk8s-worker ipvsadm -Ln -t $CIP:80'])).toBe(
      'Prot LocalAddress:Port Scheduler Flags\n' +
        '  -> RemoteAddress:Port           Forward Weight ActiveConn InActConn\n' +
        `TCP  ${cip}:80 rr\n`,
    );
    expect(await runLines(sh, ['docker exec myk8s-worker curl -sS $CIP; echo $?'])).toBe(
      `curl: (7) Failed to connect to ${cip} port 80 after 0 ms: Couldn't connect to server\n7\n`,
    );
    expect(await runLines(sh, ['docker exec myk8s-worker trace curl -sS $CIP:80 2>&1 | grep ipvs:'])).toBe(
      '  node/myk8s-worker: ipvs: TCP ' + cip + ':80 has no destination available\n',
    );
    expect(await runLines(sh, ['docker exec myk8s-worker trace curl -sS $CIP:22 2>&1 | grep -- "-j REJECT"'])).toBe(
      '  node/myk8s-worker:   -A KUBE-IPVS-FILTER -m conntrack --ctstate NEW -m set --match-set KUBE-IPVS-IPS dst -j REJECT --reject-with icmp-port-unreachable\n',
    );
    expect(await runLines(sh, ['docker exec myk8s-worker curl -sS $CIP:22; echo $?'])).toBe(
      `curl: (7) Failed to connect to ${cip} port 22 after 0 ms: Couldn't connect to server\n7\n`,
    );
  });

  it('says the set does not exist for an unknown name', async () => {
    expect(await runFreshIn('kind-ipvs', 'docker exec myk8s-worker ipset list NOPE; echo $?')).toBe(
      'ipset v7.17: The set with the given name does not exist\n1\n',
    );
  });

  it('runs the seed lab: 100 curls from net-pod split 34/33/33 round robin and --stats shows the connections', async () => {
    const { sh } = freshSession('kind-ipvs');
    await runLines(sh, LAB);
    const split = await runLines(sh, [
      'kubectl exec -it net-pod -- zsh -c "for i in {1..100};  do curl -s $SVC1:9000 | grep Hostname; done | sort | uniq -c | sort -nr"',
    ]);
    expect(split).toBe('     34 Hostname: webpod3\n     33 Hostname: webpod2\n     33 Hostname: webpod1\n');
    const cip = (await runLines(sh, ['echo $CIP'])).trim();
    const svc = `TCP  ${cip}:9000`;
    expect(await runLines(sh, ['docker exec -it myk8s-control-plane ipvsadm -Ln -t $CIP:$CPORT --stats'])).toBe(
      'Prot LocalAddress:Port               Conns   InPkts  OutPkts  InBytes OutBytes\n' +
        '  -> RemoteAddress:Port\n' +
        `${svc.padEnd(33)}      100      100      100     6000     6000\n` +
        '  -> 10.10.1.2:80                       33       33       33     1980     1980\n' +
        '  -> 10.10.2.2:80                       33       33       33     1980     1980\n' +
        '  -> 10.10.3.2:80                       34       34       34     2040     2040\n',
    );
    // Each finished curl leaves its connection in TIME_WAIT: inactive. (A client port drawn twice reuses,
    // and so replaces, an old entry, as conn_reuse_mode does: the counts then add up to the live entries.)
    const table = (await runLines(sh, ['docker exec -it myk8s-control-plane ipvsadm -Ln -t $CIP:$CPORT'])).split('\n');
    expect(table.slice(0, 3)).toEqual([
      'Prot LocalAddress:Port Scheduler Flags',
      '  -> RemoteAddress:Port           Forward Weight ActiveConn InActConn',
      `${svc} rr`,
    ]);
    const inactive = table
      .slice(3, 6)
      .map((l) => /^  -> 10\.10\.[123]\.2:80 {17}Masq {4}1 {6}0 {10}(\d+) *$/.exec(l)?.[1]);
    const live = await runLines(sh, ['docker exec myk8s-control-plane ipvsadm -Lnc | grep -c TIME_WAIT']);
    expect(inactive.every((n) => n !== undefined && Number(n) >= 32)).toBe(true);
    expect(inactive.reduce((sum, n) => sum + Number(n), 0)).toBe(Number(live));
    // Other nodes' IPVS tables saw none of it: the client's node did the load balancing.
    expect(await runLines(sh, ['docker exec myk8s-worker ipvsadm -Ln -t $CIP:$CPORT --stats | tail -1'])).toBe(
      '  -> 10.10.3.2:80                        0        0        0        0        0\n',
    );
  });

  it('lets the TIME_WAIT connections expire after two minutes', async () => {
    const { sh } = freshSession('kind-ipvs');
    await runLines(sh, [...LAB, 'kubectl exec net-pod -- curl -s $SVC1:9000 > /dev/null']);
    expect(await runLines(sh, ['docker exec myk8s-control-plane ipvsadm -Lnc | tail -n +3 | wc -l'])).toBe('1\n');
    expect(await runLines(sh, ['sleep 120', 'docker exec myk8s-control-plane ipvsadm -Lnc | tail -n +3 | wc -l'])).toBe(
      '0\n',
    );
  });

  it('masquerades hairpin traffic: a pod reaching itself through the ClusterIP', async () => {
    const { emu, sh } = freshSession('kind-ipvs');
    await runLines(sh, LAB);
    const cip = (await runLines(sh, ['echo $CIP'])).trim();
    const dp = emu.dataPlane!;
    dp.refresh();
    // Round robin on webpod1's node: webpod3, webpod2, then webpod1 itself.
    const exchanges = [1, 2, 3].map(() => dp.connect('pod/default/webpod1', { dst: cip, dport: 9000 }));
    const picked = exchanges.map((ex) => ex.request.trace.find((e) => e.kind === 'ipvs'));
    expect(picked.map((e) => (e?.kind === 'ipvs' ? `${e.netns} ${e.destination}` : ''))).toEqual([
      'node/myk8s-worker 10.10.3.2:80',
      'node/myk8s-worker 10.10.2.2:80',
      'node/myk8s-worker 10.10.1.2:80',
    ]);
    const masqueraded = exchanges.map((ex) =>
      ex.request.trace.some((e) => e.kind === 'nat' && e.type === 'MASQUERADE'),
    );
    expect(masqueraded).toEqual([false, false, true]);
    expect(exchanges.map((ex) => ex.reply?.outcome.kind)).toEqual(['delivered', 'delivered', 'delivered']);
  });
});

describe('kube-proxy configuration', () => {
  it('takes the scheduler from the kube-proxy ConfigMap once kube-proxy restarts', async () => {
    const out = await runFreshIn(
      'kind-ipvs',
      'kubectl get cm -n kube-system kube-proxy -o yaml | sed \'s/scheduler: ""/scheduler: "wrr"/\' | kubectl apply -f - >/dev/null 2>&1',
      'kubectl -n kube-system rollout restart daemonset kube-proxy >/dev/null',
      'kubectl -n kube-system rollout status daemonset kube-proxy >/dev/null',
      'docker exec myk8s-worker ipvsadm -Ln | sed -n 4p',
    );
    expect(out).toBe('TCP  10.200.1.1:443 wrr\n');
  });

  it('sets the strictARP sysctls on every node', async () => {
    expect(
      await runFreshIn(
        'kind-ipvs',
        'docker exec myk8s-worker2 sysctl net.ipv4.conf.all.arp_ignore net.ipv4.conf.all.arp_announce',
      ),
    ).toBe('net.ipv4.conf.all.arp_ignore = 1\nnet.ipv4.conf.all.arp_announce = 2\n');
  });

  it('reads ipvs.scheduler and ipvs.strictARP from config.conf, an empty scheduler meaning the default', () => {
    expect(
      ipvsSettings(
        'ipvs:\n  excludeCIDRs: null\n  scheduler: ""\n  strictARP: true\n  syncPeriod: 0s\nkind: KubeProxyConfiguration\n',
      ),
    ).toEqual({ scheduler: '', strictARP: true, timeouts: { tcp: 0, tcpfin: 0, udp: 0 }, syncPeriodMs: 30_000 });
    expect(ipvsSettings('ipvs:\n  scheduler: wrr\n  strictARP: false\nmode: ipvs\n')).toEqual({
      scheduler: 'wrr',
      strictARP: false,
      timeouts: { tcp: 0, tcpfin: 0, udp: 0 },
      syncPeriodMs: 30_000,
    });
  });

  it('reads the timeouts and the sync period as Go durations', () => {
    expect(
      ipvsSettings('ipvs:\n  syncPeriod: 1m0s\n  tcpFinTimeout: 30s\n  tcpTimeout: 1h0m0s\n  udpTimeout: 0s\n'),
    ).toMatchObject({ timeouts: { tcp: 3600, tcpfin: 30, udp: 0 }, syncPeriodMs: 60_000 });
  });
});

describe('IPVS state in snapshots', () => {
  it('restores the IPVS table, its counters and the ip sets with the emulator', async () => {
    const { emu, sh } = freshSession('kind-ipvs');
    await runLines(sh, [
      ...LAB,
      'kubectl exec net-pod -- zsh -c "for i in {1..5}; do curl -s $SVC1:9000 >/dev/null; done"',
    ]);
    const before = await runLines(sh, [
      'docker exec myk8s-control-plane ipvsadm -Ln --stats; docker exec myk8s-control-plane ipset list',
    ]);
    const copy = emu.clone();
    const after = await runLines(copy.openShell(), [
      'docker exec myk8s-control-plane ipvsadm -Ln --stats; docker exec myk8s-control-plane ipset list',
    ]);
    expect(after).toBe(before);
    expect(after).toContain('TCP  10.200.1.');
  });
});
