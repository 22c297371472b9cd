/**
 * The API-access and RBAC flows of seeds/k8s-objects-dns-headless-endpoints-rbac.txt, typed as a
 * learner would: a namespace brings its `default` ServiceAccount; a pod runs as it and finds the
 * CA and token under /var/run/secrets/kubernetes.io/serviceaccount; with the token it reaches the
 * API server (curl from the pod, or kubectl --token from outside) and is refused until a Role and
 * RoleBinding, then a ClusterRole and ClusterRoleBinding, grant it access. The Status texts are the
 * apiserver's (reference facts-dns-cni-rbac.md 4.1, facts-kubeproxy-kubectl.md 3.7).
 */
import { describe, expect, it } from 'vitest';
import { labSession, runLines } from '../../src/sim/shell/testing';

const TOKEN_PATH = '/var/run/secrets/kubernetes.io/serviceaccount/token';
const CURL = `curl -sk -H "Authorization: Bearer $(cat ${TOKEN_PATH})"`;

/** A kind cluster with the rbac-lab namespace and a netshoot pod in it; `inPod` runs a command there. */
async function lab() {
  const l = await labSession('kind-iptables', [
    'kubectl create namespace rbac-lab',
    'kubectl run request -n rbac-lab --image=nicolaka/netshoot -- sleep infinity',
    'sleep 10',
  ]);
  return { ...l, inPod: (cmd: string) => l.run(`kubectl exec request -n rbac-lab -- sh -c '${cmd}'`) };
}

describe('seed: service accounts and the API from a pod', () => {
  it('gives a new namespace its default ServiceAccount, with no token Secret since v1.24', async () => {
    const { sh } = await lab();
    expect(
      await runLines(sh, [
        'kubectl get serviceaccounts -n rbac-lab',
        'kubectl get pod request -n rbac-lab -o jsonpath="{.spec.serviceAccountName}{\\"\\n\\"}"',
      ]),
    ).toBe('NAME      SECRETS   AGE\ndefault   0         16s\ndefault\n');
  });

  it('mounts the CA, namespace and token where client libraries look for them', async () => {
    const { inPod } = await lab();
    expect(
      await inPod(
        'ls -1 /var/run/secrets/kubernetes.io/serviceaccount; cat /var/run/secrets/kubernetes.io/serviceaccount/namespace; echo; head -1 /var/run/secrets/kubernetes.io/serviceaccount/ca.crt',
      ),
    ).toBe('ca.crt\nnamespace\ntoken\nrbac-lab\n-----BEGIN CERTIFICATE-----\n');
  });

  it('refuses an anonymous curl with the Forbidden Status object, pretty-printed for curl', async () => {
    const { inPod } = await lab();
    expect(await inPod('curl -sk https://kubernetes.default.svc/api/v1/namespaces/rbac-lab/pods')).toBe(`{
  "kind": "Status",
  "apiVersion": "v1",
  "metadata": {},
  "status": "Failure",
  "message": "pods is forbidden: User \\"system:anonymous\\" cannot list resource \\"pods\\" in API group \\"\\" in the namespace \\"rbac-lab\\"",
  "reason": "Forbidden",
  "details": {
    "kind": "pods"
  },
  "code": 403
}`);
  });

  it('identifies the pod token as system:serviceaccount:rbac-lab:default, still without permissions', async () => {
    const { inPod } = await lab();
    expect(await inPod(`${CURL} https://kubernetes.default.svc/api/v1/namespaces/rbac-lab/pods | grep message`)).toBe(
      '  "message": "pods is forbidden: User \\"system:serviceaccount:rbac-lab:default\\" cannot list resource \\"pods\\" in API group \\"\\" in the namespace \\"rbac-lab\\"",\n',
    );
  });

  it('answers a token it never issued with 401', async () => {
    const { inPod } = await lab();
    expect(
      await inPod(
        'curl -sk -H "Authorization: Bearer eyJhbGciOiJSUzI1NiJ9.e30.c2ln" https://kubernetes.default.svc/api/v1/namespaces/rbac-lab/pods',
      ),
    ).toBe(`{
  "kind": "Status",
  "apiVersion": "v1",
  "metadata": {},
  "status": "Failure",
  "message": "Unauthorized",
  "reason": "Unauthorized",
  "code": 401
}`);
  });

  it('lists the namespace pods once a Role and RoleBinding grant it, and nothing beyond the namespace', async () => {
    const { sh, inPod } = await lab();
    expect(
      await runLines(sh, [
        'kubectl create role pod-reader -n rbac-lab --verb=get,list,watch --resource=pods',
        'kubectl create rolebinding default-pod-reader -n rbac-lab --role=pod-reader --serviceaccount=rbac-lab:default',
      ]),
    ).toBe(
      'role.rbac.authorization.k8s.io/pod-reader created\nrolebinding.rbac.authorization.k8s.io/default-pod-reader created\n',
    );
    expect(
      await inPod(
        `${CURL} https://kubernetes.default.svc/api/v1/namespaces/rbac-lab/pods | grep -E "^  \\"(kind|apiVersion)\\"|^        \\"name\\""`,
      ),
    ).toBe('  "kind": "PodList",\n  "apiVersion": "v1",\n        "name": "request",\n');
    expect(
      await inPod(`${CURL} https://kubernetes.default.svc/api/v1/namespaces/kube-system/pods | grep message`),
    ).toBe(
      '  "message": "pods is forbidden: User \\"system:serviceaccount:rbac-lab:default\\" cannot list resource \\"pods\\" in API group \\"\\" in the namespace \\"kube-system\\"",\n',
    );
    expect(await inPod(`${CURL} https://kubernetes.default.svc/api/v1/nodes | grep message`)).toBe(
      '  "message": "nodes is forbidden: User \\"system:serviceaccount:rbac-lab:default\\" cannot list resource \\"nodes\\" in API group \\"\\" at the cluster scope",\n',
    );
  });

  it('reads cluster-scoped nodes once a ClusterRole and ClusterRoleBinding grant it', async () => {
    const { sh, inPod } = await lab();
    expect(
      await runLines(sh, [
        'kubectl create clusterrole node-reader --verb=get,list,watch --resource=nodes',
        'kubectl create clusterrolebinding default-node-reader --clusterrole=node-reader --serviceaccount=rbac-lab:default',
      ]),
    ).toBe(
      'clusterrole.rbac.authorization.k8s.io/node-reader created\nclusterrolebinding.rbac.authorization.k8s.io/default-node-reader created\n',
    );
    expect(
      await inPod(`${CURL} https://kubernetes.default.svc/api/v1/nodes | grep -E "^  \\"kind\\"|^        \\"name\\""`),
    ).toBe(
      '  "kind": "NodeList",\n        "name": "myk8s-control-plane",\n        "name": "myk8s-worker",\n        "name": "myk8s-worker2",\n        "name": "myk8s-worker3",\n',
    );
  });
});

describe('seed: a token held outside the cluster', () => {
  it('makes a service-account token Secret by hand and uses its token with kubectl --token', async () => {
    const { sh } = await lab();
    const out = await runLines(sh, [
      'kubectl create serviceaccount reader -n rbac-lab',
      `cat <<EOF | kubectl apply -f -
apiVersion: v1
kind: Secret
metadata:
  name: reader-token
  namespace: rbac-lab
  annotations:
    kubernetes.io/service-account.name: reader
type: kubernetes.io/service-account-token
EOF`,
      'kubectl get secret reader-token -n rbac-lab',
      'TOKEN=$(kubectl get secret reader-token -n rbac-lab -o jsonpath="{.data.token}" | base64 -d)',
      'kubectl get pods -n rbac-lab --token=$TOKEN',
      'kubectl create rolebinding reader-view -n rbac-lab --clusterrole=view --serviceaccount=rbac-lab:reader',
      'kubectl get pods -n rbac-lab --token=$TOKEN -o name',
      'kubectl get secrets -n rbac-lab --token=$TOKEN',
      'kubectl delete secret reader-token -n rbac-lab',
      'kubectl get pods -n rbac-lab --token=$TOKEN',
    ]);
    expect(out).toBe(`serviceaccount/reader created
secret/reader-token created
NAME           TYPE                                  DATA   AGE
reader-token   kubernetes.io/service-account-token   3      2s
Error from server (Forbidden): pods is forbidden: User "system:serviceaccount:rbac-lab:reader" cannot list resource "pods" in API group "" in the namespace "rbac-lab"
rolebinding.rbac.authorization.k8s.io/reader-view created
pod/request
Error from server (Forbidden): secrets is forbidden: User "system:serviceaccount:rbac-lab:reader" cannot list resource "secrets" in API group "" in the namespace "rbac-lab"
secret "reader-token" deleted
error: You must be logged in to the server (Unauthorized)
`);
  });

  it('wraps create token errors as create_token.go does', async () => {
    const { sh } = await lab();
    expect(
      await runLines(sh, [
        'kubectl create token nope -n rbac-lab',
        'kubectl create token default -n rbac-lab --as=jane',
      ]),
    ).toBe(
      'error: failed to create token: serviceaccounts "nope" not found\n' +
        'error: failed to create token: serviceaccounts "default" is forbidden: User "jane" cannot create resource "serviceaccounts/token" in API group "" in the namespace "rbac-lab"\n',
    );
  });

  it('issues a short-lived token with kubectl create token that stops working when it expires', async () => {
    const { sh } = await lab();
    expect(
      await runLines(sh, [
        'T=$(kubectl create token default -n rbac-lab --duration=10m)',
        'kubectl auth whoami --token=$T | sed -n 2p',
        'sleep 600',
        'kubectl auth whoami --token=$T',
      ]),
    ).toBe(
      'Username                                            system:serviceaccount:rbac-lab:default\nerror: You must be logged in to the server (Unauthorized)\n',
    );
  });
});

describe('kubectl cost with authorization', () => {
  it('answers a get as a service account in a few milliseconds', async () => {
    const { sh } = await lab();
    await runLines(sh, [
      'kubectl create rolebinding v -n rbac-lab --clusterrole=view --serviceaccount=rbac-lab:default',
    ]);
    const start = performance.now();
    for (let i = 0; i < 50; i++)
      await runLines(sh, ['kubectl get pods -n rbac-lab --as=system:serviceaccount:rbac-lab:default >/dev/null']);
    // A loose bound: the budget is 5 ms median per command; the test machine may be slower.
    expect((performance.now() - start) / 50).toBeLessThan(25);
  });
});
