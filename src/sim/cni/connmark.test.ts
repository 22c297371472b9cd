import { describe, expect, it } from 'vitest';
import { parseRuleSpec } from '../net/ruleparse';
import { printTarget, saveRule } from '../net/rulefmt';
import { Netfilter } from '../net/netfilter';
import { evaluateChain, type EvalContext } from '../net/evaluate';
import type { Packet } from '../net/packet';

/** The VPC CNI's CONNMARK rules (reference 3.5) through the iptables model. */
describe('CONNMARK target', () => {
  it('saves --set-xmark and --restore-mark as iptables-save prints them', () => {
    expect(saveRule('AWS-CONNMARK-CHAIN-0', parseRuleSpec(['-j', 'CONNMARK', '--set-xmark', '0x80/0x80']))).toBe(
      '-A AWS-CONNMARK-CHAIN-0 -j CONNMARK --set-xmark 0x80/0x80',
    );
    expect(
      saveRule(
        'PREROUTING',
        parseRuleSpec(['-j', 'CONNMARK', '--restore-mark', '--nfmask', '0x80', '--ctmask', '0x80']),
      ),
    ).toBe('-A PREROUTING -j CONNMARK --restore-mark --nfmask 0x80 --ctmask 0x80');
  });

  it('prints the -L forms of libxt_CONNMARK', () => {
    expect(printTarget(parseRuleSpec(['-j', 'CONNMARK', '--set-xmark', '0x80/0x80']).target!)).toBe(
      ' CONNMARK or 0x80',
    );
    expect(
      printTarget(parseRuleSpec(['-j', 'CONNMARK', '--restore-mark', '--nfmask', '0x80', '--ctmask', '0x80']).target!),
    ).toBe(' CONNMARK restore mask 0x80');
    expect(printTarget(parseRuleSpec(['-j', 'CONNMARK', '--save-mark']).target!)).toBe(' CONNMARK save');
  });

  it('sets the connection mark, then restores it onto the packet', () => {
    const nf = new Netfilter();
    nf.append('nat', 'PREROUTING', parseRuleSpec(['-j', 'CONNMARK', '--set-xmark', '0x80/0x80']));
    nf.append(
      'nat',
      'PREROUTING',
      parseRuleSpec(['-j', 'CONNMARK', '--restore-mark', '--nfmask', '0x80', '--ctmask', '0x80']),
    );
    let ctMark = 0;
    const packet: Packet = { proto: 'tcp', src: 1, dst: 2, sport: 1000, dport: 80, length: 60, mark: 0x1 };
    const ctx: EvalContext = {
      netns: 'n',
      random: () => 0,
      now: 0,
      ct: { state: 'NEW', dnat: false, snat: false },
      addrType: () => 'UNICAST',
      ctMark: { get: () => ctMark, set: (m) => void (ctMark = m) },
    };
    evaluateChain(nf, 'nat', 'PREROUTING', packet, ctx);
    expect([ctMark, packet.mark]).toEqual([0x80, 0x81]);
  });

  it('refuses an unknown CONNMARK option as iptables does', () => {
    expect(() => parseRuleSpec(['-j', 'CONNMARK', '--to-source', '1.2.3.4'])).toThrow('unknown option "--to-source"');
  });
});
