/**
 * `kubectl config` (kubectl pkg/cmd/config): reads and edits the kubeconfig files kubectl loads
 * (kubeconfig/load.ts), never the cluster. view (merged, --minify, --raw, -o), current-context,
 * get-contexts, get-clusters, get-users, use-context, set-context, set-credentials (certificates by
 * path or embedded, tokens), set-cluster, delete-context/-cluster/-user and rename-context.
 */
import { formatTable } from '../../format/table';
import { toKubectlJson } from '../../format/json';
import { toKubectlYaml } from '../../format/yaml';
import { executeJsonPath, JsonPathError, parseJsonPath } from '../../format/jsonpath';
import { jsonPathExecuteErrorText, jsonPathParseErrorText } from '../../format/jsonpathErrors';
import { resolvePath } from '../../shell/vfs';
import { toBase64 } from '../../pki/pem';
import { cloneKubeconfig, kubeconfigDocument, minify, type Kubeconfig } from '../../kubeconfig/kubeconfig';
import { asWritten, loadKubeconfig, saveKubeconfig, type LoadedKubeconfig } from '../../kubeconfig/load';
import { bool, str, type FlagDef } from './flags';
import { KubectlError, kubeconfigSource, usageError, type Kubectl } from './context';

export const CONFIG_FLAGS: FlagDef[] = [
  { name: 'current', type: 'bool', description: 'Modify the current context' },
  { name: 'minify', type: 'bool', description: 'Remove all information not used by current-context from the output' },
  { name: 'raw', type: 'bool', description: 'Display raw byte data and sensitive data' },
  { name: 'flatten', type: 'bool', description: 'Flatten the resulting kubeconfig file into self-contained output' },
  { name: 'output', short: 'o', type: 'string', description: 'Output format.' },
  {
    name: 'no-headers',
    type: 'bool',
    description: "When using the default or custom-column output format, don't print headers.",
  },
  { name: 'embed-certs', type: 'bool', description: 'Embed certificate data in the kubeconfig entry' },
  { name: 'tls-server-name', type: 'string', description: 'tls-server-name for the cluster entry in kubeconfig' },
  { name: 'username', type: 'string', description: 'username for the user entry in kubeconfig' },
  { name: 'password', type: 'string', description: 'password for the user entry in kubeconfig' },
  {
    name: 'exec-command',
    type: 'string',
    description: 'Command for the exec credential plugin for the user entry in kubeconfig',
  },
];

/** A boolean flag that may be absent (`--embed-certs`, `--embed-certs=false`, or not given). */
function optionalBool(k: Kubectl, name: string): boolean | undefined {
  const v = k.parsed.flags.get(name);
  return v === undefined ? undefined : v === true;
}

function load(k: Kubectl): LoadedKubeconfig {
  const r = loadKubeconfig(kubeconfigSource(k.ctx, k.parsed));
  if (!r.ok) throw new KubectlError(r.error);
  return r.loaded;
}

const copy = cloneKubeconfig;

function save(k: Kubectl, loaded: LoadedKubeconfig, next: Kubeconfig): void {
  const err = saveKubeconfig(kubeconfigSource(k.ctx, k.parsed), loaded, next);
  if (err) throw new KubectlError(err);
}

function readFileText(k: Kubectl, path: string): string | undefined {
  const abs = resolvePath(k.ctx.cwd, path);
  if (k.ctx.emulator.files.stat(k.ctx.location, abs)?.type !== 'file') return undefined;
  const r = k.ctx.emulator.files.read(k.ctx.location, abs);
  return typeof r === 'string' ? r : undefined;
}

function b64(text: string): string {
  return toBase64(new TextEncoder().encode(text));
}

function view(k: Kubectl): number {
  if (k.parsed.args.length > 1)
    throw usageError('config view', `unexpected arguments: [${k.parsed.args.slice(1).join(' ')}]`);
  const loaded = load(k);
  // --flatten reads the files entries point to (absolute paths); otherwise paths show as their files hold them.
  let config = bool(k.parsed, 'flatten') ? flatten(k, loaded.config) : asWritten(loaded);
  if (bool(k.parsed, 'minify')) {
    const name = str(k.parsed, 'context') ?? config.currentContext;
    if (!name) throw new KubectlError('current-context must exist in order to minify');
    if (!config.contexts.has(name)) throw new KubectlError(`cannot locate context ${name}`);
    config = minify(config, name);
  }
  const raw = bool(k.parsed, 'raw') || bool(k.parsed, 'flatten');
  const doc = kubeconfigDocument(config, { raw });
  const out = str(k.parsed, 'output') ?? 'yaml';
  if (out === 'yaml') k.out(toKubectlYaml(doc));
  else if (out === 'json') k.out(toKubectlJson(doc));
  else if (out.startsWith('jsonpath=')) {
    const tmpl = out.slice('jsonpath='.length);
    try {
      parseJsonPath(tmpl);
    } catch (e) {
      if (e instanceof JsonPathError) throw new KubectlError(jsonPathParseErrorText(tmpl, e), 1, true);
      throw e;
    }
    try {
      k.out(executeJsonPath(tmpl, doc, { outputJson: false }));
    } catch (e) {
      if (e instanceof JsonPathError) throw new KubectlError(jsonPathExecuteErrorText(tmpl, e, doc), 1, true);
      throw e;
    }
  } else throw new KubectlError(`netlab: kubectl config view -o ${out} is not emulated`);
  return 0;
}

/** --flatten: referenced files embedded as *-data. */
function flatten(k: Kubectl, c: Kubeconfig): Kubeconfig {
  const out = copy(c);
  for (const cl of out.clusters.values()) {
    const f = cl['certificate-authority'];
    const t = f ? readFileText(k, f) : undefined;
    if (f && t !== undefined) {
      cl['certificate-authority-data'] = b64(t);
      delete cl['certificate-authority'];
    }
  }
  for (const u of out.users.values()) {
    for (const [file, data] of [
      ['client-certificate', 'client-certificate-data'],
      ['client-key', 'client-key-data'],
    ] as const) {
      const f = u[file];
      const t = f ? readFileText(k, f) : undefined;
      if (f && t !== undefined) {
        u[data] = b64(t);
        delete u[file];
      }
    }
  }
  return out;
}

function getContexts(k: Kubectl): number {
  const { config } = load(k);
  const output = str(k.parsed, 'output');
  if (output !== undefined && output !== 'name')
    throw new KubectlError(
      `--output ${output} is not available in kubectl config get-contexts; resetting to default output format`,
    );
  const nameOnly = output === 'name';
  const wanted = k.parsed.args.slice(1);
  const errors: string[] = [];
  const names = wanted.length
    ? wanted.filter((n) => config.contexts.has(n) || !errors.push(`context ${n} not found`))
    : [...config.contexts.keys()];
  names.sort();
  const headers = !bool(k.parsed, 'no-headers') && !nameOnly;
  if (nameOnly) k.out(names.map((n) => `${n}\n`).join(''));
  else {
    const rows = names.map((n) => {
      const c = config.contexts.get(n)!;
      return [config.currentContext === n ? '*' : ' ', n, c.cluster ?? '', c.user ?? '', c.namespace ?? ''];
    });
    const text = formatTable(['CURRENT', 'NAME', 'CLUSTER', 'AUTHINFO', 'NAMESPACE'], rows);
    k.out(headers ? text || 'CURRENT   NAME   CLUSTER   AUTHINFO   NAMESPACE\n' : text.split('\n').slice(1).join('\n'));
  }
  if (errors.length) throw new KubectlError(errors.length === 1 ? errors[0]! : `[${errors.join(', ')}]`);
  return 0;
}

function useContext(k: Kubectl): number {
  const name = k.parsed.args[1];
  if (k.parsed.args.length !== 2)
    throw usageError('config use-context', `Unexpected args: [${k.parsed.args.slice(1).join(' ')}]`);
  if (!name) throw new KubectlError('empty context names are not allowed');
  const loaded = load(k);
  if (!loaded.config.contexts.has(name)) throw new KubectlError(`no context exists with the name: "${name}"`);
  const next = copy(loaded.config);
  next.currentContext = name;
  save(k, loaded, next);
  k.out(`Switched to context "${name}".\n`);
  return 0;
}

function setContext(k: Kubectl): number {
  if (k.parsed.args.length > 2)
    throw usageError('config set-context', `Unexpected args: [${k.parsed.args.slice(1).join(' ')}]`);
  const current = bool(k.parsed, 'current');
  let name = k.parsed.args[1] ?? '';
  if (!name && !current) throw new KubectlError('you must specify a non-empty context name or --current');
  if (name && current) throw new KubectlError('you cannot specify both a context name and --current');
  const loaded = load(k);
  if (current) {
    if (!loaded.config.currentContext) throw new KubectlError('no current context is set');
    name = loaded.config.currentContext;
  }
  const next = copy(loaded.config);
  const exists = next.contexts.has(name);
  const ctx = { ...(next.contexts.get(name) ?? {}) };
  const cluster = str(k.parsed, 'cluster');
  const user = str(k.parsed, 'user');
  const ns = str(k.parsed, 'namespace');
  if (cluster !== undefined) ctx.cluster = cluster;
  if (user !== undefined) ctx.user = user;
  if (ns !== undefined) ctx.namespace = ns;
  for (const key of ['cluster', 'user', 'namespace'] as const) if (ctx[key] === '') delete ctx[key];
  next.contexts.set(name, ctx);
  save(k, loaded, next);
  k.out(`Context "${name}" ${exists ? 'modified' : 'created'}.\n`);
  return 0;
}

function setCredentials(k: Kubectl): number {
  const args = k.parsed.args.slice(1);
  if (args.length !== 1) throw new KubectlError(`unexpected args: [${args.join(' ')}]`);
  const name = args[0]!;
  if (!name) throw new KubectlError('you must specify a non-empty user name');
  if (str(k.parsed, 'exec-command') !== undefined)
    throw new KubectlError('netlab: kubectl config set-credentials --exec-command is not emulated');
  const token = str(k.parsed, 'token');
  const username = str(k.parsed, 'username');
  const password = str(k.parsed, 'password');
  const methods = [...(token ? ['--token'] : []), ...(username || password ? ['--username/--password'] : [])];
  if (methods.length > 1)
    throw new KubectlError(
      `you cannot specify more than one authentication method at the same time: ${methods.join(', ')}`,
    );
  const embed = optionalBool(k, 'embed-certs') ?? false;
  const certPath = str(k.parsed, 'client-certificate');
  const keyPath = str(k.parsed, 'client-key');
  if (embed) {
    if (!certPath && !keyPath)
      throw new KubectlError('you must specify a --client-certificate or --client-key to embed');
    for (const [flag, p] of [
      ['client-certificate', certPath],
      ['client-key', keyPath],
    ] as const)
      if (p && readFileText(k, p) === undefined)
        throw new KubectlError(`could not stat ${flag} file ${p}: stat ${p}: no such file or directory`);
  }
  const loaded = load(k);
  const next = copy(loaded.config);
  const u = { ...(next.users.get(name) ?? {}) };
  if (certPath !== undefined) {
    if (embed) {
      u['client-certificate-data'] = b64(readFileText(k, certPath) ?? '');
      delete u['client-certificate'];
    } else {
      u['client-certificate'] = resolvePath(k.ctx.cwd, certPath);
      delete u['client-certificate-data'];
    }
  }
  if (keyPath !== undefined) {
    if (embed) {
      u['client-key-data'] = b64(readFileText(k, keyPath) ?? '');
      delete u['client-key'];
    } else {
      u['client-key'] = resolvePath(k.ctx.cwd, keyPath);
      delete u['client-key-data'];
    }
  }
  if (token !== undefined) u.token = token;
  if (username !== undefined) u.username = username;
  if (password !== undefined) u.password = password;
  // Setting one kind of credential clears the other (token versus basic auth).
  if (token) {
    delete u.username;
    delete u.password;
  } else if (username || password) delete u.token;
  for (const key of Object.keys(u) as (keyof typeof u)[]) if (u[key] === '') delete u[key];
  next.users.set(name, u);
  save(k, loaded, next);
  k.out(`User "${name}" set.\n`);
  return 0;
}

function setCluster(k: Kubectl): number {
  const args = k.parsed.args.slice(1);
  if (args.length !== 1) throw usageError('config set-cluster', `Unexpected args: [${args.join(' ')}]`);
  const name = args[0]!;
  const ca = str(k.parsed, 'certificate-authority');
  const insecure = optionalBool(k, 'insecure-skip-tls-verify');
  const embed = optionalBool(k, 'embed-certs') ?? false;
  if (insecure && ca)
    throw new KubectlError('you cannot specify a certificate authority and insecure mode at the same time');
  if (embed) {
    if (!ca) throw new KubectlError('you must specify a --certificate-authority to embed');
    if (readFileText(k, ca) === undefined)
      throw new KubectlError(`could not stat certificate-authority file ${ca}: stat ${ca}: no such file or directory`);
  }
  const loaded = load(k);
  const next = copy(loaded.config);
  const c = { ...(next.clusters.get(name) ?? {}) };
  const server = str(k.parsed, 'server');
  if (server !== undefined) c.server = server;
  const tls = str(k.parsed, 'tls-server-name');
  if (tls !== undefined) c['tls-server-name'] = tls;
  if (insecure !== undefined) {
    if (insecure) {
      c['insecure-skip-tls-verify'] = true;
      delete c['certificate-authority'];
      delete c['certificate-authority-data'];
    } else delete c['insecure-skip-tls-verify'];
  }
  if (ca !== undefined) {
    if (embed) {
      c['certificate-authority-data'] = b64(readFileText(k, ca)!);
      delete c['certificate-authority'];
    } else {
      c['certificate-authority'] = resolvePath(k.ctx.cwd, ca);
      delete c['certificate-authority-data'];
    }
    delete c['insecure-skip-tls-verify'];
  }
  next.clusters.set(name, c);
  save(k, loaded, next);
  k.out(`Cluster "${name}" set.\n`);
  return 0;
}

function deleteEntry(k: Kubectl, kind: 'contexts' | 'clusters' | 'users', word: string): number {
  const name = k.parsed.args[1];
  if (!name) {
    if (kind === 'users') throw usageError('config delete-user', 'user to delete is required');
    throw usageError(`config delete-${word}`, `Unexpected args: []`);
  }
  const loaded = load(k);
  const file = loaded.origin[kind].get(name) ?? loaded.defaultFile;
  if (!loaded.config[kind].has(name)) throw new KubectlError(`cannot delete ${word} ${name}, not in ${file}`);
  const next = copy(loaded.config);
  next[kind].delete(name);
  save(k, loaded, next);
  if (kind === 'contexts' && loaded.config.currentContext === name)
    k.err('warning: this removed your active context, use "kubectl config use-context" to select a different one\n');
  k.out(`deleted ${word} ${name} from ${file}\n`);
  return 0;
}

function renameContext(k: Kubectl): number {
  const [, from, to] = k.parsed.args;
  if (k.parsed.args.length !== 3)
    throw usageError('config rename-context', `Unexpected args: [${k.parsed.args.slice(1).join(' ')}]`);
  if (!to) throw new KubectlError('You must specify a new non-empty context name');
  const loaded = load(k);
  const file = loaded.origin.contexts.get(from!) ?? loaded.defaultFile;
  if (!loaded.config.contexts.has(from!))
    throw new KubectlError(`cannot rename the context "${from}", it's not in ${file}`);
  if (loaded.config.contexts.has(to))
    throw new KubectlError(`cannot rename the context "${from}", the context "${to}" already exists in ${file}`);
  const next = copy(loaded.config);
  next.contexts.set(to, next.contexts.get(from!)!);
  next.contexts.delete(from!);
  if (next.currentContext === from) next.currentContext = to;
  save(k, loaded, next);
  k.out(`Context "${from}" renamed to "${to}".\n`);
  return 0;
}

/** Run `kubectl config SUB`. */
export function runConfig(k: Kubectl): number {
  const [sub] = k.parsed.args;
  switch (sub) {
    case 'view':
      return view(k);
    case 'current-context': {
      const { config } = load(k);
      if (!config.currentContext) throw new KubectlError('current-context is not set');
      k.out(`${config.currentContext}\n`);
      return 0;
    }
    case 'get-contexts':
      return getContexts(k);
    case 'get-clusters':
    case 'get-users': {
      const { config } = load(k);
      const names = [...(sub === 'get-clusters' ? config.clusters : config.users).keys()].sort();
      k.out(`NAME\n${names.map((n) => `${n}\n`).join('')}`);
      return 0;
    }
    case 'use-context':
    case 'use':
      return useContext(k);
    case 'set-context':
      return setContext(k);
    case 'set-credentials':
      return setCredentials(k);
    case 'set-cluster':
      return setCluster(k);
    case 'delete-context':
      return deleteEntry(k, 'contexts', 'context');
    case 'delete-cluster':
      return deleteEntry(k, 'clusters', 'cluster');
    case 'delete-user':
      return deleteEntry(k, 'users', 'user');
    case 'rename-context':
      return renameContext(k);
    case undefined:
      throw usageError('config', 'unknown command "" for "kubectl config"');
    default:
      throw new KubectlError(`netlab: kubectl config ${sub} is not emulated`);
  }
}
