import { describe, expect, it } from 'vitest';
import { Rng } from '../core/rng';
import { DataPlane, KIND_DATAPLANE_DEFAULTS } from './dataplane';
import { kindDataPlane } from './testing';
import { nodeNetnsName } from './netnsnames';
import type { KubeObject } from '../cluster/types';

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

function kindNodes(): DataPlane {
  const clock = { now: () => Date.UTC(2026, 9, 2, 16, 0, 0) };
  const dp = kindDataPlane(clock, new Rng(7), { ...KIND_DATAPLANE_DEFAULTS, clusterCIDR: '10.10.0.0/16' });
  dp.syncFromCluster({
    nodes: [
      node('myk8s-control-plane', '172.18.0.2', '10.10.0.0/24'),
      node('myk8s-worker', '172.18.0.3', '10.10.1.0/24'),
    ],
    services: [],
    endpointSlices: [],
  });
  return dp;
}

describe('the DNAT virtual ctstate in a walk', () => {
  it("lets a node query Docker's DNS through the gateway: the DNAT made in nat OUTPUT passes KUBE-FIREWALL in filter OUTPUT and INPUT", () => {
    const dp = kindNodes();
    const ex = dp.connect(nodeNetnsName('myk8s-worker'), { dst: '172.18.0.1', proto: 'udp', dport: 53 });
    expect(ex.request.outcome).toEqual({ kind: 'delivered', netns: 'node/myk8s-worker' });
    const dnat = ex.request.trace.find((e) => e.kind === 'nat' && e.type === 'DNAT');
    expect(dnat && dnat.kind === 'nat' ? dnat.from : '').toBe('172.18.0.1:53');
    expect(ex.request.trace.some((e) => e.kind === 'drop')).toBe(false);
  });

  it("un-DNATs the answer: it comes back from the gateway's port 53", () => {
    const dp = kindNodes();
    const ex = dp.connect(nodeNetnsName('myk8s-worker'), { dst: '172.18.0.1', proto: 'udp', dport: 53, sport: 40000 });
    expect(ex.reply?.outcome.kind).toBe('delivered');
    expect([ex.reply?.packet.src, ex.reply?.packet.sport, ex.reply?.packet.dport]).toEqual([0xac120001, 53, 40000]);
  });

  it("still drops a packet sent straight to 127.0.0.11 from the node's own address (not DNATed)", () => {
    const dp = kindNodes();
    const ex = dp.connect(nodeNetnsName('myk8s-worker'), {
      dst: '127.0.0.11',
      src: '172.18.0.3',
      proto: 'udp',
      dport: 53,
    });
    expect(ex.request.outcome.kind).toBe('dropped');
  });
});
