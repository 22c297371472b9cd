import { describe, expect, it } from 'vitest';
import { Netns } from '../../net/netns';
import { parseCidr, parseIp } from '../../net/addr';
import { wirePtp } from '../../net/ptp';
import { runIp } from './ip';
import { bareEnv, type IpResult } from './env';

/** `ip ARGS` in one namespace, without peers or named namespaces. */
function ip(args: string[], ns: Netns, now = 0): IpResult {
  const r = runIp(args, ns, bareEnv(now));
  if ('exec' in r) throw new Error('unexpected exec');
  return r;
}

/** A kind node and one pod wired by ptp as in reference 2.3 (subnet 10.244.2.0/24, pod 10.244.2.2, veth0cc628c5). */
function ptpPair(): { node: Netns; pod: Netns } {
  const node = new Netns('node/kind-worker');
  node.addLink({ name: 'lo', kind: 'loopback', mtu: 65536, mac: '00:00:00:00:00:00', state: 'UNKNOWN' });
  node.addAddress('lo', parseIp('127.0.0.1')!, 8, 'host');
  node.addLink({ name: 'eth0', kind: 'veth', mtu: 1500, mac: '02:42:ac:12:00:03', peer: { netns: 'host', index: 7 } });
  node.addAddress('eth0', parseIp('172.18.0.3')!, 16);
  node.addRoute({ type: 'unicast', dst: { addr: 0, len: 0 }, via: parseIp('172.18.0.1')!, dev: 'eth0' });
  const pod = wirePtp('pod/default/web', node, parseIp('10.244.2.2')!, parseCidr('10.244.2.0/24')!, {
    hostVeth: 'veth0cc628c5',
    hostMac: '9a:1b:2c:3d:4e:5f',
    podMac: '0e:11:22:33:44:55',
  });
  return { node, pod };
}

describe('ip route', () => {
  it("prints a ptp pod's routes as the reference lab shows them, with iproute2's trailing spaces", () => {
    expect(ip(['route'], ptpPair().pod, 0).out).toBe(
      'default via 10.244.2.1 dev eth0 \n10.244.2.0/24 via 10.244.2.1 dev eth0 src 10.244.2.2 \n10.244.2.1 dev eth0 scope link src 10.244.2.2 \n',
    );
  });

  it("prints the node's host route to the pod", () => {
    expect(ip(['route'], ptpPair().node, 0).out).toBe(
      'default via 172.18.0.1 dev eth0 \n10.244.2.2 dev veth0cc628c5 scope host \n172.18.0.0/16 dev eth0 proto kernel scope link src 172.18.0.3 \n',
    );
  });

  it('answers ip route get with the gateway, the source and the cache line', () => {
    expect(ip(['route', 'get', '10.244.1.7'], ptpPair().pod, 0).out).toBe(
      '10.244.1.7 via 10.244.2.1 dev eth0 src 10.244.2.2 uid 0 \n    cache \n',
    );
  });

  it('colours addresses magenta and interface names cyan with -c', () => {
    expect(ip(['-c', 'route'], ptpPair().pod, 0).out.split('\n')[0]).toBe(
      'default via \x1b[35m10.244.2.1 \x1b[0mdev \x1b[36meth0 \x1b[0m',
    );
  });
});

describe('ip addr', () => {
  it("shows the pod's eth0 with its peer index, link-netnsid, address, broadcast and link-local address", () => {
    expect(ip(['addr', 'show', 'eth0'], ptpPair().pod, 0).out).toBe(
      '2: eth0@if3: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc noqueue state UP group default \n' +
        '    link/ether 0e:11:22:33:44:55 brd ff:ff:ff:ff:ff:ff link-netnsid 0\n' +
        '    inet 10.244.2.2/24 brd 10.244.2.255 scope global eth0\n' +
        '       valid_lft forever preferred_lft forever\n' +
        '    inet6 fe80::c11:22ff:fe33:4455/64 scope link \n' +
        '       valid_lft forever preferred_lft forever\n',
    );
  });

  it("gives the node's veth the gateway as a /32 without broadcast", () => {
    expect(ip(['-4', 'a', 's', 'veth0cc628c5'], ptpPair().node, 0).out).toBe(
      '3: veth0cc628c5@if2: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc noqueue state UP group default \n    inet 10.244.2.1/32 scope global veth0cc628c5\n       valid_lft forever preferred_lft forever\n',
    );
  });

  it('prints one line per link with -br', () => {
    expect(ip(['-br', 'a'], ptpPair().pod, 0).out).toBe(
      'lo               UNKNOWN        127.0.0.1/8 ::1/128 \neth0@if3         UP             10.244.2.2/24 fe80::c11:22ff:fe33:4455/64 \n',
    );
  });

  it('says a missing device does not exist, exit 1', () => {
    expect(ip(['addr', 'show', 'eth9'], ptpPair().pod, 0)).toEqual({
      out: '',
      err: 'Device "eth9" does not exist.\n',
      code: 1,
    });
  });
});

describe('ip rule, ip link, errors', () => {
  it('lists the three default policy rules', () => {
    expect(ip(['rule'], ptpPair().pod, 0).out).toBe(
      '0:\tfrom all lookup local\n32766:\tfrom all lookup main\n32767:\tfrom all lookup default\n',
    );
  });

  it('prints ip link with mode DEFAULT', () => {
    expect(ip(['link', 'show', 'lo'], ptpPair().pod, 0).out).toBe(
      '1: lo: <LOOPBACK,UP,LOWER_UP> mtu 65536 qdisc noqueue state UNKNOWN mode DEFAULT group default qlen 1000\n    link/loopback 00:00:00:00:00:00 brd 00:00:00:00:00:00\n',
    );
  });

  it('rejects an unknown object as iproute2 does', () => {
    expect(ip(['foo'], ptpPair().pod, 0)).toEqual({
      out: '',
      err: 'Object "foo" is unknown, try "ip help".\n',
      code: 255,
    });
  });
});

describe('ip route add and del', () => {
  it('adds a route through a gateway on the link, and route get then uses it', () => {
    const { node } = ptpPair();
    expect(ip(['route', 'add', '192.168.100.0/24', 'via', '172.18.0.9'], node, 0)).toEqual({ out: '' });
    expect(ip(['route', 'get', '192.168.100.7'], node, 0).out).toBe(
      '192.168.100.7 via 172.18.0.9 dev eth0 src 172.18.0.3 uid 0 \n    cache \n',
    );
  });

  it("refuses a duplicate with RTNETLINK's File exists", () => {
    const { node } = ptpPair();
    ip(['route', 'add', '192.168.100.0/24', 'via', '172.18.0.9'], node, 0);
    expect(ip(['route', 'add', '192.168.100.0/24', 'via', '172.18.0.9'], node, 0)).toEqual({
      out: '',
      err: 'RTNETLINK answers: File exists\n',
      code: 2,
    });
  });

  it('refuses a gateway that is not on any link', () => {
    expect(ip(['route', 'add', '192.168.100.0/24', 'via', '8.8.8.8'], ptpPair().node, 0)).toEqual({
      out: '',
      err: 'Error: Nexthop has invalid gateway.\n',
      code: 2,
    });
  });

  it('deletes by prefix, and says No such process the second time', () => {
    const { node } = ptpPair();
    expect(ip(['route', 'del', '10.244.2.2'], node, 0)).toEqual({ out: '' });
    expect(ip(['route', 'del', '10.244.2.2'], node, 0)).toEqual({
      out: '',
      err: 'RTNETLINK answers: No such process\n',
      code: 2,
    });
  });

  it('adds a blackhole route that ip route lists with its type', () => {
    const { node } = ptpPair();
    ip(['route', 'add', 'blackhole', '10.99.0.0/16'], node, 0);
    expect(ip(['route'], node, 0).out).toContain('blackhole 10.99.0.0/16 \n');
  });
});

describe('ip rule add', () => {
  it('adds a source rule below main with the next free priority', () => {
    const { node } = ptpPair();
    ip(['rule', 'add', 'from', '10.244.2.0/24', 'lookup', '100'], node, 0);
    expect(ip(['rule'], node, 0).out).toBe(
      '0:\tfrom all lookup local\n32765:\tfrom 10.244.2.0/24 lookup 100\n32766:\tfrom all lookup main\n32767:\tfrom all lookup default\n',
    );
  });
});

describe('ip -d addr show kube-ipvs0', () => {
  it('prints a dummy device with no MTU bounds and no IPv6 details, as the kans-week5 seed captured it', () => {
    const node = new Netns('node/myk8s-worker');
    node.addLink({
      name: 'kube-ipvs0',
      kind: 'dummy',
      mtu: 1500,
      mac: 'fa:21:0a:00:a7:6c',
      state: 'DOWN',
      qdisc: 'noop',
      index: 11,
    });
    node.addAddress('kube-ipvs0', parseIp('10.200.1.1')!, 32);
    node.addAddress('kube-ipvs0', parseIp('10.200.1.10')!, 32);
    expect(ip(['-d', 'addr', 'show', 'kube-ipvs0'], node, 0).out)
      .toBe(`11: kube-ipvs0: <BROADCAST,NOARP> mtu 1500 qdisc noop state DOWN group default 
    link/ether fa:21:0a:00:a7:6c brd ff:ff:ff:ff:ff:ff promiscuity 0  allmulti 0 minmtu 0 maxmtu 0 
    dummy numtxqueues 1 numrxqueues 1 gso_max_size 65536 gso_max_segs 65535 tso_max_size 65536 tso_max_segs 65535 gro_max_size 65536 
    inet 10.200.1.1/32 scope global kube-ipvs0
       valid_lft forever preferred_lft forever
    inet 10.200.1.10/32 scope global kube-ipvs0
       valid_lft forever preferred_lft forever
`);
  });
});
