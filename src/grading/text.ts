/**
 * Text that came from a submission (learner ids, names, file names, reasons quoting what a command
 * printed) is shown to the lead in a terminal, a spreadsheet and a web page. Here it is made safe to
 * show: control characters, escape sequences and bidirectional overrides become visible escapes, and
 * table columns are measured by display width (East Asian wide characters count two), so a Hangul
 * name keeps the columns aligned.
 */
import stringWidth from 'string-width';

/**
 * Characters a terminal or an editor would act on rather than show: C0 and C1 controls, DEL, the
 * bidirectional embeddings, overrides and isolates (the "Trojan Source" characters), and lone
 * surrogates.
 */
const UNSAFE =
  /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/** `s` with every unsafe character written as a visible escape (`\x1b`, `\u202e`); tab and line breaks as one space. */
export function printable(s: string): string {
  return s.replace(/[\t\r\n]+/g, ' ').replace(UNSAFE, (c) => {
    const code = c.charCodeAt(0);
    return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
  });
}

/** Columns `s` takes in a terminal: East Asian wide and fullwidth characters count two, combining marks none. */
export function displayWidth(s: string): number {
  return stringWidth(s);
}

/** `s` padded with spaces to `width` display columns. */
export function padDisplay(s: string, width: number): string {
  return s + ' '.repeat(Math.max(0, width - displayWidth(s)));
}

/**
 * An aligned table like kubectl's (tabwriter: each column as wide as its widest cell, three spaces
 * between columns, no padding after the last), measured in display columns. Cells are made
 * printable and flattened to one line.
 */
export function alignedTable(rows: readonly (readonly string[])[]): string {
  const clean = rows.map((row) => row.map((c) => printable(c).replace(/ {2,}/g, ' ').trim()));
  const widths: number[] = [];
  for (const row of clean) row.forEach((c, i) => (widths[i] = Math.max(widths[i] ?? 0, displayWidth(c))));
  return clean
    .map((row) =>
      row
        .map((c, i) => (i === row.length - 1 ? c : padDisplay(c, widths[i]! + 3)))
        .join('')
        .replace(/ +$/, ''),
    )
    .map((line) => `${line}\n`)
    .join('');
}
