import { describe, expect, it } from 'vitest';
import { parseRuleSpec, splitRuleLine } from './ruleparse';
import { saveRuleSpec } from './rulefmt';
import { IptablesError } from './netfilter';

// Expected texts: iptables v1.8.9 (nf_tables) in a scratch netns, `iptables -A ... ; iptables-save`.
/** The rule as iptables-save prints it in INPUT (`-A INPUT` + the spec). */
const saved = (spec: string) => `-A INPUT${saveRuleSpec(parseRuleSpec(splitRuleLine(spec)))}`;

describe('parseRuleSpec, saved back as iptables-save prints it', () => {
  it('gives a bare source address its /32', () => {
    expect(saved('-s 10.0.0.5 -j DROP')).toBe('-A INPUT -s 10.0.0.5/32 -j DROP');
  });

  it('loads the protocol match for --dport, as iptables does implicitly', () => {
    expect(saved('-p tcp --dport 80 -j ACCEPT')).toBe('-A INPUT -p tcp -m tcp --dport 80 -j ACCEPT');
  });

  it('puts the source before a negated output interface, whatever order they were typed in', () => {
    expect(saved('! -o br0 -s 172.18.0.0/16 -j MASQUERADE')).toBe('-A INPUT -s 172.18.0.0/16 ! -o br0 -j MASQUERADE');
  });

  it('keeps a quoted comment with its space', () => {
    expect(saved('-d 10.96.0.0/12 -m comment --comment "kube svc" -j RETURN')).toBe(
      '-A INPUT -d 10.96.0.0/12 -m comment --comment "kube svc" -j RETURN',
    );
  });

  it('keeps explicit matches in the order given', () => {
    expect(saved('-p udp -m udp --sport 53 -m state --state ESTABLISHED -j ACCEPT')).toBe(
      '-A INPUT -p udp -m udp --sport 53 -m state --state ESTABLISHED -j ACCEPT',
    );
  });

  it('jumps to a user chain by name', () => {
    expect(saved('-i eth0 -j KUBE-TEST')).toBe('-A INPUT -i eth0 -j KUBE-TEST');
  });

  it('refuses --dport without a protocol, as iptables does', () => {
    expect(() => parseRuleSpec(['--dport', '80', '-j', 'ACCEPT'])).toThrow(IptablesError);
  });
});

describe('splitRuleLine', () => {
  it('splits on blanks and keeps double-quoted words whole, without the quotes', () => {
    expect(splitRuleLine('-m comment --comment "a b" -j ACCEPT')).toEqual([
      '-m',
      'comment',
      '--comment',
      'a b',
      '-j',
      'ACCEPT',
    ]);
  });
});
