/**
 * Integration fixes, each through the commands a learner types: names resolved on kind nodes by
 * Docker's embedded DNS (the DNAT virtual ctstate), systemd-resolved's stub on the learner's
 * machine, the ReplicaSet controller releasing and adopting pods, `kubectl run --rm`.
 */
import { describe, expect, it } from 'vitest';
import { freshSession, runLines } from '../../src/sim/shell/testing';

async function kind(...lines: string[]): Promise<string> {
  const { sh } = freshSession('kind-iptables', 1);
  return runLines(sh, lines);
}

describe('Docker\'s embedded DNS on kind nodes', () => {
  it('resolves another node of the kind network with getent', async () => {
    expect(await kind('docker exec myk8s-worker getent hosts myk8s-control-plane')).toBe('172.18.0.2      myk8s-control-plane\n');
  });

  it('answers nslookup for a node name through the docker gateway', async () => {
    expect(await kind('docker exec myk8s-worker nslookup myk8s-worker2')).toBe('Server:\t\t172.18.0.1\nAddress:\t172.18.0.1#53\n\nNon-authoritative answer:\nName:\tmyk8s-worker2\nAddress: 172.18.0.4\n\n');
  });

  it('forwards a public name upstream', async () => {
    expect(await kind('docker exec myk8s-worker nslookup kubernetes.io')).toBe(
      'Server:\t\t172.18.0.1\nAddress:\t172.18.0.1#53\n\nNon-authoritative answer:\nName:\tkubernetes.io\nAddress: 15.197.167.90\nName:\tkubernetes.io\nAddress: 3.33.186.135\n\n',
    );
  });

  it('answers a container name qualified with its network name', async () => {
    expect(await kind('docker exec myk8s-worker getent hosts myk8s-worker3.kind')).toBe('172.18.0.5      myk8s-worker3.kind\n');
  });
});
