/** `test` and `[`: POSIX test with the usual unary file/string tests and binary comparisons. */
import type { CommandContext, CommandSpec } from '../../shell/types';
import { BINARY_OPS, testBinary, testUnary, UNARY_OPS, type TestEnv } from '../../shell/test-ops';

class TestError extends Error {}

/** Evaluate test's arguments: true/false, or throws TestError with bash's message. */
export function evalTest(args: string[], env: TestEnv, prefix: string): boolean {
  let i = 0;
  const or = (): boolean => {
    let v = and();
    while (args[i] === '-o') {
      i++;
      const r = and();
      v = v || r;
    }
    return v;
  };
  const and = (): boolean => {
    let v = not();
    while (args[i] === '-a') {
      i++;
      const r = not();
      v = v && r;
    }
    return v;
  };
  const not = (): boolean => {
    if (args[i] === '!' && i + 1 < args.length) {
      i++;
      return !not();
    }
    return primary();
  };
  const primary = (): boolean => {
    const a = args[i];
    if (a === undefined) throw new TestError(`${prefix}argument expected`);
    if (a === '(' && args.length - i > 2) {
      i++;
      const v = or();
      if (args[i] !== ')') throw new TestError(`${prefix}\`)' expected`);
      i++;
      return v;
    }
    const op = args[i + 1];
    if (op !== undefined && BINARY_OPS.has(op) && args[i + 2] !== undefined) {
      i += 3;
      const r = testBinary(a, op, args[i - 1]!, prefix);
      if (typeof r === 'string') throw new TestError(r);
      return r;
    }
    if (UNARY_OPS.has(a) && op !== undefined) {
      i += 2;
      return testUnary(a, op, env);
    }
    if (a.startsWith('-') && a.length === 2 && op === undefined && args.length > 1)
      throw new TestError(`${prefix}${a}: unary operator expected`);
    i++;
    return a !== '';
  };
  const v = or();
  if (i < args.length) {
    const extra = args[i]!;
    throw new TestError(
      args.length - i > 1 || BINARY_OPS.has(extra)
        ? `${prefix}too many arguments`
        : `${prefix}${extra}: binary operator expected`,
    );
  }
  return v;
}

function runTest(ctx: CommandContext, bracket: boolean): number {
  let args = ctx.argv.slice(1);
  const prefix = `${ctx.shell.shellName()}: ${ctx.argv[0]}: `;
  if (bracket) {
    if (args[args.length - 1] !== ']') {
      ctx.stderr.write(`${prefix}missing \`]'\n`);
      return 2;
    }
    args = args.slice(0, -1);
  }
  if (args.length === 0) return 1;
  try {
    return evalTest(
      args,
      { emulator: ctx.emulator, location: ctx.location, cwd: ctx.cwd, isSet: (n) => ctx.shell.getVar(n) !== undefined },
      prefix,
    )
      ? 0
      : 1;
  } catch (e) {
    if (e instanceof TestError) {
      ctx.stderr.write(e.message + '\n');
      return 2;
    }
    throw e;
  }
}

export const testCommand: CommandSpec = {
  name: 'test',
  summary: 'evaluate a condition (-f FILE, -z STR, A = B, N -lt M, ...)',
  usage: 'test EXPRESSION',
  builtin: true,
  run: (ctx) => runTest(ctx, false),
};
export const bracketTestCommand: CommandSpec = {
  name: '[',
  summary: 'evaluate a condition: [ EXPRESSION ]',
  usage: '[ EXPRESSION ]',
  builtin: true,
  run: (ctx) => runTest(ctx, true),
};
