import { describe, expect, it } from 'vitest';
import { parseCurlArgs, parseUrl } from './options';

describe('curl arguments', () => {
  it('bundles short flags and reads values after them', () => {
    const p = parseCurlArgs(['-sSo', '/dev/null', '-w', '%{http_code}', 'x']);
    expect(p.ok && [p.opts.silent, p.opts.showError, p.opts.output, p.opts.writeOut, p.opts.urls]).toEqual([
      true,
      true,
      '/dev/null',
      '%{http_code}',
      ['x'],
    ]);
  });

  it('reads --connect-timeout and -m as milliseconds, fractions included', () => {
    const p = parseCurlArgs(['--connect-timeout', '1', '-m', '2.5', 'x']);
    expect(p.ok && [p.opts.connectTimeoutMs, p.opts.maxTimeMs]).toEqual([1000, 2500]);
  });

  it("refuses an unknown option with curl's two lines and exit 2", () => {
    expect(parseCurlArgs(['--frobnicate'])).toEqual({
      ok: false,
      message:
        "curl: option --frobnicate: is unknown\ncurl: try 'curl --help' or 'curl --manual' for more information\n",
      code: 2,
    });
  });
});

describe('URLs as curl guesses them', () => {
  it('takes http and port 80 when no scheme is given, and keeps the port in Host only when not the default', () => {
    expect([parseUrl('10.200.1.80:9000'), parseUrl('web/hostname')]).toEqual([
      { scheme: 'http', host: '10.200.1.80', port: 9000, target: '/', hostHeader: '10.200.1.80:9000' },
      { scheme: 'http', host: 'web', port: 80, target: '/hostname', hostHeader: 'web' },
    ]);
  });

  it('defaults https to 443', () => {
    expect(parseUrl('https://kubernetes.default.svc/api')).toEqual({
      scheme: 'https',
      host: 'kubernetes.default.svc',
      port: 443,
      target: '/api',
      hostHeader: 'kubernetes.default.svc',
    });
  });

  it('names a scheme it does not speak', () => {
    expect(parseUrl('ftp://x/')).toEqual({ unsupported: 'ftp' });
  });
});
