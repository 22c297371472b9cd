/**
 * The state of one running shell: where it runs, its cwd, variables (and which are exported),
 * aliases, functions, positional parameters and `$?`. Subshells, pipeline stages and command
 * substitutions run on a clone, as bash forks for them.
 */
import type { Emulator } from '../emulator';
import { MAX_VARIABLE_CHARS, NotEmulatedError } from '../core/limits';
import type { Command } from './ast';
import type { ExitHook, LocationRef } from './types';
import { homeDir } from './vfs';
import { hostnameAt, userAt } from './location';
import { isEc2Node } from './accounts';
import { containerEnv } from '../cluster/envvars';

export const DEFAULT_PATH = '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin';

/** The JSON form of a ShellState, for session snapshots. */
export interface ShellStateSnapshot {
  location: LocationRef;
  shellName: string;
  cwd: string;
  vars: Array<[string, string]>;
  exported: string[];
  aliases: Array<[string, string]>;
  functions: Array<[string, Command]>;
  lastStatus: number;
  /** What leaving this shell does (see ExitHook). */
  onExit?: ExitHook;
}

export class ShellState {
  vars = new Map<string, string>();
  exported = new Set<string>();
  aliases = new Map<string, string>();
  functions = new Map<string, Command>();
  positional: string[] = [];
  lastStatus = 0;
  /** Saved values of `local` variables, one frame per running function. */
  localFrames: Array<Map<string, string | undefined>> = [];
  /** What leaving this interactive shell does (a level of the session's stack only; clones do not inherit it). */
  onExit?: ExitHook;

  constructor(
    public location: LocationRef,
    public shellName: string,
    public cwd: string,
  ) {}

  /** A fresh login shell at `loc` with the usual environment (and `k=kubectl` on the host). */
  static login(emu: Emulator, loc: LocationRef, shellName = 'bash', cwd?: string): ShellState {
    const home = homeDir(loc);
    // A login over ssh (EC2 workers) starts at home; `docker exec` into a container starts at /.
    const start = cwd ?? (loc.kind === 'host' || isEc2Node(loc) ? home : '/');
    const s = new ShellState(loc, shellName, start);
    const env: Record<string, string> = {
      HOME: home,
      HOSTNAME: hostnameAt(emu, loc),
      PATH: DEFAULT_PATH,
      PWD: start,
      SHELL: shellName === 'bash' ? '/bin/bash' : shellName === 'zsh' ? '/bin/zsh' : '/bin/sh',
      TERM: 'xterm-256color',
      USER: userAt(loc),
    };
    for (const [k, v] of Object.entries(env)) s.setVar(k, v, true);
    // In a pod, the container's environment as the kubelet made it (its env, the service links).
    if (loc.kind === 'pod') {
      const pod = emu.store.get('pods', loc.namespace, loc.pod);
      if (pod) for (const [k, v] of containerEnv(emu.store, pod, loc.container)) s.setVar(k, v, true);
    }
    if (loc.kind === 'host') s.aliases.set('k', 'kubectl');
    return s;
  }

  getVar(name: string): string | undefined {
    return this.vars.get(name);
  }

  setVar(name: string, value: string, exported = false): void {
    if (value.length > MAX_VARIABLE_CHARS)
      throw new NotEmulatedError(
        `a variable of ${value.length} characters ($${name}) is not emulated beyond ${MAX_VARIABLE_CHARS}`,
      );
    this.vars.set(name, value);
    if (exported) this.exported.add(name);
    if (name === 'PWD') this.cwd = value;
  }

  unsetVar(name: string): void {
    this.vars.delete(name);
    this.exported.delete(name);
  }

  setCwd(path: string): void {
    const old = this.cwd;
    this.cwd = path;
    if (old !== path) this.vars.set('OLDPWD', old);
    this.vars.set('PWD', path);
  }

  /** The exported environment, sorted by name (as `env` prints it, deterministic). */
  env(): Record<string, string> {
    const out: Record<string, string> = {};
    for (const k of [...this.exported].sort()) {
      const v = this.vars.get(k);
      if (v !== undefined) out[k] = v;
    }
    return out;
  }

  /** A subshell's copy: same variables, aliases and functions, independent from now on. */
  clone(): ShellState {
    const s = new ShellState(this.location, this.shellName, this.cwd);
    s.vars = new Map(this.vars);
    s.exported = new Set(this.exported);
    s.aliases = new Map(this.aliases);
    s.functions = new Map(this.functions);
    s.positional = [...this.positional];
    s.lastStatus = this.lastStatus;
    return s;
  }

  snapshot(): ShellStateSnapshot {
    return {
      location: structuredClone(this.location),
      shellName: this.shellName,
      cwd: this.cwd,
      vars: [...this.vars],
      exported: [...this.exported],
      aliases: [...this.aliases],
      functions: structuredClone([...this.functions]),
      lastStatus: this.lastStatus,
      ...(this.onExit ? { onExit: structuredClone(this.onExit) } : {}),
    };
  }

  static restore(snap: ShellStateSnapshot): ShellState {
    const s = new ShellState(snap.location, snap.shellName, snap.cwd);
    s.vars = new Map(snap.vars);
    s.exported = new Set(snap.exported);
    s.aliases = new Map(snap.aliases);
    s.functions = new Map(structuredClone(snap.functions));
    s.lastStatus = snap.lastStatus;
    if (snap.onExit) s.onExit = structuredClone(snap.onExit);
    return s;
  }
}
