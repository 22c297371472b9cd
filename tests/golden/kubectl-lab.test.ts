/**
 * The seeds' lab flows, typed as learners type them: heredoc manifests fed to `kubectl create -f -`,
 * `kubectl apply -f 3pod.yaml,netpod.yaml,svc-clusterip.yaml`, `-owide` while pods start, jsonpath
 * into variables, describe, hand-made Endpoints, ExternalName and headless Services, exec.
 */
import { describe, expect, it } from 'vitest';
import { KubectlHarness } from './kubectl-harness';

const THREE_PODS = ['webpod1', 'webpod2', 'webpod3']
  .map((n, i) => `apiVersion: v1
kind: Pod
metadata:
  name: ${n}
  labels:
    app: webpod
spec:
  nodeName: myk8s-worker${i === 0 ? '' : i + 1}
  containers:
  - name: container
    image: traefik/whoami
  terminationGracePeriodSeconds: 0
`)
  .join('---\n');

const NETPOD = `apiVersion: v1
kind: Pod
metadata:
  name: net-pod
spec:
  nodeName: myk8s-control-plane
  containers:
  - name: netshoot-pod
    image: nicolaka/netshoot
    command: ["tail"]
    args: ["-f", "/dev/null"]
  terminationGracePeriodSeconds: 0
`;

const SVC_CLUSTERIP = `apiVersion: v1
kind: Service
metadata:
  name: svc-clusterip
spec:
  ports:
    - name: svc-webport
      port: 9000        # 서비스 IP 에 접속 시 사용하는 포트 port 를 의미
      targetPort: 80    # 타킷 targetPort 는 서비스를 통해서 목적지 파드로 접속 시 해당 파드로 접속하는 포트를 의미
  selector:
    app: webpod         # 셀렉터 아래 app:webpod 레이블이 설정되어 있는 파드들은 해당 서비스에 연동됨
  type: ClusterIP       # 서비스 타입
`;

async function kansLab(): Promise<KubectlHarness> {
  const h = KubectlHarness.scenario('kind-iptables', 1);
  h.writeFile('3pod.yaml', THREE_PODS);
  h.writeFile('netpod.yaml', NETPOD);
  h.writeFile('svc-clusterip.yaml', SVC_CLUSTERIP);
  return h;
}

describe('kans-week5 lab: three webpods, a netshoot pod and a ClusterIP service', () => {
  it('creates everything from a comma list of files', async () => {
    const h = await kansLab();
    const r = await h.run('kubectl apply -f 3pod.yaml,netpod.yaml,svc-clusterip.yaml');
    expect(r).toEqual({ stdout: 'pod/webpod1 created\npod/webpod2 created\npod/webpod3 created\npod/net-pod created\nservice/svc-clusterip created\n', stderr: '', code: 0 });
  });

  it('shows ContainerCreating right after apply and Running once the images are pulled', async () => {
    const h = await kansLab();
    await h.run('kubectl apply -f 3pod.yaml,netpod.yaml,svc-clusterip.yaml');
    expect((await h.run('kubectl get pod -owide')).stdout).toBe(`NAME      READY   STATUS              RESTARTS   AGE   IP       NODE                  NOMINATED NODE   READINESS GATES
net-pod   0/1     ContainerCreating   0          2s    <none>   myk8s-control-plane   <none>           <none>
webpod1   0/1     ContainerCreating   0          2s    <none>   myk8s-worker          <none>           <none>
webpod2   0/1     ContainerCreating   0          2s    <none>   myk8s-worker2         <none>           <none>
webpod3   0/1     ContainerCreating   0          2s    <none>   myk8s-worker3         <none>           <none>
`);
    await h.run('kubectl get pod');
    await h.run('kubectl get pod');
    expect((await h.run('kubectl get pod -owide')).stdout).toBe(`NAME      READY   STATUS    RESTARTS   AGE   IP          NODE                  NOMINATED NODE   READINESS GATES
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
    expect((await h.run('kubectl get svc svc-clusterip')).stdout).toBe(`NAME            TYPE        CLUSTER-IP    EXTERNAL-IP   PORT(S)    AGE
svc-clusterip   ClusterIP   10.200.1.80   <none>        9000/TCP   10s
`);
    expect((await h.run('kubectl get endpoints svc-clusterip')).stdout).toBe(`NAME            ENDPOINTS                                AGE
svc-clusterip   10.10.1.2:80,10.10.2.2:80,10.10.3.2:80   12s
`);
    expect((await h.run('kubectl get endpointslices -l kubernetes.io/service-name=svc-clusterip')).stdout).toBe(`NAME                  ADDRESSTYPE   PORTS   ENDPOINTS                       AGE
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
    expect(r.stdout).toBe('pod/webpod1 unchanged\npod/webpod2 unchanged\npod/webpod3 unchanged\npod/net-pod unchanged\nservice/svc-clusterip unchanged\n');
  });

  it('runs the zsh loop of the lab inside net-pod', async () => {
    const h = await kansLab();
    await h.run('kubectl apply -f 3pod.yaml,netpod.yaml,svc-clusterip.yaml');
    await h.run('kubectl wait --for=condition=Ready pod/net-pod --timeout=60s');
    const r = await h.run('kubectl exec -it net-pod -- zsh -c "for i in {1..10};   do curl -s 10.200.1.80:9000 | grep Hostname; done | sort | uniq -c | sort -nr"');
    expect(r.code).toBe(0);
    expect(h.calls).toEqual([
      { kind: 'runScript', script: 'for i in {1..10};   do curl -s 10.200.1.80:9000 | grep Hostname; done | sort | uniq -c | sort -nr', location: { kind: 'pod', namespace: 'default', pod: 'net-pod', container: 'netshoot-pod' }, shell: 'zsh' },
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
    expect(h.calls).toEqual([{ kind: 'enter', location: { kind: 'pod', namespace: 'default', pod: 'net-pod', container: 'netshoot-pod' }, shell: 'zsh' }]);
  });

  it('says a scratch image has no shell', async () => {
    const h = await kansLab();
    await h.run('kubectl apply -f 3pod.yaml,netpod.yaml,svc-clusterip.yaml');
    await h.run('kubectl wait --for=condition=Ready pod/webpod1 --timeout=60s');
    expect(await h.run('kubectl exec -it webpod1 -- sh')).toEqual({
      stdout: 'OCI runtime exec failed: exec failed: unable to start container process: exec: "sh": executable file not found in $PATH: unknown\n',
      stderr: 'command terminated with exit code 126\n',
      code: 126,
    });
  });

  it('refuses to exec into a pod that is still starting', async () => {
    const h = await kansLab();
    const r = await h.run('kubectl apply -f 3pod.yaml,netpod.yaml,svc-clusterip.yaml');
    expect(r.code).toBe(0);
    expect(await h.run('kubectl exec webpod1 -- ls', { tick: false })).toEqual({ stdout: '', stderr: 'error: unable to upgrade connection: container not found ("container")\n', code: 1 });
  });
});

describe('kans-week5 ExternalIP lab: a heredoc piped into kubectl create -f -', () => {
  const MANIFEST = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: deploy-echo
spec:
  replicas: 2
  selector:
    matchLabels:
      app: deploy-websrv
  template:
    metadata:
      labels:
        app: deploy-websrv
    spec:
      terminationGracePeriodSeconds: 0
      containers:
      - name: ndks-websrv
        image: k8s.gcr.io/echoserver:1.5
        ports:
        - containerPort: 8080
---
apiVersion: v1
kind: Service
metadata:
  name: svc-externalip
spec:
  type: ClusterIP
  externalIPs:
    - 192.168.10.101
    - 192.168.10.102
  ports:
    - name: svc-webport
      port: 9000
      targetPort: 8080
  selector:
    app: deploy-websrv
`;

  it('creates the deployment and the service and lists the external IPs', async () => {
    const h = KubectlHarness.scenario('kind-iptables', 1);
    expect((await h.run('kubectl create -f -', { stdin: MANIFEST })).stdout).toBe('deployment.apps/deploy-echo created\nservice/svc-externalip created\n');
    expect((await h.run('kubectl get svc svc-externalip')).stdout).toBe(`NAME             TYPE        CLUSTER-IP     EXTERNAL-IP                     PORT(S)    AGE
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
Internal Traffic Policy:  Cluster
Events:                   <none>
`);
    expect((await h.run('kubectl delete deploy deploy-echo')).stdout).toBe('deployment.apps "deploy-echo" deleted\n');
    expect((await h.run('kubectl delete svc svc-externalip')).stdout).toBe('service "svc-externalip" deleted\n');
    expect(await h.run('kubectl get pod')).toEqual({ stdout: '', stderr: 'No resources found in default namespace.\n', code: 0 });
  });
});

describe('k8s-objects seed: headless, hand-made Endpoints, ExternalName', () => {
  async function objects(): Promise<KubectlHarness> {
    const h = KubectlHarness.scenario('kind-iptables', 1);
    await h.run('kubectl apply -f -', {
      stdin: `apiVersion: v1
kind: Service
metadata:
  name: headless1
spec:
  selector:
    svc: headless
  ports:
    - port: 80
      targetPort: 8080    
  clusterIP: None
---
apiVersion: v1
kind: Pod
metadata:
  name: pod4
  labels:
    svc: headless
spec:
  hostname: pod-a
  subdomain: headless1
  containers:
  - name: container
    image: kubetm/app
`,
    });
    await h.run('kubectl apply -f -', {
      stdin: `apiVersion: v1
kind: Service
metadata:
  name: endpoint1
spec:
  selector:
    svc: endpoint
  ports:
  - port: 8080
---
apiVersion: v1
kind: Pod
metadata:
  name: pod7
  labels:
    svc: endpoint
spec:
  containers:
  - name: container
    image: kubetm/app
`,
    });
    const r = await h.run('kubectl apply -f -', {
      stdin: `apiVersion: v1
kind: Service
metadata:
  name: endpoint2
spec:
  ports:
  - port: 8080
---
apiVersion: v1
kind: Endpoints
metadata:
  name: endpoint2
subsets:
 - addresses:
   - ip: 20.111.156.67
   ports:
   - port: 8080
---
apiVersion: v1
kind: Service
metadata:
 name: externalname1
spec:
 type: ExternalName
 externalName: github.github.io
`,
    });
    expect(r.stdout).toBe('service/endpoint2 created\nendpoints/endpoint2 created\nservice/externalname1 created\n');
    return h;
  }

  it('shows None for the headless service and the external name for ExternalName', async () => {
    const h = await objects();
    expect((await h.run('kubectl get svc')).stdout).toBe(`NAME            TYPE           CLUSTER-IP    EXTERNAL-IP        PORT(S)    AGE
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
    expect((await h.run('kubectl get endpointslices')).stdout).toBe(`NAME              ADDRESSTYPE   PORTS   ENDPOINTS       AGE
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
    await h.run('kubectl apply -f -', { stdin: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  nodeSelector:\n    disk: ssd\n  containers:\n  - name: c\n    image: busybox\n' });
    expect(await h.run('kubectl wait --for=condition=Ready pod/p --timeout=3s')).toEqual({ stdout: '', stderr: 'error: timed out waiting for the condition on pods/p\n', code: 1 });
  });

  it('scales, waits and reports the rollout', async () => {
    const h = KubectlHarness.scenario('kind-iptables', 1);
    expect((await h.run('kubectl create deployment web --image=nginx:1.27 --replicas=3')).stdout).toBe('deployment.apps/web created\n');
    expect((await h.run('kubectl expose deployment web --port=80 --target-port=8080 --type=NodePort')).stdout).toBe('service/web exposed\n');
    expect((await h.run('kubectl scale deployment web --replicas=1')).stdout).toBe('deployment.apps/web scaled\n');
    expect((await h.run('kubectl rollout status deployment/web')).stdout).toBe('Waiting for deployment "web" rollout to finish: 0 of 1 updated replicas are available...\ndeployment "web" successfully rolled out\n');
    expect((await h.run('kubectl label pod -l app=web tier=fe')).stdout).toMatch(/^pod\/web-[a-z0-9]+-[a-z0-9]{5} labeled\n$/);
  });
});
