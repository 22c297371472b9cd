/**
 * kube-proxy as a process on each node (IPVS mode): it reads its configuration file once, when its
 * pod's container starts (cmd/kube-proxy: loadConfigFromFile in Complete; a ConfigMap projected anew
 * by the kubelet is not re-read), sets the IPVS timeouts then (NewProxier), and resyncs everything
 * every ipvs.syncPeriod (30 s by default), undoing what a hand-run ipvsadm changed.
 */
import { describe, expect, it } from 'vitest';
import { freshSession, runLines } from '../shell/testing';

async function lab() {
  const s = freshSession('kind-ipvs', 1);
  await runLines(s.sh, [
    'kubectl create deployment web --image=traefik/whoami --replicas=2',
    'kubectl expose deployment web --port=80',
    'sleep 5',
    "CIP=$(kubectl get svc web -o jsonpath='{.spec.clusterIP}')",
  ]);
  return (...lines: string[]) => runLines(s.sh, lines);
}

const SET_LC = `kubectl -n kube-system get configmap kube-proxy -o yaml | sed 's/scheduler: ""/scheduler: "lc"/' | kubectl apply -f - 2>/dev/null`;

describe('kube-proxy reads its configuration when it starts', () => {
  it('keeps running with the old scheduler after the ConfigMap changed', async () => {
    const run = await lab();
    await run(SET_LC, 'sleep 60');
    expect(await run("docker exec myk8s-worker ipvsadm -Ln -t $CIP:80 | grep '^TCP'")).toMatch(
      /^TCP {2}10\.200\.1\.\d+:80 rr\n$/,
    );
  });

  it('uses the new scheduler on a node once its kube-proxy pod is replaced, and only there', async () => {
    const run = await lab();
    await run(
      SET_LC,
      'kubectl -n kube-system delete pod -l k8s-app=kube-proxy --field-selector spec.nodeName=myk8s-worker',
      'sleep 10',
    );
    expect(
      await run("for n in myk8s-worker myk8s-worker2; do docker exec $n ipvsadm -Ln -t $CIP:80 | grep '^TCP'; done"),
    ).toMatch(/^TCP {2}10\.200\.1\.\d+:80 lc\nTCP {2}10\.200\.1\.\d+:80 rr\n$/);
  });

  it('sets the ipvs timeouts of its configuration when it starts', async () => {
    const run = await lab();
    await run(
      `kubectl -n kube-system get configmap kube-proxy -o yaml | sed 's/tcpTimeout: 0s/tcpTimeout: 1h0m0s/; s/udpTimeout: 0s/udpTimeout: 10s/' | kubectl apply -f - 2>/dev/null`,
      'kubectl -n kube-system delete pod -l k8s-app=kube-proxy --field-selector spec.nodeName=myk8s-worker3',
      'sleep 10',
    );
    expect(
      await run('docker exec myk8s-worker3 ipvsadm -L --timeout; docker exec myk8s-worker ipvsadm -L --timeout'),
    ).toBe('Timeout (tcp tcpfin udp): 3600 120 10\nTimeout (tcp tcpfin udp): 900 120 300\n');
  });
});

describe("kube-proxy's periodic resync", () => {
  it('puts back a scheduler changed with ipvsadm -E within ipvs.syncPeriod (30 s)', async () => {
    const run = await lab();
    expect(
      await run(
        "docker exec myk8s-worker ipvsadm -E -t $CIP:80 -s lc; docker exec myk8s-worker ipvsadm -Ln -t $CIP:80 | grep '^TCP'",
      ),
    ).toMatch(/ lc\n$/);
    expect(await run('sleep 30', "docker exec myk8s-worker ipvsadm -Ln -t $CIP:80 | grep '^TCP'")).toMatch(/ rr\n$/);
  });

  it('puts back a virtual server deleted by hand', async () => {
    const run = await lab();
    await run('docker exec myk8s-worker2 ipvsadm -D -t $CIP:80', 'sleep 30');
    expect(await run("docker exec myk8s-worker2 ipvsadm -Ln -t $CIP:80 | grep -c 'Masq'")).toBe('2\n');
  });
});

describe('strictARP in a cluster built with kind create cluster', () => {
  it('stays false without a KubeProxyConfiguration patch, leaving the ARP sysctls at the kernel defaults', async () => {
    const { sh } = freshSession('empty', 1);
    const out = await runLines(sh, [
      `cat <<EOT > lab.yaml\nkind: Cluster\napiVersion: kind.x-k8s.io/v1alpha4\nnodes:\n- role: control-plane\n- role: worker\nnetworking:\n  kubeProxyMode: "ipvs"\nEOT`,
      'kind create cluster --config lab.yaml --name lab >/dev/null 2>&1',
      "kubectl -n kube-system get configmap kube-proxy -o jsonpath='{.data.config\\.conf}' | grep strictARP",
      'docker exec lab-worker sysctl net.ipv4.conf.all.arp_ignore net.ipv4.conf.all.arp_announce',
    ]);
    expect(out).toBe('  strictARP: false\nnet.ipv4.conf.all.arp_ignore = 0\nnet.ipv4.conf.all.arp_announce = 0\n');
  });
});
