/**
 * The lesson bench's small public API for other islands (exercises, lab sheets), without xterm: a
 * request is a `netlab:terminal-request` CustomEvent dispatched on the bench element (`.bench`);
 * the bench's loader answers through `detail.respond(promise)`, loading the bench first if needed.
 * Importing this module costs a few hundred bytes, so an exercise chunk never pulls in the terminal.
 *
 * The bench has one tab for the lesson's cluster and one per started exercise, each its own
 * cluster: an exercise never replaces the cluster the lesson's commands built.
 */

/** Name of the request event, dispatched on the `.bench` element. */
export const TERMINAL_REQUEST = 'netlab:terminal-request';

/**
 * Dispatched on the bench whenever its tabs change (opened, closed, switched, rebuilt); the bench's
 * `data-open-tabs` then lists the exercise ids that have a tab, space separated.
 */
export const BENCH_TABS = 'netlab:bench-tabs';

/** What an exercise's cluster is built from, and the name of its tab. */
export interface ExerciseCluster {
  /** Full exercise id, `<lessonId>/<exerciseId>`: also the tab's id. */
  id: string;
  title: string;
  scenario: string;
  seed: number;
  /** Run quietly after the scenario is built (left out of the history). */
  setup: string[];
}

/** What another island may ask the bench. */
export type TerminalRequest =
  /** Whether the exercise has a tab, whether it is the one shown, and whether the learner worked in it. */
  | { kind: 'status'; exercise: string }
  /** Show the exercise's tab, building its cluster first if it has none; the lesson's tab is kept. */
  | { kind: 'open'; exercise: ExerciseCluster }
  /** Build the exercise's cluster again from its start (no confirmation: the caller asks). */
  | { kind: 'reset'; exercise: ExerciseCluster }
  /** The emulator snapshot of the exercise's tab (after its last finished command), or null without a tab. */
  | { kind: 'snapshot'; exercise: string }
  /** Close the exercise's tab and forget its cluster; the lesson's tab is shown. */
  | { kind: 'close'; exercise: string };

/** Where one terminal stands (client.ts). */
export interface TerminalStatus {
  /** Whether the learner ran a command since the cluster was built (a restored session counts). */
  worked: boolean;
  scenario: string;
  seed: number;
}

/** Where an exercise's tab stands. */
export interface ExerciseTabStatus {
  open: boolean;
  /** The tab shown in the bench now. */
  active: boolean;
  worked: boolean;
}

/** The answer to each kind of request. */
export interface TerminalAnswers {
  status: ExerciseTabStatus;
  open: ExerciseTabStatus;
  reset: ExerciseTabStatus;
  snapshot: ExerciseTabStatus & { data: unknown };
  close: ExerciseTabStatus;
}

/** The event's detail: the request, and how the bench answers it. */
export interface TerminalRequestDetail {
  request: TerminalRequest;
  respond(answer: Promise<unknown>): void;
}

/** The page's bench, if it has one. */
export function findBench(): HTMLElement | null {
  return document.querySelector<HTMLElement>('.bench');
}

/** Exercise ids that have a tab now (from the bench's `data-open-tabs`). */
export function openTabs(bench: HTMLElement): string[] {
  return (bench.dataset.openTabs ?? '').split(' ').filter(Boolean);
}

/** Ask the bench rendered in `root`; rejects when no bench script answers. */
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
