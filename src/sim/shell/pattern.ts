/**
 * Shell pattern matching (`*`, `?`, `[...]`, backslash-quoted characters), shared by pathname
 * globbing, `case`, `[[ x == pat ]]` and `${x#pat}`.
 */

/** Whether `pattern` has an unescaped glob character. */
export function hasGlobChars(pattern: string): boolean {
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === '\\') i++;
    else if (c === '*' || c === '?' || c === '[') return true;
  }
  return false;
}

/** Translate a shell pattern to a regular-expression source (no anchors). */
export function patternSource(pattern: string, pathname = false): string {
  let out = '';
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i]!;
    if (c === '\\') {
      const n = pattern[i + 1];
      if (n !== undefined) {
        out += escapeRe(n);
        i++;
      } else out += '\\\\';
    } else if (c === '*') out += pathname ? '[^/]*' : '[\\s\\S]*';
    else if (c === '?') out += pathname ? '[^/]' : '[\\s\\S]';
    else if (c === '[') {
      const close = findClass(pattern, i);
      if (close < 0) out += '\\[';
      else {
        let body = pattern.slice(i + 1, close);
        let neg = false;
        if (body.startsWith('!') || body.startsWith('^')) {
          neg = true;
          body = body.slice(1);
        }
        body = body
          .replace(
            /\[:(alpha|digit|alnum|upper|lower|space|punct|xdigit):\]/g,
            (_m, cls: string) => POSIX_CLASSES[cls] ?? '',
          )
          .replace(/\\(?!\])/g, '\\\\')
          .replace(/\]/g, '\\]')
          .replace(/\^/g, '\\^');
        out += `[${neg ? '^' : ''}${body}]`;
        i = close;
      }
    } else out += escapeRe(c);
  }
  return out;
}

const POSIX_CLASSES: Record<string, string> = {
  alpha: 'A-Za-z',
  digit: '0-9',
  alnum: 'A-Za-z0-9',
  upper: 'A-Z',
  lower: 'a-z',
  space: ' \\t\\n\\r\\f\\v',
  punct: '!-\\/:-@\\[-`{-~',
  xdigit: '0-9A-Fa-f',
};

function findClass(p: string, open: number): number {
  let j = open + 1;
  if (p[j] === '!' || p[j] === '^') j++;
  if (p[j] === ']') j++;
  for (; j < p.length; j++) {
    if (p[j] === '[' && p[j + 1] === ':') {
      const end = p.indexOf(':]', j + 2);
      if (end > 0) {
        j = end + 1;
        continue;
      }
    }
    if (p[j] === ']') return j;
  }
  return -1;
}

function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}

/** Whether the whole of `text` matches the shell `pattern`. */
export function matchPattern(pattern: string, text: string, pathname = false): boolean {
  try {
    return new RegExp(`^${patternSource(pattern, pathname)}$`).test(text);
  } catch {
    return pattern === text;
  }
}

/** Remove a matching prefix (`#`, `##`) or suffix (`%`, `%%`) as `${x#pat}` does. */
export function trimPattern(value: string, pattern: string, op: '#' | '##' | '%' | '%%'): string {
  const src = patternSource(pattern);
  let re: RegExp;
  try {
    re = new RegExp(`^${src}$`);
  } catch {
    return value;
  }
  if (op === '#' || op === '##') {
    const lens = [...Array(value.length + 1).keys()];
    if (op === '##') lens.reverse();
    for (const n of lens) if (re.test(value.slice(0, n))) return value.slice(n);
  } else {
    const starts = [...Array(value.length + 1).keys()];
    if (op === '%') starts.reverse();
    for (const s of starts) if (re.test(value.slice(s))) return value.slice(0, s);
  }
  return value;
}

/** Escape glob characters so the text matches only itself. */
export function escapeGlob(text: string): string {
  return text.replace(/[\\*?[\]]/g, '\\$&');
}
