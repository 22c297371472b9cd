/**
 * The API server's HTTPS endpoint for clients other than kubectl (`curl -k https://kubernetes.default.svc/api`):
 * what a request and a response are. The composition root (`src/sim/emulator.ts`) wires the handler
 * (RBAC's `handleApiRequest`: authentication, authorization, Status bodies) as `emu.apiServer`.
 */
import { EKS_API_NETNS } from '../cni/aws-vpc-cni';

/** kube-apiserver's secure port on a control-plane node (kubeadm, kind). */
export const APISERVER_PORT = 6443;
/** The port EKS's control-plane ENIs serve the API on. */
export const EKS_APISERVER_PORT = 443;

/**
 * Whether a connection that arrived in `netns` on `port` reached kube-apiserver: a node's 6443
 * (where a control plane runs it as a host-network static pod) or EKS's control-plane ENIs on 443.
 */
export function isApiServerSocket(netns: string, port: number): boolean {
  return (
    (netns.startsWith('node/') && port === APISERVER_PORT) || (netns === EKS_API_NETNS && port === EKS_APISERVER_PORT)
  );
}

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
