/**
 * The seeds' lab flows, typed as learners type them: heredoc manifests fed to `kubectl create -f -`,
 * `kubectl apply -f 3pod.yaml,netpod.yaml,svc-clusterip.yaml`, `-owide` while pods start, jsonpath
 * into variables, describe, hand-made Endpoints, ExternalName and headless Services, exec.
 */
import { describe, expect, it } from 'vitest';
import { KubectlHarness } from './kubectl-harness';
import {
  EXTERNALIP_MANIFEST,
  K8S_OBJECTS_DNS,
  manifestBody,
  NETPOD_YAML,
  SVC_CLUSTERIP_YAML,
  THREE_POD_YAML,
} from '../fixtures/seeds/manifests';

async function kansLab(): Promise<KubectlHarness> {
  const h = KubectlHarness.scenario('kind-iptables', 1);
  h.writeFile('3pod.yaml', THREE_POD_YAML);
  h.writeFile('netpod.yaml', NETPOD_YAML);
  h.writeFile('svc-clusterip.yaml', SVC_CLUSTERIP_YAML);
  return h;
}

describe('kans-week5 lab: three webpods, a netshoot pod and a ClusterIP service', () => {
  it('creates everything from a comma list of files', async () => {
    const h = await kansLab();
    const r = await h.run('kubectl apply -f 3pod.yaml,netpod.yaml,svc-clusterip.yaml');
    expect(r).toEqual({
      stdout:
        'pod/webpod1 created\npod/webpod2 created\npod/webpod3 created\npod/net-pod created\nservice/svc-clusterip created\n',
      stderr: '',
      code: 0,
    });
  });

  it('shows ContainerCreating right after apply and Running once the images are pulled', async () => {
    const h = await kansLab();
    await h.run('kubectl apply -f 3pod.yaml,netpod.yaml,svc-clusterip.yaml');
    expect((await h.run('kubectl get pod -owide')).stdout)
      .toBe(`NAME      READY   STATUS              RESTARTS   AGE   IP       NODE                  NOMINATED NODE   READINESS GATES
net-pod   0/1     ContainerCreating   0          2s    <none>   myk8s-control-plane   <none>           <none>
webpod1   0/1     ContainerCreating   0          2s    <none>   myk8s-worker          <none>           <none>
webpod2   0/1     ContainerCreating   0          2s    <none>   myk8s-worker2         <none>           <none>
webpod3   0/1     ContainerCreating   0          2s    <none>   myk8s-worker3         <none>           <none>
`);
    await h.run('kubectl get pod');
    await h.run('kubectl get pod');
    expect((await h.run('kubectl get pod -owide')).stdout)
      .toBe(`NAME      READY   STATUS    RESTARTS   AGE   IP          NODE                  NOMINATED NODE   READINESS GATES
net-pod   1/1     Running   0          8s    10.10.0.5   myk8s-control-plane   <none>           <none>
webpod1   1/1     Running   0          8s    10.10.1.2   myk8s-worker          <none>           <none>
webpod2   1/1     Running   0          8s    10.10.2.2   myk8s-worker2         <none>           <none>
webpod3   1/1     Running   0          8s    10.10.3.2   myk8s-worker3         <none>           <none>
`);
  });

  it('answers the service, endpoints and endpointslice checks of the lab', async () => {
    const h = await kansLab();
    await h.run('kubectl apply -f 3pod.yaml,netpod.yaml,svc-clusterip.yaml');
    await h.run('kubectl wait --for=condition=Ready pod --all --timeout=60s');
    expect((await h.run('kubectl get svc svc-clusterip')).stdout)
      .toBe(`NAME            TYPE        CLUSTER-IP    EXTERNAL-IP   PORT(S)    AGE
svc-clusterip   ClusterIP   10.200.1.80   <none>        9000/TCP   10s
`);
    expect((await h.run('kubectl get endpoints svc-clusterip')).stdout)
      .toBe(`NAME            ENDPOINTS                                AGE
svc-clusterip   10.10.1.2:80,10.10.2.2:80,10.10.3.2:80   12s
`);
    expect((await h.run('kubectl get endpointslices -l kubernetes.io/service-name=svc-clusterip')).stdout)
      .toBe(`NAME                  ADDRESSTYPE   PORTS   ENDPOINTS                       AGE
svc-clusterip-4rf5x   IPv4          80      10.10.1.2,10.10.2.2,10.10.3.2   14s
`);
    expect((await h.run('kubectl describe svc svc-clusterip')).stdout).toBe(`Name:                     svc-clusterip
Namespace:                default
Labels:                   <none>
Annotations:              <none>
Selector:                 app=webpod
Type:                     ClusterIP
IP Family Policy:         SingleStack
IP Families:              IPv4
IP:                       10.200.1.80
IPs:                      10.200.1.80
Port:                     svc-webport  9000/TCP
TargetPort:               80/TCP
Endpoints:                10.10.1.2:80,10.10.2.2:80,10.10.3.2:80
Session Affinity:         None
Internal Traffic Policy:  Cluster
Events:                   <none>
`);
  });

  it('prints the values the lab reads into CIP and CPORT', async () => {
    const h = await kansLab();
    await h.run('kubectl apply -f 3pod.yaml,netpod.yaml,svc-clusterip.yaml');
    expect((await h.run('kubectl get svc svc-clusterip -o jsonpath="{.spec.clusterIP}"')).stdout).toBe('10.200.1.80');
    expect((await h.run('kubectl get svc svc-clusterip -o jsonpath="{.spec.ports[0].port}"')).stdout).toBe('9000');
  });

  it('answers unchanged when the same files are applied again', async () => {
    const h = await kansLab();
    await h.run('kubectl apply -f 3pod.yaml,netpod.yaml,svc-clusterip.yaml');
    const r = await h.run('kubectl apply -f 3pod.yaml,netpod.yaml,svc-clusterip.yaml');
    expect(r.stdout).toBe(
      'pod/webpod1 unchanged\npod/webpod2 unchanged\npod/webpod3 unchanged\npod/net-pod unchanged\nservice/svc-clusterip unchanged\n',
    );
  });

  it('runs the zsh loop of the lab inside net-pod', async () => {
    const h = await kansLab();
    await h.run('kubectl apply -f 3pod.yaml,netpod.yaml,svc-clusterip.yaml');
    await h.run('kubectl wait --for=condition=Ready pod/net-pod --timeout=60s');
    const r = await h.run(
      'kubectl exec -it net-pod -- zsh -c "for i in {1..10};   do curl -s 10.200.1.80:9000 | grep Hostname; done | sort | uniq -c | sort -nr"',
    );
    expect(r.code).toBe(0);
    expect(h.calls).toEqual([
      {
        kind: 'runScript',
        script: 'for i in {1..10};   do curl -s 10.200.1.80:9000 | grep Hostname; done | sort | uniq -c | sort -nr',
        location: { kind: 'pod', namespace: 'default', pod: 'net-pod', container: 'netshoot-pod' },
        shell: 'zsh',
      },
    ]);
  });

  it('passes one command and its arguments to the pod as argv', async () => {
    const h = await kansLab();
    await h.run('kubectl apply -f 3pod.yaml,netpod.yaml,svc-clusterip.yaml');
    await h.run('kubectl wait --for=condition=Ready pod/net-pod --timeout=60s');
    await h.run("kubectl exec net-pod -- curl -s --connect-timeout 1 '10.200.1.80:9000/a b'");
    expect(h.calls[0]!.argv).toEqual(['curl', '-s', '--connect-timeout', '1', '10.200.1.80:9000/a b']);
  });

  it('enters the pod shell with exec -it and no command', async () => {
    const h = await kansLab();
    await h.run('kubectl apply -f 3pod.yaml,netpod.yaml,svc-clusterip.yaml');
    await h.run('kubectl wait --for=condition=Ready pod/net-pod --timeout=60s');
    await h.run('kubectl exec -it net-pod -- zsh');
    expect(h.calls).toEqual([
      {
        kind: 'enter',
        location: { kind: 'pod', namespace: 'default', pod: 'net-pod', container: 'netshoot-pod' },
        shell: 'zsh',
      },
    ]);
  });

  it('says a scratch image has no shell', async () => {
    const h = await kansLab();
    await h.run('kubectl apply -f 3pod.yaml,netpod.yaml,svc-clusterip.yaml');
    await h.run('kubectl wait --for=condition=Ready pod/webpod1 --timeout=60s');
    expect(await h.run('kubectl exec -it webpod1 -- sh')).toEqual({
      stdout:
        'OCI runtime exec failed: exec failed: unable to start container process: exec: "sh": executable file not found in $PATH: unknown\n',
      stderr: 'command terminated with exit code 126\n',
      code: 126,
    });
  });

  it('refuses to exec into a pod that is still starting', async () => {
    const h = await kansLab();
    const r = await h.run('kubectl apply -f 3pod.yaml,netpod.yaml,svc-clusterip.yaml');
    expect(r.code).toBe(0);
    expect(await h.run('kubectl exec webpod1 -- ls', { tick: false })).toEqual({
      stdout: '',
      stderr: 'error: unable to upgrade connection: container not found ("container")\n',
      code: 1,
    });
  });
});

describe('kans-week5 ExternalIP lab: a heredoc piped into kubectl create -f -', () => {
  it('creates the deployment and the service and lists the external IPs', async () => {
    const h = KubectlHarness.scenario('kind-iptables', 1);
    expect((await h.run('kubectl create -f -', { stdin: EXTERNALIP_MANIFEST })).stdout).toBe(
      'deployment.apps/deploy-echo created\nservice/svc-externalip created\n',
    );
    expect((await h.run('kubectl get svc svc-externalip')).stdout)
      .toBe(`NAME             TYPE        CLUSTER-IP     EXTERNAL-IP                     PORT(S)    AGE
svc-externalip   ClusterIP   10.200.1.198   192.168.10.101,192.168.10.102   9000/TCP   2s
`);
    await h.run('kubectl rollout status deployment/deploy-echo');
    expect((await h.run('kubectl describe svc svc-externalip')).stdout).toBe(`Name:                     svc-externalip
Namespace:                default
Labels:                   <none>
Annotations:              <none>
Selector:                 app=deploy-websrv
Type:                     ClusterIP
IP Family Policy:         SingleStack
IP Families:              IPv4
IP:                       10.200.1.198
IPs:                      10.200.1.198
External IPs:             192.168.10.101,192.168.10.102
Port:                     svc-webport  9000/TCP
TargetPort:               8080/TCP
Endpoints:                10.10.1.2:8080,10.10.2.2:8080
Session Affinity:         None
External Traffic Policy:  Cluster
Internal Traffic Policy:  Cluster
Events:                   <none>
`);
    expect((await h.run('kubectl delete deploy deploy-echo')).stdout).toBe('deployment.apps "deploy-echo" deleted\n');
    expect((await h.run('kubectl delete svc svc-externalip')).stdout).toBe('service "svc-externalip" deleted\n');
    expect(await h.run('kubectl get pod')).toEqual({
      stdout: '',
      stderr: 'No resources found in default namespace.\n',
      code: 0,
    });
  });
});

describe('k8s-objects seed: headless, hand-made Endpoints, ExternalName', () => {
  async function objects(): Promise<KubectlHarness> {
    const h = KubectlHarness.scenario('kind-iptables', 1);
    await h.run('kubectl apply -f -', {
      stdin: `${manifestBody(K8S_OBJECTS_DNS, 'headless1')}---\n${manifestBody(K8S_OBJECTS_DNS, 'pod4')}`,
    });
    await h.run('kubectl apply -f -', {
      stdin: `${manifestBody(K8S_OBJECTS_DNS, 'endpoint1')}---\n${manifestBody(K8S_OBJECTS_DNS, 'pod7')}`,
    });
    const r = await h.run('kubectl apply -f -', {
      // The seed points endpoint2 at pod9's IP; a fixed address outside the cluster here.
      stdin: `${manifestBody(K8S_OBJECTS_DNS, 'endpoint2')}---
${manifestBody(K8S_OBJECTS_DNS, 'endpoint2', 1).replace('$POD9', '20.111.156.67')}---
${manifestBody(K8S_OBJECTS_DNS, 'externalname1')}`,
    });
    expect(r.stdout).toBe('service/endpoint2 created\nendpoints/endpoint2 created\nservice/externalname1 created\n');
    return h;
  }

  it('shows None for the headless service and the external name for ExternalName', async () => {
    const h = await objects();
    expect((await h.run('kubectl get svc')).stdout)
      .toBe(`NAME            TYPE           CLUSTER-IP    EXTERNAL-IP        PORT(S)    AGE
endpoint1       ClusterIP      10.200.1.80   <none>             8080/TCP   4s
endpoint2       ClusterIP      10.200.1.18   <none>             8080/TCP   2s
externalname1   ExternalName   <none>        github.github.io   <none>     2s
headless1       ClusterIP      None          <none>             80/TCP     6s
kubernetes      ClusterIP      10.200.1.1    <none>             443/TCP    6m25s
`);
  });

  it('keeps the hand-made Endpoints and mirrors them into a slice', async () => {
    const h = await objects();
    await h.run('kubectl get pod');
    await h.run('kubectl get pod');
    await h.run('kubectl get pod');
    expect((await h.run('kubectl get endpoints')).stdout).toBe(`NAME         ENDPOINTS            AGE
endpoint1    10.10.3.2:8080       10s
endpoint2    20.111.156.67:8080   8s
headless1    10.10.1.2:8080       12s
kubernetes   172.18.0.2:6443      6m31s
`);
    expect((await h.run('kubectl describe endpoints endpoint1')).stdout).toBe(`Name:         endpoint1
Namespace:    default
Labels:       <none>
Annotations:  endpoints.kubernetes.io/last-change-trigger-time: 2026-10-02T16:00:12Z
Subsets:
  Addresses:          10.10.3.2
  NotReadyAddresses:  <none>
  Ports:
    Name     Port  Protocol
    ----     ----  --------
    <unset>  8080  TCP

Events:  <none>
`);
    expect((await h.run('kubectl get endpointslices')).stdout)
      .toBe(`NAME              ADDRESSTYPE   PORTS   ENDPOINTS       AGE
endpoint1-4rf5x   IPv4          8080    10.10.3.2       14s
endpoint2-4nk6z   IPv4          8080    20.111.156.67   12s
headless1-9w589   IPv4          8080    10.10.1.2       16s
kubernetes        IPv4          6443    172.18.0.2      6m35s
`);
  });
});

describe('watching and waiting', () => {
  it('prints new rows while the pod starts and ends after a quiet spell when nobody is typing', async () => {
    const h = KubectlHarness.scenario('kind-iptables', 1);
    await h.run('kubectl run web --image=registry.k8s.io/kube-proxy:v1.31.0');
    const r = await h.run('kubectl get pod -w', { tick: false });
    expect(r.stdout).toBe(`NAME   READY   STATUS              RESTARTS   AGE
web    0/1     ContainerCreating   0          0s
web    1/1     Running             0          1s
`);
  });

  it('prints the header with the first event when watching only', async () => {
    const h = KubectlHarness.scenario('kind-iptables', 1);
    await h.run('kubectl run web --image=registry.k8s.io/kube-proxy:v1.31.0');
    const r = await h.run('kubectl get pod --watch-only', { tick: false });
    expect(r.stdout).toBe(`NAME   READY   STATUS    RESTARTS   AGE
web    1/1     Running   0          1s
`);
  });

  it('prints nothing for an empty list and stops after a quiet spell', async () => {
    const h = KubectlHarness.scenario('kind-iptables', 1);
    expect(await h.run('kubectl get pod -w')).toEqual({ stdout: '', stderr: '', code: 0 });
  });

  it('times out waiting for a pod that cannot be scheduled', async () => {
    const h = KubectlHarness.scenario('kind-iptables', 1);
    await h.run('kubectl apply -f -', {
      stdin:
        'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  nodeSelector:\n    disk: ssd\n  containers:\n  - name: c\n    image: busybox\n',
    });
    expect(await h.run('kubectl wait --for=condition=Ready pod/p --timeout=3s')).toEqual({
      stdout: '',
      stderr: 'error: timed out waiting for the condition on pods/p\n',
      code: 1,
    });
  });

  it('scales, waits and reports the rollout', async () => {
    const h = KubectlHarness.scenario('kind-iptables', 1);
    expect((await h.run('kubectl create deployment web --image=nginx:1.27 --replicas=3')).stdout).toBe(
      'deployment.apps/web created\n',
    );
    expect((await h.run('kubectl expose deployment web --port=80 --target-port=8080 --type=NodePort')).stdout).toBe(
      'service/web exposed\n',
    );
    expect((await h.run('kubectl scale deployment web --replicas=1')).stdout).toBe('deployment.apps/web scaled\n');
    expect((await h.run('kubectl rollout status deployment/web')).stdout).toBe(
      'Waiting for deployment "web" rollout to finish: 0 of 1 updated replicas are available...\ndeployment "web" successfully rolled out\n',
    );
    expect((await h.run('kubectl label pod -l app=web tier=fe')).stdout).toMatch(
      /^pod\/web-[a-z0-9]+-[a-z0-9]{5} labeled\n$/,
    );
  });
});
