import { describe, expect, it } from 'vitest';
import { Conntrack } from '../net/conntrack';
import { runConntrack } from './conntrack';

const NOW = 1_000_000;

function table(): Conntrack {
  const ct = new Conntrack();
  const e = ct.create(
    { proto: 'tcp', src: 0x0a0a0005, dst: 0x0ac80152, sport: 52416, dport: 9000, length: 60, mark: 0 },
    NOW,
  );
  ct.bindDnat(e, 0x0a0a0202, 80);
  ct.confirm(e);
  ct.closeTcp(e, NOW);
  const u = ct.create(
    { proto: 'udp', src: 0x0a0a0005, dst: 0x0ac8010a, sport: 40000, dport: 53, length: 60, mark: 0 },
    NOW,
  );
  ct.confirm(u);
  return ct;
}

describe('conntrack command', () => {
  it('lists entries and reports the count on stderr', () => {
    expect(runConntrack(['-L'], table(), NOW + 3000)).toEqual({
      stdout:
        'tcp      6 117 TIME_WAIT src=10.10.0.5 dst=10.200.1.82 sport=52416 dport=9000 src=10.10.2.2 dst=10.10.0.5 sport=80 dport=52416 [ASSURED] mark=0 use=1\n' +
        'udp      17 27 src=10.10.0.5 dst=10.200.1.10 sport=40000 dport=53 [UNREPLIED] src=10.200.1.10 dst=10.10.0.5 sport=53 dport=40000 mark=0 use=1\n',
      stderr: 'conntrack v1.4.7 (conntrack-tools): 2 flow entries have been shown.\n',
      code: 0,
    });
  });

  it('filters by protocol and original destination', () => {
    expect(runConntrack(['-L', '-p', 'udp', '-d', '10.200.1.10'], table(), NOW).stderr).toBe(
      'conntrack v1.4.7 (conntrack-tools): 1 flow entries have been shown.\n',
    );
  });

  it('deletes matching entries and fails when nothing matched', () => {
    const ct = table();
    expect(runConntrack(['-D', '-p', 'tcp'], ct, NOW).stderr).toBe(
      'conntrack v1.4.7 (conntrack-tools): 1 flow entries have been deleted.\n',
    );
    expect(runConntrack(['-D', '-p', 'tcp'], ct, NOW)).toEqual({
      stdout: '',
      stderr: 'conntrack v1.4.7 (conntrack-tools): 0 flow entries have been deleted.\n',
      code: 1,
    });
    expect(runConntrack(['-L'], ct, NOW).stderr).toBe(
      'conntrack v1.4.7 (conntrack-tools): 1 flow entries have been shown.\n',
    );
  });

  it('expires entries when their timeout runs out', () => {
    expect(runConntrack(['-L'], table(), NOW + 31_000).stderr).toBe(
      'conntrack v1.4.7 (conntrack-tools): 1 flow entries have been shown.\n',
    );
  });
});
