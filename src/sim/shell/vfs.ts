/**
 * Per-location virtual filesystems (the host's home directory, each node's and each pod's files).
 * Placeholder shape; see docs/emulator.md.
 */
import type { Emulator } from '../emulator';

export class FileSystems {
  constructor(readonly emu: Emulator) {}

  snapshot(): unknown {
    return {};
  }

  restore(_snap: unknown): void {}
}
