/**
 * Tab completion from the one command registry: command names available at the location (with
 * aliases, functions and special builtins), then for a command's words its subcommands, flags,
 * flag values, its own `complete` hints, and file names from the location's filesystem.
 */
import type { Emulator } from '../emulator';
import type { CompletionContext, FlagSpec } from './types';
import type { ShellState } from './state';
import { isAvailable } from './commandtable';
import { SPECIAL_BUILTINS } from './special';
import { byteOrder, resolvePath } from './vfs';

export interface Completion {
  /** Where the replaced word starts in the line. */
  start: number;
  candidates: string[];
}

/** Candidates for the word under the cursor, sorted and filtered by what is typed. */
export function completeLine(emu: Emulator, state: ShellState, line: string, cursor: number): Completion {
  const before = line.slice(0, cursor);
  // The current simple command starts after the last unquoted operator.
  const cmdStart = Math.max(
    ...['|', ';', '&&', '||', '(', '`', '$('].map(
      (op) => before.lastIndexOf(op) + (before.lastIndexOf(op) >= 0 ? op.length : 0),
    ),
  );
  const segment = before.slice(Math.max(0, cmdStart));
  const m = /(\S*)$/.exec(segment)!;
  const current = m[1]!;
  const start = cursor - current.length;
  const words = segment
    .slice(0, segment.length - current.length)
    .trim()
    .split(/\s+/)
    .filter(Boolean);
  const candidates = new Set<string>();
  if (words.length === 0) {
    for (const spec of emu.commands.all()) if (isAvailable(spec, emu, state.location)) candidates.add(spec.name);
    for (const a of state.aliases.keys()) candidates.add(a);
    for (const f of state.functions.keys()) candidates.add(f);
    for (const b of Object.keys(SPECIAL_BUILTINS)) candidates.add(b);
  } else {
    const name = state.aliases.get(words[0]!)?.split(/\s+/)[0] ?? words[0]!;
    const spec = emu.commands.get(name);
    const ctx: CompletionContext = {
      emulator: emu,
      location: state.location,
      words: [name, ...words.slice(1)],
      current,
      cwd: state.cwd,
    };
    let flagValues = false;
    if (spec && isAvailable(spec, emu, state.location)) {
      const prev = words[words.length - 1]!;
      const valueFlag = spec.flags?.find((f) => f.value && f.names.includes(prev));
      const joined = /^(--[\w-]+)=(.*)$/.exec(current);
      const joinedFlag = joined && spec.flags?.find((f) => f.value && f.names.includes(joined[1]!));
      if (valueFlag) {
        for (const v of flagValuesOf(valueFlag, ctx, emu)) candidates.add(v);
        flagValues = candidates.size > 0;
      } else if (joined && joinedFlag) {
        // `--namespace=kube<Tab>`: the value after the `=`, kept with its flag.
        for (const v of flagValuesOf(joinedFlag, { ...ctx, current: joined[2]! }, emu))
          candidates.add(`${joined[1]}=${v}`);
        flagValues = true;
      } else if (current.startsWith('-')) {
        for (const f of spec.flags ?? []) for (const n of f.names) candidates.add(n);
      } else {
        if (words.length === 1) for (const s of spec.subcommands ?? []) candidates.add(s);
        for (const c of spec.complete?.(ctx) ?? []) candidates.add(c);
      }
    }
    if (!current.startsWith('-') && !flagValues) for (const f of fileCandidates(emu, state, current)) candidates.add(f);
  }
  return { start, candidates: [...candidates].filter((c) => c.startsWith(current)).sort(byteOrder) };
}

/**
 * The values a flag takes: its own list, or for a namespace flag (`-n`, `--namespace`, which
 * kubectl's completion answers with `kubectl get namespaces`) the cluster's namespaces.
 */
function flagValuesOf(flag: FlagSpec, ctx: CompletionContext, emu: Emulator): string[] {
  if (typeof flag.values === 'function') return flag.values(ctx);
  if (flag.values) return [...flag.values];
  if (flag.names.includes('--namespace')) {
    try {
      return emu.cluster.list('namespaces').map((o) => o.metadata.name);
    } catch {
      return [];
    }
  }
  return [];
}

function fileCandidates(emu: Emulator, state: ShellState, current: string): string[] {
  const slash = current.lastIndexOf('/');
  const dirPart = slash >= 0 ? current.slice(0, slash + 1) : '';
  const home = state.getVar('HOME') ?? '/';
  const typedDir = dirPart.startsWith('~/') ? home + dirPart.slice(1) : dirPart;
  const dir = resolvePath(state.cwd, typedDir || '.');
  const names = emu.files.list(state.location, dir);
  if (typeof names === 'string') return [];
  const base = current.slice(slash + 1);
  return names
    .filter((n) => !n.startsWith('.') || base.startsWith('.'))
    .map((n) => {
      const isDir = emu.files.stat(state.location, resolvePath(dir, n))?.type === 'dir';
      return dirPart + n + (isDir ? '/' : '');
    });
}
