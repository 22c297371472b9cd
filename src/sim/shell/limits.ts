/**
 * Caps that keep a page alive whatever a learner types: a runaway loop, a flood of output or an
 * endless recursion ends with a `netlab: ...` message instead of freezing the tab.
 */
import { LimitExceeded } from './types';
import type { Writer } from './types';

/** Iterations of one `for`/`while`/`until` loop. */
export const MAX_LOOP_ITERATIONS = 100_000;
/** Bytes written to the terminal by one top-level command line. */
export const MAX_OUTPUT_BYTES = 2 * 1024 * 1024;
/** Bytes buffered in one pipe, command substitution or file written by a redirection. */
export const MAX_BUFFER_BYTES = 16 * 1024 * 1024;
/** Nesting of shells, functions and command substitutions. */
export const MAX_DEPTH = 64;
/** Words one brace expansion may produce (`{1..100000}` is fine, `{1..9999999}` is not). */
export const MAX_BRACE_WORDS = 200_000;

/** A writer that stops the run once `limit` characters went through it. */
export class LimitedWriter implements Writer {
  private count = 0;
  constructor(
    private readonly inner: Writer,
    private readonly limit: number,
    private readonly what: string,
  ) {}

  write(text: string): void {
    if (!text) return;
    if (this.count + text.length > this.limit) {
      const room = Math.max(0, this.limit - this.count);
      if (room) this.inner.write(text.slice(0, room));
      this.count = this.limit;
      throw new LimitExceeded(this.what);
    }
    this.count += text.length;
    this.inner.write(text);
  }
}

/** Collects what a pipeline stage or command substitution prints. */
export class BufferWriter implements Writer {
  private chunks: string[] = [];
  private size = 0;

  write(text: string): void {
    this.size += text.length;
    if (this.size > MAX_BUFFER_BYTES)
      throw new LimitExceeded(
        `a pipe or substitution buffered more than ${MAX_BUFFER_BYTES / 1024 / 1024} MB; stopped`,
      );
    this.chunks.push(text);
  }

  text(): string {
    const s = this.chunks.join('');
    this.chunks = [s];
    return s;
  }
}

/** Discards everything (`>/dev/null`). */
export const NULL_WRITER: Writer = { write() {} };
