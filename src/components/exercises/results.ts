/**
 * Draws a grading result into an exercise's results region: the summary line, then per check a
 * mark and its title (the author's words), and for a failing check the command, the fact that
 * differs, stated once (resultText.ts's failureView), and the author's explanation. A find task's
 * expected value is never shown: it is the answer.
 */
import type { CheckResult, ExerciseResult } from '../../grading/checks';
import { commandLine, diffLines, failureView, inlineCodeParts, summaryText } from './resultText';
import { exercise as en } from '../../i18n/en/exercise';
import { exercise as ko } from '../../i18n/ko/exercise';
import { localized } from '../../i18n/client';

const t = localized(en, ko);

function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  className?: string,
  text?: string,
): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

/** A paragraph of author text with its `code` spans. */
function prose(text: string, className: string): HTMLParagraphElement {
  const p = el('p', className);
  for (const part of inlineCodeParts(text)) p.append(part.code ? el('code', undefined, part.text) : part.text);
  return p;
}

/** A scrollable block of output; focusable so a keyboard user can scroll it. */
function block(label: string, build: (pre: HTMLPreElement) => void): HTMLPreElement {
  const pre = el('pre');
  pre.tabIndex = 0;
  pre.setAttribute('aria-label', label);
  build(pre);
  return pre;
}

function failureDetails(check: CheckResult, item: HTMLLIElement): void {
  if (check.kind === 'check') item.append(block(t.command, (pre) => (pre.textContent = commandLine(check))));
  const view = failureView(check);
  if (view.statement) item.append(el('p', 'exercise-reason', view.statement));
  if (view.got !== undefined) {
    const dl = el('dl', 'exercise-cell');
    if (view.where) dl.append(el('dt', 'exercise-cell-where', view.where));
    const row = (term: string, value: string) => dl.append(el('dt', undefined, term), el('dd', undefined, value));
    if (view.expected !== undefined) row(t.expected, view.expected);
    row(t.got, view.got);
    item.append(dl);
  }
  if (view.diff) {
    item.append(el('p', undefined, t.diffIntro));
    item.append(
      block(t.diffLabel, (pre) => {
        for (const line of diffLines(view.diff!)) {
          pre.append(line.kind === 'same' ? line.text : el('span', `exercise-diff-${line.kind}`, line.text), '\n');
        }
      }),
    );
  }
  if (view.output) {
    const details = el('details', 'exercise-output');
    details.append(
      el('summary', undefined, t.printed),
      block(t.printed, (pre) => (pre.textContent = view.output!)),
    );
    item.append(details);
  }
  if (check.explain) item.append(prose(check.explain, 'exercise-explain'));
}

/** Replace the results region's content with `result`. */
export function renderResult(region: HTMLElement, result: ExerciseResult): void {
  const summary = region.querySelector<HTMLElement>('.exercise-summary')!;
  const list = region.querySelector<HTMLElement>('.exercise-checks')!;
  summary.textContent = summaryText(result);
  list.replaceChildren(
    ...result.checks.map((check) => {
      const item = el('li', 'exercise-check');
      item.toggleAttribute('data-passed', check.passed);
      const title = el('p', 'exercise-check-title');
      const mark = el('span', 'exercise-check-mark', check.passed ? '✓' : '✗');
      mark.setAttribute('aria-hidden', 'true');
      title.append(mark, el('span', 'visually-hidden', check.passed ? t.passedMark : t.failedMark), check.title);
      item.append(title);
      if (!check.passed) failureDetails(check, item);
      return item;
    }),
  );
}

/** Show a message instead of results (terminal not ready, grading failed). */
export function renderMessage(region: HTMLElement, message: string): void {
  region.querySelector<HTMLElement>('.exercise-summary')!.textContent = message;
  region.querySelector<HTMLElement>('.exercise-checks')!.replaceChildren();
}
