/**
 * A compact line diff for failing text checks: the longest common subsequence of lines, printed as
 * `- expected` / `+ actual` with a little unchanged context, so a learner sees which line differs
 * without reading two whole outputs. Outputs compared here are small (a command's answer), so the
 * quadratic table is fine; past MAX_DIFF_LINES the diff is cut and says so.
 */

const MAX_DIFF_LINES = 400;
const CONTEXT = 1;

type Op = { op: ' ' | '-' | '+'; line: string };

function lcsOps(a: readonly string[], b: readonly string[]): Op[] {
  const n = a.length;
  const m = b.length;
  // lengths[i][j]: LCS length of a[i..] and b[j..], stored flat.
  const lengths = new Uint32Array((n + 1) * (m + 1));
  const at = (i: number, j: number): number => lengths[i * (m + 1) + j]!;
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      lengths[i * (m + 1) + j] = a[i] === b[j] ? at(i + 1, j + 1) + 1 : Math.max(at(i + 1, j), at(i, j + 1));
    }
  }
  const ops: Op[] = [];
  let i = 0;
  let j = 0;
  while (i < n && j < m) {
    if (a[i] === b[j]) {
      ops.push({ op: ' ', line: a[i]! });
      i++;
      j++;
    } else if (at(i + 1, j) >= at(i, j + 1)) ops.push({ op: '-', line: a[i++]! });
    else ops.push({ op: '+', line: b[j++]! });
  }
  while (i < n) ops.push({ op: '-', line: a[i++]! });
  while (j < m) ops.push({ op: '+', line: b[j++]! });
  return ops;
}

/**
 * The line diff from `expected` to `actual`: changed lines prefixed `- ` (expected) and `+ `
 * (actual), one unchanged line of context around each change shown with two spaces, skipped runs
 * shown as `  ...`. Empty when the texts are equal.
 */
export function lineDiff(expected: string, actual: string): string {
  const a = expected === '' ? [] : expected.split('\n');
  const b = actual === '' ? [] : actual.split('\n');
  if (a.length > MAX_DIFF_LINES || b.length > MAX_DIFF_LINES) {
    return `  (outputs of ${a.length} and ${b.length} lines: too long to diff)`;
  }
  const ops = lcsOps(a, b);
  if (ops.every((o) => o.op === ' ')) return '';
  const keep = ops.map(
    (o, k) => o.op !== ' ' || ops.slice(Math.max(0, k - CONTEXT), k + CONTEXT + 1).some((p) => p.op !== ' '),
  );
  const out: string[] = [];
  ops.forEach((o, k) => {
    if (keep[k]) out.push(`${o.op} ${o.line}`.trimEnd());
    else if (keep[k - 1] !== false || k === 0) out.push('  ...');
  });
  return out.join('\n');
}
