import { describe, expect, it } from 'vitest';
import { parseRuleSpec, splitRuleLine } from './ruleparse';
import { saveRuleSpec } from './rulefmt';
import { IptablesError } from './netfilter';

/** Parses what kube-proxy (or a learner) writes and prints it as iptables-save does. */
const saved = (spec: string): string => saveRuleSpec(parseRuleSpec(splitRuleLine(spec))).trimStart();

describe('rule save format (reference 1.7)', () => {
  it('moves header fields first and keeps --dport with the tcp match', () => {
    expect(
      saved(
        '-m comment --comment "default/my-nginx cluster IP" -m tcp -p tcp -d 10.96.86.215 --dport 80 -j KUBE-SVC-L65ENXXZWWSAPRCR',
      ),
    ).toBe(
      '-d 10.96.86.215/32 -p tcp -m comment --comment "default/my-nginx cluster IP" -m tcp --dport 80 -j KUBE-SVC-L65ENXXZWWSAPRCR',
    );
  });

  it('prints ! -s before -d', () => {
    expect(
      saved(
        '-m comment --comment "default/my-nginx cluster IP" -m tcp -p tcp -d 10.96.86.215 --dport 80 ! -s 10.244.0.0/16 -j KUBE-MARK-MASQ',
      ),
    ).toBe(
      '! -s 10.244.0.0/16 -d 10.96.86.215/32 -p tcp -m comment --comment "default/my-nginx cluster IP" -m tcp --dport 80 -j KUBE-MARK-MASQ',
    );
  });

  it('normalises --or-mark and --xor-mark to --set-xmark', () => {
    expect(saved('-j MARK --or-mark 0x4000')).toBe('-j MARK --set-xmark 0x4000/0x4000');
    expect(saved('-j MARK --xor-mark 0x4000')).toBe('-j MARK --set-xmark 0x4000/0x0');
  });

  it('prints a negated mark match with the mask kube-proxy gave as 0x00004000', () => {
    expect(saved('-m mark ! --mark 0x00004000/0x00004000 -j RETURN')).toBe('-m mark ! --mark 0x4000/0x4000 -j RETURN');
  });

  it('quotes a comment with a slash but not a plain word', () => {
    expect(saved('-m comment --comment default/web -j ACCEPT')).toBe('-m comment --comment "default/web" -j ACCEPT');
    expect(saved('-m comment --comment plain_word-1 -j ACCEPT')).toBe('-m comment --comment plain_word-1 -j ACCEPT');
  });

  it('prints a probability with 11 decimals', () => {
    expect(saved('-m statistic --mode random --probability 0.3333333333 -j KUBE-SEP-X')).toBe(
      '-m statistic --mode random --probability 0.33333333349 -j KUBE-SEP-X',
    );
  });

  it('adds the default reject type', () => {
    expect(
      saved(
        '-m comment --comment "kube-system/kube-dns:dns has no endpoints" -m udp -p udp -d 10.2.0.10 --dport 53 -j REJECT',
      ),
    ).toBe(
      '-d 10.2.0.10/32 -p udp -m comment --comment "kube-system/kube-dns:dns has no endpoints" -m udp --dport 53 -j REJECT --reject-with icmp-port-unreachable',
    );
  });

  it('prints recent matches in libxt_recent save order', () => {
    expect(saved('-m recent --name KUBE-SEP-Y --rcheck --seconds 10800 --reap -j KUBE-SEP-Y')).toBe(
      '-m recent --rcheck --seconds 10800 --reap --name KUBE-SEP-Y --mask 255.255.255.255 --rsource -j KUBE-SEP-Y',
    );
    expect(saved('-m recent --name KUBE-SEP-Y --set -m tcp -p tcp -j DNAT --to-destination 10.244.1.5:8080')).toBe(
      '-p tcp -m recent --set --name KUBE-SEP-Y --mask 255.255.255.255 --rsource -m tcp -j DNAT --to-destination 10.244.1.5:8080',
    );
  });

  it('prints the localnet firewall rule with conntrack states in kernel order', () => {
    expect(
      saved(
        '-m comment --comment "block incoming localnet connections" -d 127.0.0.0/8 ! -s 127.0.0.0/8 -m conntrack ! --ctstate RELATED,ESTABLISHED,DNAT -j DROP',
      ),
    ).toBe(
      '! -s 127.0.0.0/8 -d 127.0.0.0/8 -m comment --comment "block incoming localnet connections" -m conntrack ! --ctstate RELATED,ESTABLISHED,DNAT -j DROP',
    );
    expect(saved('-m conntrack --ctstate ESTABLISHED,RELATED -j ACCEPT')).toBe(
      '-m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT',
    );
  });

  it('loads the tcp match implicitly for -p tcp --dport', () => {
    expect(saved('-p tcp --dport 8080 -s 10.0.0.5 -j DROP')).toBe('-s 10.0.0.5/32 -p tcp -m tcp --dport 8080 -j DROP');
  });

  it('prints addrtype and set matches with their negations', () => {
    expect(saved('-m addrtype ! --dst-type LOCAL -j KIND-MASQ-AGENT')).toBe(
      '-m addrtype ! --dst-type LOCAL -j KIND-MASQ-AGENT',
    );
    expect(saved('-m set --match-set KUBE-CLUSTER-IP dst,dst -j ACCEPT')).toBe(
      '-m set --match-set KUBE-CLUSTER-IP dst,dst -j ACCEPT',
    );
  });

  it('prints MASQUERADE --random-fully', () => {
    expect(saved('-m comment --comment "kubernetes service traffic requiring SNAT" -j MASQUERADE --random-fully')).toBe(
      '-m comment --comment "kubernetes service traffic requiring SNAT" -j MASQUERADE --random-fully',
    );
  });
});

describe('rule parse errors', () => {
  const error = (spec: string): { message: string; exitCode: number } => {
    try {
      parseRuleSpec(splitRuleLine(spec));
    } catch (e) {
      if (e instanceof IptablesError) return { message: e.message, exitCode: e.exitCode };
      throw e;
    }
    throw new Error('no error');
  };

  it('reports an unknown match module like iptables-nft', () => {
    expect(error('-m nosuch -j ACCEPT')).toEqual({
      message:
        "iptables v1.8.9 (nf_tables): Couldn't load match `nosuch':No such file or directory\n\nTry `iptables -h' or 'iptables --help' for more information.",
      exitCode: 2,
    });
  });

  it('reports --dport without a protocol as an unknown option', () => {
    expect(error('--dport 80 -j ACCEPT')).toEqual({
      message:
        "iptables v1.8.9 (nf_tables): unknown option \"--dport\"\nTry `iptables -h' or 'iptables --help' for more information.",
      exitCode: 2,
    });
  });

  it('reports a bad address', () => {
    expect(error('-s 10.0.0.300 -j DROP').message).toBe(
      "iptables v1.8.9 (nf_tables): host/network `10.0.0.300' not found\nTry `iptables -h' or 'iptables --help' for more information.",
    );
  });

  it('reports a stray word as a bad argument', () => {
    expect(error('-j DROP extra').message).toBe(
      "iptables v1.8.9 (nf_tables): Bad argument `extra'\nTry `iptables -h' or 'iptables --help' for more information.",
    );
  });
});
