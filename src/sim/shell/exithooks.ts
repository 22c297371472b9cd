/**
 * What happens when an interactive shell is left. A command that enters a shell (`kubectl run -it
 * --rm`) may leave an `ExitHook` on that level of the session's stack; `exit` runs the handler
 * registered for its kind. Handlers live with the commands that need them, so the shell stays
 * ignorant of kubectl, and the hook itself is plain data, so snapshots stay JSON.
 */
import type { Emulator } from '../emulator';
import type { ExitHook, Writer } from './types';

/** Runs after the shell level is popped, with the terminal's writers. */
export type ExitHandler = (
  emu: Emulator,
  params: Readonly<Record<string, string>>,
  io: { stdout: Writer; stderr: Writer },
) => void;

const handlers = new Map<string, ExitHandler>();

/** Register the handler for exit hooks of `kind` (once, at module load). */
export function registerExitHook(kind: string, handler: ExitHandler): void {
  handlers.set(kind, handler);
}

/** Run an exit hook; a kind nobody registered says so on stderr rather than failing silently. */
export function runExitHook(emu: Emulator, hook: ExitHook, io: { stdout: Writer; stderr: Writer }): void {
  const handler = handlers.get(hook.kind);
  if (!handler) {
    io.stderr.write(`netlab: no handler for the exit hook ${hook.kind}\n`);
    return;
  }
  handler(emu, hook.params, io);
}
