/**
 * Building a network by hand with `ip`: named namespaces, a veth pair, a bridge, addresses, link
 * state. Every expected output was recorded from iproute2 6.1 on Linux 6.18 in scratch namespaces
 * (the devices created with the same MACs, `address ...`, so the bytes match; IPv6 duplicate address
 * detection had finished, so no `tentative`). Namespace names are the learner's, without the prefix
 * the recording used.
 */
import { describe, expect, it } from 'vitest';
import { Netns } from '../../net/netns';
import { freshNetns } from '../../net/links';
import type { NamedNetnsHost } from '../../net/named';
import { runIp } from './ip';
import type { IpEnv, IpResult } from './env';

/** One machine: its root namespace and a /run/netns, with MACs handed out in the order given. */
function machine(macs: string[] = []) {
  const spaces = new Map<string, Netns>();
  const root = freshNetns(new Netns('host'));
  spaces.set('host', root);
  const host: NamedNetnsHost = {
    names: () => [...spaces.keys()],
    netns: (n) => spaces.get(n),
    setNetns: (ns) => void spaces.set(ns.name, ns),
    deleteNetns: (n) => void spaces.delete(n),
  };
  const queue = [...macs];
  const env: IpEnv = {
    now: 0,
    lookup: (n) => spaces.get(n),
    mac: () => queue.shift() ?? '02:00:00:00:00:00',
    named: { host, machine: 'host' },
  };
  const ip = (line: string): IpResult => {
    const r = runIp(line.split(' '), root, env);
    if ('exec' in r) throw new Error('exec');
    return r;
  };
  const out = (line: string): string => {
    const r = ip(line);
    expect(r.err ?? '', line).toBe('');
    return r.out;
  };
  return { ip, out, spaces, root };
}

const LO_DOWN =
  '1: lo: <LOOPBACK> mtu 65536 qdisc noop state DOWN mode DEFAULT group default qlen 1000\n    link/loopback 00:00:00:00:00:00 brd 00:00:00:00:00:00\n';

/** red and blue joined by a veth pair, as the recording made them (peer first: veth-blue is 2). */
function redBlue() {
  const m = machine(['e2:f1:de:ee:df:4d', 'c2:db:16:cb:12:8d']);
  m.out('netns add red');
  m.out('netns add blue');
  m.out('-n red link add veth-red type veth peer name veth-blue');
  return m;
}

describe('ip netns and a veth pair', () => {
  it('makes a namespace with only lo, down', () => {
    const m = machine();
    m.out('netns add red');
    expect(m.out('-n red link')).toBe(LO_DOWN);
    expect(m.out('-n red addr')).toBe(
      '1: lo: <LOOPBACK> mtu 65536 qdisc noop state DOWN group default qlen 1000\n    link/loopback 00:00:00:00:00:00 brd 00:00:00:00:00:00\n',
    );
    expect(m.out('netns list')).toBe('red\n');
  });

  it("answers iproute2's errors for names that exist or do not", () => {
    const m = machine();
    m.out('netns add red');
    expect(m.ip('netns add red')).toEqual({
      out: '',
      err: 'Cannot create namespace file "/run/netns/red": File exists\n',
      code: 1,
    });
    expect(m.ip('netns del nosuch')).toEqual({
      out: '',
      err: 'Cannot remove namespace file "/run/netns/nosuch": No such file or directory\n',
      code: 1,
    });
    expect(m.ip('-n nosuch link')).toEqual({
      out: '',
      err: 'Cannot open network namespace "nosuch": No such file or directory\n',
      code: 1,
    });
    expect(m.ip('netns exec nosuch ip link')).toEqual({
      out: '',
      err: 'Cannot open network namespace "nosuch": No such file or directory\n',
      code: 1,
    });
    expect(m.ip('netns add a/b')).toEqual({ out: '', err: 'Invalid netns name "a/b"\n', code: 255 });
    expect(m.ip('netns foo')).toEqual({
      out: '',
      err: 'Command "foo" is unknown, try "ip netns help".\n',
      code: 255,
    });
  });

  it('shows both ends in one namespace as NAME@PEER, down, M-DOWN', () => {
    const m = redBlue();
    expect(m.out('-n red link')).toBe(
      LO_DOWN +
        '2: veth-blue@veth-red: <BROADCAST,MULTICAST,M-DOWN> mtu 1500 qdisc noop state DOWN mode DEFAULT group default qlen 1000\n' +
        '    link/ether e2:f1:de:ee:df:4d brd ff:ff:ff:ff:ff:ff\n' +
        '3: veth-red@veth-blue: <BROADCAST,MULTICAST,M-DOWN> mtu 1500 qdisc noop state DOWN mode DEFAULT group default qlen 1000\n' +
        '    link/ether c2:db:16:cb:12:8d brd ff:ff:ff:ff:ff:ff\n',
    );
    expect(m.out('-n red -br link')).toBe(
      'lo               DOWN           00:00:00:00:00:00 <LOOPBACK> \n' +
        'veth-blue@veth-red DOWN           e2:f1:de:ee:df:4d <BROADCAST,MULTICAST,M-DOWN> \n' +
        'veth-red@veth-blue DOWN           c2:db:16:cb:12:8d <BROADCAST,MULTICAST,M-DOWN> \n',
    );
    expect(m.ip('-n red link add veth-red type veth peer name veth-blue')).toEqual({
      out: '',
      err: 'RTNETLINK answers: File exists\n',
      code: 2,
    });
  });

  it('moves one end to another namespace: @ifN and link-netns NAME', () => {
    const m = redBlue();
    m.out('-n red link set veth-blue netns blue');
    expect(m.out('-n red link')).toBe(
      LO_DOWN +
        '3: veth-red@if2: <BROADCAST,MULTICAST> mtu 1500 qdisc noop state DOWN mode DEFAULT group default qlen 1000\n' +
        '    link/ether c2:db:16:cb:12:8d brd ff:ff:ff:ff:ff:ff link-netns blue\n',
    );
    expect(m.out('-n blue link')).toBe(
      LO_DOWN +
        '2: veth-blue@if3: <BROADCAST,MULTICAST> mtu 1500 qdisc noop state DOWN mode DEFAULT group default qlen 1000\n' +
        '    link/ether e2:f1:de:ee:df:4d brd ff:ff:ff:ff:ff:ff link-netns red\n',
    );
    expect(m.ip('-n red link set veth-red netns nosuch')).toEqual({
      out: '',
      err: 'Error: argument "nosuch" is wrong: Invalid "netns" value\n\n',
      code: 255,
    });
  });

  it('brings one end up: NO-CARRIER, LOWERLAYERDOWN, no link-local address, a linkdown route', () => {
    const m = redBlue();
    m.out('-n red link set veth-blue netns blue');
    m.out('-n red addr add 10.0.0.1/24 dev veth-red');
    m.out('-n blue addr add 10.0.0.2/24 dev veth-blue');
    m.out('-n red link set veth-red up');
    expect(m.out('-n red addr')).toBe(
      '1: lo: <LOOPBACK> mtu 65536 qdisc noop state DOWN group default qlen 1000\n' +
        '    link/loopback 00:00:00:00:00:00 brd 00:00:00:00:00:00\n' +
        '3: veth-red@if2: <NO-CARRIER,BROADCAST,MULTICAST,UP> mtu 1500 qdisc noqueue state LOWERLAYERDOWN group default qlen 1000\n' +
        '    link/ether c2:db:16:cb:12:8d brd ff:ff:ff:ff:ff:ff link-netns blue\n' +
        '    inet 10.0.0.1/24 scope global veth-red\n' +
        '       valid_lft forever preferred_lft forever\n',
    );
    expect(m.out('-n red route')).toBe('10.0.0.0/24 dev veth-red proto kernel scope link src 10.0.0.1 linkdown \n');
  });

  it('with both ends up: UP, LOWER_UP, the EUI-64 link-local address, and lo brings 127/8', () => {
    const m = redBlue();
    m.out('-n red link set veth-blue netns blue');
    m.out('-n red addr add 10.0.0.1/24 dev veth-red');
    m.out('-n red link set veth-red up');
    m.out('-n blue link set veth-blue up');
    expect(m.out('-n red -br addr')).toBe(
      'lo               DOWN           \nveth-red@if2     UP             10.0.0.1/24 fe80::c0db:16ff:fecb:128d/64 \n',
    );
    expect(m.out('-n red route')).toBe('10.0.0.0/24 dev veth-red proto kernel scope link src 10.0.0.1 \n');
    m.out('-n red link set lo up');
    expect(m.out('-n red addr show lo')).toBe(
      '1: lo: <LOOPBACK,UP,LOWER_UP> mtu 65536 qdisc noqueue state UNKNOWN group default qlen 1000\n' +
        '    link/loopback 00:00:00:00:00:00 brd 00:00:00:00:00:00\n' +
        '    inet 127.0.0.1/8 scope host lo\n' +
        '       valid_lft forever preferred_lft forever\n' +
        '    inet6 ::1/128 scope host \n' +
        '       valid_lft forever preferred_lft forever\n',
    );
    expect(m.out('-n red route show table local')).toBe(
      'local 10.0.0.1 dev veth-red proto kernel scope host src 10.0.0.1 \n' +
        'broadcast 10.0.0.255 dev veth-red proto kernel scope link src 10.0.0.1 \n' +
        'local 127.0.0.0/8 dev lo proto kernel scope host src 127.0.0.1 \n' +
        'local 127.0.0.1 dev lo proto kernel scope host src 127.0.0.1 \n' +
        'broadcast 127.255.255.255 dev lo proto kernel scope link src 127.0.0.1 \n',
    );
  });

  it('sets the far end down: this end loses its carrier (DOWN), that end its routes', () => {
    const m = redBlue();
    m.out('-n red link set veth-blue netns blue');
    m.out('-n red addr add 10.0.0.1/24 dev veth-red');
    m.out('-n blue addr add 10.0.0.2/24 dev veth-blue');
    m.out('-n red link set veth-red up');
    m.out('-n blue link set veth-blue up');
    m.out('-n blue link set veth-blue down');
    expect(m.out('-n red link show veth-red')).toBe(
      '3: veth-red@if2: <NO-CARRIER,BROADCAST,MULTICAST,UP> mtu 1500 qdisc noqueue state DOWN mode DEFAULT group default qlen 1000\n' +
        '    link/ether c2:db:16:cb:12:8d brd ff:ff:ff:ff:ff:ff link-netns blue\n',
    );
    expect(m.out('-n red route')).toBe('10.0.0.0/24 dev veth-red proto kernel scope link src 10.0.0.1 linkdown \n');
    expect(m.out('-n blue addr')).toBe(
      '1: lo: <LOOPBACK> mtu 65536 qdisc noop state DOWN group default qlen 1000\n' +
        '    link/loopback 00:00:00:00:00:00 brd 00:00:00:00:00:00\n' +
        '2: veth-blue@if3: <BROADCAST,MULTICAST> mtu 1500 qdisc noqueue state DOWN group default qlen 1000\n' +
        '    link/ether e2:f1:de:ee:df:4d brd ff:ff:ff:ff:ff:ff link-netns red\n' +
        '    inet 10.0.0.2/24 scope global veth-blue\n' +
        '       valid_lft forever preferred_lft forever\n',
    );
    expect(m.out('-n blue route')).toBe('');
    m.out('-n red addr del 10.0.0.1/24 dev veth-red');
    expect(m.out('-n red route')).toBe('');
  });

  it("answers iproute2's errors for devices and addresses", () => {
    const m = redBlue();
    m.out('-n red addr add 10.0.0.1/24 dev veth-red');
    const e = (err: string, code: number) => ({ out: '', err, code });
    expect(m.ip('-n red addr add 10.0.0.1/24 dev veth-red')).toEqual(e('Error: ipv4: Address already assigned.\n', 2));
    expect(m.ip('-n red addr del 10.0.0.9/24 dev veth-red')).toEqual(e('Error: ipv4: Address not found.\n', 2));
    expect(m.ip('-n red addr add 300.1.1.1/24 dev veth-red')).toEqual(
      e('Error: any valid prefix is expected rather than "300.1.1.1/24".\n', 1),
    );
    expect(m.ip('-n red addr add 10.0.0.5/24')).toEqual(e('Not enough information: "dev" argument is required.\n', 1));
    expect(m.ip('-n red addr add 10.0.0.5/24 dev nosuch')).toEqual(e('Cannot find device "nosuch"\n', 1));
    expect(m.ip('-n red addr flush dev nosuch')).toEqual(e('Device "nosuch" does not exist.\n', 1));
    expect(m.ip('-n red link set nosuch up')).toEqual(e('Cannot find device "nosuch"\n', 1));
    expect(m.ip('-n red link del nosuch')).toEqual(e('Cannot find device "nosuch"\n', 1));
    expect(m.ip('-n red link set veth-red foo')).toEqual(
      e('Error: either "dev" is duplicate, or "foo" is a garbage.\n', 255),
    );
    expect(m.ip('-n red link add veth9')).toEqual(e('Not enough information: "type" argument is required\n', 1));
    expect(m.ip('-n red link add c type nosuch')).toEqual(e('Error: Unknown device type.\n', 2));
    expect(m.ip('-n red link set veth-red master nosuch')).toEqual(
      e('Error: argument "nosuch" is wrong: Device does not exist\n\n', 255),
    );
    expect(m.ip('netns')).toEqual({ out: 'red\nblue\n' });
  });

  it('says what it does not emulate instead of ignoring it', () => {
    const m = redBlue();
    expect(m.ip('-n red link add vx0 type vxlan id 42 dstport 4789 group 239.1.1.1')).toEqual({
      out: '',
      err: 'netlab: ip link add type vxlan group is not emulated\n',
      code: 1,
    });
    expect(m.ip('-n red link add m0 type macvlan').err).toBe('netlab: ip link add type macvlan is not emulated\n');
    expect(m.ip('-n red link set veth-red promisc on').err).toBe('netlab: ip link set promisc is not emulated\n');
    expect(m.ip('-n red link set veth-red netns 1').err).toBe('netlab: ip link set netns PID is not emulated\n');
    expect(m.ip('netns set red 7').err).toBe('netlab: ip netns set is not emulated\n');
  });

  it('takes the veth pair down with its namespace', () => {
    const m = redBlue();
    m.out('-n red link set veth-blue netns blue');
    m.out('netns del blue');
    expect(m.out('-n red link')).toBe(LO_DOWN);
    expect(m.out('netns list')).toBe('red\n');
  });
});

describe('ip link and a bridge', () => {
  /** A node namespace with br0 and two "pods" on it (veth1, veth2), recorded the same way. */
  function bridged() {
    const m = machine([
      '7a:78:48:5b:ea:13',
      '0a:00:00:00:01:02',
      '2a:a2:a1:5e:67:4a',
      '0a:00:00:00:02:02',
      '3a:a2:a1:5e:67:4b',
    ]);
    for (const n of ['node', 'p1', 'p2']) m.out(`netns add ${n}`);
    m.out('-n node link add br0 type bridge');
    m.out('-n node link set br0 up');
    m.out('-n node link add veth1 type veth peer name eth0 netns p1');
    m.out('-n node link add veth2 type veth peer name eth0 netns p2');
    m.out('-n node link set veth1 master br0');
    m.out('-n node link set veth2 master br0');
    return m;
  }

  it('is UNKNOWN while it has no ports, as a bridge made without an address is', () => {
    const m = machine(['7a:78:48:5b:ea:13']);
    m.out('netns add node');
    m.out('-n node link add br0 type bridge');
    expect(m.ip('-n node link add br0 type bridge').err).toBe('RTNETLINK answers: File exists\n');
    m.out('-n node link set br0 up');
    expect(m.out('-n node -br link show br0')).toBe(
      'br0              UNKNOWN        7a:78:48:5b:ea:13 <BROADCAST,MULTICAST,UP,LOWER_UP> \n',
    );
  });

  it('loses its carrier while no port forwards, and takes its lowest port MAC', () => {
    const m = bridged();
    m.out('-n node link set veth1 up');
    m.out('-n node link set veth2 up');
    expect(m.out('-n node -br link')).toBe(
      'lo               DOWN           00:00:00:00:00:00 <LOOPBACK> \n' +
        'br0              DOWN           2a:a2:a1:5e:67:4a <NO-CARRIER,BROADCAST,MULTICAST,UP> \n' +
        'veth1@if2        DOWN           2a:a2:a1:5e:67:4a <NO-CARRIER,BROADCAST,MULTICAST,UP> \n' +
        'veth2@if2        DOWN           3a:a2:a1:5e:67:4b <NO-CARRIER,BROADCAST,MULTICAST,UP> \n',
    );
    m.out('-n p1 link set eth0 up');
    m.out('-n p2 link set eth0 up');
    expect(m.out('-n node link show master br0')).toBe(
      '3: veth1@if2: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc noqueue master br0 state UP mode DEFAULT group default qlen 1000\n' +
        '    link/ether 2a:a2:a1:5e:67:4a brd ff:ff:ff:ff:ff:ff link-netns p1\n' +
        '4: veth2@if2: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc noqueue master br0 state UP mode DEFAULT group default qlen 1000\n' +
        '    link/ether 3a:a2:a1:5e:67:4b brd ff:ff:ff:ff:ff:ff link-netns p2\n',
    );
    m.out('-n node addr add 10.244.1.1/24 dev br0');
    // The link-local address is the one made from the MAC the bridge had when it came up.
    expect(m.out('-n node addr show br0')).toBe(
      '2: br0: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc noqueue state UP group default qlen 1000\n' +
        '    link/ether 2a:a2:a1:5e:67:4a brd ff:ff:ff:ff:ff:ff\n' +
        '    inet 10.244.1.1/24 scope global br0\n' +
        '       valid_lft forever preferred_lft forever\n' +
        '    inet6 fe80::7878:48ff:fe5b:ea13/64 scope link \n' +
        '       valid_lft forever preferred_lft forever\n',
    );
  });

  it('has a zero MAC and no carrier once it lost all its ports', () => {
    const m = bridged();
    m.out('-n node addr add 10.244.1.1/24 dev br0');
    m.out('-n node link set veth1 nomaster');
    m.out('-n node link set veth2 nomaster');
    expect(m.out('-n node link show br0')).toBe(
      '2: br0: <NO-CARRIER,BROADCAST,MULTICAST,UP> mtu 1500 qdisc noqueue state DOWN mode DEFAULT group default qlen 1000\n' +
        '    link/ether 00:00:00:00:00:00 brd ff:ff:ff:ff:ff:ff\n',
    );
    expect(m.out('-n node route')).toBe('10.244.1.0/24 dev br0 proto kernel scope link src 10.244.1.1 linkdown \n');
  });

  it('shows a port set down by itself as down, and the bridge keeps forwarding on the other', () => {
    const m = bridged();
    for (const l of [
      '-n node link set veth1 up',
      '-n node link set veth2 up',
      '-n p1 link set eth0 up',
      '-n p2 link set eth0 up',
    ])
      m.out(l);
    m.out('-n node link set br0 down');
    expect(m.out('-n node -br link show br0')).toBe(
      'br0              DOWN           2a:a2:a1:5e:67:4a <BROADCAST,MULTICAST> \n',
    );
    expect(m.out('-n node -br link show veth1')).toBe(
      'veth1@if2        UP             2a:a2:a1:5e:67:4a <BROADCAST,MULTICAST,UP,LOWER_UP> \n',
    );
  });
});

describe('ip link and VXLAN devices', () => {
  const DETAILS_TAIL =
    'ttl auto ageing 300 udpcsum noudp6zerocsumtx noudp6zerocsumrx addrgenmode eui64 numtxqueues 1 numrxqueues 1 gso_max_size 65536 gso_max_segs 65535';

  /** A namespace with an underlay veth u0 (192.168.7.1/24), as the recording had. */
  function underlay(macs: string[]) {
    const m = machine(['0a:00:00:00:00:02', '0a:00:00:00:00:01', ...macs]);
    m.out('netns add v');
    m.out('-n v link add u0 type veth peer name u1');
    m.out('-n v addr add 192.168.7.1/24 dev u0');
    return m;
  }

  it('takes 50 bytes off the underlay MTU and prints its parameters with -d', () => {
    const m = underlay(['92:a5:d7:4e:38:1f', '92:a5:d7:4e:38:20']);
    m.out('-n v link add vx0 type vxlan id 42 dev u0 dstport 4789');
    expect(m.out('-n v -d link show vx0')).toBe(
      '4: vx0: <BROADCAST,MULTICAST> mtu 1450 qdisc noop state DOWN mode DEFAULT group default qlen 1000\n' +
        '    link/ether 92:a5:d7:4e:38:1f brd ff:ff:ff:ff:ff:ff promiscuity 0  allmulti 0 minmtu 68 maxmtu 65535 \n' +
        `    vxlan id 42 dev u0 srcport 0 0 dstport 4789 ${DETAILS_TAIL} tso_max_size 524280 tso_max_segs 65535 gro_max_size 65536 \n`,
    );
    m.out('-n v link add vx1 type vxlan id 43 dev u0 dstport 4789 local 192.168.7.1 remote 192.168.7.2');
    expect(m.out('-n v -d link show vx1').split('\n')[2]).toBe(
      `    vxlan id 43 remote 192.168.7.2 local 192.168.7.1 dev u0 srcport 0 0 dstport 4789 ${DETAILS_TAIL} tso_max_size 524280 tso_max_segs 65535 gro_max_size 65536 `,
    );
    m.out('-n v link set vx1 up');
    expect(m.out('-n v -br link show vx1')).toBe(
      'vx1              UNKNOWN        92:a5:d7:4e:38:20 <BROADCAST,MULTICAST,UP,LOWER_UP> \n',
    );
  });

  it("warns without dstport and uses the kernel's 8472; dstport 0 says nothing", () => {
    const m = underlay(['92:a5:d7:4e:38:21', '8a:f3:d9:c1:89:1d', '92:a5:d7:4e:38:22']);
    expect(m.ip('-n v link add vx2 type vxlan id 44')).toEqual({
      out: '',
      err: "vxlan: destination port not specified\nWill use Linux kernel default (non-standard value)\nUse 'dstport 4789' to get the IANA assigned value\nUse 'dstport 0' to get default and quiet this message\n",
    });
    m.out('-n v link add vx7 type vxlan id 47 remote 10.0.0.1 dstport 0');
    expect(m.out('-n v -d link show vx7')).toBe(
      '5: vx7: <BROADCAST,MULTICAST> mtu 1500 qdisc noop state DOWN mode DEFAULT group default qlen 1000\n' +
        '    link/ether 8a:f3:d9:c1:89:1d brd ff:ff:ff:ff:ff:ff promiscuity 0  allmulti 0 minmtu 68 maxmtu 65535 \n' +
        `    vxlan id 47 remote 10.0.0.1 srcport 0 0 dstport 8472 ${DETAILS_TAIL} tso_max_size 65536 tso_max_segs 65535 gro_max_size 65536 \n`,
    );
    m.out('-n v link add vx6 type vxlan id 46 dev u0 dstport 8472 nolearning');
    expect(m.out('-n v -d link show vx6').split('\n')[2]).toBe(
      `    vxlan id 46 dev u0 srcport 0 0 dstport 8472 nolearning ${DETAILS_TAIL} tso_max_size 524280 tso_max_segs 65535 gro_max_size 65536 `,
    );
  });

  it("answers iproute2's errors", () => {
    const m = underlay(['92:a5:d7:4e:38:1f']);
    m.out('-n v link add vx0 type vxlan id 42 dev u0 dstport 4789');
    const e = (err: string, code: number) => ({ out: '', err, code });
    expect(m.ip('-n v link add vx3 type vxlan dev u0')).toEqual(e('vxlan: missing virtual network identifier\n', 1));
    expect(m.ip('-n v link add vx4 type vxlan id 42 dev u0 dstport 4789')).toEqual(
      e('Error: A VXLAN device with the specified VNI already exists.\n', 2),
    );
    expect(m.ip('-n v link add vx5 type vxlan id 45 dev nosuch dstport 4789')).toEqual(
      e('Cannot find device "nosuch"\n', 255),
    );
    expect(m.ip('-n v link add vx8 type vxlan id 99999999 dstport 4789')).toEqual(
      e('Error: argument "99999999" is wrong: invalid id\n\n', 255),
    );
  });
});
