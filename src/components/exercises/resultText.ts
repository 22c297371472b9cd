/**
 * The words of a grading result, kept apart from the DOM so they are tested as plain strings: the
 * summary line announced to screen readers, where a command ran, and the author's inline markdown
 * (only `code` spans: explanations are one or two sentences).
 */
import type { CheckResult, ExerciseResult } from '../../grading/checks';

/** The one line announced after Check. */
export function summaryText(result: ExerciseResult): string {
  const total = result.checks.length;
  if (result.passed) return total === 1 ? 'Passed: the check holds.' : `Passed: all ${total} checks hold.`;
  const failed = result.checks.filter((c) => !c.passed).length;
  return `Not yet: ${failed} of ${total} ${total === 1 ? 'check' : 'checks'} failed.`;
}

/** The prompt line of a check's command, as typed where it ran (`$ cmd` or `$ cmd   # on node X`). */
export function commandLine(check: CheckResult): string {
  return check.where === 'host' ? `$ ${check.command}` : `$ ${check.command}   # on ${check.where}`;
}

/** Text split into plain and `code` parts, from backticks. An unmatched backtick stays text. */
export function inlineCodeParts(text: string): Array<{ code: boolean; text: string }> {
  const parts: Array<{ code: boolean; text: string }> = [];
  const re = /`([^`]+)`/g;
  let last = 0;
  for (const m of text.matchAll(re)) {
    if (m.index > last) parts.push({ code: false, text: text.slice(last, m.index) });
    parts.push({ code: true, text: m[1]! });
    last = m.index + m[0].length;
  }
  if (last < text.length) parts.push({ code: false, text: text.slice(last) });
  return parts;
}

/** Lines of a `- expected / + actual` diff with their kind, for colouring. */
export function diffLines(diff: string): Array<{ kind: 'del' | 'add' | 'same'; text: string }> {
  return diff
    .split('\n')
    .map((text) => ({ kind: text.startsWith('-') ? 'del' : text.startsWith('+') ? 'add' : 'same', text }));
}
