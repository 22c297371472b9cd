/**
 * CertificateSigningRequests: the API server's checks (pkg/apis/certificates/validation, the JSON
 * decoder's base64 error, the CertificateApproval admission's message, CertificateSubjectRestriction's) and the kube-apiserver-client
 * signer's rules (pkg/controller/certificates/signer/signer.go, authority/policies.go).
 */
import { describe, expect, it } from 'vitest';
import { labSession } from '../shell/testing';

/** A request for `dev` with the given spec lines after `request:`. */
function manifest(name: string, specLines: string[], request = '$(base64 -w0 dev.csr)'): string {
  return `cat <<EOF > ${name}.yaml
apiVersion: certificates.k8s.io/v1
kind: CertificateSigningRequest
metadata:
  name: ${name}
spec:
  request: ${request}
${specLines.map((l) => `  ${l}`).join('\n')}
EOF`;
}

async function withRequest() {
  const lab = await labSession('kind-iptables', [
    'openssl genrsa -out dev.key 2048',
    'openssl req -new -key dev.key -subj "/CN=dev/O=devs/O=ops" -out dev.csr',
  ]);
  return lab;
}

describe('creating a CertificateSigningRequest', () => {
  it('refuses a request that is not base64, as the decoder does', async () => {
    const lab = await withRequest();
    await lab.run(
      manifest('raw', ['signerName: kubernetes.io/kube-apiserver-client', 'usages: ["client auth"]'], '-----BEGIN'),
    );
    expect(await lab.run('kubectl apply -f raw.yaml')).toBe(
      'Error from server (BadRequest): error when creating "raw.yaml": CertificateSigningRequest in version "v1" cannot be handled as a CertificateSigningRequest: illegal base64 data at input byte 0\n',
    );
  });

  it('requires a signer and usages, and at least ten minutes', async () => {
    const lab = await withRequest();
    await lab.run(manifest('a', ['usages: ["client auth"]']));
    expect(await lab.run('kubectl apply -f a.yaml')).toBe(
      'The CertificateSigningRequest "a" is invalid: spec.signerName: Required value\n',
    );
    await lab.run(
      manifest('b', [
        'signerName: kubernetes.io/kube-apiserver-client',
        'expirationSeconds: 300',
        'usages: ["client auth"]',
      ]),
    );
    expect(await lab.run('kubectl apply -f b.yaml')).toBe(
      'The CertificateSigningRequest "b" is invalid: spec.expirationSeconds: Invalid value: 300: may not specify a duration less than 600 seconds (10 minutes)\n',
    );
    await lab.run(manifest('c', ['signerName: kubernetes.io/kube-apiserver-client']));
    expect(await lab.run('kubectl apply -f c.yaml')).toBe(
      'The CertificateSigningRequest "c" is invalid: spec.usages: Required value\n',
    );
  });
});

describe('the kube-apiserver-client signer', () => {
  it('refuses system:masters for the kube-apiserver-client signer (CertificateSubjectRestriction)', async () => {
    const lab = await labSession('kind-iptables', [
      'openssl genrsa -out m.key 2048',
      'openssl req -new -key m.key -subj "/CN=mallory/O=devs/O=system:masters" -out m.csr',
    ]);
    await lab.run(
      manifest(
        'm',
        ['signerName: kubernetes.io/kube-apiserver-client', 'usages: ["client auth"]'],
        '$(base64 -w0 m.csr)',
      ),
      manifest(
        'n',
        ['signerName: kubernetes.io/kube-apiserver-client-kubelet', 'usages: ["client auth"]'],
        '$(base64 -w0 m.csr)',
      ),
    );
    expect(await lab.run('kubectl apply -f m.yaml')).toBe(
      'Error from server (Forbidden): error when creating "m.yaml": certificatesigningrequests.certificates.k8s.io "m" is forbidden: use of kubernetes.io/kube-apiserver-client signer with system:masters group is not allowed\n',
    );
    // Other signers are not this plugin's business (the kubelet signer has its own rules when it signs).
    expect(await lab.run('kubectl apply -f n.yaml')).toBe('certificatesigningrequest.certificates.k8s.io/n created\n');
  });

  it('marks a request for server auth Failed instead of signing it', async () => {
    const lab = await withRequest();
    await lab.run(manifest('srv', ['signerName: kubernetes.io/kube-apiserver-client', 'usages: ["server auth"]']));
    await lab.run('kubectl apply -f srv.yaml', 'kubectl certificate approve srv');
    expect(await lab.run('kubectl get csr srv -o jsonpath=\'{.status.conditions[1].message}{"\\n"}\'')).toBe(
      'invalid usage for client certificate: server auth\n',
    );
    expect(await lab.run('kubectl get csr srv --no-headers')).toMatch(/ Approved,Failed\n$/);
  });

  it('issues for a year (minus the backdate) by default, with the usages as extensions and the groups in one RDN', async () => {
    const lab = await withRequest();
    await lab.run(
      manifest('dev', [
        'signerName: kubernetes.io/kube-apiserver-client',
        'usages: ["digital signature", "key encipherment", "client auth"]',
      ]),
    );
    await lab.run('kubectl apply -f dev.yaml', 'kubectl certificate approve dev');
    await lab.run("kubectl get csr dev -o jsonpath='{.status.certificate}' | base64 -d > dev.crt");
    const text = await lab.run('openssl x509 -in dev.crt -noout -text');
    expect(text).toContain('        Subject: O = devs + O = ops, CN = dev\n');
    expect(text).toContain(
      '            Not Before: Oct  2 15:55:10 2026 GMT\n            Not After : Oct  2 15:55:10 2027 GMT\n',
    );
    expect(text).toContain(
      '            X509v3 Key Usage: critical\n                Digital Signature, Key Encipherment\n' +
        '            X509v3 Extended Key Usage: \n                TLS Web Client Authentication\n' +
        '            X509v3 Basic Constraints: critical\n                CA:FALSE\n' +
        '            X509v3 Authority Key Identifier: \n',
    );
  });

  it('lets only those who may approve for the signer approve', async () => {
    const lab = await withRequest();
    await lab.run(manifest('dev', ['signerName: kubernetes.io/kube-apiserver-client', 'usages: ["client auth"]']));
    await lab.run(
      'kubectl apply -f dev.yaml',
      'kubectl create clusterrole csr-approver --verb=get,list,update --resource=certificatesigningrequests,certificatesigningrequests/approval',
      'kubectl create clusterrolebinding alice-csr --clusterrole=csr-approver --user=alice',
    );
    expect(await lab.run('kubectl certificate approve dev --as alice')).toBe(
      'Error from server (Forbidden): certificatesigningrequests.certificates.k8s.io "dev" is forbidden: user not permitted to approve requests with signerName "kubernetes.io/kube-apiserver-client"\n',
    );
    expect(await lab.run('kubectl certificate approve dev --as bob')).toBe(
      'Error from server (Forbidden): certificatesigningrequests.certificates.k8s.io "dev" is forbidden: User "bob" cannot get resource "certificatesigningrequests" in API group "certificates.k8s.io" at the cluster scope\n',
    );
    expect(await lab.run('kubectl certificate approve')).toBe(
      'error: one or more CSRs must be specified as <name> or -f <filename>\n',
    );
  });
});
