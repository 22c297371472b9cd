/**
 * kube-controller-manager's signer for `kubernetes.io/kube-apiserver-client`
 * (pkg/controller/certificates/signer, authority/policies.go): an approved request that has not
 * failed gets a certificate signed by the cluster CA (--cluster-signing-cert-file/key-file, the
 * kubeadm CA), carrying the request's subject (in Go's attribute order) and public key, the
 * requested usages, a random 128-bit serial, valid from five minutes ago for the requested duration
 * (expirationSeconds, at least 10 minutes, at most --cluster-signing-duration, one year by default)
 * and never past the CA. Usages the signer does not allow mark the request Failed instead.
 */
import type { Controller, ControllerContext } from '../cluster/controller';
import type { KubeObject } from '../cluster/types';
import { rfc3339 } from '../format/duration';
import { clusterPki } from '../pki/cluster';
import { goName } from '../pki/dn';
import { toBase64 } from '../pki/pem';
import {
  EKU,
  buildCertificate,
  certificatePem,
  goSubjectKeyId,
  integerBytes,
  type CertExtension,
  type KeyUsageName,
  KEY_USAGE_BITS,
  readCsr,
} from '../pki/x509';
import { KUBE_APISERVER_CLIENT_SIGNER, hasCondition, requestBytes } from './csr';

/** --cluster-signing-duration's default. */
const CERT_TTL_MS = 8760 * 3600_000;
const BACKDATE_MS = 5 * 60_000;
/** Below this a certificate counts as short-lived and its end is not backdated. */
const SHORT_MS = 8 * 3600_000;
const MIN_TTL_MS = 10 * 60_000;

const KEY_USAGES: Record<string, KeyUsageName> = {
  signing: 'digitalSignature',
  'digital signature': 'digitalSignature',
  'content commitment': 'nonRepudiation',
  'key encipherment': 'keyEncipherment',
  'key agreement': 'keyAgreement',
  'data encipherment': 'dataEncipherment',
  'cert sign': 'keyCertSign',
  'crl sign': 'cRLSign',
  'encipher only': 'encipherOnly',
  'decipher only': 'decipherOnly',
};

/** Go's x509.ExtKeyUsage numbers order the usages (sortedExtKeyUsage): any, server, client, ... */
const EXT_KEY_USAGES: Record<string, { order: number; oid: string }> = {
  any: { order: 0, oid: '2.5.29.37.0' },
  'server auth': { order: 1, oid: EKU.serverAuth },
  'client auth': { order: 2, oid: EKU.clientAuth },
  'code signing': { order: 3, oid: '1.3.6.1.5.5.7.3.3' },
  'email protection': { order: 4, oid: '1.3.6.1.5.5.7.3.4' },
  's/mime': { order: 4, oid: '1.3.6.1.5.5.7.3.4' },
  timestamping: { order: 8, oid: '1.3.6.1.5.5.7.3.8' },
  'ocsp signing': { order: 9, oid: '1.3.6.1.5.5.7.3.9' },
};

/** validAPIServerClientUsages: client auth required, digital signature and key encipherment allowed. */
function usageError(usages: string[]): string | undefined {
  for (const u of usages)
    if (u !== 'digital signature' && u !== 'key encipherment' && u !== 'client auth')
      return `invalid usage for client certificate: ${u}`;
  if (!usages.includes('client auth')) return 'missing required usage for client certificate: client auth';
  return undefined;
}

/** The certificate's duration (signer.duration): the requested one within 10 minutes and the default. */
function ttl(expirationSeconds: unknown): number {
  if (expirationSeconds === undefined || expirationSeconds === null) return CERT_TTL_MS;
  const ms = Number(expirationSeconds) * 1000;
  return ms > CERT_TTL_MS ? CERT_TTL_MS : ms < MIN_TTL_MS ? MIN_TTL_MS : ms;
}

/** A random serial below 2^128 from the cluster's seeded stream. */
function serial(ctx: ControllerContext): bigint {
  let v = 0n;
  for (let i = 0; i < 4; i++) v = (v << 32n) | BigInt(Math.floor(ctx.rng.next() * 0x100000000));
  return v || 1n;
}

function sign(ctx: ControllerContext, csr: KubeObject): void {
  const pki = clusterPki(ctx);
  const bytes = requestBytes(csr);
  if (!pki || !(bytes instanceof Uint8Array)) return;
  const req = readCsr(new TextDecoder().decode(bytes));
  if (!req) return;
  const usages: string[] = (csr.spec?.usages ?? []).map(String);
  const now = Math.floor(ctx.now() / 1000) * 1000;
  const failure = usageError(usages);
  const next = structuredClone(csr);
  if (failure) {
    const at = rfc3339(now);
    next.status = {
      ...(next.status ?? {}),
      conditions: [
        ...(next.status?.conditions ?? []),
        {
          lastTransitionTime: at,
          lastUpdateTime: at,
          message: failure,
          reason: 'SignerValidationFailure',
          status: 'True',
          type: 'Failed',
        },
      ],
    };
    ctx.write(next);
    return;
  }
  const ca = pki.ca;
  const d = ttl(csr.spec?.expirationSeconds);
  const notBefore = now - BACKDATE_MS;
  const notAfter = Math.min(d < SHORT_MS ? now + d : now + d - BACKDATE_MS, ca.parsed.notAfter);
  const keyUsages = [...new Set(usages.map((u) => KEY_USAGES[u]).filter((u): u is KeyUsageName => !!u))];
  const ekus = [...new Set(usages.filter((u) => EXT_KEY_USAGES[u]).map((u) => EXT_KEY_USAGES[u]!))]
    .sort((a, b) => a.order - b.order)
    .map((e) => e.oid);
  // x509.CreateCertificate writes KeyUsage (when any), ExtKeyUsage, BasicConstraints, then the CA's key id.
  const extensions: CertExtension[] = [
    ...(keyUsages.length
      ? [
          {
            kind: 'keyUsage' as const,
            critical: true,
            usages: KEY_USAGE_BITS.filter((u) => keyUsages.includes(u)),
          },
        ]
      : []),
    ...(ekus.length ? [{ kind: 'extKeyUsage' as const, critical: false, oids: ekus }] : []),
    { kind: 'basicConstraints', critical: true, ca: false },
    { kind: 'authorityKeyId', critical: false, id: goSubjectKeyId(ca.key) },
  ];
  const der = buildCertificate(
    {
      version: 3,
      serial: integerBytes(serial(ctx)),
      issuer: ca.parsed.subject,
      subject: goName(req.subject),
      notBefore,
      notAfter,
      publicKey: req.publicKey,
      extensions,
    },
    ca.key,
  );
  next.status = { ...(next.status ?? {}), certificate: toBase64(new TextEncoder().encode(certificatePem(der))) };
  ctx.write(next);
}

export const csrSigningController: Controller = {
  name: 'csrsigning-kube-apiserver-client',
  watches: ['certificatesigningrequests'],
  sync(ctx, change) {
    const csr = change.object;
    if (!csr || csr.spec?.signerName !== KUBE_APISERVER_CLIENT_SIGNER) return;
    if (!hasCondition(csr, 'Approved') || hasCondition(csr, 'Failed') || csr.status?.certificate) return;
    sign(ctx, csr);
  },
};
