/**
 * What OpenSSL 3.0 prints about certificates, requests and keys (crypto/x509/t_x509.c, t_req.c,
 * v3_*.c, crypto/rsa/rsa_ameth.c), checked byte for byte against `openssl x509|req|rsa -text` on
 * the same DER (see text.test.ts): field layout, the 15-byte hex rows of a modulus, the 18-byte rows
 * of a signature, extension names and the trailing space after a non-critical extension's name.
 */
import { sha1 } from '@noble/hashes/legacy.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { formatOneline, formatRfc2253, type DistinguishedName } from './dn';
import { bitLength, bytesToBigint, type RsaPrivateKey, type RsaPublicKey } from './rsa';
import { EKU, integerBytes, type CertExtension, type ParsedCertificate, type ParsedCsr } from './x509';

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** `Dec  7 18:01:41 2026 GMT` (ASN1_TIME_print: day of month padded with a space). */
export function opensslDate(ms: number): string {
  const d = new Date(ms);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${MONTHS[d.getUTCMonth()]} ${String(d.getUTCDate()).padStart(2, ' ')} ${p(d.getUTCHours())}:${p(d.getUTCMinutes())}:${p(d.getUTCSeconds())} ${d.getUTCFullYear()} GMT`;
}

export type NameFormat = 'oneline' | 'rfc2253';

export function formatName(name: DistinguishedName, format: NameFormat = 'oneline'): string {
  return format === 'rfc2253' ? formatRfc2253(name) : formatOneline(name);
}

function hex2(b: number): string {
  return b.toString(16).padStart(2, '0');
}

/** Bytes as `aa:bb:...` rows of `perRow`, each row indented, every row but the last ending in `:`. */
function hexRows(bytes: Uint8Array, perRow: number, indent: number): string {
  const parts = [...bytes].map(hex2);
  let out = '';
  for (let i = 0; i < parts.length; i += perRow) {
    const row = parts.slice(i, i + perRow).join(':');
    out += `${' '.repeat(indent)}${row}${i + perRow < parts.length ? ':' : ''}\n`;
  }
  return out;
}

/** ASN1_bn_print: a number in decimal with its hex, or as colon hex rows (with a leading 00 when the top bit is set). */
function bnPrint(label: string, x: bigint, indent: number): string {
  const pad = ' '.repeat(indent);
  if (bitLength(x) <= 64) return `${pad}${label} ${x} (0x${x.toString(16)})\n`;
  return `${pad}${label}\n${hexRows(integerBytes(x), 15, indent + 4)}`;
}

function publicKeyText(key: RsaPublicKey, indent: number): string {
  const pad = ' '.repeat(indent);
  return (
    `${pad}Public-Key: (${bitLength(key.n)} bit)\n` +
    bnPrint('Modulus:', key.n, indent) +
    bnPrint('Exponent:', key.e, indent)
  );
}

const KEY_USAGE_TEXT: Record<string, string> = {
  digitalSignature: 'Digital Signature',
  nonRepudiation: 'Non Repudiation',
  keyEncipherment: 'Key Encipherment',
  dataEncipherment: 'Data Encipherment',
  keyAgreement: 'Key Agreement',
  keyCertSign: 'Certificate Sign',
  cRLSign: 'CRL Sign',
  encipherOnly: 'Encipher Only',
  decipherOnly: 'Decipher Only',
};

const EKU_TEXT: Record<string, string> = {
  [EKU.serverAuth]: 'TLS Web Server Authentication',
  [EKU.clientAuth]: 'TLS Web Client Authentication',
  '1.3.6.1.5.5.7.3.3': 'Code Signing',
  '1.3.6.1.5.5.7.3.4': 'E-mail Protection',
  '1.3.6.1.5.5.7.3.8': 'Time Stamping',
  '1.3.6.1.5.5.7.3.9': 'OCSP Signing',
  '2.5.29.37.0': 'Any Extended Key Usage',
};

function colonHexUpper(bytes: Uint8Array): string {
  return [...bytes].map((b) => hex2(b).toUpperCase()).join(':');
}

/** An IPv4 address, or an IPv6 one the way OpenSSL prints it (eight groups, no compression). */
function ipText(ip: string): string {
  if (!ip.includes(':')) return ip;
  const [head = '', tail = ''] = ip.split('::');
  const h = head ? head.split(':') : [];
  const t = tail ? tail.split(':') : [];
  const groups = ip.includes('::') ? [...h, ...Array(8 - h.length - t.length).fill('0'), ...t] : h;
  return groups
    .map((g) =>
      parseInt(g || '0', 16)
        .toString(16)
        .toUpperCase(),
    )
    .join(':');
}

function extensionText(ext: CertExtension): [string, string] {
  switch (ext.kind) {
    case 'keyUsage':
      return ['X509v3 Key Usage', ext.usages.map((u) => KEY_USAGE_TEXT[u]).join(', ')];
    case 'extKeyUsage':
      return ['X509v3 Extended Key Usage', ext.oids.map((o) => EKU_TEXT[o] ?? o).join(', ')];
    case 'basicConstraints':
      return [
        'X509v3 Basic Constraints',
        `CA:${ext.ca ? 'TRUE' : 'FALSE'}${ext.pathLen !== undefined ? `, pathlen:${ext.pathLen}` : ''}`,
      ];
    case 'subjectKeyId':
      return ['X509v3 Subject Key Identifier', colonHexUpper(ext.id)];
    case 'authorityKeyId':
      return ['X509v3 Authority Key Identifier', colonHexUpper(ext.id)];
    case 'subjectAltName':
      return [
        'X509v3 Subject Alternative Name',
        ext.names
          .map((n) =>
            'dns' in n
              ? `DNS:${n.dns}`
              : 'ip' in n
                ? `IP Address:${ipText(n.ip)}`
                : 'email' in n
                  ? `email:${n.email}`
                  : `URI:${n.uri}`,
          )
          .join(', '),
      ];
    case 'other':
      return [ext.oid, hexRows(ext.value, 16, 0).trimEnd()];
  }
}

function extensionsText(exts: CertExtension[], indent: number): string {
  const pad = ' '.repeat(indent);
  return exts
    .map((e) => {
      const [name, value] = extensionText(e);
      return `${pad}${name}: ${e.critical ? 'critical' : ''}\n${pad}    ${value}\n`;
    })
    .join('');
}

function serialText(serial: Uint8Array): string {
  // OpenSSL keeps the magnitude; a serial of at most 8 bytes that fits a signed long prints in decimal.
  const magnitude = serial[0] === 0 && serial.length > 1 ? serial.subarray(1) : serial;
  const v = bytesToBigint(magnitude);
  if (magnitude.length <= 8 && v < 1n << 63n) return ` ${v} (0x${v.toString(16)})\n`;
  return `\n${' '.repeat(12)}${[...magnitude].map(hex2).join(':')}\n`;
}

/** `openssl x509 -noout -text`. */
export function certificateText(c: ParsedCertificate, nameFormat: NameFormat = 'oneline'): string {
  return (
    'Certificate:\n' +
    '    Data:\n' +
    `        Version: ${c.version} (0x${c.version - 1})\n` +
    `        Serial Number:${serialText(c.serial)}` +
    '        Signature Algorithm: sha256WithRSAEncryption\n' +
    `        Issuer: ${formatName(c.issuer, nameFormat)}\n` +
    '        Validity\n' +
    `            Not Before: ${opensslDate(c.notBefore)}\n` +
    `            Not After : ${opensslDate(c.notAfter)}\n` +
    `        Subject: ${formatName(c.subject, nameFormat)}\n` +
    '        Subject Public Key Info:\n' +
    '            Public Key Algorithm: rsaEncryption\n' +
    publicKeyText(c.publicKey, 16) +
    (c.extensions.length ? '        X509v3 extensions:\n' + extensionsText(c.extensions, 12) : '') +
    '    Signature Algorithm: sha256WithRSAEncryption\n' +
    '    Signature Value:\n' +
    hexRows(c.signature, 18, 8)
  );
}

/** `openssl req -noout -text` (OpenSSL 3.0 prints "Requested Extensions:" even when there are none). */
export function csrText(r: ParsedCsr, nameFormat: NameFormat = 'oneline'): string {
  return (
    'Certificate Request:\n' +
    '    Data:\n' +
    '        Version: 1 (0x0)\n' +
    `        Subject: ${formatName(r.subject, nameFormat)}\n` +
    '        Subject Public Key Info:\n' +
    '            Public Key Algorithm: rsaEncryption\n' +
    publicKeyText(r.publicKey, 16) +
    '        Attributes:\n' +
    (r.attributeCount ? '' : '            (none)\n') +
    '            Requested Extensions:\n' +
    '    Signature Algorithm: sha256WithRSAEncryption\n' +
    '    Signature Value:\n' +
    hexRows(r.signature, 18, 8)
  );
}

/** `openssl rsa -noout -text`. */
export function privateKeyText(k: RsaPrivateKey): string {
  return (
    `Private-Key: (${bitLength(k.n)} bit, 2 primes)\n` +
    bnPrint('modulus:', k.n, 0) +
    bnPrint('publicExponent:', k.e, 0) +
    bnPrint('privateExponent:', k.d, 0) +
    bnPrint('prime1:', k.p, 0) +
    bnPrint('prime2:', k.q, 0) +
    bnPrint('exponent1:', k.dp, 0) +
    bnPrint('exponent2:', k.dq, 0) +
    bnPrint('coefficient:', k.qi, 0)
  );
}

/** `Modulus=B0DE...` (-modulus: upper-case hex, no leading zero). */
export function modulusLine(key: RsaPublicKey): string {
  return `Modulus=${key.n.toString(16).toUpperCase()}\n`;
}

/** `serial=4AEE...` (upper-case hex of the magnitude, at least two digits). */
export function serialLine(serial: Uint8Array): string {
  const magnitude = serial[0] === 0 && serial.length > 1 ? serial.subarray(1) : serial;
  return `serial=${[...magnitude].map((b) => hex2(b).toUpperCase()).join('')}\n`;
}

export function fingerprintLine(der: Uint8Array, alg: 'sha1' | 'sha256'): string {
  const digest = alg === 'sha1' ? sha1(der) : sha256(der);
  return `${alg === 'sha1' ? 'SHA1' : 'sha256'} Fingerprint=${colonHexUpper(digest)}\n`;
}
