/**
 * The syntax tree of the bash subset, as the parser builds it and the interpreter walks it.
 * Words keep their quoting structure so expansion can follow bash's order (brace, tilde,
 * parameter/command/arithmetic, field splitting, globbing, quote removal).
 */

/** One piece of a word, with how it was quoted. */
export type WordPart =
  /** Unquoted literal text: subject to brace expansion, tilde, field splitting (no), globbing. */
  | { k: 'lit'; v: string }
  /** Quoted literal text ('...', $'...', a backslash escape, or literal text inside "..."). */
  | { k: 'q'; v: string }
  /** "...": everything inside is quoted. */
  | { k: 'dq'; parts: WordPart[] }
  /** $NAME, ${NAME}, ${NAME:-word}, ${#NAME}, ... */
  | { k: 'param'; name: string; op?: ParamOp; arg?: Word; arg2?: Word }
  /** $(...) or `...` */
  | { k: 'cmd'; body: Program }
  /** $(( expr )) */
  | { k: 'arith'; expr: Word };

export type ParamOp =
  ':-' | '-' | ':=' | '=' | ':+' | '+' | ':?' | '?' | '#' | '##' | '%' | '%%' | '/' | '//' | 'len' | ':';

export interface Word {
  parts: WordPart[];
}

export interface Redirect {
  /** File descriptor redirected (1 for `>`, 0 for `<`, 2 for `2>`). */
  fd: number;
  /** `>` `>>` `<` `>&` `<&` `&>` `&>>` `<<` (heredoc) `<<<` (here-string). */
  op: '>' | '>>' | '<' | '>&' | '<&' | '&>' | '&>>' | '<<' | '<<<';
  /** File name, fd number (`2>&1`), or the here-string. */
  target?: Word;
  /** Heredoc body (already tab-stripped for `<<-`); quoted delimiters make it all literal. */
  heredoc?: Word;
}

export interface SimpleCommand {
  type: 'simple';
  assigns: Assignment[];
  words: Word[];
  redirects: Redirect[];
}

export interface Assignment {
  name: string;
  value: Word;
  append: boolean;
}

export type Compound =
  | { type: 'group'; body: Program }
  | { type: 'subshell'; body: Program }
  | { type: 'for'; name: string; items: Word[] | null; body: Program }
  | { type: 'cfor'; init: string; cond: string; step: string; body: Program }
  | { type: 'while'; until: boolean; cond: Program; body: Program }
  | { type: 'if'; branches: Array<{ cond: Program; body: Program }>; orElse: Program | null }
  | { type: 'case'; subject: Word; items: Array<{ patterns: Word[]; body: Program }> }
  | { type: 'arithcmd'; expr: Word }
  | { type: 'cond'; words: Word[] }
  | { type: 'funcdef'; name: string; body: Command };

/** A compound command with the redirections written after it (`done | sort`, `} > out`). */
export type Command = SimpleCommand | (Compound & { redirects?: Redirect[] });

export interface Pipeline {
  negate: boolean;
  commands: Command[];
}

export interface AndOr {
  first: Pipeline;
  rest: Array<{ op: '&&' | '||'; pipeline: Pipeline }>;
  background: boolean;
  /** 0-based line of the input where it starts (the session ticks the clock once per line). */
  line?: number;
}

/** A list of and-or lists separated by `;`, `&` or newlines. */
export interface Program {
  items: AndOr[];
}
