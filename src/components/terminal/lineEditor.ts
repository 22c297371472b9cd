/**
 * The line editor: readline's behaviour as a pure state machine, with no xterm and no DOM, so every
 * key can be unit tested. Fed one key token at a time (see `splitKeys`), it returns the bytes to
 * write to the terminal (text and ANSI cursor moves) and, when the key asks for more than editing,
 * an action for the host: run this line, interrupt, complete, end of input.
 *
 * Positions are counted in terminal columns from the start of the prompt's last row; a line longer
 * than the terminal wraps, and every cursor move is computed from (row, column) so wrapped lines
 * stay right. One code point is assumed to be one column (the emulator prints ASCII).
 */

export type EditorAction =
  /** Enter: run this line (already echoed, the cursor is on a fresh row). */
  | { type: 'submit'; line: string }
  /** Ctrl-C at the prompt: `^C` was printed after `line`; the host drops any pending continuation lines. */
  | { type: 'interrupt'; line: string }
  /** Tab: ask for completions, then call `applyCompletion`. */
  | { type: 'complete'; line: string; cursor: number }
  /** Ctrl-D on an empty line. The host decides: `exit` in a nested shell, nothing on the host. */
  | { type: 'eof' };

export interface KeyResult {
  /** Bytes for the terminal (may be empty). */
  write: string;
  action?: EditorAction;
}

export interface Completion {
  /** Index in the line where the word being completed starts. */
  start: number;
  candidates: string[];
}

/** readline asks before listing more than this many completions (`completion-query-items`). */
export const COMPLETION_QUERY_ITEMS = 100;

const BELL = '\x07';
const CLEAR_TO_END = '\x1b[J';
const ANSI = /\x1b\[[0-9;?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)|\x1b[@-Z\\-_]/g;

/** Visible width of terminal text: ANSI sequences take no columns. */
export function visibleWidth(text: string): number {
  return Array.from(text.replace(ANSI, '')).length;
}

/** Text without ANSI sequences (for transcripts and tests). */
export function stripAnsi(text: string): string {
  return text.replace(ANSI, '');
}

interface SearchState {
  query: string;
  failed: boolean;
  /** History index of the current match, or -1 before the first match. */
  index: number;
  /** The line and cursor before the search began, for Ctrl-G. */
  original: string[];
  originalCursor: number;
}

type Mode = 'edit' | 'search' | 'confirm-list';

export class LineEditor {
  private cols: number;
  private prompt = '';
  private buffer: string[] = [];
  private cursor = 0;
  /** Where the terminal's cursor is now, in columns from the start of the prompt's last row. */
  private termPos = 0;
  private readonly hist: string[];
  /** Index in `hist` being shown; `hist.length` is the new line. */
  private histIndex: number;
  /** Lines edited while browsing history, restored when coming back to them (readline keeps them until Enter). */
  private edits = new Map<number, string>();
  private killed = '';
  private mode: Mode = 'edit';
  private search: SearchState | null = null;
  private pendingList: string[] = [];
  private lastKeyWasTab = false;
  private tabRepeat = false;
  private pasting = false;

  constructor(opts: { cols: number; history?: readonly string[] }) {
    this.cols = Math.max(1, opts.cols);
    this.hist = [...(opts.history ?? [])];
    this.histIndex = this.hist.length;
  }

  /** The line being edited. */
  get line(): string {
    return this.buffer.join('');
  }

  /** The cursor, in code points from the start of the line. */
  get cursorIndex(): number {
    return this.cursor;
  }

  /** History as the editor knows it, oldest first. */
  get history(): readonly string[] {
    return this.hist;
  }

  /** Whether a bracketed paste is in progress (pasted Tabs are text, not completion). */
  get inPaste(): boolean {
    return this.pasting;
  }

  /** Replace the history (after a restore from a snapshot). */
  setHistory(lines: readonly string[]): void {
    this.hist.length = 0;
    this.hist.push(...lines);
    this.histIndex = this.hist.length;
    this.edits.clear();
  }

  /** Add a line to history the way bash does with `ignoredups`: no empty lines, no immediate repeats. */
  addHistory(line: string): void {
    if (line.trim() === '' || this.hist[this.hist.length - 1] === line) return;
    this.hist.push(line);
  }

  /** Terminal width changed. xterm reflows what is on screen; only the arithmetic needs the new width. */
  resize(cols: number): void {
    this.cols = Math.max(1, cols);
  }

  /** Begin a new, empty input line after `prompt`; returns the bytes to write (the prompt). */
  start(prompt: string): string {
    this.prompt = prompt;
    this.resetLine();
    this.lastKeyWasTab = false;
    this.termPos = this.promptWidth();
    return this.fullPrompt();
  }

  /** The whole prompt, newlines made terminal-ready. */
  private fullPrompt(): string {
    return this.prompt.replace(/\r?\n/g, '\r\n');
  }

  /** Handle one key token (from `splitKeys`). */
  key(key: string): KeyResult {
    const wasTab = this.lastKeyWasTab;
    this.lastKeyWasTab = false;
    if (key === '\x1b[200~') {
      this.pasting = true;
      return { write: '' };
    }
    if (key === '\x1b[201~') {
      this.pasting = false;
      return { write: '' };
    }
    if (this.mode === 'confirm-list') return this.confirmList(key);
    if (this.mode === 'search') {
      const r = this.searchKey(key);
      if (r) return r;
    }
    if (this.pasting) {
      if (key === '\r' || key === '\n') return this.enter();
      // A pasted Tab is text, not completion. It becomes spaces: the cursor arithmetic assumes one column per character.
      if (key === '\t') return { write: this.insert('    ') };
      if (key.length === 1 && key < ' ') return { write: '' };
    }
    switch (key) {
      case '\r':
      case '\n':
        return this.enter();
      case '\x03':
        return this.interrupt();
      case '\x04':
        if (this.buffer.length === 0) return { write: '', action: { type: 'eof' } };
        return { write: this.deleteRange(this.cursor, this.cursor + 1) };
      case '\x7f':
      case '\b':
        return { write: this.deleteRange(this.cursor - 1, this.cursor) };
      case '\x1b[3~':
        return { write: this.deleteRange(this.cursor, this.cursor + 1) };
      case '\x1b[D':
      case '\x02':
        return { write: this.moveCursor(this.cursor - 1) };
      case '\x1b[C':
      case '\x06':
        return { write: this.moveCursor(this.cursor + 1) };
      case '\x1b[H':
      case '\x1bOH':
      case '\x1b[1~':
      case '\x01':
        return { write: this.moveCursor(0) };
      case '\x1b[F':
      case '\x1bOF':
      case '\x1b[4~':
      case '\x05':
        return { write: this.moveCursor(this.buffer.length) };
      case '\x1bb':
      case '\x1b[1;5D':
      case '\x1b[1;3D':
        return { write: this.moveCursor(this.wordStartBefore(this.cursor)) };
      case '\x1bf':
      case '\x1b[1;5C':
      case '\x1b[1;3C':
        return { write: this.moveCursor(this.wordEndAfter(this.cursor)) };
      case '\x15':
        return { write: this.kill(0, this.cursor) };
      case '\x0b':
        return { write: this.kill(this.cursor, this.buffer.length) };
      case '\x17':
        return { write: this.kill(this.spaceWordStartBefore(this.cursor), this.cursor) };
      case '\x1b\x7f':
      case '\x1b\b':
        return { write: this.kill(this.wordStartBefore(this.cursor), this.cursor) };
      case '\x1bd':
        return { write: this.kill(this.cursor, this.wordEndAfter(this.cursor)) };
      case '\x19':
        return { write: this.insert(this.killed) };
      case '\x1b.':
      case '\x1b_':
        // yank-last-arg: the last word of the previous command (`kubectl get pod web-1` → `web-1`).
        return { write: this.insert(lastWord(this.hist[this.hist.length - 1] ?? '')) };
      case '\x1b[A':
      case '\x1bOA':
      case '\x10':
        return { write: this.showHistory(this.histIndex - 1) };
      case '\x1b[B':
      case '\x1bOB':
      case '\x0e':
        return { write: this.showHistory(this.histIndex + 1) };
      case '\x0c':
        return { write: this.clearScreen() };
      case '\x12':
        return { write: this.beginSearch() };
      case '\t':
        this.lastKeyWasTab = true;
        this.tabRepeat = wasTab;
        return { write: '', action: { type: 'complete', line: this.line, cursor: this.cursor } };
      default:
        if (key.startsWith('\x1b') || (key.length === 1 && key < ' ')) return { write: '' };
        return { write: this.insert(key) };
    }
  }

  /** Apply the completions for the last Tab: complete a unique word, extend a common prefix, or (second Tab) list them. */
  applyCompletion(c: Completion): string {
    const candidates = [...new Set(c.candidates)];
    const start = Math.max(0, Math.min(c.start, this.cursor));
    const word = this.buffer.slice(start, this.cursor).join('');
    if (candidates.length === 0) return BELL;
    if (candidates.length === 1) {
      const only = candidates[0]!;
      return this.replaceWord(start, only + (only.endsWith('/') ? '' : ' '));
    }
    const prefix = commonPrefix(candidates);
    if (Array.from(prefix).length > Array.from(word).length) return this.replaceWord(start, prefix);
    if (!this.tabRepeat) return BELL;
    const sorted = [...candidates].sort();
    if (sorted.length > COMPLETION_QUERY_ITEMS) {
      this.mode = 'confirm-list';
      this.pendingList = sorted;
      return this.moveTo(this.endPos()) + `\r\nDisplay all ${sorted.length} possibilities? (y or n)`;
    }
    return this.listCompletions(sorted);
  }

  // --- editing primitives -------------------------------------------------------------------------

  private promptWidth(): number {
    return visibleWidth(this.visiblePrompt());
  }

  /** The prompt's last row (a prompt with newlines only redraws its last row). */
  private visiblePrompt(): string {
    if (this.mode === 'search' && this.search) {
      const s = this.search;
      return `(${s.failed ? 'failed ' : ''}reverse-i-search)\`${s.query}': `;
    }
    const nl = this.prompt.lastIndexOf('\n');
    return nl < 0 ? this.prompt : this.prompt.slice(nl + 1);
  }

  private endPos(): number {
    return this.promptWidth() + this.buffer.length;
  }

  /** ANSI moves from the terminal's cursor to column position `pos` (counted from the prompt row's start). */
  private moveTo(pos: number): string {
    const from = this.termPos;
    this.termPos = pos;
    const fromRow = Math.floor(from / this.cols);
    const toRow = Math.floor(pos / this.cols);
    const toCol = pos % this.cols;
    if (fromRow === toRow) {
      const d = toCol - (from % this.cols);
      if (d > 0) return `\x1b[${d}C`;
      if (d < 0) return `\x1b[${-d}D`;
      return '';
    }
    const rows = toRow - fromRow;
    const vertical = rows > 0 ? `\x1b[${rows}B` : `\x1b[${-rows}A`;
    return vertical + '\r' + (toCol > 0 ? `\x1b[${toCol}C` : '');
  }

  /**
   * Repaint the line from buffer index `from` to its end, clear what was left beyond it, and put
   * the cursor back. When the text ends exactly at the right margin the terminal would sit in its
   * "pending wrap" state, where the next move is ambiguous; writing a space and a carriage return
   * forces the wrap (as readline does), so the arithmetic below stays true.
   */
  private paintFrom(from: number): string {
    const pw = this.promptWidth();
    let out = this.moveTo(pw + from) + this.buffer.slice(from).join('');
    const end = pw + this.buffer.length;
    if (end > 0 && end % this.cols === 0) out += ' \r';
    out += CLEAR_TO_END;
    this.termPos = end;
    return out + this.moveTo(pw + this.cursor);
  }

  /** Repaint everything from the start of the prompt's last row (the prompt itself changed). */
  private repaintAll(): string {
    const up = Math.floor(this.termPos / this.cols);
    const out = (up > 0 ? `\x1b[${up}A` : '') + '\r' + this.visiblePrompt();
    this.termPos = this.promptWidth();
    return out + this.paintFrom(0);
  }

  private insert(text: string): string {
    const chars = Array.from(text);
    if (chars.length === 0) return '';
    this.buffer.splice(this.cursor, 0, ...chars);
    const at = this.cursor;
    this.cursor += chars.length;
    const end = this.endPos();
    if (this.cursor === this.buffer.length && end % this.cols !== 0) {
      // Typing at the end of the line: just echo, as a terminal would.
      this.termPos = end;
      return text;
    }
    return this.paintFrom(at);
  }

  private deleteRange(from: number, to: number): string {
    const a = Math.max(0, from);
    const b = Math.min(this.buffer.length, to);
    if (a >= b) return '';
    this.buffer.splice(a, b - a);
    this.cursor = a;
    return this.paintFrom(a);
  }

  private kill(from: number, to: number): string {
    if (from >= to) return '';
    this.killed = this.buffer.slice(from, to).join('');
    return this.deleteRange(from, to);
  }

  private moveCursor(index: number): string {
    const i = Math.max(0, Math.min(this.buffer.length, index));
    this.cursor = i;
    return this.moveTo(this.promptWidth() + i);
  }

  private replaceWord(start: number, text: string): string {
    const chars = Array.from(text);
    this.buffer.splice(start, this.cursor - start, ...chars);
    this.cursor = start + chars.length;
    return this.paintFrom(start);
  }

  /** Show another line (from history), cursor at its end. */
  private setLine(text: string): string {
    const old = this.buffer;
    this.buffer = Array.from(text);
    this.cursor = this.buffer.length;
    // Repaint from the first column that differs, not from the prompt: less to write, same result.
    let same = 0;
    while (same < old.length && same < this.buffer.length && old[same] === this.buffer[same]) same++;
    return this.paintFrom(same);
  }

  // --- words: readline's word chars are letters and digits; Ctrl-W uses whitespace ------------------

  private isWordChar(i: number): boolean {
    return /[\p{L}\p{N}]/u.test(this.buffer[i] ?? '');
  }

  private wordStartBefore(pos: number): number {
    let i = pos;
    while (i > 0 && !this.isWordChar(i - 1)) i--;
    while (i > 0 && this.isWordChar(i - 1)) i--;
    return i;
  }

  private wordEndAfter(pos: number): number {
    let i = pos;
    while (i < this.buffer.length && !this.isWordChar(i)) i++;
    while (i < this.buffer.length && this.isWordChar(i)) i++;
    return i;
  }

  private spaceWordStartBefore(pos: number): number {
    let i = pos;
    while (i > 0 && /\s/.test(this.buffer[i - 1]!)) i--;
    while (i > 0 && !/\s/.test(this.buffer[i - 1]!)) i--;
    return i;
  }

  // --- whole-line keys ----------------------------------------------------------------------------

  private enter(): KeyResult {
    const line = this.line;
    const end = this.endPos();
    let out = this.moveTo(end);
    // After a forced wrap the cursor already sits at the start of a fresh row.
    if (!(end > 0 && end % this.cols === 0)) out += '\r\n';
    this.addHistory(line);
    this.resetLine();
    return { write: out, action: { type: 'submit', line } };
  }

  private interrupt(): KeyResult {
    const line = this.line;
    const out = this.moveTo(this.endPos()) + '^C\r\n';
    this.resetLine();
    return { write: out, action: { type: 'interrupt', line } };
  }

  private resetLine(): void {
    this.buffer = [];
    this.cursor = 0;
    this.termPos = 0;
    this.histIndex = this.hist.length;
    this.edits.clear();
    this.mode = 'edit';
    this.search = null;
  }

  private clearScreen(): string {
    return '\x1b[H\x1b[2J' + this.fullPrompt() + this.paintAfterPrompt();
  }

  private paintAfterPrompt(): string {
    this.termPos = this.promptWidth();
    return this.paintFrom(0);
  }

  private showHistory(index: number): string {
    if (index < 0 || index > this.hist.length || index === this.histIndex) return '';
    this.edits.set(this.histIndex, this.line);
    this.histIndex = index;
    const text = this.edits.get(index) ?? this.hist[index] ?? '';
    return this.setLine(text);
  }

  private listCompletions(sorted: string[]): string {
    this.mode = 'edit';
    const shown = sorted.map(displayName);
    let out = this.moveTo(this.endPos()) + '\r\n' + formatColumns(shown, this.cols).join('\r\n') + '\r\n';
    return out + this.fullPrompt() + this.paintAfterPrompt();
  }

  private confirmList(key: string): KeyResult {
    const list = this.pendingList;
    this.pendingList = [];
    this.mode = 'edit';
    if (key === 'y' || key === 'Y' || key === ' ') return { write: this.listCompletions(list) };
    // readline prints a newline and redraws the prompt on "n".
    return { write: '\r\n' + this.fullPrompt() + this.paintAfterPrompt() };
  }

  // --- Ctrl-R: incremental reverse search ---------------------------------------------------------

  private beginSearch(): string {
    this.mode = 'search';
    this.search = { query: '', failed: false, index: -1, original: [...this.buffer], originalCursor: this.cursor };
    return this.repaintAll();
  }

  /** Handle a key during reverse search; null means "leave search, then handle the key normally". */
  private searchKey(key: string): KeyResult | null {
    const s = this.search!;
    if (key === '\x12') return { write: this.searchFrom(s.index < 0 ? this.hist.length - 1 : s.index - 1, s.query) };
    if (key === '\x7f' || key === '\b') {
      if (s.query === '') return { write: BELL };
      return { write: this.searchFrom(this.hist.length - 1, Array.from(s.query).slice(0, -1).join('')) };
    }
    if (key === '\x07') {
      // Ctrl-G: give up, restore the line as it was.
      this.mode = 'edit';
      this.buffer = s.original;
      this.cursor = s.originalCursor;
      this.search = null;
      return { write: this.repaintAll() };
    }
    if (key === '\x03') return null;
    if ((key.length === 1 && key >= ' ') || (key.length > 1 && !key.startsWith('\x1b'))) {
      return { write: this.searchFrom(s.index < 0 ? this.hist.length - 1 : s.index, s.query + key) };
    }
    // Any other key ends the search and keeps the match; Enter runs it, Escape only leaves.
    this.mode = 'edit';
    this.search = null;
    if (s.index >= 0) this.histIndex = s.index;
    const repaint = this.repaintAll();
    if (key === '\x1b') return { write: repaint };
    const rest = this.key(key);
    return { write: repaint + rest.write, action: rest.action };
  }

  private searchFrom(startIndex: number, query: string): string {
    const s = this.search!;
    s.query = query;
    if (query === '') {
      s.failed = false;
      return this.repaintAll();
    }
    for (let i = Math.min(startIndex, this.hist.length - 1); i >= 0; i--) {
      const at = this.hist[i]!.lastIndexOf(query);
      if (at >= 0) {
        s.index = i;
        s.failed = false;
        this.buffer = Array.from(this.hist[i]!);
        this.cursor = Array.from(this.hist[i]!.slice(0, at)).length;
        return this.repaintAll();
      }
    }
    s.failed = true;
    return BELL + this.repaintAll();
  }
}

/** The last whitespace-separated word of a command line. */
function lastWord(line: string): string {
  return line.trim().split(/\s+/).pop() ?? '';
}

/** Longest common prefix of several strings. */
export function commonPrefix(words: readonly string[]): string {
  if (words.length === 0) return '';
  let prefix = words[0]!;
  for (const w of words) {
    while (!w.startsWith(prefix)) prefix = prefix.slice(0, -1);
  }
  return prefix;
}

/** How readline shows a file-name candidate: only what follows the last slash. */
function displayName(candidate: string): string {
  const trimmed = candidate.endsWith('/') ? candidate.slice(0, -1) : candidate;
  const slash = trimmed.lastIndexOf('/');
  return slash < 0 ? candidate : candidate.slice(slash + 1);
}

/**
 * Lay out completions in columns, sorted down the columns, the way readline's
 * `rl_display_match_list` does: each column is the longest item plus two spaces wide, and the
 * columns never exactly fill the screen width.
 */
export function formatColumns(items: readonly string[], cols: number): string[] {
  const width = Math.max(...items.map((s) => Array.from(s).length)) + 2;
  let perRow = Math.floor(cols / width);
  if (perRow !== 1 && perRow * width === cols) perRow--;
  if (perRow < 1) perRow = 1;
  const rows = Math.ceil(items.length / perRow);
  const lines: string[] = [];
  for (let r = 0; r < rows; r++) {
    let line = '';
    for (let c = 0; c < perRow; c++) {
      const item = items[r + c * rows];
      if (item === undefined) break;
      // readline pads every column but the last, even when nothing follows on the row.
      line += c === perRow - 1 ? item : item.padEnd(width);
    }
    lines.push(line);
  }
  return lines;
}
