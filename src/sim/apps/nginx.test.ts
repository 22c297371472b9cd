import { describe, expect, it } from 'vitest';
import { NGINX, NGINX_WELCOME } from './nginx';
import type { AppContext } from './types';

const ctx: AppContext = {
  hostname: 'web',
  interfaceIPs: [],
  clientIP: '10.10.0.5',
  clientPort: 40000,
  localIP: '10.10.1.3',
  localPort: 80,
  now: Date.UTC(2026, 10, 22, 10, 29, 26),
};
const get = (target: string, method = 'GET') =>
  NGINX.http!(
    {
      method,
      target,
      headers: [
        ['Host', '10.10.1.3'],
        ['User-Agent', 'curl/8.7.1'],
        ['Accept', '*/*'],
      ],
      body: '',
    },
    ctx,
  );

describe('nginx', () => {
  it('serves the 615-byte welcome page', () => {
    expect(new TextEncoder().encode(NGINX_WELCOME).length).toBe(615);
    expect(get('/').body).toBe(NGINX_WELCOME);
  });

  it("sends its headers in nginx's order", () => {
    expect(get('/').headers).toEqual([
      ['Server', 'nginx/1.27.3'],
      ['Date', 'Sun, 22 Nov 2026 10:29:26 GMT'],
      ['Content-Type', 'text/html'],
      ['Content-Length', '615'],
      ['Last-Modified', 'Tue, 26 Nov 2024 15:55:00 GMT'],
      ['Connection', 'keep-alive'],
      ['ETag', '"6745ef54-267"'],
      ['Accept-Ranges', 'bytes'],
    ]);
  });

  it('answers an unknown path with its 404 page', () => {
    const res = get('/nope');
    expect([res.status, res.body]).toEqual([
      404,
      '<html>\n<head><title>404 Not Found</title></head>\n<body>\n<center><h1>404 Not Found</h1></center>\n<hr><center>nginx/1.27.3</center>\n</body>\n</html>\n',
    ]);
  });

  it('writes a combined access-log line per request', () => {
    const res = get('/');
    expect(
      NGINX.accessLog!({ method: 'GET', target: '/', headers: [['User-Agent', 'curl/8.7.1']], body: '' }, res, ctx),
    ).toBe('10.10.0.5 - - [22/Nov/2026:10:29:26 +0000] "GET / HTTP/1.1" 200 615 "-" "curl/8.7.1" "-"\n');
  });
});
