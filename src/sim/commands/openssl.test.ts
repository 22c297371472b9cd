/**
 * `openssl` as OpenSSL 3.0.19 prints it (../shared/reference, facts-linux-tools-kubectl-client.md §1,
 * and runs of the real tool recorded in src/sim/pki/testdata).
 */
import { describe, expect, it } from 'vitest';
import { freshSession, runFreshIn, runLines } from '../shell/testing';

describe('openssl', () => {
  it('makes keys and a request silently, and reads the request back', async () => {
    const out = await runFreshIn(
      'kind-iptables',
      'openssl genrsa -out dev.key 2048',
      'openssl req -new -key dev.key -subj "/CN=dev/O=devs" -out dev.csr',
      'openssl req -in dev.csr -noout -subject -verify',
      'openssl rsa -in dev.key -check -noout',
      'head -1 dev.key dev.csr',
    );
    expect(out).toBe(
      'Certificate request self-signature verify OK\n' +
        'subject=CN = dev, O = devs\n' +
        'RSA key ok\n' +
        '==> dev.key <==\n-----BEGIN PRIVATE KEY-----\n\n==> dev.csr <==\n-----BEGIN CERTIFICATE REQUEST-----\n',
    );
  });

  it('gives a new key on every call, and other keys for another seed', async () => {
    const keys = async (seed: number) =>
      (
        await runLines(freshSession('kind-iptables', seed).sh, [
          'openssl genrsa | openssl rsa -noout -modulus | cut -c1-40',
          'openssl genrsa | openssl rsa -noout -modulus | cut -c1-40',
        ])
      )
        .split('\n')
        .filter(Boolean);
    const [a1, a2] = await keys(1);
    const [b1] = await keys(2);
    expect(a1).toMatch(/^Modulus=[0-9A-F]{32}$/);
    expect(a2).not.toBe(a1);
    expect(b1).not.toBe(a1);
    expect((await keys(1))[0]).toBe(a1);
  });

  it('signs a request with the cluster CA, and verify accepts it against that CA only', async () => {
    const out = await runFreshIn(
      'kind-iptables',
      'openssl genrsa -out dev.key 2048',
      'openssl req -new -key dev.key -subj "/CN=dev/O=devs" -out dev.csr',
      'docker exec myk8s-control-plane cat /etc/kubernetes/pki/ca.crt > ca.crt',
      'docker exec myk8s-control-plane cat /etc/kubernetes/pki/ca.key > ca.key',
      'docker exec myk8s-control-plane cat /etc/kubernetes/pki/front-proxy-ca.crt > other.crt',
      'openssl x509 -req -in dev.csr -CA ca.crt -CAkey ca.key -CAcreateserial -out dev.crt -days 365',
      'openssl verify -CAfile ca.crt dev.crt',
      'openssl verify -CAfile other.crt dev.crt; echo $?',
      'openssl x509 -in dev.crt -noout -subject -issuer',
      'openssl x509 -req -in dev.csr -CA ca.crt -CAkey dev.key -out x.crt 2>&1 | head -3',
    );
    expect(out.replace(/^40[0-9A-F]{8}7F0000:/gm, 'TID:')).toBe(
      'Certificate request self-signature ok\n' +
        'subject=CN = dev, O = devs\n' +
        'dev.crt: OK\n' +
        'CN = dev, O = devs\n' +
        'error 20 at 0 depth lookup: unable to get local issuer certificate\n' +
        'error dev.crt: verification failed\n' +
        '2\n' +
        'subject=CN = dev, O = devs\n' +
        'issuer=CN = kubernetes\n' +
        'Certificate request self-signature ok\n' +
        'subject=CN = dev, O = devs\n' +
        'CA certificate and CA private key do not match\n',
    );
  });

  it('names a missing file and an unknown subject format as OpenSSL does', async () => {
    const out = await runFreshIn(
      'kind-iptables',
      'openssl req -new -key nope.key -subj /CN=x; echo $?',
      'openssl genrsa -out k.key',
      'openssl req -new -key k.key -subj CN=dev; echo $?',
      'openssl bogus; echo $?',
    );
    expect(out.replace(/^40[0-9A-F]{8}7F0000:/gm, 'TID:')).toBe(
      'Could not open file or uri for loading private key from nope.key\n' +
        'TID:error:16000069:STORE routines:ossl_store_get0_loader_int:unregistered scheme:../crypto/store/store_register.c:237:scheme=file\n' +
        'TID:error:80000002:system library:file_open:No such file or directory:../providers/implementations/storemgmt/file_store.c:266:calling stat(nope.key)\n' +
        '1\n' +
        "req: subject name is expected to be in the format /type0=value0/type1=value1/type2=... where characters may be escaped by \\. This name is not in that format: 'CN=dev'\n" +
        '1\n' +
        'Invalid command \'bogus\'; type "help" for a list.\n' +
        '1\n',
    );
  });
});
