/**
 * Control flow that crosses command boundaries (`break 2` inside a pipeline in a loop, `return` in a
 * function, `exit` anywhere): thrown by the builtins, caught by the construct they leave.
 */
import { Interrupted, LimitExceeded } from './types';
import { Incomplete, ShellSyntaxError } from './parser';

/** `break N`. */
export class BreakSignal {
  constructor(public levels: number) {}
}

/** `continue N`. */
export class ContinueSignal {
  constructor(public levels: number) {}
}

/** `return N` from a function or a sourced file. */
export class ReturnSignal {
  constructor(readonly status: number) {}
}

/** `exit N`: ends the current shell (a subshell, a `sh -c`, or the interactive shell level). */
export class ExitSignal {
  constructor(readonly status: number) {}
}

/** An expansion error (`${x:?unset}`, bad arithmetic): the command is not run, status 1. */
export class ExpansionError extends Error {
  constructor(
    message: string,
    readonly status = 1,
  ) {
    super(message);
    this.name = 'ExpansionError';
  }
}

/** Signals and limits that must pass through a command's error handling untouched. */
export function isControl(e: unknown): boolean {
  return (
    e instanceof Interrupted ||
    e instanceof LimitExceeded ||
    e instanceof ExitSignal ||
    e instanceof BreakSignal ||
    e instanceof ContinueSignal ||
    e instanceof ReturnSignal
  );
}

/** bash's text for a parse failure. */
export function syntaxMessage(e: unknown, shellName = 'bash'): string {
  if (e instanceof ShellSyntaxError) return e.message;
  if (e instanceof Incomplete) {
    const quote = ["'", '"', '`'].includes(e.what) ? e.what : null;
    return quote
      ? `unexpected EOF while looking for matching \`${quote}'\n${shellName}: syntax error: unexpected end of file`
      : 'syntax error: unexpected end of file';
  }
  return e instanceof Error ? e.message : String(e);
}
