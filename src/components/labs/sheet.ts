/**
 * The learner's side of a lab sheet: who is working (the `?learner=` of their lead's link, else an
 * id they type, remembered per lab), their seed (derived from the lab, their id and the lab's salt,
 * as the grader derives it), what they have done so far (labWork.ts), and "Download submission".
 * Imports only small modules: the exercises' terminals load the emulator, this never does.
 */
import { LEARNER_ID } from '../../grading/ids';
import { learnerSeed } from '../../grading/identity';
import { buildSubmission, localIsoTime, submissionFileName } from '../../grading/handin';
import { lastLearnerKey, readLabWork, type LabWork } from './labWork';
import { LAB_COLLECT, LAB_WORK_CHANGED } from './sheetWork';
import { labs as en } from '../../i18n/en/labs';
import { labs as ko } from '../../i18n/ko/labs';
import { localized } from '../../i18n/client';

const t = localized(en, ko);

/** What LabSheet.astro embeds. */
export interface SheetData {
  id: string;
  hash: string;
  salt: string;
  exercises: { id: string; title: string; points: number; find: boolean }[];
}

/** The learner and seed a sheet works with, for other islands (the exercises) to read. */
export const SHEET_LEARNER_EVENT = 'netlab:lab-learner';

function storage(): Storage | null {
  try {
    return window.localStorage;
  } catch {
    return null;
  }
}

/** The learner id from the page's URL, if it is a valid id. */
export function learnerFromUrl(search: string): string | undefined {
  const id = new URLSearchParams(search).get('learner')?.trim();
  return id && LEARNER_ID.test(id) ? id : undefined;
}

/** One line per exercise for the hand-in list: what the file will hold for it. */
export function workSummary(sheet: SheetData, work: LabWork): string[] {
  return sheet.exercises.map((ex) => {
    const w = work.exercises[ex.id];
    if (!w || (w.lines.length === 0 && w.answer === undefined)) return t.nothingYet(ex.title);
    const parts = [t.commandLines(w.lines.length)];
    if (ex.find) parts.push(w.answer !== undefined && w.answer !== '' ? t.answer(w.answer) : t.noAnswerYet);
    if (w.hintsOpened) parts.push(t.hintsOpened(w.hintsOpened));
    if (w.solutionRevealed) parts.push(t.solutionRevealed);
    return t.workLine(ex.title, parts);
  });
}

/** Wire a lab sheet rendered by LabSheet.astro. */
export function mountLabSheet(root: HTMLElement): void {
  const sheet = JSON.parse(root.querySelector('script.lab-sheet-data')!.textContent!) as SheetData;
  const who = root.querySelector<HTMLElement>('.lab-learner-who')!;
  const form = root.querySelector<HTMLFormElement>('.lab-learner-form')!;
  const input = form.querySelector<HTMLInputElement>('input')!;
  const error = form.querySelector<HTMLElement>('.lab-learner-error')!;
  const status = root.querySelector<HTMLElement>('.lab-handin-status')!;
  const button = root.querySelector<HTMLButtonElement>('.lab-download')!;
  const message = root.querySelector<HTMLElement>('.lab-handin-message')!;
  let learner: string | undefined;

  function remembered(): string | undefined {
    try {
      const id = storage()?.getItem(lastLearnerKey(sheet.id)) ?? undefined;
      return id && LEARNER_ID.test(id) ? id : undefined;
    } catch {
      return undefined;
    }
  }

  function use(id: string): void {
    learner = id;
    try {
      storage()?.setItem(lastLearnerKey(sheet.id), id);
    } catch {
      // Private mode: the link still works, it is only not remembered.
    }
    const seed = learnerSeed(sheet.id, id, sheet.salt);
    root.dataset.learner = id;
    // The exercises build their clusters with this seed (island.ts reads data-lab-seed).
    root.dataset.labSeed = String(seed);
    who.replaceChildren(
      t.workingAs,
      Object.assign(document.createElement('strong'), { textContent: id }),
      t.seedNote(seed, id),
    );
    const change = Object.assign(document.createElement('button'), {
      type: 'button',
      className: 'lab-learner-change',
      textContent: t.notYou,
    });
    change.addEventListener('click', () => {
      form.hidden = false;
      input.value = id;
      input.focus();
    });
    who.append(change);
    form.hidden = true;
    button.disabled = false;
    root.dispatchEvent(new CustomEvent(SHEET_LEARNER_EVENT, { bubbles: true, detail: { learner: id, seed } }));
    refresh();
  }

  function refresh(): void {
    if (!learner) return;
    const work = readLabWork(storage(), sheet.id, learner);
    status.replaceChildren(
      ...workSummary(sheet, work).map((line) => Object.assign(document.createElement('li'), { textContent: line })),
    );
  }

  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    const id = input.value.trim();
    if (!LEARNER_ID.test(id)) {
      error.textContent = t.badId;
      return;
    }
    error.textContent = '';
    const url = new URL(location.href);
    url.searchParams.set('learner', id);
    history.replaceState(null, '', url);
    use(id);
  });

  button.addEventListener('click', async () => {
    if (!learner) return;
    // Let the exercises record what their terminals hold now (sheet exercises listen for this).
    const pending: Promise<unknown>[] = [];
    root.dispatchEvent(new CustomEvent(LAB_COLLECT, { detail: { wait: (p: Promise<unknown>) => pending.push(p) } }));
    await Promise.allSettled(pending);
    const work = readLabWork(storage(), sheet.id, learner);
    const text = buildSubmission(
      {
        lab: sheet.id,
        labHash: sheet.hash,
        learner,
        seed: learnerSeed(sheet.id, learner, sheet.salt),
        submittedAt: localIsoTime(Date.now(), -new Date().getTimezoneOffset()),
        exercises: work.exercises,
      },
      sheet.exercises.map((e) => e.id),
    );
    const name = submissionFileName(sheet.id, learner);
    const url = URL.createObjectURL(new Blob([text], { type: 'application/json' }));
    const a = Object.assign(document.createElement('a'), { href: url, download: name });
    document.body.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
    message.textContent = t.saved(name);
    refresh();
  });

  window.addEventListener('storage', refresh);
  root.addEventListener(LAB_WORK_CHANGED, refresh);

  const fromUrl = learnerFromUrl(location.search);
  const id = fromUrl ?? remembered();
  if (id) use(id);
  else {
    form.hidden = false;
    who.textContent = t.openOrType;
  }
}
