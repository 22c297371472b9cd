import { describe, expect, it } from 'vitest';
import { Netfilter } from './netfilter';
import { parseRuleSpec, splitRuleLine } from './ruleparse';
import { evaluateChain, type EvalContext } from './evaluate';
import type { Packet } from './packet';
import type { TraceEvent } from './trace';

const rule = (line: string) => parseRuleSpec(splitRuleLine(line));
const packet = (over: Partial<Packet> = {}): Packet => ({
  proto: 'tcp',
  src: 0x0a000001,
  dst: 0x0a000002,
  sport: 40000,
  dport: 80,
  length: 60,
  mark: 0,
  ...over,
});

function ctx(over: Partial<EvalContext> = {}): EvalContext & { trace: TraceEvent[] } {
  return {
    netns: 'n',
    random: () => 0.5,
    now: 0,
    ct: { state: 'NEW', dnat: false, snat: false },
    addrType: () => 'UNICAST',
    trace: [],
    ...over,
  };
}

describe('evaluateChain', () => {
  it('jumps into a user chain, returns on RETURN and falls through to the policy', () => {
    const nf = new Netfilter();
    nf.newChain('filter', 'LAB');
    nf.append('filter', 'LAB', rule('-p tcp --dport 80 -j RETURN'));
    nf.append('filter', 'LAB', rule('-j DROP'));
    nf.append('filter', 'INPUT', rule('-j LAB'));
    const c = ctx();
    expect(evaluateChain(nf, 'filter', 'INPUT', packet(), c)).toEqual({ kind: 'ACCEPT' });
    expect(c.trace).toEqual([
      { kind: 'rule', netns: 'n', table: 'filter', chain: 'INPUT', index: 1 },
      { kind: 'rule', netns: 'n', table: 'filter', chain: 'LAB', index: 1 },
      { kind: 'policy', netns: 'n', table: 'filter', chain: 'INPUT', policy: 'ACCEPT' },
    ]);
    expect(evaluateChain(nf, 'filter', 'INPUT', packet({ dport: 22 }), ctx())).toEqual({ kind: 'DROP' });
  });

  it('counts packets and bytes on every matched rule and on the policy', () => {
    const nf = new Netfilter();
    nf.append('filter', 'INPUT', rule('-s 10.0.0.0/8'));
    evaluateChain(nf, 'filter', 'INPUT', packet(), ctx());
    evaluateChain(nf, 'filter', 'INPUT', packet({ length: 100 }), ctx());
    expect(nf.chain('filter', 'INPUT')!.rules[0]!.counters).toEqual({ packets: 2, bytes: 160 });
    expect(nf.chain('filter', 'INPUT')!.counters).toEqual({ packets: 2, bytes: 160 });
  });

  it('applies MARK and matches the mark later in the walk', () => {
    const nf = new Netfilter();
    nf.append('nat', 'POSTROUTING', rule('-j MARK --or-mark 0x4000'));
    nf.append('nat', 'POSTROUTING', rule('-m mark --mark 0x4000/0x4000 -j MASQUERADE'));
    const p = packet();
    expect(evaluateChain(nf, 'nat', 'POSTROUTING', p, ctx())).toEqual({ kind: 'MASQUERADE' });
    expect(p.mark).toBe(0x4000);
  });

  it('takes the statistic branch when the seeded draw is below the probability', () => {
    const nf = new Netfilter();
    nf.append('filter', 'INPUT', rule('-m statistic --mode random --probability 0.3 -j DROP'));
    expect(evaluateChain(nf, 'filter', 'INPUT', packet(), ctx({ random: () => 0.29 }))).toEqual({ kind: 'DROP' });
    expect(evaluateChain(nf, 'filter', 'INPUT', packet(), ctx({ random: () => 0.31 }))).toEqual({ kind: 'ACCEPT' });
  });

  it('remembers a source with recent --set and finds it with --rcheck until --seconds pass', () => {
    const nf = new Netfilter();
    nf.append(
      'nat',
      'PREROUTING',
      rule('-m recent --name AFF --rcheck --seconds 10 --reap -j DNAT --to-destination 10.9.9.9:80'),
    );
    nf.append('nat', 'PREROUTING', rule('-m recent --name AFF --set -j DNAT --to-destination 10.8.8.8:80'));
    expect(evaluateChain(nf, 'nat', 'PREROUTING', packet(), ctx({ now: 0 }))).toEqual({
      kind: 'DNAT',
      to: '10.8.8.8:80',
    });
    expect(evaluateChain(nf, 'nat', 'PREROUTING', packet(), ctx({ now: 5000 }))).toEqual({
      kind: 'DNAT',
      to: '10.9.9.9:80',
    });
    expect(evaluateChain(nf, 'nat', 'PREROUTING', packet(), ctx({ now: 20000 }))).toEqual({
      kind: 'DNAT',
      to: '10.8.8.8:80',
    });
  });

  it('matches conntrack states, including the DNAT status bit', () => {
    const nf = new Netfilter();
    nf.append(
      'filter',
      'INPUT',
      rule('-d 127.0.0.0/8 ! -s 127.0.0.0/8 -m conntrack ! --ctstate RELATED,ESTABLISHED,DNAT -j DROP'),
    );
    const toLoopback = packet({ dst: 0x7f000001 });
    expect(evaluateChain(nf, 'filter', 'INPUT', toLoopback, ctx())).toEqual({ kind: 'DROP' });
    expect(
      evaluateChain(nf, 'filter', 'INPUT', { ...toLoopback }, ctx({ ct: { state: 'NEW', dnat: true, snat: false } })),
    ).toEqual({ kind: 'ACCEPT' });
  });

  it('matches addrtype with negation', () => {
    const nf = new Netfilter();
    nf.append('nat', 'POSTROUTING', rule('-m addrtype ! --dst-type LOCAL -j MASQUERADE'));
    expect(evaluateChain(nf, 'nat', 'POSTROUTING', packet(), ctx({ addrType: () => 'LOCAL' }))).toEqual({
      kind: 'ACCEPT',
    });
    expect(evaluateChain(nf, 'nat', 'POSTROUTING', packet(), ctx())).toEqual({ kind: 'MASQUERADE' });
  });

  it('does not come back from a goto', () => {
    const nf = new Netfilter();
    nf.newChain('filter', 'G');
    nf.append('filter', 'G', rule('-p udp -j ACCEPT'));
    nf.append('filter', 'INPUT', rule('-g G'));
    nf.append('filter', 'INPUT', rule('-j DROP'));
    nf.setPolicy('filter', 'INPUT', 'ACCEPT');
    expect(evaluateChain(nf, 'filter', 'INPUT', packet(), ctx())).toEqual({ kind: 'ACCEPT' });
    expect(nf.chain('filter', 'INPUT')!.rules[1]!.counters.packets).toBe(0);
  });
});

describe('statistic nth', () => {
  it('matches every third packet', () => {
    const nf = new Netfilter();
    nf.append('filter', 'INPUT', rule('-m statistic --mode nth --every 3 --packet 0 -j DROP'));
    const verdicts = Array.from({ length: 6 }, () => evaluateChain(nf, 'filter', 'INPUT', packet(), ctx()).kind);
    expect(verdicts).toEqual(['ACCEPT', 'ACCEPT', 'DROP', 'ACCEPT', 'ACCEPT', 'DROP']);
  });
});

describe('chain names', () => {
  it('treats Object.prototype member names as missing chains', () => {
    const nf = new Netfilter();
    expect(nf.chain('filter', 'toString')).toBeUndefined();
    expect(nf.chain('filter', '__proto__')).toBeUndefined();
    nf.newChain('filter', 'toString');
    expect(nf.chain('filter', 'toString')?.rules).toEqual([]);
    nf.newChain('filter', '__proto__');
    expect(nf.userChains('filter')).toEqual(['__proto__', 'toString']);
  });
});

describe('long chains', () => {
  function longChain(): Netfilter {
    const nf = new Netfilter();
    for (let i = 0; i < 100; i++) nf.append('filter', 'INPUT', rule(`-d 10.96.0.${i} -p tcp --dport 80 -j ACCEPT`));
    nf.append('filter', 'INPUT', rule('-j DROP'));
    return nf;
  }

  it('finds the rule for a destination in a 100-rule chain and counts only the matched rules', () => {
    const nf = longChain();
    const c = ctx();
    expect(evaluateChain(nf, 'filter', 'INPUT', packet({ dst: 0x0a600032 }), c)).toEqual({ kind: 'ACCEPT' });
    expect(c.trace).toEqual([{ kind: 'rule', netns: 'n', table: 'filter', chain: 'INPUT', index: 51 }]);
    expect(evaluateChain(nf, 'filter', 'INPUT', packet({ dst: 0x0a600032, dport: 81 }), ctx())).toEqual({
      kind: 'DROP',
    });
  });

  it('keeps rule order: a wildcard rule inserted before the exact rules wins, and deleting it restores them', () => {
    const nf = longChain();
    evaluateChain(nf, 'filter', 'INPUT', packet({ dst: 0x0a600032 }), ctx());
    nf.insert('filter', 'INPUT', rule('-s 10.0.0.1 -j DROP'), 1);
    expect(evaluateChain(nf, 'filter', 'INPUT', packet({ dst: 0x0a600032 }), ctx())).toEqual({ kind: 'DROP' });
    nf.deleteAt('filter', 'INPUT', 1);
    nf.insert('filter', 'INPUT', rule('-s 10.9.9.9 -j DROP'), 1);
    expect(evaluateChain(nf, 'filter', 'INPUT', packet({ dst: 0x0a600032 }), ctx())).toEqual({ kind: 'ACCEPT' });
  });
});
