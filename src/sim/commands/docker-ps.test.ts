import { describe, expect, it } from 'vitest';
import { displayPorts, humanDuration } from './docker-ps';

describe('docker ps cells', () => {
  it('merges consecutive port bindings into one range and sorts by address', () => {
    const bindings = Object.fromEntries(
      [30000, 30001, 30002, 30003, 30004].map((p) => [`${p}/tcp`, [{ HostIp: '0.0.0.0', HostPort: String(p) }]]),
    );
    bindings['6443/tcp'] = [{ HostIp: '127.0.0.1', HostPort: '38687' }];
    expect(displayPorts(bindings)).toBe('0.0.0.0:30000-30004->30000-30004/tcp, 127.0.0.1:38687->6443/tcp');
  });

  it('prints nothing for a container without bindings', () => {
    expect(displayPorts({})).toBe('');
  });

  it('words durations as docker does', () => {
    expect([500, 40_000, 90_000, 5 * 60_000, 70 * 60_000, 5 * 3600_000].map(humanDuration)).toEqual([
      'Less than a second',
      '40 seconds',
      'About a minute',
      '5 minutes',
      'About an hour',
      '5 hours',
    ]);
  });
});
