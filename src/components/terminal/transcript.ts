/**
 * Reading the terminal's text back out of xterm's buffer: for Copy transcript, for the scrollback
 * saved with a session, and for the browser tests. Rows that xterm wrapped are joined back into the
 * one logical line the program printed.
 */
import type { IBuffer } from '@xterm/xterm';

/** Logical lines from buffer row `from` up to (not including) row `to`. */
export function bufferLines(buf: IBuffer, from = 0, to = buf.length): string[] {
  const out: string[] = [];
  for (let i = from; i < to; i++) {
    const line = buf.getLine(i);
    if (!line) continue;
    // Keep trailing spaces of a row that continues on the next one: they are part of the text.
    const continues = i + 1 < to && (buf.getLine(i + 1)?.isWrapped ?? false);
    const text = line.translateToString(!continues);
    if (line.isWrapped && out.length > 0) out[out.length - 1] += text;
    else out.push(text);
  }
  while (out.length > 0 && out[out.length - 1] === '') out.pop();
  return out;
}

/** The transcript above the current input line: the rows before the row where the prompt starts. */
export function linesAbovePrompt(buf: IBuffer): string[] {
  let row = buf.baseY + buf.cursorY;
  while (row > 0 && buf.getLine(row)?.isWrapped) row--;
  return bufferLines(buf, 0, row);
}
