/**
 * The kind cluster's PKI: the certificates are the ones in testdata/, which the real OpenSSL 3.0.19
 * verified against the CA and printed (text.test.ts); the learner's kubeconfig carries kind's admin
 * certificate; and prebuilt.ts holds exactly what the code would build.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { Emulator, allScenarios } from '../emulator';
import { runFreshIn } from '../shell/testing';
import { clusterPki, pkiSourceOf, standardCertificates } from './cluster';
import { PREBUILT } from './prebuilt';
import { toBase64 } from './pem';

const data = (f: string) => readFileSync(new URL(`./testdata/${f}`, import.meta.url), 'utf8');

describe('the cluster PKI', () => {
  it('builds the CA, the apiserver, etcd and admin certificates openssl verified', () => {
    const pki = clusterPki(pkiSourceOf(Emulator.create({ scenario: 'kind-iptables', seed: 1 })))!;
    expect(pki.ca.pem).toBe(data('ca.crt'));
    expect(pki.ca.keyPem).toBe(data('ca.key'));
    expect(pki.cert('apiserver').pem).toBe(data('apiserver.crt'));
    expect(pki.cert('etcd/server').pem).toBe(data('etcd-server.crt'));
    expect(pki.cert('admin.conf').pem).toBe(data('admin.crt'));
  });

  it("is the same for every seed: kind's cluster is made before anything random happens", () => {
    const a = clusterPki(pkiSourceOf(Emulator.create({ scenario: 'kind-iptables', seed: 1 })))!;
    const b = clusterPki(pkiSourceOf(Emulator.create({ scenario: 'kind-iptables', seed: 77 })))!;
    expect(b.ca.pem).toBe(a.ca.pem);
  });

  it("prints kind's admin subject from the kubeconfig's client-certificate-data", async () => {
    const out = await runFreshIn(
      'kind-iptables',
      "kubectl config view --raw -o jsonpath='{.users[0].user.client-certificate-data}' | base64 -d | openssl x509 -noout -subject",
    );
    expect(out).toBe('subject=O = kubeadm:cluster-admins, CN = kubernetes-admin\n');
  });

  it('publishes the CA in every namespace, every pod and on every node', async () => {
    const out = await runFreshIn(
      'kind-iptables',
      "kubectl get cm kube-root-ca.crt -n kube-public -o jsonpath='{.data.ca\\.crt}' > cm.crt",
      'docker exec myk8s-worker2 cat /etc/kubernetes/pki/ca.crt > node.crt',
      'kubectl run p --image=nicolaka/netshoot -- sleep infinity',
      'sleep 10',
      'kubectl exec p -- cat /var/run/secrets/kubernetes.io/serviceaccount/ca.crt > pod.crt',
      'openssl x509 -in cm.crt -noout -fingerprint -sha256',
      'openssl x509 -in node.crt -noout -fingerprint -sha256',
      'openssl x509 -in pod.crt -noout -fingerprint -sha256',
    );
    const prints = out.split('\n').filter((l) => l.startsWith('sha256'));
    expect(prints).toHaveLength(3);
    expect(new Set(prints).size).toBe(1);
  });

  it('prebuilt.ts holds what buildCertificate makes for each scenario, and each entry is used', () => {
    const used = new Set<string>();
    for (const s of allScenarios()) {
      const emu = Emulator.create({ scenario: s.id, seed: 1 });
      for (const c of standardCertificates(pkiSourceOf(emu))) {
        used.add(c.key);
        expect(PREBUILT[c.key]).toBe(toBase64(c.der));
      }
    }
    expect(Object.keys(PREBUILT).sort()).toEqual([...used].sort());
  });
});
