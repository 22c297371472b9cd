/**
 * The terminal's text, two ways: read back out of xterm's buffer (Copy transcript, the browser
 * tests), and kept as a log of what the learner saw — prompts, typed lines and output with their
 * colours — without the line editor's cursor moves, which is what a saved session replays above
 * the restored prompt.
 */
import type { IBuffer } from '@xterm/xterm';

/** Logical lines from buffer row `from` up to (not including) row `to`; rows xterm wrapped are joined. */
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

/** Lines of the transcript log kept (and saved with a session). */
export const TRANSCRIPT_LINES = 1000;

/** Sequences after which nothing before them is on screen any more (`clear`, Ctrl-L, `watch`). */
const CLEAR_SCREEN = /\x1b\[[23]J/g;

/** What the learner has seen, as terminal text with ANSI colours, bounded to the last lines. */
export class TranscriptLog {
  private text = '';
  private newlines = 0;

  constructor(private readonly maxLines: number) {}

  /** Add text as it appeared on screen (`\n` or `\r\n` line ends). A clear-screen drops what came before. */
  append(text: string): void {
    let rest = text.replace(/\r\n/g, '\n');
    let after = -1;
    for (const m of rest.matchAll(CLEAR_SCREEN)) after = m.index + m[0].length;
    if (after >= 0) {
      this.clear();
      rest = rest.slice(after);
    }
    this.text += rest;
    this.newlines += countNewlines(rest);
    // Trim only once well past the limit, so a chatty loop does not rescan the log on every write.
    if (this.newlines > 2 * this.maxLines) {
      const keep = this.lines().slice(-this.maxLines).join('\n') + '\n';
      this.text = keep + this.text.slice(this.text.lastIndexOf('\n') + 1);
      this.newlines = this.maxLines;
    }
  }

  /** Forget everything (reset, Ctrl-L). */
  clear(): void {
    this.text = '';
    this.newlines = 0;
  }

  /** The last complete lines (a line still being written, such as the prompt, is left out). */
  lines(): string[] {
    const end = this.text.lastIndexOf('\n');
    return end < 0 ? [] : this.text.slice(0, end).split('\n').slice(-this.maxLines);
  }
}

function countNewlines(text: string): number {
  let n = 0;
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) n++;
  return n;
}
