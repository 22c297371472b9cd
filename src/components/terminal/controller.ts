/**
 * Drives one terminal: keys go through the line editor, complete inputs go to the worker, output
 * comes back to the screen. No xterm and no DOM here (the page wires those in client.ts), so the
 * whole conversation can be tested with a fake worker.
 *
 * Everything the learner types, pastes or a Run button types goes through one queue of keys. The
 * queue is drained only while the editor is waiting for input: a pasted block of five lines runs
 * five commands in order, each after the previous one finished, exactly as in a real terminal.
 */
import { LineEditor, type EditorAction } from './lineEditor';
import { splitKeys, PASTE_END, PASTE_START } from './keys';
import { TranscriptLog, TRANSCRIPT_LINES } from './transcript';
import type { FromWorker, ToWorker } from './protocol';
import type { LocationKind } from '../../sim/shell/types';

export type TerminalState = 'booting' | 'idle' | 'busy' | 'completing';

export interface ControllerDeps {
  /** Write to the screen (xterm). */
  write(data: string): void;
  /** Send to the worker. */
  send(msg: ToWorker): void;
  cols: number;
}

/** Output from the emulator uses bare `\n`; a terminal needs `\r\n`. */
export function toTerminalNewlines(text: string): string {
  return text.replace(/\r?\n/g, '\r\n');
}

export class TerminalController {
  readonly editor: LineEditor;
  private stateValue: TerminalState = 'booting';
  private queue: string[] = [];
  /** Lines of an input that is not complete yet (a heredoc, a loop, a trailing backslash). */
  private pendingLines: string[] = [];
  private prompt = '$ ';
  /** The prompt in front of the line being edited: the primary one, or `> ` for more lines. */
  private shownPrompt = '';
  private where: LocationKind = 'host';
  private readonly log = new TranscriptLog(TRANSCRIPT_LINES);
  private runId = 0;
  private completionId = 0;
  private idleWaiters: Array<() => void> = [];

  constructor(private readonly deps: ControllerDeps) {
    this.editor = new LineEditor({ cols: deps.cols });
  }

  get state(): TerminalState {
    return this.stateValue;
  }

  /** Where the shell stands now (host, node or pod), from the last prompt the worker sent. */
  get location(): LocationKind {
    return this.where;
  }

  /** Keys from xterm (typed or pasted). Ctrl-C while a command runs interrupts it at once. */
  input(data: string): void {
    if (this.stateValue === 'busy' && data.includes('\x03')) {
      // bash drops type-ahead on Ctrl-C too (and so the rest of a Run block); the shell prints the ^C.
      this.dropTypeAhead();
      this.deps.send({ type: 'interrupt' });
      return;
    }
    this.queue.push(...splitKeys(data));
    this.pump();
  }

  /** Type lines as a Run button does: each runs after the previous one finished. Resolves when all have run. */
  runLines(lines: readonly string[]): Promise<void> {
    // A half-entered multi-line input (at `> `) would swallow the block: drop it as Ctrl-C does.
    if (this.stateValue === 'idle' && this.pendingLines.length > 0) this.input('\x03');
    // Clear what was half typed first (End, Ctrl-U), then type the block marked as a paste so a
    // Tab inside it is text, not completion.
    this.input('\x05\x15' + PASTE_START + lines.map((l) => l + '\r').join('') + PASTE_END);
    return this.whenIdle();
  }

  /** What the learner has seen, with colours, without the editor's cursor moves (for saving). */
  transcript(): string[] {
    return this.log.lines();
  }

  /** Show a saved session's scrollback above the first prompt. */
  showScrollback(lines: readonly string[]): void {
    if (lines.length === 0) return;
    this.show(lines.join('\n') + '\n');
  }

  /** Resolves when nothing is running and no typed keys are waiting. */
  whenIdle(): Promise<void> {
    if (this.isIdle()) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  /** Terminal width changed. */
  resize(cols: number): void {
    this.editor.resize(cols);
  }

  /**
   * Rebuild the cluster from the lesson's start (or send `restart`, an `init` for a new worker).
   * The screen is the page's business.
   */
  reset(restart?: Extract<ToWorker, { type: 'init' }>): void {
    if (this.stateValue === 'busy' && !restart) this.deps.send({ type: 'interrupt' });
    this.dropTypeAhead();
    this.pendingLines = [];
    this.stateValue = 'booting';
    this.log.clear();
    this.deps.send(restart ?? { type: 'reset' });
  }

  /** A message from the worker. */
  receive(msg: FromWorker): void {
    switch (msg.type) {
      case 'ready':
        this.editor.setHistory(msg.history.flatMap((h) => h.split('\n')));
        // The notice is about this visit only: shown, not kept in the saved scrollback.
        if (msg.notice) this.deps.write(`\x1b[33m${msg.notice}\x1b[0m\r\n`);
        this.where = msg.location;
        this.newPrompt(msg.prompt);
        return;
      case 'output':
        // While (re)booting, output can only be the tail of a run that a reset interrupted.
        if (this.stateValue !== 'booting') this.show(msg.data);
        return;
      case 'done':
        if (msg.id !== this.runId || this.stateValue !== 'busy') return;
        this.where = msg.location;
        if (msg.continuation) {
          this.stateValue = 'idle';
          this.startLine(msg.prompt);
          this.pump();
        } else {
          this.pendingLines = [];
          this.newPrompt(msg.prompt);
        }
        return;
      case 'completions':
        if (msg.id !== this.completionId || this.stateValue !== 'completing') return;
        this.deps.write(this.editor.applyCompletion({ start: msg.start, candidates: msg.candidates }));
        this.stateValue = 'idle';
        this.pump();
        return;
      case 'error':
        this.show(`\x1b[31mnetlab: ${msg.message}\x1b[0m\n`);
        if (this.stateValue === 'busy') {
          this.pendingLines = [];
          this.newPrompt(this.prompt);
        }
        return;
      case 'snapshot':
      case 'event':
        return; // for the page (persistence, trace panel)
    }
  }

  /** Forget keys not yet handled; a paste cut short must not leave the editor in paste mode. */
  private dropTypeAhead(): void {
    this.queue = [];
    if (this.editor.inPaste) this.editor.key(PASTE_END);
  }

  private newPrompt(prompt: string): void {
    this.prompt = prompt;
    this.stateValue = 'idle';
    this.startLine(prompt);
    this.pump();
  }

  private startLine(prompt: string): void {
    this.shownPrompt = prompt;
    this.deps.write(this.editor.start(prompt));
  }

  /** Write text that stays on screen (output, notices, echoed lines) and log it. */
  private show(text: string): void {
    this.deps.write(toTerminalNewlines(text));
    this.log.append(text);
  }

  private isIdle(): boolean {
    return this.stateValue === 'idle' && this.queue.length === 0;
  }

  private pump(): void {
    while (this.stateValue === 'idle' && this.queue.length > 0) {
      const key = this.queue.shift()!;
      const r = this.editor.key(key);
      if (r.write) this.deps.write(r.write);
      if (r.write.includes('\x1b[2J')) this.log.clear(); // Ctrl-L
      if (r.action) this.act(r.action);
    }
    if (this.isIdle()) {
      const waiters = this.idleWaiters;
      this.idleWaiters = [];
      for (const w of waiters) w();
    }
  }

  private act(action: EditorAction): void {
    switch (action.type) {
      case 'submit':
        this.log.append(`${this.shownPrompt}${action.line}\n`);
        this.pendingLines.push(action.line);
        this.stateValue = 'busy';
        this.deps.send({ type: 'run', id: ++this.runId, text: this.pendingLines.join('\n') });
        return;
      case 'interrupt':
        this.log.append(`${this.shownPrompt}${action.line}^C\n`);
        this.pendingLines = [];
        this.startLine(this.prompt);
        return;
      case 'complete':
        this.stateValue = 'completing';
        this.deps.send({ type: 'complete', id: ++this.completionId, line: action.line, cursor: action.cursor });
        return;
      case 'eof':
        // bash leaves a nested shell on Ctrl-D: nothing is echoed, the shell itself prints "exit"
        // after the prompt. On the host there is nowhere to go, so Ctrl-D does nothing.
        if (this.where !== 'host' && this.pendingLines.length === 0) {
          this.log.append(this.shownPrompt);
          this.stateValue = 'busy';
          this.deps.send({ type: 'run', id: ++this.runId, text: 'exit' });
        }
        return;
    }
  }
}
