/**
 * `bridge link`, recorded from iproute2 6.1 on Linux 6.18 in scratch namespaces: a bridge br0 (index 2)
 * with veth ports whose peers live in other namespaces, built with the same MACs.
 */
import { describe, expect, it } from 'vitest';
import { Netns } from '../net/netns';
import { addBridge, addVethPair, freshNetns, setLinkDown, setLinkUp, setMaster } from '../net/links';
import { runBridge } from './bridge';

function node() {
  const spaces = new Map<string, Netns>();
  const add = (name: string) => {
    const ns = freshNetns(new Netns(name));
    spaces.set(name, ns);
    return ns;
  };
  const n = add('node');
  const [p1, p2] = [add('p1'), add('p2')];
  const lookup = (name: string) => spaces.get(name);
  addBridge(n, 'br0', '7a:78:48:5b:ea:13');
  const macs = ['0a:00:00:00:01:02', '2a:a2:a1:5e:67:4a', '0a:00:00:00:02:02', '3a:a2:a1:5e:67:4b'];
  addVethPair(n, 'veth1', 'eth0', () => macs.shift()!, p1);
  addVethPair(n, 'veth2', 'eth0', () => macs.shift()!, p2);
  setMaster(n, 'veth1', 'br0');
  setMaster(n, 'veth2', 'br0');
  setLinkUp(n, 'br0', lookup);
  for (const d of ['veth1', 'veth2']) setLinkUp(n, d, lookup);
  setLinkUp(p1, 'eth0', lookup);
  setLinkUp(p2, 'eth0', lookup);
  return { n, p1, p2, lookup, run: (line: string) => runBridge(line ? line.split(' ') : [], n, lookup) };
}

describe('bridge link', () => {
  it("lists the ports, NAME@ the local device with the peer's index, forwarding", () => {
    expect(node().run('link')).toEqual({
      out:
        '3: veth1@br0: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 master br0 state forwarding priority 32 cost 2 \n' +
        '4: veth2@br0: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 master br0 state forwarding priority 32 cost 2 \n',
    });
  });

  it('shows one port with dev, nothing for the bridge itself', () => {
    const m = node();
    expect(m.run('link show dev veth1').out).toBe(
      '3: veth1@br0: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 master br0 state forwarding priority 32 cost 2 \n',
    );
    expect(m.run('link show dev br0')).toEqual({ out: '' });
    expect(m.run('link show dev nosuch')).toEqual({ out: '', err: 'Cannot find device "nosuch"\n', code: 255 });
  });

  it('disables a port that is down, one without carrier, and every port of a bridge that is down', () => {
    const m = node();
    setLinkDown(m.n, 'veth2', m.lookup);
    expect(m.run('link').out.split('\n')[1]).toBe(
      '4: veth2@br0: <BROADCAST,MULTICAST> mtu 1500 master br0 state disabled priority 32 cost 2 ',
    );
    setLinkUp(m.n, 'veth2', m.lookup);
    setLinkDown(m.p1, 'eth0', m.lookup);
    expect(m.run('link').out.split('\n')[0]).toBe(
      '3: veth1@br0: <NO-CARRIER,BROADCAST,MULTICAST,UP> mtu 1500 master br0 state disabled priority 32 cost 2 ',
    );
    setLinkDown(m.n, 'br0', m.lookup);
    expect(m.run('link').out.split('\n')[1]).toBe(
      '4: veth2@br0: <BROADCAST,MULTICAST,UP,LOWER_UP,M-DOWN> mtu 1500 master br0 state disabled priority 32 cost 2 ',
    );
  });

  it("answers bridge's own errors, and says what it does not emulate", () => {
    const m = node();
    expect(m.run('foo')).toEqual({ out: '', err: 'Object "foo" is unknown, try "bridge help".\n', code: 255 });
    expect(m.run('-x link')).toEqual({ out: '', err: 'Option "-x" is unknown, try "bridge help".\n', code: 255 });
    expect(m.run('').err).toMatch(/^Usage: bridge \[ OPTIONS \] OBJECT \{ COMMAND \| help \}\n/);
    expect(m.run('fdb show br br0')).toEqual({ out: '', err: 'netlab: bridge fdb is not emulated\n', code: 1 });
  });
});
