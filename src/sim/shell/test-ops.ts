/**
 * The primaries shared by `test` / `[` and `[[ ]]`: file tests against the location's filesystem,
 * string and integer comparisons. Each returns true/false, or a string error message (bash's text).
 */
import type { Emulator } from '../emulator';
import type { LocationRef } from './types';
import { resolvePath } from './vfs';

export interface TestEnv {
  emulator: Emulator;
  location: LocationRef;
  cwd: string;
  isSet?(name: string): boolean;
}

export const UNARY_OPS = new Set([
  '-e',
  '-f',
  '-d',
  '-s',
  '-r',
  '-w',
  '-x',
  '-L',
  '-h',
  '-z',
  '-n',
  '-v',
  '-a',
  '-b',
  '-c',
  '-p',
  '-S',
  '-t',
  '-g',
  '-u',
  '-k',
  '-O',
  '-G',
  '-N',
]);
export const BINARY_OPS = new Set([
  '=',
  '==',
  '!=',
  '<',
  '>',
  '-eq',
  '-ne',
  '-lt',
  '-le',
  '-gt',
  '-ge',
  '-nt',
  '-ot',
  '-ef',
]);

/** `-f path` and friends. */
export function testUnary(op: string, arg: string, env: TestEnv): boolean {
  if (op === '-z') return arg === '';
  if (op === '-n') return arg !== '';
  if (op === '-v') return env.isSet?.(arg) ?? false;
  if (op === '-t') return false;
  const st = env.emulator.files.stat(env.location, resolvePath(env.cwd, arg));
  switch (op) {
    case '-e':
    case '-a':
    case '-r':
    case '-w':
      return !!st;
    case '-f':
      return st?.type === 'file';
    case '-d':
      return st?.type === 'dir';
    case '-s':
      return !!st && st.size > 0;
    case '-x':
      return !!st && (st.type === 'dir' || (st.mode & 0o111) !== 0);
    default:
      return false;
  }
}

/** `a = b`, `n -lt m`: true/false, or bash's error for a non-integer. */
export function testBinary(a: string, op: string, b: string, prefix: string): boolean | string {
  switch (op) {
    case '=':
    case '==':
      return a === b;
    case '!=':
      return a !== b;
    case '<':
      return a < b;
    case '>':
      return a > b;
    case '-nt':
    case '-ot':
    case '-ef':
      return false;
  }
  const x = toInt(a);
  if (x === undefined) return `${prefix}${a}: integer expression expected`;
  const y = toInt(b);
  if (y === undefined) return `${prefix}${b}: integer expression expected`;
  switch (op) {
    case '-eq':
      return x === y;
    case '-ne':
      return x !== y;
    case '-lt':
      return x < y;
    case '-le':
      return x <= y;
    case '-gt':
      return x > y;
    case '-ge':
      return x >= y;
  }
  return false;
}

function toInt(s: string): number | undefined {
  const t = s.trim();
  return /^[+-]?\d+$/.test(t) ? Number(t) : undefined;
}
