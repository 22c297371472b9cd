/**
 * The emulated internet's servers, at the public addresses the emulated DNS gives (dns/upstream).
 * Like real shared front ends they answer by the request's Host header: `ifconfig.me` echoes the
 * address a request arrives from (so a learner sees the masquerade); GitHub Pages serves the sites
 * it hosts and its "Site not found" 404 for any other Host, which is what `curl` to a Pages address
 * through an Endpoints or ExternalName Service gets (the Host is the Service's name); the other
 * servers serve their default page whatever the Host.
 */
import { PUBLIC_HOSTS } from '../dns/upstream';
import { NODELOCALDNS_MANIFEST, NODELOCALDNS_MANIFEST_PATH } from '../dns/nodelocaldns-manifest';
import { byteLength, header, httpDate, type HttpRequest, type HttpResponse } from './http';
import type { AppContext } from './types';

/** ifconfig.me: answers the caller's public address, as the real service does for curl. */
export const ECHO_HOST_IP = '34.160.111.145';

/** GitHub Pages' anycast front ends (the A records of every `*.github.io` site). */
export const GITHUB_PAGES_IPS = ['185.199.108.153', '185.199.109.153', '185.199.110.153', '185.199.111.153'];

/** raw.githubusercontent.com's front ends (GitHub's raw file CDN). */
export const GITHUB_RAW_IPS = ['185.199.108.133', '185.199.109.133', '185.199.110.133', '185.199.111.133'];

/** The files raw.githubusercontent.com serves here, by request path: the addon manifests the docs download. */
const RAW_FILES: Record<string, string> = { [NODELOCALDNS_MANIFEST_PATH]: NODELOCALDNS_MANIFEST };

/** The page every server other than GitHub Pages and ifconfig.me serves (example.com's, in short). */
const DEFAULT_PAGE = `<!doctype html>
<html>
<head><title>Example Domain</title></head>
<body>
<h1>Example Domain</h1>
<p>This domain is for use in illustrative examples in documents.</p>
</body>
</html>
`;

/**
 * GitHub Pages' answer for a Host it hosts no site for. The real page's head, title and text; the
 * real one also carries an inline <style> block and two inline base64 logo images, left out here, so
 * its Content-Length (about 9 kB) is not this one's.
 */
const PAGES_NOT_FOUND = `<!DOCTYPE html>
<html>
  <head>
    <meta http-equiv="Content-type" content="text/html; charset=utf-8">
    <meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:; connect-src 'self'">
    <title>Site not found &middot; GitHub Pages</title>
  </head>
  <body>

    <div class="container">

      <h1>404</h1>
      <p><strong>There isn't a GitHub Pages site here.</strong></p>

      <p>
        If you're trying to publish one,
        <a href="https://help.github.com/pages/">read the full documentation</a>
        to learn how to set up <strong>GitHub Pages</strong>
        for your repository, organization, or user account.
      </p>

      <div id="suggestions">
        <a href="https://githubstatus.com">GitHub Status</a> &mdash;
        <a href="https://twitter.com/githubstatus">@githubstatus</a>
      </div>
    </div>
  </body>
</html>
`;

/** The site name a request asks for: its Host header without port or trailing dot, lower case. */
export function requestedHost(req: HttpRequest): string {
  const host = (header(req, 'Host') ?? '').trim().toLowerCase();
  const name = host.startsWith('[') ? host.slice(0, host.indexOf(']') + 1) : host.replace(/:\d*$/, '');
  return name.replace(/\.$/, '');
}

/** Names of the sites GitHub Pages hosts here: the `*.github.io` names of the public DNS table. */
function pagesSites(): Set<string> {
  return new Set(
    Object.keys(PUBLIC_HOSTS)
      .filter((n) => n.endsWith('.github.io.'))
      .map((n) => n.slice(0, -1)),
  );
}

function page(
  status: number,
  contentType: string,
  body: string,
  req: HttpRequest,
  ctx: AppContext,
  extra: [string, string][] = [],
): HttpResponse {
  return {
    status,
    headers: [
      ...extra,
      ['Content-Type', contentType],
      ['Content-Length', String(byteLength(body))],
      ['Date', httpDate(ctx.now)],
    ],
    body: req.method === 'HEAD' ? '' : body,
  };
}

/** The answer of the public server at `ip` to `req`, chosen by the server and the Host it names. */
export function internetHttp(ip: string, req: HttpRequest, ctx: AppContext): HttpResponse {
  if (ip === ECHO_HOST_IP) return page(200, 'text/plain; charset=utf-8', ctx.clientIP, req, ctx);
  if (GITHUB_RAW_IPS.includes(ip)) {
    // Raw files are plain text whatever their extension; an unknown path gets GitHub's terse 404.
    const file = RAW_FILES[req.target.split('?')[0] ?? ''];
    return file === undefined
      ? page(404, 'text/plain; charset=utf-8', '404: Not Found', req, ctx)
      : page(200, 'text/plain; charset=utf-8', file, req, ctx);
  }
  if (GITHUB_PAGES_IPS.includes(ip) && !pagesSites().has(requestedHost(req))) {
    return page(404, 'text/html; charset=utf-8', PAGES_NOT_FOUND, req, ctx, [['Server', 'GitHub.com']]);
  }
  return page(200, 'text/html', DEFAULT_PAGE, req, ctx);
}
