/**
 * RBAC as a learner meets it through kubectl: the Forbidden errors, `auth can-i` (answers, exit
 * codes, warnings, the --list table), `auth whoami`, and the create commands' confirmations. Every
 * expected text is written out from ../shared/reference (facts-kubeproxy-kubectl.md 3.7 and 4,
 * facts-dns-cni-rbac.md 4), not produced by the code under test.
 */
import { describe, expect, it } from 'vitest';
import { freshSession, runLines } from '../../src/sim/shell/testing';

async function kind(lines: string[]): Promise<string> {
  const { sh } = freshSession('kind-iptables');
  return runLines(sh, lines);
}

describe('Forbidden errors (reference 3.7)', () => {
  it('prints the list form for a service account without permissions, exit 1', async () => {
    expect(
      await kind([
        'kubectl create sa sa >/dev/null',
        'kubectl get pods --as=system:serviceaccount:default:sa; echo "exit $?"',
      ]),
    ).toBe(
      'Error from server (Forbidden): pods is forbidden: User "system:serviceaccount:default:sa" cannot list resource "pods" in API group "" in the namespace "default"\nexit 1\n',
    );
  });

  it('quotes the name for a named get', async () => {
    expect(await kind(['kubectl get pod x --as=jane'])).toBe(
      'Error from server (Forbidden): pods "x" is forbidden: User "jane" cannot get resource "pods" in API group "" in the namespace "default"\n',
    );
  });

  it('reports each named object it may not get, and goes on to the next', async () => {
    expect(await kind(['kubectl get pods a b --as=jane; echo "exit $?"'])).toBe(
      'Error from server (Forbidden): pods "a" is forbidden: User "jane" cannot get resource "pods" in API group "" in the namespace "default"\n' +
        'Error from server (Forbidden): pods "b" is forbidden: User "jane" cannot get resource "pods" in API group "" in the namespace "default"\n' +
        'exit 1\n',
    );
  });

  it('says at the cluster scope for nodes', async () => {
    expect(await kind(['kubectl get nodes --as=u'])).toBe(
      'Error from server (Forbidden): nodes is forbidden: User "u" cannot list resource "nodes" in API group "" at the cluster scope\n',
    );
  });

  it('says at the cluster scope for pods across all namespaces', async () => {
    expect(await kind(['kubectl get pods -A --as=u'])).toBe(
      'Error from server (Forbidden): pods is forbidden: User "u" cannot list resource "pods" in API group "" at the cluster scope\n',
    );
  });

  it('qualifies a grouped resource', async () => {
    expect(await kind(['kubectl create ns dev >/dev/null', 'kubectl get deployments -n dev --as=u'])).toBe(
      'Error from server (Forbidden): deployments.apps is forbidden: User "u" cannot list resource "deployments" in API group "apps" in the namespace "dev"\n',
    );
  });

  it('names the pods/log subresource when a pod reader asks for logs', async () => {
    expect(
      await kind([
        'kubectl run web --image=nginx >/dev/null',
        'kubectl create role pod-reader --verb=get,list,watch --resource=pods >/dev/null',
        'kubectl create rolebinding jane-reads --role=pod-reader --user=jane >/dev/null',
        'kubectl get pods --as=jane -o name',
        'kubectl logs web --as=jane',
      ]),
    ).toBe(
      'pod/web\nError from server (Forbidden): pods "web" is forbidden: User "jane" cannot get resource "pods/log" in API group "" in the namespace "default"\n',
    );
  });

  it('authorizes writes with the verb kubectl sends: create, patch (scale subresource), delete', async () => {
    expect(
      await kind([
        'kubectl create deployment web --image=nginx >/dev/null',
        'kubectl create deployment web2 --image=nginx --as=jane',
        'kubectl scale deployment web --replicas=2 --as=jane',
        'kubectl delete deployment web --as=jane',
        'kubectl label deployment web tier=front --as=jane',
      ]),
    ).toBe(
      'Error from server (Forbidden): deployments.apps is forbidden: User "jane" cannot create resource "deployments" in API group "apps" in the namespace "default"\n' +
        'Error from server (Forbidden): deployments.apps "web" is forbidden: User "jane" cannot get resource "deployments" in API group "apps" in the namespace "default"\n' +
        'Error from server (Forbidden): deployments.apps "web" is forbidden: User "jane" cannot delete resource "deployments" in API group "apps" in the namespace "default"\n' +
        'Error from server (Forbidden): deployments.apps "web" is forbidden: User "jane" cannot get resource "deployments" in API group "apps" in the namespace "default"\n',
    );
  });

  it('wraps a forbidden GET during apply with the object it was retrieving, as apply.go does', async () => {
    expect(
      await kind([
        'printf "apiVersion: apps/v1\\nkind: Deployment\\nmetadata:\\n  name: web\\nspec:\\n  selector: {matchLabels: {app: web}}\\n  template:\\n    metadata: {labels: {app: web}}\\n    spec: {containers: [{name: web, image: nginx}]}\\n" > web.yaml',
        'kubectl apply -f web.yaml --as=jane',
        'kubectl create -f web.yaml --as=jane',
      ]),
    ).toBe(
      'Error from server (Forbidden): error when retrieving current configuration of:\n' +
        'Resource: "apps/v1, Resource=deployments", GroupVersionKind: "apps/v1, Kind=Deployment"\n' +
        'Name: "web", Namespace: "default"\n' +
        'from server for: "web.yaml": deployments.apps "web" is forbidden: User "jane" cannot get resource "deployments" in API group "apps" in the namespace "default"\n' +
        'Error from server (Forbidden): error when creating "web.yaml": deployments.apps is forbidden: User "jane" cannot create resource "deployments" in API group "apps" in the namespace "default"\n',
    );
  });

  it('needs patch on deployments/scale, not on deployments, to scale', async () => {
    expect(
      await kind([
        'kubectl create deployment web --image=nginx >/dev/null',
        'kubectl create role dep --verb=get,patch --resource=deployments >/dev/null',
        'kubectl create rolebinding jane-dep --role=dep --user=jane >/dev/null',
        'kubectl scale deployment web --replicas=2 --as=jane',
      ]),
    ).toBe(
      'Error from server (Forbidden): deployments.apps "web" is forbidden: User "jane" cannot patch resource "deployments/scale" in API group "apps" in the namespace "default"\n',
    );
  });

  it('checks create on pods/exec before running a command in a pod', async () => {
    expect(
      await kind([
        'kubectl run web --image=nginx >/dev/null',
        'sleep 10',
        'kubectl create role pod-reader --verb=get,list --resource=pods >/dev/null',
        'kubectl create rolebinding jane-reads --role=pod-reader --user=jane >/dev/null',
        'kubectl exec web --as=jane -- hostname',
      ]),
    ).toBe(
      'Error from server (Forbidden): pods "web" is forbidden: User "jane" cannot create resource "pods/exec" in API group "" in the namespace "default"\n',
    );
  });

  it('leaves kubernetes-admin powerless once its kubeadm:cluster-admins binding is gone, impersonation included', async () => {
    expect(
      await kind([
        'kubectl delete clusterrolebinding kubeadm:cluster-admins >/dev/null',
        'kubectl get pods',
        'kubectl get pods --as=jane',
      ]),
    ).toBe(
      'Error from server (Forbidden): pods is forbidden: User "kubernetes-admin" cannot list resource "pods" in API group "" in the namespace "default"\n' +
        'Error from server (Forbidden): users "jane" is forbidden: User "kubernetes-admin" cannot impersonate resource "users" in API group "" at the cluster scope\n',
    );
  });

  it('refuses to let a namespace admin grant what it does not hold (escalation), wrapped by create rolebinding', async () => {
    expect(
      await kind([
        'kubectl create rolebinding jane-admin --clusterrole=admin --user=jane >/dev/null',
        'kubectl create role pod-reader --verb=get,list --resource=pods --as=jane',
        'kubectl create role node-reader --verb=get,list --resource=pods,nodes --as=jane',
        'kubectl create rolebinding bob-ca --clusterrole=cluster-admin --user=bob --as=jane',
      ]),
    ).toBe(
      'role.rbac.authorization.k8s.io/pod-reader created\n' +
        'Error from server (Forbidden): roles.rbac.authorization.k8s.io "node-reader" is forbidden: user "jane" (groups=["system:authenticated"]) is attempting to grant RBAC permissions not currently held:\n' +
        '{APIGroups:[""], Resources:["nodes"], Verbs:["get" "list"]}\n' +
        'error: failed to create rolebinding: rolebindings.rbac.authorization.k8s.io "bob-ca" is forbidden: user "jane" (groups=["system:authenticated"]) is attempting to grant RBAC permissions not currently held:\n' +
        '{APIGroups:["*"], Resources:["*"], Verbs:["*"]}\n' +
        '{NonResourceURLs:["*"], Verbs:["*"]}\n',
    );
  });

  it('says path for a non-resource URL fetched with get --raw', async () => {
    expect(await kind(['kubectl get --raw /metrics --as=u', 'kubectl get --raw /healthz --as=u; echo'])).toBe(
      'Error from server (Forbidden): forbidden: User "u" cannot get path "/metrics"\nok\n',
    );
  });

  it('refuses --as-group without --as before any request', async () => {
    expect(await kind(['kubectl get pods --as-group=devs'])).toBe(
      'error: invalid configuration: requesting uid, groups or user-extra for kind-myk8s without impersonating a user\n',
    );
  });
});

describe('kubectl auth can-i (reference 4.1, rbac 4.3)', () => {
  it('answers the documentation examples: yes, no, and yes for a bound service account', async () => {
    expect(
      await kind([
        'kubectl create ns dev >/dev/null',
        'kubectl auth can-i create deployments --namespace dev; echo "exit $?"',
        'kubectl auth can-i list secrets --namespace dev --as dave; echo "exit $?"',
        'kubectl create rolebinding dev-sa-view --clusterrole=view --serviceaccount=dev:dev-sa -n dev >/dev/null',
        'kubectl auth can-i list pods --namespace dev --as system:serviceaccount:dev:dev-sa',
        'kubectl auth can-i list secrets --namespace dev --as system:serviceaccount:dev:dev-sa',
      ]),
    ).toBe('yes\nexit 0\nno\nexit 1\nyes\nno\n');
  });

  it('prints nothing with -q and says it in the exit code', async () => {
    expect(
      await kind([
        'kubectl auth can-i -q delete pods --as dave; echo "exit $?"',
        'kubectl auth can-i -q delete pods; echo "exit $?"',
      ]),
    ).toBe('exit 1\nexit 0\n');
  });

  it('checks a subresource and a resource name', async () => {
    expect(
      await kind([
        'kubectl create role one-cm --verb=get --resource=configmaps --resource-name=app-config >/dev/null',
        'kubectl create rolebinding jane-cm --role=one-cm --user=jane >/dev/null',
        'kubectl auth can-i get configmaps/app-config --as jane',
        'kubectl auth can-i get configmaps/other --as jane',
        'kubectl auth can-i list configmaps --as jane',
        'kubectl auth can-i get pods --subresource=log --as jane',
      ]),
    ).toBe('yes\nno\nno\nno\n');
  });

  it('warns on stderr with a blank line after each warning', async () => {
    expect(
      await kind(['kubectl auth can-i get nodes', 'kubectl auth can-i get foo', 'kubectl auth can-i frob pods']),
    ).toBe(
      "Warning: resource 'nodes' is not namespace scoped\n\nyes\nWarning: the server doesn't have a resource type 'foo'\n\nyes\nWarning: verb 'frob' is not a known verb\n\nyes\n",
    );
  });

  it('answers a non-resource URL', async () => {
    expect(await kind(['kubectl auth can-i get /healthz --as jane', 'kubectl auth can-i get /metrics --as jane'])).toBe(
      'yes\nno\n',
    );
  });

  it('prints the usage errors', async () => {
    expect(
      await kind([
        'kubectl auth can-i get',
        'kubectl auth can-i get pods --list',
        'kubectl auth can-i --no-headers get pods',
      ]),
    ).toBe(
      "error: you must specify two arguments: verb resource or verb resource/resourceName.\nSee 'kubectl auth can-i -h' for help and examples.\n" +
        'error: list option must be specified with no arguments\n' +
        'error: --no-headers cannot be set without --list specified\n',
    );
  });

  it('prints the --list table of a service account bound to a pod reader Role exactly as a real cluster does', async () => {
    // Reference 4.1, REAL id 57361798968 (k3s runs the same bootstrap roles: basic-user, discovery,
    // public-info-viewer, service-account-issuer-discovery), so every row matches a kind cluster too.
    expect(
      await kind([
        'kubectl create sa app >/dev/null',
        'kubectl create role pod-reader --verb=get --verb=list --verb=watch --resource=pods >/dev/null',
        'kubectl create rolebinding read-pods --role=pod-reader --serviceaccount=default:app >/dev/null',
        'kubectl auth can-i --list --as=system:serviceaccount:default:app',
      ]),
    )
      .toBe(`Resources                                       Non-Resource URLs                      Resource Names   Verbs
selfsubjectreviews.authentication.k8s.io        []                                     []               [create]
selfsubjectaccessreviews.authorization.k8s.io   []                                     []               [create]
selfsubjectrulesreviews.authorization.k8s.io    []                                     []               [create]
pods                                            []                                     []               [get list watch]
                                                [/.well-known/openid-configuration/]   []               [get]
                                                [/.well-known/openid-configuration]    []               [get]
                                                [/api/*]                               []               [get]
                                                [/api]                                 []               [get]
                                                [/apis/*]                              []               [get]
                                                [/apis]                                []               [get]
                                                [/healthz]                             []               [get]
                                                [/healthz]                             []               [get]
                                                [/livez]                               []               [get]
                                                [/livez]                               []               [get]
                                                [/openapi/*]                           []               [get]
                                                [/openapi]                             []               [get]
                                                [/openid/v1/jwks/]                     []               [get]
                                                [/openid/v1/jwks]                      []               [get]
                                                [/readyz]                              []               [get]
                                                [/readyz]                              []               [get]
                                                [/version/]                            []               [get]
                                                [/version/]                            []               [get]
                                                [/version]                             []               [get]
                                                [/version]                             []               [get]
`);
  });

  it('starts the cluster admin list with *.* and [*]', async () => {
    expect(await kind(['kubectl auth can-i --list | head -3']))
      .toBe(`Resources                                       Non-Resource URLs   Resource Names   Verbs
*.*                                             []                  []               [*]
                                                [*]                 []               [*]
`);
  });

  it('shows resource names and warns that a list with a dangling binding may be incomplete', async () => {
    expect(
      await kind([
        'kubectl create role one-cm --verb=get,list --resource=configmaps --resource-name=app-config >/dev/null',
        'kubectl create rolebinding jane-cm --role=one-cm --user=jane >/dev/null',
        'kubectl create rolebinding jane-gone --role=gone --user=jane >/dev/null',
        'kubectl auth can-i --list --as jane | grep -v "^ "',
      ]),
    ).toBe(`Warning: the list may be incomplete: role.rbac.authorization.k8s.io "gone" not found
Resources                                       Non-Resource URLs   Resource Names   Verbs
selfsubjectreviews.authentication.k8s.io        []                  []               [create]
selfsubjectaccessreviews.authorization.k8s.io   []                  []               [create]
selfsubjectrulesreviews.authorization.k8s.io    []                  []               [create]
configmaps                                      []                  [app-config]     [get list]
`);
  });
});

describe('kubectl auth whoami', () => {
  it('prints kind v1.31 admin credentials: kubeadm:cluster-admins, not system:masters', async () => {
    expect(await kind(['kubectl auth whoami'])).toBe(
      'ATTRIBUTE   VALUE\nUsername    kubernetes-admin\nGroups      [kubeadm:cluster-admins system:authenticated]\n',
    );
  });

  it('shows an impersonated service account with its groups', async () => {
    expect(await kind(['kubectl auth whoami --as=system:serviceaccount:dev:app'])).toBe(
      'ATTRIBUTE   VALUE\nUsername    system:serviceaccount:dev:app\nGroups      [system:serviceaccounts system:serviceaccounts:dev system:authenticated]\n',
    );
  });

  it('prints the SelfSubjectReview as YAML', async () => {
    expect(await kind(['kubectl auth whoami -o yaml --as=jane --as-group=devs']))
      .toBe(`apiVersion: authentication.k8s.io/v1
kind: SelfSubjectReview
metadata:
  creationTimestamp: null
status:
  userInfo:
    groups:
    - devs
    - system:authenticated
    username: jane
`);
  });
});

describe('create role / rolebinding / clusterrole / clusterrolebinding (reference 4.2)', () => {
  it('confirms with the lower-cased kind and group', async () => {
    expect(
      await kind([
        'kubectl create role pod-reader --verb=get --verb=list --verb=watch --resource=pods',
        'kubectl create rolebinding read-pods --role=pod-reader --user=jane',
        'kubectl create clusterrole pod-reader --verb=get,list,watch --resource=pods,pods/status',
        'kubectl create clusterrolebinding x --clusterrole=pod-reader --group=devs',
        'kubectl create serviceaccount sa1',
        'kubectl create role r2 --verb=get --resource=rs.apps --dry-run=client',
        'kubectl create role r2 --verb=get --resource=rs.apps --dry-run=server',
        'kubectl create role r3 --verb=get --resource=pods -o name',
      ]),
    ).toBe(`role.rbac.authorization.k8s.io/pod-reader created
rolebinding.rbac.authorization.k8s.io/read-pods created
clusterrole.rbac.authorization.k8s.io/pod-reader created
clusterrolebinding.rbac.authorization.k8s.io/x created
serviceaccount/sa1 created
role.rbac.authorization.k8s.io/r2 created (dry run)
role.rbac.authorization.k8s.io/r2 created (server dry run)
role.rbac.authorization.k8s.io/r3
`);
  });

  it('returns AlreadyExists unwrapped for roles and wrapped for bindings', async () => {
    expect(
      await kind([
        'kubectl create role pod-reader --verb=get --resource=pods >/dev/null',
        'kubectl create role pod-reader --verb=get --resource=pods',
        'kubectl create rolebinding x --role=pod-reader --user=u >/dev/null',
        'kubectl create rolebinding x --role=pod-reader --user=u',
      ]),
    ).toBe(
      'Error from server (AlreadyExists): roles.rbac.authorization.k8s.io "pod-reader" already exists\n' +
        'error: failed to create rolebinding: rolebindings.rbac.authorization.k8s.io "x" already exists\n',
    );
  });

  it('validates as upstream does', async () => {
    expect(
      await kind([
        'kubectl create role r --resource=pods',
        'kubectl create role r --verb=get',
        'kubectl create role r --verb=frob --resource=pods -o name',
        'kubectl create role r2 --verb=use --resource=pods',
        'kubectl create clusterrole c --verb=get',
        'kubectl create clusterrole c --verb=get --non-resource-url=logs',
        'kubectl create clusterrole c --verb=list --non-resource-url=/logs/*',
        'kubectl create rolebinding b --role=r --clusterrole=view',
        'kubectl create rolebinding b --role=r --serviceaccount=app',
      ]),
    ).toBe(`error: at least one verb must be specified
error: at least one resource must be specified
Warning: 'frob' is not a standard resource verb
role.rbac.authorization.k8s.io/r
error: can not perform 'use' on 'pods' in group ''
error: one of resource or nonResourceURL must be specified
error: nonResourceURL should start with /
error: invalid verb: 'list' for nonResourceURL
error: exactly one of clusterrole or role must be specified
error: serviceaccount must be <namespace>:<name>
`);
  });

  it('makes one rule per API group, groups sorted, resources in the order given', async () => {
    expect(
      await kind([
        'kubectl create role r --verb=get,list --resource=rs.apps,pods,pods/status,deployments.apps -o yaml | sed -n "/^rules:/,\\$p"',
      ]),
    ).toBe(`rules:
- apiGroups:
  - ""
  resources:
  - pods
  - pods/status
  verbs:
  - get
  - list
- apiGroups:
  - apps
  resources:
  - replicasets
  - deployments
  verbs:
  - get
  - list
`);
  });
});
