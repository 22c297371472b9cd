/**
 * traefik/whoami: a Go server on port 80 that answers with the pod's hostname, every interface
 * address, the client's address and the request exactly as Go's `Request.Write` prints it
 * (traefik/whoami app.go `whoamiHandler`).
 */
import { byteLength, httpDate, type HttpRequest, type HttpResponse } from './http';
import type { AppContext, AppSpec } from './types';

/** Go's log package prefix: `2024/03/11 16:35:18 `. */
export function goLogTime(ms: number): string {
  const d = new Date(ms);
  const p = (n: number): string => String(n).padStart(2, '0');
  return `${d.getUTCFullYear()}/${p(d.getUTCMonth() + 1)}/${p(d.getUTCDate())} ${p(d.getUTCHours())}:${p(d.getUTCMinutes())}:${p(d.getUTCSeconds())}`;
}

/** A plain-text Go response: Go writes Date, Content-Length, Content-Type in this order. */
export function goTextResponse(status: number, body: string, now: number): HttpResponse {
  return {
    status,
    headers: [
      ['Date', httpDate(now)],
      ['Content-Length', String(byteLength(body))],
      ['Content-Type', 'text/plain; charset=utf-8'],
    ],
    body,
  };
}

/** Go's canonical header key: `user-agent` → `User-Agent`. */
function canonicalKey(name: string): string {
  return name.toLowerCase().replace(/(^|-)([a-z])/g, (_m, dash: string, c: string) => dash + c.toUpperCase());
}

/**
 * The request as Go's `Request.Write` prints a received one: the request line, Host, User-Agent,
 * then the other headers sorted by key, CRLF line ends.
 */
export function goRequestWrite(req: HttpRequest): string {
  const byKey = req.headers.map(([n, v]) => [canonicalKey(n), v] as const);
  const host = byKey.find(([k]) => k === 'Host')?.[1] ?? '';
  const ua = byKey.find(([k]) => k === 'User-Agent');
  const rest = byKey
    .filter(([k]) => k !== 'Host' && k !== 'User-Agent' && k !== 'Content-Length')
    .sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  const lines = [
    `${req.method} ${req.target} HTTP/1.1`,
    `Host: ${host}`,
    ...(ua ? [`User-Agent: ${ua[1]}`] : []),
    ...(req.body ? [`Content-Length: ${byteLength(req.body)}`] : []),
    ...rest.map(([k, v]) => `${k}: ${v}`),
  ];
  return `${lines.join('\r\n')}\r\n\r\n${req.body}`;
}

function handle(req: HttpRequest, ctx: AppContext): HttpResponse {
  const path = req.target.split('?')[0];
  if (path === '/health')
    return {
      status: 200,
      headers: [
        ['Date', httpDate(ctx.now)],
        ['Content-Length', '0'],
      ],
      body: '',
    };
  const lines = [
    `Hostname: ${ctx.hostname}`,
    ...ctx.interfaceIPs.map((ip) => `IP: ${ip}`),
    `RemoteAddr: ${ctx.clientIP}:${ctx.clientPort}`,
  ];
  return goTextResponse(200, `${lines.join('\n')}\n${goRequestWrite(req)}`, ctx.now);
}

export const WHOAMI: AppSpec = {
  id: 'whoami',
  images: ['traefik/whoami', 'containous/whoami'],
  listens: [{ proto: 'tcp', port: 80 }],
  shells: [],
  tools: [],
  http: handle,
  startLog: (now) => `${goLogTime(now)} Starting up on port 80\n`,
};
