/**
 * kubetm/app, the Node.js app of the kubetm course (port 8080): `/hostname` answers
 * `Hostname : <pod>` (seed k8s-objects-dns-headless-endpoints-rbac). What `/` and other paths answer
 * is UNCONFIRMED: this answers `/` like `/hostname` and anything else with Express's 404 page.
 */
import { byteLength, httpDate, type HttpRequest, type HttpResponse } from './http';
import type { AppContext, AppSpec } from './types';

function handle(req: HttpRequest, ctx: AppContext): HttpResponse {
  const path = req.target.split('?')[0];
  const known = path === '/' || path === '/hostname';
  const body = known ? `Hostname : ${ctx.hostname}\n` : `Cannot GET ${path}\n`;
  return {
    status: known ? 200 : 404,
    headers: [
      ['X-Powered-By', 'Express'],
      ['Content-Type', 'text/html; charset=utf-8'],
      ['Content-Length', String(byteLength(body))],
      ['Date', httpDate(ctx.now)],
      ['Connection', 'keep-alive'],
    ],
    body,
  };
}

export const KUBETM_APP: AppSpec = {
  id: 'kubetm-app',
  images: ['kubetm/app'],
  listens: [{ proto: 'tcp', port: 8080 }],
  shells: ['sh', 'bash'],
  tools: ['curl', 'hostname'],
  http: handle,
};
