/**
 * One exercise in the page, once it is near the viewport: Start opens the exercise's own cluster
 * in a tab of the lesson bench (built with the learner's seed), next to the lesson's cluster, which
 * is kept; Check grades a snapshot of that tab in the grading worker and shows, and announces, the
 * result; Start over rebuilds it; Close its tab returns to the lesson's cluster. Hints appear one
 * at a time; the solution sits behind a confirmation. Progress is written through pageProgress.ts.
 * The bench is reached only through its request API (terminalRequests.ts), so this chunk never
 * loads xterm.
 */
import { recordCheck, recordSolutionSeen, type StoredProgress } from '../../lib/progress';
import { ask } from '../ask';
import { readExerciseData, type ExerciseData } from './data';
import { grade } from './grader';
import { currentProgress, onProgress, saveProgress } from './pageProgress';
import { renderMessage, renderResult } from './results';
import { BENCH_TABS, findBench, openTabs, requestTerminal, type ExerciseCluster } from './terminalRequests';
import { exercise as en } from '../../i18n/en/exercise';
import { exercise as ko } from '../../i18n/ko/exercise';
import { localized } from '../../i18n/client';

const t = localized(en, ko);

function describeError(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

/** Wire one `.exercise` element rendered by Exercise.astro. */
export function mountExercise(root: HTMLElement): void {
  const data = readExerciseData(root);
  if (!data) return;
  const bench = findBench();
  const button = (action: string) => root.querySelector<HTMLButtonElement>(`button[data-action="${action}"]`);
  const results = root.querySelector<HTMLElement>('.exercise-results')!;
  const status = root.querySelector<HTMLElement>('.exercise-status');
  const answer = root.querySelector<HTMLInputElement>('.exercise-answer input');
  const actions = ['start', 'show', 'check', 'reset', 'close'].map(button);
  let busy = false;
  const cluster = (): ExerciseCluster => ({
    id: data.id,
    title: data.title,
    scenario: data.scenario,
    // On a lab sheet the learner's seed comes from the lab (sheet.ts sets data-lab-seed); elsewhere, their own.
    seed: Number(root.closest<HTMLElement>('[data-lab-seed]')?.dataset.labSeed) || currentProgress().seed,
    setup: data.setup,
  });

  onProgress((progress) => showStatus(progress));

  function showStatus(progress: StoredProgress): void {
    const entry = progress.exercises[data!.id];
    const passed = entry?.passedAt !== undefined;
    root.toggleAttribute('data-passed', passed);
    if (!status) return;
    status.hidden = !passed;
    status.textContent = passed ? (entry?.usedSolution ? t.passedWithHelp : t.passed) : '';
  }

  /** Idle (Start shown) or started (the exercise has a tab: Check, Start over, Close). */
  function showOpen(open: boolean): void {
    const was = root.dataset.state;
    root.dataset.state = open ? 'started' : 'idle';
    // Closing the tab ends the attempt shown: its results no longer describe a cluster.
    if (was === 'started' && !open) renderMessage(results, '');
  }

  /** Run `work` with the buttons marked busy; one action at a time. */
  async function exclusive(work: () => Promise<void>): Promise<void> {
    if (busy) return;
    busy = true;
    for (const b of actions) b?.setAttribute('aria-disabled', 'true');
    try {
      await work();
    } finally {
      busy = false;
      for (const b of actions) b?.removeAttribute('aria-disabled');
    }
  }

  async function open(): Promise<void> {
    if (!bench) return renderMessage(results, t.noTerminal);
    const now = await requestTerminal(bench, { kind: 'open', exercise: cluster() });
    showOpen(now.open);
  }

  async function startOver(): Promise<void> {
    if (!bench) return renderMessage(results, t.noTerminal);
    const sure = await ask({
      title: t.startOverTitle(data!.title),
      body: t.startOverBody,
      choices: [{ value: true, label: t.startOver, primary: true }],
      cancel: t.cancel,
    });
    if (!sure) return;
    renderMessage(results, '');
    showOpen((await requestTerminal(bench, { kind: 'reset', exercise: cluster() })).open);
  }

  async function close(): Promise<void> {
    if (!bench) return;
    const now = await requestTerminal(bench, { kind: 'status', exercise: data!.id });
    if (now.worked) {
      const sure = await ask({
        title: t.closeTitle(data!.title),
        body: t.closeBody,
        choices: [{ value: true, label: t.closeTab, primary: true }],
        cancel: t.cancel,
      });
      if (!sure) return;
    }
    showOpen((await requestTerminal(bench, { kind: 'close', exercise: data!.id })).open);
  }

  async function check(): Promise<void> {
    if (!bench) return renderMessage(results, t.noTerminal);
    renderMessage(results, t.checking);
    const snap = await requestTerminal(bench, { kind: 'snapshot', exercise: data!.id });
    showOpen(snap.open);
    if (!snap.open || snap.data === null) return renderMessage(results, t.notStarted);
    const given = answer?.value;
    const result = await grade({
      exercise: { id: data!.id, checks: data!.checks, ...(data!.find ? { find: data!.find } : {}) },
      snapshot: snap.data,
      ...(given !== undefined ? { answer: given } : {}),
    });
    saveProgress(recordCheck(currentProgress(), data!.id, result.passed, new Date().toISOString()));
    renderResult(results, result);
  }

  const fail = (err: unknown) => renderMessage(results, t.wentWrong(describeError(err)));
  const on = (action: string, work: () => Promise<void>) =>
    button(action)?.addEventListener('click', () => void exclusive(work).catch(fail));
  on('start', open);
  on('show', open);
  on('reset', startOver);
  on('close', close);
  on('check', check);
  answer?.addEventListener('keydown', (ev) => {
    if (ev.key !== 'Enter') return;
    ev.preventDefault();
    button('check')?.click();
  });
  wireHints(root);
  wireSolution(root, data);

  // Whether the exercise has a tab: the bench lists them on its element and says when they change.
  if (bench) {
    const sync = () => showOpen(openTabs(bench).includes(data.id));
    bench.addEventListener(BENCH_TABS, sync);
    if (bench.dataset.openTabs !== undefined) sync();
    else void requestTerminal(bench, { kind: 'status', exercise: data.id }).then((s) => showOpen(s.open));
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
    else hintButton.textContent = t.showHint(shown + 1, hints.length);
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
