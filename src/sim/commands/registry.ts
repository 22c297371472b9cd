/**
 * The one registry of emulated commands. Command modules call `registerCommand` at import time;
 * `src/sim/commands/index.ts` imports them all, so importing the emulator brings the full set.
 */
import type { CommandSpec, LocationRef } from '../shell/types';
import type { Emulator } from '../emulator';

const commands = new Map<string, CommandSpec>();

export function registerCommand(spec: CommandSpec): void {
  if (commands.has(spec.name)) throw new Error(`command registered twice: ${spec.name}`);
  commands.set(spec.name, spec);
}

export function getCommand(name: string): CommandSpec | undefined {
  return commands.get(name);
}

export function allCommands(): CommandSpec[] {
  return [...commands.values()].sort((a, b) => a.name.localeCompare(b.name));
}

/** Whether `spec` exists at `location` (kubectl on the host, ipvsadm on nodes, curl in netshoot pods, ...). */
export function isAvailable(spec: CommandSpec, emulator: Emulator, location: LocationRef): boolean {
  const where = spec.availableIn;
  if (!where) return true;
  if (typeof where === 'function') return where({ emulator, location });
  return where.includes(location.kind);
}
