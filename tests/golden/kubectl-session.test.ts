/**
 * kubectl inside the real shell (ShellSession): heredoc manifests, `&&`, command substitution into
 * variables, pipes into grep/sort/wc, and exec into a pod and back, as the kans-week5 lab types them.
 */
import { describe, expect, it } from 'vitest';
import { freshSession, runLines, runFreshIn } from '../../src/sim/shell/testing';
import { fileInput, KANS_IPVS } from '../fixtures/seeds/manifests';

/** The seed's svc-clusterip.yaml and netpod.yaml, written with `cat <<EOT> file`. */
const HEREDOCS = [fileInput(KANS_IPVS, 'svc-clusterip.yaml'), fileInput(KANS_IPVS, 'netpod.yaml')];

describe('kubectl in the shell', () => {
  it('applies heredoc files and shows ContainerCreating on the same line with &&', async () => {
    const { sh } = freshSession('kind-iptables', 1);
    await runLines(sh, HEREDOCS);
    expect(await runLines(sh, ['kubectl apply -f netpod.yaml,svc-clusterip.yaml && kubectl get pod']))
      .toBe(`pod/net-pod created
service/svc-clusterip created
NAME      READY   STATUS              RESTARTS   AGE
net-pod   0/1     ContainerCreating   0          0s
`);
  });

  it('reads jsonpath values into variables', async () => {
    const { sh } = freshSession('kind-iptables', 1);
    await runLines(sh, HEREDOCS);
    await runLines(sh, ['kubectl apply -f netpod.yaml,svc-clusterip.yaml']);
    const out = await runLines(sh, [
      'CIP=$(kubectl get svc svc-clusterip -o jsonpath="{.spec.clusterIP}")',
      'CPORT=$(kubectl get svc svc-clusterip -o jsonpath="{.spec.ports[0].port}")',
      'echo $CIP $CPORT',
    ]);
    expect(out).toBe('10.200.1.215 9000\n');
  });

  it('finds the cluster and service CIDRs in cluster-info dump', async () => {
    expect(
      await runFreshIn(
        'kind-iptables',
        'kubectl cluster-info dump | grep -m 2 -E "cluster-cidr|service-cluster-ip-range"',
      ),
    ).toBe(`                            "--service-cluster-ip-range=10.200.1.0/24",
                            "--cluster-cidr=10.10.0.0/16",
`);
  });

  it('runs a command and a zsh -c script inside the pod, and enters and leaves its shell', async () => {
    const { sh } = freshSession('kind-iptables', 1);
    await runLines(sh, HEREDOCS);
    await runLines(sh, [
      'kubectl apply -f netpod.yaml',
      'kubectl wait --for=condition=Ready pod/net-pod --timeout=30s',
    ]);
    expect(await runLines(sh, ['kubectl exec net-pod -- hostname'])).toBe('net-pod\n');
    expect(await runLines(sh, ['kubectl exec -it net-pod -- zsh -c "echo hello from \\$(hostname)"'])).toBe(
      'hello from net-pod\n',
    );
    await runLines(sh, ['kubectl exec -it net-pod -- zsh']);
    expect(sh.location()).toEqual({ kind: 'pod', namespace: 'default', pod: 'net-pod', container: 'netshoot-pod' });
    await runLines(sh, ['exit']);
    expect(sh.location()).toEqual({ kind: 'host' });
  });

  it('pipes -o name into sort', async () => {
    expect(await runFreshIn('kind-iptables', 'kubectl get nodes -o name | sort -r')).toBe(
      'node/myk8s-worker3\nnode/myk8s-worker2\nnode/myk8s-worker\nnode/myk8s-control-plane\n',
    );
  });
});
