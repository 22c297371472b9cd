/** awk's lexer: numbers, strings, regex literals (where a regex may start), names, builtin calls, operators, newlines; and awk's errors. */

/** A feature of awk the emulator does not implement (`netlab: awk: ... is not emulated`). */
export class AwkUnsupported extends Error {}
/** A program awk itself would reject. */
export class AwkSyntax extends Error {}
/** `next` and `exit`, thrown out of a rule's action. */
export class NextSignal {}
export class ExitSignal {
  constructor(readonly status: number) {}
}

export type Tok =
  | { t: 'num'; v: number }
  | { t: 'str'; v: string }
  | { t: 're'; v: string }
  | { t: 'name'; v: string }
  | { t: 'func'; v: string }
  | { t: 'op'; v: string }
  | { t: 'nl' };

export const KEYWORDS = new Set([
  'BEGIN',
  'END',
  'if',
  'else',
  'while',
  'for',
  'do',
  'in',
  'print',
  'printf',
  'next',
  'exit',
  'delete',
  'break',
  'continue',
  'function',
  'getline',
  'return',
]);
export const BUILTINS = new Set([
  'length',
  'substr',
  'index',
  'split',
  'sub',
  'gsub',
  'toupper',
  'tolower',
  'sprintf',
  'int',
  'match',
  'sqrt',
  'rand',
  'srand',
  'system',
  'close',
]);

export function tokenize(src: string): Tok[] {
  const out: Tok[] = [];
  let i = 0;
  const prevAllowsRegex = () => {
    const p = out[out.length - 1];
    if (!p) return true;
    if (p.t === 'num' || p.t === 'str' || p.t === 'name' || p.t === 're') return false;
    if (p.t === 'op' && (p.v === ')' || p.v === ']' || p.v === '$')) return false;
    return true;
  };
  while (i < src.length) {
    const c = src[i]!;
    if (c === ' ' || c === '\t') {
      i++;
      continue;
    }
    if (c === '\\' && src[i + 1] === '\n') {
      i += 2;
      continue;
    }
    if (c === '#') {
      while (i < src.length && src[i] !== '\n') i++;
      continue;
    }
    if (c === '\n') {
      out.push({ t: 'nl' });
      i++;
      continue;
    }
    const num = /^(\d+\.?\d*([eE][+-]?\d+)?|\.\d+)/.exec(src.slice(i));
    if (num) {
      out.push({ t: 'num', v: Number(num[0]) });
      i += num[0].length;
      continue;
    }
    if (c === '"') {
      let s = '';
      i++;
      while (i < src.length && src[i] !== '"') {
        if (src[i] === '\\' && i + 1 < src.length) {
          const n = src[i + 1]!;
          s += ({ n: '\n', t: '\t', r: '\r', '\\': '\\', '"': '"', '/': '/' } as Record<string, string>)[n] ?? '\\' + n;
          i += 2;
          continue;
        }
        s += src[i++];
      }
      if (i >= src.length) throw new AwkSyntax('non-terminated string');
      i++;
      out.push({ t: 'str', v: s });
      continue;
    }
    if (c === '/' && prevAllowsRegex()) {
      let s = '';
      i++;
      while (i < src.length && src[i] !== '/') {
        if (src[i] === '\\' && src[i + 1] === '/') {
          s += '/';
          i += 2;
          continue;
        }
        if (src[i] === '\n') throw new AwkSyntax('newline in regex');
        s += src[i++];
      }
      if (i >= src.length) throw new AwkSyntax('non-terminated regular expression');
      i++;
      out.push({ t: 're', v: s });
      continue;
    }
    const name = /^[A-Za-z_][A-Za-z0-9_]*/.exec(src.slice(i));
    if (name) {
      i += name[0].length;
      const isCall = src[i] === '(';
      out.push(
        BUILTINS.has(name[0]) || (isCall && !KEYWORDS.has(name[0]))
          ? { t: 'func', v: name[0] }
          : { t: 'name', v: name[0] },
      );
      continue;
    }
    const op = [
      '+=',
      '-=',
      '*=',
      '/=',
      '%=',
      '^=',
      '==',
      '<=',
      '>=',
      '!=',
      '++',
      '--',
      '&&',
      '||',
      '!~',
      '>>',
      '**',
      '{',
      '}',
      '(',
      ')',
      '[',
      ']',
      ';',
      ',',
      '+',
      '-',
      '*',
      '/',
      '%',
      '^',
      '=',
      '<',
      '>',
      '!',
      '~',
      '?',
      ':',
      '$',
      '|',
    ].find((o) => src.startsWith(o, i));
    if (!op) throw new AwkSyntax(`unexpected character '${c}'`);
    out.push({ t: 'op', v: op });
    i += op.length;
  }
  return out;
}
