/**
 * kubectl's JSONPath template language: a port of client-go util/jsonpath (parser.go and
 * jsonpath.go). Porting rather than reusing a generic JSONPath library matters because kubectl's
 * dialect differs in ways learners see: results joined by single spaces, `{range}`/`{end}`, quoted
 * text actions, missing keys printing nothing, and its own error texts.
 */
import { compareGoStrings, goFloatString, goJsonMarshal } from './json';

/** A template that failed to parse (`kind: 'parse'`) or to run (`kind: 'execute'`). */
export class JsonPathError extends Error {
  override name = 'JsonPathError';
  constructor(
    message: string,
    readonly kind: 'parse' | 'execute',
  ) {
    super(message);
  }
}

interface SliceParam {
  known: boolean;
  value: number;
  derived: boolean;
}

export type JsonPathNode =
  | { type: 'list'; nodes: JsonPathNode[] }
  | { type: 'text'; text: string }
  | { type: 'field'; name: string }
  | { type: 'array'; params: [SliceParam, SliceParam, SliceParam] }
  | { type: 'filter'; left: ListNode; right: ListNode; operator: string }
  | { type: 'int'; value: number }
  | { type: 'float'; value: number }
  | { type: 'bool'; value: boolean }
  | { type: 'wildcard' }
  | { type: 'recursive' }
  | { type: 'union'; nodes: ListNode[] }
  | { type: 'identifier'; name: string };

type ListNode = { type: 'list'; nodes: JsonPathNode[] };

const EOF = -1;
const DICT_KEY = /^'([^']*)'$/;
const SLICE_OPERATOR = /^(-?\d*)(:-?\d*)?(:-?\d*)?$/;
const FILTER = /^([^!<>=]+)([!<>=]+)(.+?)$/s;

const fail = (msg: string): never => {
  throw new JsonPathError(msg, 'parse');
};

/** `%#U` of a rune: `U+0023 '#'` (the quoted glyph only for printable runes). */
function formatRune(r: number): string {
  const hex = `U+${r.toString(16).toUpperCase().padStart(4, '0')}`;
  const printable = r >= 0x20 && r !== 0x7f && !(r >= 0x80 && r < 0xa0);
  return printable ? `${hex} '${String.fromCodePoint(r)}'` : hex;
}

const isDigit = (r: number): boolean => r >= 0x30 && r <= 0x39;
const isLetter = (r: number): boolean => r >= 0 && /\p{L}/u.test(String.fromCodePoint(r));
const isAlphaNumeric = (r: number): boolean =>
  r === 0x5f || isLetter(r) || (r >= 0 && /\p{Nd}/u.test(String.fromCodePoint(r)));
const isEndOfLine = (r: number): boolean => r === 0x0d || r === 0x0a;
const isSpace = (r: number): boolean => r === 0x20 || r === 0x09;
const isTerminator = (r: number): boolean =>
  isSpace(r) || isEndOfLine(r) || r === EOF || '.,[]$@{}'.includes(String.fromCodePoint(r));

/** strconv.UnquoteChar-compatible unquoting for "..." and '...' (parser.go UnquoteExtend). */
function unquoteExtend(s: string): string {
  const syntax = (): never => {
    throw new Error('invalid syntax');
  };
  if (s.length < 2) syntax();
  const quote = s[0]!;
  if (quote !== s[s.length - 1] || (quote !== '"' && quote !== "'")) syntax();
  const body = s.slice(1, -1);
  let out = '';
  for (let i = 0; i < body.length;) {
    const ch = body[i]!;
    if (ch === quote) syntax();
    if (ch !== '\\') {
      out += ch;
      i++;
      continue;
    }
    const e = body[i + 1];
    i += 2;
    const simple: Record<string, string> = {
      a: '\x07',
      b: '\b',
      f: '\f',
      n: '\n',
      r: '\r',
      t: '\t',
      v: '\v',
      '\\': '\\',
    };
    if (e !== undefined && simple[e] !== undefined) out += simple[e];
    else if (e === quote) out += e;
    else if (e === 'x' || e === 'u' || e === 'U') {
      const n = e === 'x' ? 2 : e === 'u' ? 4 : 8;
      const hex = body.slice(i, i + n);
      if (hex.length !== n || !/^[0-9a-fA-F]+$/.test(hex)) syntax();
      out += String.fromCodePoint(parseInt(hex, 16));
      i += n;
    } else if (e !== undefined && e >= '0' && e <= '7') {
      const oct = body.slice(i - 1, i + 2);
      if (!/^[0-7]{3}$/.test(oct)) syntax();
      out += String.fromCharCode(parseInt(oct, 8));
      i += 2;
    } else syntax();
  }
  return out;
}

/** The template parser (client-go Parser): text outside `{}` and a node list per action. */
class Parser {
  readonly root: ListNode = { type: 'list', nodes: [] };
  private pos = 0;
  private start = 0;
  private width = 0;

  constructor(private readonly input: string) {}

  parse(): ListNode {
    this.parseText();
    return this.root;
  }

  private consumeText(): string {
    const v = this.input.slice(this.start, this.pos);
    this.start = this.pos;
    return v;
  }

  private next(): number {
    if (this.pos >= this.input.length) {
      this.width = 0;
      return EOF;
    }
    const r = this.input.codePointAt(this.pos)!;
    this.width = r > 0xffff ? 2 : 1;
    this.pos += this.width;
    return r;
  }

  private peek(): number {
    const r = this.next();
    this.backup();
    return r;
  }

  private backup(): void {
    this.pos -= this.width;
  }

  private parseText(): void {
    // Iterative where Go recurses (parseText ↔ parseRightDelim), so long templates cannot overflow the stack.
    for (;;) {
      if (this.input.startsWith('{', this.pos)) {
        if (this.pos > this.start) this.root.nodes.push({ type: 'text', text: this.consumeText() });
        this.pos += 1;
        this.consumeText();
        const action: ListNode = { type: 'list', nodes: [] };
        this.root.nodes.push(action);
        this.parseInsideAction(action);
        continue;
      }
      if (this.next() === EOF) break;
    }
    if (this.pos > this.start) this.root.nodes.push({ type: 'text', text: this.consumeText() });
  }

  /** Parses one action up to and including its closing brace. */
  private parseInsideAction(cur: ListNode): void {
    for (;;) {
      const rest = this.input.slice(this.pos);
      if (rest.startsWith('}')) {
        this.pos += 1;
        this.consumeText();
        return;
      }
      if (rest.startsWith('[?(')) {
        this.parseFilter(cur);
        continue;
      }
      if (rest.startsWith('..')) {
        this.parseRecursive(cur);
        continue;
      }
      const r = this.next();
      if (r === EOF || isEndOfLine(r)) fail('unclosed action');
      else if (r === 0x20 || r === 0x40 || r === 0x24)
        this.consumeText(); // ' ', '@', '$'
      else if (r === 0x5b)
        this.parseArray(cur); // '['
      else if (r === 0x22 || r === 0x27) this.parseQuote(cur, r);
      else if (r === 0x2e)
        this.parseField(cur); // '.'
      else if (r === 0x2b || r === 0x2d || isDigit(r)) {
        this.backup();
        this.parseNumber(cur);
      } else if (isAlphaNumeric(r)) {
        this.backup();
        this.parseIdentifier(cur);
      } else fail(`unrecognized character in action: ${formatRune(r)}`);
    }
  }

  private parseIdentifier(cur: ListNode): void {
    for (;;) {
      if (isTerminator(this.next())) {
        this.backup();
        break;
      }
    }
    const value = this.consumeText();
    if (value === 'true' || value === 'false') cur.nodes.push({ type: 'bool', value: value === 'true' });
    else cur.nodes.push({ type: 'identifier', name: value });
  }

  private parseRecursive(cur: ListNode): void {
    if (cur.nodes[cur.nodes.length - 1]?.type === 'recursive') fail('invalid multiple recursive descent');
    this.pos += 2;
    this.consumeText();
    cur.nodes.push({ type: 'recursive' });
    if (isAlphaNumeric(this.peek())) this.parseField(cur);
  }

  private parseNumber(cur: ListNode): void {
    const r = this.peek();
    if (r === 0x2b || r === 0x2d) this.next();
    for (;;) {
      const c = this.next();
      if (c !== 0x2e && !isDigit(c)) {
        this.backup();
        break;
      }
    }
    const value = this.consumeText();
    if (/^[+-]?\d+$/.test(value)) cur.nodes.push({ type: 'int', value: parseInt(value, 10) });
    else if (/^[+-]?(\d+\.?\d*|\.\d+)$/.test(value)) cur.nodes.push({ type: 'float', value: parseFloat(value) });
    else fail(`cannot parse number ${value}`);
  }

  private parseArray(cur: ListNode): void {
    for (;;) {
      const r = this.next();
      if (r === EOF || r === 0x0a) fail('unterminated array');
      if (r === 0x5d) break;
    }
    let text = this.consumeText().slice(1, -1);
    if (text === '*') text = ':';

    const parts = text.split(',');
    if (parts.length > 1) {
      cur.nodes.push({ type: 'union', nodes: parts.map((p) => parseAction(`[${p.replace(/^ +| +$/g, '')}]`)) });
      return;
    }
    const dict = DICT_KEY.exec(text);
    if (dict) {
      cur.nodes.push(...parseAction(`.${dict[1]}`).nodes);
      return;
    }
    const m = SLICE_OPERATOR.exec(text);
    if (!m) fail(`invalid array index ${text}`);
    const raw = [m![1] ?? '', m![2] ?? '', m![3] ?? ''];
    const params: SliceParam[] = [];
    for (let i = 0; i < 3; i++) {
      let v = raw[i]!;
      if (v !== '') {
        if (i > 0) v = v.slice(1);
        if (i > 0 && v === '') params.push({ known: false, value: 0, derived: false });
        else {
          if (!/^[+-]?\d+$/.test(v)) fail(`array index ${v} is not a number`);
          params.push({ known: true, value: parseInt(v, 10), derived: false });
        }
      } else if (i === 1) {
        params.push({ known: true, value: params[0]!.value + 1, derived: true });
      } else {
        params.push({ known: false, value: 0, derived: false });
      }
    }
    cur.nodes.push({ type: 'array', params: params as [SliceParam, SliceParam, SliceParam] });
  }

  private parseFilter(cur: ListNode): void {
    this.pos += 3;
    this.consumeText();
    let begin = false;
    let end = false;
    let pair = 0;
    for (;;) {
      const r = this.next();
      if (r === EOF || r === 0x0a) fail('unterminated filter');
      if (r === 0x22 || r === 0x27) {
        if (!begin) {
          begin = true;
          pair = r;
          continue;
        }
        if (this.input[this.pos - 2] !== '\\' && r === pair) end = true;
      } else if (r === 0x29 && begin === end) break;
    }
    if (this.next() !== 0x5d) fail('unclosed array expect ]');
    const text = this.consumeText().slice(0, -2);
    const m = FILTER.exec(text);
    if (!m) {
      cur.nodes.push({
        type: 'filter',
        left: parseAction(text),
        right: { type: 'list', nodes: [] },
        operator: 'exists',
      });
    } else {
      cur.nodes.push({ type: 'filter', left: parseAction(m[1]!), right: parseAction(m[3]!), operator: m[2]! });
    }
  }

  private parseQuote(cur: ListNode, end: number): void {
    for (;;) {
      const r = this.next();
      if (r === EOF || r === 0x0a) fail('unterminated quoted string');
      if (r === end && this.input[this.pos - 2] !== '\\') break;
    }
    const value = this.consumeText();
    let s: string;
    try {
      s = unquoteExtend(value);
    } catch (e) {
      return fail(`unquote string ${value} error ${(e as Error).message}`);
    }
    cur.nodes.push({ type: 'text', text: s });
  }

  private parseField(cur: ListNode): void {
    this.consumeText();
    for (;;) {
      const r = this.next();
      if (r === 0x5c) this.next();
      else if (isTerminator(r)) {
        this.backup();
        break;
      }
    }
    const value = this.consumeText();
    if (value === '*') cur.nodes.push({ type: 'wildcard' });
    else cur.nodes.push({ type: 'field', name: value.replaceAll('\\', '') });
  }
}

/** parser.go parseAction: parses `{text}` and returns the action's node list. */
function parseAction(text: string): ListNode {
  const root = new Parser(`{${text}}`).parse();
  return root.nodes[0] as ListNode;
}

/** Parses a template into its node list; throws JsonPathError (kind 'parse'). */
export function parseJsonPath(template: string): ListNode {
  return new Parser(template).parse();
}

// ---------------------------------------------------------------------------------------------
// Evaluation. Values are plain JSON; `undefined` stands for Go's invalid reflect.Value.

type Value = unknown;

const execFail = (msg: string): never => {
  throw new JsonPathError(msg, 'execute');
};

const isMap = (v: Value): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The Go type name reflect prints for a value of the unstructured object. */
function goTypeName(v: Value): string {
  if (typeof v === 'string') return 'string';
  if (typeof v === 'boolean') return 'bool';
  if (typeof v === 'number') return Number.isInteger(v) ? 'int64' : 'float64';
  if (Array.isArray(v)) return '[]interface {}';
  if (isMap(v)) return 'map[string]interface {}';
  return 'interface {}';
}

/** fmt's `%v` (fmt.Sprint) of an unstructured value (maps print with sorted keys, as fmt sorts them). */
export function goFormatV(v: Value): string {
  if (v === null || v === undefined) return '<nil>';
  if (typeof v === 'string') return v;
  if (typeof v === 'number') return goFormatNumber(v);
  if (typeof v === 'boolean') return String(v);
  if (Array.isArray(v)) return `[${v.map(goFormatV).join(' ')}]`;
  const m = v as Record<string, unknown>;
  return `map[${Object.keys(m)
    .sort(compareGoStrings)
    .map((k) => `${k}:${goFormatV(m[k])}`)
    .join(' ')}]`;
}

/** fmt.Fprint of a number: int64 as digits, float64 in %v form (shortest, exponent from 1e21 or below 1e-4). */
function goFormatNumber(n: number): string {
  if (Number.isInteger(n) && Math.abs(n) < 1e21) return String(n);
  return goFloatString(n, 21);
}

/** Map keys in a fixed order. Go iterates maps randomly here; sorted keys keep replays identical. */
const sortedValues = (m: Record<string, unknown>): Value[] =>
  Object.keys(m)
    .sort(compareGoStrings)
    .map((k) => m[k]);

/** The elements `.*` and `..` step into. */
function children(v: Value): Value[] {
  if (Array.isArray(v)) return v;
  if (isMap(v)) return sortedValues(v);
  if (typeof v === 'string') return [...new TextEncoder().encode(v)];
  return [];
}

type BasicKind = 'bool' | 'int' | 'float' | 'string';

function basicKind(v: Value): BasicKind {
  if (typeof v === 'boolean') return 'bool';
  if (typeof v === 'number') return Number.isInteger(v) ? 'int' : 'float';
  if (typeof v === 'string') return 'string';
  return execFail('invalid type for comparison');
}

/** The forked text/template comparison functions (eq, ne, lt, le, gt, ge). */
function compare(op: string, left: Value, right: Value): boolean {
  const k1 = basicKind(left);
  const k2 = basicKind(right);
  const eq = (): boolean => {
    if (k1 !== k2) execFail('incompatible types for comparison');
    return left === right;
  };
  const lt = (): boolean => {
    if (k1 !== k2) execFail('incompatible types for comparison');
    if (k1 === 'bool') execFail('invalid type for comparison');
    return (left as number | string) < (right as number | string);
  };
  switch (op) {
    case '==':
      return eq();
    case '!=':
      return !eq();
    case '<':
      return lt();
    case '<=':
      return lt() || eq();
    case '>':
      return !lt() && !eq();
    case '>=':
      return !lt();
    default:
      return execFail(`unrecognized filter operator ${op}`);
  }
}

class Evaluator {
  private beginRange = 0;
  private inRange = 0;
  private endRange = 0;
  private lastEndNode = -1;

  constructor(
    private readonly nodes: JsonPathNode[],
    private readonly allowMissingKeys: boolean,
  ) {}

  /** jsonpath.go FindResults: walks the root nodes from `start`, unrolling `{range}` blocks. */
  findResults(data: Value, start: number): Value[][] {
    const cur = [data];
    const full: Value[][] = [];
    for (let i = start; i < this.nodes.length; i++) {
      const results = this.walk(cur, this.nodes[i]!);
      if (this.endRange > 0 && this.endRange <= this.inRange) {
        this.endRange--;
        this.lastEndNode = i;
        break;
      }
      if (this.beginRange > 0) {
        this.beginRange--;
        this.inRange++;
        if (results.length > 0) {
          for (const v of results) full.push(...this.findResults(v, i + 1));
        } else {
          // Still walk the body so the position advances to the matching end.
          this.findResults(undefined, i + 1);
        }
        this.inRange--;
        for (let k = i + 1; k < this.nodes.length; k++) {
          if (k === this.lastEndNode) {
            i = k;
            break;
          }
        }
        continue;
      }
      full.push(results);
    }
    return full;
  }

  private walk(input: Value[], node: JsonPathNode): Value[] {
    switch (node.type) {
      case 'list':
        return node.nodes.reduce<Value[]>((cur, n) => this.walk(cur, n), input);
      case 'text':
        return [node.text];
      case 'field':
        return this.evalField(input, node.name);
      case 'array':
        return this.evalArray(input, node.params);
      case 'filter':
        return this.evalFilter(input, node);
      case 'int':
      case 'float':
      case 'bool':
        return input.map(() => node.value);
      case 'wildcard':
        return input.filter((v) => v !== null).flatMap(children);
      case 'recursive':
        return this.evalRecursive(input);
      case 'union':
        return node.nodes.flatMap((n) => this.walk(input, n));
      case 'identifier':
        return this.evalIdentifier(input, node.name);
    }
  }

  private evalIdentifier(input: Value[], name: string): Value[] {
    if (name === 'range') {
      this.beginRange++;
      return input;
    }
    if (name === 'end') {
      if (this.inRange > 0) {
        this.endRange++;
        return [];
      }
      return execFail('not in range, nothing to end');
    }
    return execFail(`unrecognized identifier ${name}`);
  }

  private evalField(input: Value[], name: string): Value[] {
    if (input.length === 0) return [];
    const results: Value[] = [];
    for (const v of input) {
      if (isMap(v) && Object.hasOwn(v, name) && v[name] !== undefined) results.push(v[name]);
    }
    if (results.length === 0 && !this.allowMissingKeys) execFail(`${name} is not found`);
    return results;
  }

  private evalArray(input: Value[], p: [SliceParam, SliceParam, SliceParam]): Value[] {
    const result: Value[] = [];
    for (const value of input) {
      if (value === null || value === undefined) continue;
      if (!Array.isArray(value)) return execFail(`${goTypeName(value)} is not array or slice`);
      const len = value.length;
      let start = p[0].known ? p[0].value : 0;
      if (start < 0) start += len;
      let end = p[1].known ? p[1].value : len;
      if (end < 0 || (end === 0 && p[1].derived)) end += len;
      if (end === start) return result; // Zero elements requested: allowed, and ends the walk as in Go.
      if (start >= len || start < 0) execFail(`array index out of bounds: index ${start}, length ${len}`);
      if (end > len || end < 0) execFail(`array index out of bounds: index ${end - 1}, length ${len}`);
      if (start > end) execFail(`starting index ${start} is greater than ending index ${end}`);
      let step = 1;
      if (p[2].known) {
        if (p[2].value <= 0) execFail('step must be > 0');
        step = p[2].value;
      }
      const slice = value.slice(start, end);
      for (let i = 0; i < slice.length; i += step) result.push(slice[i]);
    }
    return result;
  }

  private evalRecursive(input: Value[]): Value[] {
    const result: Value[] = [];
    for (const value of input) {
      if (value === null) continue;
      const kids = children(value);
      if (kids.length !== 0) {
        result.push(value);
        result.push(...this.evalRecursive(kids));
      }
    }
    return result;
  }

  private evalFilter(input: Value[], node: Extract<JsonPathNode, { type: 'filter' }>): Value[] {
    const results: Value[] = [];
    for (const value of input) {
      if (!Array.isArray(value)) return execFail(`${goFormatV(value)} is not array or slice and cannot be filtered`);
      for (const item of value) {
        if (node.operator === 'exists') {
          let lefts: Value[] = [];
          try {
            lefts = this.walk([item], node.left);
          } catch {
            lefts = [];
          }
          if (lefts.length > 0) results.push(item);
          continue;
        }
        const lefts = this.walk([item], node.left);
        if (lefts.length === 0) continue;
        if (lefts.length > 1) execFail('can only compare one element at a time');
        const rights = this.walk([item], node.right);
        if (rights.length === 0) continue;
        if (rights.length > 1) execFail('can only compare one element at a time');
        if (compare(node.operator, lefts[0], rights[0])) results.push(item);
      }
    }
    return results;
  }
}

/** Options kubectl sets on its JSONPath printer. */
export interface JsonPathOptions {
  /** `--allow-missing-template-keys` (default true): a missing field prints nothing instead of failing. */
  allowMissingKeys?: boolean;
  /** `-o jsonpath-as-json`: print each action's results as one indented JSON array. */
  outputJson?: boolean;
}

/** PrintResults for one action's results: space-joined, maps and lists as compact JSON. */
function printResults(results: Value[], outputJson: boolean): string {
  if (outputJson) return `${goJsonMarshal(results, '    ')}\n`;
  return results
    .map((r) => {
      if (Array.isArray(r) || isMap(r)) return goJsonMarshal(r);
      // null prints as `null` since kubernetes#119883 (it printed `<nil>` before).
      if (r === null || r === undefined) return 'null';
      if (typeof r === 'number') return goFormatNumber(r);
      return String(r);
    })
    .join(' ');
}

/** jsonpath.FindResults: the values of each top-level node (text pieces and actions), unprinted. */
export function findJsonPathResults(template: string, data: unknown, opts: JsonPathOptions = {}): unknown[][] {
  const root = parseJsonPath(template);
  return new Evaluator(root.nodes, opts.allowMissingKeys ?? true).findResults(data, 0);
}

/** Runs a template against plain JSON data and returns what kubectl prints (no implicit newline). */
export function executeJsonPath(template: string, data: unknown, opts: JsonPathOptions = {}): string {
  const full = findJsonPathResults(template, data, opts);
  return full.map((results) => printResults(results, opts.outputJson ?? false)).join('');
}

const RELAXED_JSONPATH = /^\{\.?([^{}]+)\}$|^\.?([^{}]+)$/;

/**
 * kubectl's `RelaxedJSONPathExpression` (custom-columns, `--sort-by`): accepts `.a.b`, `a.b`,
 * `{.a.b}` and `{a.b}`, and returns the `{.a.b}` form.
 */
export function relaxedJsonPathExpression(pathExpression: string): string {
  if (pathExpression.length === 0) return pathExpression;
  const m = RELAXED_JSONPATH.exec(pathExpression);
  if (!m) {
    throw new JsonPathError(
      "unexpected path string, expected a 'name1.name2' or '.name1.name2' or '{name1.name2}' or '{.name1.name2}'",
      'parse',
    );
  }
  return `{.${m[1] ?? m[2]}}`;
}
