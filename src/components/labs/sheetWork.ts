/**
 * What the lab sheet records while the learner works: the exercises are the lessons' own
 * (Exercise.astro in the bench's terminal tabs), and this module watches them from outside. The
 * lines of an exercise are its tab's shell history (read from the tab's snapshot when Check is
 * pressed, when tabs change and before a download), the answer is its find field, the hints are
 * those shown, and revealing the solution is remembered. Everything lands in labWork.ts's store.
 */
import { findBench, requestTerminal } from '../exercises/terminalRequests';
import { historyOf, readLabWork, updateExercise, writeLabWork, type WorkStorage } from './labWork';

/** Dispatched on the sheet after the work store changed (the hand-in list redraws). */
export const LAB_WORK_CHANGED = 'netlab:lab-work-changed';

/** Dispatched on the sheet before a download: listeners hand over promises to wait for. */
export const LAB_COLLECT = 'netlab:lab-collect';

function storage(): WorkStorage | null {
  try {
    return window.localStorage;
  } catch {
    return null;
  }
}

/** Watch every exercise of the sheet `root` (a `.lab-sheet` with `data-learner` once known). */
export function watchSheetExercises(root: HTMLElement): void {
  const labId = root.dataset.labId!;
  const exercises = [...root.querySelectorAll<HTMLElement>('.exercise[data-exercise-id]')];
  const learner = () => root.dataset.learner;

  function change(id: string, edit: Parameters<typeof updateExercise>[2]): void {
    const who = learner();
    if (!who) return;
    const work = updateExercise(readLabWork(storage(), labId, who), id, edit);
    writeLabWork(storage(), labId, who, work);
    root.dispatchEvent(new CustomEvent(LAB_WORK_CHANGED));
  }

  /** Read an exercise's tab (if it has one) and its answer field into the store. */
  async function record(ex: HTMLElement): Promise<void> {
    const id = ex.dataset.exerciseId!;
    const bench = findBench();
    const answer = ex.querySelector<HTMLInputElement>('.exercise-answer input')?.value;
    let lines: string[] | undefined;
    if (bench) {
      try {
        const snap = await requestTerminal(bench, { kind: 'snapshot', exercise: id });
        if (snap.open) lines = historyOf(snap.data);
      } catch {
        // No bench script: nothing to read; the answer is still recorded.
      }
    }
    change(id, (e) => ({
      ...e,
      ...(lines !== undefined ? { lines } : {}),
      ...(answer !== undefined && answer.trim() !== '' ? { answer: answer.trim() } : {}),
    }));
  }

  for (const ex of exercises) {
    const id = ex.dataset.exerciseId!;
    ex.addEventListener(
      'click',
      (ev) => {
        const action = (ev.target as Element).closest<HTMLElement>('button[data-action]')?.dataset.action;
        if (action === 'check') void record(ex);
        // After the island shows the next hint: count the hints shown.
        if (action === 'hint')
          setTimeout(() => {
            const shown = ex.querySelectorAll('[data-hint]:not([hidden])').length;
            change(id, (e) => ({ ...e, hintsOpened: Math.max(e.hintsOpened ?? 0, shown) }));
          });
        if (action === 'reveal') change(id, (e) => ({ ...e, solutionRevealed: true }));
      },
      { capture: true },
    );
    ex.querySelector('.exercise-answer input')?.addEventListener('change', () => void record(ex));
  }

  root.addEventListener(LAB_COLLECT, (ev) => {
    const { wait } = (ev as CustomEvent<{ wait: (p: Promise<unknown>) => void }>).detail;
    for (const ex of exercises) wait(record(ex));
  });
}
