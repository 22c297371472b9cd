/**
 * The AWS CLI's output formats (aws-cli v2 awscli/formatter.py, text.py and table.py, ported): json
 * (`json.dumps(indent=4)`), text (tab-separated, one line per dict of scalars, identifiers for
 * nested lists) and table (sections titled by the operation, columns sized to the widest cell and
 * spread over the width, single-row sections turned vertical when too wide for the terminal).
 * Values print the way Python's `str()` does (`True`, `False`, `None`). With a terminal on stdout
 * the table is coloured as colorama draws it (blue bold cells, dim yellow indentation, and the
 * reset colorama's autoreset adds after every write, and the one it writes at exit).
 */

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

const isMap = (v: Json): v is { [key: string]: Json } => typeof v === 'object' && v !== null && !Array.isArray(v);
const isScalar = (v: Json) => !Array.isArray(v) && !isMap(v);

/** Python's str() of a JSON scalar. */
export function pyStr(v: Json): string {
  if (v === true) return 'True';
  if (v === false) return 'False';
  if (v === null) return 'None';
  return String(v);
}

/** The json output: Python's json.dump(indent=4, ensure_ascii=False) and a newline; an empty dict prints nothing. */
export function formatJson(v: Json): string {
  if (isMap(v) && Object.keys(v).length === 0) return '';
  return JSON.stringify(v, null, 4) + '\n';
}

/** Python sorts keys by code point, as JS's default sort does for these ASCII names. */
const sorted = (keys: Iterable<string>) => [...keys].sort();

/** The text output (text.format_text). */
export function formatText(v: Json): string {
  const out: string[] = [];
  formatTextItem(v, out, undefined, undefined);
  return out.join('');
}

function formatTextItem(item: Json, out: string[], identifier: string | undefined, scalarKeys: string[] | undefined) {
  if (isMap(item)) formatDict(scalarKeys, item, identifier, out);
  else if (Array.isArray(item)) formatList(item, identifier, out);
  else out.push(`${pyStr(item)}\n`);
}

function formatList(item: Json[], identifier: string | undefined, out: string[]) {
  if (!item.length) return;
  if (item.some(isMap)) {
    const keys = new Set<string>();
    for (const el of item) if (isMap(el)) for (const [k, v] of Object.entries(el)) if (isScalar(v)) keys.add(k);
    const all = sorted(keys);
    for (const el of item) formatTextItem(el, out, identifier, all);
  } else if (item.some(Array.isArray)) {
    const scalars = item.filter(isScalar);
    if (scalars.length) formatScalarList(scalars, identifier, out);
    for (const el of item.filter((e) => !isScalar(e))) formatTextItem(el, out, identifier, undefined);
  } else formatScalarList(item, identifier, out);
}

function formatScalarList(elements: Json[], identifier: string | undefined, out: string[]) {
  if (identifier !== undefined) for (const el of elements) out.push(`${identifier.toUpperCase()}\t${pyStr(el)}\n`);
  else out.push(`${elements.map(pyStr).join('\t')}\n`);
}

function formatDict(
  scalarKeys: string[] | undefined,
  item: { [key: string]: Json },
  identifier: string | undefined,
  out: string[],
) {
  const scalars: string[] = [];
  const nonScalars: Array<[string, Json]> = [];
  if (scalarKeys === undefined) {
    for (const key of sorted(Object.keys(item))) {
      const value = item[key]!;
      if (isScalar(value)) scalars.push(pyStr(value));
      else nonScalars.push([key, value]);
    }
  } else {
    for (const key of scalarKeys) scalars.push(key in item ? pyStr(item[key]!) : '');
    for (const key of sorted(Object.keys(item).filter((k) => !scalarKeys.includes(k))))
      nonScalars.push([key, item[key]!]);
  }
  if (scalars.length) {
    if (identifier !== undefined) scalars.unshift(identifier.toUpperCase());
    out.push(`${scalars.join('\t')}\n`);
  }
  for (const [id, value] of nonScalars) formatTextItem(value, out, id, undefined);
}

// ---------------------------------------------------------------------------------------------
// table

/** unicodedata.east_asian_width in 'WFA' counts twice (CJK text in tags). */
function textLength(text: string): number {
  let n = 0;
  for (const ch of text) n += isWide(ch.codePointAt(0)!) ? 2 : 1;
  return n;
}

function isWide(cp: number): boolean {
  return (
    (cp >= 0x1100 && cp <= 0x115f) ||
    (cp >= 0x2e80 && cp <= 0xa4cf) ||
    (cp >= 0xac00 && cp <= 0xd7a3) ||
    (cp >= 0xf900 && cp <= 0xfaff) ||
    (cp >= 0xfe30 && cp <= 0xfe4f) ||
    (cp >= 0xff00 && cp <= 0xff60) ||
    (cp >= 0xffe0 && cp <= 0xffe6) ||
    (cp >= 0x20000 && cp <= 0x3fffd)
  );
}

/** Python's round(): halves go to the even neighbour. */
function pyRound(x: number): number {
  const f = Math.floor(x);
  const diff = x - f;
  if (diff > 0.5) return f + 1;
  if (diff < 0.5) return f;
  return f % 2 === 0 ? f : f + 1;
}

const pyFloorDiv = (a: number, b: number) => Math.floor(a / b);

function centerText(text: string, length: number, left: string, right: string, textLen = textLength(text)): string {
  const charStart = pyFloorDiv(length, 2) - pyFloorDiv(textLen, 2) - 1;
  const start = left + ' '.repeat(Math.max(0, charStart)) + text;
  const soFar = textLength(left) + charStart + textLen;
  const rightSpaces = length - textLength(right) - soFar;
  return start + ' '.repeat(Math.max(0, rightSpaces)) + right;
}

function alignLeft(text: string, length: number, left: string, right: string, textLen = textLength(text)): string {
  const computed = textLen + 2 + textLength(left) + textLength(right);
  const padding = length - computed >= 0 ? 2 : 0;
  const soFar = left.length + padding + textLen;
  return left + ' '.repeat(padding) + text + ' '.repeat(Math.max(0, length - soFar - right.length)) + right;
}

class Section {
  title = '';
  headers: string[] = [];
  rows: string[][] = [];
  indentLevel = 0;
  private numCols: number | undefined;
  private maxWidths: number[] = [];

  calculateColumnWidths(padding = 0, maxWidth?: number): number[] {
    const unscaled = this.maxWidths.map((w) => w + padding);
    if (maxWidth === undefined || !unscaled.length) return unscaled;
    const scale = maxWidth / unscaled.reduce((a, b) => a + b, 0);
    const scaled = unscaled.map((w) => pyRound(scale * w));
    let off = scaled.reduce((a, b) => a + b, 0) - maxWidth;
    while (off !== 0) {
      const order = [...scaled.keys()];
      if (off < 0) order.reverse();
      for (const i of order) {
        if (off > 0) {
          scaled[i]!--;
          off--;
        } else {
          scaled[i]!++;
          off++;
        }
        if (off === 0) break;
      }
    }
    return scaled;
  }

  totalWidth(padding = 0, withBorder = false, outerPadding = 0): number {
    let total = 0;
    for (const w of this.calculateColumnWidths()) total += w + padding;
    if (withBorder) total += 2;
    total += outerPadding * 2;
    return Math.max(textLength(this.title) + 2 + outerPadding * 2, total);
  }

  addHeader(headers: string[]): void {
    this.updateMaxWidths(headers);
    if (this.numCols === undefined) this.numCols = headers.length;
    this.headers = headers;
  }

  addRow(row: Json[]): void {
    if (this.numCols === undefined) this.numCols = row.length;
    if (row.length !== this.numCols)
      throw new Error(`Row should have ${this.numCols} elements, instead it has ${row.length}`);
    const cells = row.map(pyStr);
    this.rows.push(cells);
    this.updateMaxWidths(cells);
  }

  private updateMaxWidths(row: string[]): void {
    if (!this.maxWidths.length) this.maxWidths = row.map(textLength);
    else row.forEach((el, i) => (this.maxWidths[i] = Math.max(textLength(el), this.maxWidths[i] ?? 0)));
  }
}

/** colorama's codes; RESET follows every write (init(autoreset=True)). */
const BRIGHT_BLUE = '\x1b[1m\x1b[34m';
const DIM_YELLOW = '\x1b[2m\x1b[33m';
const RESET = '\x1b[0m';

interface Styler {
  row(text: string): string;
  indent(text: string): string;
}
const PLAIN: Styler = { row: (t) => t, indent: (t) => t };
const COLOR: Styler = { row: (t) => BRIGHT_BLUE + t + RESET, indent: (t) => DIM_YELLOW + t + RESET };

class MultiTable {
  private sections: Section[] = [];
  private current: Section | undefined;
  constructor(
    private readonly terminalWidth: number,
    private readonly styler: Styler,
  ) {}

  newSection(title: string, indentLevel = 0): void {
    this.current = new Section();
    this.current.title = title;
    this.current.indentLevel = indentLevel;
    this.sections.push(this.current);
  }
  addRowHeader(headers: string[]): void {
    this.current!.addHeader(headers);
  }
  addRow(row: Json[]): void {
    this.current!.addRow(row);
  }

  render(write: (text: string) => void): void {
    let maxWidth = this.maxWidth();
    if (maxWidth > this.terminalWidth) {
      // convert_to_vertical_table: single-row sections become key/value rows.
      this.sections = this.sections.map((s) => {
        if (s.rows.length !== 1 || !s.headers.length) return s;
        const v = new Section();
        v.title = s.title;
        v.indentLevel = s.indentLevel;
        s.headers.forEach((h, i) => v.addRow([h, s.rows[0]![i]!]));
        return v;
      });
      maxWidth = this.maxWidth();
    }
    write('-'.repeat(maxWidth) + '\n');
    for (const s of this.sections) this.renderSection(s, maxWidth, write);
  }

  private maxWidth(): number {
    return Math.max(...this.sections.map((s) => s.totalWidth(4, true, s.indentLevel)));
  }

  private renderSection(section: Section, maxWidth: number, write: (text: string) => void): void {
    const level = section.indentLevel;
    const indentChar = this.styler.indent('|');
    // IndentedStream: indentation around each line, written piece by piece.
    const line = (text: string) => {
      write(indentChar.repeat(level));
      write(text);
      write(indentChar.repeat(level));
      write('\n');
    };
    const width = maxWidth - level * 2;
    if (section.title) {
      line(centerText(section.title, width, '|', '|'));
      if (!section.headers.length && !section.rows.length) line(`+${'-'.repeat(width - 2)}+`);
    }
    if (section.headers.length) {
      const widths = section.calculateColumnWidths(4, width);
      line(lineBreak(widths));
      line(section.headers.map((h, i) => centerText(h, widths[i]!, i === 0 ? '|' : '', '|')).join(''));
    }
    if (section.rows.length) {
      const widths = section.calculateColumnWidths(4, width);
      if (!widths.length) return;
      line(lineBreak(widths));
      for (const row of section.rows)
        line(
          widths
            .map((w, i) =>
              i < row.length
                ? alignLeft(this.styler.row(row[i]!), w, i === 0 ? '|' : '', '|', textLength(row[i]!))
                : '',
            )
            .join(''),
        );
      line(lineBreak(widths));
    }
  }
}

function lineBreak(widths: number[]): string {
  return widths.map((w, i) => (i === 0 ? `+${'-'.repeat(w - 2)}+` : `${'-'.repeat(w - 1)}+`)).join('');
}

/** The table output (TableFormatter): `title` is the operation's name (DescribeInstanceTypes). */
export function formatTable(title: string, v: Json, opts: { columns?: number; color?: boolean } = {}): string {
  if (!truthy(v)) return '';
  const table = new MultiTable(opts.columns ?? 80, opts.color ? COLOR : PLAIN);
  buildTable(table, title, v, 0);
  const parts: string[] = [];
  // With colour, stdout is colorama's autoreset wrapper: a reset after every write.
  table.render((t) => parts.push(opts.color ? t + RESET : t));
  // colorama.init registers a reset_all at exit.
  if (opts.color) parts.push(RESET);
  return parts.join('');
}

/** Python truthiness of a value (`if not current`). */
function truthy(v: Json): boolean {
  if (v === null || v === false || v === 0 || v === '') return false;
  if (Array.isArray(v)) return v.length > 0;
  if (isMap(v)) return Object.keys(v).length > 0;
  return true;
}

function groupScalarKeys(current: { [key: string]: Json }): [string[], string[]] {
  const headers: string[] = [];
  const more: string[] = [];
  for (const [k, v] of Object.entries(current)) (isScalar(v) ? headers : more).push(k);
  return [sorted(headers), sorted(more)];
}

function buildTable(table: MultiTable, title: string | undefined, current: Json, indent: number): boolean {
  if (!truthy(current)) return false;
  if (title !== undefined) table.newSection(title, indent);
  if (Array.isArray(current)) {
    if (isMap(current[0]!)) buildSubTableFromList(table, current, indent, title);
    else
      for (const item of current) {
        if (isScalar(item)) table.addRow([item]);
        // `all(scalar(el) for el in item)`: iterating a dict yields its keys, so a dict is a row of key names.
        else if (isMap(item)) table.addRow(Object.keys(item));
        else if (Array.isArray(item) && item.every(isScalar)) table.addRow(item);
        else buildTable(table, undefined, item, 0);
      }
  }
  if (isMap(current)) {
    const [headers, more] = groupScalarKeys(current);
    if (headers.length === 1) table.addRow([headers[0]!, current[headers[0]!]!]);
    else if (headers.length) {
      table.addRowHeader(headers);
      table.addRow(headers.map((k) => current[k]!));
    }
    for (const key of more) buildTable(table, key, current[key]!, indent + 1);
  }
  return true;
}

function buildSubTableFromList(table: MultiTable, current: Json[], indent: number, title: string | undefined) {
  const headerSet = new Set<string>();
  const moreSet = new Set<string>();
  for (const item of current) {
    if (!isMap(item)) continue;
    const [h, m] = groupScalarKeys(item);
    h.forEach((k) => headerSet.add(k));
    m.forEach((k) => moreSet.add(k));
  }
  const headers = sorted(headerSet);
  const more = sorted(moreSet);
  table.addRowHeader(headers);
  let first = true;
  for (const element of current) {
    const el = isMap(element) ? element : {};
    if (!first && more.length) {
      table.newSection(title ?? '', indent);
      table.addRowHeader(headers);
    }
    first = false;
    table.addRow(headers.map((h) => (h in el ? el[h]! : '')));
    for (const key of more) if (key in el) buildTable(table, key, el[key]!, indent + 1);
  }
}
