import { describe, expect, it } from 'vitest';
import { parseCidr, parseIp } from './addr';
import { Netns } from './netns';
import { RT_TABLE } from './route';

const ip = (s: string) => parseIp(s)!;

function node(): Netns {
  const ns = new Netns('n');
  ns.addLink({ name: 'lo', kind: 'loopback', mtu: 65536, mac: '00:00:00:00:00:00' });
  ns.addAddress('lo', ip('127.0.0.1'), 8, 'host');
  ns.addLink({ name: 'eth0', kind: 'veth', mtu: 1500, mac: '02:42:ac:12:00:02' });
  ns.addAddress('eth0', ip('172.18.0.2'), 16);
  ns.addRoute({ type: 'unicast', dst: parseCidr('0.0.0.0/0')!, via: ip('172.18.0.1'), dev: 'eth0' });
  ns.addRoute({ type: 'unicast', dst: parseCidr('10.10.1.0/24')!, via: ip('172.18.0.3'), dev: 'eth0' });
  return ns;
}

describe('routing', () => {
  it('picks the longest matching prefix', () => {
    const ns = node();
    expect(ns.route(ip('10.10.1.7'))).toMatchObject({ via: ip('172.18.0.3') });
    expect(ns.route(ip('172.18.0.9'))).toMatchObject({ dev: 'eth0', scope: 'link', proto: 'kernel' });
    expect(ns.route(ip('8.8.8.8'))).toMatchObject({ via: ip('172.18.0.1') });
  });

  it('finds local addresses in the local table first, including all of 127/8', () => {
    const ns = node();
    expect(ns.route(ip('172.18.0.2'))).toMatchObject({ type: 'local', table: RT_TABLE.local });
    expect(ns.addrType(ip('127.0.0.53'))).toBe('LOCAL');
    expect(ns.addrType(ip('172.18.255.255'))).toBe('BROADCAST');
    expect(ns.addrType(ip('10.10.1.7'))).toBe('UNICAST');
  });

  it('follows an ip rule by fwmark to another table', () => {
    const ns = node();
    ns.routing.rules.push({ priority: 100, fwmark: { value: 0x80, mask: 0x80 }, table: 100 });
    ns.addRoute({ table: 100, type: 'blackhole', dst: parseCidr('0.0.0.0/0')! });
    expect(ns.route(ip('8.8.8.8'), { mark: 0x80 })).toMatchObject({ type: 'blackhole', table: 100 });
    expect(ns.route(ip('8.8.8.8'), { mark: 0 })).toMatchObject({ table: RT_TABLE.main });
  });

  it('prefers the lower metric between equal prefixes', () => {
    const ns = node();
    ns.addRoute({ type: 'unicast', dst: parseCidr('10.20.0.0/16')!, via: ip('172.18.0.4'), dev: 'eth0', metric: 200 });
    ns.addRoute({ type: 'unicast', dst: parseCidr('10.20.0.0/16')!, via: ip('172.18.0.5'), dev: 'eth0', metric: 100 });
    expect(ns.route(ip('10.20.3.3'))).toMatchObject({ via: ip('172.18.0.5') });
  });
});
