/**
 * The emulated internet's servers, at the public addresses the emulated DNS gives (dns/upstream):
 * `ifconfig.me` echoes the address a request arrives from (so a learner sees the masquerade), the
 * others serve a small public web page.
 */
import { PUBLIC_HOSTS } from '../dns/upstream';
import { byteLength, httpDate, type HttpRequest, type HttpResponse } from './http';
import type { AppContext } from './types';

/** ifconfig.me: answers the caller's public address, as the real service does for curl. */
export const ECHO_HOST_IP = '34.160.111.145';

const PAGE = `<!doctype html>
<html>
<head><title>Example Domain</title></head>
<body>
<h1>Example Domain</h1>
<p>This domain is for use in illustrative examples in documents.</p>
</body>
</html>
`;

/** Every public server address, in table order. */
export function internetHostIPs(): string[] {
  return [...new Set(Object.values(PUBLIC_HOSTS).flatMap((h) => h.a ?? []))];
}

/** The answer of the public server at `ip`. */
export function internetHttp(ip: string, req: HttpRequest, ctx: AppContext): HttpResponse {
  const body = ip === ECHO_HOST_IP ? ctx.clientIP : req.method === 'HEAD' ? '' : PAGE;
  const type = ip === ECHO_HOST_IP ? 'text/plain; charset=utf-8' : 'text/html';
  return { status: 200, headers: [['Content-Type', type], ['Content-Length', String(ip === ECHO_HOST_IP ? byteLength(body) : byteLength(PAGE))], ['Date', httpDate(ctx.now)]], body };
}
