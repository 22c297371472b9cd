/**
 * One interactive shell session (one terminal): the stack of locations entered with
 * `docker exec -it` / `kubectl exec -it` / `ssh`, variables, aliases and history.
 * Placeholder shape; see docs/emulator.md.
 */
import type { Emulator } from '../emulator';

export interface ShellSessionSnapshot {
  history: string[];
}

export class ShellSession {
  private hist: string[] = [];
  constructor(readonly emu: Emulator) {}

  snapshot(): ShellSessionSnapshot {
    return { history: [...this.hist] };
  }

  restore(snap: ShellSessionSnapshot): void {
    this.hist = [...snap.history];
  }
}
