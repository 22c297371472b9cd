/**
 * Completion marks wherever lessons are listed (the lesson list, the home page's cards): every
 * element with `data-lesson-id` and `data-exercises` (the lesson's full exercise ids, space
 * separated) gets `data-complete` when all of them passed, and its `.lesson-progress` element says
 * how many did ("3/7").
 */
import { isLessonComplete, lessonProgress, type StoredProgress } from '../../lib/progress';
import { onProgress } from './pageProgress';
import { progress as en } from '../../i18n/en/progress';
import { progress as ko } from '../../i18n/ko/progress';
import { localized } from '../../i18n/client';

const t = localized(en, ko);

function draw(progress: StoredProgress): void {
  for (const item of document.querySelectorAll<HTMLElement>('[data-lesson-id][data-exercises]')) {
    const ids = (item.dataset.exercises ?? '').split(' ').filter(Boolean);
    if (ids.length === 0) continue;
    const { passed, total } = lessonProgress(progress, ids);
    const complete = isLessonComplete(progress, ids);
    item.toggleAttribute('data-complete', complete);
    item.querySelector<HTMLElement>('.lesson-done')?.toggleAttribute('hidden', !complete);
    const count = item.querySelector<HTMLElement>('.lesson-progress');
    if (count) {
      count.hidden = passed === 0 || complete;
      const short = document.createElement('span');
      short.setAttribute('aria-hidden', 'true');
      short.textContent = `${passed}/${total}`;
      const spoken = document.createElement('span');
      spoken.className = 'visually-hidden';
      spoken.textContent = t.marks(passed, total);
      count.replaceChildren(short, spoken);
    }
  }
}

/** Draw the marks now and after every progress change. */
export function showCompletionMarks(): void {
  onProgress(draw);
}
