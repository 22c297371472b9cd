/**
 * `awk`: a small, honest subset. Fields ($N, $NF, NF, NR, FS/-F, OFS), patterns (/re/, expressions,
 * BEGIN/END, ranges not), print/printf, variables and associative arrays with `+=` and `++`,
 * if/else, while, for and for-in, next/exit, and the string functions learners reach for
 * (length, substr, index, split, sub, gsub, toupper, tolower, sprintf, int). Anything else answers
 * `netlab: awk: ... is not emulated` rather than guessing. The lexer, parser and runtime live beside
 * this file (awk-lex.ts, awk-parse.ts, awk-run.ts).
 */
import type { CommandSpec } from '../../shell/types';
import { readInputs } from './util';
import { AwkSyntax, AwkUnsupported, ExitSignal, NextSignal, tokenize } from './awk-lex';
import { AwkParser, type Expr } from './awk-parse';
import { AwkRun, toStr, truthy } from './awk-run';

/** Run an awk program over inputs; returns output and exit status. Throws AwkUnsupported/AwkSyntax. */
export function runAwk(
  program: string,
  inputs: string[],
  fs: string,
  assigns: Array<[string, string]>,
): { out: string; status: number } {
  const rules = new AwkParser(tokenize(program)).program();
  const run = new AwkRun(fs);
  for (const [k, v] of assigns) run.vars.set(k, v);
  let status = 0;
  const runRules = (which: 'BEGIN' | 'END' | 'main') => {
    for (const r of rules) {
      const isSpecial = r.pattern === 'BEGIN' || r.pattern === 'END';
      if (which === 'main' ? isSpecial : r.pattern !== which) continue;
      if (which === 'main' && r.pattern !== null && !truthy(run.eval(r.pattern as Expr))) continue;
      if (r.action) run.exec(r.action);
      else run.out += run.fields[0] + toStr(run.vars.get('ORS') ?? '\n');
    }
  };
  try {
    runRules('BEGIN');
    const hasMain = rules.some((r) => r.pattern !== 'BEGIN');
    if (hasMain) {
      let nr = 0;
      outer: for (const text of inputs) {
        const ls = text.split('\n');
        if (text.endsWith('\n')) ls.pop();
        for (const line of ls) {
          run.vars.set('NR', ++nr);
          run.setRecord(line);
          try {
            runRules('main');
          } catch (e) {
            if (e instanceof NextSignal) continue;
            if (e instanceof ExitSignal) {
              status = e.status;
              break outer;
            }
            throw e;
          }
        }
      }
    }
  } catch (e) {
    if (!(e instanceof ExitSignal)) throw e;
    status = e.status;
  }
  try {
    runRules('END');
  } catch (e) {
    if (e instanceof ExitSignal) status = e.status;
    else throw e;
  }
  return { out: run.out, status };
}

export const awkCommand: CommandSpec = {
  name: 'awk',
  summary: "pattern scanning: awk '{print $1}', -F SEP, /re/ {...}, BEGIN/END, printf, counters",
  usage: "awk [-F SEP] [-v VAR=VALUE] 'PROGRAM' [FILE]...",
  flags: [
    { names: ['-F'], value: true, description: 'field separator' },
    { names: ['-v'], value: true, description: 'assign a variable before the program starts' },
  ],
  run(ctx) {
    const args = ctx.argv.slice(1);
    let fs = ' ';
    const assigns: Array<[string, string]> = [];
    while (args[0]?.startsWith('-') && args[0] !== '-') {
      const a = args.shift()!;
      if (a === '--') break;
      if (a === '-F') fs = args.shift() ?? ' ';
      else if (a.startsWith('-F')) fs = a.slice(2);
      else if (a === '-v' || a.startsWith('-v')) {
        const kv = a === '-v' ? (args.shift() ?? '') : a.slice(2);
        const eq = kv.indexOf('=');
        if (eq > 0) assigns.push([kv.slice(0, eq), kv.slice(eq + 1)]);
      } else {
        ctx.stderr.write(`netlab: awk ${a} is not emulated\n`);
        return 2;
      }
    }
    if (fs === 't') fs = '\t';
    fs = fs.replace(/\\t/g, '\t');
    const program = args.shift();
    if (program === undefined) {
      ctx.stderr.write('usage: awk [-F fs][-v var=value][prog | -f progfile][file ...]\n');
      return 2;
    }
    const { inputs, ok } = readInputs(ctx, args, 'awk');
    try {
      const { out, status } = runAwk(
        program,
        inputs.map((i) => i.text),
        fs,
        assigns,
      );
      ctx.stdout.write(out);
      return ok ? status : 2;
    } catch (e) {
      if (e instanceof AwkUnsupported) {
        ctx.stderr.write(`netlab: awk: ${e.message} is not emulated\n`);
        return 2;
      }
      if (e instanceof AwkSyntax) {
        ctx.stderr.write(`awk: syntax error: ${e.message}\n awk: ${program.split('\n')[0]}\n`);
        return 2;
      }
      throw e;
    }
  },
};
