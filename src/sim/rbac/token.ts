/**
 * Service-account tokens, shaped like the apiserver's (pkg/serviceaccount/claims.go): a JWT whose
 * header names RS256 and the issuer's key id, whose claims carry iss/sub/aud/exp/iat/nbf/jti and the
 * `kubernetes.io` private claims (namespace, serviceaccount, and for a pod's token the pod and node),
 * with keys sorted as go-jose writes them. Nothing is really signed: the "signature" is 256 bytes
 * drawn deterministically from the signing input, which is enough for the emulated apiserver to know
 * the tokens it issued and reject any other string.
 */
import type { ControllerContext } from '../cluster/controller';
import type { KubeObject } from '../cluster/types';
import { canonicalJson, fnv32a } from '../cluster/hash';
import { Rng } from '../core/rng';
import { serviceAccountUser, type UserInfo } from './identity';

export const ISSUER = 'https://kubernetes.default.svc.cluster.local';
/** What the kubelet asks for in the projected volume (3600 s + 7 s: the legacy-token warning marker). */
export const POD_TOKEN_REQUEST_SECONDS = 3607;
/** --service-account-extend-token-expiration: such tokens really last a year (warnafter marks the requested expiry). */
const EXTENDED_SECONDS = 365 * 24 * 3600;
/** The kubelet rotates a token older than 24 h (80 % of its lifetime is longer than that). */
const ROTATE_SECONDS = 24 * 3600;

export interface TokenClaims {
  aud: string[];
  exp: number;
  iat: number;
  iss: string;
  jti: string;
  'kubernetes.io': {
    namespace: string;
    node?: { name: string; uid: string };
    pod?: { name: string; uid: string };
    secret?: { name: string; uid: string };
    serviceaccount: { name: string; uid: string };
    warnafter?: number;
  };
  nbf: number;
  sub: string;
}

function base64url(bytes: string): string {
  return btoa(bytes).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function fromBase64url(s: string): string | undefined {
  try {
    return atob(s.replace(/-/g, '+').replace(/_/g, '/') + '='.repeat((4 - (s.length % 4)) % 4));
  } catch {
    return undefined;
  }
}

/** `n` pseudo-random bytes determined by `seed` alone. */
function bytesFrom(seed: string, n: number): string {
  const rng = new Rng(fnv32a(seed));
  let out = '';
  for (let i = 0; i < n; i++) out += String.fromCharCode(rng.int(256));
  return out;
}

/** A version-4-shaped UUID determined by `seed`. */
function uuidFrom(seed: string): string {
  const hex = [...bytesFrom(seed, 16)]
    .map((c) => c.charCodeAt(0).toString(16).padStart(2, '0'))
    .join('')
    .split('');
  hex[12] = '4';
  hex[16] = '89ab'[parseInt(hex[16]!, 16) % 4]!;
  const s = hex.join('');
  return `${s.slice(0, 8)}-${s.slice(8, 12)}-${s.slice(12, 16)}-${s.slice(16, 20)}-${s.slice(20)}`;
}

/** The issuer key's id: base64url of a SHA-256-sized digest, fixed per cluster. */
function keyId(cluster: ControllerContext): string {
  return base64url(bytesFrom(`sa-signing-key/${cluster.config?.name ?? ''}`, 32));
}

function sign(cluster: ControllerContext, input: string): string {
  return base64url(bytesFrom(`${cluster.config?.name ?? ''}/${input}`, 256));
}

/** Encode and "sign" a token for `claims`. */
export function encodeToken(cluster: ControllerContext, claims: TokenClaims): string {
  const header = base64url(JSON.stringify({ alg: 'RS256', kid: keyId(cluster) }));
  const payload = base64url(canonicalJson(claims));
  return `${header}.${payload}.${sign(cluster, `${header}.${payload}`)}`;
}

/** The claims of a token this cluster signed, or undefined for anything else. */
export function decodeToken(cluster: ControllerContext, token: string): TokenClaims | undefined {
  const parts = token.trim().split('.');
  if (parts.length !== 3) return undefined;
  const [h, p, s] = parts as [string, string, string];
  if (sign(cluster, `${h}.${p}`) !== s) return undefined;
  const json = fromBase64url(p);
  if (json === undefined) return undefined;
  try {
    return JSON.parse(json) as TokenClaims;
  } catch {
    return undefined;
  }
}

/** What a TokenRequest may ask besides its service account (TokenRequestSpec). */
export interface TokenRequestOptions {
  /** spec.expirationSeconds (the API server's default is an hour). */
  seconds?: number;
  /** spec.audiences; empty means the API server's own (--api-audiences, the issuer on kind). */
  audiences?: string[];
  /** spec.boundObjectRef, already looked up: the token is valid only while this object lives. */
  bound?: { kind: 'Pod' | 'Secret' | 'Node'; object: KubeObject };
}

/** The audiences kube-apiserver accepts (kind sets none: --api-audiences defaults to the issuer). */
export const API_AUDIENCES = [ISSUER];

const ref = (o: KubeObject) => ({ name: o.metadata.name, uid: o.metadata.uid ?? '' });

/**
 * A TokenRequest's token (`kubectl create token SA`), as pkg/serviceaccount/claims.go builds it:
 * `seconds` long from now for the requested audiences, and bound to a pod (with its node, as
 * ServiceAccountTokenPodNodeInfo adds), a Secret or a node when asked. A pod-bound request for
 * 3607 s with the API server's audience is the kubelet's and lasts a year (extend-token-expiration).
 */
export function requestToken(cluster: ControllerContext, sa: KubeObject, opts: TokenRequestOptions = {}): string {
  const seconds = opts.seconds ?? 3600;
  const audiences = opts.audiences?.length ? opts.audiences : API_AUDIENCES;
  const iat = Math.floor(cluster.now() / 1000);
  const ns = sa.metadata.namespace ?? 'default';
  const bound = opts.bound;
  const pod = bound?.kind === 'Pod' ? bound.object : undefined;
  const nodeName = pod ? pod.spec?.nodeName : bound?.kind === 'Node' ? bound.object.metadata.name : undefined;
  const node = nodeName ? cluster.store.get('nodes', undefined, nodeName) : undefined;
  const extended =
    pod !== undefined && seconds === POD_TOKEN_REQUEST_SECONDS && audiences.every((a) => API_AUDIENCES.includes(a));
  // An unbound request for the API server keeps the jti seed it always had (transcripts show the jti).
  const variant =
    bound || opts.audiences?.length
      ? `/${bound?.kind ?? ''}/${bound ? ref(bound.object).uid : ''}/${audiences.join(',')}`
      : '';
  return encodeToken(cluster, {
    aud: audiences,
    exp: iat + (extended ? EXTENDED_SECONDS : seconds),
    iat,
    iss: ISSUER,
    jti: uuidFrom(`jti/${ns}/${sa.metadata.name}/${iat}/${seconds}${variant}`),
    'kubernetes.io': {
      namespace: ns,
      ...(node ? { node: ref(node) } : {}),
      ...(pod ? { pod: ref(pod) } : {}),
      ...(bound?.kind === 'Secret' ? { secret: ref(bound.object) } : {}),
      serviceaccount: ref(sa),
      ...(extended ? { warnafter: iat + POD_TOKEN_REQUEST_SECONDS } : {}),
    },
    nbf: iat,
    sub: `system:serviceaccount:${ns}:${sa.metadata.name}`,
  });
}

/** The token the kubelet keeps in a pod's projected volume now: bound to the pod and its node, rotated daily. */
export function podToken(cluster: ControllerContext, pod: KubeObject, sa: KubeObject): string {
  const started = Date.parse(pod.status?.startTime ?? pod.metadata.creationTimestamp ?? '') / 1000 || 0;
  const now = Math.floor(cluster.now() / 1000);
  const iat = Math.floor(started + Math.max(0, Math.floor((now - started) / ROTATE_SECONDS)) * ROTATE_SECONDS);
  const ns = pod.metadata.namespace ?? 'default';
  const node = pod.spec?.nodeName ? cluster.store.get('nodes', undefined, pod.spec.nodeName) : undefined;
  return encodeToken(cluster, {
    aud: [ISSUER],
    exp: iat + EXTENDED_SECONDS,
    iat,
    iss: ISSUER,
    jti: uuidFrom(`jti/${pod.metadata.uid}/${iat}`),
    'kubernetes.io': {
      namespace: ns,
      ...(node ? { node: { name: node.metadata.name, uid: node.metadata.uid ?? '' } } : {}),
      pod: { name: pod.metadata.name, uid: pod.metadata.uid ?? '' },
      serviceaccount: { name: sa.metadata.name, uid: sa.metadata.uid ?? '' },
      warnafter: iat + POD_TOKEN_REQUEST_SECONDS,
    },
    nbf: iat,
    sub: `system:serviceaccount:${ns}:${sa.metadata.name}`,
  });
}

export const LEGACY_ISSUER = 'kubernetes/serviceaccount';
export const SA_TOKEN_SECRET_TYPE = 'kubernetes.io/service-account-token';

/** The claims of a Secret-based token (the token controller's legacy format: no expiry, bound to the Secret). */
interface LegacyClaims {
  iss: string;
  'kubernetes.io/serviceaccount/namespace': string;
  'kubernetes.io/serviceaccount/secret.name': string;
  'kubernetes.io/serviceaccount/service-account.name': string;
  'kubernetes.io/serviceaccount/service-account.uid': string;
  sub: string;
}

/** The token the token controller writes into a `kubernetes.io/service-account-token` Secret. */
export function secretToken(cluster: ControllerContext, secret: KubeObject, sa: KubeObject): string {
  const ns = secret.metadata.namespace ?? 'default';
  const claims: LegacyClaims = {
    iss: LEGACY_ISSUER,
    'kubernetes.io/serviceaccount/namespace': ns,
    'kubernetes.io/serviceaccount/secret.name': secret.metadata.name,
    'kubernetes.io/serviceaccount/service-account.name': sa.metadata.name,
    'kubernetes.io/serviceaccount/service-account.uid': sa.metadata.uid ?? '',
    sub: `system:serviceaccount:${ns}:${sa.metadata.name}`,
  };
  return encodeToken(cluster, claims as unknown as TokenClaims);
}

/** A legacy token is valid while its Secret and service account exist unchanged. */
function authenticateLegacy(cluster: ControllerContext, token: string, c: LegacyClaims): UserInfo | undefined {
  const store = cluster.store;
  const ns = c['kubernetes.io/serviceaccount/namespace'];
  const secret = store.get('secrets', ns, c['kubernetes.io/serviceaccount/secret.name']);
  if (!secret || secret.data?.token === undefined || atob(secret.data.token) !== token.trim()) return undefined;
  const sa = store.get('serviceaccounts', ns, c['kubernetes.io/serviceaccount/service-account.name']);
  if (!sa || sa.metadata.uid !== c['kubernetes.io/serviceaccount/service-account.uid']) return undefined;
  return serviceAccountUser(ns, sa.metadata.name, sa.metadata.uid);
}

/**
 * Authenticate a bearer token as the apiserver's service-account authenticator does: issued here,
 * not expired, its service account (and bound pod) still existing with the same uid. Returns the
 * user with the extra fields a bound token adds, or undefined (401).
 */
export function authenticateToken(cluster: ControllerContext, token: string): UserInfo | undefined {
  const c = decodeToken(cluster, token);
  if (c?.iss === LEGACY_ISSUER) return authenticateLegacy(cluster, token, c as unknown as LegacyClaims);
  if (!c || c.iss !== ISSUER) return undefined;
  // The JWT authenticator accepts a token only for an audience the API server identifies as.
  if (!c.aud?.some((a) => API_AUDIENCES.includes(a))) return undefined;
  const now = Math.floor(cluster.now() / 1000);
  if (now >= c.exp || now < c.nbf - 60) return undefined;
  const k = c['kubernetes.io'];
  const store = cluster.store;
  const sa = store.get('serviceaccounts', k.namespace, k.serviceaccount.name);
  if (!sa || sa.metadata.uid !== k.serviceaccount.uid) return undefined;
  const alive = (o: KubeObject | undefined, r: { uid: string }) => o !== undefined && o.metadata.uid === r.uid;
  // A bound token dies with its object (claims.go Validate): the pod, the Secret, or a node it is bound to alone.
  if (k.pod && !alive(store.get('pods', k.namespace, k.pod.name), k.pod)) return undefined;
  if (k.secret && !alive(store.get('secrets', k.namespace, k.secret.name), k.secret)) return undefined;
  if (k.node && !k.pod && !alive(store.get('nodes', undefined, k.node.name), k.node)) return undefined;
  const user = serviceAccountUser(k.namespace, k.serviceaccount.name, sa.metadata.uid);
  const extra: Record<string, string[]> = { 'authentication.kubernetes.io/credential-id': [`JTI=${c.jti}`] };
  if (k.node) {
    extra['authentication.kubernetes.io/node-name'] = [k.node.name];
    extra['authentication.kubernetes.io/node-uid'] = [k.node.uid];
  }
  if (k.pod) {
    extra['authentication.kubernetes.io/pod-name'] = [k.pod.name];
    extra['authentication.kubernetes.io/pod-uid'] = [k.pod.uid];
  }
  return { ...user, extra };
}
