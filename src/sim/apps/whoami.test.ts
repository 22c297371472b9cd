import { describe, expect, it } from 'vitest';
import { WHOAMI } from './whoami';
import type { AppContext } from './types';

const ctx: AppContext = {
  hostname: 'webpod1',
  interfaceIPs: ['127.0.0.1', '::1', '10.10.1.2', 'fe80::a0:85ff:febc:a346'],
  clientIP: '10.10.0.5',
  clientPort: 54321,
  localIP: '10.10.1.2',
  localPort: 80,
  now: Date.UTC(2024, 2, 11, 16, 35, 18),
};

describe('traefik/whoami', () => {
  it('answers with hostname, interface addresses, remote address and the request as Go writes it', () => {
    const res = WHOAMI.http!(
      {
        method: 'GET',
        target: '/',
        headers: [
          ['Host', '10.200.1.80:9000'],
          ['User-Agent', 'curl/8.7.1'],
          ['Accept', '*/*'],
        ],
        body: '',
      },
      ctx,
    );
    expect(res.body).toBe(
      'Hostname: webpod1\nIP: 127.0.0.1\nIP: ::1\nIP: 10.10.1.2\nIP: fe80::a0:85ff:febc:a346\nRemoteAddr: 10.10.0.5:54321\nGET / HTTP/1.1\r\nHost: 10.200.1.80:9000\r\nUser-Agent: curl/8.7.1\r\nAccept: */*\r\n\r\n',
    );
  });

  it('sorts the other request headers by canonical key after Host and User-Agent', () => {
    const res = WHOAMI.http!(
      {
        method: 'GET',
        target: '/x',
        headers: [
          ['host', 'a'],
          ['x-b', '2'],
          ['accept', '*/*'],
          ['user-agent', 'Wget'],
        ],
        body: '',
      },
      ctx,
    );
    expect(res.body.split('\n').slice(6).join('\n')).toBe(
      'GET /x HTTP/1.1\r\nHost: a\r\nUser-Agent: Wget\r\nAccept: */*\r\nX-B: 2\r\n\r\n',
    );
  });

  it("sends Go's headers: Date, Content-Length, Content-Type", () => {
    const res = WHOAMI.http!({ method: 'GET', target: '/', headers: [['Host', 'h']], body: '' }, ctx);
    expect(res.headers.map(([n]) => n)).toEqual(['Date', 'Content-Length', 'Content-Type']);
    expect(res.headers[0]).toEqual(['Date', 'Mon, 11 Mar 2024 16:35:18 GMT']);
  });

  it("logs its start-up line with Go's log timestamp", () => {
    expect(WHOAMI.startLog!(ctx.now)).toBe('2024/03/11 16:35:18 Starting up on port 80\n');
  });
});
