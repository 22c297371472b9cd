import { describe, expect, it } from 'vitest';
import { Emulator } from '../../sim/emulator';
import { lastTrace, type TraceData } from '../../sim/commands/trace';
import { fit, layoutPacket, packetModel, wrap, type PacketModel } from './traceLayout';

/** Run lines in a fresh emulator of `scenario` and return the last trace. */
async function traced(scenario: string, lines: string[]): Promise<TraceData> {
  const emu = Emulator.create({ scenario, seed: 1 });
  const sh = emu.openShell();
  const quiet = { write() {} };
  for (const line of lines) await sh.run(line, { stdout: quiet, stderr: quiet, interactive: false });
  const data = lastTrace(emu);
  if (!data) throw new Error('no trace');
  return data;
}

/** A pod pinned to a node, as the Services lesson makes net-pod. */
const podOn = (name: string, image: string, node: string) => `kubectl apply -f - <<EOF
apiVersion: v1
kind: Pod
metadata:
  name: ${name}
spec:
  nodeName: ${node}
  containers:
  - name: c
    image: ${image}
EOF`;

const summary = (m: PacketModel) =>
  m.hops.map((h) => `${h.leg} ${h.kind} ${h.lane}${h.toLane ? ` -> ${h.toLane}` : ''}`);

describe('packetModel, a cross-node curl to a Service (kind-iptables)', async () => {
  const data = await traced('kind-iptables', [
    'kubectl create deployment web --image=traefik/whoami --replicas=1',
    podOn('client', 'nicolaka/netshoot', 'myk8s-control-plane'),
    'kubectl expose deployment web --port=80',
    'sleep 30',
    `trace kubectl exec client -- curl -s $(kubectl get svc web -o jsonpath='{.spec.clusterIP}')`,
  ]);
  const packet = data.packets.find((p) => p.proto === 'tcp')!;
  const model = packetModel(packet);
  const podIp = /-> (\d+\.\d+\.\d+\.\d+):80$/.exec(packet.request.lines.find((l) => l.includes(': DNAT '))!)![1]!;

  it('has one hop per namespace visited, there and back', () => {
    expect(summary(model)).toEqual([
      'request netns pod/default/client',
      'request netns node/myk8s-control-plane',
      expect.stringMatching(/^request netns node\/myk8s-worker\d?$/),
      expect.stringMatching(/^request netns pod\/default\/web-/),
      expect.stringMatching(/^reply netns pod\/default\/web-/),
      expect.stringMatching(/^reply netns node\/myk8s-worker\d?$/),
      'reply netns node/myk8s-control-plane',
      'reply netns pod/default/client',
    ]);
    expect(model.hops.map((h) => h.n)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
  });

  it('puts the DNAT, to the pod IP, on the client node’s hop, and its undoing on the reply there', () => {
    const dnat = model.hops.find((h) => h.nat.some((n) => n.type === 'DNAT'))!;
    expect(dnat.lane).toBe('node/myk8s-control-plane');
    expect(dnat.leg).toBe('request');
    expect(dnat.nat[0]!.to).toBe(`${podIp}:80`);
    expect(dnat.lines.map((l) => l.text)).toEqual(expect.arrayContaining(['conntrack NEW', 'DNAT to', `${podIp}:80`]));
    expect(dnat.rules).toBeGreaterThan(2);
    expect(dnat.details).toEqual(
      expect.arrayContaining([expect.stringMatching(/^ {2}-A KUBE-SEP-\w+ .* -j DNAT --to-destination/)]),
    );
    const undo = model.hops.find((h) => h.nat.some((n) => n.type === 'un-DNAT'))!;
    expect([undo.leg, undo.lane]).toEqual(['reply', 'node/myk8s-control-plane']);
    expect(undo.label).toMatch(/^Reply, hop 7 of 8: node myk8s-control-plane: un-DNAT from \S+:80 to \S+:80; /);
  });

  it('groups each pod with the node it runs on', () => {
    expect(model.groups.map((g) => g.label)).toEqual([
      'myk8s-control-plane',
      expect.stringMatching(/^myk8s-worker\d?$/),
    ]);
    expect(model.groups[0]!.lanes).toEqual(['pod/default/client', 'node/myk8s-control-plane']);
    expect(model.lanes.map((l) => l.label)).toEqual([
      'client',
      'root netns',
      'root netns',
      expect.stringMatching(/^web-/),
    ]);
  });

  it('says where each hop leaves for', () => {
    expect(model.hops[0]!.exit).toMatchObject({ fromDev: 'eth0', toNetns: 'node/myk8s-control-plane' });
    expect(model.hops[1]!.exit).toMatchObject({ fromDev: 'eth0', toDev: 'eth0' });
    expect(model.hops[3]!.exit).toBeUndefined();
  });
});

describe('packetModel, a cross-node curl over Weave Net’s VXLAN', async () => {
  const data = await traced('weave', [
    podOn('web', 'traefik/whoami', 'k8s-w1'),
    podOn('client', 'nicolaka/netshoot', 'k8s-w2'),
    'sleep 30',
    `trace kubectl exec client -- curl -s $(kubectl get pod web -o jsonpath='{.status.podIP}')`,
  ]);
  const model = packetModel(data.packets[0]!);

  it('draws the crossing between the nodes as a tunnel hop with outer and inner headers, both ways', () => {
    const tunnels = model.hops.filter((h) => h.kind === 'tunnel');
    expect(tunnels.map((t) => [t.leg, t.lane, t.toLane])).toEqual([
      ['request', 'node/k8s-w2', 'node/k8s-w1'],
      ['reply', 'node/k8s-w1', 'node/k8s-w2'],
    ]);
    expect(tunnels[0]!.lines.map((l) => l.text)).toEqual([
      expect.stringMatching(/^VXLAN tunnel vxlan-6784, vni \d+$/),
      'outer 192.168.56.12 → 192.168.56.11 udp/6784',
      expect.stringMatching(/^inner 10\.\d+\.\d+\.\d+ → 10\.\d+\.\d+\.\d+ tcp$/),
    ]);
    // The node after the tunnel says it decapsulated.
    const after = model.hops[model.hops.indexOf(tunnels[0]!) + 1]!;
    expect(after.lines.map((l) => l.text)).toContain('vxlan-6784 decap');
  });
});

describe('layoutPacket', () => {
  const model: PacketModel = {
    lanes: [
      { netns: 'pod/default/a', group: 'n1', label: 'a', sub: 'pod · default' },
      { netns: 'node/n1', group: 'n1', label: 'root netns', sub: 'node' },
      { netns: 'node/n2', group: 'n2', label: 'root netns', sub: 'node' },
    ],
    groups: [
      { id: 'n1', label: 'n1', lanes: ['pod/default/a', 'node/n1'] },
      { id: 'n2', label: 'n2', lanes: ['node/n2'] },
    ],
    hops: [
      {
        n: 1,
        leg: 'request',
        kind: 'netns',
        lane: 'pod/default/a',
        lines: [{ text: 'conntrack NEW', tone: 'plain' }],
        details: ['conntrack NEW'],
        rules: 0,
        nat: [],
        exit: { fromDev: 'eth0', toNetns: 'node/n1', toDev: 'veth1', l2: false },
        label: '',
      },
      {
        n: 2,
        leg: 'request',
        kind: 'netns',
        lane: 'node/n1',
        lines: [],
        details: ['nat PREROUTING', '  -A PREROUTING -j KUBE-SERVICES'],
        rules: 1,
        nat: [],
        exit: { fromDev: 'eth0', toNetns: 'node/n2', toDev: 'eth0', l2: false },
        label: '',
      },
      { n: 3, leg: 'reply', kind: 'netns', lane: 'node/n2', lines: [], details: [], rules: 0, nat: [], label: '' },
    ],
  };

  it('gives each lane a column and scrolls rather than squeeze below 150 px a lane', () => {
    const l = layoutPacket(model, { width: 300, charWidth: 7, expanded: new Set() });
    expect(l.width).toBe(470);
    expect(l.lanes.map((x) => x.x)).toEqual([85, 235, 385]);
  });

  it('draws an arrow from each hop to the next one of the same direction, labelled with the link', () => {
    const l = layoutPacket(model, { width: 600, charWidth: 7, expanded: new Set() });
    expect(l.arrows).toHaveLength(1 + 0);
    expect(l.arrows[0]!.label?.text).toBe('eth0 → veth1');
    expect(l.replyAt).toBeGreaterThan(l.hops[1]!.box.y + l.hops[1]!.box.h);
  });

  it('opens a band of the hop’s own lines under an expanded hop and moves the rest down', () => {
    const closed = layoutPacket(model, { width: 600, charWidth: 7, expanded: new Set() });
    const open = layoutPacket(model, { width: 600, charWidth: 7, expanded: new Set([2]) });
    expect(open.hops[1]!.band?.lines).toEqual(['nat PREROUTING', '  -A PREROUTING -j KUBE-SERVICES']);
    expect(open.hops[2]!.box.y).toBeGreaterThan(closed.hops[2]!.box.y);
    expect(closed.hops[1]!.band).toBeUndefined();
  });
});

describe('fit and wrap', () => {
  it('elides the middle of a long name, keeping its end', () => {
    expect(fit('coredns-69986d6d67-46vds', 12)).toBe('coredns…6vds');
    expect(fit('short', 12)).toBe('short');
  });

  it('wraps at spaces, keeps an indent, and cuts a word longer than a line', () => {
    expect(wrap('  -A KUBE-SVC-X -j KUBE-SEP-Y', 16)).toEqual(['  -A KUBE-SVC-X', '  -j KUBE-SEP-Y']);
    expect(wrap('abcdefghij', 4)).toEqual(['abcd', 'efgh', 'ij']);
  });
});
