import { describe, expect, it } from 'vitest';
import { Ipsets } from '../net/ipset';
import { Netfilter } from '../net/netfilter';
import { parseRuleSpec } from '../net/ruleparse';
import { runIpset } from './ipset';

function setup(): { sets: Ipsets; nf: Netfilter; run: (...args: string[]) => ReturnType<typeof runIpset> } {
  const sets = new Ipsets();
  const nf = new Netfilter();
  let seed = 0x1000;
  return { sets, nf, run: (...args) => runIpset(args, sets, nf, () => seed++) };
}

describe('ipset', () => {
  it('prints every set, one blank line apart, with ipset list', () => {
    const { run } = setup();
    run('create', 'A', 'hash:ip');
    run('create', 'KUBE-NODE-PORT-TCP', 'bitmap:port', 'range', '0-65535');
    run('add', 'KUBE-NODE-PORT-TCP', '30080');
    expect(run('list').stdout).toBe(
      'Name: A\nType: hash:ip\nRevision: 6\nHeader: family inet hashsize 1024 maxelem 65536 bucketsize 12 initval 0x00001000\nSize in memory: 200\nReferences: 0\nNumber of entries: 0\nMembers:\n' +
        '\n' +
        'Name: KUBE-NODE-PORT-TCP\nType: bitmap:port\nRevision: 3\nHeader: range 0-65535\nSize in memory: 8264\nReferences: 0\nNumber of entries: 1\nMembers:\n30080\n',
    );
    expect(run('-L', '-n').stdout).toBe('A\nKUBE-NODE-PORT-TCP\n');
  });

  it('counts the iptables rules that use a set as its References', () => {
    const { run, nf } = setup();
    run('create', 'KUBE-CLUSTER-IP', 'hash:ip,port');
    nf.ensureChain('nat', 'KUBE-SERVICES');
    nf.append(
      'nat',
      'KUBE-SERVICES',
      parseRuleSpec(['-m', 'set', '--match-set', 'KUBE-CLUSTER-IP', 'dst,dst', '-j', 'ACCEPT']),
    );
    nf.append(
      'filter',
      'INPUT',
      parseRuleSpec(['-m', 'set', '--match-set', 'KUBE-CLUSTER-IP', 'dst,dst', '-j', 'RETURN']),
    );
    expect(run('list', 'KUBE-CLUSTER-IP', '-t').stdout).toBe(
      'Name: KUBE-CLUSTER-IP\nType: hash:ip,port\nRevision: 7\nHeader: family inet hashsize 1024 maxelem 65536 bucketsize 12 initval 0x00001000\nSize in memory: 200\nReferences: 2\nNumber of entries: 0\n',
    );
    expect(run('destroy', 'KUBE-CLUSTER-IP')).toEqual({
      stdout: '',
      stderr: 'ipset v7.17: Set cannot be destroyed: it is in use by a kernel component\n',
      code: 1,
    });
  });

  it('tests, adds and deletes entries with ipset v7 messages', () => {
    const { run } = setup();
    run('create', 'S', 'hash:ip,port');
    expect(run('add', 'S', '10.96.0.10,udp:53').code).toBe(0);
    expect(run('add', 'S', '10.96.0.10,udp:53')).toEqual({
      stdout: '',
      stderr: "ipset v7.17: Element cannot be added to the set: it's already added\n",
      code: 1,
    });
    expect(run('add', 'S', '10.96.0.10,udp:53', '-exist').code).toBe(0);
    expect(run('test', 'S', '10.96.0.10,udp:53')).toEqual({
      stdout: '',
      stderr: '10.96.0.10,udp:53 is in set S.\n',
      code: 0,
    });
    expect(run('test', 'S', '10.96.0.10,tcp:53')).toEqual({
      stdout: '',
      stderr: 'ipset v7.17: 10.96.0.10,tcp:53 is NOT in set S.\n',
      code: 1,
    });
    expect(run('del', 'S', '10.96.0.10,udp:53').code).toBe(0);
    expect(run('del', 'S', '10.96.0.10,udp:53').stderr).toBe(
      "ipset v7.17: Element cannot be deleted from the set: it's not added\n",
    );
  });

  it('says a set does not exist when listing, adding to or flushing a missing one', () => {
    const { run } = setup();
    const missing = { stdout: '', stderr: 'ipset v7.17: The set with the given name does not exist\n', code: 1 };
    expect(run('list', 'NOPE')).toEqual(missing);
    expect(run('add', 'NOPE', '1.2.3.4')).toEqual(missing);
    expect(run('flush', 'NOPE')).toEqual(missing);
  });

  it('prints its help for -h and members sorted for list -s', () => {
    const { run } = setup();
    expect(run('-h').stdout.split('\n').slice(0, 3)).toEqual(['ipset v7.17', '', 'Usage: ipset [options] COMMAND']);
    run('create', 'S', 'hash:ip,port');
    for (const e of ['10.0.0.9,tcp:80', '10.0.0.10,tcp:80', '10.0.0.1,udp:53']) run('add', 'S', e);
    expect(run('list', '-s', 'S').stdout.split('\n').slice(8)).toEqual([
      '10.0.0.1,udp:53',
      '10.0.0.10,tcp:80',
      '10.0.0.9,tcp:80',
      '',
    ]);
  });
});
