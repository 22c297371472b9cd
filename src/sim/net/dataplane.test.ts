import { describe, expect, it } from 'vitest';
import { Rng } from '../core/rng';
import { DataPlane, KIND_DATAPLANE_DEFAULTS } from './dataplane';
import { kindDataPlane } from './testing';
import { nodeNetnsName } from './netnsnames';
import { testService, type TestServiceOptions } from '../proxy/testing';
import type { KubeObject } from '../cluster/types';
import { parseRuleSpec } from './ruleparse';
import { listRulesL } from './dump';
import { formatConntrackEntry } from './conntrack';
import { neighbourState } from './netns';

const NODES: [string, string, string][] = [
  ['myk8s-control-plane', '172.18.0.2', '10.10.0.0/24'],
  ['myk8s-worker', '172.18.0.3', '10.10.1.0/24'],
  ['myk8s-worker2', '172.18.0.4', '10.10.2.0/24'],
  ['myk8s-worker3', '172.18.0.5', '10.10.3.0/24'],
];

function node(name: string, ip: string, podCIDR: string): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: { name },
    spec: { podCIDR, podCIDRs: [podCIDR] },
    status: {
      addresses: [
        { type: 'InternalIP', address: ip },
        { type: 'Hostname', address: name },
      ],
    },
  };
}

const webpod: TestServiceOptions = {
  name: 'svc-clusterip',
  clusterIP: '10.200.1.82',
  ports: [{ name: 'svc-webport', port: 9000, targetPort: 80 }],
  endpoints: [
    { ip: '10.10.1.2', node: 'myk8s-worker' },
    { ip: '10.10.2.2', node: 'myk8s-worker2' },
    { ip: '10.10.3.2', node: 'myk8s-worker3' },
  ],
};

function cluster(services: TestServiceOptions[]): { dp: DataPlane; clock: { t: number; now(): number } } {
  const clock = {
    t: Date.UTC(2026, 9, 2, 16, 0, 0),
    now() {
      return this.t;
    },
  };
  const dp = kindDataPlane(clock, new Rng(42), { ...KIND_DATAPLANE_DEFAULTS, clusterCIDR: '10.10.0.0/16' });
  const built = services.map(testService);
  dp.syncFromCluster({
    nodes: NODES.map((n) => node(...n)),
    services: built.map((b) => b.service),
    endpointSlices: built.map((b) => b.slice),
  });
  return { dp, clock };
}

describe('data plane packet walk', () => {
  it('DNATs a packet to a ClusterIP through KUBE-SERVICES, KUBE-SVC and a KUBE-SEP, then routes it to the endpoint node', () => {
    const { dp } = cluster([webpod]);
    const r = dp.send(nodeNetnsName('myk8s-control-plane'), { dst: '10.200.1.82', dport: 9000 });
    const cp = dp.netns(nodeNetnsName('myk8s-control-plane'))!;
    const natHits = r.trace
      .filter((e) => e.kind === 'rule' && e.table === 'nat' && e.netns === 'node/myk8s-control-plane')
      .map((e) => (e.kind === 'rule' ? `${e.chain} ${e.index}` : ''));
    const dnat = r.trace.find((e) => e.kind === 'nat' && e.type === 'DNAT');
    // SEP chain names computed independently with Python's hashlib + base64.b32encode.
    const sepOf: Record<string, string> = {
      '10.10.1.2:80': 'KUBE-SEP-TBW2IYJKUCAC7GB3',
      '10.10.2.2:80': 'KUBE-SEP-DOIEFYKPESCDTYCH',
      '10.10.3.2:80': 'KUBE-SEP-2TLZC6QOUTI37HEJ',
    };
    const to = dnat && dnat.kind === 'nat' ? dnat.to : '';
    expect(dnat).toMatchObject({ from: '10.200.1.82:9000' });
    expect(Object.keys(sepOf)).toContain(to);
    // From the node itself (not a pod source) the KUBE-SVC masquerade rule marks the packet first.
    expect(natHits.slice(0, 4)).toEqual([
      'OUTPUT 1',
      'KUBE-SERVICES 1',
      'KUBE-SVC-KBDEBIL6IU6WL7RF 1',
      'KUBE-MARK-MASQ 1',
    ]);
    expect(natHits[4]).toMatch(/^KUBE-SVC-KBDEBIL6IU6WL7RF [234]$/);
    expect(natHits[5]).toBe(`${sepOf[to]} 2`);
    const link = r.trace.find((e) => e.kind === 'link');
    expect(link).toMatchObject({ fromNetns: 'node/myk8s-control-plane', fromDev: 'eth0' });
    expect(cp.netfilter.chain('nat', 'KUBE-SERVICES')!.rules[0]!.counters.packets).toBe(1);
  });

  it('splits 1000 new connections about evenly over 3 endpoints, and the KUBE-SEP counters add up to 1000', () => {
    const { dp } = cluster([webpod]);
    const hits = new Map<string, number>();
    for (let i = 0; i < 1000; i++) {
      const r = dp.send(nodeNetnsName('myk8s-control-plane'), { dst: '10.200.1.82', dport: 9000, sport: 20000 + i });
      const d = r.trace.find((e) => e.kind === 'nat' && e.type === 'DNAT');
      const to = d && d.kind === 'nat' ? d.to : 'none';
      hits.set(to, (hits.get(to) ?? 0) + 1);
    }
    expect([...hits.keys()].sort()).toEqual(['10.10.1.2:80', '10.10.2.2:80', '10.10.3.2:80']);
    for (const n of hits.values()) expect(n).toBeGreaterThan(280);
    const nf = dp.netns(nodeNetnsName('myk8s-control-plane'))!.netfilter;
    const sepTotal = nf
      .userChains('nat')
      .filter((c) => c.startsWith('KUBE-SEP-'))
      .reduce((sum, c) => sum + nf.chain('nat', c)!.rules[1]!.counters.packets, 0);
    expect(sepTotal).toBe(1000);
  });

  it('lets the second packet of a flow skip the nat table and replays the DNAT from conntrack', () => {
    const { dp } = cluster([webpod]);
    const from = nodeNetnsName('myk8s-control-plane');
    const first = dp.send(from, { dst: '10.200.1.82', dport: 9000, sport: 40000 });
    const second = dp.send(from, { dst: '10.200.1.82', dport: 9000, sport: 40000 });
    const firstDnat = first.trace.find((e) => e.kind === 'nat' && e.type === 'DNAT');
    const secondDnat = second.trace.find((e) => e.kind === 'nat' && e.type === 'DNAT');
    expect(secondDnat).toEqual(firstDnat);
    expect(second.trace.some((e) => e.kind === 'hook' && e.netns === from && e.table === 'nat')).toBe(false);
    expect(dp.netns(from)!.netfilter.chain('nat', 'KUBE-SERVICES')!.rules[0]!.counters.packets).toBe(1);
  });

  it('rejects a packet to a service without endpoints', () => {
    const { dp } = cluster([{ ...webpod, endpoints: [] }]);
    const r = dp.send(nodeNetnsName('myk8s-worker'), { dst: '10.200.1.82', dport: 9000 });
    expect(r.outcome).toEqual({ kind: 'rejected', netns: 'node/myk8s-worker', rejectWith: 'icmp-port-unreachable' });
  });

  it('reaches a node port from the learner host, masquerading the source to the node address when forwarding', () => {
    const { dp } = cluster([
      { ...webpod, type: 'NodePort', ports: [{ name: 'svc-webport', port: 9000, targetPort: 80, nodePort: 30080 }] },
    ]);
    const r = dp.send('host', { dst: '172.18.0.2', dport: 30080 });
    const kinds = r.trace.filter((e) => e.kind === 'nat').map((e) => (e.kind === 'nat' ? `${e.type} ${e.to}` : ''));
    expect(kinds[0]).toMatch(/^DNAT 10\.10\.[123]\.2:80$/);
    expect(kinds[1]).toMatch(/^MASQUERADE 172\.18\.0\.2:\d+$/);
  });

  it('drops what a learner DROP rule in INPUT matches', () => {
    const { dp } = cluster([]);
    const worker = dp.netns(nodeNetnsName('myk8s-worker'))!;
    worker.netfilter.insert(
      'filter',
      'INPUT',
      parseRuleSpec(['-s', '172.18.0.1', '-p', 'tcp', '--dport', '10250', '-j', 'DROP']),
      1,
    );
    const r = dp.send('host', { dst: '172.18.0.3', dport: 10250 });
    expect(r.outcome).toEqual({ kind: 'dropped', netns: 'node/myk8s-worker', reason: 'dropped by netfilter' });
    expect(
      listRulesL(worker.netfilter, 'filter', 'INPUT', { numeric: true, verbose: true }).split('\n').slice(0, 3),
    ).toEqual([
      'Chain INPUT (policy ACCEPT 0 packets, 0 bytes)',
      ' pkts bytes target     prot opt in     out     source               destination         ',
      '    1    60 DROP       6    --  *      *       172.18.0.1           0.0.0.0/0            tcp dpt:10250',
    ]);
  });

  it('delivers pod-bound traffic from another node without masquerade (kindnet routes, KIND-MASQ-AGENT RETURN)', () => {
    const { dp } = cluster([]);
    const cp = dp.netns(nodeNetnsName('myk8s-control-plane'))!;
    expect(cp.route(0x0a0a0202)).toMatchObject({ via: 0xac120004, dev: 'eth0' });
    const r = dp.send(nodeNetnsName('myk8s-control-plane'), { dst: '10.10.2.2', dport: 80 });
    expect(r.trace.some((e) => e.kind === 'nat' && e.netns === 'node/myk8s-control-plane')).toBe(false);
    expect(r.trace.find((e) => e.kind === 'link')).toEqual({
      kind: 'link',
      fromNetns: 'node/myk8s-control-plane',
      fromDev: 'eth0',
      toNetns: 'node/myk8s-worker2',
      toDev: 'eth0',
    });
  });

  it('snapshots to JSON and restores the same tables and counters', () => {
    const { dp, clock } = cluster([webpod]);
    dp.send(nodeNetnsName('myk8s-control-plane'), { dst: '10.200.1.82', dport: 9000 });
    const snap = JSON.parse(JSON.stringify(dp.snapshot()));
    const back = DataPlane.restore(snap, clock);
    expect(JSON.stringify(back.snapshot())).toBe(JSON.stringify(dp.snapshot()));
  });
});

describe('data plane exchanges', () => {
  const kubernetes: TestServiceOptions = {
    name: 'kubernetes',
    clusterIP: '10.200.1.1',
    ports: [{ name: 'https', port: 443, targetPort: 6443 }],
    endpoints: [{ ip: '172.18.0.2', node: 'myk8s-control-plane' }],
  };

  it('answers through the ClusterIP with the reply un-DNATed back to the service address', () => {
    const { dp } = cluster([kubernetes]);
    const { request, reply } = dp.connect(nodeNetnsName('myk8s-worker'), {
      dst: '10.200.1.1',
      dport: 443,
      sport: 51000,
    });
    expect(request.outcome).toEqual({ kind: 'delivered', netns: 'node/myk8s-control-plane' });
    expect(reply?.outcome).toEqual({ kind: 'delivered', netns: 'node/myk8s-worker' });
    // On the worker, the reply's source is rewritten back from the endpoint to the ClusterIP.
    expect(reply?.trace.filter((e) => e.kind === 'nat')).toEqual([
      { kind: 'nat', netns: 'node/myk8s-worker', type: 'un-DNAT', from: '172.18.0.2:6443', to: '10.200.1.1:443' },
    ]);
    expect(reply?.packet).toMatchObject({ src: 0x0ac80101, sport: 443, dport: 51000 });
  });

  it('leaves a TIME_WAIT, ASSURED conntrack entry after a TCP exchange', () => {
    const { dp, clock } = cluster([kubernetes]);
    dp.connect(nodeNetnsName('myk8s-worker'), { dst: '10.200.1.1', dport: 443, sport: 51000 });
    clock.t += 3000;
    const worker = dp.netns(nodeNetnsName('myk8s-worker'))!;
    expect(worker.conntrack.list(clock.now()).map((e) => formatConntrackEntry(e, clock.now()))).toEqual([
      'tcp      6 117 TIME_WAIT src=172.18.0.3 dst=10.200.1.1 sport=51000 dport=443 src=172.18.0.2 dst=172.18.0.3 sport=6443 dport=51000 [ASSURED] mark=0 use=1',
    ]);
  });
});

describe('pods wired by kindnet (ptp)', () => {
  function pod(namespace: string, name: string, nodeName: string, podIP: string): KubeObject {
    return {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name, namespace },
      spec: { nodeName, containers: [{ name: 'c', image: 'traefik/whoami' }] },
      status: { phase: 'Running', podIP, podIPs: [{ ip: podIP }] },
    };
  }
  const PODS = [
    pod('default', 'webpod1', 'myk8s-worker', '10.10.1.2'),
    pod('default', 'webpod2', 'myk8s-worker2', '10.10.2.2'),
    pod('default', 'webpod3', 'myk8s-worker3', '10.10.3.2'),
    pod('default', 'net-pod', 'myk8s-control-plane', '10.10.0.5'),
    pod('default', 'neighbour', 'myk8s-worker', '10.10.1.3'),
  ];

  function withPods(services: TestServiceOptions[]): DataPlane {
    const { dp } = cluster(services);
    const built = services.map(testService);
    dp.addExternalHost('104.16.0.10');
    dp.syncFromCluster({
      nodes: NODES.map((n) => node(...n)),
      services: built.map((b) => b.service),
      endpointSlices: built.map((b) => b.slice),
      pods: PODS,
    });
    return dp;
  }

  it('gives the pod eth0 with its /24, routes via the .1 gateway, and the node a host route to the pod', () => {
    const dp = withPods([]);
    const p = dp.netns('pod/default/webpod1')!;
    expect(p.addrs.filter((a) => a.dev === 'eth0')).toEqual([
      { dev: 'eth0', addr: 0x0a0a0102, len: 24, scope: 'global' },
    ]);
    expect(p.route(0x0a0a0107)).toMatchObject({ via: 0x0a0a0101, dev: 'eth0', src: 0x0a0a0102 });
    expect(p.route(0x08080808)).toMatchObject({ via: 0x0a0a0101, dev: 'eth0' });
    const worker = dp.netns(nodeNetnsName('myk8s-worker'))!;
    const hostRoute = worker.route(0x0a0a0102)!;
    expect(hostRoute).toMatchObject({ scope: 'host' });
    expect(worker.link(hostRoute.dev!)?.peer).toEqual({ netns: 'pod/default/webpod1', index: 2 });
  });

  it('delivers same-node pod-to-pod traffic through the node without NAT', () => {
    const dp = withPods([]);
    const { request, reply } = dp.connect('pod/default/neighbour', { dst: '10.10.1.2', dport: 80 });
    expect(request.outcome).toEqual({ kind: 'delivered', netns: 'pod/default/webpod1' });
    expect(
      request.trace
        .filter((e) => e.kind === 'link')
        .map((e) => (e.kind === 'link' ? `${e.fromNetns}>${e.toNetns}` : '')),
    ).toEqual(['pod/default/neighbour>node/myk8s-worker', 'node/myk8s-worker>pod/default/webpod1']);
    expect(request.trace.some((e) => e.kind === 'nat')).toBe(false);
    expect(reply?.outcome).toEqual({ kind: 'delivered', netns: 'pod/default/neighbour' });
  });

  it('delivers cross-node pod-to-pod traffic node to node with the pod source kept', () => {
    const dp = withPods([]);
    const { request } = dp.connect('pod/default/net-pod', { dst: '10.10.3.2', dport: 80 });
    expect(request.outcome).toEqual({ kind: 'delivered', netns: 'pod/default/webpod3' });
    expect(request.packet.src).toBe(0x0a0a0005);
    expect(request.trace.filter((e) => e.kind === 'link').map((e) => (e.kind === 'link' ? e.toNetns : ''))).toEqual([
      'node/myk8s-control-plane',
      'node/myk8s-worker3',
      'pod/default/webpod3',
    ]);
  });

  it('spreads pod → ClusterIP connections over every endpoint pod', () => {
    const dp = withPods([webpod]);
    const reached = new Set<string>();
    for (let i = 0; i < 30; i++) {
      const { request, reply } = dp.connect('pod/default/net-pod', {
        dst: '10.200.1.82',
        dport: 9000,
        sport: 30000 + i,
      });
      reached.add(request.outcome.netns);
      expect(reply?.packet).toMatchObject({ src: 0x0ac80152, sport: 9000 });
    }
    expect([...reached].sort()).toEqual(['pod/default/webpod1', 'pod/default/webpod2', 'pod/default/webpod3']);
  });

  it('sends pod traffic to the internet with the node address as source (KIND-MASQ-AGENT)', () => {
    const dp = withPods([]);
    const { request, reply } = dp.connect('pod/default/net-pod', { dst: '104.16.0.10', dport: 80, sport: 45000 });
    expect(request.outcome).toEqual({ kind: 'delivered', netns: 'internet' });
    const nodeNat = request.trace.find((e) => e.kind === 'nat' && e.netns === 'node/myk8s-control-plane');
    expect(nodeNat).toEqual({
      kind: 'nat',
      netns: 'node/myk8s-control-plane',
      type: 'MASQUERADE',
      from: '10.10.0.5:45000',
      to: '172.18.0.2:45000',
    });
    expect(reply?.outcome).toEqual({ kind: 'delivered', netns: 'pod/default/net-pod' });
    expect(reply?.packet).toMatchObject({ src: 0x6810000a, dst: 0x0a0a0005 });
  });

  it('reaches a pod through a node port from the learner host', () => {
    const dp = withPods([
      { ...webpod, type: 'NodePort', ports: [{ name: 'svc-webport', port: 9000, targetPort: 80, nodePort: 30080 }] },
    ]);
    const { request, reply } = dp.connect('host', { dst: '172.18.0.3', dport: 30080 });
    expect(request.outcome.netns).toMatch(/^pod\/default\/webpod[123]$/);
    expect(reply?.outcome).toEqual({ kind: 'delivered', netns: 'host' });
    expect(reply?.packet).toMatchObject({ src: 0xac120003, sport: 30080 });
  });

  it('keeps the client source under externalTrafficPolicy Local and drops on a node without a local endpoint', () => {
    const local: TestServiceOptions = {
      ...webpod,
      type: 'NodePort',
      externalTrafficPolicy: 'Local',
      ports: [{ name: 'svc-webport', port: 9000, targetPort: 80, nodePort: 30080 }],
    };
    const dp = withPods([local]);
    const { request } = dp.connect('host', { dst: '172.18.0.3', dport: 30080 });
    expect(request.outcome).toEqual({ kind: 'delivered', netns: 'pod/default/webpod1' });
    expect(request.packet).toMatchObject({ src: 0xac120001, dst: 0x0a0a0102, dport: 80 });
    const cp = dp.connect('host', { dst: '172.18.0.2', dport: 30080 });
    expect(cp.request.outcome).toEqual({
      kind: 'dropped',
      netns: 'node/myk8s-control-plane',
      reason: 'dropped by netfilter',
    });
  });

  it("removes a deleted pod's netns, veth and host route", () => {
    const dp = withPods([]);
    dp.syncFromCluster({
      nodes: NODES.map((n) => node(...n)),
      services: [],
      endpointSlices: [],
      pods: PODS.filter((p) => p.metadata.name !== 'webpod1'),
    });
    expect(dp.netns('pod/default/webpod1')).toBeUndefined();
    const worker = dp.netns(nodeNetnsName('myk8s-worker'))!;
    expect(worker.route(0x0a0a0102)).toMatchObject({ via: 0xac120001 });
  });
});

describe('data plane syncing', () => {
  it('resyncs on refresh only after invalidate', () => {
    const { dp } = cluster([]);
    let calls = 0;
    const objects = () => {
      calls++;
      const b = testService(webpod);
      return { nodes: NODES.map((n) => node(...n)), services: [b.service], endpointSlices: [b.slice] };
    };
    dp.refresh(objects);
    expect(calls).toBe(0);
    dp.invalidate();
    dp.refresh(objects);
    dp.refresh(objects);
    expect(calls).toBe(1);
    expect(dp.netns(nodeNetnsName('myk8s-worker'))!.netfilter.chain('nat', 'KUBE-SVC-KBDEBIL6IU6WL7RF')).toBeDefined();
  });
});

describe('ICMP', () => {
  it('pings a node from another node and gets the echo reply back through conntrack', () => {
    const { dp, clock } = cluster([]);
    const { request, reply } = dp.connect(nodeNetnsName('myk8s-worker'), {
      dst: '172.18.0.4',
      proto: 'icmp',
      sport: 7,
    });
    expect(request.outcome).toEqual({ kind: 'delivered', netns: 'node/myk8s-worker2' });
    expect(reply?.outcome).toEqual({ kind: 'delivered', netns: 'node/myk8s-worker' });
    expect(
      dp
        .netns(nodeNetnsName('myk8s-worker'))!
        .conntrack.list(clock.now())
        .map((e) => formatConntrackEntry(e, clock.now())),
    ).toEqual([
      'icmp     1 30 src=172.18.0.3 dst=172.18.0.4 type=8 code=0 id=7 src=172.18.0.4 dst=172.18.0.3 type=0 code=0 id=7 mark=0 use=1',
    ]);
  });
});

describe('determinism', () => {
  it('builds byte-identical data planes from the same seed, and different docker DNS ports from another', () => {
    const build = (seed: number): string => {
      const clock = { now: () => Date.UTC(2026, 9, 2, 16, 0, 0) };
      const dp = kindDataPlane(clock, new Rng(seed), { ...KIND_DATAPLANE_DEFAULTS, clusterCIDR: '10.10.0.0/16' });
      const b = testService(webpod);
      dp.syncFromCluster({ nodes: NODES.map((n) => node(...n)), services: [b.service], endpointSlices: [b.slice] });
      for (let i = 0; i < 20; i++) dp.send(nodeNetnsName('myk8s-control-plane'), { dst: '10.200.1.82', dport: 9000 });
      return JSON.stringify(dp.snapshot());
    };
    expect(build(7)).toBe(build(7));
    expect(build(7)).not.toBe(build(8));
  });
});

describe('conntrack and dropped packets', () => {
  it('keeps no conntrack entry for a connection whose first packet was dropped', () => {
    const { dp, clock } = cluster([{ ...webpod, endpoints: [] }]);
    dp.connect(nodeNetnsName('myk8s-worker'), { dst: '10.200.1.82', dport: 9000 });
    expect(dp.netns(nodeNetnsName('myk8s-worker'))!.conntrack.list(clock.now())).toEqual([]);
  });
});

describe('sockets and neighbours', () => {
  it('refuses a connection nobody listens for and sends no reply', () => {
    const { dp } = cluster([]);
    dp.setListening((netns, p) => netns === 'node/myk8s-worker2' && p.proto === 'tcp' && p.dport === 10250);
    expect(dp.connect(nodeNetnsName('myk8s-worker'), { dst: '172.18.0.4', dport: 10250 }).reply?.outcome).toEqual({
      kind: 'delivered',
      netns: 'node/myk8s-worker',
    });
    const refused = dp.connect(nodeNetnsName('myk8s-worker'), { dst: '172.18.0.4', dport: 8080 });
    expect(refused.request.outcome).toEqual({ kind: 'refused', netns: 'node/myk8s-worker2' });
    expect(refused.reply).toBeUndefined();
    const now = dp
      .netns(nodeNetnsName('myk8s-worker'))!
      .conntrack.list(0)
      .map((e) => formatConntrackEntry(e, e.expires - 10_000));
    expect(now[1]).toMatch(
      /^tcp      6 10 CLOSE src=172\.18\.0\.3 dst=172\.18\.0\.4 sport=\d+ dport=8080 src=172\.18\.0\.4 dst=172\.18\.0\.3 sport=8080 dport=\d+ mark=0 use=1$/,
    );
  });

  it('learns the next hop in the neighbour table, REACHABLE then STALE', () => {
    const { dp, clock } = cluster([]);
    dp.send(nodeNetnsName('myk8s-worker'), { dst: '172.18.0.4', dport: 80 });
    const worker = dp.netns(nodeNetnsName('myk8s-worker'))!;
    const worker2 = dp.netns(nodeNetnsName('myk8s-worker2'))!;
    expect(worker.neigh).toEqual([
      { ip: 0xac120004, dev: 'eth0', mac: worker2.link('eth0')!.mac, confirmed: clock.now() },
    ]);
    expect(neighbourState(worker.neigh[0]!, clock.now() + 1000)).toBe('REACHABLE');
    expect(neighbourState(worker.neigh[0]!, clock.now() + 60_000)).toBe('STALE');
    expect(worker2.link('eth0')!.mac).toBe('02:42:ac:12:00:04');
  });
});
