/**
 * The comparisons a check can make between a command's result and what the author expects. Each
 * returns an Outcome that explains itself: the expected and actual text, a line diff or the
 * differing table cell, and a one-line reason naming the fact that differs.
 */
import type { Check } from './schema';
import { lineDiff } from './diff';
import { parseTable } from './table';

/** What a command printed and returned. */
export interface CommandResult {
  stdout: string;
  stderr: string;
  /** stdout and stderr interleaved as the terminal shows them. */
  output: string;
  exitCode: number;
}

/** The table cell that differs. */
export interface CellDiff {
  /** The row's key value, or its 1-based position when rows are compared in order. */
  row: string;
  column: string;
  expected: string;
  actual: string;
}

/** The result of one comparison. */
export interface Outcome {
  passed: boolean;
  expected: string;
  actual: string;
  /** One line: which fact differs (empty when passed). */
  reason: string;
  diff?: string;
  cell?: CellDiff;
}

/** Lines without trailing spaces, trailing blank lines dropped: how text is compared. */
export function normaliseText(s: string): string {
  return s
    .replace(/\r\n/g, '\n')
    .split('\n')
    .map((l) => l.trimEnd())
    .join('\n')
    .replace(/\n+$/, '');
}

/** Text in double quotes for a reason line; escaped only when it holds control characters. */
export function quote(s: string, max = 100): string {
  const one = s.length > max ? `${s.slice(0, max)}...` : s;
  return /[\u0000-\u001f]/.test(one) ? JSON.stringify(one) : `"${one}"`;
}

function firstLine(s: string): string {
  const line = s.split('\n').find((l) => l.trim() !== '') ?? '';
  return line.trim();
}

function exact(expected: string, actual: string): Outcome {
  const e = normaliseText(expected);
  const a = normaliseText(actual);
  if (e === a) return { passed: true, expected: e, actual: a, reason: '' };
  const el = e.split('\n');
  const al = a.split('\n');
  const at = el.findIndex((l, k) => l !== al[k]);
  const k = at < 0 ? el.length : at;
  const reason =
    a === ''
      ? 'the command printed nothing'
      : k >= al.length
        ? `output ends after line ${al.length}; expected line ${k + 1} ${quote(el[k] ?? '')}`
        : k >= el.length
          ? `unexpected extra line ${k + 1}: ${quote(al[k] ?? '')}`
          : `line ${k + 1}: expected ${quote(el[k]!)}, got ${quote(al[k]!)}`;
  return { passed: false, expected: e, actual: a, reason, diff: lineDiff(e, a) };
}

/** `/re/` in a table cell is a regular expression; anything else is literal text. */
function cellMatches(expected: string, actual: string): boolean {
  const m = /^\/(.*)\/$/s.exec(expected);
  if (m) return new RegExp(`^(?:${m[1]})$`).test(actual);
  return expected === actual;
}

function pattern(source: string, scope: 'whole' | 'anyLine' | 'everyLine', actual: string): Outcome {
  const a = normaliseText(actual);
  const re = new RegExp(`^(?:${source})$`, scope === 'whole' ? 's' : '');
  const lines = a.split('\n');
  const passed =
    scope === 'whole'
      ? re.test(a)
      : scope === 'anyLine'
        ? lines.some((l) => re.test(l))
        : lines.every((l) => re.test(l));
  const shown = `/${source}/`;
  if (passed) return { passed, expected: shown, actual: a, reason: '' };
  const reason =
    scope === 'whole'
      ? `output ${a === '' ? '(empty) ' : ''}does not match ${shown}`
      : scope === 'anyLine'
        ? `no line matches ${shown}`
        : `line ${quote(lines.find((l) => !re.test(l)) ?? '')} does not match ${shown}`;
  return { passed: false, expected: shown, actual: a, reason };
}

function linesAnyOrder(expected: string, actual: string): Outcome {
  const e = normaliseText(expected)
    .split('\n')
    .filter((l) => l !== '');
  const a = normaliseText(actual)
    .split('\n')
    .filter((l) => l !== '');
  const left = [...a];
  const missing: string[] = [];
  for (const line of e) {
    const k = left.indexOf(line);
    if (k < 0) missing.push(line);
    else left.splice(k, 1);
  }
  const passed = missing.length === 0 && left.length === 0;
  const shown = { expected: e.join('\n'), actual: a.join('\n') };
  if (passed) return { passed, ...shown, reason: '' };
  const parts: string[] = [];
  if (missing.length)
    parts.push(`missing line ${quote(missing[0]!)}${missing.length > 1 ? ` (and ${missing.length - 1} more)` : ''}`);
  if (left.length)
    parts.push(`unexpected line ${quote(left[0]!)}${left.length > 1 ? ` (and ${left.length - 1} more)` : ''}`);
  const diff = [...missing.map((l) => `- ${l}`), ...left.map((l) => `+ ${l}`)].join('\n');
  return { passed: false, ...shown, reason: parts.join('; '), diff };
}

function table(spec: NonNullable<Check['table']>, actual: string, exitCode: number): Outcome {
  const expectedText = spec.rows
    .map((r) =>
      Object.entries(r)
        .map(([k, v]) => `${k}=${v}`)
        .join(' '),
    )
    .join('\n');
  const a = normaliseText(actual);
  const fail = (reason: string, cell?: CellDiff): Outcome => ({
    passed: false,
    expected: expectedText,
    actual: a,
    reason,
    ...(cell ? { cell } : {}),
  });
  const parsed = parseTable(a);
  if (!parsed) return fail('the command printed no table');
  const wanted = [...new Set(spec.rows.flatMap((r) => Object.keys(r)))];
  const absent = wanted.find((c) => !parsed.headers.includes(c));
  // A failed command prints an error, not a table: say that rather than "no column NAME".
  if (absent !== undefined && exitCode !== 0)
    return fail(`the command failed with exit code ${exitCode}: ${quote(firstLine(a))}`);
  if (absent !== undefined) return fail(`no column ${absent} in the output (columns: ${parsed.headers.join(', ')})`);
  const compareRow = (exp: Record<string, string>, got: Record<string, string>, label: string): Outcome | undefined => {
    for (const [column, value] of Object.entries(exp)) {
      const cell = got[column] ?? '';
      if (!cellMatches(value, cell))
        return fail(`row ${label}, column ${column}: expected ${quote(value)}, got ${quote(cell)}`, {
          row: label,
          column,
          expected: value,
          actual: cell,
        });
    }
    return undefined;
  };
  if (spec.key === undefined) {
    if (parsed.rows.length !== spec.rows.length)
      return fail(`expected ${spec.rows.length} row${spec.rows.length === 1 ? '' : 's'}, got ${parsed.rows.length}`);
    for (let k = 0; k < spec.rows.length; k++) {
      const bad = compareRow(spec.rows[k]!, parsed.rows[k]!, String(k + 1));
      if (bad) return bad;
    }
  } else {
    const key = spec.key;
    if (!parsed.headers.includes(key))
      return fail(`no column ${key} in the output (columns: ${parsed.headers.join(', ')})`);
    const used = new Set<number>();
    for (const exp of spec.rows) {
      const keyValue = exp[key];
      if (keyValue === undefined) return fail(`an expected row has no ${key} value to find it by`);
      const k = parsed.rows.findIndex((r, n) => !used.has(n) && cellMatches(keyValue, r[key] ?? ''));
      if (k < 0) return fail(`no row with ${key} ${quote(keyValue)}`);
      used.add(k);
      const bad = compareRow(exp, parsed.rows[k]!, parsed.rows[k]![key] ?? keyValue);
      if (bad) return bad;
    }
    if (spec.allRows && used.size < parsed.rows.length) {
      const extra = parsed.rows.find((_, n) => !used.has(n))!;
      return fail(`unexpected row with ${key} ${quote(extra[key] ?? '')}`);
    }
  }
  return { passed: true, expected: expectedText, actual: a, reason: '' };
}

function contains(needle: string, actual: string, want: boolean): Outcome {
  const a = normaliseText(actual);
  const has = a.includes(needle);
  const passed = has === want;
  const expected = `${want ? '' : 'no '}${quote(needle)}`;
  if (passed) return { passed, expected, actual: a, reason: '' };
  const line = a.split('\n').find((l) => l.includes(needle));
  return {
    passed,
    expected,
    actual: a,
    reason: want
      ? `output does not contain ${quote(needle)}`
      : `output contains ${quote(needle)}${line !== undefined ? ` in line ${quote(line.trim())}` : ''}`,
  };
}

/** Compare a command's result with a check's expectation: exit code first, then the output. */
export function compare(check: Check, result: CommandResult): Outcome {
  const actual = check.stream === 'stdout' ? result.stdout : check.stream === 'stderr' ? result.stderr : result.output;
  if (check.exitCode !== undefined && result.exitCode !== check.exitCode) {
    const said = firstLine(actual);
    return {
      passed: false,
      expected: `exit code ${check.exitCode}`,
      actual: `exit code ${result.exitCode}`,
      reason: `exit code ${result.exitCode}, expected ${check.exitCode}${said ? ` (${quote(said, 100)})` : ''}`,
    };
  }
  if (check.exact !== undefined) return exact(check.exact, actual);
  if (check.pattern !== undefined) return pattern(check.pattern, check.scope ?? 'whole', actual);
  if (check.linesAnyOrder !== undefined) return linesAnyOrder(check.linesAnyOrder, actual);
  if (check.table !== undefined) return table(check.table, actual, result.exitCode);
  if (check.contains !== undefined) return contains(check.contains, actual, true);
  if (check.notContains !== undefined) return contains(check.notContains, actual, false);
  return { passed: true, expected: `exit code ${check.exitCode}`, actual: `exit code ${result.exitCode}`, reason: '' };
}
