/**
 * A network built by hand with `ip` in a terminal (the pod-networking lesson's labs): the packet walk
 * goes over what the learner built, and only while it is up. The expected ping text is iping's
 * (iputils 20221126, as recorded in the same scratch namespaces as src/sim/commands/ip/byhand.test.ts):
 * a reply over a veth or a bridge, and 100% loss when a link is down or `lo` is (a fresh namespace's trap).
 */
import { describe, expect, it } from 'vitest';
import { lab } from './cni-harness';
import { Emulator } from '../../src/sim/emulator';
import { freshSession, runLines } from '../../src/sim/shell/testing';
import { splitInputs } from '../../src/grading/inputs';
import { parseIp } from '../../src/sim/net/addr';

const RED_BLUE = [
  'ip netns add red',
  'ip netns add blue',
  'ip link add veth-red netns red type veth peer name veth-blue netns blue',
].join('\n');

/** red and blue joined by a veth pair, addressed and up (lo left down, as `ip netns add` leaves it). */
const WIRED = `ip netns add red
ip netns add blue
ip -n red link add veth-red type veth peer name veth-blue netns blue
ip -n red addr add 10.0.0.1/24 dev veth-red
ip -n blue addr add 10.0.0.2/24 dev veth-blue
ip -n red link set veth-red up
ip -n blue link set veth-blue up
`;

const LOSS = /1 packets transmitted, 0 received, 100% packet loss/;
const REPLY = /64 bytes from 10\.0\.0\.2: icmp_seq=1 ttl=64 time=/;

describe('two namespaces and a veth pair, by hand', () => {
  it('ping crosses the pair, and trace shows the hop from veth-red to veth-blue', async () => {
    const l = lab('kind-iptables');
    await l.sh(WIRED);
    expect(await l.sh('ip netns exec red ping -c1 -W1 10.0.0.2')).toMatch(REPLY);
    const trace = await l.sh('trace ip netns exec red ping -c1 10.0.0.2');
    expect(trace).toContain('netns/host/red: veth-red -> netns/host/blue veth-blue');
    expect(trace).toContain('=> delivered in netns/host/blue');
  });

  it('stops at a link that is down, on either end, until it is up again', async () => {
    const l = lab('kind-iptables');
    await l.sh(WIRED);
    await l.sh('ip -n blue link set veth-blue down');
    expect(await l.sh('ip netns exec red ping -c1 -W1 10.0.0.2')).toMatch(LOSS);
    const trace = await l.sh('trace ip netns exec red ping -c1 10.0.0.2');
    expect(trace).toContain('=> dropped in netns/host/red: veth-red has no carrier');
    await l.sh('ip -n blue link set veth-blue up');
    await l.sh('ip -n red link set veth-red down');
    expect(await l.sh('ip netns exec red ping -c1 -W1 10.0.0.2')).toMatch(
      /connect: Network is unreachable|100% packet loss/,
    );
    await l.sh('ip -n red link set veth-red up');
    expect(await l.sh('ip netns exec red ping -c1 -W1 10.0.0.2')).toMatch(REPLY);
  });

  it('cannot reach its own address while lo is down', async () => {
    const l = lab('kind-iptables');
    await l.sh(WIRED);
    expect(await l.sh('ip netns exec red ping -c1 -W1 10.0.0.1')).toMatch(LOSS);
    await l.sh('ip -n red link set lo up');
    expect(await l.sh('ip netns exec red ping -c1 -W1 10.0.0.1')).toMatch(/64 bytes from 10\.0\.0\.1/);
  });

  it('needs addresses in one subnet, or a route', async () => {
    const l = lab('kind-iptables');
    await l.sh(WIRED.replace('10.0.0.2/24', '10.0.1.2/24'));
    expect(await l.sh('ip netns exec red ping -c1 -W1 10.0.1.2')).toBe('ping: connect: Network is unreachable\n');
  });

  it('runs commands in the namespace with the same working directory and files, as ip netns exec does', async () => {
    const l = lab('kind-iptables');
    await l.sh(WIRED);
    expect(await l.sh('ip netns exec red ip -br addr')).toBe(
      'lo               DOWN           \nveth-red@if2     UP             10.0.0.1/24 ' +
        (await l.sh('ip -n red -br addr')).split('10.0.0.1/24 ')[1],
    );
    expect(await l.sh('ip netns exec red hostname')).toBe(await l.sh('hostname'));
    expect(await l.sh('ip netns exec red nosuchcmd')).toBe('exec of "nosuchcmd" failed: No such file or directory\n');
  });

  it('opens an interactive shell in the namespace with ip netns exec NAME bash, until exit', async () => {
    const { sh } = freshSession('kind-iptables', 1);
    const run = (line: string) => runLines(sh, [line], { interactive: true });
    for (const line of WIRED.trim().split('\n')) await run(line);
    expect(await run('ip netns exec red bash')).toBe('');
    expect(await run('ip -br link')).toMatch(/^lo +DOWN .*\nveth-red@if\d+ +UP /);
    await run('exit');
    expect(await run('ip -br link')).not.toContain('veth-red');
  });

  it('keeps what was built across a snapshot and restore', async () => {
    const { emu, sh } = freshSession('kind-iptables', 1);
    await runLines(
      sh,
      splitInputs(WIRED, (t) => sh.isComplete(t)),
      { interactive: false },
    );
    const copy = Emulator.restore(structuredClone(emu.snapshot()));
    const ns = copy.dataPlane!.netns('netns/host/red')!;
    expect(ns.label).toBe('red');
    expect(ns.links.map((x) => x.name)).toEqual(['lo', 'veth-red']);
  });

  it('creates both ends straight into their namespaces', async () => {
    const l = lab('kind-iptables');
    await l.sh(RED_BLUE);
    expect(await l.sh('ip -n red -br link')).toMatch(/^lo +DOWN .*\nveth-red@if\d+ +DOWN /);
  });
});

describe('a bridge on a node, by hand', () => {
  const BRIDGE = `docker exec -it myk8s-worker bash
ip netns add p1
ip netns add p2
ip link add br0 type bridge
ip link set br0 up
ip link add veth1 type veth peer name eth0 netns p1
ip link add veth2 type veth peer name eth0 netns p2
ip link set veth1 master br0
ip link set veth2 master br0
ip link set veth1 up
ip link set veth2 up
ip -n p1 link set eth0 up
ip -n p2 link set eth0 up
ip -n p1 addr add 10.244.9.2/24 dev eth0
ip -n p2 addr add 10.244.9.3/24 dev eth0
`;

  it('switches between its ports, and the node reaches them once the bridge has an address', async () => {
    const l = lab('kind-iptables');
    await l.sh(BRIDGE);
    expect(await l.sh('ip netns exec p1 ping -c1 -W1 10.244.9.3')).toMatch(/64 bytes from 10\.244\.9\.3/);
    const trace = await l.sh('trace ip netns exec p1 ping -c1 10.244.9.3');
    expect(trace).toContain('netns/myk8s-worker/p1: eth0 -> node/myk8s-worker veth1');
    expect(trace).toContain('node/myk8s-worker: br0 (port veth2) -> netns/myk8s-worker/p2 eth0');
    // Without an address on br0 the node sends it by its default route, to the docker network.
    expect(await l.sh('ping -c1 -W1 10.244.9.2')).toMatch(/100% packet loss/);
    await l.sh('ip addr add 10.244.9.1/24 dev br0');
    expect(await l.sh('ping -c1 -W1 10.244.9.2')).toMatch(/64 bytes from 10\.244\.9\.2/);
    expect(await l.sh('ip netns list')).toBe('p1 (id: 1)\np2 (id: 2)\n');
  });

  it('stops switching to a port that is down, and when the bridge is down', async () => {
    const l = lab('kind-iptables');
    await l.sh(BRIDGE);
    await l.sh('ip link set veth2 down');
    expect(await l.sh('ip netns exec p1 ping -c1 -W1 10.244.9.3')).not.toMatch(/64 bytes/);
    await l.sh('ip link set veth2 up');
    await l.sh('ip link set br0 down');
    expect(await l.sh('ip netns exec p1 ping -c1 -W1 10.244.9.3')).not.toMatch(/64 bytes/);
    await l.sh('ip link set br0 up');
    expect(await l.sh('ip netns exec p1 ping -c1 -W1 10.244.9.3')).toMatch(/64 bytes from 10\.244\.9\.3/);
  });
});

describe('a VXLAN tunnel between two namespaces, by hand', () => {
  it('wraps the frame in UDP to the remote end, which unwraps it and answers back through the tunnel', async () => {
    const l = lab('kind-iptables');
    await l.sh(`ip netns add a
ip netns add b
ip -n a link add under type veth peer name under netns b
ip -n a addr add 192.168.100.1/24 dev under
ip -n b addr add 192.168.100.2/24 dev under
ip -n a link set under up
ip -n b link set under up
ip -n a link add vx0 type vxlan id 42 dev under dstport 4789 remote 192.168.100.2
ip -n b link add vx0 type vxlan id 42 dev under dstport 4789 remote 192.168.100.1
ip -n a addr add 10.9.0.1/24 dev vx0
ip -n b addr add 10.9.0.2/24 dev vx0
ip -n a link set vx0 up
ip -n b link set vx0 up
`);
    expect(await l.sh('ip -n a -br link show vx0')).toMatch(/^vx0 +UNKNOWN /);
    expect(l.dp().netns('netns/host/a')!.link('vx0')!.mtu).toBe(1450);
    expect(await l.sh('ip netns exec a ping -c1 -W1 10.9.0.2')).toMatch(/64 bytes from 10\.9\.0\.2/);
    const trace = await l.sh('trace ip netns exec a ping -c1 10.9.0.2');
    expect(trace).toContain(
      'netns/host/a: vx0 encap outer 192.168.100.1 -> 192.168.100.2 udp/4789 vni 42 | inner 10.9.0.1 -> 10.9.0.2 icmp',
    );
    expect(trace).toContain('netns/host/b: vx0 decap inner 10.9.0.1 -> 10.9.0.2 icmp');
    // The receiving end learned where the sender's MAC lives.
    const a = l.dp().netns('netns/host/a')!;
    const b = l.dp().netns('netns/host/b')!;
    expect(b.link('vx0')!.fdb).toContainEqual(
      expect.objectContaining({ mac: a.link('vx0')!.mac, dst: parseIp('192.168.100.1') }),
    );
    // A tunnel with another VNI on the far side does not deliver.
    await l.sh(
      'ip -n b link del vx0\nip -n b link add vx0 type vxlan id 43 dev under dstport 4789 remote 192.168.100.1\nip -n b addr add 10.9.0.2/24 dev vx0\nip -n b link set vx0 up',
    );
    expect(await l.sh('ip netns exec a ping -c1 -W1 10.9.0.2')).not.toMatch(/64 bytes/);
  });

  it('stops when the underlay goes down', async () => {
    const l = lab('kind-iptables');
    await l.sh(`ip netns add a
ip netns add b
ip -n a link add under type veth peer name under netns b
ip -n a addr add 192.168.100.1/24 dev under
ip -n b addr add 192.168.100.2/24 dev under
ip -n a link set under up
ip -n b link set under up
ip -n a link add vx0 type vxlan id 42 dev under dstport 4789 remote 192.168.100.2
ip -n b link add vx0 type vxlan id 42 dev under dstport 4789 remote 192.168.100.1
ip -n a addr add 10.9.0.1/24 dev vx0
ip -n b addr add 10.9.0.2/24 dev vx0
ip -n a link set vx0 up
ip -n b link set vx0 up
ip -n b link set under down
`);
    expect(await l.sh('ip netns exec a ping -c1 -W1 10.9.0.2')).toMatch(/100% packet loss/);
  });
});
