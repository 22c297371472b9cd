/**
 * Integration fixes, each through the commands a learner types: names resolved on kind nodes by
 * Docker's embedded DNS (the DNAT virtual ctstate), systemd-resolved's stub on the learner's
 * machine, the ReplicaSet controller releasing and adopting pods, `kubectl run --rm`.
 */
import { describe, expect, it } from 'vitest';
import { runFreshIn, freshSession, runLines } from '../../src/sim/shell/testing';

/** What the terminal shows for `lines` in a fresh kind-iptables cluster. */
const kind = (...lines: string[]): Promise<string> => runFreshIn('kind-iptables', ...lines);

describe("Docker's embedded DNS on kind nodes", () => {
  it('resolves another node of the kind network with getent', async () => {
    expect(await kind('docker exec myk8s-worker getent hosts myk8s-control-plane')).toBe(
      '172.18.0.2      myk8s-control-plane\n',
    );
  });

  it('answers nslookup for a node name through the docker gateway', async () => {
    expect(await kind('docker exec myk8s-worker nslookup myk8s-worker2')).toBe(
      'Server:\t\t172.18.0.1\nAddress:\t172.18.0.1#53\n\nNon-authoritative answer:\nName:\tmyk8s-worker2\nAddress: 172.18.0.4\n\n',
    );
  });

  it('forwards a public name upstream', async () => {
    expect(await kind('docker exec myk8s-worker nslookup kubernetes.io')).toBe(
      'Server:\t\t172.18.0.1\nAddress:\t172.18.0.1#53\n\nNon-authoritative answer:\nName:\tkubernetes.io\nAddress: 15.197.167.90\nName:\tkubernetes.io\nAddress: 3.33.186.135\n\n',
    );
  });

  it('answers a container name qualified with its network name', async () => {
    expect(await kind('docker exec myk8s-worker getent hosts myk8s-worker3.kind')).toBe(
      '172.18.0.5      myk8s-worker3.kind\n',
    );
  });
});

describe("systemd-resolved's stub on the learner's machine", () => {
  it('answers nslookup for a public name at 127.0.0.53', async () => {
    expect(await kind('nslookup kubernetes.io')).toBe(
      'Server:\t\t127.0.0.53\nAddress:\t127.0.0.53#53\n\nNon-authoritative answer:\nName:\tkubernetes.io\nAddress: 15.197.167.90\nName:\tkubernetes.io\nAddress: 3.33.186.135\n\n',
    );
  });

  it("is the only nameserver in /etc/resolv.conf, with Ubuntu 24.04's options and search line", async () => {
    expect(await kind('grep -v "^#" /etc/resolv.conf')).toBe(
      '\nnameserver 127.0.0.53\noptions edns0 trust-ad\nsearch .\n',
    );
  });

  it('lets curl fetch a public HTTPS page by name', async () => {
    expect(
      await kind("curl -s -o /dev/null -w '%{http_code} %{remote_ip}:%{remote_port}\\n' https://kubernetes.io"),
    ).toBe('200 15.197.167.90:443\n');
  });

  it("does not know the kind network's container names (only Docker's embedded DNS does)", async () => {
    expect(await kind('getent hosts myk8s-control-plane; echo $?')).toBe('2\n');
  });
});

describe('the ReplicaSet controller follows its selector (kubectl label)', () => {
  const setup = [
    'kubectl create deployment web --image=nginx --replicas=3',
    'sleep 10',
    "P=$(kubectl get pods -l app=web -o jsonpath='{.items[0].metadata.name}')",
  ];

  it('releases a pod relabelled out of the selector: it keeps running, orphaned, and a replacement brings app=web back to 3', async () => {
    const { sh } = freshSession('kind-iptables', 1);
    await runLines(sh, [...setup, 'kubectl label pod $P app=other --overwrite']);
    expect(
      await runLines(sh, [
        'kubectl get pods -l app=other -o name | sed "s|$P|P|"',
        'kubectl get pod $P -o jsonpath=\'{.status.phase} [{.metadata.ownerReferences}]{"\\n"}\'',
        'kubectl get pods -l app=web --no-headers | wc -l',
        "kubectl get rs --no-headers | awk '{print $2, $3}'",
      ]),
    ).toBe('pod/P\nRunning []\n3\n3 3\n');
  });

  it('records the replacement as SuccessfulCreate on the ReplicaSet', async () => {
    const { sh } = freshSession('kind-iptables', 1);
    await runLines(sh, [...setup, 'kubectl label pod $P app=other --overwrite']);
    expect(
      await runLines(sh, ['kubectl get events --field-selector reason=SuccessfulCreate --no-headers | wc -l']),
    ).toBe('4\n');
  });

  it('adopts the pod back when relabelled into the selector and deletes one pod (SuccessfulDelete)', async () => {
    const { sh } = freshSession('kind-iptables', 1);
    await runLines(sh, [
      ...setup,
      'kubectl label pod $P app=other --overwrite',
      'sleep 5',
      'kubectl label pod $P app=web --overwrite',
    ]);
    expect(
      await runLines(sh, [
        "kubectl get pod $P -o jsonpath='{.metadata.ownerReferences[0].kind}/{.metadata.ownerReferences[0].name}{\"\\n\"}' | sed 's/-[a-z0-9]*$//'",
        'kubectl get events --field-selector reason=SuccessfulDelete --no-headers | wc -l',
      ]),
    ).toBe('ReplicaSet/web\n1\n');
  });
});

describe('kubectl run --rm', () => {
  it("deletes the pod when the learner leaves its shell, after attach's resume note (kubectl 1.31)", async () => {
    const { sh } = freshSession('kind-iptables', 1);
    await runLines(sh, ['kubectl run tmp --rm -it --image=nicolaka/netshoot -- bash']);
    expect(await runLines(sh, ['hostname', 'exit'])).toBe(
      'tmp\nexit\nSession ended, resume using \'kubectl attach tmp -c tmp -i -t\' command when the pod is running\npod "tmp" deleted\n',
    );
    expect(await runLines(sh, ['kubectl get pod tmp'])).toBe('Error from server (NotFound): pods "tmp" not found\n');
  });

  it('prints no resume note with --restart=Never, only the deletion', async () => {
    const { sh } = freshSession('kind-iptables', 1);
    await runLines(sh, ['kubectl run -it --rm sh1 --image=busybox --restart=Never -- sh']);
    expect(await runLines(sh, ['exit', 'kubectl get pods'])).toBe(
      'exit\npod "sh1" deleted\nNo resources found in default namespace.\n',
    );
  });

  it('keeps the pod after exit without --rm', async () => {
    const { sh } = freshSession('kind-iptables', 1);
    await runLines(sh, ['kubectl run keep -it --image=busybox -- sh', 'exit']);
    expect(await runLines(sh, ['kubectl get pods -o name'])).toBe('pod/keep\n');
  });

  it('refuses --rm without -i, as kubectl does, and creates nothing', async () => {
    expect(await runFreshIn('kind-iptables', 'kubectl run x --rm --image=nginx; echo $?', 'kubectl get pods')).toBe(
      "error: --rm should only be used for attached containers\nSee 'kubectl run -h' for help and examples\n1\nNo resources found in default namespace.\n",
    );
  });
});
