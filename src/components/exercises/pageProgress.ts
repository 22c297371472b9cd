/**
 * The progress store as one page sees it: read once per page (so an unreadable store is reset and
 * announced once, wherever it is found), written through one function that tells the rest of the
 * page (lesson list marks, the progress panel) to redraw. Kept tiny and free of the exercise
 * island, because the lesson list ships it on every page.
 */
import { PROGRESS_KEY, readProgress, writeProgress, type StoredProgress } from '../../lib/progress';
import { progress as en } from '../../i18n/en/progress';
import { progress as ko } from '../../i18n/ko/progress';
import { localized, pageLocale } from '../../i18n/client';
import { localePath } from '../../i18n/locales';

const t = localized(en, ko);

/** Dispatched on `window` after the progress changed (here or in another tab). */
export const PROGRESS_EVENT = 'netlab:progress';

let cached: StoredProgress | undefined;

function storage(): Storage | null {
  try {
    return window.localStorage;
  } catch {
    return null;
  }
}

/** The learner's progress; the first call on a page reads (and if needed resets) the store. */
export function currentProgress(): StoredProgress {
  if (!cached) {
    const read = readProgress(storage());
    cached = read.progress;
    if (read.notice) showProgressNotice(read.notice);
  }
  return cached;
}

/** Store new progress and tell the page. */
export function saveProgress(progress: StoredProgress): void {
  cached = progress;
  writeProgress(storage(), progress);
  window.dispatchEvent(new CustomEvent(PROGRESS_EVENT));
}

/** Call `redraw` now and whenever the progress changes. */
export function onProgress(redraw: (progress: StoredProgress) => void): void {
  redraw(currentProgress());
  window.addEventListener(PROGRESS_EVENT, () => redraw(currentProgress()));
}

// Another tab passed an exercise or imported a file: read again.
window.addEventListener('storage', (ev) => {
  if (ev.key !== PROGRESS_KEY && ev.key !== null) return;
  cached = undefined;
  window.dispatchEvent(new CustomEvent(PROGRESS_EVENT));
});

/** A one-line notice at the top of the page's main content, announced to screen readers. */
export function showProgressNotice(text: string): void {
  const show = () => {
    const main = document.querySelector('main') ?? document.body;
    const notice = document.createElement('p');
    notice.className = 'progress-notice';
    notice.setAttribute('role', 'status');
    notice.textContent = text + ' ';
    const link = document.createElement('a');
    link.href = `${localePath('/', pageLocale())}#progress`;
    link.textContent = t.aboutLink;
    notice.append(link);
    main.prepend(notice);
  };
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', show, { once: true });
  else show();
}
