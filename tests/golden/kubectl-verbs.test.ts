/**
 * Golden transcripts for the other verbs: run, expose, label, annotate, delete by selector and file,
 * create generators, logs, version, config, api-resources, help, and Tab completion.
 */
import { describe, expect, it } from 'vitest';
import { KubectlHarness } from './kubectl-harness';
import { completeKubectl } from '../../src/sim/commands/kubectl';

const ok = (stdout: string) => ({ stdout, stderr: '', code: 0 });

describe('kubectl verbs', () => {
  it('runs a pod, exposes it and shows the selector with -o wide', async () => {
    const h = KubectlHarness.scenario('kind-iptables', 1);
    expect(await h.run('kubectl run web --image=nginx:1.27 --port=80')).toEqual(ok('pod/web created\n'));
    expect(await h.run('kubectl expose pod web --port=8080 --target-port=80')).toEqual(ok('service/web exposed\n'));
    expect((await h.run('kubectl get svc web -o wide')).stdout)
      .toBe(`NAME   TYPE        CLUSTER-IP     EXTERNAL-IP   PORT(S)    AGE   SELECTOR
web    ClusterIP   10.200.1.245   <none>        8080/TCP   2s    run=web
`);
  });

  it('labels, relabels without --overwrite, unlabels and annotates', async () => {
    const h = KubectlHarness.scenario('kind-iptables', 1);
    await h.run('kubectl run web --image=nginx:1.27');
    expect(await h.run('kubectl label pod web tier=fe')).toEqual(ok('pod/web labeled\n'));
    expect(await h.run('kubectl label pod web tier=be')).toEqual({
      stdout: '',
      stderr: "error: 'tier' already has a value (fe), and --overwrite is false\n",
      code: 1,
    });
    expect(await h.run('kubectl label pod web tier=be --overwrite')).toEqual(ok('pod/web labeled\n'));
    expect(await h.run('kubectl label pod web tier-')).toEqual(ok('pod/web unlabeled\n'));
    expect(await h.run('kubectl annotate pod web note=hi')).toEqual(ok('pod/web annotated\n'));
    expect((await h.run('kubectl get pod web --show-labels --no-headers')).stdout).toMatch(/ run=web\n$/);
  });

  it('deletes by label selector, by file and with --all', async () => {
    const h = KubectlHarness.scenario('kind-iptables', 1);
    h.writeFile(
      'cm.yaml',
      'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c1\n  labels:\n    tier: x\n---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c2\n  labels:\n    tier: x\n',
    );
    expect(await h.run('kubectl apply -f cm.yaml')).toEqual(ok('configmap/c1 created\nconfigmap/c2 created\n'));
    expect(await h.run('kubectl delete cm -l tier=x')).toEqual(ok('configmap "c1" deleted\nconfigmap "c2" deleted\n'));
    await h.run('kubectl apply -f cm.yaml');
    expect(await h.run('kubectl delete -f cm.yaml')).toEqual(ok('configmap "c1" deleted\nconfigmap "c2" deleted\n'));
    await h.run('kubectl run a --image=busybox');
    await h.run('kubectl run b --image=busybox');
    expect(await h.run('kubectl delete pod --all')).toEqual(ok('pod "a" deleted\npod "b" deleted\n'));
  });

  it('waits for a pod that ignores SIGTERM to finish its grace period, and shows Terminating meanwhile with --wait=false', async () => {
    const h = KubectlHarness.scenario('kind-iptables', 1);
    await h.run('kubectl run s --image=busybox -- sleep 3600');
    await h.run('kubectl wait --for=condition=Ready pod/s');
    const before = h.emu.clock.now();
    expect(await h.run('kubectl delete pod s')).toEqual(ok('pod "s" deleted\n'));
    expect(h.emu.clock.now() - before).toBe(32_000);
    await h.run('kubectl run t --image=busybox -- sleep 3600');
    await h.run('kubectl wait --for=condition=Ready pod/t');
    await h.run('kubectl delete pod t --wait=false');
    expect((await h.run('kubectl get pod t')).stdout).toBe(`NAME   READY   STATUS        RESTARTS   AGE
t      1/1     Terminating   0          11s
`);
  });

  it('creates services, configmaps and bindings from the generators', async () => {
    const h = KubectlHarness.scenario('kind-iptables', 1);
    expect(await h.run('kubectl create service nodeport np --tcp=80:8080')).toEqual(ok('service/np created\n'));
    expect(await h.run('kubectl create configmap cfg --from-literal=k=v --from-literal=x=y')).toEqual(
      ok('configmap/cfg created\n'),
    );
    expect((await h.run('kubectl get cm cfg -o jsonpath={.data}')).stdout).toBe('{"k":"v","x":"y"}');
    expect(await h.run('kubectl create clusterrolebinding crb --clusterrole=view --user=jane')).toEqual(
      ok('clusterrolebinding.rbac.authorization.k8s.io/crb created\n'),
    );
    expect(await h.run('kubectl create ns dev')).toEqual(ok('namespace/dev created\n'));
    expect(await h.run('kubectl create deployment lb --image=nginx -n dev')).toEqual(
      ok('deployment.apps/lb created\n'),
    );
    expect(await h.run('kubectl expose deploy lb --port=80 --type=LoadBalancer -n dev')).toEqual(
      ok('service/lb exposed\n'),
    );
    expect((await h.run('kubectl get svc -n dev')).stdout)
      .toBe(`NAME   TYPE           CLUSTER-IP    EXTERNAL-IP   PORT(S)        AGE
lb     LoadBalancer   10.200.1.75   <pending>     80:32152/TCP   2s
`);
    expect((await h.run('kubectl get svc np -o jsonpath={.spec.ports[0].name}')).stdout).toBe('80-8080');
  });

  it('prints what a container wrote, and only the last lines with --tail', async () => {
    const h = KubectlHarness.scenario('kind-iptables', 1);
    await h.run('kubectl run web --image=registry.k8s.io/kube-proxy:v1.31.0');
    expect(await h.run('kubectl logs web', { tick: false })).toEqual({
      stdout: '',
      stderr: 'Error from server (BadRequest): container "web" in pod "web" is waiting to start: ContainerCreating\n',
      code: 1,
    });
    await h.run('kubectl get pod');
    h.emu.cluster.appendLog('default', 'web', 'web', 'line1\nline2\nline3\n');
    expect(await h.run('kubectl logs web')).toEqual(ok('line1\nline2\nline3\n'));
    expect(await h.run('kubectl logs web --tail=1')).toEqual(ok('line3\n'));
    expect(await h.run('kubectl logs web -c nope')).toEqual({
      stdout: '',
      stderr: 'error: container nope is not valid for pod web\n',
      code: 1,
    });
  });

  it('prints the versions, the context and the contexts table', async () => {
    const h = KubectlHarness.scenario('kind-iptables', 1);
    expect(await h.run('kubectl version')).toEqual(
      ok('Client Version: v1.31.0\nKustomize Version: v5.4.2\nServer Version: v1.31.0\n'),
    );
    expect(await h.run('kubectl config current-context')).toEqual(ok('kind-myk8s\n'));
    expect(await h.run('kubectl config get-contexts')).toEqual(
      ok(
        'CURRENT   NAME         CLUSTER      AUTHINFO     NAMESPACE\n*         kind-myk8s   kind-myk8s   kind-myk8s   \n',
      ),
    );
  });

  it('lists API resources in the real column layout', async () => {
    // NAME is as wide as the longest served name (certificatesigningrequests) plus three spaces.
    const h = KubectlHarness.scenario('kind-iptables', 1);
    const out = (await h.run('kubectl api-resources')).stdout.split('\n');
    expect(out.slice(0, 4)).toEqual([
      'NAME                         SHORTNAMES   APIVERSION                     NAMESPACED   KIND',
      'bindings                                  v1                             true         Binding',
      'componentstatuses            cs           v1                             false        ComponentStatus',
      'configmaps                   cm           v1                             true         ConfigMap',
    ]);
    expect(out).toContain(
      'deployments                  deploy       apps/v1                        true         Deployment',
    );
  });

  it('prints the cluster addresses', async () => {
    const h = KubectlHarness.scenario('kind-iptables', 1);
    expect(await h.run('kubectl cluster-info')).toEqual(
      ok(`Kubernetes control plane is running at https://127.0.0.1:38687
CoreDNS is running at https://127.0.0.1:38687/api/v1/namespaces/kube-system/services/kube-dns:dns/proxy

To further debug and diagnose cluster problems, use 'kubectl cluster-info dump'.
`),
    );
  });

  it('prints the top-level help when called alone', async () => {
    const h = KubectlHarness.scenario('kind-iptables', 1);
    const r = await h.run('kubectl');
    expect(r.code).toBe(0);
    expect(
      r.stdout.startsWith(
        'kubectl controls the Kubernetes cluster manager.\n\n Find more information at: https://kubernetes.io/docs/reference/kubectl/\n',
      ),
    ).toBe(true);
  });

  it('takes namespace flags in every cobra form and position', async () => {
    const h = KubectlHarness.scenario('kind-iptables', 1);
    const want = (await h.run('kubectl get deploy -n kube-system', { tick: false })).stdout;
    for (const line of [
      'kubectl -n kube-system get deploy',
      'kubectl get deploy -nkube-system',
      'kubectl get deploy --namespace=kube-system',
      'kubectl get -n=kube-system deploy',
    ]) {
      expect((await h.run(line, { tick: false })).stdout, line).toBe(want);
    }
    expect(want).toContain('coredns   2/2');
  });
});

describe('Tab completion', () => {
  const emu = KubectlHarness.scenario('kind-iptables', 1).emu;
  const complete = (words: string[], current: string) =>
    completeKubectl({ emulator: emu, location: { kind: 'host' }, words, current, cwd: '/home/learner' });

  it('offers verbs', () => {
    expect(complete(['kubectl'], 'de')).toEqual(['debug', 'delete', 'describe']);
  });

  it('offers resource types and then object names', () => {
    expect(complete(['kubectl', 'get'], 'end')).toEqual(['endpoints', 'endpointslice', 'endpointslices']);
    expect(complete(['kubectl', 'get', 'ns'], 'kube-')).toEqual(['kube-node-lease', 'kube-public', 'kube-system']);
  });

  it('offers pod names for exec in the namespace given', () => {
    expect(complete(['kubectl', 'exec', '-n', 'kube-system'], 'coredns')).toEqual([
      'coredns-69986d6d67-46vds',
      'coredns-69986d6d67-bxdsd',
    ]);
  });

  it('offers namespaces after -n', () => {
    expect(complete(['kubectl', 'get', 'pods', '-n'], 'l')).toEqual(['local-path-storage']);
  });
});

describe('kubectl on other inputs and places', () => {
  it('applies every manifest of a directory in name order', async () => {
    const h = KubectlHarness.scenario('kind-iptables', 1);
    h.writeFile('manifests/b.yaml', 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: b\n');
    h.writeFile('manifests/a.yml', 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n');
    h.writeFile('manifests/notes.txt', 'not a manifest\n');
    expect(await h.run('kubectl apply -f manifests/')).toEqual(ok('configmap/a created\nconfigmap/b created\n'));
  });

  it('follows a log until it has been quiet for five seconds when nobody is at the terminal', async () => {
    const h = KubectlHarness.scenario('kind-iptables', 1);
    await h.run('kubectl run web --image=registry.k8s.io/kube-proxy:v1.31.0');
    await h.run('kubectl get pod');
    h.emu.cluster.appendLog('default', 'web', 'web', 'started\n');
    const before = h.emu.clock.now();
    expect(await h.run('kubectl logs -f web', { tick: false })).toEqual(ok('started\n'));
    expect(h.emu.clock.now() - before).toBe(5000);
  });

  it('has no kubeconfig on a kind node unless given admin.conf', async () => {
    const h = KubectlHarness.scenario('kind-iptables', 1);
    const r = await h.run('kubectl get nodes', { location: { kind: 'node', node: 'myk8s-control-plane' } });
    expect(r).toEqual({
      stdout: '',
      stderr: 'The connection to the server localhost:8080 was refused - did you specify the right host or port?\n',
      code: 1,
    });
    const ok2 = await h.run('kubectl --kubeconfig /etc/kubernetes/admin.conf get nodes -o name', {
      location: { kind: 'node', node: 'myk8s-control-plane' },
    });
    expect(ok2.stdout).toBe('node/myk8s-control-plane\nnode/myk8s-worker\nnode/myk8s-worker2\nnode/myk8s-worker3\n');
  });
});

describe('changing live objects', () => {
  it('patches a service type with a strategic merge patch and says when nothing changed', async () => {
    const h = KubectlHarness.scenario('kind-iptables', 1);
    await h.run('kubectl create deployment web --image=nginx:1.27 --replicas=2');
    await h.run('kubectl expose deploy web --port=80');
    expect(await h.run(`kubectl patch svc web -p '{"spec":{"type":"NodePort"}}'`)).toEqual(ok('service/web patched\n'));
    expect(await h.run(`kubectl patch svc web -p '{"spec":{"type":"NodePort"}}'`)).toEqual(
      ok('service/web patched (no change)\n'),
    );
    expect((await h.run('kubectl get svc web -o jsonpath={.spec.type}')).stdout).toBe('NodePort');
    expect(
      await h.run(`kubectl patch deploy web --type=json -p '[{"op":"replace","path":"/spec/replicas","value":3}]'`),
    ).toEqual(ok('deployment.apps/web patched\n'));
    expect((await h.run('kubectl get deploy web -o jsonpath={.spec.replicas}')).stdout).toBe('3');
  });

  it('rolls out a new ReplicaSet on set image and on rollout restart', async () => {
    const h = KubectlHarness.scenario('kind-iptables', 1);
    await h.run('kubectl create deployment web --image=nginx:1.27 --replicas=2');
    expect(await h.run('kubectl set image deployment/web nginx=nginx:1.28')).toEqual(
      ok('deployment.apps/web image updated\n'),
    );
    expect(await h.run('kubectl rollout restart deployment/web')).toEqual(ok('deployment.apps/web restarted\n'));
    const rs = (
      await h.run(
        'kubectl get rs -o custom-columns=DESIRED:.spec.replicas,REVISION:.metadata.annotations.deployment\\.kubernetes\\.io/revision --no-headers',
      )
    ).stdout;
    expect(
      rs
        .split('\n')
        .filter(Boolean)
        .map((l) => l.trim().split(/\s+/).join(' '))
        .sort(),
    ).toEqual(['0 1', '0 2', '2 3']);
  });

  it('remembers the namespace set on the current context', async () => {
    const h = KubectlHarness.scenario('kind-iptables', 1);
    expect(await h.run('kubectl config set-context --current --namespace=kube-system')).toEqual(
      ok('Context "kind-myk8s" modified.\n'),
    );
    expect((await h.run('kubectl get deploy -o name')).stdout).toBe('deployment.apps/coredns\n');
    expect((await h.run('kubectl config get-contexts')).stdout).toBe(
      'CURRENT   NAME         CLUSTER      AUTHINFO     NAMESPACE\n*         kind-myk8s   kind-myk8s   kind-myk8s   kube-system\n',
    );
  });

  it('runs a one-off command pod with run -it --rm and deletes it afterwards', async () => {
    const h = KubectlHarness.scenario('kind-iptables', 1);
    const r = await h.run('kubectl run -it --rm dnsutils --image=busybox --restart=Never -- nslookup kubernetes');
    expect(r).toEqual(ok('pod "dnsutils" deleted\n'));
    expect(h.calls).toEqual([
      {
        kind: 'runCommand',
        argv: ['nslookup', 'kubernetes'],
        location: { kind: 'pod', namespace: 'default', pod: 'dnsutils', container: 'dnsutils' },
      },
    ]);
    expect(h.emu.cluster.get('pods', 'default', 'dnsutils')).toBeUndefined();
  });
});
