/**
 * Messages between the page's terminal (client.ts) and the worker that owns the emulator
 * (worker.ts). One worker per terminal: each terminal has its own independent cluster.
 */
import type { LocationKind } from '../../sim/shell/types';

/** Page → worker. */
export type ToWorker =
  /** Build the scenario (and run the lesson's setup lines), or restore a saved snapshot. */
  | { type: 'init'; scenario: string; seed: number; setup?: string[]; snapshot?: unknown }
  /** Run one input (possibly several lines). Answered by `done`; `continuation` when the input is not complete yet. */
  | { type: 'run'; id: number; text: string }
  /** Ctrl-C: abort the running input. */
  | { type: 'interrupt' }
  /** Tab: completions for `line` at `cursor`. */
  | { type: 'complete'; id: number; line: string; cursor: number }
  /** Ask for the emulator's snapshot (for saving). */
  | { type: 'snapshot'; id: number }
  /** Throw the cluster away and build the scenario again (+ setup). Answered by `ready`. */
  | { type: 'reset' }
  /** The terminal's size in cells (xterm's cols and rows), sent on start and after every fit: the tty size commands see. */
  | { type: 'resize'; cols: number; rows: number };

/** Worker → page. */
export type FromWorker =
  | {
      type: 'ready';
      prompt: string;
      /** Milliseconds from receiving `init`/`reset` to a usable shell. */
      bootMs: number;
      history: string[];
      location: LocationKind;
      /** Set when a saved snapshot could not be used and a fresh cluster was built instead. */
      notice?: string;
    }
  /** Output as it comes, small writes batched (at most one message per yield). */
  | { type: 'output'; stream: 'stdout' | 'stderr'; data: string }
  | {
      type: 'done';
      id: number;
      /** Exit status; -1 when the input is incomplete and more lines are needed. */
      status: number;
      prompt: string;
      continuation: boolean;
      location: LocationKind;
      /** The emulator after this input (omitted for a continuation). */
      snapshot?: unknown;
    }
  | { type: 'completions'; id: number; start: number; candidates: string[] }
  | { type: 'snapshot'; id: number; data: unknown }
  | { type: 'error'; message: string }
  /** Side channel for figures drawn under the terminal; `trace` carries the last packet walk. */
  | { type: 'event'; event: { type: 'trace'; data: unknown } };

/** The one-line notice printed when a saved session cannot be used (by the page or by the worker). */
export function droppedNotice(reason: string): string {
  return `netlab: saved session could not be restored (${reason}); starting fresh`;
}
