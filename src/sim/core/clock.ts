/**
 * The virtual clock. The emulator never reads the wall clock: time moves only when the emulator
 * says so (a command line typed, `sleep`, `kubectl wait`, `watch`), which keeps replays byte-identical.
 */
export class VirtualClock {
  constructor(private ms: number = CLOCK_EPOCH) {}

  /** Milliseconds since the Unix epoch, virtual. */
  now(): number {
    return this.ms;
  }

  advance(ms: number): void {
    if (ms > 0) this.ms += ms;
  }

  set(ms: number): void {
    this.ms = ms;
  }
}

/** Where every scenario's clock starts: a fixed instant, so AGE columns and timestamps replay exactly. */
export const CLOCK_EPOCH = Date.UTC(2026, 9, 2, 16, 0, 0); // Fri Oct  2 16:00:00 2026 UTC

/** How far the clock moves before each top-level command line: the learner's typing time. */
export const LINE_TICK_MS = 2000;
