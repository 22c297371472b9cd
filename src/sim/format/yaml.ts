/**
 * `kubectl get -o yaml`: sigs.k8s.io/yaml (JSON → go-yaml v2) as kubectl prints it. A small
 * dedicated emitter rather than a general YAML library, because the learner-visible details are
 * go-yaml's own: which strings it quotes and how (resolve() plus the emitter's scalar analysis),
 * its "natural" key order (`port9` before `port10`), sequences flush with their key, `|`/`|-`
 * blocks for multi-line strings, and no line folding.
 */

import { goFloatString } from './json';

// ---- resolve(): would this string read back as something other than a string? -------------

const RESOLVE_MAP = new Set([
  'y',
  'Y',
  'yes',
  'Yes',
  'YES',
  'true',
  'True',
  'TRUE',
  'on',
  'On',
  'ON',
  'n',
  'N',
  'no',
  'No',
  'NO',
  'false',
  'False',
  'FALSE',
  'off',
  'Off',
  'OFF',
  '',
  '~',
  'null',
  'Null',
  'NULL',
  '.nan',
  '.NaN',
  '.NAN',
  '.inf',
  '.Inf',
  '.INF',
  '+.inf',
  '+.Inf',
  '+.INF',
  '-.inf',
  '-.Inf',
  '-.INF',
  '<<',
]);

const YAML_STYLE_FLOAT = /^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$/;
const BASE60_FLOAT = /^[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+(?:\.[0-9_]*)?$/;
// go-yaml's parseTimestamp layouts: 2006-1-2T15:4:5.999999999Z07:00 (t or T), "2006-1-2 15:4:5.999999999", 2006-1-2.
const TIMESTAMP = [
  /^\d{4}-\d{1,2}-\d{1,2}[Tt]\d{1,2}:\d{1,2}:\d{1,2}(\.\d{1,9})?(Z|[+-]\d{2}:\d{2})$/,
  /^\d{4}-\d{1,2}-\d{1,2} \d{1,2}:\d{1,2}:\d{1,2}(\.\d{1,9})?$/,
  /^\d{4}-\d{1,2}-\d{1,2}$/,
];

/** strconv.ParseInt/ParseUint(s, 0, 64) acceptance: decimal, 0x, 0o, 0b, or leading-0 octal. */
function isGoInt(s: string): boolean {
  return /^[-+]?(0[xX][0-9a-fA-F]+|0[oO]?[0-7]+|0[bB][01]+|[1-9][0-9]*|0)$/.test(s);
}

/** True when go-yaml's resolve() gives !!str for the plain text, i.e. it may stay unquoted. */
function resolvesToString(s: string): boolean {
  if (RESOLVE_MAP.has(s)) return false;
  const c = s[0]!;
  // strconv.ParseFloat on a leading '.': `.5`, `.5e3`.
  if (c === '.') return !/^\.[0-9]+([eE][-+]?[0-9]+)?$/.test(s);
  if (c === '+' || c === '-' || (c >= '0' && c <= '9')) {
    if (TIMESTAMP.some((re) => re.test(s))) return false;
    const plain = s.replaceAll('_', '');
    if (isGoInt(plain)) return false;
    if (YAML_STYLE_FLOAT.test(plain)) return false;
    if (/^-?0b[01]+$/.test(plain)) return false;
  }
  return true;
}

// ---- the emitter's scalar analysis -----------------------------------------------------------

/** go-yaml is_printable, by code point (astral characters count as unprintable there). */
function isPrintable(c: number): boolean {
  return (
    c === 0x0a || (c >= 0x20 && c <= 0x7e) || (c >= 0xa0 && c <= 0xd7ff) || (c >= 0xe000 && c <= 0xfffd && c !== 0xfeff)
  );
}

interface Analysis {
  blockPlainAllowed: boolean;
  singleQuotedAllowed: boolean;
  blockAllowed: boolean;
}

/** yaml_emitter_analyze_scalar, for the block context kubectl's output is always in. */
function analyze(value: string): Analysis {
  if (value.length === 0) return { blockPlainAllowed: true, singleQuotedAllowed: true, blockAllowed: false };
  const chars = [...value];
  let blockIndicators = value.startsWith('---') || value.startsWith('...');
  let special = false;
  let leadingSpace = false;
  let leadingBreak = false;
  let trailingSpace = false;
  let trailingBreak = false;
  let breakSpace = false;
  let spaceBreak = false;
  let lineBreaks = false;
  let previousSpace = false;
  let previousBreak = false;
  let precededByWhitespace = true;
  const isBlank = (ch: string | undefined): boolean => ch === ' ' || ch === '\t';
  chars.forEach((ch, i) => {
    const next = chars[i + 1];
    const followedByWhitespace = next === undefined || isBlank(next) || next === '\n';
    if (i === 0) {
      if ('#,[]{}&*!|>\'"%@`'.includes(ch)) blockIndicators = true;
      else if ((ch === '?' || ch === ':' || ch === '-') && followedByWhitespace) blockIndicators = true;
    } else if (ch === ':' && followedByWhitespace) blockIndicators = true;
    else if (ch === '#' && precededByWhitespace) blockIndicators = true;
    if (!isPrintable(ch.codePointAt(0)!)) special = true;
    if (ch === ' ') {
      if (i === 0) leadingSpace = true;
      if (i === chars.length - 1) trailingSpace = true;
      if (previousBreak) breakSpace = true;
      previousSpace = true;
      previousBreak = false;
    } else if (ch === '\n') {
      lineBreaks = true;
      if (i === 0) leadingBreak = true;
      if (i === chars.length - 1) trailingBreak = true;
      if (previousSpace) spaceBreak = true;
      previousSpace = false;
      previousBreak = true;
    } else {
      previousSpace = false;
      previousBreak = false;
    }
    precededByWhitespace = isBlank(ch) || ch === '\n';
  });
  let blockPlainAllowed = true;
  let singleQuotedAllowed = true;
  let blockAllowed = true;
  if (leadingSpace || leadingBreak || trailingSpace || trailingBreak) blockPlainAllowed = false;
  if (trailingSpace) blockAllowed = false;
  if (breakSpace) {
    blockPlainAllowed = false;
    singleQuotedAllowed = false;
  }
  if (spaceBreak || special) {
    blockPlainAllowed = false;
    singleQuotedAllowed = false;
    blockAllowed = false;
  }
  if (lineBreaks || blockIndicators) blockPlainAllowed = false;
  return { blockPlainAllowed, singleQuotedAllowed, blockAllowed };
}

const DOUBLE_QUOTE_ESCAPES: Record<number, string> = {
  0x00: '0',
  0x07: 'a',
  0x08: 'b',
  0x09: 't',
  0x0a: 'n',
  0x0b: 'v',
  0x0c: 'f',
  0x0d: 'r',
  0x1b: 'e',
  0x22: '"',
  0x5c: '\\',
  0x85: 'N',
  0xa0: '_',
  0x2028: 'L',
  0x2029: 'P',
};

/** yaml_emitter_write_double_quoted_scalar without folding (kubectl never wraps lines). */
function doubleQuoted(s: string): string {
  let out = '"';
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    if (!isPrintable(c) || c === 0xfeff || ch === '\n' || ch === '"' || ch === '\\') {
      const e = DOUBLE_QUOTE_ESCAPES[c];
      if (e !== undefined) out += `\\${e}`;
      else if (c <= 0xff) out += `\\x${c.toString(16).toUpperCase().padStart(2, '0')}`;
      else if (c <= 0xffff) out += `\\u${c.toString(16).toUpperCase().padStart(4, '0')}`;
      else out += `\\U${c.toString(16).toUpperCase().padStart(8, '0')}`;
    } else out += ch;
  }
  return `${out}"`;
}

type Scalar = { inline: string } | { header: string; lines: string[] };

/** How go-yaml writes one string: plain, 'single', "double", or a `|` literal block. */
function stringScalar(s: string, isKey: boolean): Scalar {
  const a = analyze(s);
  let style: 'plain' | 'single' | 'double' | 'literal';
  if (s.includes('\n')) style = 'literal';
  else if (resolvesToString(s) && !BASE60_FLOAT.test(s)) style = 'plain';
  else style = 'double';
  if (style === 'plain' && (!a.blockPlainAllowed || (s.length === 0 && isKey))) style = 'single';
  if (style === 'single' && !a.singleQuotedAllowed) style = 'double';
  if (style === 'literal' && (!a.blockAllowed || isKey)) style = 'double';
  switch (style) {
    case 'plain':
      return { inline: s };
    case 'single':
      return { inline: `'${s.replaceAll("'", "''")}'` };
    case 'double':
      return { inline: doubleQuoted(s) };
    case 'literal': {
      // Block scalar hints: an indentation digit when the text starts with a space or break,
      // '-' to strip a missing final newline, '+' to keep more than one.
      let header = '|';
      if (s.startsWith(' ') || s.startsWith('\n')) header += '2';
      if (!s.endsWith('\n')) header += '-';
      else if (s.length === 1 || s.endsWith('\n\n')) header += '+';
      const body = s.endsWith('\n') ? s.slice(0, -1) : s;
      return { header, lines: body.split('\n') };
    }
  }
}

/** go-yaml's float encoding: `.nan`, `.inf`, else strconv 'g' with the shortest digits. */
function formatFloat(n: number): string {
  if (Number.isNaN(n)) return '.nan';
  if (n === Infinity) return '.inf';
  if (n === -Infinity) return '-.inf';
  return goFloatString(n, 6);
}

function scalar(v: unknown, isKey = false): Scalar {
  if (v === null || v === undefined) return { inline: 'null' };
  if (typeof v === 'boolean') return { inline: String(v) };
  if (typeof v === 'number') return { inline: Number.isInteger(v) ? String(v) : formatFloat(v) };
  return stringScalar(String(v), isKey);
}

// ---- key order ------------------------------------------------------------------------------

const isLetter = (ch: string): boolean => /\p{L}/u.test(ch);
const isDigit = (ch: string | undefined): boolean => ch !== undefined && /\p{Nd}/u.test(ch);

/** go-yaml v2 keyList.Less: letters after other characters, digit runs compared as numbers. */
export function yamlKeyLess(a: string, b: string): boolean {
  const ar = [...a];
  const br = [...b];
  for (let i = 0; i < ar.length && i < br.length; i++) {
    if (ar[i] === br[i]) continue;
    const al = isLetter(ar[i]!);
    const bl = isLetter(br[i]!);
    if (al && bl) return ar[i]! < br[i]!;
    if (al || bl) return bl;
    let an = 0;
    let bn = 0;
    if (ar[i] === '0' || br[i] === '0') {
      for (let j = i - 1; j >= 0 && isDigit(ar[j]); j--) {
        if (ar[j] !== '0') {
          an = 1;
          bn = 1;
          break;
        }
      }
    }
    let ai = i;
    let bi = i;
    for (; ai < ar.length && isDigit(ar[ai]); ai++) an = an * 10 + Number(ar[ai]);
    for (; bi < br.length && isDigit(br[bi]); bi++) bn = bn * 10 + Number(br[bi]);
    if (an !== bn) return an < bn;
    if (ai !== bi) return ai < bi;
    return ar[i]! < br[i]!;
  }
  return ar.length < br.length;
}

const compareYamlKeys = (a: string, b: string): number => (yamlKeyLess(a, b) ? -1 : yamlKeyLess(b, a) ? 1 : 0);

// ---- block layout ---------------------------------------------------------------------------

const isMap = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The lines of a value written as a block node whose first line starts at column `col`. */
function blockLines(v: unknown, col: number): string[] {
  const pad = ' '.repeat(col);
  if (Array.isArray(v)) {
    const lines: string[] = [];
    for (const item of v) {
      const itemLines = valueAfterIndicator(item, col + 2);
      lines.push(`${pad}- ${itemLines[0]!.slice(col + 2)}`, ...itemLines.slice(1));
    }
    return lines;
  }
  const obj = v as Record<string, unknown>;
  const lines: string[] = [];
  for (const key of Object.keys(obj)
    .filter((k) => obj[k] !== undefined)
    .sort(compareYamlKeys)) {
    const k = scalar(key, true) as { inline: string };
    const value = obj[key];
    if (Array.isArray(value) && value.length > 0) lines.push(`${pad}${k.inline}:`, ...blockLines(value, col));
    else if (isMap(value) && Object.keys(value).some((x) => value[x] !== undefined)) {
      lines.push(`${pad}${k.inline}:`, ...blockLines(value, col + 2));
    } else {
      const [first, ...rest] = valueAfterIndicator(value, col + 2);
      lines.push(`${pad}${k.inline}: ${first!.slice(col + 2)}`, ...rest);
    }
  }
  return lines;
}

/**
 * A value placed after `- ` or `key: `; its first line is returned indented to `col` (the caller
 * strips that indentation). Block scalars put their text at `col`.
 */
function valueAfterIndicator(v: unknown, col: number): string[] {
  const pad = ' '.repeat(col);
  if (Array.isArray(v)) return v.length === 0 ? [`${pad}[]`] : blockLines(v, col);
  if (isMap(v)) return Object.keys(v).some((k) => v[k] !== undefined) ? blockLines(v, col) : [`${pad}{}`];
  const s = scalar(v);
  if ('inline' in s) return [`${pad}${s.inline}`];
  return [`${pad}${s.header}`, ...s.lines.map((l) => (l === '' ? '' : `${pad}${l}`))];
}

/** sigs.k8s.io/yaml.Marshal of plain JSON data, as `kubectl get -o yaml` prints one object. */
export function toKubectlYaml(obj: unknown): string {
  if (isMap(obj) || Array.isArray(obj)) {
    const empty = isMap(obj) ? Object.keys(obj).length === 0 : obj.length === 0;
    if (empty) return isMap(obj) ? '{}\n' : '[]\n';
    return `${blockLines(obj, 0).join('\n')}\n`;
  }
  return `${valueAfterIndicator(obj, 0).join('\n')}\n`;
}

/** Several objects as the YAML printer writes them one after another, `---` between documents. */
export function toKubectlYamlDocuments(objs: unknown[]): string {
  return objs.map((o, i) => (i > 0 ? '---\n' : '') + toKubectlYaml(o)).join('');
}
