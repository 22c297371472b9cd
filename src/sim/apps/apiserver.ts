/**
 * The API server's HTTPS endpoint for clients other than kubectl (`curl -k https://kubernetes.default.svc/api`).
 * The RBAC module registers the real handler with `registerApiHandler`; until then every request is
 * anonymous and answered as kube-apiserver answers anonymous requests it does not allow.
 */
export interface ApiRequest {
  method: string;
  path: string;
  headers: Record<string, string>;
  body?: string;
}

export interface ApiResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
}

type ApiHandler = (emu: unknown, req: ApiRequest) => ApiResponse;

let handler: ApiHandler | undefined;

/** Route API requests that arrive over the network to `fn` (the RBAC module calls this at import). */
export function registerApiHandler(fn: ApiHandler): void {
  handler = fn;
}

function anonymousForbidden(req: ApiRequest): ApiResponse {
  const body = `${JSON.stringify({ kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message: `forbidden: User "system:anonymous" cannot ${req.method.toLowerCase()} path "${req.path}"`, reason: 'Forbidden', details: {}, code: 403 }, null, 2)}\n`;
  return {
    status: 403,
    headers: {
      'Audit-Id': '',
      'Cache-Control': 'no-cache, private',
      'Content-Type': 'application/json',
      'X-Content-Type-Options': 'nosniff',
    },
    body,
  };
}

/** Answer one API request that reached kube-apiserver's port. */
export function handleApiRequest(emu: unknown, req: ApiRequest): ApiResponse {
  return handler ? handler(emu, req) : anonymousForbidden(req);
}
