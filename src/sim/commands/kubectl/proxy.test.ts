/**
 * `kubectl proxy` as a job of the terminal, and curl against the API server with certificates:
 * kubectl's "Starting to serve on" line and its filter's `Forbidden` (pkg/proxy/proxy_server.go),
 * bash's job lines (`jobs`, `kill: %1: no such job`), and curl's TLS errors as curl 7.88 printed them
 * against `openssl s_server` serving the emulator's apiserver certificate.
 */
import { describe, expect, it } from 'vitest';
import { runFreshIn, runLines, freshSession } from '../../shell/testing';

describe('kubectl proxy', () => {
  it('serves the API on localhost:8001 with the kubeconfig credentials while it runs as a job', async () => {
    const out = await runFreshIn(
      'kind-iptables',
      'kubectl proxy &',
      'jobs',
      'curl -s localhost:8001/api/v1/namespaces/default/serviceaccounts | grep \'"name"\'',
      "curl -s -H 'Host: example.com' localhost:8001/api",
      'kill %1',
      'curl -sS localhost:8001/api; echo $?',
      'kill %1',
    );
    expect(out).toBe(
      'Starting to serve on 127.0.0.1:8001\n' +
        '[1]+  Running                 kubectl proxy &\n' +
        '        "name": "default",\n' +
        'Forbidden\n' +
        "curl: (7) Failed to connect to localhost port 8001 after 0 ms: Couldn't connect to server\n7\n" +
        'bash: kill: %1: no such job\n',
    );
  });

  it('announces the job in an interactive terminal and reports it Terminated', async () => {
    const { sh } = freshSession('kind-iptables');
    const out = await runLines(sh, ['kubectl proxy --port=8011 &', 'kill %1'], { interactive: true });
    expect(out).toBe(
      '[1] 5120\nStarting to serve on 127.0.0.1:8011\n[1]+  Terminated              kubectl proxy --port=8011\n',
    );
  });
});

describe('curl to the API server over TLS', () => {
  const setup = [
    "kubectl config view --raw -o jsonpath='{.clusters[0].cluster.certificate-authority-data}' | base64 -d > ca.crt",
    "kubectl config view --raw -o jsonpath='{.users[0].user.client-certificate-data}' | base64 -d > admin.crt",
    "kubectl config view --raw -o jsonpath='{.users[0].user.client-key-data}' | base64 -d > admin.key",
  ];

  it('verifies the server with --cacert and authenticates with --cert/--key, as kubectl does', async () => {
    const out = await runFreshIn(
      'kind-iptables',
      ...setup,
      'curl -sS https://127.0.0.1:38687/version; echo $?',
      'curl -sS --cacert ca.crt https://127.0.0.1:38687/api/v1/namespaces | grep \'"message"\'',
      'curl -sS --cacert ca.crt --cert admin.crt --key admin.key https://127.0.0.1:38687/api/v1/namespaces | grep -c \'"name": "kube-system"\'',
    );
    expect(out).toBe(
      'curl: (60) SSL certificate problem: unable to get local issuer certificate\n' +
        'More details here: https://curl.se/docs/sslcerts.html\n\n' +
        'curl failed to verify the legitimacy of the server and therefore could not\n' +
        'establish a secure connection to it. To learn more about this situation and\n' +
        'how to fix it, please visit the webpage mentioned above.\n' +
        '60\n' +
        '  "message": "namespaces is forbidden: User \\"system:anonymous\\" cannot list resource \\"namespaces\\" in API group \\"\\" at the cluster scope",\n' +
        '1\n',
    );
  });

  it('refuses a missing CA file, a key that is not the certificate key, and a name not in the certificate', async () => {
    const out = await runFreshIn(
      'kind-iptables',
      ...setup,
      'curl -sS --cacert nope.crt https://127.0.0.1:38687/api; echo $?',
      'curl -sS --cacert ca.crt --cert admin.crt --key ca.crt https://127.0.0.1:38687/api; echo $?',
      'curl -sS --cacert ca.crt https://172.18.0.3:6443/api 2>&1 | head -1',
    );
    expect(out).toBe(
      'curl: (77) error setting certificate file: nope.crt\n77\n' +
        "curl: (58) unable to set private key file: 'ca.crt' type PEM\n58\n" +
        "curl: (7) Failed to connect to 172.18.0.3 port 6443 after 0 ms: Couldn't connect to server\n",
    );
  });
});
