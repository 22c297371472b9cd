/**
 * What happens when an interactive shell is left. A command that enters a shell (`kubectl run -it
 * --rm`) may leave an `ExitHook` on that level of the session's stack; `exit` runs the handler
 * listed for its kind. Handlers live with the commands that need them and the composition root
 * (`src/sim/emulator.ts`) lists them, so the shell stays ignorant of kubectl; the hook itself is plain
 * data, so snapshots stay JSON.
 */
import type { Emulator } from '../emulator';
import type { ExitHook, Writer } from './types';

/** Runs after the shell level is popped, with the terminal's writers. */
export type ExitHandler = (
  emu: Emulator,
  params: Readonly<Record<string, string>>,
  io: { stdout: Writer; stderr: Writer },
) => void;

/** The handler of one kind of exit hook. */
export interface ExitHookHandler {
  kind: string;
  run: ExitHandler;
}

/** Run an exit hook; a kind without a handler says so on stderr rather than failing silently. */
export function runExitHook(emu: Emulator, hook: ExitHook, io: { stdout: Writer; stderr: Writer }): void {
  const handler = emu.exitHooks.get(hook.kind);
  if (!handler) {
    io.stderr.write(`netlab: no handler for the exit hook ${hook.kind}\n`);
    return;
  }
  handler(emu, hook.params, io);
}
