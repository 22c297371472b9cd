/**
 * The certificate half of a TLS handshake with kube-apiserver, as curl (OpenSSL) does it: the
 * server presents its serving certificate (/etc/kubernetes/pki/apiserver.crt, signed by the cluster
 * CA); the client checks it against its CA file (`--cacert`, or the system store, which does not
 * know the cluster CA) and the name it dialled against the certificate's subject alternative names,
 * and may present a client certificate whose private key it must hold. Errors are curl's (7.88 and
 * 8.x word them alike), checked against a real curl talking to `openssl s_server` with the
 * emulator's apiserver certificate.
 */
import type { ClusterPki } from './cluster';
import { pemBlocks } from './pem';
import { sameKey } from './rsa';
import { parseCertificate, readCertificate, readPrivateKey } from './x509';

export interface TlsClientOptions {
  /** `-k`: accept any server certificate. */
  insecure: boolean;
  /** The text of the `--cacert` file (undefined: the system store), or null when the file is missing. */
  caFile?: { path: string; text: string | null };
  /** `--cert` and `--key` (the key defaults to the certificate file). */
  clientCert?: { path: string; text: string | null; keyPath: string; keyText: string | null };
}

export type TlsOutcome = { ok: true; clientCertificate?: string } | { ok: false; code: number; text: string };

/** The server names a certificate is valid for (DNS names and IP addresses of its SAN). */
function names(pki: ClusterPki): { dns: string[]; ips: string[] } {
  const san = pki.cert('apiserver').parsed.extensions.find((e) => e.kind === 'subjectAltName');
  const list = san?.kind === 'subjectAltName' ? san.names : [];
  return {
    dns: list.flatMap((n) => ('dns' in n ? [n.dns] : [])),
    ips: list.flatMap((n) => ('ip' in n ? [n.ip] : [])),
  };
}

/** The handshake of a client at `host` with the cluster's API server. */
export function apiServerHandshake(pki: ClusterPki | undefined, host: string, o: TlsClientOptions): TlsOutcome {
  let clientCertificate: string | undefined;
  if (o.clientCert) {
    const c = o.clientCert;
    const cert = c.text === null ? undefined : readCertificate(c.text);
    if (!cert)
      return {
        ok: false,
        code: 58,
        text: `could not load PEM client certificate from ${c.path}, OpenSSL error error:80000002:system library::No such file or directory, (no key found, wrong pass phrase, or wrong file format?)`,
      };
    const key = c.keyText === null ? undefined : readPrivateKey(c.keyText);
    if (!key || !sameKey(key, cert.publicKey))
      return { ok: false, code: 58, text: `unable to set private key file: '${c.keyPath}' type PEM` };
    clientCertificate = c.text!;
  }
  if (o.caFile?.text === null) return { ok: false, code: 77, text: `error setting certificate file: ${o.caFile.path}` };
  if (!o.insecure && pki) {
    const trusted = pemBlocks(o.caFile?.text ?? '')
      .filter((b) => b.label === 'CERTIFICATE')
      .map((b) => parseCertificate(b.der))
      .some((ca) => ca !== undefined && sameKey(ca.publicKey, pki.ca.key));
    if (!trusted)
      return { ok: false, code: 60, text: 'SSL certificate problem: unable to get local issuer certificate' };
    // EKS's endpoint is a name AWS certifies for; kubeadm's apiserver certificate lists its names.
    const n = pki.facts.controlPlane ? names(pki) : undefined;
    const matches = !n || (/^[\d.]+$/.test(host) ? n.ips.includes(host) : n.dns.includes(host.toLowerCase()));
    if (!matches)
      return {
        ok: false,
        code: 60,
        text: `SSL: no alternative certificate subject name matches target host name '${host}'`,
      };
  }
  return clientCertificate !== undefined ? { ok: true, clientCertificate } : { ok: true };
}
