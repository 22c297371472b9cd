/**
 * kubectl's table layout. kubectl and `kubectl describe` both print through Go's text/tabwriter
 * (kubectl get uses the liggitt/tabwriter fork, which only adds width memory across flushes), so
 * this module ports that algorithm instead of approximating it: the column-block rules decide
 * where describe's values line up, and a guess gets them wrong.
 */

/** The tabwriter knobs kubectl sets (padchar is always ' ' here). */
export interface TabwriterOptions {
  minwidth: number;
  tabwidth: number;
  padding: number;
}

/** `printers.GetNewTabWriter`: what `kubectl get` and `auth can-i --list` use. */
export const KUBECTL_TABLE: TabwriterOptions = { minwidth: 6, tabwidth: 4, padding: 3 };

/** `describe.go`'s `tabwriter.NewWriter(out, 0, 8, 2, ' ', 0)`. */
export const DESCRIBE_TABLE: TabwriterOptions = { minwidth: 0, tabwidth: 8, padding: 2 };

interface Cell {
  text: string;
  /** Width in runes (Unicode code points), as Go's utf8.RuneCount measures it. */
  width: number;
  /** True when the cell was terminated by '\t' (only those cells belong to a column). */
  htab: boolean;
}

function runeCount(s: string): number {
  let n = 0;
  for (const _ of s) n++;
  return n;
}

/** Splits text into lines of cells exactly as tabwriter.Write does ('\t', '\v', '\n', '\f'). */
function splitCells(text: string): Cell[][] {
  const lines: Cell[][] = [[]];
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (ch !== '\t' && ch !== '\v' && ch !== '\n' && ch !== '\f') continue;
    const cellText = text.slice(start, i);
    lines[lines.length - 1]!.push({ text: cellText, width: runeCount(cellText), htab: ch === '\t' });
    start = i + 1;
    if (ch === '\n' || ch === '\f') lines.push([]);
  }
  // Flush: a non-empty trailing cell without a terminator still prints.
  const rest = text.slice(start);
  if (rest.length > 0) lines[lines.length - 1]!.push({ text: rest, width: runeCount(rest), htab: false });
  return lines;
}

/**
 * A faithful port of Go's text/tabwriter (padchar ' ', no flags): cells are tab-terminated, and
 * consecutive lines that have a cell in column k form one block aligned together. A line with
 * fewer cells ends the block, which is why `Events:` or `Subsets:` lines restart describe's alignment.
 * With `remembered` (liggitt/tabwriter's RememberWidths), column widths carry over between calls.
 */
export function tabwriterGo(text: string, opts: TabwriterOptions, remembered?: number[]): string {
  const lines = splitCells(text);
  const out: string[] = [];
  const widths: number[] = [];

  const writeLines = (line0: number, line1: number): void => {
    for (let i = line0; i < line1; i++) {
      const line = lines[i]!;
      line.forEach((c, j) => {
        out.push(c.text);
        const w = widths[j];
        if (w !== undefined) out.push(' '.repeat(Math.max(0, w - c.width)));
      });
      // The last buffered line has no newline of its own (its cell, if any, was already written).
      if (i + 1 < lines.length) out.push('\n');
    }
  };

  const format = (line0: number, line1: number): void => {
    const column = widths.length;
    for (let self = line0; self < line1; self++) {
      if (column >= lines[self]!.length - 1) continue;
      // This line has a cell in `column`: print what came before, then size the block.
      writeLines(line0, self);
      line0 = self;
      let width = opts.minwidth;
      for (; self < line1; self++) {
        const line = lines[self]!;
        if (column >= line.length - 1) break;
        width = Math.max(width, line[column]!.width + opts.padding);
      }
      if (remembered) {
        // liggitt/tabwriter's RememberWidths: a column never gets narrower than it has been.
        const col = widths.length;
        if (remembered.length < col) remembered.push(...widths.slice(remembered.length));
        if (remembered.length === col) remembered.push(width);
        else width = Math.max(width, remembered[col]!);
        remembered[col] = width;
      }
      widths.push(width);
      format(line0, self);
      widths.pop();
      line0 = self;
    }
    writeLines(line0, line1);
  };

  format(0, lines.length);
  return out.join('');
}

/** Cuts a cell at its first line break and marks it with `...`, as kubectl's table printer does. */
function singleLineCell(cell: string): string {
  const i = cell.search(/[\n\r\f]/);
  return i < 0 ? cell : `${cell.slice(0, i)}...`;
}

/**
 * Lays out a `kubectl get` table: tab-joined cells through the kubectl tabwriter (minwidth 6,
 * padding 3), every line ending in '\n', the last column unpadded. No rows gives '' (no header):
 * the caller prints "No resources found".
 */
export function formatTable(header: string[] | null, rows: string[][]): string {
  if (rows.length === 0) return '';
  const lines = header ? [header, ...rows] : rows;
  const text = lines.map((cells) => cells.map(singleLineCell).join('\t') + '\n').join('');
  return tabwriterGo(text, KUBECTL_TABLE);
}

/**
 * One kubectl table writer across several flushes, as `kubectl get -w` uses it: rows printed
 * later keep the columns at least as wide as rows printed before (RememberWidths).
 */
export class KubectlTableWriter {
  private readonly remembered: number[] = [];

  /** Lays out these rows (with the header first when given) and remembers their column widths. */
  write(header: string[] | null, rows: string[][]): string {
    const lines = header ? [header, ...rows] : rows;
    if (lines.length === 0) return '';
    const text = lines.map((cells) => cells.map(singleLineCell).join('\t') + '\n').join('');
    return tabwriterGo(text, KUBECTL_TABLE, this.remembered);
  }
}
