import { describe, expect, it } from 'vitest';
import { Netfilter } from '../net/netfilter';
import { iptablesSave, listRulesS } from '../net/dump';
import { generateProxyRules, DEFAULT_PROXY_CONFIG } from './iptables';
import { servicePorts } from './endpoints';
import { syncRules } from './sync';
import { testService, type TestServiceOptions } from './testing';
import { formatProbability } from '../net/rulefmt';
import { parseRuleSpec } from '../net/ruleparse';
import { computeProbability } from './iptables';

const cfg = { ...DEFAULT_PROXY_CONFIG, nodeName: 'node-a', clusterCIDR: '10.244.0.0/16' };

function nodeTables(services: TestServiceOptions[], nodeName = 'node-a'): Netfilter {
  const built = services.map(testService);
  const nf = new Netfilter();
  syncRules(
    nf,
    generateProxyRules(
      servicePorts(
        built.map((b) => b.service),
        built.map((b) => b.slice),
      ),
      { ...cfg, nodeName },
    ),
  );
  return nf;
}

const svcClusterIP: TestServiceOptions = {
  name: 'svc-clusterip',
  clusterIP: '10.96.100.10',
  ports: [{ name: 'svc-webport', port: 80, targetPort: 8080 }],
  endpoints: [
    { ip: '10.244.3.7', node: 'node-c' },
    { ip: '10.244.1.5', node: 'node-a' },
    { ip: '10.244.2.6', node: 'node-b' },
  ],
};

describe('kube-proxy iptables mode', () => {
  it('writes the reference 1.8 worked example (ClusterIP, 3 endpoints) as iptables -t nat -S prints it', () => {
    expect(listRulesS(nodeTables([svcClusterIP]), 'nat')).toBe(
      [
        '-P PREROUTING ACCEPT',
        '-P INPUT ACCEPT',
        '-P OUTPUT ACCEPT',
        '-P POSTROUTING ACCEPT',
        '-N KUBE-MARK-MASQ',
        '-N KUBE-NODEPORTS',
        '-N KUBE-POSTROUTING',
        '-N KUBE-PROXY-CANARY',
        '-N KUBE-SEP-DD3P3R6KDS4DUKA4',
        '-N KUBE-SEP-M3JM2ZM2KY3LM3ZV',
        '-N KUBE-SEP-VRXQPFF6L6DPJ6JY',
        '-N KUBE-SERVICES',
        '-N KUBE-SVC-KBDEBIL6IU6WL7RF',
        '-A PREROUTING -m comment --comment "kubernetes service portals" -j KUBE-SERVICES',
        '-A OUTPUT -m comment --comment "kubernetes service portals" -j KUBE-SERVICES',
        '-A POSTROUTING -m comment --comment "kubernetes postrouting rules" -j KUBE-POSTROUTING',
        '-A KUBE-MARK-MASQ -j MARK --set-xmark 0x4000/0x4000',
        '-A KUBE-POSTROUTING -m mark ! --mark 0x4000/0x4000 -j RETURN',
        '-A KUBE-POSTROUTING -j MARK --set-xmark 0x4000/0x0',
        '-A KUBE-POSTROUTING -m comment --comment "kubernetes service traffic requiring SNAT" -j MASQUERADE --random-fully',
        '-A KUBE-SEP-DD3P3R6KDS4DUKA4 -s 10.244.3.7/32 -m comment --comment "default/svc-clusterip:svc-webport" -j KUBE-MARK-MASQ',
        '-A KUBE-SEP-DD3P3R6KDS4DUKA4 -p tcp -m comment --comment "default/svc-clusterip:svc-webport" -m tcp -j DNAT --to-destination 10.244.3.7:8080',
        '-A KUBE-SEP-M3JM2ZM2KY3LM3ZV -s 10.244.1.5/32 -m comment --comment "default/svc-clusterip:svc-webport" -j KUBE-MARK-MASQ',
        '-A KUBE-SEP-M3JM2ZM2KY3LM3ZV -p tcp -m comment --comment "default/svc-clusterip:svc-webport" -m tcp -j DNAT --to-destination 10.244.1.5:8080',
        '-A KUBE-SEP-VRXQPFF6L6DPJ6JY -s 10.244.2.6/32 -m comment --comment "default/svc-clusterip:svc-webport" -j KUBE-MARK-MASQ',
        '-A KUBE-SEP-VRXQPFF6L6DPJ6JY -p tcp -m comment --comment "default/svc-clusterip:svc-webport" -m tcp -j DNAT --to-destination 10.244.2.6:8080',
        '-A KUBE-SERVICES -d 10.96.100.10/32 -p tcp -m comment --comment "default/svc-clusterip:svc-webport cluster IP" -m tcp --dport 80 -j KUBE-SVC-KBDEBIL6IU6WL7RF',
        '-A KUBE-SERVICES -m comment --comment "kubernetes service nodeports; NOTE: this must be the last rule in this chain" -m addrtype --dst-type LOCAL -j KUBE-NODEPORTS',
        '-A KUBE-SVC-KBDEBIL6IU6WL7RF ! -s 10.244.0.0/16 -d 10.96.100.10/32 -p tcp -m comment --comment "default/svc-clusterip:svc-webport cluster IP" -m tcp --dport 80 -j KUBE-MARK-MASQ',
        '-A KUBE-SVC-KBDEBIL6IU6WL7RF -m comment --comment "default/svc-clusterip:svc-webport -> 10.244.1.5:8080" -m statistic --mode random --probability 0.33333333349 -j KUBE-SEP-M3JM2ZM2KY3LM3ZV',
        '-A KUBE-SVC-KBDEBIL6IU6WL7RF -m comment --comment "default/svc-clusterip:svc-webport -> 10.244.2.6:8080" -m statistic --mode random --probability 0.50000000000 -j KUBE-SEP-VRXQPFF6L6DPJ6JY',
        '-A KUBE-SVC-KBDEBIL6IU6WL7RF -m comment --comment "default/svc-clusterip:svc-webport -> 10.244.3.7:8080" -j KUBE-SEP-DD3P3R6KDS4DUKA4',
        '',
      ].join('\n'),
    );
  });

  it('prints one chain with -S CHAIN', () => {
    expect(listRulesS(nodeTables([svcClusterIP]), 'nat', 'KUBE-SEP-M3JM2ZM2KY3LM3ZV')).toBe(
      [
        '-N KUBE-SEP-M3JM2ZM2KY3LM3ZV',
        '-A KUBE-SEP-M3JM2ZM2KY3LM3ZV -s 10.244.1.5/32 -m comment --comment "default/svc-clusterip:svc-webport" -j KUBE-MARK-MASQ',
        '-A KUBE-SEP-M3JM2ZM2KY3LM3ZV -p tcp -m comment --comment "default/svc-clusterip:svc-webport" -m tcp -j DNAT --to-destination 10.244.1.5:8080',
        '',
      ].join('\n'),
    );
  });

  it.each([
    [2, '0.50000000000'],
    [3, '0.33333333349'],
    [4, '0.25000000000'],
    [5, '0.20000000019'],
    [6, '0.16666666651'],
    [7, '0.14285714272'],
    [10, '0.10000000009'],
  ])('prints the probability for %i remaining endpoints as %s (reference 1.4)', (n, printed) => {
    const rule = parseRuleSpec([
      '-m',
      'statistic',
      '--mode',
      'random',
      '--probability',
      computeProbability(n),
      '-j',
      'X',
    ]);
    const m = rule.matches[0]!;
    expect(m.kind === 'statistic' && m.mode === 'random' ? formatProbability(m.probability) : '').toBe(printed);
  });

  it('writes NodePort KUBE-NODEPORTS and KUBE-EXT lines (cluster policy)', () => {
    const nf = nodeTables([
      {
        namespace: 'jenkins',
        name: 'jenkins',
        type: 'NodePort',
        clusterIP: '10.96.5.5',
        ports: [{ name: 'http', port: 8080, targetPort: 8080, nodePort: 32117 }],
        endpoints: [{ ip: '10.244.1.9', node: 'node-a' }],
      },
    ]);
    const lines = listRulesS(nf, 'nat').split('\n');
    expect(lines.filter((l) => l.startsWith('-A KUBE-EXT-') || l.startsWith('-A KUBE-NODEPORTS'))).toEqual([
      '-A KUBE-EXT-KLKESZFIHQ5XX6FZ -m comment --comment "masquerade traffic for jenkins/jenkins:http external destinations" -j KUBE-MARK-MASQ',
      '-A KUBE-EXT-KLKESZFIHQ5XX6FZ -j KUBE-SVC-KLKESZFIHQ5XX6FZ',
      '-A KUBE-NODEPORTS -p tcp -m comment --comment "jenkins/jenkins:http" -m tcp --dport 32117 -j KUBE-EXT-KLKESZFIHQ5XX6FZ',
    ]);
  });

  it('writes externalTrafficPolicy Local as KUBE-EXT with pod and LOCAL rules and a KUBE-SVL chain', () => {
    const nf = nodeTables([
      {
        name: 'web',
        type: 'NodePort',
        clusterIP: '10.96.0.50',
        externalTrafficPolicy: 'Local',
        healthCheckNodePort: 31999,
        ports: [{ port: 80, targetPort: 80, nodePort: 30080 }],
        endpoints: [
          { ip: '10.244.1.5', node: 'node-a' },
          { ip: '10.244.2.5', node: 'node-b' },
        ],
      },
    ]);
    const nat = listRulesS(nf, 'nat').split('\n');
    expect(nat.filter((l) => /^-A KUBE-(EXT|SVL|NODEPORTS)/.test(l))).toEqual([
      '-A KUBE-EXT-LOLE4ISW44XBNF3G -s 10.244.0.0/16 -m comment --comment "pod traffic for default/web external destinations" -j KUBE-SVC-LOLE4ISW44XBNF3G',
      '-A KUBE-EXT-LOLE4ISW44XBNF3G -m comment --comment "masquerade LOCAL traffic for default/web external destinations" -m addrtype --src-type LOCAL -j KUBE-MARK-MASQ',
      '-A KUBE-EXT-LOLE4ISW44XBNF3G -m comment --comment "route LOCAL traffic for default/web external destinations" -m addrtype --src-type LOCAL -j KUBE-SVC-LOLE4ISW44XBNF3G',
      '-A KUBE-EXT-LOLE4ISW44XBNF3G -j KUBE-SVL-LOLE4ISW44XBNF3G',
      '-A KUBE-NODEPORTS -p tcp -m comment --comment "default/web" -m tcp --dport 30080 -j KUBE-EXT-LOLE4ISW44XBNF3G',
      // Only the endpoint on this node: no statistic match. (SEP hash computed with Python's hashlib + base64.b32encode.)
      '-A KUBE-SVL-LOLE4ISW44XBNF3G -m comment --comment "default/web -> 10.244.1.5:80" -j KUBE-SEP-3BXOQLMOWG4452TJ',
    ]);
    expect(listRulesS(nf, 'filter', 'KUBE-NODEPORTS')).toBe(
      '-N KUBE-NODEPORTS\n-A KUBE-NODEPORTS -p tcp -m comment --comment "default/web health check node port" -m tcp --dport 31999 -j ACCEPT\n',
    );
  });

  it('writes only filter REJECT rules for a service without endpoints', () => {
    const nf = nodeTables([
      {
        namespace: 'jenkins',
        name: 'jenkins',
        type: 'NodePort',
        clusterIP: '10.2.0.99',
        ports: [{ name: 'http', port: 8080, targetPort: 8080, nodePort: 32117 }],
        endpoints: [],
      },
    ]);
    expect(
      listRulesS(nf, 'filter')
        .split('\n')
        .filter((l) => l.includes('has no endpoints')),
    ).toEqual([
      '-A KUBE-EXTERNAL-SERVICES -p tcp -m comment --comment "jenkins/jenkins:http has no endpoints" -m addrtype --dst-type LOCAL -m tcp --dport 32117 -j REJECT --reject-with icmp-port-unreachable',
      '-A KUBE-SERVICES -d 10.2.0.99/32 -p tcp -m comment --comment "jenkins/jenkins:http has no endpoints" -m tcp --dport 8080 -j REJECT --reject-with icmp-port-unreachable',
    ]);
    expect(listRulesS(nf, 'nat').includes('KUBE-SVC-')).toBe(false);
  });

  it('writes the filter jump, forward and localnet rules of the reference dump', () => {
    const lines = listRulesS(nodeTables([]), 'filter').split('\n');
    expect(lines.filter((l) => /^-A (INPUT|FORWARD|OUTPUT|KUBE-FIREWALL|KUBE-FORWARD) /.test(l))).toEqual([
      '-A INPUT -m conntrack --ctstate NEW -m comment --comment "kubernetes load balancer firewall" -j KUBE-PROXY-FIREWALL',
      '-A INPUT -m comment --comment "kubernetes health check service ports" -j KUBE-NODEPORTS',
      '-A INPUT -m conntrack --ctstate NEW -m comment --comment "kubernetes externally-visible service portals" -j KUBE-EXTERNAL-SERVICES',
      '-A FORWARD -m conntrack --ctstate NEW -m comment --comment "kubernetes load balancer firewall" -j KUBE-PROXY-FIREWALL',
      '-A FORWARD -m comment --comment "kubernetes forwarding rules" -j KUBE-FORWARD',
      '-A FORWARD -m conntrack --ctstate NEW -m comment --comment "kubernetes service portals" -j KUBE-SERVICES',
      '-A FORWARD -m conntrack --ctstate NEW -m comment --comment "kubernetes externally-visible service portals" -j KUBE-EXTERNAL-SERVICES',
      '-A OUTPUT -m conntrack --ctstate NEW -m comment --comment "kubernetes load balancer firewall" -j KUBE-PROXY-FIREWALL',
      '-A OUTPUT -m conntrack --ctstate NEW -m comment --comment "kubernetes service portals" -j KUBE-SERVICES',
      '-A KUBE-FIREWALL ! -s 127.0.0.0/8 -d 127.0.0.0/8 -m comment --comment "block incoming localnet connections" -m conntrack ! --ctstate RELATED,ESTABLISHED,DNAT -j DROP',
      '-A KUBE-FORWARD -m conntrack --ctstate INVALID -j DROP',
      '-A KUBE-FORWARD -m comment --comment "kubernetes forwarding rules" -m mark --mark 0x4000/0x4000 -j ACCEPT',
      '-A KUBE-FORWARD -m comment --comment "kubernetes forwarding conntrack rule" -m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT',
    ]);
  });

  it('adds recent checks before the statistic rules for ClientIP affinity', () => {
    const nf = nodeTables([
      {
        ...svcClusterIP,
        sessionAffinity: 'ClientIP',
        endpoints: svcClusterIP.endpoints.filter((e) => e.ip !== '10.244.3.7'),
      },
    ]);
    expect(listRulesS(nf, 'nat', 'KUBE-SVC-KBDEBIL6IU6WL7RF').split('\n').slice(2, 4)).toEqual([
      '-A KUBE-SVC-KBDEBIL6IU6WL7RF -m comment --comment "default/svc-clusterip:svc-webport -> 10.244.1.5:8080" -m recent --rcheck --seconds 10800 --reap --name KUBE-SEP-M3JM2ZM2KY3LM3ZV --mask 255.255.255.255 --rsource -j KUBE-SEP-M3JM2ZM2KY3LM3ZV',
      '-A KUBE-SVC-KBDEBIL6IU6WL7RF -m comment --comment "default/svc-clusterip:svc-webport -> 10.244.2.6:8080" -m recent --rcheck --seconds 10800 --reap --name KUBE-SEP-VRXQPFF6L6DPJ6JY --mask 255.255.255.255 --rsource -j KUBE-SEP-VRXQPFF6L6DPJ6JY',
    ]);
  });

  it('leaves a learner rule alone and drops a deleted service chain on the next sync', () => {
    const nf = nodeTables([svcClusterIP]);
    nf.insert('filter', 'INPUT', parseRuleSpec(['-s', '10.0.0.9', '-j', 'DROP']), 1);
    syncRules(nf, generateProxyRules([], cfg));
    expect(listRulesS(nf, 'nat').includes('KUBE-SVC-KBDEBIL6IU6WL7RF')).toBe(false);
    expect(listRulesS(nf, 'filter', 'INPUT').split('\n')[1]).toBe('-A INPUT -s 10.0.0.9/32 -j DROP');
  });

  it('lays out iptables-save with tables in iptables-nft order and a ctime header', () => {
    const nf = new Netfilter();
    nf.newChain('filter', 'LAB');
    nf.append('filter', 'INPUT', parseRuleSpec(['-j', 'LAB']));
    nf.newChain('mangle', 'KUBE-IPTABLES-HINT');
    expect(iptablesSave(nf, { now: Date.UTC(2026, 9, 2, 16, 0, 0) })).toBe(
      [
        '# Generated by iptables-nft-save v1.8.9 (nf_tables) on Fri Oct  2 16:00:00 2026',
        '*mangle',
        ':PREROUTING ACCEPT [0:0]',
        ':INPUT ACCEPT [0:0]',
        ':FORWARD ACCEPT [0:0]',
        ':OUTPUT ACCEPT [0:0]',
        ':POSTROUTING ACCEPT [0:0]',
        ':KUBE-IPTABLES-HINT - [0:0]',
        'COMMIT',
        '# Completed on Fri Oct  2 16:00:00 2026',
        '# Generated by iptables-nft-save v1.8.9 (nf_tables) on Fri Oct  2 16:00:00 2026',
        '*filter',
        ':INPUT ACCEPT [0:0]',
        ':FORWARD ACCEPT [0:0]',
        ':OUTPUT ACCEPT [0:0]',
        ':LAB - [0:0]',
        '-A INPUT -j LAB',
        'COMMIT',
        '# Completed on Fri Oct  2 16:00:00 2026',
        '',
      ].join('\n'),
    );
  });
});

describe('kube-proxy iptables mode: external addresses and large clusters', () => {
  it('sends LoadBalancer and external IPs to KUBE-EXT, through KUBE-FW when source ranges are set', () => {
    const built = testService({
      name: 'web',
      type: 'LoadBalancer',
      clusterIP: '10.96.0.50',
      externalIPs: ['192.168.10.10'],
      loadBalancerIPs: ['172.18.255.200'],
      ports: [{ port: 80, targetPort: 80, nodePort: 30080 }],
      endpoints: [{ ip: '10.244.1.5', node: 'node-a' }],
    });
    built.service.spec.loadBalancerSourceRanges = ['203.0.113.0/24'];
    const nf = new Netfilter();
    syncRules(nf, generateProxyRules(servicePorts([built.service], [built.slice]), cfg));
    const nat = listRulesS(nf, 'nat').split('\n');
    expect(nat.filter((l) => /^-A KUBE-(SERVICES|FW)/.test(l) && !l.includes('nodeports'))).toEqual([
      '-A KUBE-FW-LOLE4ISW44XBNF3G -s 203.0.113.0/24 -m comment --comment "default/web loadbalancer IP" -j KUBE-EXT-LOLE4ISW44XBNF3G',
      '-A KUBE-FW-LOLE4ISW44XBNF3G -m comment --comment "other traffic to default/web will be dropped by KUBE-PROXY-FIREWALL"',
      '-A KUBE-SERVICES -d 10.96.0.50/32 -p tcp -m comment --comment "default/web cluster IP" -m tcp --dport 80 -j KUBE-SVC-LOLE4ISW44XBNF3G',
      '-A KUBE-SERVICES -d 192.168.10.10/32 -p tcp -m comment --comment "default/web external IP" -m tcp --dport 80 -j KUBE-EXT-LOLE4ISW44XBNF3G',
      '-A KUBE-SERVICES -d 172.18.255.200/32 -p tcp -m comment --comment "default/web loadbalancer IP" -m tcp --dport 80 -j KUBE-FW-LOLE4ISW44XBNF3G',
    ]);
    expect(listRulesS(nf, 'filter', 'KUBE-PROXY-FIREWALL').split('\n')[1]).toBe(
      '-A KUBE-PROXY-FIREWALL -d 172.18.255.200/32 -p tcp -m comment --comment "default/web traffic not accepted by KUBE-FW-LOLE4ISW44XBNF3G" -m tcp --dport 80 -j DROP',
    );
  });

  it('leaves out per-endpoint comments above 1000 endpoints', () => {
    const endpoints = Array.from({ length: 1001 }, (_, i) => ({ ip: `10.244.${i >> 8}.${i & 255}`, node: 'node-b' }));
    const nf = nodeTables([{ ...svcClusterIP, endpoints }]);
    const svc = listRulesS(nf, 'nat', 'KUBE-SVC-KBDEBIL6IU6WL7RF').split('\n');
    expect(svc[1]).toBe(
      '-A KUBE-SVC-KBDEBIL6IU6WL7RF ! -s 10.244.0.0/16 -d 10.96.100.10/32 -p tcp -m comment --comment "default/svc-clusterip:svc-webport cluster IP" -m tcp --dport 80 -j KUBE-MARK-MASQ',
    );
    // 1/1001 through iptables' u32 rounding, computed with Python per reference 1.4.
    expect(svc[2]).toMatch(
      /^-A KUBE-SVC-KBDEBIL6IU6WL7RF -m statistic --mode random --probability 0\.00099900085 -j KUBE-SEP-[A-Z2-7]{16}$/,
    );
    const sep = svc[2]!.split(' -j ')[1]!;
    expect(listRulesS(nf, 'nat', sep).split('\n')[1]).toBe(`-A ${sep} -s 10.244.0.0/32 -j KUBE-MARK-MASQ`);
  });

  it('drops node-port traffic on a node without local endpoints under externalTrafficPolicy Local', () => {
    const nf = nodeTables([
      {
        name: 'web',
        type: 'NodePort',
        clusterIP: '10.96.0.50',
        externalTrafficPolicy: 'Local',
        ports: [{ port: 80, targetPort: 80, nodePort: 30080 }],
        endpoints: [{ ip: '10.244.2.5', node: 'node-b' }],
      },
    ]);
    expect(listRulesS(nf, 'filter', 'KUBE-EXTERNAL-SERVICES').split('\n')[1]).toBe(
      '-A KUBE-EXTERNAL-SERVICES -p tcp -m comment --comment "default/web has no local endpoints" -m addrtype --dst-type LOCAL -m tcp --dport 30080 -j DROP',
    );
    expect(listRulesS(nf, 'nat').includes('-j KUBE-SVL-')).toBe(false);
  });
});

describe('kube-proxy iptables mode: terminating endpoints', () => {
  it('falls back to serving, terminating endpoints when none is ready', () => {
    const b = testService({ ...svcClusterIP, endpoints: [{ ip: '10.244.1.5', node: 'node-a', ready: false }] });
    b.slice.endpoints[0].conditions = { ready: false, serving: true, terminating: true };
    const nf = new Netfilter();
    syncRules(nf, generateProxyRules(servicePorts([b.service], [b.slice]), cfg));
    expect(listRulesS(nf, 'nat', 'KUBE-SVC-KBDEBIL6IU6WL7RF').split('\n')[2]).toBe(
      '-A KUBE-SVC-KBDEBIL6IU6WL7RF -m comment --comment "default/svc-clusterip:svc-webport -> 10.244.1.5:8080" -j KUBE-SEP-M3JM2ZM2KY3LM3ZV',
    );
  });

  it('treats a not-ready, not-serving endpoint as no endpoint at all', () => {
    const b = testService({ ...svcClusterIP, endpoints: [{ ip: '10.244.1.5', node: 'node-a', ready: false }] });
    const nf = new Netfilter();
    syncRules(nf, generateProxyRules(servicePorts([b.service], [b.slice]), cfg));
    expect(listRulesS(nf, 'filter', 'KUBE-SERVICES').split('\n')[1]).toBe(
      '-A KUBE-SERVICES -d 10.96.100.10/32 -p tcp -m comment --comment "default/svc-clusterip:svc-webport has no endpoints" -m tcp --dport 80 -j REJECT --reject-with icmp-port-unreachable',
    );
  });
});
