/**
 * The bash-subset parser: text in, `Program` out. A hand-written recursive descent over characters,
 * because bash's tokens depend on where they stand (reserved words only in command position,
 * heredoc bodies start after the next newline, `[[ ... ]]` takes `&&` and `<` as words).
 *
 * It tells two kinds of failure apart: `Incomplete` (the input stops inside a quote, heredoc,
 * loop or after `|`, `&&`, `\`: the terminal shows `> ` and keeps reading) and `ShellSyntaxError`
 * (bash's `syntax error near unexpected token`).
 */
import { NotEmulatedError } from '../core/limits';
import type {
  AndOr,
  Assignment,
  Command,
  Compound,
  Pipeline,
  Program,
  Redirect,
  SimpleCommand,
  Word,
  WordPart,
  ParamOp,
} from './ast';

/** The input ended where more is needed. */
export class Incomplete extends Error {
  constructor(readonly what: string) {
    super(`incomplete input: ${what}`);
    this.name = 'Incomplete';
  }
}

/** A real syntax error; `message` is what bash prints after `bash: `. */
export class ShellSyntaxError extends Error {
  constructor(
    readonly token: string,
    detail?: string,
  ) {
    super(detail ?? `syntax error near unexpected token \`${token}'`);
    this.name = 'ShellSyntaxError';
  }
}

const RESERVED = new Set([
  'if',
  'then',
  'elif',
  'else',
  'fi',
  'for',
  'in',
  'do',
  'done',
  'while',
  'until',
  'case',
  'esac',
  '{',
  '}',
  '!',
  'function',
  '[[',
  ']]',
]);
/** Words that end a list inside a compound command. */
const LIST_END = new Set(['then', 'elif', 'else', 'fi', 'do', 'done', 'esac', '}']);
const META = ' \t\n;&|()<>';
const NAME_RE = /^[A-Za-z_][A-Za-z0-9_]*$/;

interface PendingHeredoc {
  redirect: Redirect;
  delimiter: string;
  quoted: boolean;
  stripTabs: boolean;
}

/** Parse a whole input. Throws `Incomplete` or `ShellSyntaxError`. */
export function parse(src: string): Program {
  return new Parser(src).parseProgram();
}

/** Parse raw arithmetic text (the parts of `for ((...))`) into a word, so `$x` inside expands. */
export function parseArithWord(src: string): Word {
  return new Parser(src).readWordUntilEnd();
}

/**
 * How deeply lists may nest (`$( $( ... ) )`, `{ { ... } }`, `$(( $(( ... )) ))`): bash has no
 * such limit, but past it the emulator's recursive parser would run out of stack.
 */
export const MAX_NESTING = 200;

class Parser {
  private pos = 0;
  private pending: PendingHeredoc[] = [];
  private nested = 0;

  constructor(
    private readonly src: string,
    /** How deep the text this parser reads sits inside other parsers' text. */
    private readonly depth = 0,
  ) {
    if (depth >= MAX_NESTING)
      throw new NotEmulatedError(`commands nested more than ${MAX_NESTING} levels deep are not emulated`);
  }

  parseProgram(): Program {
    const prog = this.parseList(new Set(), null);
    this.skipSpace();
    if (this.pos < this.src.length) throw new ShellSyntaxError(this.peekTokenText());
    if (this.pending.length) throw new Incomplete('heredoc');
    return prog;
  }

  // ---- character helpers -------------------------------------------------------------------

  private lineCache = { pos: 0, line: 0 };

  /** The 0-based line number of `pos` (counted incrementally: positions only grow). */
  private lineAt(pos: number): number {
    let { pos: p, line } = this.lineCache;
    if (pos < p) [p, line] = [0, 0];
    for (; p < pos; p++) if (this.src[p] === '\n') line++;
    this.lineCache = { pos: p, line };
    return line;
  }

  private ch(off = 0): string {
    return this.src[this.pos + off] ?? '';
  }

  private eof(): boolean {
    return this.pos >= this.src.length;
  }

  /** Skip blanks, comments and backslash-newline continuations (not newlines). */
  private skipSpace(): void {
    for (;;) {
      const c = this.ch();
      if (c === ' ' || c === '\t') this.pos++;
      else if (c === '\\' && this.ch(1) === '\n') this.pos += 2;
      else if (c === '\\' && this.pos + 1 === this.src.length) throw new Incomplete('line continuation');
      else if (c === '#') {
        while (!this.eof() && this.ch() !== '\n') this.pos++;
      } else return;
    }
  }

  /** Consume a newline and read any heredoc bodies waiting for it. */
  private consumeNewline(): void {
    this.pos++;
    if (this.pending.length) this.readHeredocs();
  }

  /** Skip newlines (and blanks/comments between them). */
  private skipNewlines(): void {
    for (;;) {
      this.skipSpace();
      if (this.ch() === '\n') this.consumeNewline();
      else return;
    }
  }

  private startsWith(s: string): boolean {
    return this.src.startsWith(s, this.pos);
  }

  /** The operator at pos, if any (longest match). */
  private peekOp(): string | null {
    for (const op of ['&&', '||', ';;', '&>>', '&>', ';', '&', '|', '(', ')', '\n']) {
      if (this.startsWith(op)) return op;
    }
    return null;
  }

  /** An unquoted reserved word at pos (only meaningful in command position). */
  private peekReserved(): string | null {
    const m = /^(\[\[|\]\]|[!{}]|[a-z]+)/.exec(this.src.slice(this.pos, this.pos + 10));
    if (!m) return null;
    const w = m[1]!;
    if (!RESERVED.has(w)) return null;
    const next = this.src[this.pos + w.length] ?? '';
    if (next === '' || META.includes(next)) return w;
    return null;
  }

  private peekTokenText(): string {
    if (this.eof()) return 'newline';
    const op = this.peekOp();
    if (op) return op === '\n' ? 'newline' : op;
    let end = this.pos;
    while (end < this.src.length && !META.includes(this.src[end]!)) end++;
    return this.src.slice(this.pos, Math.max(end, this.pos + 1));
  }

  private expectReserved(word: string): void {
    this.skipNewlines();
    if (this.peekReserved() === word) {
      this.pos += word.length;
      return;
    }
    if (this.eof()) throw new Incomplete(word);
    throw new ShellSyntaxError(this.peekTokenText());
  }

  // ---- lists ---------------------------------------------------------------------------------

  /** A list up to one of `enders` (reserved words) or `closer` (`)`), or end of input. */
  private parseList(enders: Set<string>, closer: string | null): Program {
    if (this.depth + this.nested >= MAX_NESTING)
      throw new NotEmulatedError(`commands nested more than ${MAX_NESTING} levels deep are not emulated`);
    this.nested++;
    try {
      return this.parseListAt(enders, closer);
    } finally {
      this.nested--;
    }
  }

  private parseListAt(enders: Set<string>, closer: string | null): Program {
    const items: AndOr[] = [];
    for (;;) {
      this.skipNewlines();
      if (this.eof()) break;
      const res = this.peekReserved();
      if (res && (enders.has(res) || LIST_END.has(res))) {
        if (enders.has(res)) break;
        throw new ShellSyntaxError(res);
      }
      const op = this.peekOp();
      if (op === ')' && closer === ')') break;
      if (op === ';;' && enders.has(';;')) break;
      if (op && op !== '(') throw new ShellSyntaxError(op === '\n' ? 'newline' : op);
      const ao = this.parseAndOr();
      items.push(ao);
      this.skipSpace();
      const sep = this.peekOp();
      if (sep === ';' || sep === '&') {
        this.pos++;
        if (sep === '&') ao.background = true;
        continue;
      }
      if (sep === '\n') {
        this.consumeNewline();
        continue;
      }
      if (this.eof()) break;
      if (sep === ')' && closer === ')') break;
      if (sep === ';;' && enders.has(';;')) break;
      const r2 = this.peekReserved();
      if (r2 && enders.has(r2)) break;
      throw new ShellSyntaxError(this.peekTokenText());
    }
    // An empty list is an error where bash wants one (`do done`), but `$()` and `a) ;;` are fine.
    if (items.length === 0 && enders.size > 0 && !enders.has(';;')) {
      if (this.eof()) throw new Incomplete('list');
      throw new ShellSyntaxError(this.peekReserved() ?? this.peekTokenText());
    }
    return { items };
  }

  private parseAndOr(): AndOr {
    const line = this.lineAt(this.pos);
    const first = this.parsePipeline();
    const rest: AndOr['rest'] = [];
    for (;;) {
      this.skipSpace();
      const op = this.peekOp();
      if (op !== '&&' && op !== '||') break;
      this.pos += 2;
      this.skipNewlines();
      if (this.eof()) throw new Incomplete(op);
      rest.push({ op, pipeline: this.parsePipeline() });
    }
    return { first, rest, background: false, line };
  }

  private parsePipeline(): Pipeline {
    this.skipSpace();
    let negate = false;
    if (this.peekReserved() === '!') {
      negate = true;
      this.pos++;
      this.skipSpace();
    }
    const commands: Command[] = [this.parseCommand()];
    for (;;) {
      this.skipSpace();
      if (this.ch() !== '|' || this.ch(1) === '|') break;
      this.pos++;
      if (this.ch() === '&') this.pos++; // `|&`: stderr too; treated as `|`
      this.skipNewlines();
      if (this.eof()) throw new Incomplete('|');
      commands.push(this.parseCommand());
    }
    return { negate, commands };
  }

  // ---- commands ------------------------------------------------------------------------------

  private parseCommand(): Command {
    this.skipSpace();
    if (this.eof()) throw new Incomplete('command');
    const op = this.peekOp();
    if (op === '(') {
      if (this.ch(1) === '(') {
        const expr = this.readArithCommand();
        if (expr !== null) return this.withRedirects({ type: 'arithcmd', expr });
      }
      this.pos++;
      const body = this.parseList(new Set(), ')');
      this.skipNewlines();
      if (this.eof()) throw new Incomplete(')');
      if (this.ch() !== ')') throw new ShellSyntaxError(this.peekTokenText());
      this.pos++;
      return this.withRedirects({ type: 'subshell', body });
    }
    if (op) throw new ShellSyntaxError(op === '\n' ? 'newline' : op);
    const res = this.peekReserved();
    switch (res) {
      case 'if':
        return this.withRedirects(this.parseIf());
      case 'for':
        return this.withRedirects(this.parseFor());
      case 'while':
      case 'until':
        return this.withRedirects(this.parseWhile(res === 'until'));
      case 'case':
        return this.withRedirects(this.parseCase());
      case '{': {
        this.pos++;
        const body = this.parseList(new Set(['}']), null);
        this.expectReserved('}');
        return this.withRedirects({ type: 'group', body });
      }
      case '[[':
        return this.withRedirects(this.parseCond());
      case 'function': {
        this.pos += 'function'.length;
        this.skipSpace();
        const name = this.readWordText();
        this.skipSpace();
        if (this.startsWith('()')) this.pos += 2;
        return this.parseFunctionBody(name);
      }
      case null:
      case '!':
        break;
      default:
        throw new ShellSyntaxError(res);
    }
    return this.parseSimple();
  }

  private withRedirects<T extends Compound>(c: T): Command {
    const redirects: Redirect[] = [];
    for (;;) {
      this.skipSpace();
      const r = this.tryRedirect();
      if (!r) break;
      redirects.push(r);
    }
    return redirects.length ? { ...c, redirects } : c;
  }

  private parseFunctionBody(name: string): Command {
    if (!NAME_RE.test(name) && !/^[A-Za-z_][\w.-]*$/.test(name)) throw new ShellSyntaxError(name);
    this.skipNewlines();
    if (this.eof()) throw new Incomplete('function body');
    const body = this.parseCommand();
    if (body.type === 'simple') throw new ShellSyntaxError(this.peekTokenText());
    return { type: 'funcdef', name, body };
  }

  private parseIf(): Compound {
    this.pos += 2;
    const branches: Array<{ cond: Program; body: Program }> = [];
    let orElse: Program | null = null;
    for (;;) {
      const cond = this.parseList(new Set(['then']), null);
      this.expectReserved('then');
      const body = this.parseList(new Set(['elif', 'else', 'fi']), null);
      branches.push({ cond, body });
      this.skipNewlines();
      const r = this.peekReserved();
      if (r === 'elif') {
        this.pos += 4;
        continue;
      }
      if (r === 'else') {
        this.pos += 4;
        orElse = this.parseList(new Set(['fi']), null);
      }
      this.expectReserved('fi');
      return { type: 'if', branches, orElse };
    }
  }

  private parseFor(): Compound {
    this.pos += 3;
    this.skipSpace();
    if (this.startsWith('((')) {
      const raw = this.readBalancedArith();
      const [init = '', cond = '', step = ''] = raw.split(';');
      this.skipSpace();
      if (this.ch() === ';') this.pos++;
      this.expectReserved('do');
      const body = this.parseList(new Set(['done']), null);
      this.expectReserved('done');
      return { type: 'cfor', init, cond, step, body };
    }
    if (this.eof()) throw new Incomplete('for');
    const name = this.readWordText();
    if (!NAME_RE.test(name)) throw new ShellSyntaxError(name, `\`${name}': not a valid identifier`);
    this.skipSpace();
    let items: Word[] | null = null;
    // `for i in a b c; do`, `for i; do`, or newlines before `in`/`do`
    this.skipNewlines();
    if (this.peekReserved() === 'in') {
      this.pos += 2;
      items = [];
      for (;;) {
        this.skipSpace();
        const c = this.ch();
        if (c === '') throw new Incomplete('for');
        if (c === ';' || c === '\n') {
          if (c === ';') this.pos++;
          else this.consumeNewline();
          break;
        }
        if (META.includes(c)) throw new ShellSyntaxError(this.peekTokenText());
        items.push(this.readWord());
      }
    } else if (this.ch() === ';') {
      this.pos++;
    }
    this.expectReserved('do');
    const body = this.parseList(new Set(['done']), null);
    this.expectReserved('done');
    return { type: 'for', name, items, body };
  }

  private parseWhile(until: boolean): Compound {
    this.pos += 5; // `while` and `until` are both five letters
    const cond = this.parseList(new Set(['do']), null);
    this.expectReserved('do');
    const body = this.parseList(new Set(['done']), null);
    this.expectReserved('done');
    return { type: 'while', until, cond, body };
  }

  private parseCase(): Compound {
    this.pos += 4;
    this.skipSpace();
    if (this.eof()) throw new Incomplete('case');
    const subject = this.readWord();
    this.expectReserved('in');
    const items: Array<{ patterns: Word[]; body: Program }> = [];
    for (;;) {
      this.skipNewlines();
      if (this.eof()) throw new Incomplete('esac');
      if (this.peekReserved() === 'esac') {
        this.pos += 4;
        return { type: 'case', subject, items };
      }
      if (this.ch() === '(') this.pos++;
      const patterns: Word[] = [];
      for (;;) {
        this.skipSpace();
        if (this.eof()) throw new Incomplete('case pattern');
        if (META.includes(this.ch())) throw new ShellSyntaxError(this.peekTokenText());
        patterns.push(this.readWord());
        this.skipSpace();
        if (this.ch() === '|') {
          this.pos++;
          continue;
        }
        if (this.ch() === ')') {
          this.pos++;
          break;
        }
        if (this.eof()) throw new Incomplete('case pattern');
        throw new ShellSyntaxError(this.peekTokenText());
      }
      const body = this.parseList(new Set([';;', 'esac']), null);
      items.push({ patterns, body });
      this.skipNewlines();
      if (this.startsWith(';;')) this.pos += 2;
    }
  }

  /** `[[ ... ]]`: operators inside are words; ends at an unquoted `]]`. */
  private parseCond(): Compound {
    this.pos += 2;
    const words: Word[] = [];
    for (;;) {
      this.skipSpace();
      if (this.eof()) throw new Incomplete(']]');
      if (this.ch() === '\n') {
        this.consumeNewline();
        continue;
      }
      if (this.peekReserved() === ']]') {
        this.pos += 2;
        if (words.length === 0) throw new ShellSyntaxError(']]');
        return { type: 'cond', words };
      }
      const op = ['&&', '||', '==', '!=', '=~', '<', '>', '(', ')', '!'].find(
        (o) => this.startsWith(o) && (o.length > 1 || META.includes(o) || o === '!'),
      );
      if (op && (op !== '!' || ' \t'.includes(this.ch(1)))) {
        this.pos += op.length;
        words.push({ parts: [{ k: 'lit', v: op }] });
        continue;
      }
      words.push(this.readWord(true));
    }
  }

  /** `(( expr ))` as a command; null (and pos unchanged) when it is really a nested subshell. */
  private readArithCommand(): Word | null {
    const start = this.pos;
    try {
      const raw = this.readBalancedArith();
      return new Parser(raw, this.depth + this.nested + 1).readWordUntilEnd();
    } catch (e) {
      if (e instanceof Incomplete || e instanceof NotEmulatedError) throw e;
      this.pos = start;
      return null;
    }
  }

  /** Reads `(( ... ))` and returns the inside. */
  private readBalancedArith(): string {
    this.pos += 2;
    const start = this.pos;
    let depth = 0;
    for (;;) {
      if (this.eof()) throw new Incomplete('))');
      const c = this.ch();
      if (c === '(') depth++;
      else if (c === ')') {
        if (depth === 0) {
          if (this.ch(1) !== ')') throw new ShellSyntaxError(')');
          const inner = this.src.slice(start, this.pos);
          this.pos += 2;
          return inner;
        }
        depth--;
      }
      this.pos++;
    }
  }

  /** The whole remaining text as one word with no splitting (for arithmetic). */
  readWordUntilEnd(): Word {
    return { parts: this.readParts('', 'arith') };
  }

  private parseSimple(): Command {
    const cmd: SimpleCommand = { type: 'simple', assigns: [], words: [], redirects: [] };
    for (;;) {
      this.skipSpace();
      if (this.eof()) break;
      const r = this.tryRedirect();
      if (r) {
        cmd.redirects.push(r);
        continue;
      }
      const c = this.ch();
      if (c === '(' && cmd.words.length === 1 && cmd.assigns.length === 0 && this.src[this.pos + 1] === ')') {
        // name() { ...; }
        const w = cmd.words[0]!;
        const name = w.parts.length === 1 && w.parts[0]!.k === 'lit' ? w.parts[0]!.v : '';
        this.pos += 2;
        return this.parseFunctionBody(name);
      }
      if (META.includes(c)) {
        if (c === '(') throw new ShellSyntaxError('(');
        break;
      }
      if (cmd.words.length === 0) {
        const a = this.tryAssignment();
        if (a) {
          cmd.assigns.push(a);
          continue;
        }
      }
      cmd.words.push(this.readWord());
    }
    if (cmd.words.length === 0 && cmd.assigns.length === 0 && cmd.redirects.length === 0) {
      throw new ShellSyntaxError(this.peekTokenText());
    }
    return cmd;
  }

  private tryAssignment(): Assignment | null {
    const m = /^([A-Za-z_][A-Za-z0-9_]*)(\+?)=/.exec(this.src.slice(this.pos, this.pos + 200));
    if (!m) return null;
    this.pos += m[0].length;
    const value = this.eof() || META.includes(this.ch()) ? { parts: [] } : this.readWord();
    return { name: m[1]!, value, append: m[2] === '+' };
  }

  private tryRedirect(): Redirect | null {
    const m = /^(\d*)(<<<|<<-|<<|>>|>&|<&|>\||&>>|&>|>|<)/.exec(this.src.slice(this.pos, this.pos + 8));
    if (!m) return null;
    const [all, num, op] = m as unknown as [string, string, string];
    if (num && op.startsWith('&')) return null;
    this.pos += all.length;
    const fd = num ? Number(num) : op.startsWith('<') && op !== '<&' ? 0 : op === '<&' ? 0 : 1;
    this.skipSpace();
    if (this.eof() || this.ch() === '\n') {
      if (this.eof()) throw new ShellSyntaxError('newline');
      throw new ShellSyntaxError('newline');
    }
    if (META.includes(this.ch())) throw new ShellSyntaxError(this.peekTokenText());
    if (op === '<<' || op === '<<-') {
      const delimWord = this.readWord();
      const quoted = delimWord.parts.some((p) => p.k !== 'lit');
      const delimiter = wordLiteral(delimWord);
      const redirect: Redirect = { fd, op: '<<' };
      this.pending.push({ redirect, delimiter, quoted, stripTabs: op === '<<-' });
      return redirect;
    }
    const target = this.readWord();
    const norm = op === '>|' ? '>' : (op as Redirect['op']);
    return { fd: norm === '&>' || norm === '&>>' ? 1 : fd, op: norm, target };
  }

  /** Heredoc bodies start right after the newline that ends their command line. */
  private readHeredocs(): void {
    const pending = this.pending;
    this.pending = [];
    for (const h of pending) {
      const lines: string[] = [];
      for (;;) {
        if (this.eof()) throw new Incomplete(`heredoc ${h.delimiter}`);
        const nl = this.src.indexOf('\n', this.pos);
        const end = nl < 0 ? this.src.length : nl;
        let line = this.src.slice(this.pos, end);
        if (h.stripTabs) line = line.replace(/^\t+/, '');
        if (line === h.delimiter) {
          this.pos = nl < 0 ? end : end + 1;
          break;
        }
        if (nl < 0) throw new Incomplete(`heredoc ${h.delimiter}`);
        lines.push(line);
        this.pos = end + 1;
      }
      const body = lines.map((l) => l + '\n').join('');
      h.redirect.heredoc = h.quoted
        ? { parts: [{ k: 'q', v: body }] }
        : { parts: new Parser(body).readParts('', 'heredoc') };
    }
  }

  // ---- words ---------------------------------------------------------------------------------

  private readWordText(): string {
    return wordLiteral(this.readWord());
  }

  /** Reads one word at pos (pos must not be at a metacharacter). */
  private readWord(cond = false): Word {
    const parts = this.readParts(cond ? ' \t\n;&|<>()' : META, 'word');
    if (parts.length === 0) throw new ShellSyntaxError(this.peekTokenText());
    return { parts };
  }

  /**
   * Reads word parts until an unquoted character in `stop`. Modes: `word` (normal), `dq` (inside
   * double quotes: ends at `"`), `brace` (inside `${...}`: ends at `}`), `heredoc`/`arith` (to the end,
   * quotes are literal in heredocs).
   */
  private readParts(stop: string, mode: 'word' | 'dq' | 'brace' | 'heredoc' | 'arith'): WordPart[] {
    const parts: WordPart[] = [];
    let lit = '';
    const quotedLit = mode === 'dq' || mode === 'heredoc';
    const flush = () => {
      if (lit) parts.push({ k: quotedLit ? 'q' : 'lit', v: lit });
      lit = '';
    };
    for (;;) {
      if (this.eof()) {
        if (mode === 'dq') throw new Incomplete('"');
        if (mode === 'brace') throw new Incomplete('}');
        break;
      }
      const c = this.ch();
      if (mode === 'dq' && c === '"') break;
      if (mode === 'brace' && c === '}') break;
      if (mode === 'word' && stop.includes(c)) break;
      if (c === '\\') {
        const n = this.ch(1);
        if (n === '') {
          if (mode === 'heredoc' || mode === 'arith') {
            lit += c;
            this.pos++;
            continue;
          }
          throw new Incomplete('\\');
        }
        if (n === '\n') {
          this.pos += 2;
          continue;
        }
        if (mode === 'dq' || mode === 'heredoc' || mode === 'arith') {
          if ('$`"\\'.includes(n) && !(mode === 'heredoc' && n === '"')) {
            lit += n;
            this.pos += 2;
          } else {
            lit += c;
            this.pos++;
          }
          continue;
        }
        flush();
        parts.push({ k: 'q', v: n });
        this.pos += 2;
        continue;
      }
      if (c === "'" && (mode === 'word' || mode === 'brace')) {
        flush();
        const end = this.src.indexOf("'", this.pos + 1);
        if (end < 0) throw new Incomplete("'");
        parts.push({ k: 'q', v: this.src.slice(this.pos + 1, end) });
        this.pos = end + 1;
        continue;
      }
      if (c === '"' && (mode === 'word' || mode === 'brace')) {
        flush();
        this.pos++;
        const inner = this.readParts('', 'dq');
        this.pos++; // closing quote
        parts.push({ k: 'dq', parts: inner });
        continue;
      }
      if (c === '`') {
        flush();
        parts.push(this.readBackquote());
        continue;
      }
      if (c === '$') {
        const p = this.readDollar(mode);
        if (p) {
          flush();
          parts.push(p);
          continue;
        }
        lit += c;
        this.pos++;
        continue;
      }
      lit += c;
      this.pos++;
    }
    flush();
    return parts;
  }

  private readBackquote(): WordPart {
    this.pos++;
    let inner = '';
    for (;;) {
      if (this.eof()) throw new Incomplete('`');
      const c = this.ch();
      if (c === '`') {
        this.pos++;
        break;
      }
      if (c === '\\' && '$`\\'.includes(this.ch(1)) && this.ch(1) !== '') {
        inner += this.ch(1);
        this.pos += 2;
        continue;
      }
      inner += c;
      this.pos++;
    }
    return { k: 'cmd', body: parse(inner) };
  }

  private readDollar(mode: string): WordPart | null {
    const n = this.ch(1);
    if (n === '(') {
      if (this.ch(2) === '(') {
        const start = this.pos;
        this.pos++;
        try {
          const raw = this.readBalancedArith();
          return { k: 'arith', expr: new Parser(raw, this.depth + this.nested + 1).readWordUntilEnd() };
        } catch (e) {
          if (e instanceof Incomplete || e instanceof NotEmulatedError) throw e;
          this.pos = start; // `$( (a) )`: a command substitution starting with a subshell
        }
      }
      this.pos += 2;
      const body = this.parseList(new Set(), ')');
      this.skipNewlines();
      if (this.eof()) throw new Incomplete(')');
      if (this.ch() !== ')') throw new ShellSyntaxError(this.peekTokenText());
      this.pos++;
      return { k: 'cmd', body };
    }
    if (n === '{') {
      this.pos += 2;
      return this.readBraceParam();
    }
    if (n === "'" && (mode === 'word' || mode === 'brace')) {
      this.pos += 2;
      let v = '';
      for (;;) {
        if (this.eof()) throw new Incomplete("$'");
        const c = this.ch();
        if (c === "'") {
          this.pos++;
          break;
        }
        if (c === '\\') {
          const [text, len] = ansiEscape(this.src, this.pos);
          v += text;
          this.pos += len;
          continue;
        }
        v += c;
        this.pos++;
      }
      return { k: 'q', v };
    }
    if (n === '"' && (mode === 'word' || mode === 'brace')) {
      this.pos += 2;
      const inner = this.readParts('', 'dq');
      this.pos++;
      return { k: 'dq', parts: inner };
    }
    const m = /^(?:[A-Za-z_][A-Za-z0-9_]*|[0-9?$#@*!\-])/.exec(this.src.slice(this.pos + 1, this.pos + 200));
    if (!m) return null;
    this.pos += 1 + m[0].length;
    return { k: 'param', name: m[0] };
  }

  private readBraceParam(): WordPart {
    if (this.ch() === '#' && this.ch(1) !== '}') {
      this.pos++;
      const name = this.readParamName();
      if (this.ch() !== '}') throw this.badSubstitution();
      this.pos++;
      return { k: 'param', name, op: 'len' };
    }
    const name = this.readParamName();
    if (this.eof()) throw new Incomplete('}');
    if (this.ch() === '}') {
      this.pos++;
      return { k: 'param', name };
    }
    const opm = /^(:-|:=|:\+|:\?|##|%%|\/\/|[-=+?#%/:])/.exec(this.src.slice(this.pos, this.pos + 2));
    if (!opm) throw this.badSubstitution();
    const op = opm[1] as ParamOp;
    this.pos += op.length;
    if (op === '/' || op === '//') {
      const pat = this.readPartsUntil('/}');
      let rep: WordPart[] = [];
      if (this.ch() === '/') {
        this.pos++;
        rep = this.readParts('', 'brace');
      }
      this.pos++;
      return { k: 'param', name, op, arg: { parts: pat }, arg2: { parts: rep } };
    }
    if (op === ':') {
      const off = this.readPartsUntil(':}');
      let len: WordPart[] | undefined;
      if (this.ch() === ':') {
        this.pos++;
        len = this.readParts('', 'brace');
      }
      this.pos++;
      return { k: 'param', name, op, arg: { parts: off }, arg2: len ? { parts: len } : undefined };
    }
    const arg = this.readParts('', 'brace');
    this.pos++;
    return { k: 'param', name, op, arg: { parts: arg } };
  }

  /** Like readParts in brace mode but also stops at the given characters. */
  private readPartsUntil(stops: string): WordPart[] {
    const start = this.pos;
    let depth = 0;
    let end = this.pos;
    while (end < this.src.length) {
      const c = this.src[end]!;
      if (c === '\\') {
        end += 2;
        continue;
      }
      if (c === '{') depth++;
      if (c === '}' && depth > 0) {
        depth--;
        end++;
        continue;
      }
      if (stops.includes(c) && depth === 0) break;
      end++;
    }
    if (end >= this.src.length) throw new Incomplete('}');
    const parts = new Parser(this.src.slice(start, end)).readParts('', 'heredoc');
    this.pos = end;
    return parts.map((p) => (p.k === 'q' ? { k: 'lit', v: p.v } : p));
  }

  private readParamName(): string {
    const m = /^(?:[A-Za-z_][A-Za-z0-9_]*|[0-9]+|[?$#@*!\-])/.exec(this.src.slice(this.pos, this.pos + 200));
    if (!m) {
      if (this.eof()) throw new Incomplete('}');
      throw this.badSubstitution();
    }
    this.pos += m[0].length;
    return m[0];
  }

  private badSubstitution(): ShellSyntaxError {
    const close = this.src.indexOf('}', this.pos);
    if (close < 0) return new Incomplete('}') as never;
    let start = this.src.lastIndexOf('${', this.pos);
    if (start < 0) start = this.pos;
    const text = this.src.slice(start, close + 1);
    this.pos = close + 1;
    return new ShellSyntaxError(text, `${text}: bad substitution`);
  }
}

/** The text of a word as if all quoting were removed (for heredoc delimiters, names). */
export function wordLiteral(w: Word): string {
  return w.parts.map(partLiteral).join('');
}

function partLiteral(p: WordPart): string {
  switch (p.k) {
    case 'lit':
    case 'q':
      return p.v;
    case 'dq':
      return p.parts.map(partLiteral).join('');
    case 'param':
      return `$${p.name}`;
    default:
      return '';
  }
}

/** Decode one backslash escape of `$'...'` / `echo -e` / `printf` at `i`; returns [text, length]. */
export function ansiEscape(s: string, i: number): [string, number] {
  const n = s[i + 1] ?? '';
  const simple: Record<string, string> = {
    n: '\n',
    t: '\t',
    r: '\r',
    a: '\x07',
    b: '\b',
    e: '\x1b',
    E: '\x1b',
    f: '\f',
    v: '\v',
    '\\': '\\',
    "'": "'",
    '"': '"',
    '?': '?',
  };
  if (n in simple) return [simple[n]!, 2];
  if (n === 'x') {
    const m = /^[0-9a-fA-F]{1,2}/.exec(s.slice(i + 2));
    if (m) return [String.fromCharCode(parseInt(m[0], 16)), 2 + m[0].length];
  }
  if (n >= '0' && n <= '7') {
    const m = /^[0-7]{1,3}/.exec(s.slice(i + 1))!;
    return [String.fromCharCode(parseInt(m[0], 8) & 0xff), 1 + m[0].length];
  }
  if (n === '') return ['\\', 1];
  return ['\\' + n, 2];
}

/** Quote a string so the parser reads it back as one word with the same text. */
export function shellQuote(s: string): string {
  if (s !== '' && /^[A-Za-z0-9_@%+=:,./-]+$/.test(s)) return s;
  return `'${s.replace(/'/g, `'\\''`)}'`;
}

/** Whether `text` is a complete input (the terminal shows `> ` and keeps reading when it is not). */
export function isCompleteInput(text: string): boolean {
  try {
    parse(text);
    return true;
  } catch (e) {
    return !(e instanceof Incomplete);
  }
}
