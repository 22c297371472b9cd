/**
 * Adding a user the real way, end to end: a key and a request made with openssl, a
 * CertificateSigningRequest approved with kubectl, the issued certificate in a kubeconfig context,
 * and RBAC deciding what that user may do. Expected texts: kubectl 1.31's messages
 * (../shared/reference/facts-linux-tools-kubectl-client.md §2, facts-kubeproxy-kubectl.md §3.7 and
 * §4.2, a kubectl.1.31 run for the config lines), OpenSSL 3.0's (§1), and the kube-controller-manager
 * signer's rules (pkg/controller/certificates/authority/policies.go: backdated five minutes, the
 * requested day, the subject in Go's order).
 */
import { describe, expect, it } from 'vitest';
import { labSession } from '../../src/sim/shell/testing';

const CSR_MANIFEST = `cat <<EOF > dev-csr.yaml
apiVersion: certificates.k8s.io/v1
kind: CertificateSigningRequest
metadata:
  name: dev
spec:
  request: $(base64 -w0 dev.csr)
  signerName: kubernetes.io/kube-apiserver-client
  expirationSeconds: 86400
  usages:
  - client auth
EOF`;

describe('a new user, dev', () => {
  it('is made with openssl and a CSR, is Forbidden before a RoleBinding and allowed after', async () => {
    const lab = await labSession('kind-iptables');
    const run = async (line: string) => lab.run(line);
    expect(await run('openssl genrsa -out dev.key 2048')).toBe('');
    expect(await run('openssl req -new -key dev.key -subj "/CN=dev/O=devs" -out dev.csr')).toBe('');
    expect(await run(CSR_MANIFEST)).toBe('');
    expect(await run('kubectl apply -f dev-csr.yaml')).toBe(
      'certificatesigningrequest.certificates.k8s.io/dev created\n',
    );
    expect(await run('kubectl get csr')).toBe(
      'NAME   AGE   SIGNERNAME                            REQUESTOR          REQUESTEDDURATION   CONDITION\n' +
        'dev    2s    kubernetes.io/kube-apiserver-client   kubernetes-admin   24h                 Pending\n',
    );
    expect(await run('kubectl certificate approve dev')).toBe(
      'certificatesigningrequest.certificates.k8s.io/dev approved\n',
    );
    // Without headers, tabwriter sizes the columns by the cells alone (minimum width 6, padding 3).
    expect(await run('kubectl get csr dev --no-headers')).toBe(
      'dev   6s    kubernetes.io/kube-apiserver-client   kubernetes-admin   24h   Approved,Issued\n',
    );
    expect(await run("kubectl get csr dev -o jsonpath='{.status.certificate}' | base64 -d > dev.crt")).toBe('');
    // Approved at 16:00:12 (the clock starts at 16:00:00 and moves 2 s a line): valid from 15:55:12 for a day.
    expect(await run('openssl x509 -in dev.crt -noout -subject -issuer -dates')).toBe(
      'subject=O = devs, CN = dev\n' +
        'issuer=CN = kubernetes\n' +
        'notBefore=Oct  2 15:55:12 2026 GMT\n' +
        'notAfter=Oct  3 15:55:12 2026 GMT\n',
    );
    expect(await run('docker exec myk8s-control-plane cat /etc/kubernetes/pki/ca.crt > ca.crt')).toBe('');
    expect(await run('openssl verify -CAfile ca.crt dev.crt')).toBe('dev.crt: OK\n');
    // The certificate carries the request's public key.
    const certKey = await run('openssl x509 -in dev.crt -noout -modulus');
    expect(await run('openssl rsa -in dev.key -noout -modulus')).toBe(certKey);

    expect(
      await run(
        'kubectl config set-credentials dev --client-certificate=dev.crt --client-key=dev.key --embed-certs=true',
      ),
    ).toBe('User "dev" set.\n');
    expect(await run('kubectl config set-context dev@kind-myk8s --cluster=kind-myk8s --user=dev')).toBe(
      'Context "dev@kind-myk8s" created.\n',
    );
    expect(await run('kubectl config use-context dev@kind-myk8s')).toBe('Switched to context "dev@kind-myk8s".\n');
    expect(await run('kubectl auth whoami')).toBe(
      'ATTRIBUTE   VALUE\nUsername    dev\nGroups      [devs system:authenticated]\n',
    );
    expect(await run('kubectl get pods; echo $?')).toBe(
      'Error from server (Forbidden): pods is forbidden: User "dev" cannot list resource "pods" in API group "" in the namespace "default"\n1\n',
    );
    expect(await run('kubectl create rolebinding dev-view --clusterrole=view --user=dev')).toBe(
      'error: failed to create rolebinding: rolebindings.rbac.authorization.k8s.io is forbidden: User "dev" cannot create resource "rolebindings" in API group "rbac.authorization.k8s.io" in the namespace "default"\n',
    );
    expect(await run('kubectl config use-context kind-myk8s')).toBe('Switched to context "kind-myk8s".\n');
    expect(await run('kubectl create rolebinding dev-view --clusterrole=view --user=dev')).toBe(
      'rolebinding.rbac.authorization.k8s.io/dev-view created\n',
    );
    expect(await run('kubectl --context dev@kind-myk8s get pods')).toBe('No resources found in default namespace.\n');
    // A RoleBinding grants in its own namespace only.
    expect(await run('kubectl --context dev@kind-myk8s get pods -n kube-system')).toBe(
      'Error from server (Forbidden): pods is forbidden: User "dev" cannot list resource "pods" in API group "" in the namespace "kube-system"\n',
    );
    expect(await run('kubectl --context dev@kind-myk8s auth can-i list pods -n kube-system')).toBe('no\n');
  });

  it('is refused by the API server with a certificate the cluster CA did not sign', async () => {
    const lab = await labSession('kind-iptables');
    await lab.run('openssl genrsa -out dev.key 2048');
    await lab.run('openssl req -new -key dev.key -subj "/CN=dev" -out dev.csr');
    await lab.run('openssl genrsa -out myca.key 2048');
    // A CA of one's own: its certificate is a copy of the cluster's subject, but signed by another key.
    await lab.run('openssl req -new -key myca.key -subj "/CN=kubernetes" -out myca.csr');
    await lab.run('docker exec myk8s-control-plane cat /etc/kubernetes/pki/ca.crt > ca.crt');
    expect(
      await lab.run('openssl x509 -req -in dev.csr -CA ca.crt -CAkey myca.key -out dev.crt 2>&1 | grep "do not match"'),
    ).toBe('CA certificate and CA private key do not match\n');
    await lab.run('docker exec myk8s-control-plane cat /etc/kubernetes/pki/front-proxy-ca.crt > fp.crt');
    await lab.run('docker exec myk8s-control-plane cat /etc/kubernetes/pki/front-proxy-ca.key > fp.key');
    await lab.run('openssl x509 -req -in dev.csr -CA fp.crt -CAkey fp.key -out dev.crt 2>/dev/null');
    await lab.run('kubectl config set-credentials dev --client-certificate=dev.crt --client-key=dev.key --embed-certs');
    expect(await lab.run('kubectl --user dev get pods; echo $?')).toBe(
      'error: You must be logged in to the server (Unauthorized)\n1\n',
    );
  });
});
