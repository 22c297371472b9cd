/**
 * Per-location virtual filesystems: the host's home directory, each node's and each pod's files.
 * One tree per location id, created lazily from a fixed starting content (so a snapshot stores only
 * what learners wrote, changed or removed). Files other subsystems own (a pod's /etc/resolv.conf,
 * /proc/sys/net/ipv4/ip_forward) are served by providers at read time and never stored.
 */
import type { Emulator } from '../emulator';
import type { LocationKind, LocationRef } from './types';
import { CLOCK_EPOCH } from '../core/clock';
import { matchPattern, hasGlobChars } from './pattern';
import { EC2_USER, HOST_HOME, HOST_USER, homeAt, isEc2Node } from './accounts';

export type FsError = 'ENOENT' | 'EISDIR' | 'ENOTDIR' | 'EEXIST' | 'ENOTEMPTY' | 'EACCES';

/** The text coreutils print for each error (strerror). */
export const FS_ERROR_TEXT: Record<FsError, string> = {
  ENOENT: 'No such file or directory',
  EISDIR: 'Is a directory',
  ENOTDIR: 'Not a directory',
  EEXIST: 'File exists',
  ENOTEMPTY: 'Directory not empty',
  EACCES: 'Permission denied',
};

export type FsEntry =
  { type: 'file'; content: string; mode: number; mtime: number } | { type: 'dir'; mode: number; mtime: number };

export interface FsStat {
  type: 'file' | 'dir';
  mode: number;
  mtime: number;
  size: number;
  /** Served by a provider (not stored). */
  generated: boolean;
}

export interface ProviderContext {
  emulator: Emulator;
  location: LocationRef;
  path: string;
}

/** A file generated at read time by another subsystem. */
export interface FileProvider {
  /** Absolute path served (with `names`: the directory whose files it serves). */
  path: string;
  /** Locations that have the file; default everywhere. */
  kinds?: LocationKind[];
  /**
   * For a directory of generated files (`/proc/net/xt_recent`): the names of its files now, or
   * undefined when the directory does not exist at this location. `read` and `write` then get
   * the path of one of them.
   */
  names?(ctx: ProviderContext): string[] | undefined;
  /** The content now, or undefined when the file does not exist at this location. */
  read(ctx: ProviderContext): string | undefined;
  /** Accept a write (`echo 1 > /proc/sys/net/ipv4/ip_forward`); without it the file is read-only. */
  write?(ctx: ProviderContext, content: string): void;
  /**
   * An ordinary file whose first content comes from the model (a kubeconfig kind wrote, a node's
   * certificates): served until the learner writes, moves or removes it, then stored like any file.
   */
  initial?: boolean;
  /** Permission bits `ls -l` shows (default 0644). */
  mode?: number;
}

/** A file's text, or undefined when it is missing or a directory (cheaper than stat + read for big generated files). */
export function readFileText(files: FileSystems, loc: LocationRef, path: string): string | undefined {
  const r = files.read(loc, path);
  if (!(r in FS_ERROR_TEXT)) return r;
  return files.stat(loc, path)?.type === 'file' ? r : undefined;
}

/** The stable id of a location's filesystem: `host`, `node/NAME`, `pod/NS/NAME`. */
export function locationId(loc: LocationRef): string {
  if (loc.kind === 'host') return 'host';
  if (loc.kind === 'node') return `node/${loc.node}`;
  if (loc.kind === 'container') return `container/${loc.name}`;
  return `pod/${loc.namespace}/${loc.pod}`;
}

/** The login user's home directory at a location. */
export function homeDir(loc: LocationRef): string {
  return homeAt(loc);
}

export { HOST_USER, HOST_HOME };
export const HOST_HOSTNAME = 'netlab';

/** Normalise `path` against `cwd` (`.`, `..`, repeated slashes); `~` is the shell's job, not this. */
export function resolvePath(cwd: string, path: string): string {
  const parts = (path.startsWith('/') ? path : `${cwd}/${path}`).split('/');
  const out: string[] = [];
  for (const p of parts) {
    if (p === '' || p === '.') continue;
    if (p === '..') out.pop();
    else out.push(p);
  }
  return '/' + out.join('/');
}

/** The directory holding an absolute path (`/` for top-level entries and `/` itself). */
export function parentOf(path: string): string {
  const i = path.lastIndexOf('/');
  return i <= 0 ? '/' : path.slice(0, i);
}

/** Files every location starts with; mtimes a little before the scenario's clock start. */
const BASE_MTIME = CLOCK_EPOCH - 3600_000;

const UBUNTU_OS_RELEASE = `PRETTY_NAME="Ubuntu 24.04.1 LTS"
NAME="Ubuntu"
VERSION_ID="24.04"
VERSION="24.04.1 LTS (Noble Numbat)"
VERSION_CODENAME=noble
ID=ubuntu
ID_LIKE=debian
HOME_URL="https://www.ubuntu.com/"
SUPPORT_URL="https://help.ubuntu.com/"
BUG_REPORT_URL="https://bugs.launchpad.net/ubuntu/"
PRIVACY_POLICY_URL="https://www.ubuntu.com/legal/terms-and-policies/privacy-policy"
UBUNTU_CODENAME=noble
LOGO=ubuntu-logo
`;

/** kindest/node images are built on Debian bookworm. */
const DEBIAN_OS_RELEASE = `PRETTY_NAME="Debian GNU/Linux 12 (bookworm)"
NAME="Debian GNU/Linux"
VERSION_ID="12"
VERSION="12 (bookworm)"
VERSION_CODENAME=bookworm
ID=debian
HOME_URL="https://www.debian.org/"
SUPPORT_URL="https://www.debian.org/support"
BUG_REPORT_URL="https://bugs.debian.org/"
`;

function baseContent(loc: LocationRef): Record<string, string | null> {
  // null = directory
  const common: Record<string, string | null> = {
    '/': null,
    '/etc': null,
    '/tmp': null,
    '/root': null,
    '/dev': null,
    '/proc': null,
    '/usr': null,
    '/usr/bin': null,
    '/var': null,
  };
  if (loc.kind === 'host') {
    return {
      ...common,
      '/home': null,
      [HOST_HOME]: null,
      '/etc/hostname': `${HOST_HOSTNAME}\n`,
      '/etc/os-release': UBUNTU_OS_RELEASE,
      '/etc/hosts': `127.0.0.1 localhost\n127.0.1.1 ${HOST_HOSTNAME}\n`,
    };
  }
  if (loc.kind === 'node') {
    // EC2 workers have the home of the user ssh logs in as.
    // EC2 workers have the home of the user ssh logs in as, and Amazon Linux 2023's /etc/hosts.
    const ec2: Record<string, string | null> = isEc2Node(loc)
      ? {
          '/home': null,
          [`/home/${EC2_USER}`]: null,
          '/etc/hosts':
            '127.0.0.1   localhost localhost.localdomain localhost4 localhost4.localdomain4\n::1         localhost6 localhost6.localdomain6\n',
        }
      : {};
    return { ...common, ...ec2, '/etc/hostname': `${loc.node}\n`, '/etc/os-release': DEBIAN_OS_RELEASE };
  }
  // A docker container's /etc/hostname and /etc/hosts come from docker (docker/files.ts).
  if (loc.kind === 'container') return common;
  return { ...common, '/etc/hostname': `${loc.pod}\n` };
}

interface Tree {
  entries: Map<string, FsEntry>;
  /** Paths learners wrote or created (stored in snapshots). */
  changed: Set<string>;
  /** Base paths learners removed. */
  removed: Set<string>;
}

interface TreeSnapshot {
  entries: Record<string, FsEntry>;
  removed: string[];
}

export class FileSystems {
  private trees = new Map<string, Tree>();
  private readonly providers: FileProvider[];

  /** `providers`: the generated files every location may have (the composition root lists them). */
  constructor(
    readonly emu: Emulator,
    providers: readonly FileProvider[] = [],
  ) {
    this.providers = [...providers];
  }

  /** Add a generated file for this emulator only (tests); it comes before the built-in providers of the same path. */
  registerProvider(provider: FileProvider): void {
    this.providers.unshift(provider);
  }

  private tree(loc: LocationRef): Tree {
    const id = locationId(loc);
    let t = this.trees.get(id);
    if (!t) {
      t = { entries: new Map(), changed: new Set(), removed: new Set() };
      for (const [p, c] of Object.entries(baseContent(loc))) {
        t.entries.set(
          p,
          c === null
            ? { type: 'dir', mode: p === '/tmp' ? 0o1777 : 0o755, mtime: BASE_MTIME }
            : { type: 'file', content: c, mode: 0o644, mtime: BASE_MTIME },
        );
      }
      this.trees.set(id, t);
    }
    return t;
  }

  private provider(loc: LocationRef, path: string): FileProvider | undefined {
    const p = this.providers.find(
      (p) =>
        (!p.kinds || p.kinds.includes(loc.kind)) &&
        (p.names
          ? parentOf(path) === p.path && (this.namesOf(p, loc) ?? []).includes(path.slice(p.path.length + 1))
          : p.path === path),
    );
    // An initial file the learner has written or removed is theirs now.
    if (p?.initial) {
      const t = this.tree(loc);
      if (t.changed.has(path) || t.removed.has(path)) return undefined;
    }
    return p;
  }

  /** The files a directory provider serves at `loc`, or undefined where its directory does not exist. */
  private namesOf(p: FileProvider, loc: LocationRef): string[] | undefined {
    return p.names?.({ emulator: this.emu, location: loc, path: p.path });
  }

  /** Whether a provider's path exists at `loc` (its file has content, or its directory exists). */
  private present(p: FileProvider, loc: LocationRef): boolean {
    if (p.kinds && !p.kinds.includes(loc.kind)) return false;
    if (p.names) return this.namesOf(p, loc) !== undefined;
    return p.read({ emulator: this.emu, location: loc, path: p.path }) !== undefined;
  }

  private generated(loc: LocationRef, path: string): string | undefined {
    if (path === '/dev/null') return '';
    return this.provider(loc, path)?.read({ emulator: this.emu, location: loc, path });
  }

  /** Directories implied by providers' paths (`/proc/sys/net/ipv4`). */
  private impliedDir(loc: LocationRef, path: string): boolean {
    const prefix = path === '/' ? '/' : path + '/';
    return this.providers.some(
      (p) =>
        (p.path.startsWith(prefix) || (p.names !== undefined && p.path === path)) &&
        (!p.initial || this.provider(loc, p.path) === p) &&
        this.present(p, loc),
    );
  }

  /** Information about a path, or undefined when it does not exist. */
  stat(loc: LocationRef, path: string): FsStat | undefined {
    const gen = this.generated(loc, path);
    if (gen !== undefined) {
      const p = this.provider(loc, path)!;
      return {
        type: 'file',
        mode: p?.mode ?? 0o644,
        mtime: p?.initial ? BASE_MTIME : this.emu.clock.now(),
        size: utf8Length(gen),
        generated: !p?.initial,
      };
    }
    const e = this.tree(loc).entries.get(path);
    if (e)
      return {
        type: e.type,
        mode: e.mode,
        mtime: e.mtime,
        size: e.type === 'file' ? utf8Length(e.content) : 4096,
        generated: false,
      };
    if (this.impliedDir(loc, path))
      return { type: 'dir', mode: 0o555, mtime: this.emu.clock.now(), size: 0, generated: true };
    return undefined;
  }

  /** A file's content, or an error. */
  read(loc: LocationRef, path: string): string | FsError {
    const gen = this.generated(loc, path);
    if (gen !== undefined) return gen;
    const e = this.tree(loc).entries.get(path);
    if (!e) return this.impliedDir(loc, path) ? 'EISDIR' : this.missingReason(loc, path);
    if (e.type === 'dir') return 'EISDIR';
    return e.content;
  }

  /** ENOTDIR when a parent is a file, ENOENT otherwise. */
  private missingReason(loc: LocationRef, path: string): FsError {
    const t = this.tree(loc);
    for (let p = parentOf(path); p !== '/'; p = parentOf(p)) {
      const e = t.entries.get(p);
      if (e?.type === 'file') return 'ENOTDIR';
      if (e) break;
    }
    return 'ENOENT';
  }

  /** Create or replace (or append to) a file; the parent directory must exist. */
  write(loc: LocationRef, path: string, content: string, append = false): FsError | undefined {
    if (path === '/dev/null') return undefined;
    const p = this.provider(loc, path);
    if (p?.initial) {
      // The first write makes it an ordinary file (appending keeps what was served).
      const before = p.read({ emulator: this.emu, location: loc, path });
      if (before !== undefined) {
        const t = this.tree(loc);
        this.materializeDir(loc, parentOf(path));
        t.entries.set(path, { type: 'file', content: before, mode: p.mode ?? 0o644, mtime: BASE_MTIME });
        this.touched(t, path);
      }
    } else if (p) {
      if (!p.write) return 'EACCES';
      const before = append ? (p.read({ emulator: this.emu, location: loc, path }) ?? '') : '';
      p.write({ emulator: this.emu, location: loc, path }, before + content);
      return undefined;
    }
    const t = this.tree(loc);
    const e = t.entries.get(path);
    if (e?.type === 'dir') return 'EISDIR';
    if (!t.entries.has(parentOf(path))) this.materializeDir(loc, parentOf(path));
    const parent = t.entries.get(parentOf(path));
    if (!parent) return this.missingReason(loc, path);
    if (parent.type !== 'dir') return 'ENOTDIR';
    const old = e?.type === 'file' ? e : undefined;
    t.entries.set(path, {
      type: 'file',
      content: append && old ? old.content + content : content,
      mode: old?.mode ?? 0o644,
      mtime: this.emu.clock.now(),
    });
    this.touched(t, path);
    return undefined;
  }

  /**
   * Store a directory that so far exists only because initial files lie under it (`~/.kube`,
   * `/etc/kubernetes/pki`), with its parents, so files can be written beside them.
   */
  private materializeDir(loc: LocationRef, dir: string): void {
    const t = this.tree(loc);
    if (t.entries.has(dir)) return;
    const prefix = dir === '/' ? '/' : dir + '/';
    const implied = this.providers.some(
      (p) =>
        p.initial &&
        p.path.startsWith(prefix) &&
        this.provider(loc, p.path) === p &&
        p.read({ emulator: this.emu, location: loc, path: p.path }) !== undefined,
    );
    if (!implied) return;
    this.materializeDir(loc, parentOf(dir));
    if (!t.entries.has(parentOf(dir))) return;
    t.entries.set(dir, { type: 'dir', mode: 0o755, mtime: BASE_MTIME });
    this.touched(t, dir);
  }

  /** Whether the learner has written or removed an initial file (it is then theirs, not the model's). */
  isChanged(loc: LocationRef, path: string): boolean {
    const t = this.tree(loc);
    return t.changed.has(path) || t.removed.has(path);
  }

  /** Forget what the learner did to an initial file: the model serves it again. */
  restoreInitial(loc: LocationRef, path: string): void {
    const t = this.tree(loc);
    t.entries.delete(path);
    t.changed.delete(path);
    t.removed.delete(path);
  }

  /** Create a directory (with `parents`, like `mkdir -p`). */
  mkdir(loc: LocationRef, path: string, parents = false): FsError | undefined {
    const t = this.tree(loc);
    this.materializeDir(loc, path);
    const e = t.entries.get(path);
    if (e) return parents && e.type === 'dir' ? undefined : 'EEXIST';
    const parent = parentOf(path);
    if (!t.entries.has(parent)) {
      if (!parents) return this.missingReason(loc, path);
      const err = this.mkdir(loc, parent, true);
      if (err) return err;
    }
    if (t.entries.get(parent)?.type !== 'dir') return 'ENOTDIR';
    t.entries.set(path, { type: 'dir', mode: 0o755, mtime: this.emu.clock.now() });
    this.touched(t, path);
    return undefined;
  }

  /** Remove a file, or a directory (empty unless `recursive`). */
  rm(loc: LocationRef, path: string, recursive = false): FsError | undefined {
    const t = this.tree(loc);
    const e = t.entries.get(path);
    if (!e) {
      const p = this.provider(loc, path);
      if (p?.initial && p.read({ emulator: this.emu, location: loc, path }) !== undefined) {
        t.removed.add(path);
        return undefined;
      }
      return p ? 'EACCES' : 'ENOENT';
    }
    if (e.type === 'dir') {
      const kids = [...t.entries.keys()].filter((p) => p.startsWith(path === '/' ? '/' : path + '/') && p !== path);
      const initialKids = this.providers.filter(
        (p) => p.initial && p.path.startsWith(path + '/') && this.provider(loc, p.path) === p,
      );
      if ((kids.length || initialKids.length) && !recursive) return 'ENOTEMPTY';
      for (const k of kids) this.drop(t, k);
      for (const p of initialKids) t.removed.add(p.path);
    }
    const initial = this.providers.some((p) => p.initial && p.path === path);
    this.drop(t, path);
    if (initial) t.removed.add(path);
    return undefined;
  }

  private drop(t: Tree, path: string): void {
    t.entries.delete(path);
    if (t.changed.has(path)) t.changed.delete(path);
    else t.removed.add(path);
  }

  private touched(t: Tree, path: string): void {
    t.changed.add(path);
    t.removed.delete(path);
  }

  /** Names in a directory, sorted in byte order (hidden names included). */
  list(loc: LocationRef, dir: string): string[] | FsError {
    const st = this.stat(loc, dir);
    if (!st) return this.missingReason(loc, dir);
    if (st.type !== 'dir') return 'ENOTDIR';
    const prefix = dir === '/' ? '/' : dir + '/';
    const names = new Set<string>();
    for (const p of this.tree(loc).entries.keys()) {
      if (p.startsWith(prefix) && p !== dir) {
        const rest = p.slice(prefix.length);
        if (rest && !rest.includes('/')) names.add(rest);
      }
    }
    for (const pr of this.providers) {
      if (pr.kinds && !pr.kinds.includes(loc.kind)) continue;
      if (pr.names && pr.path === dir) for (const n of this.namesOf(pr, loc) ?? []) names.add(n);
      if (!pr.path.startsWith(prefix)) continue;
      if (pr.initial && this.provider(loc, pr.path) !== pr) continue;
      const rest = pr.path.slice(prefix.length);
      const first = rest.split('/')[0]!;
      if (this.present(pr, loc)) names.add(first);
    }
    return [...names].sort(byteOrder);
  }

  /** Expand a pathname pattern (relative to `cwd`); matches sorted, [] when none. */
  glob(loc: LocationRef, cwd: string, pattern: string): string[] {
    const absolute = pattern.startsWith('/');
    const segs = pattern.split('/').filter((s, i) => s !== '' || i === 0);
    let paths: Array<{ shown: string; real: string }> = [{ shown: absolute ? '/' : '', real: absolute ? '/' : cwd }];
    if (absolute) segs.shift();
    for (const [i, seg] of segs.entries()) {
      const last = i === segs.length - 1;
      const next: Array<{ shown: string; real: string }> = [];
      for (const p of paths) {
        const join = (name: string) => ({
          shown: p.shown === '' ? name : p.shown.endsWith('/') ? p.shown + name : `${p.shown}/${name}`,
          real: resolvePath(p.real, name),
        });
        if (!hasGlobChars(seg)) {
          const name = seg.replace(/\\(.)/g, '$1');
          const j = join(name);
          const st = this.stat(loc, j.real);
          if (st && (last || st.type === 'dir')) next.push(j);
          continue;
        }
        const names = this.list(loc, p.real);
        if (typeof names === 'string') continue;
        for (const n of names) {
          if (n.startsWith('.') && !seg.startsWith('.')) continue;
          if (!matchPattern(seg, n, true)) continue;
          const j = join(n);
          if (!last && this.stat(loc, j.real)?.type !== 'dir') continue;
          next.push(j);
        }
      }
      paths = next;
    }
    return paths.map((p) => p.shown).sort(byteOrder);
  }

  snapshot(): Record<string, TreeSnapshot> {
    const out: Record<string, TreeSnapshot> = {};
    for (const [id, t] of [...this.trees].sort((a, b) => byteOrder(a[0], b[0]))) {
      if (!t.changed.size && !t.removed.size) continue;
      const entries: Record<string, FsEntry> = {};
      for (const p of [...t.changed].sort(byteOrder)) entries[p] = structuredClone(t.entries.get(p)!);
      out[id] = { entries, removed: [...t.removed].sort(byteOrder) };
    }
    return out;
  }

  restore(snap: unknown): void {
    this.trees.clear();
    if (!snap || typeof snap !== 'object') return;
    for (const [id, s] of Object.entries(snap as Record<string, TreeSnapshot>)) {
      const t = this.tree(refFromId(id));
      for (const p of s.removed ?? []) {
        t.entries.delete(p);
        t.removed.add(p);
      }
      for (const [p, e] of Object.entries(s.entries ?? {})) {
        t.entries.set(p, structuredClone(e));
        t.changed.add(p);
      }
    }
  }
}

function refFromId(id: string): LocationRef {
  const [kind, a = '', b = ''] = id.split('/');
  if (kind === 'node') return { kind: 'node', node: a };
  if (kind === 'pod') return { kind: 'pod', namespace: a, pod: b };
  if (kind === 'container') return { kind: 'container', name: a };
  return { kind: 'host' };
}

/** C-locale (byte) order, as `LC_ALL=C ls` and `sort` print. */
export function byteOrder(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Length in bytes of a UTF-8 string (what `wc -c` and `ls -l` count). */
export function utf8Length(s: string): number {
  let n = 0;
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    n += c < 0x80 ? 1 : c < 0x800 ? 2 : c < 0x10000 ? 3 : 4;
  }
  return n;
}
