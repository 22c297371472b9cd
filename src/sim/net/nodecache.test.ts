import { describe, expect, it } from 'vitest';
import { Rng } from '../core/rng';
import { KIND_DATAPLANE_DEFAULTS } from './dataplane';
import { kindDataPlane } from './testing';
import { nodeNetnsName } from './netnsnames';
import { saveRuleSpec } from './rulefmt';
import { parseRuleSpec } from './ruleparse';
import { nodeCacheListenIps, setupNodeCache, teardownNodeCache } from './nodecache';
import type { KubeObject } from '../cluster/types';

function node(name: string, ip: string, podCIDR: string): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: { name },
    spec: { podCIDR, podCIDRs: [podCIDR] },
    status: { addresses: [{ type: 'InternalIP', address: ip }] },
  };
}

function cachePod(nodeName: string, phase = 'Running', localip = '169.254.20.10,10.96.0.10'): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: 'node-local-dns-x', namespace: 'kube-system' },
    spec: {
      nodeName,
      hostNetwork: true,
      containers: [
        {
          name: 'node-cache',
          image: 'registry.k8s.io/dns/k8s-dns-node-cache:1.26.4',
          args: ['-localip', localip, '-conf', '/etc/Corefile'],
        },
      ],
    },
    status: { phase, podIP: '172.18.0.3' },
  };
}

function workerNetns() {
  const dp = kindDataPlane({ now: () => 0 }, new Rng(7), { ...KIND_DATAPLANE_DEFAULTS, clusterCIDR: '10.244.0.0/16' });
  dp.syncFromCluster({ nodes: [node('w', '172.18.0.3', '10.244.1.0/24')], services: [], endpointSlices: [] });
  return dp.netns(nodeNetnsName('w'))!;
}

describe("node-cache's networking", () => {
  it('reads the -localip addresses of the running node-cache pod on the node', () => {
    expect(nodeCacheListenIps([cachePod('w')], 'w')).toEqual(['169.254.20.10', '10.96.0.10']);
  });

  it('finds no addresses on another node or for a pod not yet running', () => {
    expect([nodeCacheListenIps([cachePod('w')], 'v'), nodeCacheListenIps([cachePod('w', 'Pending')], 'w')]).toEqual([
      [],
      [],
    ]);
  });

  it('adds the nodelocaldns dummy interface, down, with each address as a /32', () => {
    const ns = workerNetns();
    setupNodeCache(ns, ['169.254.20.10'], () => '02:00:00:00:00:01');
    expect(ns.link('nodelocaldns')).toMatchObject({ kind: 'dummy', state: 'DOWN', qdisc: 'noop' });
    expect(ns.addrs.filter((a) => a.dev === 'nodelocaldns').map((a) => a.len)).toEqual([32]);
  });

  it('prepends its twelve rules for one address, the last installed listed first', () => {
    const ns = workerNetns();
    setupNodeCache(ns, ['169.254.20.10'], () => '02:00:00:00:00:01');
    expect(ns.netfilter.chain('raw', 'OUTPUT')!.rules.map((r) => saveRuleSpec(r).trim())).toEqual([
      '-s 169.254.20.10/32 -p tcp -m tcp --sport 8080 -j NOTRACK',
      '-d 169.254.20.10/32 -p tcp -m tcp --dport 8080 -j NOTRACK',
      '-d 169.254.20.10/32 -p udp -m udp --dport 53 -j NOTRACK',
      '-d 169.254.20.10/32 -p tcp -m tcp --dport 53 -j NOTRACK',
      '-s 169.254.20.10/32 -p udp -m udp --sport 53 -j NOTRACK',
      '-s 169.254.20.10/32 -p tcp -m tcp --sport 53 -j NOTRACK',
    ]);
    expect(
      ns.netfilter
        .chain('filter', 'OUTPUT')!
        .rules.slice(0, 2)
        .map((r) => saveRuleSpec(r).trim()),
    ).toEqual([
      '-s 169.254.20.10/32 -p udp -m udp --sport 53 -j ACCEPT',
      '-s 169.254.20.10/32 -p tcp -m tcp --sport 53 -j ACCEPT',
    ]);
  });

  it('changes nothing when set up again, as its periodic check finds everything in place', () => {
    const ns = workerNetns();
    setupNodeCache(ns, ['169.254.20.10'], () => '02:00:00:00:00:01');
    const before = JSON.stringify({
      links: ns.links,
      addrs: ns.addrs,
      raw: ns.netfilter.chain('raw', 'PREROUTING')!.rules.length,
    });
    setupNodeCache(ns, ['169.254.20.10'], () => '02:00:00:00:00:02');
    expect(
      JSON.stringify({ links: ns.links, addrs: ns.addrs, raw: ns.netfilter.chain('raw', 'PREROUTING')!.rules.length }),
    ).toBe(before);
  });

  it('tears down the interface, its addresses, their local routes and every rule when node-cache is gone', () => {
    const ns = workerNetns();
    // The raw table stays loaded once used (as the kernel module does): compare the chains only.
    const state = () =>
      JSON.stringify({
        links: ns.links,
        addrs: ns.addrs,
        routes: ns.routing.routes,
        chains: Object.values(ns.netfilter.snapshot().tables).map((t) => t.chains),
      });
    const before = state();
    setupNodeCache(ns, ['169.254.20.10', '10.96.0.10'], () => '02:00:00:00:00:01');
    teardownNodeCache(ns);
    expect(state()).toBe(before);
  });

  it('keeps a NOTRACKed query out of the nat table: a DNAT for the address is never taken', () => {
    const dp = kindDataPlane({ now: () => 0 }, new Rng(7), {
      ...KIND_DATAPLANE_DEFAULTS,
      clusterCIDR: '10.244.0.0/16',
    });
    dp.syncFromCluster({ nodes: [node('w', '172.18.0.3', '10.244.1.0/24')], services: [], endpointSlices: [] });
    const ns = dp.netns(nodeNetnsName('w'))!;
    ns.netfilter.insert(
      'nat',
      'OUTPUT',
      parseRuleSpec([
        '-d',
        '169.254.20.10/32',
        '-p',
        'udp',
        '--dport',
        '53',
        '-j',
        'DNAT',
        '--to-destination',
        '10.244.1.5:53',
      ]),
      1,
    );
    setupNodeCache(ns, ['169.254.20.10'], () => '02:00:00:00:00:01');
    dp.setListening(() => true);
    const ex = dp.connect(nodeNetnsName('w'), { dst: '169.254.20.10', proto: 'udp', dport: 53 });
    expect(ex.request.outcome).toEqual({ kind: 'delivered', netns: 'node/w' });
    expect(ex.request.trace.filter((e) => e.kind === 'nat')).toEqual([]);
  });
});
