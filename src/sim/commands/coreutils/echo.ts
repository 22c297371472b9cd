/** `echo` and `printf`, as bash's builtins behave. */
import { checkFieldWidth } from '../../core/limits';
import type { CommandSpec } from '../../shell/types';
import { ansiEscape } from '../../shell/parser';

/** Decode echo -e / %b escapes; `\c` stops all further output (returned as stop=true). */
export function echoEscapes(s: string): { text: string; stop: boolean } {
  let out = '';
  for (let i = 0; i < s.length; i++) {
    const c = s[i]!;
    if (c !== '\\' || i + 1 >= s.length) {
      out += c;
      continue;
    }
    const n = s[i + 1]!;
    if (n === 'c') return { text: out, stop: true };
    if (n === '0') {
      const m = /^[0-7]{0,3}/.exec(s.slice(i + 2))![0];
      out += String.fromCharCode(parseInt(m || '0', 8) & 0xff);
      i += 1 + m.length;
      continue;
    }
    const [t, len] = ansiEscape(s, i);
    out += t;
    i += len - 1;
  }
  return { text: out, stop: false };
}

export const echoCommand: CommandSpec = {
  name: 'echo',
  summary: 'print arguments (-n: no newline, -e: interpret backslash escapes)',
  usage: 'echo [-neE] [arg ...]',
  builtin: true,
  flags: [
    { names: ['-n'], description: 'do not print the trailing newline' },
    { names: ['-e'], description: 'interpret backslash escapes' },
    { names: ['-E'], description: 'do not interpret backslash escapes' },
  ],
  run(ctx) {
    let args = ctx.argv.slice(1);
    let newline = true;
    let escapes = false;
    while (args[0] && /^-[neE]+$/.test(args[0])) {
      for (const c of args[0].slice(1)) {
        if (c === 'n') newline = false;
        else if (c === 'e') escapes = true;
        else escapes = false;
      }
      args = args.slice(1);
    }
    let text = args.join(' ');
    if (escapes) {
      const r = echoEscapes(text);
      text = r.text;
      if (r.stop) newline = false;
    }
    ctx.stdout.write(newline ? text + '\n' : text);
    return 0;
  },
};

/** Format like bash's printf builtin; returns the text and any conversion errors. */
export function formatPrintf(format: string, args: string[]): { text: string; errors: string[] } {
  let out = '';
  const errors: string[] = [];
  let ai = 0;
  const next = () => args[ai++];
  const num = (v: string | undefined, float: boolean): number => {
    if (v === undefined || v === '') return 0;
    const t = v.trim();
    if (/^['"]/.test(t)) return t.codePointAt(1) ?? 0;
    const n = float
      ? Number(t)
      : /^[+-]?0x[0-9a-f]+$/i.test(t)
        ? parseInt(t, 16)
        : /^[+-]?\d+$/.test(t)
          ? parseInt(t, 10)
          : NaN;
    if (Number.isNaN(n)) {
      errors.push(`${v}: invalid number`);
      const lead = /^[+-]?\d+(\.\d+)?/.exec(t);
      return lead ? Number(lead[0]) : 0;
    }
    return n;
  };
  do {
    const startAi = ai;
    for (let i = 0; i < format.length; i++) {
      const c = format[i]!;
      if (c === '\\') {
        if (format[i + 1] === 'c') return { text: out, errors };
        const [t, len] = ansiEscape(format, i);
        out += t;
        i += len - 1;
        continue;
      }
      if (c !== '%') {
        out += c;
        continue;
      }
      const m = /^%([-+ #0]*)(\*|\d+)?(?:\.(\*|\d+))?([sdifFeEgGxXocbq%])/.exec(format.slice(i));
      if (!m) {
        out += c;
        continue;
      }
      i += m[0].length - 1;
      const [, fl = '', w, p, conv] = m as unknown as [string, string, string | undefined, string | undefined, string];
      if (conv === '%') {
        out += '%';
        continue;
      }
      const width = w === '*' ? num(next(), false) : w ? Number(w) : 0;
      const prec = p === '*' ? num(next(), false) : p !== undefined ? Number(p) : undefined;
      checkFieldWidth('printf', Math.max(Math.abs(width), prec ?? 0));
      const arg = next();
      let s: string;
      switch (conv) {
        case 's':
          s = arg ?? '';
          if (prec !== undefined) s = s.slice(0, prec);
          break;
        case 'b':
          s = echoEscapes(arg ?? '').text;
          break;
        case 'q':
          s =
            arg === undefined || arg === ''
              ? "''"
              : /^[\w@%+=:,./-]+$/.test(arg)
                ? arg
                : arg.replace(/([^\w@%+=:,./-])/g, '\\$1');
          break;
        case 'c':
          s = (arg ?? '').slice(0, 1);
          break;
        case 'd':
        case 'i': {
          const n = Math.trunc(num(arg, false));
          s = Math.abs(n).toString();
          if (prec !== undefined) s = s.padStart(prec, '0');
          s = (n < 0 ? '-' : fl.includes('+') ? '+' : fl.includes(' ') ? ' ' : '') + s;
          break;
        }
        case 'x':
        case 'X':
        case 'o': {
          const n = Math.trunc(num(arg, false));
          s = (n >>> 0).toString(conv === 'o' ? 8 : 16);
          if (conv === 'X') s = s.toUpperCase();
          if (fl.includes('#') && n !== 0) s = (conv === 'o' ? '0' : conv === 'x' ? '0x' : '0X') + s;
          break;
        }
        default: {
          const n = num(arg, true);
          const pr = prec ?? 6;
          if (conv === 'e' || conv === 'E') {
            s = n.toExponential(pr).replace(/e([+-])(\d)$/, 'e$10$2');
            if (conv === 'E') s = s.toUpperCase();
          } else if (conv === 'g' || conv === 'G') s = String(Number(n.toPrecision(pr || 1)));
          else s = n.toFixed(pr);
          if (n >= 0 && fl.includes('+')) s = '+' + s;
        }
      }
      if (s.length < width) {
        if (fl.includes('-')) s = s.padEnd(width);
        else if (fl.includes('0') && 'dioxXfFeEgG'.includes(conv)) {
          const sign = /^[+-]/.test(s) ? s[0]! : '';
          s = sign + s.slice(sign.length).padStart(width - sign.length, '0');
        } else s = s.padStart(width);
      }
      out += s;
    }
    if (ai === startAi) break;
  } while (ai < args.length);
  return { text: out, errors };
}

export const printfCommand: CommandSpec = {
  name: 'printf',
  summary: 'formatted output (%s %d %-10s %5.2f \\n \\t; the format is reused for extra arguments)',
  usage: 'printf FORMAT [ARGUMENT]...',
  builtin: true,
  run(ctx) {
    const args = ctx.argv.slice(1);
    if (args[0] === '--') args.shift();
    if (args.length === 0) {
      ctx.stderr.write(`${ctx.shell.shellName()}: printf: usage: printf [-v var] format [arguments]\n`);
      return 2;
    }
    const { text, errors } = formatPrintf(args[0]!, args.slice(1));
    ctx.stdout.write(text);
    for (const e of errors) ctx.stderr.write(`${ctx.shell.shellName()}: printf: ${e}\n`);
    return errors.length ? 1 : 0;
  },
};
