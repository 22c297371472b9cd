import { describe, expect, it } from 'vitest';
import { freshSession, runLines } from '../shell/testing';
import { COREFILE } from '../scenarios/system-objects';
import { nodeLocalDnsObjects } from './nodelocal';

/** A cluster whose Corefile has `log` (and optionally another forward line), with a client pod. */
async function logging(forward = 'forward . /etc/resolv.conf') {
  const { emu, sh } = freshSession('kind-iptables');
  const cm = structuredClone(emu.cluster.get('configmaps', 'kube-system', 'coredns')!);
  cm.data.Corefile = COREFILE.replace('    errors\n', '    log\n    errors\n').replace(
    'forward . /etc/resolv.conf',
    forward,
  );
  emu.cluster.update(cm);
  await runLines(sh, ['kubectl run c --image=nicolaka/netshoot -- sleep infinity', 'sleep 10']);
  return (line: string) => runLines(sh, [line]);
}

// The log plugin's Common Log Format (coredns plugin/log/README.md), each line written with log.Infof:
// `[INFO] {remote}:{port} - {>id} "{type} {class} {name} {proto} {size} {>do} {>bufsize}" {rcode} {>rflags} {rsize} {duration}`
const CLF =
  /^\[INFO\] (\d+\.\d+\.\d+\.\d+):(\d+) - (\d+) "(\w+) IN (\S+) udp (\d+) false (\d+)" (\w+) ([a-z,]+) (\d+) (\d+\.\d{9})s$/;

describe('CoreDNS log and errors plugins, read with kubectl logs -l', () => {
  it('logs each query a pod sends, in the search-list order, with the pod as the remote address', async () => {
    const run = await logging();
    await run('kubectl exec c -- getent hosts www.example.com');
    const podIP = (await run("kubectl get pod c -o jsonpath='{.status.podIP}'")).trim();
    const lines = (await run('kubectl logs -n kube-system -l k8s-app=kube-dns')).trim().split('\n');
    const parsed = lines.map((l) => CLF.exec(l));
    expect(parsed.every(Boolean)).toBe(true);
    expect(new Set(parsed.map((m) => m![1]))).toEqual(new Set([podIP]));
    // glibc sends no EDNS: the buffer size is 512 and the query is header + question only.
    expect(parsed.map((m) => [m![5], m![8], m![9], m![6], m![7]]).sort()).toEqual(
      [
        ['www.example.com.', 'NOERROR', 'qr,rd,ra', String(12 + 17 + 4), '512'],
        ['www.example.com.cluster.local.', 'NXDOMAIN', 'qr,aa,rd', String(12 + 31 + 4), '512'],
        ['www.example.com.default.svc.cluster.local.', 'NXDOMAIN', 'qr,aa,rd', String(12 + 43 + 4), '512'],
        ['www.example.com.svc.cluster.local.', 'NXDOMAIN', 'qr,aa,rd', String(12 + 35 + 4), '512'],
      ].sort(),
    );
  });

  it("sizes dig's query with its EDNS OPT record and cookie, buffer 1232", async () => {
    const run = await logging();
    await run('kubectl exec c -- dig +short kubernetes.default.svc.cluster.local');
    const m = CLF.exec((await run('kubectl logs -n kube-system -l k8s-app=kube-dns')).trim());
    // 12 header + 38 name + 4 + 11 OPT + 12 COOKIE option; the answer adds one A record (38 + 10 + 4).
    expect([m![6], m![7], m![8], m![9], m![10]]).toEqual(['77', '1232', 'NOERROR', 'qr,aa,rd', '129']);
  });

  it('writes the errors plugin line after the query line when the upstream does not answer', async () => {
    const run = await logging('forward . 192.0.2.99');
    await run('kubectl exec c -- dig +short www.example.com');
    const out = (await run('kubectl logs -n kube-system -l k8s-app=kube-dns')).trim().split('\n');
    expect(CLF.exec(out[0]!)?.[8]).toBe('SERVFAIL');
    expect(out[1]).toMatch(
      /^\[ERROR\] plugin\/errors: 2 www\.example\.com\. A: read udp 10\.10\.0\.\d+:\d+->192\.0\.2\.99:53: i\/o timeout$/,
    );
  });
});

// kubectl pkg/cmd/logs/logs.go: a selector reads every matching pod, 10 lines each unless --tail is
// given (selectorTail), `[pod/NAME/CONTAINER] ` with --prefix; a selector and a name together are a
// usage error; no match is reported as get reports it.
describe('kubectl logs with a selector', () => {
  it('keeps the last 10 lines of each pod by default, and all with --tail=-1', async () => {
    const run = await logging();
    for (let i = 0; i < 8; i++) await run('kubectl exec c -- getent hosts www.example.com');
    const count = async (line: string) => (await run(line)).trim().split('\n').length;
    expect(await count('kubectl logs -n kube-system -l k8s-app=kube-dns')).toBe(20);
    expect(await count('kubectl logs -n kube-system -l k8s-app=kube-dns --tail=-1')).toBe(32);
    expect(await count('kubectl logs -n kube-system -l k8s-app=kube-dns --tail=1')).toBe(2);
  });

  it('prefixes each line with its pod and container under --prefix', async () => {
    const run = await logging();
    await run('kubectl exec c -- dig +short kubernetes.default.svc.cluster.local');
    expect(await run('kubectl logs -n kube-system -l k8s-app=kube-dns --prefix')).toMatch(
      /^\[pod\/coredns-[a-z0-9]+-[a-z0-9]{5}\/coredns\] \[INFO\] /,
    );
  });

  it('refuses a pod name with a selector, and says when nothing matches', async () => {
    const run = await logging();
    expect(await run('kubectl logs c -l app=x')).toBe(
      "error: only a selector (-l) or a POD name is allowed\nSee 'kubectl logs -h' for help and examples\n",
    );
    expect(await run('kubectl logs -l app=nothing')).toBe('No resources found in default namespace.\n');
  });
});

// NodeLocal DNSCache's Corefile forwards cluster.local to CoreDNS through kube-dns-upstream with
// `force_tcp` (nodelocaldns.yaml): CoreDNS sees node-cache, on the node's address, over TCP.
describe('CoreDNS behind NodeLocal DNSCache', () => {
  it("logs the node's address and tcp for a cluster name the cache passed on", async () => {
    const { emu, sh } = freshSession('kind-iptables');
    const cm = structuredClone(emu.cluster.get('configmaps', 'kube-system', 'coredns')!);
    cm.data.Corefile = COREFILE.replace('    errors\n', '    log\n    errors\n');
    emu.cluster.update(cm);
    for (const o of nodeLocalDnsObjects('10.200.1.10', '10.200.1.53')) emu.cluster.create(o);
    await runLines(sh, ['kubectl run c --image=nicolaka/netshoot -- sleep infinity', 'sleep 10']);
    await runLines(sh, ['kubectl exec c -- getent hosts kubernetes.default.svc.cluster.local.']);
    const node = emu.store.get('pods', 'default', 'c')!.spec.nodeName;
    const nodeIP = (
      await runLines(sh, [`kubectl get node ${node} -o jsonpath='{.status.addresses[0].address}'`])
    ).trim();
    const m = CLF_ANY.exec((await runLines(sh, ['kubectl logs -n kube-system -l k8s-app=kube-dns'])).trim());
    expect([m?.[1], m?.[2], m?.[3]]).toEqual([nodeIP, 'kubernetes.default.svc.cluster.local.', 'tcp']);
  });
});

const CLF_ANY = /^\[INFO\] (\d+\.\d+\.\d+\.\d+):\d+ - \d+ "A IN (\S+) (udp|tcp) \d+ false \d+" NOERROR /;
