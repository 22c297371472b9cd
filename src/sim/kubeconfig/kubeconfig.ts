/**
 * The kubeconfig file (client-go clientcmd, `apiVersion: v1`, `kind: Config`): named clusters,
 * users and contexts and the current context. Read from YAML into maps by name, written back the
 * way clientcmd writes it (the v1 lists sorted by name, keys in JSON order, `preferences: {}`),
 * which is also what `kubectl config view` prints, with `--raw`, `--minify` and the redaction
 * of embedded data (`DATA+OMITTED`) and tokens (`REDACTED`) as clientcmdapi.ShortenConfig does.
 */
import { parse } from 'yaml';
import { toKubectlYaml } from '../format/yaml';

export interface KubeconfigCluster {
  server?: string;
  'certificate-authority'?: string;
  'certificate-authority-data'?: string;
  'insecure-skip-tls-verify'?: boolean;
  'tls-server-name'?: string;
}

export interface KubeconfigUser {
  'client-certificate'?: string;
  'client-certificate-data'?: string;
  'client-key'?: string;
  'client-key-data'?: string;
  token?: string;
  username?: string;
  password?: string;
  exec?: Record<string, unknown>;
}

export interface KubeconfigContext {
  cluster?: string;
  user?: string;
  namespace?: string;
}

export interface Kubeconfig {
  clusters: Map<string, KubeconfigCluster>;
  users: Map<string, KubeconfigUser>;
  contexts: Map<string, KubeconfigContext>;
  currentContext: string;
}

/** A copy whose maps and entries can be changed without touching `c`. */
export function cloneKubeconfig(c: Kubeconfig): Kubeconfig {
  return {
    clusters: new Map([...c.clusters].map(([n, v]) => [n, { ...v }])),
    users: new Map([...c.users].map(([n, v]) => [n, { ...v }])),
    contexts: new Map([...c.contexts].map(([n, v]) => [n, { ...v }])),
    currentContext: c.currentContext,
  };
}

export function emptyKubeconfig(): Kubeconfig {
  return { clusters: new Map(), users: new Map(), contexts: new Map(), currentContext: '' };
}

export type KubeconfigParse = { ok: true; config: Kubeconfig } | { ok: false; error: string };

const CLUSTER_KEYS = [
  'server',
  'certificate-authority',
  'certificate-authority-data',
  'insecure-skip-tls-verify',
  'tls-server-name',
];
const USER_KEYS = [
  'client-certificate',
  'client-certificate-data',
  'client-key',
  'client-key-data',
  'token',
  'username',
  'password',
  'exec',
];
const CONTEXT_KEYS = ['cluster', 'user', 'namespace'];

function pick<T>(src: unknown, keys: string[]): T {
  const out: Record<string, unknown> = {};
  if (src && typeof src === 'object')
    for (const k of keys) {
      const v = (src as Record<string, unknown>)[k];
      if (v !== undefined && v !== null && v !== '') out[k] = v;
    }
  return out as T;
}

function named<T>(list: unknown, field: string, keys: string[]): Map<string, T> {
  const out = new Map<string, T>();
  if (!Array.isArray(list)) return out;
  for (const item of list) {
    if (!item || typeof item !== 'object') continue;
    const name = String((item as Record<string, unknown>).name ?? '');
    // clientcmd keeps the first entry of a name (later duplicates are dropped by the merge).
    if (!out.has(name)) out.set(name, pick<T>((item as Record<string, unknown>)[field], keys));
  }
  return out;
}

/** Texts this module wrote and what they hold: reading them back needs no YAML parser. */
const written = new Map<string, Kubeconfig>();

/** Parse a kubeconfig file's text (`path` names it in errors). An empty file is an empty config. */
export function parseKubeconfig(text: string, path: string): KubeconfigParse {
  const known = written.get(text);
  if (known) return { ok: true, config: cloneKubeconfig(known) };
  let doc: unknown;
  try {
    doc = parse(text);
  } catch (e) {
    const line = /line (\d+)/.exec(String((e as Error).message))?.[1];
    return {
      ok: false,
      error: `error loading config file "${path}": yaml: line ${line ?? '1'}: could not find expected ':'`,
    };
  }
  if (doc === null || doc === undefined) return { ok: true, config: emptyKubeconfig() };
  if (typeof doc !== 'object' || Array.isArray(doc))
    return {
      ok: false,
      error: `error loading config file "${path}": couldn't get version/kind; json parse error: json: cannot unmarshal ${Array.isArray(doc) ? 'array' : typeof doc === 'string' ? 'string' : 'number'} into Go value of type struct { APIVersion string "json:\\"apiVersion,omitempty\\""; Kind string "json:\\"kind,omitempty\\"" }`,
    };
  const d = doc as Record<string, unknown>;
  return {
    ok: true,
    config: {
      clusters: named<KubeconfigCluster>(d.clusters, 'cluster', CLUSTER_KEYS),
      users: named<KubeconfigUser>(d.users, 'user', USER_KEYS),
      contexts: named<KubeconfigContext>(d.contexts, 'context', CONTEXT_KEYS),
      currentContext: typeof d['current-context'] === 'string' ? d['current-context'] : '',
    },
  };
}

function sortedList<T>(m: Map<string, T>, field: string, transform: (v: T) => unknown): unknown {
  if (m.size === 0) return null;
  return [...m.keys()].sort().map((name) => ({ [field]: transform(m.get(name)!), name }));
}

export interface ViewOptions {
  /** Show embedded data and tokens (`--raw`); else `DATA+OMITTED` and `REDACTED`. */
  raw?: boolean;
}

/** The v1 document clientcmd writes (and `kubectl config view` prints). */
export function kubeconfigDocument(c: Kubeconfig, opts: ViewOptions = { raw: true }): Record<string, unknown> {
  const omit = (v: string | undefined, text: string) => (v === undefined || opts.raw ? v : text);
  return {
    apiVersion: 'v1',
    clusters: sortedList(c.clusters, 'cluster', (cl) =>
      clean({ ...cl, 'certificate-authority-data': omit(cl['certificate-authority-data'], 'DATA+OMITTED') }),
    ),
    contexts: sortedList(c.contexts, 'context', (cx) => clean({ ...cx })),
    'current-context': c.currentContext,
    kind: 'Config',
    preferences: {},
    users: sortedList(c.users, 'user', (u) =>
      clean({
        ...u,
        'client-certificate-data': omit(u['client-certificate-data'], 'DATA+OMITTED'),
        'client-key-data': omit(u['client-key-data'], 'DATA+OMITTED'),
        token: omit(u.token, 'REDACTED'),
      }),
    ),
  };
}

function clean(o: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(o)) if (v !== undefined) out[k] = v;
  return out;
}

/** The file's text as clientcmd writes it. */
export function serializeKubeconfig(c: Kubeconfig): string {
  const text = toKubectlYaml(kubeconfigDocument(c));
  if (written.size > 64) written.clear();
  written.set(text, cloneKubeconfig(c));
  return text;
}

/** `--minify`: only the current context and the cluster and user it names. */
export function minify(c: Kubeconfig, contextName: string): Kubeconfig {
  const ctx = c.contexts.get(contextName);
  const out = emptyKubeconfig();
  out.currentContext = contextName;
  if (!ctx) return out;
  out.contexts.set(contextName, ctx);
  if (ctx.cluster && c.clusters.has(ctx.cluster)) out.clusters.set(ctx.cluster, c.clusters.get(ctx.cluster)!);
  if (ctx.user && c.users.has(ctx.user)) out.users.set(ctx.user, c.users.get(ctx.user)!);
  return out;
}
