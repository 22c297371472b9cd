/**
 * Golden transcripts for `kubectl get` on the kind-iptables scenario (seed 1): layouts follow
 * facts-kubeproxy-kubectl §3.1-3.3 (tabwriter padding 3, wide columns, -A, kind/ prefixes,
 * "No resources found" on stderr) and the kind topology of the kans-week5 seed.
 */
import { describe, expect, it } from 'vitest';
import { KubectlHarness } from './kubectl-harness';

async function transcript(lines: string[]): Promise<Array<{ stdout: string; stderr: string; code: number }>> {
  const h = KubectlHarness.scenario('kind-iptables', 1);
  const out = [];
  for (const l of lines) out.push(await h.run(l));
  return out;
}

async function one(line: string) {
  return (await transcript([line]))[0]!;
}

describe('kubectl get on a fresh kind cluster', () => {
  it('lists every pod with -A -o wide like a kind cluster up a few minutes', async () => {
    const r = await one('kubectl get pod -A -o wide');
    expect(r.stderr).toBe('');
    expect(r.stdout)
      .toBe(`NAMESPACE            NAME                                          READY   STATUS    RESTARTS   AGE     IP           NODE                  NOMINATED NODE   READINESS GATES
kube-system          coredns-69986d6d67-46vds                      1/1     Running   0          6m11s   10.10.0.3    myk8s-control-plane   <none>           <none>
kube-system          coredns-69986d6d67-bxdsd                      1/1     Running   0          6m11s   10.10.0.2    myk8s-control-plane   <none>           <none>
kube-system          etcd-myk8s-control-plane                      1/1     Running   0          6m17s   172.18.0.2   myk8s-control-plane   <none>           <none>
kube-system          kindnet-2fqw7                                 1/1     Running   0          5m57s   172.18.0.3   myk8s-worker          <none>           <none>
kube-system          kindnet-d67zw                                 1/1     Running   0          5m55s   172.18.0.5   myk8s-worker3         <none>           <none>
kube-system          kindnet-j85dp                                 1/1     Running   0          6m11s   172.18.0.2   myk8s-control-plane   <none>           <none>
kube-system          kindnet-v82qc                                 1/1     Running   0          5m56s   172.18.0.4   myk8s-worker2         <none>           <none>
kube-system          kube-apiserver-myk8s-control-plane            1/1     Running   0          6m17s   172.18.0.2   myk8s-control-plane   <none>           <none>
kube-system          kube-controller-manager-myk8s-control-plane   1/1     Running   0          6m17s   172.18.0.2   myk8s-control-plane   <none>           <none>
kube-system          kube-proxy-9plt8                              1/1     Running   0          5m55s   172.18.0.5   myk8s-worker3         <none>           <none>
kube-system          kube-proxy-jct7s                              1/1     Running   0          6m11s   172.18.0.2   myk8s-control-plane   <none>           <none>
kube-system          kube-proxy-q44fd                              1/1     Running   0          5m57s   172.18.0.3   myk8s-worker          <none>           <none>
kube-system          kube-proxy-xvww8                              1/1     Running   0          5m56s   172.18.0.4   myk8s-worker2         <none>           <none>
kube-system          kube-scheduler-myk8s-control-plane            1/1     Running   0          6m17s   172.18.0.2   myk8s-control-plane   <none>           <none>
local-path-storage   local-path-provisioner-6bb694459b-8hhr2       1/1     Running   0          6m11s   10.10.0.4    myk8s-control-plane   <none>           <none>
`);
  });

  it('shows kubernetes at .1 and kube-dns at .10 of the service subnet', async () => {
    const r = await one('kubectl get svc -A');
    expect(r.stdout)
      .toBe(`NAMESPACE     NAME         TYPE        CLUSTER-IP    EXTERNAL-IP   PORT(S)                  AGE
default       kubernetes   ClusterIP   10.200.1.1    <none>        443/TCP                  6m19s
kube-system   kube-dns     ClusterIP   10.200.1.10   <none>        53/UDP,53/TCP,9153/TCP   6m11s
`);
  });

  it('prefixes kind/name and separates groups with a blank line for several types', async () => {
    const r = await one('kubectl get svc,ep -A');
    expect(r.stdout)
      .toBe(`NAMESPACE     NAME                 TYPE        CLUSTER-IP    EXTERNAL-IP   PORT(S)                  AGE
default       service/kubernetes   ClusterIP   10.200.1.1    <none>        443/TCP                  6m19s
kube-system   service/kube-dns     ClusterIP   10.200.1.10   <none>        53/UDP,53/TCP,9153/TCP   6m11s

NAMESPACE     NAME                   ENDPOINTS                                            AGE
default       endpoints/kubernetes   172.18.0.2:6443                                      6m19s
kube-system   endpoints/kube-dns     10.10.0.2:53,10.10.0.3:53,10.10.0.2:53 + 3 more...   6m11s
`);
  });

  it('lists the four kind nodes with roles and version', async () => {
    const r = await one('kubectl get nodes');
    expect(r.stdout).toBe(`NAME                  STATUS   ROLES           AGE     VERSION
myk8s-control-plane   Ready    control-plane   6m17s   v1.31.0
myk8s-worker          Ready    <none>          5m57s   v1.31.0
myk8s-worker2         Ready    <none>          5m56s   v1.31.0
myk8s-worker3         Ready    <none>          5m55s   v1.31.0
`);
  });

  it('prints No resources found in default namespace. on stderr with exit 0', async () => {
    const r = await one('kubectl get pod');
    expect(r).toEqual({ stdout: '', stderr: 'No resources found in default namespace.\n', code: 0 });
  });

  it('prints No resources found without a namespace for a cluster-scoped type', async () => {
    const r = await one('kubectl get pv');
    expect(r).toEqual({ stdout: '', stderr: 'No resources found\n', code: 0 });
  });

  it('filters with an equality label selector in another namespace', async () => {
    const r = await one('kubectl get pods -n kube-system -l k8s-app=kube-dns');
    expect(r.stdout).toBe(`NAME                       READY   STATUS    RESTARTS   AGE
coredns-69986d6d67-46vds   1/1     Running   0          6m11s
coredns-69986d6d67-bxdsd   1/1     Running   0          6m11s
`);
  });

  it('filters with a set-based selector and drops the header with --no-headers', async () => {
    const r = await one("kubectl get pods -A -l 'k8s-app in (kube-dns,kube-proxy)' --no-headers");
    expect(r.stdout).toBe(`kube-system   coredns-69986d6d67-46vds   1/1   Running   0     6m11s
kube-system   coredns-69986d6d67-bxdsd   1/1   Running   0     6m11s
kube-system   kube-proxy-9plt8           1/1   Running   0     5m55s
kube-system   kube-proxy-jct7s           1/1   Running   0     6m11s
kube-system   kube-proxy-q44fd           1/1   Running   0     5m57s
kube-system   kube-proxy-xvww8           1/1   Running   0     5m56s
`);
  });

  it('filters with a field selector on spec.nodeName', async () => {
    const r = await one('kubectl get pods -A --field-selector spec.nodeName=myk8s-worker');
    expect(r.stdout).toBe(`NAMESPACE     NAME               READY   STATUS    RESTARTS   AGE
kube-system   kindnet-2fqw7      1/1     Running   0          5m57s
kube-system   kube-proxy-q44fd   1/1     Running   0          5m57s
`);
  });

  it('runs a jsonpath range with a filter and quoted text', async () => {
    const r = await one(
      `kubectl get nodes -o jsonpath='{range .items[*]}{.metadata.name}{"\\t"}{.status.addresses[?(@.type=="InternalIP")].address}{"\\n"}{end}'`,
    );
    expect(r.stdout).toBe(
      'myk8s-control-plane\t172.18.0.2\nmyk8s-worker\t172.18.0.3\nmyk8s-worker2\t172.18.0.4\nmyk8s-worker3\t172.18.0.5\n',
    );
  });

  it('prints a single field with no trailing newline', async () => {
    const r = await one('kubectl get svc kubernetes -o jsonpath={.spec.clusterIP}');
    expect(r.stdout).toBe('10.200.1.1');
  });

  it('prints custom columns', async () => {
    const r = await one('kubectl get nodes -o custom-columns=NAME:.metadata.name,CIDR:.spec.podCIDR');
    expect(r.stdout).toBe(`NAME                  CIDR
myk8s-control-plane   10.10.0.0/24
myk8s-worker          10.10.1.0/24
myk8s-worker2         10.10.2.0/24
myk8s-worker3         10.10.3.0/24
`);
  });

  it('adds a label column with -L and all labels with --show-labels', async () => {
    expect((await one('kubectl get nodes -L mynode')).stdout)
      .toBe(`NAME                  STATUS   ROLES           AGE     VERSION   MYNODE
myk8s-control-plane   Ready    control-plane   6m17s   v1.31.0   control-plane
myk8s-worker          Ready    <none>          5m57s   v1.31.0   worker1
myk8s-worker2         Ready    <none>          5m56s   v1.31.0   worker2
myk8s-worker3         Ready    <none>          5m55s   v1.31.0   worker3
`);
    expect((await one('kubectl get ns kube-system --show-labels')).stdout).toBe(`NAME          STATUS   AGE     LABELS
kube-system   Active   6m19s   kubernetes.io/metadata.name=kube-system
`);
  });

  it('sorts by a jsonpath and prints kind/name with -o name', async () => {
    const r = await one('kubectl get pods -n kube-system --sort-by=.metadata.creationTimestamp -o name');
    expect(r.stdout.split('\n').slice(0, 5).join('\n')).toBe(`pod/etcd-myk8s-control-plane
pod/kube-apiserver-myk8s-control-plane
pod/kube-controller-manager-myk8s-control-plane
pod/kube-scheduler-myk8s-control-plane
pod/coredns-69986d6d67-46vds`);
  });

  it('prints roles with NAME and CREATED AT', async () => {
    const r = await one('kubectl get clusterrole cluster-admin');
    expect(r.stdout).toBe(`NAME            CREATED AT
cluster-admin   2026-10-02T15:53:43Z
`);
  });

  it('shows the default ServiceAccount and kube-root-ca.crt of the default namespace', async () => {
    const r = await one('kubectl get sa,cm');
    expect(r.stdout).toBe(`NAME                     SECRETS   AGE
serviceaccount/default   0         6m19s

NAME                         DATA   AGE
configmap/kube-root-ca.crt   1      6m19s
`);
  });

  it('prints one object as JSON indented by four spaces', async () => {
    const r = await one('kubectl get svc kubernetes -o json');
    expect(r.stdout).toContain(`    "spec": {
        "clusterIP": "10.200.1.1",
        "clusterIPs": [
            "10.200.1.1"
        ],
        "internalTrafficPolicy": "Cluster",
        "ipFamilies": [
            "IPv4"
        ],
        "ipFamilyPolicy": "SingleStack",
        "ports": [
            {
                "name": "https",
                "port": 443,
                "protocol": "TCP",
                "targetPort": 6443
            }
        ],
        "sessionAffinity": "None",
        "type": "ClusterIP"
    },
    "status": {
        "loadBalancer": {}
    }
}
`);
  });

  it('wraps a list in kind: List for -o yaml', async () => {
    const r = await one('kubectl get ns default -o yaml');
    expect(r.stdout.startsWith('apiVersion: v1\nkind: Namespace\n')).toBe(true);
    const list = await one('kubectl get ns -l kubernetes.io/metadata.name=default -o yaml');
    expect(list.stdout.startsWith('apiVersion: v1\nitems:\n- apiVersion: v1\n  kind: Namespace\n')).toBe(true);
    expect(list.stdout.endsWith('kind: List\nmetadata:\n  resourceVersion: ""\n')).toBe(true);
  });
});
