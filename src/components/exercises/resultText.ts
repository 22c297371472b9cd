/**
 * The words of a grading result, kept apart from the DOM so they are tested as plain strings: the
 * summary line announced to screen readers, where a command ran, and the author's inline markdown
 * (only `code` spans: explanations are one or two sentences).
 */
import type { CheckResult, ExerciseResult } from '../../grading/checks';
import { quote } from '../../grading/matchers';
import { exercise as en } from '../../i18n/en/exercise';
import { exercise as ko } from '../../i18n/ko/exercise';
import { localized } from '../../i18n/client';

const t = localized(en, ko);

/** The one line announced after Check. */
export function summaryText(result: ExerciseResult): string {
  const total = result.checks.length;
  if (result.passed) return total === 1 ? t.summaryPassedOne : t.summaryPassed(total);
  const failed = result.checks.filter((c) => !c.passed).length;
  return t.summaryFailed(failed, total);
}

/** The prompt line of a check's command, as typed where it ran (`$ cmd` or `$ cmd   # on node X`). */
export function commandLine(check: CheckResult): string {
  return check.where === 'host' ? `$ ${check.command}` : `$ ${check.command}   # ${t.onWhere(check.where)}`;
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

/**
 * How a failed check is shown: each fact once, in words a learner reads. The check's title (the
 * author's words) already says what is expected, so a pattern (`/10\.10\.\d+.../`) is never shown as
 * "expected": where the expectation is a pattern, the value found is shown alone, or what the command
 * printed. A line diff of a single line becomes an expected/got pair; a reason already said by the
 * pair or the diff is not repeated.
 */
export interface FailureView {
  /** One sentence on what differs, when nothing below says it. */
  statement?: string;
  /** Where in a table: `Row web, column PORT(S)`. */
  where?: string;
  /** The expected value (plain text only) and the value found. */
  expected?: string;
  got?: string;
  /** A diff of several lines, `- expected` / `+ actual`. */
  diff?: string;
  /** What the command printed, shown folded (for a pattern the output did not match). */
  output?: string;
}

const REGEX = /^\/[\s\S]*\/$/;

function sentence(text: string): string {
  const t = text.trim();
  if (t === '') return t;
  return t[0]!.toUpperCase() + t.slice(1) + (/[.!?)"”]$/.test(t) ? '' : '.');
}

/** Why a find task failed, from its result (the grading engine words it in English for reports). */
function findStatement(check: CheckResult): string {
  if (check.expected === '') return t.findNoValue;
  if (check.actual.trim() === '') return t.findNoAnswer;
  return t.findWrong(quote(check.actual));
}

export function failureView(check: CheckResult): FailureView {
  if (check.kind === 'find') return { statement: findStatement(check) };
  if (check.cell) {
    const { row, column, expected, actual } = check.cell;
    return {
      where: t.rowColumn(row, column),
      ...(REGEX.test(expected) ? {} : { expected }),
      got: actual === '' ? t.empty : actual,
    };
  }
  if (check.diff) {
    const lines = check.diff.split('\n');
    const del = lines.filter((l) => l.startsWith('-'));
    const add = lines.filter((l) => l.startsWith('+'));
    if (del.length <= 1 && add.length <= 1 && del.length + add.length > 0)
      return {
        ...(del[0] !== undefined ? { expected: del[0].slice(2) } : {}),
        got: add[0] !== undefined ? add[0].slice(2) : t.nothing,
      };
    return { diff: check.diff };
  }
  // The reason quotes the pattern when the expectation is one: say it in words, show the output.
  const pattern = REGEX.test(check.expected) || /"\/[^"]*\/"|\s\/\S.*\/$/.test(check.reason);
  if (pattern)
    return {
      statement: t.patternFailed,
      ...(check.actual.trim() ? { output: check.actual } : {}),
    };
  return { statement: sentence(check.reason) };
}
