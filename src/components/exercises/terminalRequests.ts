/**
 * The terminal's small public API for other islands (exercises, lab sheets), without xterm: a
 * request is a `netlab:terminal-request` CustomEvent dispatched on the terminal's root element
 * (`.netlab-term`); the terminal's loader answers through `detail.respond(promise)`, starting the
 * terminal first if it has not started. Importing this module costs a few hundred bytes, so an
 * exercise chunk never pulls in the terminal.
 */

/** Name of the request event, dispatched on a `.netlab-term` element. */
export const TERMINAL_REQUEST = 'netlab:terminal-request';

/**
 * Dispatched on the terminal's root whenever what it holds changes (a load, a reset, a restored
 * session); `root.dataset.loaded` then holds the label of the last load, or is absent.
 */
export const TERMINAL_LOADED = 'netlab:terminal-loaded';

/** What another island may ask a terminal. */
export type TerminalRequest =
  /** Where the terminal stands: what it was loaded with, and whether the learner has worked in it. */
  | { kind: 'status' }
  /** The emulator's snapshot as it is now (the last finished command's if one is running). */
  | { kind: 'snapshot' }
  /**
   * Replace the cluster: build `scenario` with `seed`, run `setup` quietly (left out of the
   * history), and remember `label` (e.g. an exercise id) with the saved session. No confirmation:
   * the caller asks.
   */
  | { kind: 'load'; scenario: string; seed: number; setup: string[]; label: string }
  /** Move the keyboard focus into the terminal (and scroll it into view). */
  | { kind: 'focus' };

/** Where a terminal stands. */
export interface TerminalStatus {
  /** The label of the last `load` (kept across reloads), or null for the lesson's own start. */
  loaded: string | null;
  /** Whether the learner ran a command since the cluster was built (a restored session counts). */
  worked: boolean;
  scenario: string;
  seed: number;
}

/** The answer to each kind of request. */
export interface TerminalAnswers {
  status: TerminalStatus;
  snapshot: TerminalStatus & { data: unknown };
  load: TerminalStatus;
  focus: TerminalStatus;
}

/** The event's detail: the request, and how the terminal answers it. */
export interface TerminalRequestDetail {
  request: TerminalRequest;
  respond(answer: Promise<unknown>): void;
}

/** Ask the terminal rendered in `root`; rejects when no terminal script answers. */
export function requestTerminal<K extends TerminalRequest['kind']>(
  root: HTMLElement,
  request: Extract<TerminalRequest, { kind: K }>,
): Promise<TerminalAnswers[K]> {
  let answer: Promise<unknown> | undefined;
  const detail: TerminalRequestDetail = { request, respond: (a) => (answer = a) };
  root.dispatchEvent(new CustomEvent(TERMINAL_REQUEST, { detail }));
  if (!answer) return Promise.reject(new Error('the terminal on this page did not answer'));
  return answer as Promise<TerminalAnswers[K]>;
}
