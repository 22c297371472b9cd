/**
 * One exercise in the page, once it is near the viewport: Start and Reset put the lesson's
 * terminal into the exercise's start state (built with the learner's seed); Check grades a
 * snapshot of that terminal in the grading worker and shows, and announces, the result; hints
 * appear one at a time; the solution sits behind a confirmation. Progress is written through
 * pageProgress.ts. The terminal is reached only through its request API (terminalRequests.ts),
 * so this chunk never loads xterm.
 */
import { recordCheck, recordSolutionSeen, type StoredProgress } from '../../lib/progress';
import { readExerciseData, type ExerciseData } from './data';
import { grade } from './grader';
import { currentProgress, onProgress, saveProgress } from './pageProgress';
import { renderMessage, renderResult } from './results';
import { requestTerminal, TERMINAL_LOADED } from './terminalRequests';

/** The terminal an exercise drives: the nearest one before it on the page, else the first after. */
export function terminalFor(root: HTMLElement): HTMLElement | undefined {
  const terminals = [...document.querySelectorAll<HTMLElement>('.netlab-term')];
  const before = terminals.filter((t) => t.compareDocumentPosition(root) & Node.DOCUMENT_POSITION_FOLLOWING);
  return before[before.length - 1] ?? terminals[0];
}

const NOT_SET_UP =
  'The terminal is not set up for this exercise yet: press Start exercise, work in the terminal, then Check.';
const NO_TERMINAL = 'This page has no terminal to check.';

function describeError(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

/** Wire one `.exercise` element rendered by Exercise.astro. */
export function mountExercise(root: HTMLElement): void {
  const data = readExerciseData(root);
  if (!data) return;
  const terminal = terminalFor(root);
  const button = (action: string) => root.querySelector<HTMLButtonElement>(`button[data-action="${action}"]`);
  const results = root.querySelector<HTMLElement>('.exercise-results')!;
  const status = root.querySelector<HTMLElement>('.exercise-status');
  const answer = root.querySelector<HTMLInputElement>('.exercise-answer input');
  const startButton = button('start');
  const resetButton = button('reset');
  const checkButton = button('check');
  let busy = false;

  onProgress((progress) => showStatus(progress));

  function showStatus(progress: StoredProgress): void {
    const entry = progress.exercises[data!.id];
    const passed = entry?.passedAt !== undefined;
    root.toggleAttribute('data-passed', passed);
    if (!status) return;
    status.hidden = !passed;
    status.textContent = passed ? (entry?.usedSolution ? '✓ Passed with help' : '✓ Passed') : '';
  }

  /** Show Reset instead of Start once the terminal holds this exercise. */
  function showLoaded(loaded: string | null): void {
    const mine = loaded === data!.id;
    if (startButton) startButton.hidden = mine;
    if (resetButton) resetButton.hidden = !mine;
    root.dataset.state = mine ? 'started' : 'idle';
  }

  /** Run `work` with the buttons marked busy; one action at a time. */
  async function exclusive(work: () => Promise<void>): Promise<void> {
    if (busy) return;
    busy = true;
    for (const b of [startButton, resetButton, checkButton]) b?.setAttribute('aria-disabled', 'true');
    try {
      await work();
    } finally {
      busy = false;
      for (const b of [startButton, resetButton, checkButton]) b?.removeAttribute('aria-disabled');
    }
  }

  async function load(reset: boolean): Promise<void> {
    if (!terminal) return renderMessage(results, NO_TERMINAL);
    const now = await requestTerminal(terminal, { kind: 'status' });
    if (!reset && now.loaded === data!.id) {
      // After a reload the terminal may hold this exercise before the page knew: keep the work.
      showLoaded(now.loaded);
      renderMessage(results, 'The terminal already holds this exercise’s cluster. Work there, then press Check.');
      await requestTerminal(terminal, { kind: 'focus' });
      return;
    }
    const question = reset
      ? `Reset “${data!.title}”? Its cluster is built again from the start and your changes are lost.`
      : `Start “${data!.title}”? The terminal’s cluster is replaced by the exercise’s, and what you did in it is lost.`;
    if ((reset || now.worked) && !window.confirm(question)) return;
    renderMessage(results, reset ? 'Resetting the exercise…' : 'Setting up the exercise in the terminal…');
    const loaded = await requestTerminal(terminal, {
      kind: 'load',
      scenario: data!.scenario,
      seed: currentProgress().seed,
      setup: data!.setup,
      label: data!.id,
    });
    showLoaded(loaded.loaded);
    renderMessage(results, 'The terminal now holds this exercise’s cluster. Work there, then press Check.');
    await requestTerminal(terminal, { kind: 'focus' });
  }

  async function check(): Promise<void> {
    if (!terminal) return renderMessage(results, NO_TERMINAL);
    renderMessage(results, 'Checking…');
    const snap = await requestTerminal(terminal, { kind: 'snapshot' });
    showLoaded(snap.loaded);
    if (snap.loaded !== data!.id) return renderMessage(results, NOT_SET_UP);
    const given = answer?.value;
    const result = await grade({
      exercise: { id: data!.id, checks: data!.checks, ...(data!.find ? { find: data!.find } : {}) },
      snapshot: snap.data,
      ...(given !== undefined ? { answer: given } : {}),
    });
    saveProgress(recordCheck(currentProgress(), data!.id, result.passed, new Date().toISOString()));
    renderResult(results, result);
  }

  const fail = (err: unknown) => renderMessage(results, `Something went wrong: ${describeError(err)}.`);
  startButton?.addEventListener('click', () => void exclusive(() => load(false)).catch(fail));
  resetButton?.addEventListener('click', () => void exclusive(() => load(true)).catch(fail));
  checkButton?.addEventListener('click', () => void exclusive(check).catch(fail));
  answer?.addEventListener('keydown', (ev) => {
    if (ev.key !== 'Enter') return;
    ev.preventDefault();
    checkButton?.click();
  });
  wireHints(root);
  wireSolution(root, data);

  // Whether the terminal holds this exercise: the terminal keeps the label of its last load on
  // its root (also after a reload that restored it) and says when it changes.
  if (terminal) {
    showLoaded(terminal.dataset.loaded ?? null);
    terminal.addEventListener(TERMINAL_LOADED, () => showLoaded(terminal.dataset.loaded ?? null));
  }
}

/** "Show hint 1 of 3": each press reveals the next hint and moves the focus to it. */
function wireHints(root: HTMLElement): void {
  const hintButton = root.querySelector<HTMLButtonElement>('button[data-action="hint"]');
  const hints = [...root.querySelectorAll<HTMLElement>('[data-hint]')];
  hintButton?.addEventListener('click', () => {
    const next = hints.find((h) => h.hidden);
    if (!next) return;
    next.hidden = false;
    next.focus();
    const shown = hints.filter((h) => !h.hidden).length;
    if (shown === hints.length) hintButton.hidden = true;
    else hintButton.textContent = `Show hint ${shown + 1} of ${hints.length}`;
  });
}

/** The solution opens in two steps: the details, then "Show the solution", which is remembered. */
function wireSolution(root: HTMLElement, data: ExerciseData): void {
  const reveal = root.querySelector<HTMLButtonElement>('button[data-action="reveal"]');
  const confirmBox = root.querySelector<HTMLElement>('.exercise-solution-confirm');
  const body = root.querySelector<HTMLElement>('.exercise-solution-body');
  reveal?.addEventListener('click', () => {
    saveProgress(recordSolutionSeen(currentProgress(), data.id));
    if (confirmBox) confirmBox.hidden = true;
    if (body) {
      body.hidden = false;
      body.focus();
    }
  });
}
