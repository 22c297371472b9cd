/**
 * The printers against OpenSSL 3.0.19 itself. testdata/ holds certificates, a request and keys
 * (the cluster's, made by this code, and dev-openssl.crt, made by `openssl x509 -req` from dev.csr
 * with ca.key), and beside each the text the real `openssl x509|req|rsa -noout -text` printed for it.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { certificateText, csrText, fingerprintLine, formatName, modulusLine, privateKeyText, serialLine } from './text';
import { readCertificate, readCsr, readPrivateKey, signedBy } from './x509';
import { opensslDate } from './text';

const data = (f: string) => readFileSync(new URL(`./testdata/${f}`, import.meta.url), 'utf8');

describe('openssl -text', () => {
  for (const name of ['ca', 'apiserver', 'etcd-server', 'admin', 'dev-openssl']) {
    it(`prints ${name}.crt as openssl x509 -noout -text does`, () => {
      expect(certificateText(readCertificate(data(`${name}.crt`))!)).toBe(data(`${name}.crt.text`));
    });
  }

  it('prints a certificate request as openssl req -noout -text does', () => {
    expect(csrText(readCsr(data('dev.csr'))!)).toBe(data('dev.csr.text'));
  });

  it('prints PKCS #8 and PKCS #1 keys as openssl rsa -noout -text does', () => {
    expect(privateKeyText(readPrivateKey(data('dev.key'))!)).toBe(data('dev.key.text'));
    expect(privateKeyText(readPrivateKey(data('ca.key'))!)).toBe(data('ca.key.text'));
  });
});

describe('openssl x509 fields', () => {
  it('prints subject, issuer, dates, serial and fingerprint lines as openssl x509 -noout does', () => {
    const admin = readCertificate(data('admin.crt'))!;
    const dev = readCertificate(data('dev-openssl.crt'))!;
    const lines =
      `subject=${formatName(admin.subject)}\n` +
      `issuer=${formatName(admin.issuer)}\n` +
      `notBefore=${opensslDate(admin.notBefore)}\n` +
      `notAfter=${opensslDate(admin.notAfter)}\n` +
      serialLine(admin.serial) +
      fingerprintLine(admin.der, 'sha256') +
      `subject=${formatName(admin.subject, 'rfc2253')}\n` +
      serialLine(dev.serial) +
      modulusLine(dev.publicKey);
    expect(lines).toBe(data('fields.text'));
  });
});

describe('signatures', () => {
  it('verifies what openssl verify accepts: the cluster CA signed its certificates and openssl signed dev', () => {
    const ca = readCertificate(data('ca.crt'))!;
    for (const f of ['apiserver.crt', 'admin.crt', 'dev-openssl.crt', 'ca.crt'])
      expect(signedBy(readCertificate(data(f))!, ca.publicKey)).toBe(true);
    expect(data('verify.text')).toBe('apiserver.crt: OK\nadmin.crt: OK\ndev-openssl.crt: OK\n');
  });

  it('rejects a certificate against another key, and a request against anything but its own key', () => {
    const dev = readCsr(data('dev.csr'))!;
    const etcd = readCertificate(data('etcd-server.crt'))!;
    const ca = readCertificate(data('ca.crt'))!;
    expect(signedBy(etcd, ca.publicKey)).toBe(false);
    expect(signedBy(dev, dev.publicKey)).toBe(true);
    expect(signedBy(dev, ca.publicKey)).toBe(false);
  });
});
