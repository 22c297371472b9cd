/**
 * `kubectl proxy` (kubectl pkg/cmd/proxy, pkg/proxy/proxy_server.go): an HTTP server on
 * 127.0.0.1:8001 that forwards every request to the API server with the kubeconfig's credentials,
 * so `curl localhost:8001/api/v1/namespaces/default/pods` needs neither certificates nor tokens. In
 * the foreground it serves until Ctrl-C; with `&` it becomes a job of the terminal (shell/jobs.ts)
 * that serves until `kill %1`. Its filter refuses other Host names and exec/attach paths with
 * `Forbidden`, as the real one does.
 */
import type { Emulator } from '../../emulator';
import type { LocationRef } from '../../shell/types';
import type { JobRecord } from '../../shell/jobs';
import type { ApiRequest, ApiResponse } from '../../apps/apiserver';
import { sameLocation } from '../../shell/location';
import { serveAs } from '../../rbac/apiserver';
import type { UserInfo } from '../../rbac/identity';
import { str, type FlagDef } from './flags';
import { KubectlError, type Kubectl } from './context';

export const PROXY_FLAGS: FlagDef[] = [
  {
    name: 'port',
    short: 'p',
    type: 'int',
    description: 'The port on which to run the proxy. Set to 0 to pick a random port.',
  },
  { name: 'address', type: 'string', description: 'The IP address on which to serve on.' },
  { name: 'accept-hosts', type: 'string', description: 'Regular expression for hosts that the proxy should accept.' },
  { name: 'api-prefix', type: 'string', description: 'Prefix to serve the proxied API under.' },
  { name: 'reject-paths', type: 'string', description: 'Regular expression for paths that the proxy should reject.' },
  {
    name: 'www',
    short: 'w',
    type: 'string',
    description: 'Also serve static files from the given directory under the specified prefix.',
  },
  { name: 'disable-filter', type: 'bool', description: 'If true, disable request filtering in the proxy.' },
];

export const PROXY_JOB = 'kubectl-proxy';
const DEFAULT_ACCEPT_HOSTS = '^localhost$,^127\\.0\\.0\\.1$,^\\[::1\\]$';
const DEFAULT_REJECT_PATHS = '^/api/.*/pods/.*/exec,^/api/.*/pods/.*/attach';

/** Every proxy job of every terminal, with where it listens. */
function proxyJobs(emu: Emulator): JobRecord[] {
  return emu.shells.flatMap((s) => s.jobs.list()).filter((j) => j.kind === PROXY_JOB);
}

/** The proxy listening at `ip:port` as seen from `location` (the same machine: loopback or its own address). */
export function listeningProxy(emu: Emulator, location: LocationRef, ip: string, port: number): JobRecord | undefined {
  return proxyJobs(emu).find(
    (j) =>
      sameLocation(j.location, location) &&
      Number(j.params.port) === port &&
      (j.params.address === '0.0.0.0' || (ip === '127.0.0.1' && j.params.address === '127.0.0.1')),
  );
}

function forbidden(): ApiResponse {
  return {
    status: 403,
    headers: { 'Content-Type': 'text/plain; charset=utf-8', 'X-Content-Type-Options': 'nosniff' },
    body: 'Forbidden\n',
  };
}

/** One request through a running proxy: its filter, then the API server as the proxy's user. */
export function serveThroughProxy(emu: Emulator, job: JobRecord, req: ApiRequest, hostHeader: string): ApiResponse {
  const host = hostHeader.replace(/:\d+$/, '');
  const [path] = req.path.split('?', 1) as [string];
  if (job.params.filter !== 'off') {
    const accept = (job.params.acceptHosts ?? DEFAULT_ACCEPT_HOSTS).split(',').some((re) => new RegExp(re).test(host));
    const reject = (job.params.rejectPaths ?? DEFAULT_REJECT_PATHS).split(',').some((re) => new RegExp(re).test(path));
    if (!accept || reject) return forbidden();
  }
  const prefix = job.params.prefix ?? '/';
  if (!req.path.startsWith(prefix))
    return { status: 404, headers: { 'Content-Type': 'text/plain; charset=utf-8' }, body: '404 page not found\n' };
  const user = JSON.parse(job.params.user ?? 'null') as UserInfo | null;
  if (!user)
    return {
      status: 401,
      headers: { 'Content-Type': 'application/json' },
      body: '{"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure","message":"Unauthorized","reason":"Unauthorized","code":401}\n',
    };
  const forwarded = prefix === '/' ? req.path : `/${req.path.slice(prefix.length).replace(/^\//, '')}`;
  return serveAs(emu, user, { ...req, path: forwarded });
}

/** Run `kubectl proxy`. */
export async function runProxy(k: Kubectl): Promise<number> {
  if (k.parsed.args.length) throw new KubectlError(`unknown command "${k.parsed.args[0]}" for "kubectl proxy"`);
  if (str(k.parsed, 'www') !== undefined) throw new KubectlError('netlab: kubectl proxy --www is not emulated');
  // The proxy authenticates each forwarded request with the kubeconfig's credentials.
  k.checkIdentity();
  const address = str(k.parsed, 'address') ?? '127.0.0.1';
  let port = Number(str(k.parsed, 'port') ?? 8001);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new KubectlError(`invalid port ${str(k.parsed, 'port')}`);
  if (port === 0) port = 40000 + (k.ctx.emulator.clock.now() % 20000);
  const busy = proxyJobs(k.ctx.emulator).some(
    (j) => sameLocation(j.location, k.ctx.location) && Number(j.params.port) === port,
  );
  if (busy) throw new KubectlError(`listen tcp ${address}:${port}: bind: address already in use`);
  const params: Record<string, string> = {
    address,
    port: String(port),
    user: JSON.stringify(k.user),
    ...(k.parsed.flags.get('disable-filter') === true ? { filter: 'off' } : {}),
    ...(str(k.parsed, 'accept-hosts') !== undefined ? { acceptHosts: str(k.parsed, 'accept-hosts')! } : {}),
    ...(str(k.parsed, 'reject-paths') !== undefined ? { rejectPaths: str(k.parsed, 'reject-paths')! } : {}),
    ...(str(k.parsed, 'api-prefix') !== undefined ? { prefix: str(k.parsed, 'api-prefix')! } : {}),
  };
  const shown = address === '0.0.0.0' ? `[::]:${port}` : `${address}:${port}`;
  if (k.ctx.job) {
    k.ctx.job.start(PROXY_JOB, params);
    k.out(`Starting to serve on ${shown}\n`);
    return 0;
  }
  // In the foreground it serves this terminal's own requests: none can be typed until Ctrl-C.
  k.out(`Starting to serve on ${shown}\n`);
  for (;;) {
    await k.ctx.checkpoint();
    k.ctx.emulator.advanceTime(1000);
  }
}
