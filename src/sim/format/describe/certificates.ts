/**
 * `kubectl describe csr` (kubectl pkg/describe: CertificateSigningRequestDescriber,
 * describeCertificateSigningRequest, extractCSRStatus): who asked, the signer, the requested
 * duration, the status summed up as the CONDITION column does, and the subject of the request
 * itself, read as Go's pkix.Name reads it (the last CN; every O, OU, ... in order). Parsing the
 * request is the caller's (DescribeContext.csrSubject): format sits below the X.509 code.
 */
import type { KubeObject } from '../../cluster/types';
import { humanDuration } from '../duration';
import { eventsFor, writeEvents } from './events';
import { DescribeWriter, rfc1123z, type DescribeContext } from './writer';

/** describe.go's extractCSRStatus (the same summing up as the printers' CONDITION column). */
function csrStatus(csr: KubeObject): string {
  const types = new Set<string>((csr.status?.conditions ?? []).map((c: { type?: string }) => c.type ?? ''));
  let s = types.has('Denied') ? 'Denied' : types.has('Approved') ? 'Approved' : 'Pending';
  if (types.has('Failed')) s += ',Failed';
  if (csr.status?.certificate) s += ',Issued';
  return s;
}

/** labels.FormatLabels: `k=v` pairs sorted by key and joined by commas, `<none>` when empty. */
function formatLabels(m: Record<string, string> | undefined): string {
  const keys = Object.keys(m ?? {}).sort();
  return keys.length ? keys.map((k) => `${k}=${m![k]}`).join(',') : '<none>';
}

export function describeCertificateSigningRequest(csr: KubeObject, ctx: DescribeContext): string {
  const cr = ctx.csrSubject?.(csr);
  // certificate.ParseCSR: the PEM block must be a CERTIFICATE REQUEST.
  if (!cr) throw new Error('Error parsing CSR: PEM block type must be CERTIFICATE REQUEST');
  const w = new DescribeWriter();
  w.write(0, `Name:\t${csr.metadata.name}\n`);
  w.write(0, `Labels:\t${formatLabels(csr.metadata.labels)}\n`);
  w.write(0, `Annotations:\t${formatLabels(csr.metadata.annotations)}\n`);
  w.write(0, `CreationTimestamp:\t${rfc1123z(csr.metadata.creationTimestamp)}\n`);
  w.write(0, `Requesting User:\t${csr.spec?.username ?? ''}\n`);
  if (csr.spec?.signerName) w.write(0, `Signer:\t${csr.spec.signerName}\n`);
  if (typeof csr.spec?.expirationSeconds === 'number')
    w.write(0, `Requested Duration:\t${humanDuration(csr.spec.expirationSeconds * 1000)}\n`);
  w.write(0, `Status:\t${csrStatus(csr)}\n`);
  w.write(0, 'Subject:\n');
  w.write(0, `\tCommon Name:\t${cr.commonName}\n`);
  w.write(0, `\tSerial Number:\t${cr.serialNumber}\n`);
  const lists: [string, string[]][] = [
    ['Organization', cr.organization],
    ['Organizational Unit', cr.organizationalUnit],
    ['Country', cr.country],
    ['Locality', cr.locality],
    ['Province', cr.province],
    ['StreetAddress', cr.streetAddress],
    ['PostalCode', cr.postalCode],
  ];
  for (const [name, values] of lists) if (values.length) w.write(0, `\t${name}:\t${values.join('\n\t\t')}\n`);
  writeEvents(w, eventsFor(csr, ctx), ctx.now);
  return w.toString();
}
