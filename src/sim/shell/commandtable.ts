/**
 * The commands one emulator knows, by name. The composition root (`src/sim/emulator.ts`) builds it
 * from the specs the command modules export; the shell resolves argv[0] through it, and `help`,
 * `type`, `which` and Tab completion read the same table.
 */
import type { Emulator } from '../emulator';
import type { CommandSpec, LocationRef } from './types';

export class CommandTable {
  private readonly byName = new Map<string, CommandSpec>();
  private readonly sorted: readonly CommandSpec[];

  constructor(specs: Iterable<CommandSpec>) {
    for (const spec of specs) {
      if (this.byName.has(spec.name)) throw new Error(`command registered twice: ${spec.name}`);
      this.byName.set(spec.name, spec);
    }
    this.sorted = [...this.byName.values()].sort((a, b) => a.name.localeCompare(b.name));
  }

  get(name: string): CommandSpec | undefined {
    return this.byName.get(name);
  }

  /** Every command, sorted by name. */
  all(): readonly CommandSpec[] {
    return this.sorted;
  }
}

/** Whether `spec` exists at `location` (kubectl on the host, ipvsadm on nodes, curl in netshoot pods, ...). */
export function isAvailable(spec: CommandSpec, emulator: Emulator, location: LocationRef): boolean {
  const where = spec.availableIn;
  if (!where) return true;
  if (typeof where === 'function') return where({ emulator, location });
  return where.includes(location.kind);
}
