import { describe, expect, it } from 'vitest';
import { Netfilter, IptablesError, ERR_DELETE_INDEX, ERR_TOO_MANY_LINKS } from './netfilter';
import { parseRuleSpec } from './ruleparse';
import { listRulesS } from './dump';

// Expected texts and errors: iptables v1.8.9 (nf_tables) in a scratch netns.
const rule = (spec: string) => parseRuleSpec(spec.split(' '));

function filterWithRules(): Netfilter {
  const nf = new Netfilter();
  nf.append('filter', 'INPUT', rule('-s 10.0.0.5 -j DROP'));
  nf.append('filter', 'INPUT', rule('-p tcp --dport 80 -j ACCEPT'));
  nf.newChain('filter', 'KUBE-TEST');
  nf.insert('filter', 'INPUT', rule('-i eth0 -j KUBE-TEST'), 1);
  return nf;
}

describe('Netfilter', () => {
  it('appends and inserts rules in the order iptables -S lists them', () => {
    expect(listRulesS(filterWithRules(), 'filter', 'INPUT')).toBe(
      '-P INPUT ACCEPT\n-A INPUT -i eth0 -j KUBE-TEST\n-A INPUT -s 10.0.0.5/32 -j DROP\n-A INPUT -p tcp -m tcp --dport 80 -j ACCEPT\n',
    );
  });

  it('refuses to delete a rule number past the end', () => {
    const nf = filterWithRules();
    expect(() => nf.deleteAt('filter', 'INPUT', 9)).toThrow(new IptablesError(ERR_DELETE_INDEX));
    expect(ERR_DELETE_INDEX).toBe('iptables: Index of deletion too big.');
  });

  it('refuses to delete a chain a rule still jumps to, and deletes it once nothing does', () => {
    const nf = filterWithRules();
    expect(() => nf.deleteChain('filter', 'KUBE-TEST')).toThrow(new IptablesError(ERR_TOO_MANY_LINKS));
    nf.deleteAt('filter', 'INPUT', 1);
    nf.deleteChain('filter', 'KUBE-TEST');
    expect(nf.userChains('filter')).toEqual([]);
  });

  it('flushes one chain and leaves the others', () => {
    const nf = filterWithRules();
    nf.append('filter', 'FORWARD', rule('-j ACCEPT'));
    nf.flush('filter', 'INPUT');
    expect(listRulesS(nf, 'filter')).toBe(
      '-P INPUT ACCEPT\n-P FORWARD ACCEPT\n-P OUTPUT ACCEPT\n-N KUBE-TEST\n-A FORWARD -j ACCEPT\n',
    );
  });

  it('snapshots to JSON and back to the same rules', () => {
    const nf = filterWithRules();
    const back = new Netfilter(JSON.parse(JSON.stringify(nf.snapshot())));
    expect(listRulesS(back, 'filter')).toBe(listRulesS(nf, 'filter'));
  });
});
