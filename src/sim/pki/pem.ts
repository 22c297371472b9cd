/**
 * PEM (RFC 7468) as OpenSSL and Go write it: `-----BEGIN LABEL-----`, base64 in 64-character
 * lines, `-----END LABEL-----`, each line ending in a newline. Reading takes the first block of the
 * wanted label, skipping text around it (`openssl x509` reads a certificate after comments).
 */

export function toBase64(bytes: Uint8Array): string {
  let s = '';
  for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(s);
}

/** The bytes of a base64 text (whitespace ignored), or undefined when it is not base64. */
export function fromBase64(text: string): Uint8Array | undefined {
  const clean = text.replace(/\s+/g, '');
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(clean) || clean.length % 4 === 1) return undefined;
  try {
    const bin = atob(clean);
    const out = new Uint8Array(bin.length);
    for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
    return out;
  } catch {
    return undefined;
  }
}

/** One PEM block. */
export function toPem(label: string, der: Uint8Array): string {
  const b64 = toBase64(der);
  let body = '';
  for (let i = 0; i < b64.length; i += 64) body += b64.slice(i, i + 64) + '\n';
  return `-----BEGIN ${label}-----\n${body}-----END ${label}-----\n`;
}

export interface PemBlock {
  label: string;
  der: Uint8Array;
}

/** Every PEM block in `text`, in order (blocks whose base64 is broken are left out). */
export function pemBlocks(text: string): PemBlock[] {
  const out: PemBlock[] = [];
  const re = /-----BEGIN ([A-Z0-9 ]+)-----\r?\n([\s\S]*?)-----END \1-----/g;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const der = fromBase64(m[2]!);
    if (der) out.push({ label: m[1]!, der });
  }
  return out;
}

/** The DER of the first block labelled `label` (one of `labels`), if any. */
export function fromPem(text: string, ...labels: string[]): PemBlock | undefined {
  return pemBlocks(text).find((b) => labels.includes(b.label));
}
