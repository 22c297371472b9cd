/**
 * `kubectl describe csr`, laid out as kubectl's describeCertificateSigningRequest writes it through
 * Go's tabwriter (minwidth 0, padding 2): the header block aligned on `Requested Duration:`, the
 * subject's cells after an empty first cell in one block with `Events:` (whose label sets that
 * first column's width), a multi-valued Organization continued on its own line.
 */
import { describe, expect, it } from 'vitest';
import { labSession } from '../../shell/testing';

const CSR = (name: string, request: string, extra = '') => `cat <<EOT | kubectl create -f -
apiVersion: certificates.k8s.io/v1
kind: CertificateSigningRequest
metadata:
  name: ${name}
spec:
  request: ${request}
  signerName: kubernetes.io/kube-apiserver-client
${extra}  usages:
  - client auth
EOT`;

describe('kubectl describe csr', () => {
  it('shows the requester, signer, duration, status and the subject of the request', async () => {
    const { run } = await labSession('kind-iptables', [
      'openssl genrsa -out dev.key 2048',
      'openssl req -new -key dev.key -subj "/CN=dev/O=devs/O=qa/OU=eng" -out dev.csr',
      CSR('dev', '$(base64 -w0 dev.csr)', '  expirationSeconds: 86400\n'),
    ]);
    const created = (await run("kubectl get csr dev -o jsonpath='{.metadata.creationTimestamp}'")).trim();
    const d = new Date(created);
    const stamp = `${['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'][d.getUTCDay()]}, ${d.toUTCString().slice(5, 25)} +0000`;
    expect(await run('kubectl describe csr dev')).toBe(
      [
        'Name:                dev',
        'Labels:              <none>',
        'Annotations:         <none>',
        `CreationTimestamp:   ${stamp}`,
        'Requesting User:     kubernetes-admin',
        'Signer:              kubernetes.io/kube-apiserver-client',
        'Requested Duration:  24h',
        'Status:              Pending',
        'Subject:',
        '         Common Name:          dev',
        '         Serial Number:        ',
        '         Organization:         devs',
        '                               qa',
        '         Organizational Unit:  eng',
        'Events:  <none>',
        '',
      ].join('\n'),
    );
    expect(await run('kubectl certificate approve dev >/dev/null', 'kubectl describe csr dev | grep Status')).toBe(
      'Status:              Approved,Issued\n',
    );
  });

  it('leaves out Requested Duration when the request names none, and says Denied', async () => {
    const { run } = await labSession('kind-iptables', [
      'openssl genrsa -out a.key 2048',
      'openssl req -new -key a.key -subj "/CN=a" -out a.csr',
      CSR('a', '$(base64 -w0 a.csr)'),
      'kubectl certificate deny a',
    ]);
    expect(await run('kubectl describe csr a | sed -n 5,12p')).toBe(
      [
        'Requesting User:    kubernetes-admin',
        'Signer:             kubernetes.io/kube-apiserver-client',
        'Status:             Denied',
        'Subject:',
        '         Common Name:    a',
        '         Serial Number:  ',
        'Events:  <none>',
        '',
      ].join('\n'),
    );
  });
});
