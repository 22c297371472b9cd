/** Same seed, same bytes; another seed, other pod names and IPs (architecture: grading by replay). */
import { describe, expect, it } from 'vitest';
import { KubectlHarness } from './kubectl-harness';

async function session(seed: number): Promise<string> {
  const h = KubectlHarness.scenario('kind-iptables', seed);
  let out = '';
  for (const line of [
    'kubectl create deployment web --image=nginx:1.27 --replicas=4',
    'kubectl expose deployment web --port=80',
    'kubectl get pod -A -o wide',
    'kubectl get svc,ep',
  ]) {
    const r = await h.run(line);
    out += r.stdout + r.stderr;
  }
  return out;
}

describe('determinism', () => {
  it('prints the same bytes for the same seed and command lines', async () => {
    expect(await session(7)).toBe(await session(7));
  });

  it('draws other pod names and service IPs from another seed', async () => {
    const a = await session(1);
    const b = await session(2);
    const names = (s: string) => s.match(/web-[a-z0-9]+-[a-z0-9]{5}/g)!.sort();
    expect(names(a)).not.toEqual(names(b));
    const ip = (s: string) => s.match(/service\/web\s+ClusterIP\s+(\S+)/)![1];
    expect(ip(a)).not.toBe(ip(b));
  });

  it('gives the same output from a restored snapshot as from the original', async () => {
    const h = KubectlHarness.scenario('kind-iptables', 3);
    await h.run('kubectl create deployment web --image=nginx:1.27 --replicas=2');
    const copy = new KubectlHarness(h.emu.clone());
    const a = await h.run('kubectl get pod -o wide');
    const b = await copy.run('kubectl get pod -o wide');
    expect(b).toEqual(a);
  });
});
