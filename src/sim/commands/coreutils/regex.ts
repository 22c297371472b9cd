/**
 * POSIX regular expressions (basic and extended, as grep and sed read them) translated to
 * JavaScript RegExp source: BRE's `\(` `\)` `\{` `\}` `\|` `\+` `\?` become groups and operators,
 * bare `( ) { } | + ?` become literals, and `[[:digit:]]` classes become ranges.
 */

const CLASSES: Record<string, string> = {
  alpha: 'A-Za-z',
  digit: '0-9',
  alnum: 'A-Za-z0-9',
  upper: 'A-Z',
  lower: 'a-z',
  space: ' \\t\\n\\r\\f\\v',
  blank: ' \\t',
  punct: '!-\\/:-@\\[-`{-~',
  xdigit: '0-9A-Fa-f',
  print: ' -~',
  graph: '!-~',
  cntrl: '\\x00-\\x1f',
};

/** Translate a POSIX BRE (extended=false) or ERE to a JS RegExp source. */
export function posixToJs(pattern: string, extended: boolean): string {
  let out = '';
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i]!;
    if (c === '[') {
      let j = i + 1;
      let body = '';
      if (pattern[j] === '^') {
        body += '^';
        j++;
      }
      if (pattern[j] === ']') {
        body += '\\]';
        j++;
      }
      for (; j < pattern.length && pattern[j] !== ']'; j++) {
        const cls = /^\[:([a-z]+):\]/.exec(pattern.slice(j));
        if (cls) {
          body += CLASSES[cls[1]!] ?? '';
          j += cls[0].length - 1;
        } else if (pattern[j] === '\\') body += '\\\\';
        else if (pattern[j] === '[') body += '\\[';
        else body += pattern[j];
      }
      if (j >= pattern.length) {
        out += '\\[';
        continue;
      }
      out += `[${body}]`;
      i = j;
      continue;
    }
    if (c === '\\') {
      const n = pattern[i + 1];
      i++;
      if (n === undefined) {
        out += '\\\\';
        break;
      }
      if (!extended && '(){}|+?'.includes(n)) out += n;
      else if ('<>'.includes(n)) out += '\\b';
      else if ('wWsSbBdD'.includes(n) || /[0-9]/.test(n)) out += '\\' + n;
      else if (n === 'n') out += '\\n';
      else if (n === 't') out += '\\t';
      else out += '\\' + (/[A-Za-z]/.test(n) ? n : n);
      continue;
    }
    if (!extended && '(){}|+?'.includes(c)) {
      out += '\\' + c;
      continue;
    }
    if (c === '*' && (out === '' || out.endsWith('(') || out.endsWith('|') || out === '^')) {
      out += '\\*';
      continue;
    }
    if (c === '{' && extended && !/^\{\d*(,\d*)?\}/.test(pattern.slice(i))) {
      out += '\\{';
      continue;
    }
    if (c === '/') {
      out += '\\/';
      continue;
    }
    out += c;
  }
  return out;
}

/** Compile a POSIX pattern; null when JavaScript cannot read the translation. */
export function compilePosix(pattern: string, extended: boolean, flags = ''): RegExp | null {
  try {
    return new RegExp(posixToJs(pattern, extended), flags);
  } catch {
    return null;
  }
}
