/**
 * X.509 certificates, PKCS #10 certificate requests and RSA key files as DER (RFC 5280, RFC 2986,
 * RFC 8017, RFC 5208), encoded and decoded with asn1js (the ASN.1 BER/DER library under pkijs and
 * @peculiar/x509, without their schema layer, whose start-up alone costs a phone's worker tens of
 * milliseconds). The emulator's model of a certificate is plain data (`CertFields`);
 * `buildCertificate` encodes and signs it the way Go's crypto/x509 does (kubeadm and the CSR signer
 * are Go), `buildCsr` the way `openssl req` does. Parsing keeps the raw to-be-signed bytes so
 * signatures are checked over what was signed.
 */
import * as asn1js from 'asn1js';
import { sha1 } from '@noble/hashes/legacy.js';
import { fnv32a } from '../cluster/hash';
import type { Ava, DistinguishedName } from './dn';
import { bigintToBytes, bytesToBigint, signSha256, verifySha256, type RsaPrivateKey, type RsaPublicKey } from './rsa';
import { fromBase64, fromPem, toBase64, toPem } from './pem';
import { PREBUILT } from './prebuilt';

export const OID_RSA_ENCRYPTION = '1.2.840.113549.1.1.1';
export const OID_SHA256_WITH_RSA = '1.2.840.113549.1.1.11';
const OID_EXT = {
  keyUsage: '2.5.29.15',
  extKeyUsage: '2.5.29.37',
  basicConstraints: '2.5.29.19',
  subjectKeyId: '2.5.29.14',
  authorityKeyId: '2.5.29.35',
  subjectAltName: '2.5.29.17',
} as const;

export const KEY_USAGE_BITS = [
  'digitalSignature',
  'nonRepudiation',
  'keyEncipherment',
  'dataEncipherment',
  'keyAgreement',
  'keyCertSign',
  'cRLSign',
  'encipherOnly',
  'decipherOnly',
] as const;
export type KeyUsageName = (typeof KEY_USAGE_BITS)[number];

export const EKU = {
  serverAuth: '1.3.6.1.5.5.7.3.1',
  clientAuth: '1.3.6.1.5.5.7.3.2',
} as const;

export type SanEntry = { dns: string } | { ip: string } | { email: string } | { uri: string };

/** The extensions the emulator writes and reads; anything else is kept as an opaque `other`. */
export type CertExtension =
  | { kind: 'keyUsage'; critical: boolean; usages: KeyUsageName[] }
  | { kind: 'extKeyUsage'; critical: boolean; oids: string[] }
  | { kind: 'basicConstraints'; critical: boolean; ca: boolean; pathLen?: number }
  | { kind: 'subjectKeyId'; critical: boolean; id: Uint8Array }
  | { kind: 'authorityKeyId'; critical: boolean; id: Uint8Array }
  | { kind: 'subjectAltName'; critical: boolean; names: SanEntry[] }
  | { kind: 'other'; critical: boolean; oid: string; value: Uint8Array };

export interface CertFields {
  /** 1 or 3 (the X.509 version, not the encoded 0 or 2). */
  version: 1 | 3;
  /** The serial's DER INTEGER content (big-endian, two's complement: positive serials may start with 00). */
  serial: Uint8Array;
  issuer: DistinguishedName;
  /** Milliseconds since the epoch. */
  notBefore: number;
  notAfter: number;
  subject: DistinguishedName;
  publicKey: RsaPublicKey;
  extensions: CertExtension[];
}

export interface ParsedCertificate extends CertFields {
  der: Uint8Array;
  tbs: Uint8Array;
  signatureAlgorithm: string;
  signature: Uint8Array;
}

export interface CsrFields {
  subject: DistinguishedName;
  publicKey: RsaPublicKey;
}

export interface ParsedCsr extends CsrFields {
  der: Uint8Array;
  info: Uint8Array;
  signatureAlgorithm: string;
  signature: Uint8Array;
  /** Whether the request carries an extensionRequest attribute (printed as Requested Extensions). */
  attributeCount: number;
}

/**
 * What this module built, by DER: reading back a certificate, request or key the emulator made
 * (nearly all of them) returns the fields it was made from instead of parsing the DER again, which
 * the schema parser makes the slow part of a command. Pure caches of pure functions.
 */
const builtCerts = new Map<string, ParsedCertificate>();
const builtCsrs = new Map<string, ParsedCsr>();
const builtKeys = new Map<string, RsaPrivateKey>();

function remember<T>(map: Map<string, T>, der: Uint8Array, value: T): void {
  if (map.size > 256) map.clear();
  map.set(toBase64(der), value);
}

const ab = (b: Uint8Array): ArrayBuffer => b.slice().buffer as ArrayBuffer;
const der = (v: asn1js.BaseBlock): Uint8Array => new Uint8Array(v.toBER(false));

/** DER INTEGER content of a non-negative number: big-endian, a leading 00 when the top bit is set. */
export function integerBytes(x: bigint): Uint8Array {
  const b = bigintToBytes(x);
  if (b.length && b[0]! & 0x80) {
    const out = new Uint8Array(b.length + 1);
    out.set(b, 1);
    return out;
  }
  return b.length ? b : Uint8Array.of(0);
}

const int = (x: bigint) => new asn1js.Integer({ valueHex: ab(integerBytes(x)) });
const intBytes = (b: Uint8Array) => new asn1js.Integer({ valueHex: ab(b) });
const oid = (o: string) => new asn1js.ObjectIdentifier({ value: o });
const seq = (...value: asn1js.BaseBlock[]) => new asn1js.Sequence({ value });
const octets = (b: Uint8Array) => new asn1js.OctetString({ valueHex: ab(b) });
const bits = (b: Uint8Array, unusedBits = 0) => new asn1js.BitString({ valueHex: ab(b), unusedBits });
/** `[n]` EXPLICIT around one value. */
const explicit = (n: number, inner: asn1js.BaseBlock) =>
  new asn1js.Constructed({ idBlock: { tagClass: 3, tagNumber: n }, value: [inner] });
/** `[n]` IMPLICIT primitive holding raw bytes. */
const implicit = (n: number, bytes: Uint8Array) =>
  new asn1js.Primitive({ idBlock: { tagClass: 3, tagNumber: n }, valueHex: ab(bytes) });

function algorithm(o: string): asn1js.Sequence {
  return seq(oid(o), new asn1js.Null());
}

/** A DER SET OF: its elements sorted by their encodings (X.690 §11.6; Go and OpenSSL both sort). */
function setOf(items: asn1js.BaseBlock[]): asn1js.Set {
  const encoded = items.map((i) => ({ i, b: der(i) }));
  encoded.sort((x, y) => {
    for (let k = 0; k < Math.min(x.b.length, y.b.length); k++) if (x.b[k] !== y.b[k]) return x.b[k]! - y.b[k]!;
    return x.b.length - y.b.length;
  });
  return new asn1js.Set({ value: encoded.map((e) => e.i) });
}

/** An INTEGER's TLV, built directly: keys are encoded on hot paths, where asn1js objects cost more than the bytes. */
function integerTlv(x: bigint): Uint8Array {
  const v = integerBytes(x);
  return tlvBytes(0x02, [v]);
}

/** A TLV of `tag` around already-encoded parts. */
function tlvBytes(tag: number, parts: Uint8Array[]): Uint8Array {
  const len = parts.reduce((n, p) => n + p.length, 0);
  const lenBytes =
    len < 0x80
      ? [len]
      : len < 0x100
        ? [0x81, len]
        : len < 0x10000
          ? [0x82, len >> 8, len & 0xff]
          : [0x83, len >> 16, (len >> 8) & 0xff, len & 0xff];
  const out = new Uint8Array(1 + lenBytes.length + len);
  out[0] = tag;
  out.set(lenBytes, 1);
  let off = 1 + lenBytes.length;
  for (const p of parts) {
    out.set(p, off);
    off += p.length;
  }
  return out;
}

/** RSAPublicKey DER (PKCS #1). */
export function rsaPublicKeyDer(key: RsaPublicKey): Uint8Array {
  return tlvBytes(0x30, [integerTlv(key.n), integerTlv(key.e)]);
}

function spki(key: RsaPublicKey): asn1js.Sequence {
  return seq(algorithm(OID_RSA_ENCRYPTION), bits(rsaPublicKeyDer(key)));
}

/** SubjectPublicKeyInfo DER (`openssl rsa -pubout`, sa.pub). */
export function spkiDer(key: RsaPublicKey): Uint8Array {
  return der(spki(key));
}

const keyIds = new WeakMap<RsaPublicKey, Uint8Array>();

/** Go's subject key identifier for a CA (Go 1.22: SHA-1 of the subjectPublicKey bits). */
export function goSubjectKeyId(key: RsaPublicKey): Uint8Array {
  let id = keyIds.get(key);
  if (!id) {
    id = sha1(rsaPublicKeyDer(key));
    keyIds.set(key, id);
  }
  return id;
}

function stringValue(a: Ava): asn1js.BaseBlock {
  if (a.tag === 'printable') return new asn1js.PrintableString({ value: a.value });
  if (a.tag === 'ia5') return new asn1js.IA5String({ value: a.value });
  return new asn1js.Utf8String({ value: a.value });
}

function encodeName(name: DistinguishedName): asn1js.Sequence {
  return seq(...name.map((rdn) => setOf(rdn.map((a) => seq(oid(a.oid), stringValue(a))))));
}

/** UTCTime for 1950–2049, GeneralizedTime otherwise (RFC 5280 §4.1.2.5; Go and OpenSSL both). */
function encodeTime(ms: number): asn1js.BaseBlock {
  const d = new Date(Math.floor(ms / 1000) * 1000);
  const y = d.getUTCFullYear();
  return y >= 1950 && y < 2050 ? new asn1js.UTCTime({ valueDate: d }) : new asn1js.GeneralizedTime({ valueDate: d });
}

/** A KeyUsage BIT STRING: bit 0 is the first usage; trailing zero bits are dropped (DER). */
function keyUsageBits(usages: KeyUsageName[]): { bytes: Uint8Array; unused: number } {
  let flags = 0;
  for (const u of usages) flags |= 1 << KEY_USAGE_BITS.indexOf(u);
  let highest = -1;
  for (let i = 0; i < 16; i++) if (flags & (1 << i)) highest = i;
  const len = Math.floor(highest / 8) + 1;
  const bytes = new Uint8Array(Math.max(len, 1));
  for (let i = 0; i <= highest; i++) if (flags & (1 << i)) bytes[i >> 3]! |= 0x80 >> (i & 7);
  return { bytes, unused: highest < 0 ? 0 : len * 8 - 1 - highest };
}

function ipBytes(ip: string): Uint8Array {
  if (!ip.includes(':')) return Uint8Array.from(ip.split('.').map(Number));
  const [head = '', tail = ''] = ip.split('::');
  const h = head ? head.split(':') : [];
  const t = tail ? tail.split(':') : [];
  const groups = ip.includes('::') ? [...h, ...Array(8 - h.length - t.length).fill('0'), ...t] : h;
  const out = new Uint8Array(16);
  groups.forEach((g, i) => {
    const v = parseInt(g || '0', 16);
    out[2 * i] = v >> 8;
    out[2 * i + 1] = v & 0xff;
  });
  return out;
}

function ipText(b: Uint8Array): string {
  if (b.length === 4) return [...b].join('.');
  const groups: string[] = [];
  for (let i = 0; i < b.length; i += 2) groups.push(((b[i]! << 8) | b[i + 1]!).toString(16));
  return groups.join(':');
}

const ascii = (s: string) => new TextEncoder().encode(s);
const text = (b: Uint8Array) => new TextDecoder().decode(b);

function extensionValue(ext: CertExtension): { id: string; value: Uint8Array } {
  switch (ext.kind) {
    case 'keyUsage': {
      const k = keyUsageBits(ext.usages);
      return { id: OID_EXT.keyUsage, value: der(bits(k.bytes, k.unused)) };
    }
    case 'extKeyUsage':
      return { id: OID_EXT.extKeyUsage, value: der(seq(...ext.oids.map(oid))) };
    case 'basicConstraints':
      return {
        id: OID_EXT.basicConstraints,
        value: der(
          seq(
            ...(ext.ca ? [new asn1js.Boolean({ value: true })] : []),
            ...(ext.pathLen !== undefined ? [int(BigInt(ext.pathLen))] : []),
          ),
        ),
      };
    case 'subjectKeyId':
      return { id: OID_EXT.subjectKeyId, value: der(octets(ext.id)) };
    case 'authorityKeyId':
      return { id: OID_EXT.authorityKeyId, value: der(seq(implicit(0, ext.id))) };
    case 'subjectAltName':
      return {
        id: OID_EXT.subjectAltName,
        value: der(
          seq(
            ...ext.names.map((n) =>
              'dns' in n
                ? implicit(2, ascii(n.dns))
                : 'ip' in n
                  ? implicit(7, ipBytes(n.ip))
                  : 'email' in n
                    ? implicit(1, ascii(n.email))
                    : implicit(6, ascii(n.uri)),
            ),
          ),
        ),
      };
    case 'other':
      return { id: ext.oid, value: ext.value };
  }
}

function encodeExtension(ext: CertExtension): asn1js.Sequence {
  const { id, value } = extensionValue(ext);
  return seq(oid(id), ...(ext.critical ? [new asn1js.Boolean({ value: true })] : []), octets(value));
}

// ---- decoding --------------------------------------------------------------------------------

type Node = asn1js.AsnType;

function parseDer(bytes: Uint8Array): Node | undefined {
  const r = asn1js.fromBER(ab(bytes));
  return r.offset === -1 || r.offset !== bytes.length ? undefined : r.result;
}

function kids(n: Node | undefined): Node[] {
  const v = (n as asn1js.Constructed | undefined)?.valueBlock?.value;
  if (!Array.isArray(v)) throw new Error('not constructed');
  return v;
}

function tagOf(n: Node): { cls: number; num: number } {
  return { cls: n.idBlock.tagClass, num: n.idBlock.tagNumber };
}

function hexView(n: Node): Uint8Array {
  return new Uint8Array((n as asn1js.Primitive).valueBlock.valueHexView);
}

function oidOf(n: Node): string {
  if (!(n instanceof asn1js.ObjectIdentifier)) throw new Error('not an OID');
  return n.valueBlock.toString();
}

function bitsOf(n: Node): { bytes: Uint8Array; unused: number } {
  if (!(n instanceof asn1js.BitString)) throw new Error('not a BIT STRING');
  return { bytes: new Uint8Array(n.valueBlock.valueHexView), unused: n.valueBlock.unusedBits };
}

function decodeName(n: Node): DistinguishedName {
  return kids(n).map((rdn) =>
    kids(rdn).map((atv): Ava => {
      const [t, v] = kids(atv);
      const tag: Ava['tag'] =
        v instanceof asn1js.PrintableString ? 'printable' : v instanceof asn1js.IA5String ? 'ia5' : 'utf8';
      return { oid: oidOf(t!), value: (v as asn1js.Utf8String).valueBlock.value, tag };
    }),
  );
}

function decodeTime(n: Node): number {
  if (n instanceof asn1js.UTCTime || n instanceof asn1js.GeneralizedTime) return n.toDate().getTime();
  throw new Error('not a time');
}

function readPublicKey(n: Node): RsaPublicKey {
  const [alg, key] = kids(n);
  if (oidOf(kids(alg)[0]!) !== OID_RSA_ENCRYPTION) throw new Error('not an RSA key');
  const rsa = parseDer(bitsOf(key!).bytes);
  const [mod, exp] = kids(rsa);
  return { n: bytesToBigint(hexView(mod!)), e: bytesToBigint(hexView(exp!)) };
}

function decodeExtension(n: Node): CertExtension {
  const parts = kids(n);
  const id = oidOf(parts[0]!);
  const critical = parts.length === 3 && (parts[1] as asn1js.Boolean).valueBlock.value;
  const value = hexView(parts[parts.length - 1]!);
  const inner = parseDer(value);
  switch (id) {
    case OID_EXT.keyUsage: {
      const b = bitsOf(inner!);
      return {
        kind: 'keyUsage',
        critical,
        usages: KEY_USAGE_BITS.filter((_, i) => (b.bytes[i >> 3] ?? 0) & (0x80 >> (i & 7))),
      };
    }
    case OID_EXT.extKeyUsage:
      return { kind: 'extKeyUsage', critical, oids: kids(inner).map(oidOf) };
    case OID_EXT.basicConstraints: {
      const items = kids(inner);
      const ca = items[0] instanceof asn1js.Boolean ? items[0].valueBlock.value : false;
      const len = items.find((i) => i instanceof asn1js.Integer) as asn1js.Integer | undefined;
      return {
        kind: 'basicConstraints',
        critical,
        ca,
        ...(len ? { pathLen: Number(bytesToBigint(hexView(len))) } : {}),
      };
    }
    case OID_EXT.subjectKeyId:
      return { kind: 'subjectKeyId', critical, id: hexView(inner!) };
    case OID_EXT.authorityKeyId: {
      const ki = kids(inner).find((k) => tagOf(k).cls === 3 && tagOf(k).num === 0);
      return { kind: 'authorityKeyId', critical, id: ki ? hexView(ki) : new Uint8Array() };
    }
    case OID_EXT.subjectAltName:
      return {
        kind: 'subjectAltName',
        critical,
        names: kids(inner).flatMap((g): SanEntry[] => {
          const { num } = tagOf(g);
          const b = hexView(g);
          return num === 2
            ? [{ dns: text(b) }]
            : num === 7
              ? [{ ip: ipText(b) }]
              : num === 1
                ? [{ email: text(b) }]
                : num === 6
                  ? [{ uri: text(b) }]
                  : [];
        }),
      };
    default:
      return { kind: 'other', critical, oid: id, value };
  }
}

/** What identifies a certificate before it is encoded: its fields and its signer (prebuilt.ts is keyed by it). */
export function certificateKey(fields: CertFields, issuerKey: RsaPublicKey): string {
  const json = JSON.stringify([fields, issuerKey.n], (_k, v) =>
    typeof v === 'bigint' ? v.toString(36) : v instanceof Uint8Array ? [...v].join('.') : v,
  );
  return `${fnv32a(json).toString(36)}-${fnv32a(`${json.length}/${json}`).toString(36)}-${json.length}`;
}

/** The TLV at `off` in DER: where its content starts and ends. */
function tlv(bytes: Uint8Array, off: number): { start: number; end: number } {
  let len = bytes[off + 1]!;
  let start = off + 2;
  if (len & 0x80) {
    const n = len & 0x7f;
    len = 0;
    for (let i = 0; i < n; i++) len = len * 256 + bytes[start + i]!;
    start += n;
  }
  return { start, end: start + len };
}

/** A certificate's parts from its DER: Certificate ::= SEQUENCE { tbsCertificate, signatureAlgorithm, BIT STRING }. */
function certificateParts(d: Uint8Array): { tbs: Uint8Array; signature: Uint8Array } {
  const outer = tlv(d, 0);
  const tbs = tlv(d, outer.start);
  const alg = tlv(d, tbs.end);
  const sig = tlv(d, alg.end);
  return { tbs: d.subarray(outer.start, tbs.end), signature: d.subarray(sig.start + 1, sig.end) };
}

function registerCertificate(fields: CertFields, d: Uint8Array): void {
  const second = (ms: number) => Math.floor(ms / 1000) * 1000;
  const { tbs, signature } = certificateParts(d);
  remember(builtCerts, d, {
    ...structuredClone(fields),
    notBefore: second(fields.notBefore),
    notAfter: second(fields.notAfter),
    der: d,
    tbs,
    signatureAlgorithm: OID_SHA256_WITH_RSA,
    signature,
  });
}

/** Encode and sign a certificate with the issuer's key. */
export function buildCertificate(fields: CertFields, issuerKey: RsaPrivateKey): Uint8Array {
  const prebuilt = PREBUILT[certificateKey(fields, issuerKey)];
  if (prebuilt) {
    const d = fromBase64(prebuilt)!;
    registerCertificate(fields, d);
    return d;
  }
  const tbs = seq(
    ...(fields.version === 3 ? [explicit(0, int(2n))] : []),
    intBytes(fields.serial),
    algorithm(OID_SHA256_WITH_RSA),
    encodeName(fields.issuer),
    seq(encodeTime(fields.notBefore), encodeTime(fields.notAfter)),
    encodeName(fields.subject),
    spki(fields.publicKey),
    ...(fields.extensions.length ? [explicit(3, seq(...fields.extensions.map(encodeExtension)))] : []),
  );
  const tbsDer = der(tbs);
  const signature = signSha256(issuerKey, tbsDer);
  const certDer = tlvBytes(0x30, [tbsDer, der(algorithm(OID_SHA256_WITH_RSA)), der(bits(signature))]);
  registerCertificate(fields, certDer);
  return certDer;
}

/** Read a certificate's DER; undefined when it is not one. */
export function parseCertificate(d: Uint8Array): ParsedCertificate | undefined {
  const built = builtCerts.get(toBase64(d));
  if (built) return built;
  try {
    const root = parseDer(d);
    const [tbsNode, alg, sig] = kids(root);
    const t = kids(tbsNode);
    let i = 0;
    let version: 1 | 3 = 1;
    if (tagOf(t[0]!).cls === 3 && tagOf(t[0]!).num === 0) {
      version = bytesToBigint(hexView(kids(t[0])[0]!)) === 2n ? 3 : 1;
      i++;
    }
    const serial = hexView(t[i++]!);
    i++; // signature algorithm
    const issuer = decodeName(t[i++]!);
    const [nb, na] = kids(t[i++]!);
    const subject = decodeName(t[i++]!);
    const publicKey = readPublicKey(t[i++]!);
    const extNode = t.slice(i).find((n) => tagOf(n).cls === 3 && tagOf(n).num === 3);
    const extensions = extNode ? kids(kids(extNode)[0]).map(decodeExtension) : [];
    return {
      version,
      serial,
      issuer,
      notBefore: decodeTime(nb!),
      notAfter: decodeTime(na!),
      subject,
      publicKey,
      extensions,
      der: d,
      tbs: new Uint8Array((tbsNode as asn1js.BaseBlock).valueBeforeDecodeView),
      signatureAlgorithm: oidOf(kids(alg)[0]!),
      signature: bitsOf(sig!).bytes,
    };
  } catch {
    return undefined;
  }
}

/** Whether `cert` was signed by the key of `issuer` (sha256WithRSAEncryption only). */
export function signedBy(cert: ParsedCertificate | ParsedCsr, issuerKey: RsaPublicKey): boolean {
  if (cert.signatureAlgorithm !== OID_SHA256_WITH_RSA) return false;
  return verifySha256(issuerKey, 'tbs' in cert ? cert.tbs : cert.info, cert.signature);
}

/** Encode and self-sign a certificate request, as `openssl req -new` does (no attributes). */
export function buildCsr(fields: CsrFields, key: RsaPrivateKey): Uint8Array {
  const infoDer = der(
    seq(
      int(0n),
      encodeName(fields.subject),
      spki(fields.publicKey),
      new asn1js.Constructed({ idBlock: { tagClass: 3, tagNumber: 0 }, value: [] }),
    ),
  );
  const signature = signSha256(key, infoDer);
  const d = tlvBytes(0x30, [infoDer, der(algorithm(OID_SHA256_WITH_RSA)), der(bits(signature))]);
  remember(builtCsrs, d, {
    ...structuredClone(fields),
    der: d,
    info: infoDer,
    signatureAlgorithm: OID_SHA256_WITH_RSA,
    signature,
    attributeCount: 0,
  });
  return d;
}

export function parseCsr(d: Uint8Array): ParsedCsr | undefined {
  const built = builtCsrs.get(toBase64(d));
  if (built) return built;
  try {
    const [infoNode, alg, sig] = kids(parseDer(d));
    const [, subject, pk, attrs] = kids(infoNode);
    return {
      subject: decodeName(subject!),
      publicKey: readPublicKey(pk!),
      der: d,
      info: new Uint8Array((infoNode as asn1js.BaseBlock).valueBeforeDecodeView),
      signatureAlgorithm: oidOf(kids(alg)[0]!),
      signature: bitsOf(sig!).bytes,
      attributeCount: attrs ? kids(attrs).length : 0,
    };
  } catch {
    return undefined;
  }
}

function privateKeyDer(key: RsaPrivateKey): Uint8Array {
  return tlvBytes(
    0x30,
    [0n, key.n, key.e, key.d, key.p, key.q, key.dp, key.dq, key.qi].map((x) => integerTlv(x)),
  );
}

/** `-----BEGIN RSA PRIVATE KEY-----` (PKCS #1: what Go's keyutil writes for kubeadm). */
export function pkcs1Pem(key: RsaPrivateKey): string {
  const d = privateKeyDer(key);
  remember(builtKeys, d, key);
  return toPem('RSA PRIVATE KEY', d);
}

/** `-----BEGIN PRIVATE KEY-----` (PKCS #8: what `openssl genrsa` writes since OpenSSL 3). */
export function pkcs8Pem(key: RsaPrivateKey): string {
  const d = der(seq(int(0n), algorithm(OID_RSA_ENCRYPTION), octets(privateKeyDer(key))));
  remember(builtKeys, d, key);
  return toPem('PRIVATE KEY', d);
}

export function publicKeyPem(key: RsaPublicKey): string {
  return toPem('PUBLIC KEY', spkiDer(key));
}

function keyFromPkcs1(d: Uint8Array): RsaPrivateKey {
  const v = kids(parseDer(d)).map((n) => bytesToBigint(hexView(n)));
  const [, n, e, dd, p, q, dp, dq, qi] = v as [bigint, bigint, bigint, bigint, bigint, bigint, bigint, bigint, bigint];
  return { n, e, d: dd, p, q, dp, dq, qi };
}

/** The RSA private key in a PEM text (PKCS #1 or PKCS #8), if there is one. */
export function readPrivateKey(pemText: string): RsaPrivateKey | undefined {
  const block = fromPem(pemText, 'RSA PRIVATE KEY', 'PRIVATE KEY');
  if (!block) return undefined;
  const built = builtKeys.get(toBase64(block.der));
  if (built) return built;
  try {
    if (block.label === 'RSA PRIVATE KEY') return keyFromPkcs1(block.der);
    const [, alg, inner] = kids(parseDer(block.der));
    if (oidOf(kids(alg)[0]!) !== OID_RSA_ENCRYPTION) return undefined;
    return keyFromPkcs1(hexView(inner!));
  } catch {
    return undefined;
  }
}

/** The first certificate in a PEM text. */
export function readCertificate(pemText: string): ParsedCertificate | undefined {
  const block = fromPem(pemText, 'CERTIFICATE');
  return block ? parseCertificate(block.der) : undefined;
}

/** The first certificate request in a PEM text (`NEW CERTIFICATE REQUEST` too, as OpenSSL accepts it). */
export function readCsr(pemText: string): ParsedCsr | undefined {
  const block = fromPem(pemText, 'CERTIFICATE REQUEST', 'NEW CERTIFICATE REQUEST');
  return block ? parseCsr(block.der) : undefined;
}

export function certificatePem(d: Uint8Array): string {
  return toPem('CERTIFICATE', d);
}

export function csrPem(d: Uint8Array): string {
  return toPem('CERTIFICATE REQUEST', d);
}
