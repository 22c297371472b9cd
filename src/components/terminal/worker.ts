/// <reference lib="webworker" />
/**
 * The terminal's Web Worker: one emulator, one shell, one terminal. Running the emulator here keeps
 * the page responsive during a long loop, and lets Ctrl-C arrive while a command runs.
 * All the logic lives in TerminalHost (workerHost.ts); this file only connects it to `self`.
 */
import { Emulator, type EmulatorSnapshot } from '../../sim/emulator';
import type { ShellSession } from '../../sim/shell/session';
import { takeLastTrace } from '../../sim/commands/trace';
import { TerminalHost, type HostedCluster, type HostedShell } from './workerHost';
import type { FromWorker, ToWorker } from './protocol';

declare const self: DedicatedWorkerGlobalScope;

function hosted(emu: Emulator): HostedCluster {
  // A restored emulator brings back its shells; the terminal's is the first one.
  const session: ShellSession = emu.shells[0] ?? emu.openShell();
  const shell: HostedShell = session;
  return {
    shell,
    snapshot: () => emu.snapshot(),
    virtualNow: () => emu.clock.now(),
    forgetHistory: () => session.restore({ ...session.snapshot(), history: [] }),
    takeEvents: () => {
      const trace = takeLastTrace(emu);
      return trace ? [{ type: 'trace', data: trace }] : [];
    },
  };
}

/**
 * Yield through a MessageChannel rather than setTimeout: timers nested this deep are clamped to
 * 4 ms, which would cost a third of a long loop's time. The page's messages (the interrupt) queue
 * on the same event loop and are handled in between.
 */
const channel = new MessageChannel();
const waiting: Array<() => void> = [];
channel.port1.onmessage = () => waiting.shift()?.();
function macrotask(): Promise<void> {
  return new Promise((resolve) => {
    waiting.push(resolve);
    channel.port2.postMessage(null);
  });
}

const host = new TerminalHost({
  post: (msg: FromWorker) => self.postMessage(msg),
  factory: {
    create: (scenario, seed) => hosted(Emulator.create({ scenario, seed })),
    restore: (snapshot) => hosted(Emulator.restore(snapshot as EmulatorSnapshot)),
  },
  now: () => performance.now(),
  macrotask,
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
});

self.onmessage = (ev: MessageEvent<ToWorker>) => {
  void host.handle(ev.data);
};
