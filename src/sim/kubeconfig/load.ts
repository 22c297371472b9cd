/**
 * Where kubectl finds its kubeconfig and how it writes it back (client-go clientcmd's loading
 * rules): `--kubeconfig FILE` alone, else every file of `$KUBECONFIG` (colon-separated, missing ones
 * skipped, the first file to name an entry wins), else `~/.kube/config`. Relative certificate and
 * key paths in a file are relative to that file's directory. `kubectl config set-*` changes an entry
 * in the file it came from and adds new ones to the default file (the explicit one, else the first
 * existing file of $KUBECONFIG, else its last, else ~/.kube/config), relativising paths as it writes.
 */
import type { Emulator } from '../emulator';
import type { LocationRef } from '../shell/types';
import { homeAt } from '../shell/accounts';
import { parentOf, readFileText, resolvePath } from '../shell/vfs';
import {
  cloneKubeconfig,
  emptyKubeconfig,
  parseKubeconfig,
  serializeKubeconfig,
  type Kubeconfig,
  type KubeconfigCluster,
  type KubeconfigUser,
} from './kubeconfig';

export interface KubeconfigSource {
  emu: Emulator;
  location: LocationRef;
  cwd: string;
  env: Readonly<Record<string, string>>;
  /** `--kubeconfig`. */
  explicit?: string;
}

export interface LoadedKubeconfig {
  /** The merged view. */
  config: Kubeconfig;
  /** The file each entry came from. */
  origin: { clusters: Map<string, string>; users: Map<string, string>; contexts: Map<string, string> };
  /** Where new entries and the current context are written. */
  defaultFile: string;
  /** Whether any kubeconfig file exists at all. */
  found: boolean;
}

export type LoadResult = { ok: true; loaded: LoadedKubeconfig } | { ok: false; error: string };

/** The login's `~/.kube/config`. */
export function homeKubeconfig(loc: LocationRef): string {
  return `${homeAt(loc)}/.kube/config`;
}

function readText(src: KubeconfigSource, path: string): string | undefined {
  return readFileText(src.emu.files, src.location, path);
}

function exists(src: KubeconfigSource, path: string): boolean {
  return readText(src, path) !== undefined;
}

/** The kubeconfig files in precedence order, and which file gets new entries. */
export function kubeconfigFiles(src: KubeconfigSource): { files: string[]; defaultFile: string; explicit: boolean } {
  if (src.explicit !== undefined) {
    const f = resolvePath(src.cwd, src.explicit);
    return { files: [f], defaultFile: f, explicit: true };
  }
  const env = src.env.KUBECONFIG;
  if (env) {
    const files = [
      ...new Set(
        env
          .split(':')
          .filter(Boolean)
          .map((p) => resolvePath(src.cwd, p)),
      ),
    ];
    const first = files.find((f) => exists(src, f));
    return { files, defaultFile: first ?? files[files.length - 1] ?? homeKubeconfig(src.location), explicit: false };
  }
  const home = homeKubeconfig(src.location);
  return { files: [home], defaultFile: home, explicit: false };
}

/** Paths inside a file, made absolute against the file's directory (clientcmd.ResolveLocalPaths). */
function resolvePaths(file: string, c: Kubeconfig): Kubeconfig {
  const dir = parentOf(file);
  const abs = (p: string | undefined) => (p === undefined ? undefined : resolvePath(dir, p));
  const out: Kubeconfig = { ...c, clusters: new Map(), users: new Map() };
  for (const [n, cl] of c.clusters) {
    const v: KubeconfigCluster = { ...cl };
    if (cl['certificate-authority']) v['certificate-authority'] = abs(cl['certificate-authority']);
    out.clusters.set(n, v);
  }
  for (const [n, u] of c.users) {
    const v: KubeconfigUser = { ...u };
    if (u['client-certificate']) v['client-certificate'] = abs(u['client-certificate']);
    if (u['client-key']) v['client-key'] = abs(u['client-key']);
    out.users.set(n, v);
  }
  return out;
}

/** `path` relative to `dir`, as filepath.Rel does (`../dev.crt`). */
function relativeTo(dir: string, path: string): string {
  const a = dir.split('/').filter(Boolean);
  const b = path.split('/').filter(Boolean);
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  return [...a.slice(i).map(() => '..'), ...b.slice(i)].join('/') || '.';
}

/** The merged config with each entry's paths as its own file holds them (what `kubectl config view` shows). */
export function asWritten(loaded: LoadedKubeconfig): Kubeconfig {
  const c = loaded.config;
  const out: Kubeconfig = { ...c, clusters: new Map(), users: new Map() };
  for (const [n, cl] of c.clusters) {
    const file = loaded.origin.clusters.get(n) ?? loaded.defaultFile;
    const one: Kubeconfig = { ...c, clusters: new Map([[n, cl]]), users: new Map() };
    out.clusters.set(n, relativizePaths(file, one).clusters.get(n)!);
  }
  for (const [n, u] of c.users) {
    const file = loaded.origin.users.get(n) ?? loaded.defaultFile;
    const one: Kubeconfig = { ...c, clusters: new Map(), users: new Map([[n, u]]) };
    out.users.set(n, relativizePaths(file, one).users.get(n)!);
  }
  return out;
}

/** Paths made relative to the file they are written to (clientcmd.RelativizeConfigPaths). */
function relativizePaths(file: string, c: Kubeconfig): Kubeconfig {
  const dir = parentOf(file);
  const rel = (p: string | undefined) => (p === undefined || !p.startsWith('/') ? p : relativeTo(dir, p));
  const out: Kubeconfig = { ...c, clusters: new Map(), users: new Map() };
  for (const [n, cl] of c.clusters) {
    const v: KubeconfigCluster = { ...cl };
    if (cl['certificate-authority']) v['certificate-authority'] = rel(cl['certificate-authority']);
    out.clusters.set(n, v);
  }
  for (const [n, u] of c.users) {
    const v: KubeconfigUser = { ...u };
    if (u['client-certificate']) v['client-certificate'] = rel(u['client-certificate']);
    if (u['client-key']) v['client-key'] = rel(u['client-key']);
    out.users.set(n, v);
  }
  return out;
}

const parseCache = new Map<string, Kubeconfig>();

function parseCached(text: string, file: string): { ok: true; config: Kubeconfig } | { ok: false; error: string } {
  const key = `${file}\n${text}`;
  const hit = parseCache.get(key);
  if (hit) return { ok: true, config: cloneKubeconfig(hit) };
  const r = parseKubeconfig(text, file);
  if (r.ok) {
    if (parseCache.size > 32) parseCache.clear();
    parseCache.set(key, cloneKubeconfig(r.config));
  }
  return r;
}

/** Load and merge the kubeconfig files kubectl would read here. */
export function loadKubeconfig(src: KubeconfigSource): LoadResult {
  const { files, defaultFile, explicit } = kubeconfigFiles(src);
  const config = emptyKubeconfig();
  const origin = {
    clusters: new Map<string, string>(),
    users: new Map<string, string>(),
    contexts: new Map<string, string>(),
  };
  let found = false;
  for (const file of files) {
    const text = readText(src, file);
    if (text === undefined) {
      if (explicit) return { ok: false, error: `stat ${src.explicit}: no such file or directory` };
      continue;
    }
    found = true;
    const parsed = parseCached(text, file);
    if (!parsed.ok) return parsed;
    const c = resolvePaths(file, parsed.config);
    for (const [kind, map] of [
      ['clusters', c.clusters],
      ['users', c.users],
      ['contexts', c.contexts],
    ] as const) {
      for (const [name, v] of map) {
        if ((config[kind] as Map<string, unknown>).has(name)) continue;
        (config[kind] as Map<string, unknown>).set(name, v);
        origin[kind].set(name, file);
      }
    }
    if (!config.currentContext && c.currentContext) config.currentContext = c.currentContext;
  }
  return { ok: true, loaded: { config, origin, defaultFile, found } };
}

/**
 * Write `next` back (clientcmd.ModifyConfig): each changed or new entry to the file it lives in (new
 * ones to the default file), entries gone from `next` removed from theirs, the current context to the
 * default file. Returns an error text when a file cannot be written.
 */
export function saveKubeconfig(src: KubeconfigSource, loaded: LoadedKubeconfig, next: Kubeconfig): string | undefined {
  const files = new Map<string, Kubeconfig>();
  const fileConfig = (file: string): Kubeconfig => {
    let c = files.get(file);
    if (!c) {
      const text = readText(src, file);
      const parsed = text === undefined ? undefined : parseKubeconfig(text, file);
      c = parsed?.ok ? resolvePaths(file, parsed.config) : emptyKubeconfig();
      files.set(file, c);
    }
    return c;
  };
  for (const kind of ['clusters', 'users', 'contexts'] as const) {
    const before = loaded.config[kind] as Map<string, unknown>;
    const after = next[kind] as Map<string, unknown>;
    for (const [name, v] of after) {
      if (JSON.stringify(before.get(name)) === JSON.stringify(v)) continue;
      const file = loaded.origin[kind].get(name) ?? loaded.defaultFile;
      (fileConfig(file)[kind] as Map<string, unknown>).set(name, v);
    }
    for (const name of before.keys()) {
      if (after.has(name)) continue;
      const file = loaded.origin[kind].get(name);
      if (file) (fileConfig(file)[kind] as Map<string, unknown>).delete(name);
    }
  }
  if (next.currentContext !== loaded.config.currentContext)
    fileConfig(loaded.defaultFile).currentContext = next.currentContext;
  for (const [file, c] of files) {
    const dir = parentOf(file);
    if (src.emu.files.stat(src.location, dir)?.type !== 'dir') src.emu.files.mkdir(src.location, dir, true);
    const err = src.emu.files.write(src.location, file, serializeKubeconfig(relativizePaths(file, c)));
    if (err) return `open ${file}: ${err === 'EACCES' ? 'permission denied' : 'no such file or directory'}`;
  }
  return undefined;
}

/**
 * The learner's kubeconfig as it is now (`~/.kube/config` on the host): its text once they changed
 * it, undefined while it is still the one the cluster was made with. Grading captures it when an
 * exercise starts and puts it back for checks that must not depend on `kubectl config use-context`.
 */
export function captureKubeconfig(emu: Emulator): string | undefined {
  const host: LocationRef = { kind: 'host' };
  const path = homeKubeconfig(host);
  if (!emu.files.isChanged(host, path)) return undefined;
  return readFileText(emu.files, host, path) ?? '';
}

/** Put back a kubeconfig `captureKubeconfig` took ('' stands for a removed file). */
export function restoreKubeconfig(emu: Emulator, captured: string | undefined): void {
  const host: LocationRef = { kind: 'host' };
  const path = homeKubeconfig(host);
  emu.files.restoreInitial(host, path);
  if (captured === '') emu.files.rm(host, path);
  else if (captured !== undefined) emu.files.write(host, path, captured);
}
