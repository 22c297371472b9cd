/**
 * Control flow that crosses command boundaries (`break 2` inside a pipeline in a loop, `return` in a
 * function, `exit` anywhere): thrown by the builtins, caught by the construct they leave.
 */

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
