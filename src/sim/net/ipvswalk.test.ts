import { describe, expect, it } from 'vitest';
import { formatIp, parseIp } from './addr';
import { finishIpvsConnections, ipvsReply, ipvsRequest } from './ipvswalk';
import { Netns } from './netns';
import type { Packet } from './packet';
import type { TraceEvent } from './trace';
import { formatTrace } from './tracefmt';

const ip = (s: string): number => parseIp(s)!;

function node(): Netns {
  const ns = new Netns('node/n1');
  const vs = ns.ipvs.addService({ proto: 'tcp', addr: ip('10.200.1.80'), port: 9000, scheduler: 'rr' }, 0);
  ns.ipvs.addDest(vs, { addr: ip('10.10.1.2'), port: 80, fwd: 'Masq' }, 0);
  return ns;
}

const request = (): Packet => ({
  proto: 'tcp',
  src: ip('10.10.0.5'),
  sport: 40000,
  dst: ip('10.200.1.80'),
  dport: 9000,
  length: 60,
  mark: 0,
});

describe('IPVS in the packet walk', () => {
  it('sends a packet for a virtual server to the real server it schedules and ties the conntrack reply tuple to it', () => {
    const ns = node();
    const p = request();
    const entry = ns.conntrack.create(p, 0);
    const trace: TraceEvent[] = [];
    expect(ipvsRequest(ns, p, entry, true, 0, trace)).toEqual({ kind: 'forward' });
    expect(`${formatIp(p.dst)}:${p.dport}`).toBe('10.10.1.2:80');
    expect(entry.ipvs).toBe(true);
    expect([formatIp(entry.reply.src), entry.reply.sport]).toEqual(['10.10.1.2', 80]);
    expect(formatTrace(trace, () => ns)).toEqual([
      'node/n1: ipvs TCP 10.200.1.80:9000 rr -> 10.10.1.2:80 (new connection)',
    ]);
  });

  it("gives the real server's reply the VIP back as its source and marks the connection established", () => {
    const ns = node();
    ipvsRequest(ns, request(), ns.conntrack.create(request(), 0), true, 0, []);
    const reply: Packet = {
      proto: 'tcp',
      src: ip('10.10.1.2'),
      sport: 80,
      dst: ip('10.10.0.5'),
      dport: 40000,
      length: 60,
      mark: 0,
    };
    const trace: TraceEvent[] = [];
    expect(ipvsReply(ns, reply, 0, trace)).toBe(true);
    expect(`${formatIp(reply.src)}:${reply.sport}`).toBe('10.200.1.80:9000');
    expect(ns.ipvs.list()[0]!.dests[0]!.activeConns).toBe(1);
    expect(formatTrace(trace, () => ns)).toEqual(['node/n1: ipvs reply 10.10.1.2:80 -> 10.200.1.80:9000']);
    finishIpvsConnections(
      [
        {
          kind: 'ipvs',
          netns: 'node/n1',
          dir: 'request',
          service: 'TCP 10.200.1.80:9000',
          scheduler: 'rr',
          destination: '10.10.1.2:80',
          conn: 1,
          fresh: true,
        },
      ],
      () => ns,
      'TIME_WAIT',
      0,
    );
    expect(ns.ipvs.list()[0]!.dests[0]!).toMatchObject({ activeConns: 0, inactConns: 1 });
  });

  it('rejects a packet for a virtual server without real servers, and leaves other packets alone', () => {
    const ns = new Netns('node/n1');
    ns.ipvs.addService({ proto: 'tcp', addr: ip('10.200.1.81'), port: 80, scheduler: 'rr' }, 0);
    const p: Packet = { ...request(), dst: ip('10.200.1.81'), dport: 80 };
    const trace: TraceEvent[] = [];
    expect(ipvsRequest(ns, p, ns.conntrack.create(p, 0), true, 0, trace)).toEqual({ kind: 'reject' });
    expect(formatTrace(trace, () => ns)).toEqual(['node/n1: ipvs: TCP 10.200.1.81:80 has no destination available']);
    const other = request();
    expect(ipvsRequest(ns, other, ns.conntrack.create(other, 0), true, 0, [])).toBeUndefined();
    expect(formatIp(other.dst)).toBe('10.200.1.80');
  });
});
