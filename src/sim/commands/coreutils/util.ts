/**
 * Small helpers the coreutils share: GNU-style short/long option parsing with the real tools'
 * error texts, and reading FILE arguments (or stdin) with `cat: x: No such file or directory`.
 */
import type { CommandContext } from '../../shell/types';
import { FS_ERROR_TEXT, resolvePath } from '../../shell/vfs';

export interface ParsedOpts {
  /** Short letter or long name (without dashes) → value, or true. Repeated flags keep the last value. */
  opts: Map<string, string | true>;
  /** Repeated value flags (`-e A -e B`) in order. */
  multi: Map<string, string[]>;
  args: string[];
}

export interface OptSpec {
  /** Letters that take no value. */
  flags?: string;
  /** Letters that take a value (`-n 5`, `-n5`). */
  values?: string;
  /** Long names → short letter (or itself); a trailing `=` means it takes a value. */
  long?: Record<string, string>;
  /** `-5` as shorthand (head/tail `-N`): stored under this letter. */
  numberAs?: string;
}

/** Parse argv[1..] GNU-style. On an unknown option prints the tool's message and returns a status. */
export function parseOpts(ctx: CommandContext, spec: OptSpec, usageTool = ctx.argv[0]!): ParsedOpts | number {
  const tool = usageTool;
  const flags = spec.flags ?? '';
  const values = spec.values ?? '';
  const out: ParsedOpts = { opts: new Map(), multi: new Map(), args: [] };
  const set = (k: string, v: string | true) => {
    out.opts.set(k, v);
    if (typeof v === 'string') out.multi.set(k, [...(out.multi.get(k) ?? []), v]);
  };
  const argv = ctx.argv.slice(1);
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--') {
      out.args.push(...argv.slice(i + 1));
      break;
    }
    if (a.startsWith('--') && spec.long) {
      const [name, inline] = a.slice(2).split(/=(.*)/s, 2) as [string, string | undefined];
      const key = Object.keys(spec.long).find((k) => k.replace(/=$/, '') === name);
      if (!key) {
        ctx.stderr.write(`${tool}: unrecognized option '${a}'\nTry '${tool} --help' for more information.\n`);
        return tool === 'grep' || tool === 'ls' ? 2 : 1;
      }
      const target = spec.long[key]!;
      if (key.endsWith('=')) {
        const v = inline ?? argv[++i];
        if (v === undefined) {
          ctx.stderr.write(
            `${tool}: option '--${name}' requires an argument\nTry '${tool} --help' for more information.\n`,
          );
          return tool === 'grep' || tool === 'ls' ? 2 : 1;
        }
        set(target, v);
      } else set(target, true);
      continue;
    }
    if (a.startsWith('-') && a.length > 1) {
      if (spec.numberAs && /^-\d+$/.test(a)) {
        set(spec.numberAs, a.slice(1));
        continue;
      }
      for (let j = 1; j < a.length; j++) {
        const c = a[j]!;
        if (values.includes(c)) {
          const v = j + 1 < a.length ? a.slice(j + 1) : argv[++i];
          if (v === undefined) {
            ctx.stderr.write(
              `${tool}: option requires an argument -- '${c}'\nTry '${tool} --help' for more information.\n`,
            );
            return tool === 'grep' || tool === 'ls' ? 2 : 1;
          }
          set(c, v);
          break;
        }
        if (!flags.includes(c)) {
          ctx.stderr.write(`${tool}: invalid option -- '${c}'\nTry '${tool} --help' for more information.\n`);
          return tool === 'grep' || tool === 'ls' ? 2 : 1;
        }
        set(c, true);
      }
      continue;
    }
    out.args.push(a);
  }
  return out;
}

/** Read one FILE argument (`-` is stdin); prints `TOOL: FILE: error` and returns null on failure. */
export function readInput(ctx: CommandContext, file: string, tool = ctx.argv[0]!): string | null {
  if (file === '-') return ctx.stdin;
  const r = ctx.emulator.files.read(ctx.location, resolvePath(ctx.cwd, file));
  if (r === 'ENOENT' || r === 'EISDIR' || r === 'ENOTDIR' || r === 'EACCES' || r === 'EEXIST' || r === 'ENOTEMPTY') {
    ctx.stderr.write(`${tool}: ${file}: ${FS_ERROR_TEXT[r]}\n`);
    return null;
  }
  return r;
}

/** The inputs of a filter: each FILE, or stdin when there are none. `ok` is false if any failed. */
export function readInputs(
  ctx: CommandContext,
  files: string[],
  tool = ctx.argv[0]!,
): { inputs: Array<{ name: string; text: string }>; ok: boolean } {
  if (files.length === 0) return { inputs: [{ name: '(standard input)', text: ctx.stdin }], ok: true };
  const inputs: Array<{ name: string; text: string }> = [];
  let ok = true;
  for (const f of files) {
    const t = readInput(ctx, f, tool);
    if (t === null) ok = false;
    else inputs.push({ name: f === '-' ? '(standard input)' : f, text: t });
  }
  return { inputs, ok };
}

/** Split text into lines, without the empty element after a final newline. */
export function lines(text: string): string[] {
  if (text === '') return [];
  const ls = text.split('\n');
  if (ls[ls.length - 1] === '') ls.pop();
  return ls;
}
