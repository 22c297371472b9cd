/**
 * What the terminal's Web Worker does, without the worker: it owns one emulator and its shell,
 * answers the page's messages (protocol.ts) and streams output back. Kept free of `self` and of
 * the real emulator so it can be tested in Node with a fake shell; worker.ts wires it up.
 *
 * The shell calls `yieldToHost` at every command and loop iteration. Really yielding that often
 * would slow a 1,000-iteration loop to a crawl, never yielding would leave Ctrl-C unheard; so the
 * host yields to the event loop only when a few milliseconds of work have passed since the last
 * time, and flushes batched output at the same moment.
 */
import type { LocationRef, Writer } from '../../sim/shell/types';
import { droppedNotice, type FromWorker, type ToWorker } from './protocol';

/** The slice of `ShellSession` the terminal needs. */
export interface HostedShell {
  run(
    text: string,
    io: {
      stdout: Writer;
      stderr: Writer;
      signal?: AbortSignal;
      yieldToHost?: () => Promise<void> | void;
      interactive?: boolean;
      columns?: number;
      rows?: number;
    },
  ): Promise<number>;
  isComplete(text: string): boolean;
  prompt(): string;
  continuationPrompt(): string;
  location(): LocationRef;
  complete(line: string, cursor: number): { start: number; candidates: string[] };
  readonly history: readonly string[];
}

/** A running emulator with the terminal's shell in it. */
export interface HostedCluster {
  shell: HostedShell;
  snapshot(): unknown;
  /** The emulator's virtual clock (ms). When given, a run never lets it get ahead of the wall clock. */
  virtualNow?(): number;
  /** Forget the shell's history (after the lesson's setup lines, which are not the learner's). */
  forgetHistory?(): void;
  /** Figures produced by the last input (the packet walk of `trace`), if the emulator records them. */
  takeEvents?(): Array<{ type: 'trace'; data: unknown }>;
}

/** How the host builds clusters: the real emulator in the worker, a fake in tests. */
export interface ClusterFactory {
  create(scenario: string, seed: number): HostedCluster;
  /** Throws with a readable reason when the snapshot cannot be used. */
  restore(snapshot: unknown): HostedCluster;
}

export interface HostDeps {
  post(msg: FromWorker): void;
  factory: ClusterFactory;
  /** Milliseconds, for measuring (boot time, time since the last yield). Never reaches the emulator. */
  now(): number;
  /** Let the event loop run (the interrupt message is delivered there). */
  macrotask(): Promise<void>;
  /** Wait this many wall-clock milliseconds (the event loop runs meanwhile). */
  sleep(ms: number): Promise<void>;
}

/** Yield to the event loop after this much uninterrupted work. */
export const YIELD_EVERY_MS = 8;

/** How far virtual time may run ahead of the wall clock during a run before the host waits. */
export const PACE_SLACK_MS = 100;

/** The longest single wait while pacing, so Ctrl-C is heard quickly. */
export const PACE_NAP_MS = 50;

export class TerminalHost {
  private cluster: HostedCluster | null = null;
  private init: Extract<ToWorker, { type: 'init' }> | null = null;
  private running: AbortController | null = null;
  private queue: Promise<void> = Promise.resolve();
  private pending: { stream: 'stdout' | 'stderr'; data: string }[] = [];
  private lastYield = 0;
  /** Virtual and wall-clock time when the running input first yielded: the pacing baseline. */
  private paceFrom: { virtual: number; real: number } | null = null;
  /** The terminal's size, as the last `resize` gave it; unknown until then. */
  private size: { cols: number; rows: number } | null = null;

  constructor(private readonly deps: HostDeps) {}

  /** Handle one message from the page. Runs and resets are serialised; interrupts act at once. */
  handle(msg: ToWorker): Promise<void> {
    if (msg.type === 'interrupt') {
      this.running?.abort();
      return Promise.resolve();
    }
    if (msg.type === 'resize') {
      // At once, not queued behind a running input: the next input sees the new size.
      if (msg.cols > 0 && msg.rows > 0) this.size = { cols: msg.cols, rows: msg.rows };
      return Promise.resolve();
    }
    if (msg.type === 'complete') {
      this.answerCompletion(msg.id, msg.line, msg.cursor);
      return Promise.resolve();
    }
    this.queue = this.queue
      .then(() => this.handleInOrder(msg))
      .catch((err) => this.deps.post({ type: 'error', message: describe(err) }));
    return this.queue;
  }

  private async handleInOrder(msg: ToWorker): Promise<void> {
    switch (msg.type) {
      case 'init':
        this.init = msg;
        return this.boot(msg.snapshot);
      case 'reset':
        return this.boot(undefined);
      case 'run':
        return this.run(msg.id, msg.text);
      case 'snapshot':
        this.deps.post({ type: 'snapshot', id: msg.id, data: this.cluster?.snapshot() ?? null });
        return;
    }
  }

  private async boot(snapshot: unknown): Promise<void> {
    const init = this.init;
    if (!init) throw new Error('terminal worker: reset before init');
    const started = this.deps.now();
    let notice: string | undefined;
    this.cluster = null;
    if (snapshot !== undefined) {
      try {
        this.cluster = this.deps.factory.restore(snapshot);
      } catch (err) {
        notice = droppedNotice(describe(err));
      }
    }
    if (!this.cluster) {
      this.cluster = this.deps.factory.create(init.scenario, init.seed);
      for (const line of init.setup ?? []) {
        // Setup is the lesson's starting point, not the learner's work: its output is not shown.
        const quiet = { write() {} };
        await this.cluster.shell.run(line, { stdout: quiet, stderr: quiet, interactive: false });
      }
      if (init.setup?.length) this.cluster.forgetHistory?.();
    }
    const shell = this.cluster.shell;
    this.deps.post({
      type: 'ready',
      prompt: shell.prompt(),
      bootMs: this.deps.now() - started,
      history: [...shell.history],
      location: shell.location().kind,
      ...(notice ? { notice } : {}),
    });
  }

  private async run(id: number, text: string): Promise<void> {
    const cluster = this.cluster;
    if (!cluster) throw new Error('terminal worker: run before init');
    const shell = cluster.shell;
    let complete: boolean;
    try {
      complete = shell.isComplete(text);
    } catch {
      complete = true; // let run() report the syntax error the way bash would
    }
    if (!complete) {
      this.deps.post({
        type: 'done',
        id,
        status: -1,
        prompt: shell.continuationPrompt(),
        continuation: true,
        location: shell.location().kind,
      });
      return;
    }
    const controller = new AbortController();
    this.running = controller;
    this.lastYield = this.deps.now();
    this.paceFrom = null;
    let status: number;
    try {
      status = await shell.run(text, {
        stdout: { write: (d) => this.emit('stdout', d) },
        stderr: { write: (d) => this.emit('stderr', d) },
        signal: controller.signal,
        yieldToHost: () => this.maybeYield(),
        interactive: true,
        ...(this.size ? { columns: this.size.cols, rows: this.size.rows } : {}),
      });
    } catch (err) {
      // A crash inside the emulator must not kill the terminal: report it and give a fresh prompt.
      this.emit('stderr', `netlab: internal error: ${describe(err)}\n`);
      status = 1;
    } finally {
      // The last step of a `sleep` is only waited out here: no checkpoint follows it.
      if (!controller.signal.aborted) await this.pace();
      this.running = null;
    }
    this.flush();
    for (const event of cluster.takeEvents?.() ?? []) this.deps.post({ type: 'event', event });
    let snapshot: unknown;
    try {
      snapshot = cluster.snapshot();
    } catch (err) {
      this.deps.post({ type: 'error', message: `snapshot failed: ${describe(err)}` });
    }
    this.deps.post({
      type: 'done',
      id,
      status,
      prompt: shell.prompt(),
      continuation: false,
      location: shell.location().kind,
      snapshot,
    });
  }

  private answerCompletion(id: number, line: string, cursor: number): void {
    let result = { start: cursor, candidates: [] as string[] };
    try {
      if (this.cluster && !this.running) result = this.cluster.shell.complete(line, cursor);
    } catch {
      // A completion bug should cost a bell, not the terminal.
    }
    this.deps.post({ type: 'completions', id, start: result.start, candidates: result.candidates });
  }

  private emit(stream: 'stdout' | 'stderr', data: string): void {
    if (data === '') return;
    const last = this.pending[this.pending.length - 1];
    if (last && last.stream === stream) last.data += data;
    else this.pending.push({ stream, data });
  }

  private flush(): void {
    for (const chunk of this.pending) this.deps.post({ type: 'output', stream: chunk.stream, data: chunk.data });
    this.pending = [];
  }

  private async maybeYield(): Promise<void> {
    if (await this.pace()) return;
    if (this.deps.now() - this.lastYield < YIELD_EVERY_MS) return;
    this.flush();
    await this.deps.macrotask();
    this.lastYield = this.deps.now();
  }

  /**
   * Keep virtual time from running ahead of the wall clock while a person watches: `sleep 5`
   * takes five seconds and `watch` redraws every two, as in a real terminal, instead of the clock
   * racing through hours of refreshes. Outside the terminal (netlab run, grading) time stays free.
   * Returns whether it waited.
   */
  private async pace(): Promise<boolean> {
    const virtualNow = this.cluster?.virtualNow?.();
    if (virtualNow === undefined) return false;
    if (!this.paceFrom) {
      this.paceFrom = { virtual: virtualNow, real: this.deps.now() };
      return false;
    }
    const ahead = () => virtualNow - this.paceFrom!.virtual - (this.deps.now() - this.paceFrom!.real);
    if (ahead() <= PACE_SLACK_MS) return false;
    this.flush();
    while (ahead() > 0 && !this.running?.signal.aborted) await this.deps.sleep(Math.min(ahead(), PACE_NAP_MS));
    this.lastYield = this.deps.now();
    return true;
  }
}

function describe(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
