/**
 * The control plane around the object store: the API layer (defaults, validation, admission),
 * the controllers and the allocators. Placeholder shape; see docs/emulator.md.
 */
import type { Emulator } from '../emulator';

export class Cluster {
  constructor(readonly emu: Emulator) {}

  /** Apply time-based transitions after the clock moved (pods leaving ContainerCreating, ...). */
  tick(): void {}

  snapshot(): unknown {
    return {};
  }

  restore(_snap: unknown): void {}
}
