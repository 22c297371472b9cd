import { describe, expect, it } from 'vitest';
import { freshSession, runLines } from '../shell/testing';
import { COREFILE } from '../scenarios/system-objects';

/** A cluster whose coredns ConfigMap forwards with `forward . TO` instead of /etc/resolv.conf. */
async function forwardingTo(to: string | undefined) {
  const { emu, sh } = freshSession('kind-iptables');
  if (to) {
    const cm = structuredClone(emu.cluster.get('configmaps', 'kube-system', 'coredns')!);
    cm.data.Corefile = COREFILE.replace('forward . /etc/resolv.conf', `forward . ${to}`);
    emu.cluster.update(cm);
  }
  await runLines(sh, ['kubectl run c --image=nicolaka/netshoot -- sleep infinity', 'sleep 10']);
  return (line: string) => runLines(sh, [line]);
}

// CoreDNS forward plugin (plugin/forward/README.md): the upstreams are asked from the CoreDNS pod; when
// none can be reached the client gets SERVFAIL. Names of the cluster zone never leave the kubernetes plugin.
describe('CoreDNS forward plugin, asked from the CoreDNS pod', () => {
  it('reaches the node resolver named in the pod /etc/resolv.conf by default', async () => {
    const run = await forwardingTo(undefined);
    expect(await run('kubectl exec c -- dig +short www.example.com')).toBe('192.0.2.53\n');
  });

  it('reaches a public resolver given by address', async () => {
    const run = await forwardingTo('8.8.8.8');
    expect(await run('kubectl exec c -- dig +short www.example.com')).toBe('192.0.2.53\n');
  });

  it('answers SERVFAIL for outside names when its only upstream is unreachable, and still answers cluster names', async () => {
    const run = await forwardingTo('192.0.2.99');
    const out = await run('kubectl exec c -- dig www.example.com');
    expect(out).toContain(';; ->>HEADER<<- opcode: QUERY, status: SERVFAIL');
    expect(await run('kubectl exec c -- dig +short kubernetes.default.svc.cluster.local')).toBe('10.200.1.1\n');
  });

  it('moves on to the next upstream when the first does not answer', async () => {
    const run = await forwardingTo('192.0.2.99 1.1.1.1');
    expect(await run('kubectl exec c -- dig +short www.example.com')).toBe('192.0.2.53\n');
  });
});
