/**
 * The echoserver image (k8s.gcr.io/echoserver, nginx + lua on 8080): it reports the request back.
 * Tags up to 1.5 print the CLIENT VALUES / SERVER VALUES / HEADERS RECEIVED / BODY report; 1.6 and
 * later the "Hostname / Pod Information / Server values / Request Information" one. Header names
 * arrive lower-cased and sorted, as the lua template prints them.
 */
import { header, httpDate, byteLength, type HttpRequest, type HttpResponse } from './http';
import { nginxLogTime } from './nginx';
import type { AppContext, AppSpec } from './types';

function sortedHeaders(req: HttpRequest): string[] {
  return req.headers.map(([n, v]) => `${n.toLowerCase()}=${v}`).sort();
}

function hostOnly(req: HttpRequest): string {
  return (header(req, 'Host') ?? '').replace(/:\d+$/, '');
}

/** The 1.4/1.5 report. */
function oldReport(req: HttpRequest, ctx: AppContext): string {
  const [path, query] = req.target.split('?') as [string, string | undefined];
  return [
    'CLIENT VALUES:',
    `client_address=${ctx.clientIP}`,
    `command=${req.method}`,
    `real path=${path}`,
    `query=${query ?? 'nil'}`,
    'request_version=1.1',
    `request_uri=http://${hostOnly(req)}:${ctx.localPort}${req.target}`,
    '',
    'SERVER VALUES:',
    'server_version=nginx: 1.10.0 - lua: 10001',
    '',
    'HEADERS RECEIVED:',
    ...sortedHeaders(req),
    'BODY:',
    req.body || '-no body in request-',
  ].join('\n');
}

/** The 1.6+ report (1.10 is the common one). */
function newReport(req: HttpRequest, ctx: AppContext): string {
  const [path, query] = req.target.split('?') as [string, string | undefined];
  return [
    '',
    '',
    `Hostname: ${ctx.hostname}`,
    '',
    'Pod Information:',
    '\t-no pod information available-',
    '',
    'Server values:',
    '\tserver_version=nginx: 1.13.3 - lua: 10008',
    '',
    'Request Information:',
    `\tclient_address=${ctx.clientIP}`,
    `\tmethod=${req.method}`,
    `\treal path=${path}`,
    `\tquery=${query ?? ''}`,
    '\trequest_version=1.1',
    '\trequest_scheme=http',
    `\trequest_uri=http://${hostOnly(req)}:${ctx.localPort}${req.target}`,
    '',
    'Request Headers:',
    ...sortedHeaders(req).map((h) => `\t${h}`),
    '',
    'Request Body:',
    `\t${req.body || '-no body in request-'}`,
    '',
    '',
  ].join('\n');
}

function respond(body: string, ctx: AppContext, server: string): HttpResponse {
  return {
    status: 200,
    headers: [
      ['Server', server],
      ['Date', httpDate(ctx.now)],
      ['Content-Type', 'text/plain'],
      ['Transfer-Encoding', 'chunked'],
      ['Connection', 'keep-alive'],
    ],
    body: body.endsWith('\n') ? body : `${body}\n`,
  };
}

function accessLog(req: HttpRequest, res: HttpResponse, ctx: AppContext): string {
  return `${ctx.clientIP} - - [${nginxLogTime(ctx.now)}] "${req.method} ${req.target} HTTP/1.1" ${res.status} ${byteLength(res.body)} "-" "${header(req, 'User-Agent') ?? '-'}"\n`;
}

/** echoserver up to 1.5. */
export const ECHOSERVER_OLD: AppSpec = {
  id: 'echoserver',
  images: [],
  listens: [{ proto: 'tcp', port: 8080 }],
  shells: ['sh', 'bash'],
  tools: ['hostname'],
  http: (req, ctx) => respond(oldReport(req, ctx), ctx, 'nginx/1.10.0'),
  accessLog,
};

/** echoserver 1.6 and later. */
export const ECHOSERVER: AppSpec = {
  ...ECHOSERVER_OLD,
  http: (req, ctx) => respond(newReport(req, ctx), ctx, 'echoserver'),
};
