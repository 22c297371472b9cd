import { describe, expect, it } from 'vitest';
import { formatIp, parseIp } from './addr';
import { Ipvs, type VirtualServer } from './ipvs';
import type { Packet } from './packet';

const ip = (s: string): number => parseIp(s)!;
const VIP = ip('10.200.1.80');

function packet(src: string, sport: number, proto: 'tcp' | 'udp' = 'tcp'): Packet {
  return { proto, src: ip(src), dst: VIP, sport, dport: 9000, length: 60, mark: 0 };
}

/** A virtual server with real servers added in this order (the kernel lists the newest first). */
function service(scheduler: string, dests: [string, number][], persistent = 0): { ipvs: Ipvs; vs: VirtualServer } {
  const ipvs = new Ipvs();
  const vs = ipvs.addService({ proto: 'tcp', addr: VIP, port: 9000, scheduler, persistent }, 0);
  for (const [addr, weight] of dests) ipvs.addDest(vs, { addr: ip(addr), port: 80, weight }, 0);
  return { ipvs, vs };
}

/** Open `n` new connections (distinct client ports) and return the real server of each. */
function connect(ipvs: Ipvs, vs: VirtualServer, n: number, src = '10.10.0.5', now = 0): string[] {
  const out: string[] = [];
  for (let i = 0; i < n; i++) out.push(formatIp(ipvs.newConnection(vs, packet(src, 40000 + i), now)!.daddr));
  return out;
}

const tally = (xs: string[]): Record<string, number> =>
  xs.reduce<Record<string, number>>((t, x) => ({ ...t, [x]: (t[x] ?? 0) + 1 }), {});

describe('IPVS schedulers', () => {
  it('rr rotates strictly over the list, newest real server first, splitting 100 connections 34/33/33', () => {
    const { ipvs, vs } = service('rr', [
      ['10.10.1.2', 1],
      ['10.10.2.2', 1],
      ['10.10.3.2', 1],
    ]);
    const picks = connect(ipvs, vs, 100);
    expect(picks.slice(0, 4)).toEqual(['10.10.3.2', '10.10.2.2', '10.10.1.2', '10.10.3.2']);
    expect(tally(picks)).toEqual({ '10.10.3.2': 34, '10.10.2.2': 33, '10.10.1.2': 33 });
  });

  it('rr skips a quiesced real server (weight 0)', () => {
    const { ipvs, vs } = service('rr', [
      ['10.10.1.2', 1],
      ['10.10.2.2', 0],
      ['10.10.3.2', 1],
    ]);
    expect(connect(ipvs, vs, 4)).toEqual(['10.10.3.2', '10.10.1.2', '10.10.3.2', '10.10.1.2']);
  });

  it('wrr keeps the current weight of the first real server added (1), then lowers it by the gcd at each pass from the max', () => {
    // ip_vs_wrr_dest_changed keeps cw=1 while weights 2 and 3 join, so the first pass takes everyone.
    const { ipvs, vs } = service('wrr', [
      ['10.0.0.1', 1],
      ['10.0.0.2', 2],
      ['10.0.0.3', 3],
    ]);
    expect(connect(ipvs, vs, 12)).toEqual([
      '10.0.0.3',
      '10.0.0.2',
      '10.0.0.1',
      '10.0.0.3',
      '10.0.0.3',
      '10.0.0.2',
      '10.0.0.3',
      '10.0.0.2',
      '10.0.0.1',
      '10.0.0.3',
      '10.0.0.3',
      '10.0.0.2',
    ]);
  });

  it('lc picks the real server with the fewest connections, active ones weighing 256 inactive ones', () => {
    const { ipvs, vs } = service('lc', [
      ['10.0.0.1', 1],
      ['10.0.0.2', 1],
    ]);
    const [b, a] = vs.dests;
    b!.activeConns = 1;
    a!.inactConns = 255;
    expect(connect(ipvs, vs, 1)).toEqual(['10.0.0.1']);
    a!.inactConns = 257;
    expect(connect(ipvs, vs, 1)).toEqual(['10.0.0.2']);
  });

  it('wlc divides the overhead by the weight', () => {
    const { ipvs, vs } = service('wlc', [
      ['10.0.0.1', 1],
      ['10.0.0.2', 3],
    ]);
    const [heavy, light] = vs.dests;
    heavy!.activeConns = 2; // 512 / 3
    light!.activeConns = 1; // 256 / 1
    expect(connect(ipvs, vs, 1)).toEqual(['10.0.0.2']);
  });

  it('nq sends to an idle real server before comparing expected delays', () => {
    const { ipvs, vs } = service('nq', [
      ['10.0.0.1', 1],
      ['10.0.0.2', 5],
    ]);
    const [fast, idle] = vs.dests;
    fast!.activeConns = 1;
    idle!.activeConns = 0;
    expect(connect(ipvs, vs, 1)).toEqual(['10.0.0.1']);
  });

  it('sh sends every connection of one client to the same real server', () => {
    const { ipvs, vs } = service('sh', [
      ['10.10.1.2', 1],
      ['10.10.2.2', 1],
      ['10.10.3.2', 1],
    ]);
    const picks = connect(ipvs, vs, 20, '10.10.0.5');
    expect(new Set(picks).size).toBe(1);
    const clients = Array.from({ length: 30 }, (_, i) =>
      formatIp(ipvs.newConnection(vs, packet(`10.10.0.${i + 1}`, 50000), 0)!.daddr),
    );
    expect(new Set(clients)).toEqual(new Set(['10.10.1.2', '10.10.2.2', '10.10.3.2']));
  });

  it('answers no real server when every one is quiesced', () => {
    const { ipvs, vs } = service('rr', [['10.0.0.1', 0]]);
    expect(ipvs.newConnection(vs, packet('10.10.0.5', 40000), 0)).toBeUndefined();
  });
});

describe('IPVS persistence and connections', () => {
  it('a persistent service keeps a client on its real server through a template, and schedules others round robin', () => {
    const { ipvs, vs } = service(
      'rr',
      [
        ['10.10.1.2', 1],
        ['10.10.2.2', 1],
      ],
      10800,
    );
    expect(connect(ipvs, vs, 5, '10.10.0.5')).toEqual(Array(5).fill('10.10.2.2'));
    expect(connect(ipvs, vs, 2, '10.10.0.6')).toEqual(['10.10.1.2', '10.10.1.2']);
    const templates = ipvs.connections(0).filter((c) => c.template);
    expect(templates.map((t) => [formatIp(t.caddr), t.cport, t.state])).toEqual([
      ['10.10.0.5', 0, 'NONE'],
      ['10.10.0.6', 0, 'NONE'],
    ]);
    expect(vs.dests.map((d) => d.persistConns)).toEqual([1, 1]);
  });

  it('reschedules a persistent client after its template expired', () => {
    const { ipvs, vs } = service(
      'rr',
      [
        ['10.10.1.2', 1],
        ['10.10.2.2', 1],
      ],
      60,
    );
    connect(ipvs, vs, 1, '10.10.0.5', 0);
    expect(connect(ipvs, vs, 1, '10.10.0.5', 61_000)).toEqual(['10.10.1.2']);
  });

  it('keeps a template while a connection it scheduled lives (ip_vs_conn_expire re-arms it while n_control > 0)', () => {
    const { ipvs, vs } = service(
      'rr',
      [
        ['10.10.1.2', 1],
        ['10.10.2.2', 1],
      ],
      10,
    );
    const c = ipvs.newConnection(vs, packet('10.10.0.5', 40000), 0)!;
    ipvs.setState(c, 'TIME_WAIT', 0); // lives 120 s; the template's own timeout is 10 s
    const first = formatIp(c.daddr);
    expect(ipvs.connections(119_000).filter((x) => x.template)).toHaveLength(1);
    expect(connect(ipvs, vs, 1, '10.10.0.5', 119_000)).toEqual([first]);
    // That connection (SYN_RECV, 60 s) keeps it until 179 s; one timeout later it is gone.
    expect(ipvs.connections(189_001).filter((x) => x.template)).toHaveLength(0);
  });

  it("keeps a template's own timeout when the service's persistence changes", () => {
    const { ipvs, vs } = service('rr', [['10.10.1.2', 1]], 600);
    connect(ipvs, vs, 1, '10.10.0.5', 0);
    ipvs.editService({ proto: 'tcp', addr: VIP, port: 9000, scheduler: 'rr', persistent: 10800 });
    connect(ipvs, vs, 1, '10.10.0.5', 1000);
    const t = ipvs.connections(1000).find((x) => x.template)!;
    expect(t.expires).toBe(601_000);
  });

  it('counts a new TCP connection as inactive until the server answers, then active, then inactive in TIME_WAIT until it expires', () => {
    const { ipvs, vs } = service('rr', [['10.10.1.2', 1]]);
    const d = vs.dests[0]!;
    const c = ipvs.newConnection(vs, packet('10.10.0.5', 40000), 0)!;
    expect([d.activeConns, d.inactConns, c.state]).toEqual([0, 1, 'SYN_RECV']);
    ipvs.setState(c, 'ESTABLISHED', 1000);
    expect([d.activeConns, d.inactConns]).toEqual([1, 0]);
    ipvs.setState(c, 'TIME_WAIT', 2000);
    expect([d.activeConns, d.inactConns]).toEqual([0, 1]);
    expect(ipvs.connections(121_999)).toHaveLength(1);
    expect(ipvs.connections(122_000)).toHaveLength(0);
    expect([d.activeConns, d.inactConns]).toEqual([0, 0]);
  });

  it('finds a connection from the client side and from the real server side', () => {
    const { ipvs, vs } = service('rr', [['10.10.1.2', 1]]);
    const c = ipvs.newConnection(vs, packet('10.10.0.5', 40000), 0)!;
    expect(ipvs.lookupIn(packet('10.10.0.5', 40000), 0)?.id).toBe(c.id);
    const reply: Packet = {
      proto: 'tcp',
      src: ip('10.10.1.2'),
      sport: 80,
      dst: ip('10.10.0.5'),
      dport: 40000,
      length: 60,
      mark: 0,
    };
    expect(ipvs.lookupOut(reply, 0)?.id).toBe(c.id);
  });

  it('refuses a second service with the same address and a real server twice, in ipvs_strerror words', () => {
    const { ipvs, vs } = service('rr', [['10.10.1.2', 1]]);
    expect(() => ipvs.addService({ proto: 'tcp', addr: VIP, port: 9000, scheduler: 'rr' }, 0)).toThrow(
      'Service already exists',
    );
    expect(() => ipvs.addDest(vs, { addr: ip('10.10.1.2'), port: 80 }, 0)).toThrow('Destination already exists');
    expect(() => ipvs.deleteDest(vs, ip('10.9.9.9'), 80)).toThrow('No such destination');
    expect(() => ipvs.deleteService('udp', VIP, 9000)).toThrow('No such service');
  });

  it('survives a snapshot and restore with its connections and scheduler position', () => {
    const { ipvs, vs } = service('rr', [
      ['10.10.1.2', 1],
      ['10.10.2.2', 1],
    ]);
    connect(ipvs, vs, 1);
    const copy = Ipvs.restore(JSON.parse(JSON.stringify(ipvs.snapshot())));
    const vs2 = copy.find('tcp', VIP, 9000)!;
    expect(formatIp(copy.newConnection(vs2, packet('10.10.0.9', 1234), 0)!.daddr)).toBe('10.10.1.2');
    expect(copy.connections(0)).toHaveLength(2);
  });
});
