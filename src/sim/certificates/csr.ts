/**
 * CertificateSigningRequests (certificates.k8s.io/v1), the API side: what the API server checks and
 * records when one is created (the requester's identity from the request, pkg/registry/certificates
 * strategy.go; the validation of pkg/apis/certificates/validation), the approval condition
 * `kubectl certificate approve|deny` adds and the approval admission that checks the `approve` verb
 * on the signer, and how `kubectl get csr` sums the status up in its CONDITION column.
 */
import type { KubeObject } from '../cluster/types';
import type { AdmissionPlugin } from '../cluster/controller';
import { ApiError, invalid, type FieldError } from '../cluster/errors';
import type { UserInfo } from '../rbac/identity';
import { fromBase64 } from '../pki/pem';
import { readCsr, signedBy } from '../pki/x509';
import { OID, valuesOf } from '../pki/dn';

export const KUBE_APISERVER_CLIENT_SIGNER = 'kubernetes.io/kube-apiserver-client';

/** The usages the API accepts (certificates.allValidUsages), sorted as its NotSupported error lists them. */
export const VALID_USAGES = [
  'any',
  'cert sign',
  'client auth',
  'code signing',
  'content commitment',
  'crl sign',
  'data encipherment',
  'decipher only',
  'digital signature',
  'email protection',
  'encipher only',
  'ipsec end system',
  'ipsec tunnel',
  'ipsec user',
  'key agreement',
  'key encipherment',
  'microsoft sgc',
  'netscape sgc',
  'ocsp signing',
  's/mime',
  'server auth',
  'signing',
  'timestamping',
];

/** Go's %#v of a []byte: `[]byte{0x2d, 0x2d, ...}`. */
function goBytes(bytes: Uint8Array): string {
  return `[]byte{${[...bytes].map((b) => `0x${b.toString(16)}`).join(', ')}}`;
}

/** The bytes of `spec.request` as the API server decodes them (JSON []byte is base64), or the decoding error. */
export function requestBytes(obj: KubeObject): Uint8Array | ApiError {
  const text = String(obj.spec?.request ?? '');
  const bad = /[^A-Za-z0-9+/=\r\n]/.exec(text);
  const bytes = bad ? undefined : fromBase64(text);
  if (!bytes) {
    const at = bad?.index ?? text.replace(/[\r\n]/g, '').length;
    return new ApiError(
      'BadRequest',
      `CertificateSigningRequest in version "v1" cannot be handled as a CertificateSigningRequest: illegal base64 data at input byte ${at}`,
    );
  }
  return bytes;
}

/** ParseCSR + CheckSignature: why a request is not a valid PEM certificate request, if it is not. */
function requestError(bytes: Uint8Array): string | undefined {
  const text = new TextDecoder().decode(bytes);
  const m = /-----BEGIN ([A-Z ]+)-----/.exec(text);
  if (!m) return 'PEM block type must be CERTIFICATE REQUEST';
  if (m[1] !== 'CERTIFICATE REQUEST') return 'PEM block type must be CERTIFICATE REQUEST';
  const csr = readCsr(text);
  // encoding/asn1's wording varies with where the DER breaks (UNCONFIRMED beyond the first words).
  if (!csr) return 'asn1: syntax error: data truncated';
  if (!signedBy(csr, csr.publicKey)) return 'crypto/rsa: verification error';
  return undefined;
}

/** ValidateCertificateSigningRequestCreate: the field errors of a request being created. */
export function csrFieldErrors(obj: KubeObject): FieldError[] {
  const errs: FieldError[] = [];
  const spec = obj.spec ?? {};
  const bytes = requestBytes(obj);
  if (!(bytes instanceof ApiError)) {
    const err = requestError(bytes);
    if (err) errs.push({ field: 'spec.request', detail: `Invalid value: ${goBytes(bytes)}: ${err}` });
  }
  const usages: unknown[] = Array.isArray(spec.usages) ? spec.usages : [];
  if (usages.length === 0) errs.push({ field: 'spec.usages', detail: 'Required value' });
  usages.forEach((u, i) => {
    if (!VALID_USAGES.includes(String(u)))
      errs.push({
        field: `spec.usages[${i}]`,
        detail: `Unsupported value: ${JSON.stringify(String(u))}: supported values: ${VALID_USAGES.map((v) => JSON.stringify(v)).join(', ')}`,
      });
  });
  const signer = String(spec.signerName ?? '');
  if (!signer) errs.push({ field: 'spec.signerName', detail: 'Required value' });
  else if (signer === 'kubernetes.io/legacy-unknown')
    errs.push({
      field: 'spec.signerName',
      detail: `Invalid value: "${signer}": the legacy signerName is not allowed via this API version`,
    });
  else if (!/^[^/]+\/[^/]+$/.test(signer))
    errs.push({
      field: 'spec.signerName',
      detail: `Invalid value: ${JSON.stringify(signer)}: must be a fully qualified domain and path of the form 'example.com/signer-name'`,
    });
  const exp = spec.expirationSeconds;
  if (exp !== undefined && Number(exp) < 600)
    errs.push({
      field: 'spec.expirationSeconds',
      detail: `Invalid value: ${exp}: may not specify a duration less than 600 seconds (10 minutes)`,
    });
  return errs;
}

/**
 * What the API server sets on a new request (strategy.PrepareForCreate): the requester's name, uid,
 * groups and extra from the authenticated request, and an empty status.
 */
export function stampRequester(obj: KubeObject, user: UserInfo): void {
  obj.spec ??= {};
  obj.spec.username = user.name;
  if (user.uid) obj.spec.uid = user.uid;
  else delete obj.spec.uid;
  obj.spec.groups = [...user.groups];
  if (user.extra && Object.keys(user.extra).length) obj.spec.extra = structuredClone(user.extra);
  else delete obj.spec.extra;
  delete obj.status;
}

interface Condition {
  type: string;
  status?: string;
  reason?: string;
  message?: string;
  lastUpdateTime?: string;
  lastTransitionTime?: string;
}

function conditions(csr: KubeObject): Condition[] {
  return (csr.status?.conditions ?? []) as Condition[];
}

export function hasCondition(csr: KubeObject, type: string): boolean {
  return conditions(csr).some((c) => c.type === type && (c.status ?? 'True') === 'True');
}

/** `Approved,Issued`, `Pending`, `Denied`, `Approved,Failed` (printers.go extractCSRStatus). */
export function csrConditionColumn(csr: KubeObject): string {
  let approved = false;
  let denied = false;
  let failed = false;
  for (const c of conditions(csr)) {
    if (c.type === 'Approved') approved = true;
    else if (c.type === 'Denied') denied = true;
    else if (c.type === 'Failed') failed = true;
  }
  let s = denied ? 'Denied' : approved ? 'Approved' : 'Pending';
  if (failed) s += ',Failed';
  if (csr.status?.certificate) s += ',Issued';
  return s;
}

/**
 * kubectl's addConditionIfNeeded: the CSR with the approval (or denial) condition added, whether it
 * already had it, or the error when it has the opposite one.
 */
export function withDecision(
  csr: KubeObject,
  decision: 'approve' | 'deny',
  now: string,
): { csr: KubeObject; already: boolean } | { error: string } {
  const [type, opposite, reason, message] =
    decision === 'approve'
      ? ['Approved', 'Denied', 'KubectlApprove', 'This CSR was approved by kubectl certificate approve.']
      : ['Denied', 'Approved', 'KubectlDeny', 'This CSR was denied by kubectl certificate deny.'];
  const existing = conditions(csr);
  if (existing.some((c) => c.type === opposite))
    return { error: `certificate signing request "${csr.metadata.name}" is already ${opposite}` };
  if (existing.some((c) => c.type === type)) return { csr, already: true };
  const next = structuredClone(csr);
  next.status ??= {};
  // The API server's approval strategy fills lastTransitionTime when the client left it out.
  next.status.conditions = [
    ...existing,
    { lastTransitionTime: now, lastUpdateTime: now, message, reason, status: 'True', type },
  ];
  return { csr: next, already: false };
}

/** The `signers` resource name the approval admission checks, and its domain wildcard (`kubernetes.io/*`). */
export function signerNames(signerName: string): string[] {
  const domain = signerName.split('/')[0];
  return [signerName, `${domain}/*`];
}

/** certificates/approval admission's refusal. */
export function approvalForbidden(csr: KubeObject): ApiError {
  return new ApiError(
    'Forbidden',
    `certificatesigningrequests.certificates.k8s.io "${csr.metadata.name}" is forbidden: user not permitted to approve requests with signerName "${csr.spec?.signerName ?? ''}"`,
  );
}

/**
 * What the API server refuses before storing a request: `spec.request` that is not base64 (the JSON
 * decoder's BadRequest), then ValidateCertificateSigningRequestCreate's field errors. Listed with the
 * admission plugins, since it is the API server's own check, run on the decoded object.
 */
export const certificateSigningRequestValidation: AdmissionPlugin = {
  name: 'CertificateSigningRequestValidation',
  admitCreate(_ctx, obj) {
    if (obj.kind !== 'CertificateSigningRequest') return;
    const bytes = requestBytes(obj);
    if (bytes instanceof ApiError) throw bytes;
    const errs = csrFieldErrors(obj);
    if (errs.length) throw invalid(obj.kind, obj.metadata.name, errs);
  },
};

/**
 * The CertificateSubjectRestriction admission plugin (on by default): a request for the
 * kube-apiserver-client signer may not name the group system:masters, which the API server allows
 * everything before RBAC is asked (plugin/pkg/admission/certificates/subjectrestriction).
 */
export const certificateSubjectRestriction: AdmissionPlugin = {
  name: 'CertificateSubjectRestriction',
  admitCreate(_ctx, obj) {
    if (obj.kind !== 'CertificateSigningRequest' || obj.spec?.signerName !== KUBE_APISERVER_CLIENT_SIGNER) return;
    const bytes = requestBytes(obj);
    const csr = bytes instanceof ApiError ? undefined : readCsr(new TextDecoder().decode(bytes));
    const forbidden = (why: string) =>
      new ApiError(
        'Forbidden',
        `certificatesigningrequests.certificates.k8s.io "${obj.metadata.name}" is forbidden: ${why}`,
      );
    if (!csr) throw forbidden('failed to parse CSR: PEM block type must be CERTIFICATE REQUEST');
    if (valuesOf(csr.subject, OID.organizationName).includes('system:masters'))
      throw forbidden(`use of ${KUBE_APISERVER_CLIENT_SIGNER} signer with system:masters group is not allowed`);
  },
};
