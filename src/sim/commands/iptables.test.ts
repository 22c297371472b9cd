import { describe, expect, it } from 'vitest';
import { Netfilter } from '../net/netfilter';
import { runIptables, runIptablesRestore, runIptablesSave } from './iptables';
import { syncRules } from '../proxy/sync';
import { generateProxyRules, DEFAULT_PROXY_CONFIG } from '../proxy/iptables';

const NOW = Date.UTC(2026, 9, 2, 16, 0, 0);
const run = (nf: Netfilter, line: string) => runIptables(line.split(' ').filter(Boolean), nf);

function kubeProxyNode(): Netfilter {
  const nf = new Netfilter();
  syncRules(nf, generateProxyRules([], { ...DEFAULT_PROXY_CONFIG, nodeName: 'n1', clusterCIDR: '10.244.0.0/16' }));
  return nf;
}

describe('iptables command', () => {
  it('lists KUBE-POSTROUTING like the reference -L sample', () => {
    expect(run(kubeProxyNode(), '-t nat -L KUBE-POSTROUTING')).toEqual({
      stdout: [
        'Chain KUBE-POSTROUTING (1 references)',
        'target     prot opt source               destination         ',
        'RETURN     all  --  anywhere             anywhere             mark match ! 0x4000/0x4000',
        'MARK       all  --  anywhere             anywhere             MARK xor 0x4000',
        'MASQUERADE  all  --  anywhere             anywhere             /* kubernetes service traffic requiring SNAT */ random-fully',
        '',
      ].join('\n'),
      stderr: '',
      code: 0,
    });
  });

  it('prints 0.0.0.0/0 and line numbers with -n --line-numbers, and separates chains with a blank line', () => {
    const nf = new Netfilter();
    run(nf, '-N LAB');
    run(nf, '-A LAB -s 10.0.0.0/8 -j RETURN');
    run(nf, '-A INPUT -j LAB');
    expect(run(nf, '-L -n --line-numbers').stdout).toBe(
      [
        'Chain INPUT (policy ACCEPT)',
        'num  target     prot opt source               destination         ',
        '1    LAB        0    --  0.0.0.0/0            0.0.0.0/0           ',
        '',
        'Chain FORWARD (policy ACCEPT)',
        'num  target     prot opt source               destination         ',
        '',
        'Chain OUTPUT (policy ACCEPT)',
        'num  target     prot opt source               destination         ',
        '',
        'Chain LAB (1 references)',
        'num  target     prot opt source               destination         ',
        '1    RETURN     0    --  10.0.0.0/8           0.0.0.0/0           ',
        '',
      ].join('\n'),
    );
  });

  it('inserts at a position, deletes by number and by spec, and checks with -C', () => {
    const nf = new Netfilter();
    run(nf, '-A INPUT -s 10.0.0.1 -j DROP');
    run(nf, '-I INPUT -s 10.0.0.2 -j DROP');
    run(nf, '-I INPUT 2 -p tcp --dport 22 -j ACCEPT');
    expect(run(nf, '-S INPUT').stdout).toBe(
      '-P INPUT ACCEPT\n-A INPUT -s 10.0.0.2/32 -j DROP\n-A INPUT -p tcp -m tcp --dport 22 -j ACCEPT\n-A INPUT -s 10.0.0.1/32 -j DROP\n',
    );
    expect(run(nf, '-C INPUT -s 10.0.0.1/32 -j DROP').code).toBe(0);
    run(nf, '-D INPUT 1');
    run(nf, '-D INPUT -s 10.0.0.1 -j DROP');
    expect(run(nf, '-S INPUT').stdout).toBe('-P INPUT ACCEPT\n-A INPUT -p tcp -m tcp --dport 22 -j ACCEPT\n');
  });

  it('fails like iptables-nft on a missing rule, a missing chain, an existing chain and a referenced chain', () => {
    const nf = new Netfilter();
    expect(run(nf, '-D INPUT -s 10.9.9.9 -j DROP')).toEqual({
      stdout: '',
      stderr: 'iptables: Bad rule (does a matching rule exist in that chain?).\n',
      code: 1,
    });
    expect(run(nf, '-A NOPE -j ACCEPT')).toEqual({
      stdout: '',
      stderr: 'iptables: No chain/target/match by that name.\n',
      code: 1,
    });
    run(nf, '-N LAB');
    expect(run(nf, '-N LAB')).toEqual({ stdout: '', stderr: 'iptables: Chain already exists.\n', code: 1 });
    run(nf, '-A INPUT -j LAB');
    expect(run(nf, '-X LAB')).toEqual({ stdout: '', stderr: 'iptables: Too many links.\n', code: 1 });
    expect(run(nf, '-A INPUT -j FOO')).toEqual({
      stdout: '',
      stderr:
        "iptables v1.8.9 (nf_tables): Couldn't load target `FOO':No such file or directory\n\nTry `iptables -h' or 'iptables --help' for more information.\n",
      code: 2,
    });
    expect(run(nf, '-L NOPE').stderr).toBe('iptables: No chain/target/match by that name.\n');
  });

  it('zeroes counters with -Z and shows policy counters with -v', () => {
    const nf = new Netfilter();
    nf.table('filter').chains.INPUT!.counters = { packets: 123456, bytes: 98765432 };
    expect(run(nf, '-L INPUT -v').stdout.split('\n')[0]).toBe('Chain INPUT (policy ACCEPT 123K packets, 99M bytes)');
    expect(run(nf, '-L INPUT -v -x').stdout.split('\n')[0]).toBe(
      'Chain INPUT (policy ACCEPT 123456 packets, 98765432 bytes)',
    );
    run(nf, '-Z');
    expect(run(nf, '-nvL INPUT').stdout.split('\n')[0]).toBe('Chain INPUT (policy ACCEPT 0 packets, 0 bytes)');
  });

  it('sets a policy on a built-in chain only', () => {
    const nf = new Netfilter();
    run(nf, '-P FORWARD DROP');
    expect(run(nf, '-S FORWARD').stdout).toBe('-P FORWARD DROP\n');
    run(nf, '-N LAB');
    expect(run(nf, '-P LAB DROP').stderr).toBe('iptables: Bad built-in chain name.\n');
  });

  it('says no command specified without a command', () => {
    expect(run(new Netfilter(), '-n')).toEqual({
      stdout: '',
      stderr:
        "iptables v1.8.9 (nf_tables): no command specified\nTry `iptables -h' or 'iptables --help' for more information.\n",
      code: 2,
    });
  });
});

describe('iptables-save command', () => {
  it('prints counters with -c and one table with -t', () => {
    const nf = new Netfilter();
    run(nf, '-t nat -A POSTROUTING -s 10.244.0.0/16 -j MASQUERADE');
    nf.table('nat').chains.POSTROUTING!.rules[0]!.counters = { packets: 3, bytes: 180 };
    expect(runIptablesSave(['-c', '-t', 'nat'], nf, NOW).stdout).toBe(
      [
        '# Generated by iptables-nft-save v1.8.9 (nf_tables) on Fri Oct  2 16:00:00 2026',
        '*nat',
        ':PREROUTING ACCEPT [0:0]',
        ':INPUT ACCEPT [0:0]',
        ':OUTPUT ACCEPT [0:0]',
        ':POSTROUTING ACCEPT [0:0]',
        '[3:180] -A POSTROUTING -s 10.244.0.0/16 -j MASQUERADE',
        'COMMIT',
        '# Completed on Fri Oct  2 16:00:00 2026',
        '',
      ].join('\n'),
    );
  });
});

describe('iptables -S -v', () => {
  it('adds packet and byte counters to policies and, before the target, to rules', () => {
    const nf = new Netfilter();
    run(nf, '-A FORWARD -s 10.0.0.0/8 -j ACCEPT');
    nf.table('filter').chains.FORWARD!.rules[0]!.counters = { packets: 7, bytes: 420 };
    expect(run(nf, '-S FORWARD -v').stdout).toBe(
      '-P FORWARD ACCEPT -c 0 0\n-A FORWARD -s 10.0.0.0/8 -c 7 420 -j ACCEPT\n',
    );
  });
});

describe('iptables -L address names', () => {
  it('names the loopback network as /etc/networks does, and prints it numerically with -n', () => {
    const nf = kubeProxyNode();
    expect(run(nf, '-L KUBE-FIREWALL').stdout.split('\n')[2]).toBe(
      'DROP       all  -- !loopback/8           loopback/8           /* block incoming localnet connections */ ! ctstate RELATED,ESTABLISHED,DNAT',
    );
    expect(run(nf, '-L KUBE-FIREWALL -n').stdout.split('\n')[2]).toBe(
      'DROP       0    -- !127.0.0.0/8          127.0.0.0/8          /* block incoming localnet connections */ ! ctstate RELATED,ESTABLISHED,DNAT',
    );
  });
});

describe('iptables-restore', () => {
  it('restores what iptables-save printed, undoing later changes', () => {
    const nf = kubeProxyNode();
    const saved = runIptablesSave([], nf, NOW).stdout;
    run(nf, '-t nat -F KUBE-POSTROUTING');
    run(nf, '-I INPUT -s 10.0.0.9 -j DROP');
    run(nf, '-N LAB');
    expect(runIptablesRestore([], saved, nf)).toEqual({ stdout: '', stderr: '', code: 0 });
    expect(runIptablesSave([], nf, NOW).stdout).toBe(saved);
  });

  it('changes nothing when a line fails, and says which line', () => {
    const nf = new Netfilter();
    const input = '*filter\n:INPUT ACCEPT [0:0]\n-A INPUT -s 10.0.0.1 -j DROP\n-A INPUT -j NOSUCH\nCOMMIT\n';
    expect(runIptablesRestore([], input, nf)).toEqual({
      stdout: '',
      stderr:
        "iptables-restore v1.8.9 (nf_tables): Couldn't load target `NOSUCH':No such file or directory\nError occurred at line: 4\nTry `iptables-restore -h' or 'iptables-restore --help' for more information.\n",
      code: 1,
    });
    expect(run(nf, '-S INPUT').stdout).toBe('-P INPUT ACCEPT\n');
  });

  it('keeps existing rules with --noflush and restores counters with -c', () => {
    const nf = new Netfilter();
    run(nf, '-A INPUT -s 10.0.0.1 -j DROP');
    expect(
      runIptablesRestore(['--noflush', '-c'], '*filter\n[5:300] -A INPUT -s 10.0.0.2 -j DROP\nCOMMIT\n', nf).code,
    ).toBe(0);
    expect(run(nf, '-S INPUT -v').stdout).toBe(
      '-P INPUT ACCEPT -c 0 0\n-A INPUT -s 10.0.0.1/32 -c 0 0 -j DROP\n-A INPUT -s 10.0.0.2/32 -c 5 300 -j DROP\n',
    );
  });
});
