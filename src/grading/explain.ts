/**
 * A failing check as the text a learner reads: which check, the command, the fact that differs
 * (with the line diff or the differing cell), and the author's explanation. A find task never shows
 * the expected value: that is the answer the learner is asked to find.
 */
import type { CheckResult } from './checks';

function indent(text: string, by = '  '): string {
  return text
    .split('\n')
    .map((l) => (l ? by + l : l))
    .join('\n');
}

/** Plain-text explanation of one check result (a single line when it passed). */
export function explainCheck(check: CheckResult): string {
  if (check.passed) return `PASS ${check.title}`;
  const lines = [`FAIL ${check.title}`];
  const at = check.where === 'host' ? '' : ` (on ${check.where})`;
  if (check.kind === 'check') lines.push(`  $ ${check.command}${at}`);
  lines.push(`  ${check.reason}`);
  if (check.diff) lines.push('  expected (-) against actual (+):', indent(check.diff, '    '));
  if (check.explain) lines.push(indent(check.explain));
  return lines.join('\n');
}
