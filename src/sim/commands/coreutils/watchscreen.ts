/**
 * `watch -d`'s screen: procps-ng lays the command's output out in character cells (one row per
 * line, wrapped at the terminal width, tabs to the next multiple of 8) and, from the second refresh
 * on, puts every cell whose character differs from the one shown before in standout mode, blanks
 * included: a cell that held a digit and is now empty is highlighted too. With
 * `--differences=permanent` a cell that stood out keeps standing out.
 */

/** curses standout()/standend() for TERM=xterm-256color (terminfo smso/rmso). */
export const STANDOUT = '\x1b[7m';
export const STANDEND = '\x1b[27m';

/** procps-ng watch's TAB_WIDTH. */
const TAB_WIDTH = 8;

/** One refresh as watch draws it below its header: cell characters and which cells stand out. */
export interface WatchScreen {
  rows: string[][];
  standout: boolean[][];
}

/** Whether watch draws this character (it skips what isprint() rejects: controls, ESC, DEL). */
function printable(ch: string): boolean {
  const code = ch.codePointAt(0)!;
  return code >= 0x20 && code !== 0x7f && !(code >= 0x80 && code < 0xa0);
}

/** Lay command output out in rows of at most `width` cells, as watch's run_command does. */
export function layoutRows(text: string, width: number): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  for (const ch of text) {
    if (ch === '\n') {
      rows.push(row);
      row = [];
      continue;
    }
    if (ch !== '\t' && !printable(ch)) continue;
    // A character that no longer fits carries over to the next row (line wrapping).
    if (row.length >= width) {
      rows.push(row);
      row = [];
    }
    if (ch === '\t') {
      do row.push(' ');
      while (row.length % TAB_WIDTH !== 0 && row.length < width);
    } else row.push(ch);
  }
  if (row.length) rows.push(row);
  return rows;
}

/**
 * The next screen: a cell stands out when its character differs from the previous screen's
 * (an absent cell is a blank), or, when `permanent`, when it stood out before. The first screen
 * (`prev` null) has no highlights.
 */
export function diffScreen(prev: WatchScreen | null, rows: string[][], permanent: boolean): WatchScreen {
  if (!prev) return { rows, standout: rows.map((r) => r.map(() => false)) };
  const height = Math.max(rows.length, prev.rows.length);
  const next: WatchScreen = { rows: [], standout: [] };
  for (let y = 0; y < height; y++) {
    const now = rows[y] ?? [];
    const before = prev.rows[y] ?? [];
    const wasOut = prev.standout[y] ?? [];
    const cells = Math.max(now.length, before.length, permanent ? lastTrue(wasOut) + 1 : 0);
    const standout: boolean[] = [];
    for (let x = 0; x < cells; x++)
      standout.push((now[x] ?? ' ') !== (before[x] ?? ' ') || (permanent && wasOut[x] === true));
    next.rows.push(now);
    next.standout.push(standout);
  }
  return next;
}

function lastTrue(flags: boolean[]): number {
  return flags.lastIndexOf(true);
}

/** The screen as terminal text: standout runs between smso and rmso, trailing plain blanks left out. */
export function renderScreen(screen: WatchScreen): string {
  const lines: string[] = [];
  for (let y = 0; y < screen.rows.length; y++) {
    const cells = screen.rows[y]!;
    const out = screen.standout[y] ?? [];
    let end = Math.max(lastTrue(out) + 1, cells.length);
    while (end > 0 && (cells[end - 1] ?? ' ') === ' ' && out[end - 1] !== true) end--;
    let line = '';
    let on = false;
    for (let x = 0; x < end; x++) {
      const want = out[x] === true;
      if (want !== on) line += want ? STANDOUT : STANDEND;
      on = want;
      line += cells[x] ?? ' ';
    }
    if (on) line += STANDEND;
    lines.push(line);
  }
  while (lines.length && lines[lines.length - 1] === '') lines.pop();
  return lines.map((l) => l + '\n').join('');
}
