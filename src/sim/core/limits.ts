/**
 * What the emulator will not do, however valid it is on a real machine: a 256-million-character
 * variable, a printf field a gigabyte wide. Each limit is far above anything a lesson or a lab
 * needs, and low enough that the tab, its save and the grader stay responsive. Crossing one
 * answers `netlab: ... is not emulated beyond ...` (status 1); it never crashes or hangs.
 */

/** Thrown anywhere below the shell; the shell prints `netlab: <message>` and the command fails with status 1. */
export class NotEmulatedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'NotEmulatedError';
  }
}

/** Characters in one shell variable (16 Mi): `x=$x$x` in a loop stops here. */
export const MAX_VARIABLE_CHARS = 16 * 1024 * 1024;

/** A printf or awk field width or precision. */
export const MAX_FIELD_WIDTH = 1_000_000;

/** Refuse a field width or precision beyond MAX_FIELD_WIDTH (`printf "%0999999999d"`). */
export function checkFieldWidth(tool: string, n: number): void {
  if (n > MAX_FIELD_WIDTH)
    throw new NotEmulatedError(`${tool}: a field width or precision of ${n} is not emulated beyond ${MAX_FIELD_WIDTH}`);
}
