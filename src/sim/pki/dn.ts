/**
 * Distinguished names: the `-subj /CN=dev/O=devs` syntax of `openssl req`, the one-line form
 * OpenSSL 3 prints (`CN = dev, O = devs`, its default `-nameopt oneline`), RFC 2253
 * (`O=devs,CN=dev`), and Go's pkix.Name ordering, which the Kubernetes CSR signer uses when it
 * copies a request's subject into the certificate (C, ST, L, street, postal code, O, OU, CN).
 */

/** One attribute of a name: its OID and value, and the ASN.1 string type it is encoded as. */
export interface Ava {
  oid: string;
  value: string;
  tag: 'utf8' | 'printable' | 'ia5';
}

/** A name is a sequence of RDNs; an RDN is a set of one or more attributes (`CN=a+O=b`). */
export type Rdn = Ava[];
export type DistinguishedName = Rdn[];

export const OID = {
  commonName: '2.5.4.3',
  countryName: '2.5.4.6',
  localityName: '2.5.4.7',
  stateOrProvinceName: '2.5.4.8',
  streetAddress: '2.5.4.9',
  organizationName: '2.5.4.10',
  organizationalUnitName: '2.5.4.11',
  postalCode: '2.5.4.17',
  serialNumber: '2.5.4.5',
  emailAddress: '1.2.840.113549.1.9.1',
} as const;

/** OpenSSL's short names (obj_dat.h), as `-subj` accepts them and the one-line form prints them. */
const SHORT_NAMES: [string, string][] = [
  ['CN', OID.commonName],
  ['C', OID.countryName],
  ['L', OID.localityName],
  ['ST', OID.stateOrProvinceName],
  ['street', OID.streetAddress],
  ['O', OID.organizationName],
  ['OU', OID.organizationalUnitName],
  ['postalCode', OID.postalCode],
  ['serialNumber', OID.serialNumber],
  ['emailAddress', OID.emailAddress],
];

export function shortName(oid: string): string {
  return SHORT_NAMES.find(([, o]) => o === oid)?.[0] ?? oid;
}

function oidOf(name: string): string | undefined {
  return SHORT_NAMES.find(([n]) => n === name)?.[1];
}

export type SubjParse = { ok: true; name: DistinguishedName; warnings: string[] } | { ok: false; error: string };

/**
 * `-subj` as openssl req parses it (apps/lib/apps.c parse_name): `/type=value` pairs, `+` joining
 * attributes into one RDN, `\` escaping the next character. Unknown types and empty values are
 * skipped with a warning; values are UTF8String (the default string_mask utf8only), except
 * emailAddress, which is IA5String.
 */
export function parseSubj(text: string): SubjParse {
  if (!text.startsWith('/')) {
    return {
      ok: false,
      error: `subject name is expected to be in the format /type0=value0/type1=value1/type2=... where characters may be escaped by \\. This name is not in that format: '${text}'`,
    };
  }
  const name: DistinguishedName = [];
  const warnings: string[] = [];
  let i = 1;
  let joinNext = false;
  while (i < text.length) {
    let type = '';
    while (i < text.length && text[i] !== '=') {
      if (text[i] === '\\' && i + 1 < text.length) i++;
      type += text[i++];
    }
    if (i >= text.length) return { ok: false, error: `Hit end of string before finding the '='` };
    i++;
    let value = '';
    let sep = '';
    while (i < text.length) {
      const c = text[i]!;
      if (c === '\\' && i + 1 < text.length) {
        value += text[i + 1];
        i += 2;
        continue;
      }
      if (c === '/' || c === '+') {
        sep = c;
        i++;
        break;
      }
      value += c;
      i++;
    }
    const oid = oidOf(type);
    const joined = joinNext;
    joinNext = sep === '+';
    if (!oid) {
      warnings.push(`Skipping unknown subject name attribute "${type}"`);
      continue;
    }
    if (value === '') {
      warnings.push(`No value provided for subject name attribute "${type}", skipped`);
      continue;
    }
    const ava: Ava = { oid, value, tag: oid === OID.emailAddress ? 'ia5' : 'utf8' };
    if (joined && name.length) name[name.length - 1]!.push(ava);
    else name.push([ava]);
  }
  return { ok: true, name, warnings };
}

/** Characters that make OpenSSL quote a value in the one-line form (ASN1_STRFLGS_ESC_2253 + ESC_QUOTE). */
const RFC2253_SPECIAL = /[,+"\\<>;]/;

function onelineValue(v: string): string {
  if (RFC2253_SPECIAL.test(v) || v.startsWith(' ') || v.startsWith('#') || v.endsWith(' '))
    return `"${v.replace(/(["\\])/g, '\\$1')}"`;
  return v;
}

/** `CN = dev, O = devs` (OpenSSL 3's default -nameopt oneline), in the name's own order. */
export function formatOneline(name: DistinguishedName): string {
  return name.map((rdn) => rdn.map((a) => `${shortName(a.oid)} = ${onelineValue(a.value)}`).join(' + ')).join(', ');
}

function rfc2253Value(v: string): string {
  let s = v.replace(/([,+"\\<>;])/g, '\\$1');
  if (s.startsWith(' ') || s.startsWith('#')) s = '\\' + s;
  if (s.endsWith(' ')) s = s.slice(0, -1) + '\\ ';
  return s;
}

/** `O=devs,CN=dev` (-nameopt RFC2253: last RDN first). */
export function formatRfc2253(name: DistinguishedName): string {
  return [...name]
    .reverse()
    .map((rdn) => rdn.map((a) => `${shortName(a.oid)}=${rfc2253Value(a.value)}`).join('+'))
    .join(',');
}

/** The values of one attribute type in a name, in order (`O` gives a certificate's groups). */
export function valuesOf(name: DistinguishedName, oid: string): string[] {
  return name.flatMap((rdn) => rdn.filter((a) => a.oid === oid).map((a) => a.value));
}

/** Go's asn1 isPrintable (with the '*' and '&' it tolerates off): whether a value encodes as PrintableString. */
function isPrintable(s: string): boolean {
  return /^[A-Za-z0-9 '()+,\-./:=?]*$/.test(s);
}

const GO_ORDER = [
  OID.countryName,
  OID.stateOrProvinceName,
  OID.localityName,
  OID.streetAddress,
  OID.postalCode,
  OID.organizationName,
  OID.organizationalUnitName,
];

/**
 * The name Go's crypto/x509 writes for a pkix.Name (Name.ToRDNSequence): one RDN per attribute type
 * holding all its values, C, ST, L, street, postal code, O, OU, then CN and serialNumber (the last of each, as FillFromRDNSequence keeps); strings are
 * PrintableString when they fit, else UTF8String. Other attribute types are dropped (Go keeps them
 * only in Names, not in what it marshals).
 */
export function goName(input: DistinguishedName): DistinguishedName {
  const str = (value: string): Ava['tag'] => (isPrintable(value) ? 'printable' : 'utf8');
  const out: DistinguishedName = [];
  for (const oid of GO_ORDER) {
    const values = valuesOf(input, oid);
    if (values.length) out.push(values.map((value) => ({ oid, value, tag: str(value) })));
  }
  const cn = valuesOf(input, OID.commonName).at(-1);
  if (cn) out.push([{ oid: OID.commonName, value: cn, tag: str(cn) }]);
  const serial = valuesOf(input, OID.serialNumber).at(-1);
  if (serial) out.push([{ oid: OID.serialNumber, value: serial, tag: str(serial) }]);
  return out;
}

/** A name of CN and O values, the way kubeadm (Go) writes it. */
export function goSubject(commonName: string, organizations: string[] = []): DistinguishedName {
  return goName([
    ...organizations.map((o): Rdn => [{ oid: OID.organizationName, value: o, tag: 'utf8' }]),
    [{ oid: OID.commonName, value: commonName, tag: 'utf8' }],
  ]);
}
