/**
 * What happens between kubectl reading its kubeconfig and the API server knowing who is asking:
 * clientcmd picks the context, cluster and user (flags override the file) and validates them; the
 * client loads its certificate and key (refusing a key that does not match); TLS checks the server's
 * certificate against the kubeconfig's CA; the API server's authenticators then turn the client
 * certificate (verified against the cluster CA: CN is the user, O the groups), a bearer token, or
 * nothing (system:anonymous) into a user. Every message is kubectl 1.31's.
 */
import type { Emulator } from '../emulator';
import type { LocationRef } from '../shell/types';
import { readFileText, resolvePath } from '../shell/vfs';
import { clusterPki, pkiSourceOf, type ClusterPki } from '../pki/cluster';
import { OID, valuesOf } from '../pki/dn';
import { fromBase64 } from '../pki/pem';
import { sameKey, type RsaPublicKey } from '../pki/rsa';
import { EKU, readCertificate, readPrivateKey, signedBy, type ParsedCertificate } from '../pki/x509';
import { authenticateToken } from '../rbac/token';
import { ANONYMOUS_USER, AUTHENTICATED, CLUSTER_ADMIN_USER, type UserInfo } from '../rbac/identity';
import { loadKubeconfig, type KubeconfigSource, type LoadedKubeconfig } from './load';
import type { KubeconfigCluster, KubeconfigUser } from './kubeconfig';

/** Global kubectl flags that override the kubeconfig (clientcmd.ConfigOverrides). */
export interface ClientOverrides {
  context?: string;
  cluster?: string;
  user?: string;
  namespace?: string;
  token?: string;
  server?: string;
  insecureSkipTlsVerify?: boolean;
  certificateAuthority?: string;
  clientCertificate?: string;
  clientKey?: string;
}

export interface ResolvedClient {
  loaded: LoadedKubeconfig;
  contextName: string;
  /** The context's namespace, `default` when it has none. */
  namespace: string;
  /** The user entry's name (for messages). */
  userName: string;
  server: string;
  cluster: KubeconfigCluster;
  user: KubeconfigUser | undefined;
}

/** A client-side failure: printed as is (it carries its own `error: ` prefix and newline). */
export interface ClientError {
  error: string;
  /** Text kubectl writes to stdout first (the basic-auth prompt). */
  stdout?: string;
}

export const CONNECTION_REFUSED_LOCALHOST =
  'The connection to the server localhost:8080 was refused - did you specify the right host or port?\n';

function fileText(emu: Emulator, loc: LocationRef, path: string): string | undefined {
  return readFileText(emu.files, loc, path);
}

/** Pick the context, cluster and user kubectl would use, and validate them (clientcmd DirectClientConfig). */
export function resolveClient(src: KubeconfigSource, o: ClientOverrides): ResolvedClient | ClientError {
  const r = loadKubeconfig(src);
  if (!r.ok) return { error: `error: ${r.error}\n` };
  const { config } = r.loaded;
  const contextName = o.context ?? config.currentContext;
  if (contextName && !config.contexts.has(contextName))
    return { error: `Error in configuration: context was not found for specified context: ${contextName}\n` };
  const ctx = config.contexts.get(contextName) ?? {};
  const clusterName = o.cluster ?? ctx.cluster ?? '';
  const userName = o.user ?? ctx.user ?? '';
  const cluster: KubeconfigCluster = { ...(config.clusters.get(clusterName) ?? {}) };
  if (o.server !== undefined) cluster.server = o.server;
  if (o.insecureSkipTlsVerify) cluster['insecure-skip-tls-verify'] = true;
  if (o.certificateAuthority !== undefined) {
    cluster['certificate-authority'] = resolvePath(src.cwd, o.certificateAuthority);
    delete cluster['certificate-authority-data'];
  }
  let user = config.users.get(userName);
  if (o.token !== undefined || o.clientCertificate !== undefined || o.clientKey !== undefined) {
    user = { ...(user ?? {}) };
    if (o.token !== undefined) user.token = o.token;
    if (o.clientCertificate !== undefined) {
      user['client-certificate'] = resolvePath(src.cwd, o.clientCertificate);
      delete user['client-certificate-data'];
    }
    if (o.clientKey !== undefined) {
      user['client-key'] = resolvePath(src.cwd, o.clientKey);
      delete user['client-key-data'];
    }
  }
  // validateClusterInfo + validateAuthInfo.
  const errors: string[] = [];
  const ca = cluster['certificate-authority'];
  if (ca && fileText(src.emu, src.location, ca) === undefined)
    errors.push(
      `unable to read certificate-authority ${ca} for ${clusterName} due to open ${ca}: no such file or directory`,
    );
  if (user) {
    const cert = user['client-certificate'];
    const key = user['client-key'];
    const hasCert = Boolean(cert || user['client-certificate-data']);
    const hasKey = Boolean(key || user['client-key-data']);
    if (hasCert && !hasKey)
      errors.push(
        `client-key-data or client-key must be specified for ${userName} to use the clientCert authentication method.`,
      );
    if (hasKey && !hasCert)
      errors.push(
        `client-cert-data or client-cert must be specified for ${userName} to use the clientCert authentication method.`,
      );
    if (cert && fileText(src.emu, src.location, cert) === undefined)
      errors.push(`unable to read client-cert ${cert} for ${userName} due to open ${cert}: no such file or directory`);
    if (key && fileText(src.emu, src.location, key) === undefined)
      errors.push(`unable to read client-key ${key} for ${userName} due to open ${key}: no such file or directory`);
  }
  if (errors.length === 1) return { error: `error: ${errors[0]}\n` };
  if (errors.length > 1) return { error: `Error in configuration: \n${errors.map((e) => `* ${e}\n`).join('')}` };
  return {
    loaded: r.loaded,
    contextName,
    namespace: o.namespace || ctx.namespace || 'default',
    userName,
    server: cluster.server ?? '',
    cluster,
    user,
  };
}

/** Where the API server of this cluster answers, as seen from a location. */
function reachesApiServer(
  emu: Emulator,
  loc: LocationRef,
  pki: ClusterPki | undefined,
  url: URL,
): boolean | 'no such host' {
  const config = emu.cluster.config;
  if (!config) return false;
  const published = new URL(config.apiServerUrl);
  const port = Number(url.port || (url.protocol === 'https:' ? 443 : 80));
  const host = url.hostname;
  // A cluster whose endpoint is a name (EKS) answers at that name from everywhere.
  if (!/^[\d.]+$/.test(published.hostname) && published.hostname !== 'localhost')
    return host === published.hostname && port === Number(published.port || 443);
  const f = pki?.facts;
  let ip: string | undefined = /^[\d.]+$/.test(host) ? host : undefined;
  if (host === 'localhost') ip = '127.0.0.1';
  else if (!ip && f && host === f.controlPlane && loc.kind === 'node') ip = f.advertiseAddress;
  else if (!ip && f && loc.kind === 'pod' && /^kubernetes(\.default(\.svc(\.cluster\.local)?)?)?$/.test(host))
    ip = f.serviceIp;
  if (!ip) return 'no such host';
  if (loc.kind === 'host' && ip === '127.0.0.1') return port === Number(published.port);
  if (f && ip === f.advertiseAddress) return port === 6443;
  if (f && ip === f.serviceIp && loc.kind !== 'host') return port === 443;
  return false;
}

/** The resolver a location asks: systemd-resolved on the host, Docker's on kind nodes, the cluster DNS in pods. */
function resolverAt(emu: Emulator, loc: LocationRef): string {
  if (loc.kind === 'host') return '127.0.0.53:53';
  if (loc.kind === 'node') return '127.0.0.11:53';
  return `${emu.store.get('services', 'kube-system', 'kube-dns')?.spec?.clusterIP ?? '10.96.0.10'}:53`;
}

const certCache = new Map<string, ParsedCertificate | null>();

function certFrom(pem: string): ParsedCertificate | undefined {
  let c = certCache.get(pem);
  if (c === undefined) {
    c = readCertificate(pem) ?? null;
    if (certCache.size > 64) certCache.clear();
    certCache.set(pem, c);
  }
  return c ?? undefined;
}

const verifiedCache = new Map<string, boolean>();

/** Whether the cluster CA signed `cert` (memoised: the same certificates come back on every command). */
function signedByCa(cert: ParsedCertificate, ca: ParsedCertificate): boolean {
  const key = `${cert.der.length}/${[...cert.signature.subarray(0, 16)].join(',')}/${ca.publicKey.n.toString(36).slice(0, 16)}`;
  let v = verifiedCache.get(key);
  if (v === undefined) {
    v = signedBy(cert, ca.publicKey);
    if (verifiedCache.size > 256) verifiedCache.clear();
    verifiedCache.set(key, v);
  }
  return v;
}

const decoded = new Map<string, string | null>();

function pemOf(
  emu: Emulator,
  loc: LocationRef,
  data: string | undefined,
  file: string | undefined,
): string | undefined {
  if (data !== undefined) {
    let text = decoded.get(data);
    if (text === undefined) {
      const bytes = fromBase64(data);
      text = bytes ? new TextDecoder().decode(bytes) : null;
      if (decoded.size > 64) decoded.clear();
      decoded.set(data, text);
    }
    return text ?? undefined;
  }
  return file === undefined ? undefined : fileText(emu, loc, file);
}

const keyCache = new Map<string, RsaPublicKey | null>();

/** The public half of the private key in a PEM text (memoised: kubectl reads the same key on every command). */
function keyFrom(pem: string): RsaPublicKey | undefined {
  let k = keyCache.get(pem);
  if (k === undefined) {
    const key = readPrivateKey(pem);
    k = key ? { n: key.n, e: key.e } : null;
    if (keyCache.size > 64) keyCache.clear();
    keyCache.set(pem, k);
  }
  return k ?? undefined;
}

/** The apiserver's x509 authenticator (k8s.io/apiserver request/x509): CN is the name, O the groups. */
export function authenticateCertificate(emu: Emulator, cert: ParsedCertificate): UserInfo | undefined {
  const pki = clusterPki(pkiSourceOf(emu));
  if (!pki) return undefined;
  const now = emu.clock.now();
  if (!signedByCa(cert, pki.ca.parsed) || now < cert.notBefore || now > cert.notAfter) return undefined;
  const eku = cert.extensions.find((e) => e.kind === 'extKeyUsage');
  if (eku && !eku.oids.includes(EKU.clientAuth)) return undefined;
  const name = valuesOf(cert.subject, OID.commonName).at(-1) ?? '';
  return { name, groups: [...valuesOf(cert.subject, OID.organizationName), AUTHENTICATED] };
}

/**
 * Connect and authenticate as kubectl does for each request: TLS client material first (a key that
 * does not match fails before any connection), then the server's address and certificate, then the
 * API server's authentication. Returns the user, or what kubectl prints.
 */
export function authenticateClient(
  emu: Emulator,
  loc: LocationRef,
  c: ResolvedClient,
): { user: UserInfo } | ClientError | { unauthorized: true } {
  const user = c.user;
  let cert: ParsedCertificate | undefined;
  if (user && (user['client-certificate'] || user['client-certificate-data'])) {
    const certPem = pemOf(emu, loc, user['client-certificate-data'], user['client-certificate']);
    const keyPem = pemOf(emu, loc, user['client-key-data'], user['client-key']);
    cert = certPem === undefined ? undefined : certFrom(certPem);
    if (!cert) return { error: 'error: tls: failed to find any PEM data in certificate input\n' };
    const key = keyPem === undefined ? undefined : keyFrom(keyPem);
    if (!key) return { error: 'error: tls: failed to find any PEM data in key input\n' };
    if (!sameKey(key, cert.publicKey)) return { error: 'error: tls: private key does not match public key\n' };
  }
  if (user?.exec) {
    // `aws eks get-token`: the cluster's creator, whom EKS maps to cluster-admin.
    const cmd = String(user.exec.command ?? '');
    if (cmd !== 'aws') return { error: `netlab: kubeconfig exec credential plugin "${cmd}" is not emulated\n` };
  }
  // A context naming a user the file does not have: client-go asks for basic-auth credentials.
  if (c.userName && !user && c.server.startsWith('https:'))
    return { stdout: 'Please enter Username: ', error: 'error: EOF\n' };
  if (!c.server) return { error: CONNECTION_REFUSED_LOCALHOST };
  let url: URL;
  try {
    url = new URL(c.server);
  } catch {
    return { error: `error: couldn't parse server address "${c.server}"\n` };
  }
  const pki = clusterPki(pkiSourceOf(emu));
  const reach = reachesApiServer(emu, loc, pki, url);
  if (reach === 'no such host')
    return {
      error: `Unable to connect to the server: dial tcp: lookup ${url.hostname} on ${resolverAt(emu, loc)}: no such host\n`,
    };
  if (!reach)
    return {
      error: `The connection to the server ${url.host} was refused - did you specify the right host or port?\n`,
    };
  if (url.protocol === 'http:') return { error: `error: the server rejected our request for an unknown reason\n` };
  if (pki && !c.cluster['insecure-skip-tls-verify']) {
    const caPem = pemOf(emu, loc, c.cluster['certificate-authority-data'], c.cluster['certificate-authority']);
    const trusted =
      caPem !== undefined && certFrom(caPem) !== undefined && sameKey(certFrom(caPem)!.publicKey, pki.ca.key);
    if (!trusted)
      return {
        error:
          'Unable to connect to the server: tls: failed to verify certificate: x509: certificate signed by unknown authority\n',
      };
  }
  if (user?.exec) return { user: CLUSTER_ADMIN_USER };
  if (user?.token) {
    const u = authenticateToken(emu.cluster, user.token);
    return u ? { user: u } : { unauthorized: true };
  }
  if (cert) {
    const u = authenticateCertificate(emu, cert);
    return u ? { user: u } : { unauthorized: true };
  }
  if (user?.username || user?.password) return { unauthorized: true };
  return { user: ANONYMOUS_USER };
}
