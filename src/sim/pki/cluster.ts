/**
 * A kubeadm cluster's PKI (kubeadm's certlist, pkiutil and kubeconfig phases, v1.31): the cluster
 * CA, the etcd and front-proxy CAs, the certificates signed by them, the service-account key pair
 * and the client certificates of the kubeconfig files. Everything is a pure function of the
 * cluster's facts (name, control-plane node and address, service range, the time `kubeadm init`
 * ran) and is built on first use: the files under /etc/kubernetes, the kubeconfig kind writes on
 * the host, the CA in every pod's service-account volume and the CSR signer all read it here.
 */
import type { ClusterConfig } from '../cluster/types';
import type { ObjectStore } from '../cluster/store';
import { fnv32a } from '../cluster/hash';
import { formatIp, parseCidrOrThrow } from '../core/ipv4';
import { parseTimestamp } from '../format/duration';
import { goSubject, type DistinguishedName } from './dn';
import { CLUSTER_PRIMES } from './primes';
import { poolKey, type RsaPrivateKey } from './rsa';
import {
  EKU,
  buildCertificate,
  certificateKey,
  certificatePem,
  goSubjectKeyId,
  integerBytes,
  parseCertificate,
  pkcs1Pem,
  type CertExtension,
  type CertFields,
  type ParsedCertificate,
  type SanEntry,
} from './x509';

/** kubeadm's CertificateBackdate: CAs are valid from five minutes before they were made. */
const BACKDATE_MS = 5 * 60_000;
const YEAR_MS = 365 * 24 * 3600_000;
/** kubeadm generates its certificates this long before kube-system exists (the certs and kubeconfig phases). */
const INIT_LEAD_MS = 20_000;

/** What the PKI of a cluster depends on. */
export interface PkiFacts {
  clusterName: string;
  /** The control-plane node's name and address ('' on EKS, whose control plane is not a node). */
  controlPlane: string;
  advertiseAddress: string;
  /** The first address of the service range (the `kubernetes` Service). */
  serviceIp: string;
  dnsDomain: string;
  /** When kubeadm made the certificates (ms). */
  createdAt: number;
  /** kind adds `localhost` and the host-facing address to the apiserver's names (its kubeadm config's certSANs). */
  certSans: string[];
}

export type CertId =
  | 'ca'
  | 'apiserver'
  | 'apiserver-kubelet-client'
  | 'front-proxy-ca'
  | 'front-proxy-client'
  | 'etcd/ca'
  | 'etcd/server'
  | 'etcd/peer'
  | 'etcd/healthcheck-client'
  | 'apiserver-etcd-client'
  | 'admin.conf'
  | 'super-admin.conf'
  | 'controller-manager.conf'
  | 'scheduler.conf';

/** Certificates under /etc/kubernetes/pki, in the order `ls` lists their files (key files beside each). */
export const PKI_FILES: readonly CertId[] = [
  'apiserver',
  'apiserver-etcd-client',
  'apiserver-kubelet-client',
  'ca',
  'etcd/ca',
  'etcd/healthcheck-client',
  'etcd/peer',
  'etcd/server',
  'front-proxy-ca',
  'front-proxy-client',
];

interface CertSpec {
  cn: (f: PkiFacts) => string;
  o?: string[];
  /** The CA that signs it; none for a CA. */
  issuer?: CertId;
  eku?: string[];
  san?: (f: PkiFacts) => SanEntry[];
}

const SPECS: Record<CertId, CertSpec> = {
  ca: { cn: () => 'kubernetes' },
  apiserver: {
    cn: () => 'kube-apiserver',
    issuer: 'ca',
    eku: [EKU.serverAuth],
    san: (f) => {
      const dns = [
        f.controlPlane,
        'kubernetes',
        'kubernetes.default',
        'kubernetes.default.svc',
        `kubernetes.default.svc.${f.dnsDomain}`,
        ...f.certSans.filter((s) => !/^[\d.]+$/.test(s)),
      ];
      const ips = [f.serviceIp, f.advertiseAddress, ...f.certSans.filter((s) => /^[\d.]+$/.test(s))];
      // RemoveDuplicateAltNames: DNS names sorted and unique, addresses unique in order.
      return [...[...new Set(dns)].sort().map((dns) => ({ dns })), ...[...new Set(ips)].map((ip) => ({ ip }))];
    },
  },
  'apiserver-kubelet-client': {
    cn: () => 'kube-apiserver-kubelet-client',
    o: ['kubeadm:cluster-admins'],
    issuer: 'ca',
    eku: [EKU.clientAuth],
  },
  'front-proxy-ca': { cn: () => 'front-proxy-ca' },
  'front-proxy-client': { cn: () => 'front-proxy-client', issuer: 'front-proxy-ca', eku: [EKU.clientAuth] },
  'etcd/ca': { cn: () => 'etcd-ca' },
  'etcd/server': {
    cn: (f) => f.controlPlane,
    issuer: 'etcd/ca',
    eku: [EKU.serverAuth, EKU.clientAuth],
    san: (f) => etcdSans(f),
  },
  'etcd/peer': {
    cn: (f) => f.controlPlane,
    issuer: 'etcd/ca',
    eku: [EKU.serverAuth, EKU.clientAuth],
    san: (f) => etcdSans(f),
  },
  'etcd/healthcheck-client': { cn: () => 'kube-etcd-healthcheck-client', issuer: 'etcd/ca', eku: [EKU.clientAuth] },
  'apiserver-etcd-client': { cn: () => 'kube-apiserver-etcd-client', issuer: 'etcd/ca', eku: [EKU.clientAuth] },
  'admin.conf': { cn: () => 'kubernetes-admin', o: ['kubeadm:cluster-admins'], issuer: 'ca', eku: [EKU.clientAuth] },
  'super-admin.conf': {
    cn: () => 'kubernetes-super-admin',
    o: ['system:masters'],
    issuer: 'ca',
    eku: [EKU.clientAuth],
  },
  'controller-manager.conf': { cn: () => 'system:kube-controller-manager', issuer: 'ca', eku: [EKU.clientAuth] },
  'scheduler.conf': { cn: () => 'system:kube-scheduler', issuer: 'ca', eku: [EKU.clientAuth] },
};

function etcdSans(f: PkiFacts): SanEntry[] {
  return [
    ...[...new Set(['localhost', f.controlPlane])].sort().map((dns) => ({ dns })),
    { ip: f.advertiseAddress },
    { ip: '127.0.0.1' },
    { ip: '::1' },
  ];
}

/** Key ids in the order they take pairs of the cluster primes; the service-account key comes last. */
const KEY_ORDER: readonly (CertId | 'sa')[] = [
  'ca',
  'apiserver',
  'apiserver-kubelet-client',
  'front-proxy-ca',
  'front-proxy-client',
  'etcd/ca',
  'etcd/server',
  'etcd/peer',
  'etcd/healthcheck-client',
  'apiserver-etcd-client',
  'admin.conf',
  'super-admin.conf',
  'controller-manager.conf',
  'scheduler.conf',
  'sa',
];

/** Pairs (i, j) of the cluster primes, i < j, in a fixed order. */
const CLUSTER_PAIRS: [number, number][] = (() => {
  const out: [number, number][] = [];
  for (let i = 0; i < CLUSTER_PRIMES; i++) for (let j = i + 1; j < CLUSTER_PRIMES; j++) out.push([i, j]);
  return out;
})();

export interface IssuedCert {
  id: CertId;
  key: RsaPrivateKey;
  der: Uint8Array;
  /** The certificate as PEM. */
  pem: string;
  /** The key as kubeadm writes it (PKCS #1). */
  keyPem: string;
  parsed: ParsedCertificate;
}

export class ClusterPki {
  private readonly certs = new Map<CertId, IssuedCert>();
  private readonly offset: number;

  /** `facts` as one string: what caches of files made from this PKI are keyed by. */
  constructor(
    readonly facts: PkiFacts,
    readonly id: string = JSON.stringify(facts),
  ) {
    this.offset = fnv32a(`pki/${facts.clusterName}`) % CLUSTER_PAIRS.length;
  }

  /** A cluster key: a pair of cluster primes chosen by the cluster's name and the key's role. */
  key(id: CertId | 'sa'): RsaPrivateKey {
    const [i, j] = CLUSTER_PAIRS[(this.offset + KEY_ORDER.indexOf(id) * 7) % CLUSTER_PAIRS.length]!;
    return poolKey(i, j);
  }

  /** The cluster CA (`/etc/kubernetes/pki/ca.crt`). */
  get ca(): IssuedCert {
    return this.cert('ca');
  }

  /** When the CA became valid: every kubeadm certificate starts then. */
  get notBefore(): number {
    return this.facts.createdAt - BACKDATE_MS;
  }

  cert(id: CertId): IssuedCert {
    let c = this.certs.get(id);
    if (!c) {
      c = this.issue(id);
      this.certs.set(id, c);
    }
    return c;
  }

  private serial(id: CertId): Uint8Array {
    // A random 63-bit serial in [1, MaxInt64), as pkiutil draws it; here a hash of the cluster and the certificate.
    const hi = fnv32a(`serial/${this.facts.clusterName}/${id}/hi`) & 0x7fffffff;
    const lo = fnv32a(`serial/${this.facts.clusterName}/${id}/lo`);
    return integerBytes((BigInt(hi) << 32n) | BigInt(lo) || 1n);
  }

  /** The fields of a certificate and the key that signs it, as kubeadm would make them. */
  fieldsOf(id: CertId): { fields: CertFields; signer: RsaPrivateKey } {
    const spec = SPECS[id];
    const f = this.facts;
    const key = this.key(id);
    const subject: DistinguishedName = goSubject(spec.cn(f), spec.o);
    if (!spec.issuer) {
      // certutil.NewSelfSignedCACert: CN as the only DNS name, valid ten years from now, backdated.
      return {
        signer: key,
        fields: {
          version: 3,
          serial: this.serial(id),
          issuer: subject,
          subject,
          notBefore: this.notBefore,
          notAfter: f.createdAt + 10 * YEAR_MS,
          publicKey: key,
          extensions: [
            { kind: 'keyUsage', critical: true, usages: ['digitalSignature', 'keyEncipherment', 'keyCertSign'] },
            { kind: 'basicConstraints', critical: true, ca: true },
            { kind: 'subjectKeyId', critical: false, id: goSubjectKeyId(key) },
            { kind: 'subjectAltName', critical: false, names: [{ dns: spec.cn(f) }] },
          ],
        },
      };
    }
    // pkiutil.NewSignedCert: from the CA's NotBefore to a year after it ran.
    const issuer = this.cert(spec.issuer);
    const san = spec.san?.(f) ?? [];
    const extensions: CertExtension[] = [
      { kind: 'keyUsage', critical: true, usages: ['digitalSignature', 'keyEncipherment'] },
      { kind: 'extKeyUsage', critical: false, oids: spec.eku ?? [] },
      { kind: 'basicConstraints', critical: true, ca: false },
      { kind: 'authorityKeyId', critical: false, id: goSubjectKeyId(issuer.key) },
      ...(san.length ? [{ kind: 'subjectAltName' as const, critical: false, names: san }] : []),
    ];
    return {
      signer: issuer.key,
      fields: {
        version: 3,
        serial: this.serial(id),
        issuer: issuer.parsed.subject,
        subject,
        notBefore: issuer.parsed.notBefore,
        notAfter: f.createdAt + YEAR_MS,
        publicKey: key,
        extensions,
      },
    };
  }

  private issue(id: CertId): IssuedCert {
    const key = this.key(id);
    const { fields, signer } = this.fieldsOf(id);
    const der = buildCertificate(fields, signer);
    return { id, key, der, pem: certificatePem(der), keyPem: pkcs1Pem(key), parsed: parseCertificate(der)! };
  }
}

/** The certificates a scenario starts with, and what prebuilt.ts keys them by (scripts/prebuild-certs.ts). */
export function standardCertificates(src: PkiSource): { id: CertId; key: string; der: Uint8Array }[] {
  const pki = clusterPki(src);
  if (!pki) return [];
  const ids: CertId[] = pki.facts.controlPlane ? ['ca', 'admin.conf'] : ['ca'];
  return ids.map((id) => {
    const { fields, signer } = pki.fieldsOf(id);
    return { id, key: certificateKey(fields, signer), der: pki.cert(id).der };
  });
}

const cache = new Map<string, ClusterPki>();

/** What the PKI is derived from: the API objects and the cluster's configuration (an emulator, or a controller's context). */
export interface PkiSource {
  readonly store: Pick<ObjectStore, 'get' | 'list'>;
  readonly config: ClusterConfig | undefined;
}

/** The PKI source of an emulator. */
export function pkiSourceOf(emu: {
  store: PkiSource['store'];
  cluster: { config: ClusterConfig | undefined };
}): PkiSource {
  return { store: emu.store, config: emu.cluster.config };
}

/**
 * The facts of a cluster. Without a visible control plane (EKS) only the CA is meaningful:
 * `controlPlane` and `advertiseAddress` are empty.
 */
export function pkiFacts(src: PkiSource): PkiFacts | undefined {
  const config = src.config;
  if (!config) return undefined;
  const cp = src.store
    .list('nodes')
    .find((n) => n.metadata.labels?.['node-role.kubernetes.io/control-plane'] !== undefined);
  const ip = (cp?.status?.addresses ?? []).find((a: { type: string }) => a.type === 'InternalIP')?.address ?? '';
  // kubeadm init made the certificates just before the API server created its first namespaces.
  const times = ['default', 'kube-node-lease', 'kube-public', 'kube-system']
    .map((n) => parseTimestamp(src.store.get('namespaces', undefined, n)?.metadata.creationTimestamp))
    .filter((t): t is number => t !== undefined);
  if (!times.length) return undefined;
  const created = Math.min(...times);
  const kind = config.context.startsWith('kind-');
  return {
    clusterName: config.name,
    controlPlane: cp?.metadata.name ?? '',
    advertiseAddress: ip,
    serviceIp: formatIp(parseCidrOrThrow(config.serviceCidr).addr + 1),
    dnsDomain: 'cluster.local',
    createdAt: Math.floor((created - INIT_LEAD_MS) / 1000) * 1000,
    certSans: kind ? ['localhost', '127.0.0.1'] : [],
  };
}

/** The cluster CA certificate (PEM): what every kube-root-ca.crt ConfigMap and service-account volume holds. */
export function clusterCaPem(src: PkiSource): string {
  return clusterPki(src)?.ca.pem ?? '';
}

/** The PKI of the emulator's cluster (built once per set of facts), or undefined before a cluster exists. */
export function clusterPki(src: PkiSource): ClusterPki | undefined {
  const facts = pkiFacts(src);
  if (!facts) return undefined;
  const id = JSON.stringify(facts);
  let pki = cache.get(id);
  if (!pki) {
    pki = new ClusterPki(facts, id);
    if (cache.size > 16) cache.clear();
    cache.set(id, pki);
  }
  return pki;
}
