/**
 * The official nginx image (1.27): the default welcome page on port 80, nginx's 404 page, its
 * response headers in nginx's order, the docker-entrypoint start-up lines and the combined access log.
 */
import { byteLength, header, httpDate, type HttpRequest, type HttpResponse } from './http';
import { goLogTime } from './whoami';
import type { AppContext, AppSpec } from './types';

export const NGINX_VERSION = '1.27.3';

/** The stock /usr/share/nginx/html/index.html (615 bytes). */
export const NGINX_WELCOME = `<!DOCTYPE html>
<html>
<head>
<title>Welcome to nginx!</title>
<style>
html { color-scheme: light dark; }
body { width: 35em; margin: 0 auto;
font-family: Tahoma, Verdana, Arial, sans-serif; }
</style>
</head>
<body>
<h1>Welcome to nginx!</h1>
<p>If you see this page, the nginx web server is successfully installed and
working. Further configuration is required.</p>

<p>For online documentation and support please refer to
<a href="http://nginx.org/">nginx.org</a>.<br/>
Commercial support is available at
<a href="http://nginx.com/">nginx.com</a>.</p>

<p><em>Thank you for using nginx.</em></p>
</body>
</html>
`;

const NOT_FOUND = `<html>
<head><title>404 Not Found</title></head>
<body>
<center><h1>404 Not Found</h1></center>
<hr><center>nginx/${NGINX_VERSION}</center>
</body>
</html>
`;

/** The index file's mtime in the image (Last-Modified, and the ETag's first half). */
const INDEX_MTIME = Date.UTC(2024, 10, 26, 15, 55, 0);

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** nginx's $time_local in UTC: `22/Nov/2026:10:29:26 +0000`. */
export function nginxLogTime(ms: number): string {
  const d = new Date(ms);
  const p = (n: number): string => String(n).padStart(2, '0');
  return `${p(d.getUTCDate())}/${MONTHS[d.getUTCMonth()]}/${d.getUTCFullYear()}:${p(d.getUTCHours())}:${p(d.getUTCMinutes())}:${p(d.getUTCSeconds())} +0000`;
}

function handle(req: HttpRequest, ctx: AppContext): HttpResponse {
  const path = req.target.split('?')[0];
  if (path !== '/' && path !== '/index.html') {
    return {
      status: 404,
      headers: [
        ['Server', `nginx/${NGINX_VERSION}`],
        ['Date', httpDate(ctx.now)],
        ['Content-Type', 'text/html'],
        ['Content-Length', String(byteLength(NOT_FOUND))],
        ['Connection', 'keep-alive'],
      ],
      body: NOT_FOUND,
    };
  }
  const size = byteLength(NGINX_WELCOME);
  const etag = `"${Math.floor(INDEX_MTIME / 1000).toString(16)}-${size.toString(16)}"`;
  return {
    status: 200,
    headers: [
      ['Server', `nginx/${NGINX_VERSION}`],
      ['Date', httpDate(ctx.now)],
      ['Content-Type', 'text/html'],
      ['Content-Length', String(size)],
      ['Last-Modified', httpDate(INDEX_MTIME)],
      ['Connection', 'keep-alive'],
      ['ETag', etag],
      ['Accept-Ranges', 'bytes'],
    ],
    body: req.method === 'HEAD' ? '' : NGINX_WELCOME,
  };
}

/** The combined log format with the image's extra `"$http_x_forwarded_for"`. */
function accessLog(req: HttpRequest, res: HttpResponse, ctx: AppContext): string {
  return `${ctx.clientIP} - - [${nginxLogTime(ctx.now)}] "${req.method} ${req.target} HTTP/1.1" ${res.status} ${byteLength(res.body)} "-" "${header(req, 'User-Agent') ?? '-'}" "-"\n`;
}

function startLog(now: number): string {
  const t = goLogTime(now);
  return [
    '/docker-entrypoint.sh: /docker-entrypoint.d/ is not empty, will attempt to perform configuration',
    '/docker-entrypoint.sh: Looking for shell scripts in /docker-entrypoint.d/',
    '/docker-entrypoint.sh: Launching /docker-entrypoint.d/10-listen-on-ipv6-by-default.sh',
    '10-listen-on-ipv6-by-default.sh: info: Getting the checksum of /etc/nginx/conf.d/default.conf',
    '10-listen-on-ipv6-by-default.sh: info: Enabled listen on IPv6 in /etc/nginx/conf.d/default.conf',
    '/docker-entrypoint.sh: Sourcing /docker-entrypoint.d/15-local-resolvers.envsh',
    '/docker-entrypoint.sh: Launching /docker-entrypoint.d/20-envsubst-on-templates.sh',
    '/docker-entrypoint.sh: Launching /docker-entrypoint.d/30-tune-worker-processes.sh',
    '/docker-entrypoint.sh: Configuration complete; ready for start up',
    `${t} [notice] 1#1: using the "epoll" event method`,
    `${t} [notice] 1#1: nginx/${NGINX_VERSION}`,
    `${t} [notice] 1#1: start worker processes`,
    `${t} [notice] 1#1: start worker process 29`,
    '',
  ].join('\n');
}

export const NGINX: AppSpec = {
  id: 'nginx',
  images: ['nginx', 'nginxinc/nginx-unprivileged'],
  listens: [{ proto: 'tcp', port: 80 }],
  shells: ['sh', 'bash'],
  tools: ['curl', 'hostname'],
  http: handle,
  startLog,
  accessLog,
};
