/**
 * `openssl` (OpenSSL 3.0): the subcommands a Kubernetes user types to make and inspect keys and
 * certificates: genrsa, req (-new, -in), x509 (-in, -req -CA), verify, rsa and version. Files are real
 * PEM (pki/x509.ts), so what this prints, kubectl and the API server read, and the other way round.
 * Texts and exit codes are OpenSSL 3.0.19's (../shared/reference and pki/testdata); the hex thread
 * id that starts OpenSSL's error lines is drawn from the command line here.
 */
import type { CommandContext, CommandSpec } from '../shell/types';
import { resolvePath } from '../shell/vfs';
import { podImage } from '../shell/location';
import { imageHasTool } from '../apps/registry';
import { fnv32a } from '../cluster/hash';
import { learnerKey } from '../pki/keys';
import { parseSubj } from '../pki/dn';
import {
  integerBytes,
  buildCertificate,
  buildCsr,
  certificatePem,
  csrPem,
  pkcs1Pem,
  pkcs8Pem,
  publicKeyPem,
  readCertificate,
  readCsr,
  readPrivateKey,
  signedBy,
  type ParsedCertificate,
} from '../pki/x509';
import { fromPem } from '../pki/pem';
import {
  certificateText,
  csrText,
  fingerprintLine,
  formatName,
  modulusLine,
  opensslDate,
  privateKeyText,
  serialLine,
  type NameFormat,
} from '../pki/text';
import { sameKey, bytesToBigint } from '../pki/rsa';

/** One OpenSSL option: its name without the dash, and whether it takes a value. */
interface Opt {
  name: string;
  value?: boolean;
}

type Parsed = { opts: Array<{ name: string; value?: string }>; args: string[] };

class OpensslExit extends Error {
  constructor(readonly code: number) {
    super(`exit ${code}`);
  }
}

/** OpenSSL's option parser: `-name` or `--name`, values as the next word. */
function parse(ctx: CommandContext, sub: string, argv: string[], known: Opt[], unknown: (o: string) => string): Parsed {
  const out: Parsed = { opts: [], args: [] };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a.startsWith('-') && a.length > 1) {
      const name = a.replace(/^--?/, '');
      const def = known.find((o) => o.name === name);
      if (!def) {
        ctx.stderr.write(unknown(name));
        throw new OpensslExit(1);
      }
      if (def.value) {
        if (i + 1 >= argv.length) {
          ctx.stderr.write(`${sub}: Option -${name} needs a value\n${sub}: Use -help for summary.\n`);
          throw new OpensslExit(1);
        }
        out.opts.push({ name, value: argv[++i]! });
      } else out.opts.push({ name });
      continue;
    }
    out.args.push(a);
  }
  return out;
}

const has = (p: Parsed, name: string) => p.opts.some((o) => o.name === name);
const val = (p: Parsed, name: string) => [...p.opts].reverse().find((o) => o.name === name)?.value;

/** The thread id OpenSSL puts before its error lines (`40578476787F0000`), stable for one command line. */
function tid(ctx: CommandContext): string {
  const h = fnv32a(`${ctx.emulator.clock.now()}/${ctx.argv.join(' ')}`);
  return `40${h.toString(16).toUpperCase().padStart(8, '0')}7F0000`;
}

function notEmulated(ctx: CommandContext, what: string, why = ''): never {
  ctx.stderr.write(`netlab: openssl ${what} is not emulated${why ? ` (${why})` : ''}\n`);
  throw new OpensslExit(1);
}

function readFile(ctx: CommandContext, path: string): string | undefined {
  const abs = resolvePath(ctx.cwd, path);
  if (ctx.emulator.files.stat(ctx.location, abs)?.type !== 'file') return undefined;
  const r = ctx.emulator.files.read(ctx.location, abs);
  return typeof r === 'string' ? r : undefined;
}

function writeOut(ctx: CommandContext, path: string | undefined, text: string, sub: string): void {
  if (path === undefined) {
    ctx.stdout.write(text);
    return;
  }
  const err = ctx.emulator.files.write(ctx.location, resolvePath(ctx.cwd, path), text);
  if (err) {
    const reason =
      err === 'ENOENT' ? 'No such file or directory' : err === 'EISDIR' ? 'Is a directory' : 'Permission denied';
    ctx.stderr.write(
      `${sub}: Can't open "${path}" for writing, ${reason}\n` +
        `${tid(ctx)}:error:80000002:system library:BIO_new_file:${reason}:../crypto/bio/bss_file.c:67:calling fopen(${path}, w)\n` +
        `${tid(ctx)}:error:10000080:BIO routines:BIO_new_file:no such file:../crypto/bio/bss_file.c:75:\n`,
    );
    throw new OpensslExit(1);
  }
}

/** `Could not open file or uri for loading WHAT from PATH` and the two store errors OpenSSL adds. */
function cannotOpen(ctx: CommandContext, what: string, path: string): string {
  const t = tid(ctx);
  return (
    `Could not open file or uri for loading ${what} from ${path}\n` +
    `${t}:error:16000069:STORE routines:ossl_store_get0_loader_int:unregistered scheme:../crypto/store/store_register.c:237:scheme=file\n` +
    `${t}:error:80000002:system library:file_open:No such file or directory:../providers/implementations/storemgmt/file_store.c:266:calling stat(${path})\n`
  );
}

/** What OpenSSL prints when a file holds no certificate (a request, a key, garbage). */
function notACertificate(ctx: CommandContext, from: string): string {
  const t = tid(ctx);
  const decoder = `${t}:error:1E08010C:DECODER routines:OSSL_DECODER_from_bio:unsupported:../crypto/encode_decode/decoder_lib.c:103:No supported data to decode. Input structure: Certificate\n`;
  const store = `${t}:error:1608010C:STORE routines:ossl_store_handle_load_result:unsupported:../crypto/store/store_result.c:149:\n`;
  return `Could not read certificate from ${from}\n` + (decoder + store + store).repeat(4) + decoder;
}

/** Load a certificate from `-in` (or standard input), printing OpenSSL's errors on failure. */
function loadCertificate(ctx: CommandContext, path: string | undefined, finalLine: string): ParsedCertificate {
  const text = path === undefined ? ctx.stdin : readFile(ctx, path);
  if (text === undefined) {
    ctx.stderr.write(cannotOpen(ctx, 'certificate', path!) + finalLine);
    throw new OpensslExit(1);
  }
  const cert = readCertificate(text);
  if (!cert) {
    ctx.stderr.write(notACertificate(ctx, path ?? '<stdin>') + finalLine);
    throw new OpensslExit(1);
  }
  return cert;
}

function loadKey(ctx: CommandContext, path: string, what = 'private key') {
  const text = readFile(ctx, path);
  if (text === undefined) {
    ctx.stderr.write(cannotOpen(ctx, what, path));
    throw new OpensslExit(1);
  }
  const key = readPrivateKey(text);
  if (!key) {
    ctx.stderr.write(`Could not read ${what} from ${path}\n`);
    throw new OpensslExit(1);
  }
  return key;
}

function nameFormat(p: Parsed): NameFormat {
  const n = val(p, 'nameopt');
  return n && n.toLowerCase() === 'rfc2253' ? 'rfc2253' : 'oneline';
}

// ---- genrsa ---------------------------------------------------------------------------------

function genrsa(ctx: CommandContext, argv: string[]): number {
  const p = parse(
    ctx,
    'genrsa',
    argv,
    [{ name: 'out', value: true }, { name: 'traditional' }, { name: 'verbose' }, { name: 'quiet' }],
    (o) =>
      // genrsa takes any -CIPHER to encrypt the key, so an unknown option reads as a cipher name.
      `genrsa: Unknown cipher: ${o}\n${tid(ctx)}:error:0308010C:digital envelope routines:inner_evp_generic_fetch:unsupported:../crypto/evp/evp_fetch.c:386:Global default library context, Algorithm (${o} : 0), Properties (<null>)\n`,
  );
  if (p.args.length > 1) {
    ctx.stderr.write('genrsa: Extra arguments given.\ngenrsa: Use -help for summary.\n');
    return 1;
  }
  const bitsArg = p.args[0];
  if (bitsArg !== undefined && !/^\d+$/.test(bitsArg)) {
    ctx.stderr.write(`genrsa: Can't parse "${bitsArg}" as a number\ngenrsa: Use -help for summary.\n`);
    return 1;
  }
  const bits = bitsArg === undefined ? 2048 : Number(bitsArg);
  if (bits !== 2048) notEmulated(ctx, `genrsa ${bits}`, 'only 2048-bit keys are');
  if (has(p, 'verbose')) notEmulated(ctx, 'genrsa -verbose');
  const emu = ctx.emulator;
  const key = learnerKey(emu.seed, emu.keyDraws);
  emu.keyDraws++;
  writeOut(ctx, val(p, 'out'), has(p, 'traditional') ? pkcs1Pem(key) : pkcs8Pem(key), 'genrsa');
  return 0;
}

// ---- req ------------------------------------------------------------------------------------

const REQ_OPTS: Opt[] = [
  { name: 'new' },
  { name: 'key', value: true },
  { name: 'subj', value: true },
  { name: 'out', value: true },
  { name: 'in', value: true },
  { name: 'noout' },
  { name: 'text' },
  { name: 'subject' },
  { name: 'verify' },
  { name: 'pubkey' },
  { name: 'modulus' },
  { name: 'nameopt', value: true },
  { name: 'sha256' },
  { name: 'batch' },
  { name: 'x509' },
  { name: 'newkey', value: true },
  { name: 'nodes' },
  { name: 'noenc' },
  { name: 'keyout', value: true },
  { name: 'days', value: true },
  { name: 'config', value: true },
  { name: 'addext', value: true },
];

function req(ctx: CommandContext, argv: string[]): number {
  const p = parse(
    ctx,
    'req',
    argv,
    REQ_OPTS,
    (o) => `req: Unknown option or message digest: ${o}\nreq: Use -help for summary.\n`,
  );
  for (const o of ['x509', 'newkey', 'keyout', 'config', 'addext', 'days'])
    if (has(p, o)) notEmulated(ctx, `req -${o}`);
  if (p.args.length) {
    ctx.stderr.write('req: Extra arguments given.\nreq: Use -help for summary.\n');
    return 1;
  }
  let csrText_: string;
  let csr;
  if (has(p, 'new')) {
    const keyPath = val(p, 'key');
    if (!keyPath) notEmulated(ctx, 'req -new without -key', 'make the key with openssl genrsa first');
    const subj = val(p, 'subj');
    if (subj === undefined)
      notEmulated(ctx, 'req -new without -subj', 'its interactive questions; give the name with -subj');
    const key = loadKey(ctx, keyPath);
    const name = parseSubj(subj);
    if (!name.ok) {
      ctx.stderr.write(`req: ${name.error}\n`);
      return 1;
    }
    for (const w of name.warnings) ctx.stderr.write(`req warning: ${w}\n`);
    csrText_ = csrPem(buildCsr({ subject: name.name, publicKey: key }, key));
    csr = readCsr(csrText_)!;
  } else {
    const inPath = val(p, 'in');
    const text = inPath === undefined ? ctx.stdin : readFile(ctx, inPath);
    if (text === undefined) {
      const t = tid(ctx);
      ctx.stderr.write(
        `Can't open "${inPath}" for reading, No such file or directory\n` +
          `${t}:error:80000002:system library:BIO_new_file:No such file or directory:../crypto/bio/bss_file.c:67:calling fopen(${inPath}, r)\n` +
          `${t}:error:10000080:BIO routines:BIO_new_file:no such file:../crypto/bio/bss_file.c:75:\n` +
          'Unable to load X509 request\n',
      );
      return 1;
    }
    const parsed = readCsr(text);
    if (!parsed) {
      ctx.stderr.write(
        `Unable to load X509 request\n${tid(ctx)}:error:0480006C:PEM routines:get_name:no start line:../crypto/pem/pem_lib.c:760:Expecting: CERTIFICATE REQUEST\n`,
      );
      return 1;
    }
    csr = parsed;
    csrText_ = csrPem(parsed.der);
  }
  if (has(p, 'verify')) {
    if (signedBy(csr, csr.publicKey)) ctx.stderr.write('Certificate request self-signature verify OK\n');
    else {
      ctx.stderr.write('Certificate request self-signature verify failure\n');
      return 1;
    }
  }
  let out = '';
  if (has(p, 'pubkey')) out += publicKeyPem(csr.publicKey);
  if (has(p, 'text')) out += csrText(csr, nameFormat(p));
  if (has(p, 'subject')) out += `subject=${formatName(csr.subject, nameFormat(p))}\n`;
  if (has(p, 'modulus')) out += modulusLine(csr.publicKey);
  if (!has(p, 'noout')) out += csrText_;
  if (out || val(p, 'out') !== undefined) writeOut(ctx, val(p, 'out'), out, 'req');
  return 0;
}

// ---- x509 -----------------------------------------------------------------------------------

const X509_PRINTS = [
  'text',
  'subject',
  'issuer',
  'dates',
  'startdate',
  'enddate',
  'serial',
  'fingerprint',
  'modulus',
  'pubkey',
];
const X509_OPTS: Opt[] = [
  { name: 'in', value: true },
  { name: 'out', value: true },
  { name: 'noout' },
  ...X509_PRINTS.map((name) => ({ name })),
  { name: 'sha1' },
  { name: 'sha256' },
  { name: 'nameopt', value: true },
  { name: 'req' },
  { name: 'CA', value: true },
  { name: 'CAkey', value: true },
  { name: 'CAcreateserial' },
  { name: 'CAserial', value: true },
  { name: 'set_serial', value: true },
  { name: 'days', value: true },
  { name: 'signkey', value: true },
  { name: 'extfile', value: true },
  { name: 'extensions', value: true },
  { name: 'ext', value: true },
  { name: 'inform', value: true },
  { name: 'outform', value: true },
];

/** `ca.crt` → `ca.srl`: the serial file OpenSSL keeps beside the CA certificate. */
function serialFileFor(caPath: string): string {
  const slash = caPath.lastIndexOf('/');
  const dot = caPath.lastIndexOf('.');
  return (dot > slash ? caPath.slice(0, dot) : caPath) + '.srl';
}

/** A random positive 159-bit serial (OpenSSL's rand_serial), drawn from the emulator's random stream. */
function randomSerial(ctx: CommandContext): bigint {
  let v = 0n;
  for (let i = 0; i < 5; i++) v = (v << 32n) | BigInt(Math.floor(ctx.emulator.rng.next() * 0x100000000));
  return v >> 1n;
}

function x509(ctx: CommandContext, argv: string[]): number {
  const p = parse(
    ctx,
    'x509',
    argv,
    X509_OPTS,
    (o) => `x509: Unknown option or message digest: ${o}\nx509: Use -help for summary.\n`,
  );
  for (const o of ['signkey', 'extfile', 'extensions', 'ext', 'inform', 'outform'])
    if (has(p, o)) notEmulated(ctx, `x509 -${o}`);
  if (p.args.length) {
    ctx.stderr.write('x509: Extra arguments given.\nx509: Use -help for summary.\n');
    return 1;
  }
  let cert: ParsedCertificate;
  let pem: string;
  if (has(p, 'req')) {
    const inPath = val(p, 'in');
    const text = inPath === undefined ? ctx.stdin : readFile(ctx, inPath);
    if (text === undefined) {
      ctx.stderr.write(cannotOpen(ctx, 'certificate request', inPath!) + 'Unable to load certificate request input\n');
      return 1;
    }
    const csr = readCsr(text);
    if (!csr) {
      ctx.stderr.write(`Unable to load certificate request input\n`);
      return 1;
    }
    if (!signedBy(csr, csr.publicKey)) {
      ctx.stderr.write('Certificate request self-signature did not match the contents\n');
      return 1;
    }
    ctx.stderr.write(`Certificate request self-signature ok\nsubject=${formatName(csr.subject, nameFormat(p))}\n`);
    const caPath = val(p, 'CA');
    if (!caPath) notEmulated(ctx, 'x509 -req without -CA');
    const ca = loadCertificate(ctx, caPath, 'Unable to load CA certificate\n');
    const caKeyPath = val(p, 'CAkey') ?? caPath;
    const caKeyText = readFile(ctx, caKeyPath);
    const caKey = caKeyText === undefined ? undefined : readPrivateKey(caKeyText);
    if (!caKey) {
      ctx.stderr.write(
        caKeyText === undefined
          ? cannotOpen(ctx, 'CA private key', caKeyPath)
          : `Could not read CA private key from ${caKeyPath}\n`,
      );
      return 1;
    }
    if (!sameKey(caKey, ca.publicKey)) {
      ctx.stderr.write(
        `CA certificate and CA private key do not match\n${tid(ctx)}:error:05800074:x509 certificate routines:X509_check_private_key:key values mismatch:../crypto/x509/x509_cmp.c:403:\n`,
      );
      return 1;
    }
    // The serial: -set_serial, else the next one in the CA's serial file (created with -CAcreateserial), else random.
    let serial: bigint;
    const setSerial = val(p, 'set_serial');
    const srlPath = val(p, 'CAserial') ?? serialFileFor(caPath);
    const srl = readFile(ctx, srlPath);
    if (setSerial !== undefined) serial = BigInt(setSerial);
    else if (srl !== undefined && /^[0-9A-Fa-f]+\s*$/.test(srl)) serial = BigInt('0x' + srl.trim()) + 1n;
    else serial = randomSerial(ctx);
    if (setSerial === undefined && (srl !== undefined || has(p, 'CAcreateserial') || has(p, 'CAserial')))
      writeOut(ctx, srlPath, serial.toString(16).toUpperCase().padStart(2, '0') + '\n', 'x509');
    const days = Number(val(p, 'days') ?? 30);
    const now = Math.floor(ctx.emulator.clock.now() / 1000) * 1000;
    const der = buildCertificate(
      {
        version: 1,
        serial: integerBytes(serial),
        issuer: ca.subject,
        subject: csr.subject,
        notBefore: now,
        notAfter: now + days * 86_400_000,
        publicKey: csr.publicKey,
        extensions: [],
      },
      caKey,
    );
    pem = certificatePem(der);
    cert = readCertificate(pem)!;
  } else {
    cert = loadCertificate(ctx, val(p, 'in'), 'Unable to load certificate\n');
    pem = certificatePem(cert.der);
  }
  const fmt = nameFormat(p);
  const digest = has(p, 'sha256') ? 'sha256' : 'sha1';
  let out = '';
  let fingerprinted = false;
  // Printing options print in the order they were given.
  for (const o of p.opts) {
    switch (o.name) {
      case 'text':
        out += certificateText(cert, fmt);
        break;
      case 'subject':
        out += `subject=${formatName(cert.subject, fmt)}\n`;
        break;
      case 'issuer':
        out += `issuer=${formatName(cert.issuer, fmt)}\n`;
        break;
      case 'dates':
        out += `notBefore=${opensslDate(cert.notBefore)}\nnotAfter=${opensslDate(cert.notAfter)}\n`;
        break;
      case 'startdate':
        out += `notBefore=${opensslDate(cert.notBefore)}\n`;
        break;
      case 'enddate':
        out += `notAfter=${opensslDate(cert.notAfter)}\n`;
        break;
      case 'serial':
        out += serialLine(cert.serial);
        break;
      case 'fingerprint':
        if (!fingerprinted) out += fingerprintLine(cert.der, digest);
        fingerprinted = true;
        break;
      case 'modulus':
        out += modulusLine(cert.publicKey);
        break;
      case 'pubkey':
        out += publicKeyPem(cert.publicKey);
        break;
    }
  }
  if (!has(p, 'noout')) out += pem;
  if (out || val(p, 'out') !== undefined) writeOut(ctx, val(p, 'out'), out, 'x509');
  return 0;
}

// ---- verify ---------------------------------------------------------------------------------

/** Why OpenSSL would refuse `cert` against the CAs (X509_V_ERR_* number and text), or undefined when it verifies. */
function verifyError(cert: ParsedCertificate, cas: ParsedCertificate[], now: number): [number, string] | undefined {
  const same = (a: ParsedCertificate['subject'], b: ParsedCertificate['subject']) =>
    JSON.stringify(a.map((r) => r.map((x) => [x.oid, x.value]))) ===
    JSON.stringify(b.map((r) => r.map((x) => [x.oid, x.value])));
  const aki = cert.extensions.find((e) => e.kind === 'authorityKeyId');
  const issuers = cas.filter((ca) => {
    if (!same(ca.subject, cert.issuer)) return false;
    const ski = ca.extensions.find((e) => e.kind === 'subjectKeyId');
    return !aki || !ski || bytesToBigint(aki.id) === bytesToBigint(ski.id);
  });
  if (!issuers.length) {
    const selfSigned = same(cert.subject, cert.issuer) && signedBy(cert, cert.publicKey);
    return selfSigned ? [18, 'self-signed certificate'] : [20, 'unable to get local issuer certificate'];
  }
  if (!issuers.some((ca) => signedBy(cert, ca.publicKey))) return [7, 'certificate signature failure'];
  if (now < cert.notBefore) return [9, 'certificate is not yet valid'];
  if (now > cert.notAfter) return [10, 'certificate has expired'];
  return undefined;
}

function verify(ctx: CommandContext, argv: string[]): number {
  const p = parse(
    ctx,
    'verify',
    argv,
    [
      { name: 'CAfile', value: true },
      { name: 'nameopt', value: true },
    ],
    (o) => `verify: Unknown option: -${o}\nverify: Use -help for summary.\n`,
  );
  const cas: ParsedCertificate[] = [];
  const caPath = val(p, 'CAfile');
  if (caPath !== undefined) {
    const text = readFile(ctx, caPath);
    if (text === undefined) {
      ctx.stderr.write(`Error loading file ${caPath}\n`);
      return 2;
    }
    for (const b of [fromPem(text, 'CERTIFICATE')]) if (b) cas.push(readCertificate(text)!);
  }
  const now = ctx.emulator.clock.now();
  const files = p.args.length ? p.args : [undefined];
  let code = 0;
  for (const f of files) {
    const text = f === undefined ? ctx.stdin : readFile(ctx, f);
    const cert = text === undefined ? undefined : readCertificate(text);
    if (!cert) {
      ctx.stderr.write(
        (text === undefined ? cannotOpen(ctx, 'certificate file', f!) : notACertificate(ctx, f ?? 'stdin')) +
          'Unable to load certificate file\n',
      );
      code = 2;
      continue;
    }
    const err = verifyError(cert, cas, now);
    if (!err) {
      ctx.stdout.write(`${f ?? 'stdin'}: OK\n`);
      continue;
    }
    ctx.stderr.write(
      `${formatName(cert.subject, nameFormat(p))}\nerror ${err[0]} at 0 depth lookup: ${err[1]}\nerror ${f ?? 'stdin'}: verification failed\n`,
    );
    code = 2;
  }
  return code;
}

// ---- rsa ------------------------------------------------------------------------------------

function rsa(ctx: CommandContext, argv: string[]): number {
  const p = parse(
    ctx,
    'rsa',
    argv,
    [
      { name: 'in', value: true },
      { name: 'out', value: true },
      { name: 'noout' },
      { name: 'text' },
      { name: 'modulus' },
      { name: 'check' },
      { name: 'pubout' },
      { name: 'traditional' },
    ],
    (o) => `rsa: Unknown cipher: ${o}\nrsa: Use -help for summary.\n`,
  );
  const inPath = val(p, 'in');
  let key;
  if (inPath === undefined) {
    key = readPrivateKey(ctx.stdin);
    if (!key) {
      ctx.stderr.write('Could not read private key from <stdin>\n');
      return 1;
    }
  } else key = loadKey(ctx, inPath);
  let out = '';
  if (has(p, 'text')) out += privateKeyText(key);
  if (has(p, 'modulus')) out += modulusLine(key);
  if (has(p, 'check')) out += 'RSA key ok\n';
  if (!has(p, 'noout')) {
    ctx.stderr.write('writing RSA key\n');
    out += has(p, 'pubout') ? publicKeyPem(key) : has(p, 'traditional') ? pkcs1Pem(key) : pkcs8Pem(key);
  }
  if (out || val(p, 'out') !== undefined) writeOut(ctx, val(p, 'out'), out, 'rsa');
  return 0;
}

// ---- the command ----------------------------------------------------------------------------

/** OpenSSL as Ubuntu 24.04 (the learner's machine) and Debian bookworm (kind nodes) ship it. */
function versionLine(ctx: CommandContext): string {
  return ctx.location.kind === 'host'
    ? 'OpenSSL 3.0.13 30 Jan 2024 (Library: OpenSSL 3.0.13 30 Jan 2024)\n'
    : 'OpenSSL 3.0.15 3 Sep 2024 (Library: OpenSSL 3.0.15 3 Sep 2024)\n';
}

const SUBCOMMANDS: Record<string, (ctx: CommandContext, argv: string[]) => number> = {
  genrsa,
  req,
  x509,
  verify,
  rsa,
  version: (ctx) => {
    ctx.stdout.write(versionLine(ctx));
    return 0;
  },
};

/** OpenSSL's other standard commands: they exist, but the emulator does not run them. */
const OTHER_COMMANDS = [
  'asn1parse',
  'ca',
  'ciphers',
  'dgst',
  'enc',
  'genpkey',
  'pkey',
  'pkcs12',
  'rand',
  's_client',
  's_server',
  'base64',
];

export const opensslCommand: CommandSpec = {
  name: 'openssl',
  summary: 'OpenSSL command line tool (genrsa, req, x509, verify, rsa)',
  usage: 'openssl genrsa|req|x509|verify|rsa|version [options]',
  availableIn: ({ emulator, location }) => {
    if (location.kind === 'host' || location.kind === 'node') return true;
    const image = podImage(emulator, location);
    return !!image && imageHasTool(image, 'openssl');
  },
  subcommands: [...Object.keys(SUBCOMMANDS)],
  run(ctx) {
    const [, sub, ...rest] = ctx.argv;
    if (sub === undefined) {
      ctx.stderr.write('netlab: openssl without a command (its interactive prompt) is not emulated\n');
      return 1;
    }
    const run = SUBCOMMANDS[sub];
    if (!run) {
      if (OTHER_COMMANDS.includes(sub)) {
        ctx.stderr.write(`netlab: openssl ${sub} is not emulated\n`);
        return 1;
      }
      ctx.stderr.write(`Invalid command '${sub}'; type "help" for a list.\n`);
      return 1;
    }
    try {
      return run(ctx, rest);
    } catch (e) {
      if (e instanceof OpensslExit) return e.code;
      throw e;
    }
  },
};
