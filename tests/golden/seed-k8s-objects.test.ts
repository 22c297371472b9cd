/**
 * seeds/k8s-objects-dns-headless-endpoints-rbac.txt run as typed in kind-iptables
 * (tests/fixtures/seeds/k8s-objects-*.sh). The notes give manifests, not commands: each is applied
 * with `cat <<EOF | kubectl apply -f -`, and the in-pod commands are typed in the request pod's shell
 * (`kubectl exec -it request-pod -- /bin/bash`, after the notes' own pre-1.24 form is refused).
 * The hand-made Endpoints for endpoint2 takes pod9's IP from kubectl, as the notes tell the reader
 * to. The API/RBAC part has no command lines in the notes: the script does what the prose describes
 * (a namespace's default ServiceAccount, its token, a Role and RoleBinding, a ClusterRole and
 * ClusterRoleBinding). Left out: PV/PVC (no storage emulated) and the Dashboard (a browser).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { complaints, runSeedFlow, type Flow } from '../fixtures/seeds/transcript';

describe('seed k8s-objects: Service, DNS, headless, Endpoints, ExternalName (kind-iptables)', () => {
  let flow: Flow;
  beforeAll(async () => {
    flow = await runSeedFlow('k8s-objects-dns-headless-endpoints.sh', 'kind-iptables');
  });
  const ipOf = (prefix: string, nth = 0) => /\b(10\.(?:200\.1|10\.\d)\.\d+)\b/.exec(flow.step(prefix, nth).output)?.[1];

  it('runs every line; the only errors are the old exec form and endpoint2 before its Endpoints exist', () => {
    expect(complaints(flow.transcript)).toEqual([
      'error: exec [POD] [COMMAND] is not supported anymore. Use exec [POD] -- [COMMAND] instead',
      'Error from server (NotFound): endpoints "endpoint2" not found',
    ]);
  });

  it('resolves clusterip1 to its ClusterIP and reaches pod1 through it', () => {
    const out = flow.step('nslookup clusterip1').output;
    expect(out).toMatch(
      /Server:\t\t10\.200\.1\.10\nAddress:\t10\.200\.1\.10#53\n\nName:\tclusterip1\.default\.svc\.cluster\.local\nAddress: 10\.200\.1\.\d+\n/,
    );
    expect(flow.step('curl clusterip1/hostname').output).toBe('Hostname : pod1\n');
  });

  it("gives headless1 no ClusterIP; its name answers the pod's IP and pod-a.headless1 reaches pod4", () => {
    expect(flow.step('kubectl get svc headless1').output).toMatch(
      /^NAME {8}TYPE {8}CLUSTER-IP   EXTERNAL-IP   PORT\(S\)   AGE\nheadless1   ClusterIP   None {9}<none> {8}80\/TCP {4}\d+s\n$/,
    );
    expect(flow.step('nslookup headless1').output).toMatch(
      /Name:\theadless1\.default\.svc\.cluster\.local\nAddress: 10\.10\.\d\.\d+\n/,
    );
    expect(flow.step('curl pod-a.headless1:8080/hostname').output).toBe('Hostname : pod-a\n');
  });

  it('describes endpoint1 as the notes show it, with the TCP protocol', () => {
    const pod7 = ipOf('kubectl describe endpoints endpoint1');
    expect(flow.step('kubectl describe endpoints endpoint1').output.replace(/trigger-time: \S+/, 'trigger-time: T'))
      .toBe(`Name:         endpoint1
Namespace:    default
Labels:       <none>
Annotations:  endpoints.kubernetes.io/last-change-trigger-time: T
Subsets:
  Addresses:          ${pod7}
  NotReadyAddresses:  <none>
  Ports:
    Name     Port  Protocol
    ----     ----  --------
    <unset>  8080  TCP

Events:  <none>
`);
  });

  it('connects endpoint2 to pod9 only once the hand-made Endpoints exist, defaulted to TCP', () => {
    expect(flow.step('kubectl describe endpoints endpoint2', 0).output).toBe(
      'Error from server (NotFound): endpoints "endpoint2" not found\n',
    );
    expect(
      flow.step('cat <<EOF | kubectl apply -f -\napiVersion: v1\nkind: Endpoints\nmetadata:\n  name: endpoint2').output,
    ).toBe('endpoints/endpoint2 created\n');
    const pod9 = ipOf('kubectl describe endpoints endpoint2', 1);
    expect(flow.step('kubectl describe endpoints endpoint2', 1).output).toBe(`Name:         endpoint2
Namespace:    default
Labels:       <none>
Annotations:  <none>
Subsets:
  Addresses:          ${pod9}
  NotReadyAddresses:  <none>
  Ports:
    Name     Port  Protocol
    ----     ----  --------
    <unset>  8080  TCP

Events:  <none>
`);
    expect(flow.step('curl endpoint2:8080/hostname').output).toBe('Hostname : pod9\n');
  });

  it('looks up the URL https://www.github.com as a name and fails, as nslookup does', () => {
    expect(flow.step('nslookup https://www.github.com').output).toMatch(
      /\*\* server can't find https:\/\/www\.github\.com: NXDOMAIN\n/,
    );
  });

  it("reaches GitHub's address through endpoint3's hand-made Endpoints", () => {
    expect(flow.step('curl -s endpoint3').output).not.toBe('');
  });

  it('answers externalname1 with a CNAME to github.github.io and its addresses', () => {
    expect(flow.step('nslookup externalname1').output).toMatch(
      /externalname1\.default\.svc\.cluster\.local\tcanonical name = github\.github\.io\.\nName:\tgithub\.github\.io\nAddress: 185\.199\.108\.153\n/,
    );
  });

  it('creates the same kind of service with kubectl create service externalname', () => {
    expect(flow.step('kubectl create service externalname').output).toBe('service/externalname2 created\n');
    expect(flow.step('kubectl get svc externalname1 externalname2').output).toMatch(
      /^NAME {12}TYPE {11}CLUSTER-IP   EXTERNAL-IP {8}PORT\(S\)   AGE\nexternalname1   ExternalName   <none> {7}github\.github\.io   <none> {4}\d+s\nexternalname2   ExternalName   <none> {7}github\.github\.io   <none> {4}\d+s\n$/,
    );
  });
});

describe('seed k8s-objects: service account token, Role/RoleBinding, ClusterRole/ClusterRoleBinding (kind-iptables)', () => {
  let flow: Flow;
  beforeAll(async () => {
    flow = await runSeedFlow('k8s-objects-rbac.sh', 'kind-iptables');
  });
  const CURL = 'curl -sk -H "Authorization: Bearer $TOKEN" https://kubernetes.default.svc/api/v1/';

  it('runs every line with no unknown command or error', () => {
    expect(complaints(flow.transcript)).toEqual([]);
  });

  it('gives the new namespace a default ServiceAccount whose token the pod mounts', () => {
    expect(flow.step('kubectl get serviceaccounts -n nm-01').output).toMatch(
      /^NAME {6}SECRETS   AGE\ndefault   0 {9}\d+s\n$/,
    );
    expect(flow.step('ls /var/run/secrets/kubernetes.io/serviceaccount').output).toBe('ca.crt  namespace  token\n');
  });

  it("is Forbidden with the pod's token before any binding", () => {
    expect(flow.step(`${CURL}namespaces/nm-01/services`).output).toBe(`{
  "kind": "Status",
  "apiVersion": "v1",
  "metadata": {},
  "status": "Failure",
  "message": "services is forbidden: User \\"system:serviceaccount:nm-01:default\\" cannot list resource \\"services\\" in API group \\"\\" in the namespace \\"nm-01\\"",
  "reason": "Forbidden",
  "details": {
    "kind": "services"
  },
  "code": 403
}`);
  });

  it('describes the Role and RoleBinding as kubectl does', () => {
    expect(flow.step('kubectl describe role r-01 -n nm-01').output).toBe(`Name:         r-01
Labels:       <none>
Annotations:  <none>
PolicyRule:
  Resources  Non-Resource URLs  Resource Names  Verbs
  ---------  -----------------  --------------  -----
  pods       []                 []              [get list]
`);
    expect(flow.step('kubectl describe rolebinding rb-01 -n nm-01').output).toBe(`Name:         rb-01
Labels:       <none>
Annotations:  <none>
Role:
  Kind:  Role
  Name:  r-01
Subjects:
  Kind            Name     Namespace
  ----            ----     ---------
  ServiceAccount  default  nm-01
`);
    expect(flow.step('kubectl auth can-i list pods -n nm-01 --as=system:serviceaccount:nm-01:default').output).toBe(
      'yes\n',
    );
  });

  it("lists the namespace's pods after the RoleBinding, while nodes stay Forbidden", () => {
    expect(flow.step(`${CURL}namespaces/nm-01/pods`).output).toContain('        "name": "request-pod",\n');
    expect(flow.step(`${CURL}nodes | grep '"reason"'`).output).toBe('  "reason": "Forbidden",\n');
  });

  it('lists nodes after the ClusterRoleBinding', () => {
    expect(flow.step(`${CURL}nodes | grep -E`).output).toBe('  "kind": "NodeList",\n');
  });
});
