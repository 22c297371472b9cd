/** `xargs`: build command lines from stdin (-n N per command, -I{} replace, -0/-d separators). */
import type { CommandSpec } from '../../shell/types';

/** Split xargs input the way it reads it: blanks and newlines, with quotes and backslashes. */
export function xargsItems(input: string): string[] {
  const out: string[] = [];
  let cur = '';
  let has = false;
  let quote: string | null = null;
  for (let i = 0; i < input.length; i++) {
    const c = input[i]!;
    if (quote) {
      if (c === quote) quote = null;
      else cur += c;
      continue;
    }
    if (c === '"' || c === "'") {
      quote = c;
      has = true;
    } else if (c === '\\' && i + 1 < input.length) {
      cur += input[++i];
      has = true;
    } else if (/\s/.test(c)) {
      if (has || cur) out.push(cur);
      cur = '';
      has = false;
    } else {
      cur += c;
      has = true;
    }
  }
  if (has || cur) out.push(cur);
  return out;
}

export const xargsCommand: CommandSpec = {
  name: 'xargs',
  summary: 'run a command with arguments read from stdin (-n N, -I{})',
  usage: 'xargs [-n N] [-I REPLACE] [COMMAND [ARG]...]',
  async run(ctx) {
    const args = ctx.argv.slice(1);
    let maxArgs = Infinity;
    let replace: string | null = null;
    let sep: string | null = null;
    while (args[0]?.startsWith('-') && args[0] !== '-') {
      const a = args.shift()!;
      if (a === '-n') maxArgs = Number(args.shift());
      else if (/^-n\d+$/.test(a)) maxArgs = Number(a.slice(2));
      else if (a === '-I' || a === '-i') replace = a === '-i' ? '{}' : (args.shift() ?? '{}');
      else if (a.startsWith('-I')) replace = a.slice(2);
      else if (a === '-0') sep = '\0';
      else if (a === '-d') sep = args.shift() ?? '\n';
      else if (a === '-r' || a === '--no-run-if-empty' || a === '-t') continue;
      else if (a === '--') break;
      else {
        ctx.stderr.write(
          `xargs: invalid option -- '${a.slice(1)}'\nUsage: xargs [OPTION]... COMMAND [INITIAL-ARGS]...\nTry 'xargs --help' for more information.\n`,
        );
        return 1;
      }
    }
    if (!Number.isInteger(maxArgs) && maxArgs !== Infinity) {
      ctx.stderr.write(`xargs: invalid number "${maxArgs}" for -n option\n`);
      return 1;
    }
    const cmd = args.length ? args : ['echo'];
    const items =
      replace !== null
        ? ctx.stdin.split('\n').filter((l) => l.trim() !== '')
        : sep !== null
          ? ctx.stdin.split(sep === '\\n' ? '\n' : sep).filter((x, i, all) => x !== '' || i < all.length - 1)
          : xargsItems(ctx.stdin);
    const batches: string[][] = [];
    if (replace !== null) for (const it of items) batches.push(cmd.map((w) => w.split(replace!).join(it)));
    else if (items.length === 0) batches.push(cmd);
    else
      for (let i = 0; i < items.length; i += maxArgs === Infinity ? items.length : maxArgs)
        batches.push([...cmd, ...items.slice(i, i + (maxArgs === Infinity ? items.length : maxArgs))]);
    let status = 0;
    for (const argv of batches) {
      await ctx.checkpoint();
      const r = await ctx.shell.runCommand(argv, { stdout: ctx.stdout, stderr: ctx.stderr });
      if (r === 127) return 127;
      if (r !== 0) status = 123;
    }
    return status;
  },
};
