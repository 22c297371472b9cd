/**
 * The API server's HTTPS endpoint for clients other than kubectl (`curl -k https://kubernetes.default.svc/api`):
 * what a request and a response are. The composition root (`src/sim/emulator.ts`) wires the handler
 * (RBAC's `handleApiRequest`: authentication, authorization, Status bodies) as `emu.apiServer`.
 */
export interface ApiRequest {
  method: string;
  path: string;
  headers: Record<string, string>;
  body?: string;
  /** The client certificate (PEM) the TLS handshake presented, whose key the client proved it holds. */
  clientCertificate?: string;
}

export interface ApiResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
}
