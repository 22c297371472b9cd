import { describe, expect, it } from 'vitest';
import { internetHttp, requestedHost } from './internet';
import type { HttpRequest } from './http';
import type { AppContext } from './types';
import { CLOCK_EPOCH } from '../core/clock';
import { labSession } from '../shell/testing';

const ctx: AppContext = {
  hostname: 'www',
  interfaceIPs: [],
  clientIP: '203.0.113.7',
  clientPort: 40000,
  localIP: '',
  localPort: 80,
  now: CLOCK_EPOCH,
};
const get = (host: string, method = 'GET'): HttpRequest => ({
  method,
  target: '/',
  headers: [
    ['Host', host],
    ['User-Agent', 'curl/8.5.0'],
    ['Accept', '*/*'],
  ],
  body: '',
});

describe('public web servers answer by Host', () => {
  it('reads the site name from Host without port, trailing dot or case', () => {
    expect([
      requestedHost(get('GitHub.GitHub.io.:80')),
      requestedHost(get('185.199.108.153')),
      requestedHost(get('[::1]:8080')),
    ]).toEqual(['github.github.io', '185.199.108.153', '[::1]']);
  });

  it("gives GitHub Pages' 404 Site not found for a Host it hosts no site for", () => {
    const res = internetHttp('185.199.109.153', get('endpoint3'), ctx);
    expect({ status: res.status, headers: res.headers.slice(0, 2) }).toEqual({
      status: 404,
      headers: [
        ['Server', 'GitHub.com'],
        ['Content-Type', 'text/html; charset=utf-8'],
      ],
    });
    expect(res.body).toContain('    <title>Site not found &middot; GitHub Pages</title>\n');
    expect(res.body).toContain(
      "      <h1>404</h1>\n      <p><strong>There isn't a GitHub Pages site here.</strong></p>\n",
    );
  });

  it('gives the same 404 on every GitHub Pages address, the bare address as Host included', () => {
    expect(
      ['185.199.108.153', '185.199.110.153', '185.199.111.153'].map((ip) => internetHttp(ip, get(ip), ctx).status),
    ).toEqual([404, 404, 404]);
  });

  it('serves a site GitHub Pages hosts', () => {
    expect(internetHttp('185.199.108.153', get('github.github.io'), ctx).status).toBe(200);
  });

  it("keeps example.com's page, whatever the Host", () => {
    const page =
      '<!doctype html>\n<html>\n<head><title>Example Domain</title></head>\n<body>\n<h1>Example Domain</h1>\n<p>This domain is for use in illustrative examples in documents.</p>\n</body>\n</html>\n';
    expect([
      internetHttp('192.0.2.53', get('example.com'), ctx).body,
      internetHttp('192.0.2.53', get('unknown.test'), ctx).body,
    ]).toEqual([page, page]);
  });

  it("sends headers and no body for HEAD, the length still the page's", () => {
    const res = internetHttp('185.199.108.153', get('x', 'HEAD'), ctx);
    const full = internetHttp('185.199.108.153', get('x'), ctx);
    expect({ body: res.body, length: res.headers.find(([n]) => n === 'Content-Length')?.[1] }).toEqual({
      body: '',
      length: String(new TextEncoder().encode(full.body).length),
    });
  });

  it('serves the NodeLocal DNSCache manifest from raw.githubusercontent.com as plain text', () => {
    const res = internetHttp(
      '185.199.111.133',
      {
        ...get('raw.githubusercontent.com'),
        target: '/kubernetes/kubernetes/master/cluster/addons/dns/nodelocaldns/nodelocaldns.yaml',
      },
      ctx,
    );
    expect({ status: res.status, type: res.headers[0], length: res.headers[1], start: res.body.slice(0, 40) }).toEqual({
      status: 200,
      type: ['Content-Type', 'text/plain; charset=utf-8'],
      length: ['Content-Length', '5412'],
      start: '# Copyright 2018 The Kubernetes Authors.',
    });
  });

  it('answers 404: Not Found for a raw path it does not have', () => {
    const res = internetHttp(
      '185.199.108.133',
      { ...get('raw.githubusercontent.com'), target: '/kubernetes/kubernetes/master/README.md' },
      ctx,
    );
    expect({ status: res.status, body: res.body }).toEqual({ status: 404, body: '404: Not Found' });
  });

  it("echoes the caller's address at ifconfig.me", () => {
    expect(internetHttp('34.160.111.145', get('ifconfig.me'), ctx)).toEqual({
      status: 200,
      headers: [
        ['Content-Type', 'text/plain; charset=utf-8'],
        ['Content-Length', '11'],
        ['Date', 'Fri, 02 Oct 2026 16:00:00 GMT'],
      ],
      body: '203.0.113.7',
    });
  });

  it('answers curl through an Endpoints Service to a Pages address with the 404, as the Host is the Service name', async () => {
    const l = await labSession('kind-iptables', [
      'cat <<EOT | kubectl apply -f -\napiVersion: v1\nkind: Service\nmetadata:\n  name: endpoint3\nspec:\n  ports:\n  - port: 80\n---\napiVersion: v1\nkind: Endpoints\nmetadata:\n  name: endpoint3\nsubsets:\n- addresses:\n  - ip: 185.199.109.153\n  ports:\n  - port: 80\nEOT',
      'kubectl run net-pod --image=nicolaka/netshoot -- sleep infinity',
      'sleep 10',
    ]);
    expect(
      await l.run(
        "kubectl exec net-pod -- curl -s -o /dev/null -w '%{http_code}\\n' endpoint3",
        'kubectl exec net-pod -- curl -s endpoint3 | grep title',
      ),
    ).toBe('404\n    <title>Site not found &middot; GitHub Pages</title>\n');
  });
});
