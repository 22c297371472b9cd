/**
 * What a lesson asks the learner to type, read from its MDX: the fenced shell blocks in page order.
 *
 * - ```sh / ```bash / ```shell blocks are command blocks: every line is typed into the lesson's
 *   terminal (the page's Run button does the same), so they run, in order, in one shell.
 * - ```console blocks are transcripts: `$ ` starts a command (continued by `> ` lines while the shell
 *   still wants more input: heredocs, loops), and the lines up to the next `$ ` are what the terminal
 *   printed. The emulator writes those lines (`npm run lessons -- --write`), and a test fails when
 *   they drift.
 *
 * A command shown for reading only (a file to look at, a command for a real cluster) is fenced as
 * ```shellscript: highlighted like shell, but it has no Run button and is not run here.
 * A fence's info string may carry one flag after the language: `error-ok` says the block shows an
 * error on purpose (a usage error, `not emulated`), so the check for such errors skips it.
 */
import { readFileSync } from 'node:fs';

/** One command as typed and, for transcripts, the output the page shows after it. */
export interface Step {
  /** The input as the terminal submits it: one line, or several for a heredoc or a loop. */
  input: string;
  /** Console blocks only: the output lines the page prints after the command. */
  output?: string;
}

export interface Block {
  kind: 'commands' | 'console';
  lang: string;
  flags: Set<string>;
  /** 1-based line numbers of the opening and closing fences. */
  open: number;
  close: number;
  steps: Step[];
}

export interface LessonSource {
  file: string;
  /** The frontmatter's `scenario`, when the lesson has a terminal. */
  scenario?: string;
  blocks: Block[];
}

const COMMAND_LANGS = new Set(['sh', 'bash', 'shell']);
const FENCE = /^(`{3,}|~{3,})\s*([\w-]*)\s*(.*)$/;

/** Read the ordered shell blocks of an MDX source; `isComplete` is the shell's own notion of a complete input. */
export function extractLesson(file: string, text: string, isComplete: (input: string) => boolean): LessonSource {
  const lines = text.replace(/\r\n/g, '\n').split('\n');
  const scenario = frontmatterScenario(lines) ?? translatedScenario(file);
  const blocks: Block[] = [];
  for (let i = 0; i < lines.length; i++) {
    const m = FENCE.exec(lines[i]!);
    if (!m) continue;
    const [, fence, lang = '', info = ''] = m;
    const end = lines.findIndex((l, j) => j > i && l.startsWith(fence!) && l.slice(fence!.length).trim() === '');
    if (end < 0) throw new Error(`${file}:${i + 1}: code fence is never closed`);
    const body = lines.slice(i + 1, end);
    const flags = new Set(info.split(/\s+/).filter(Boolean));
    if (COMMAND_LANGS.has(lang)) {
      blocks.push({
        kind: 'commands',
        lang,
        flags,
        open: i + 1,
        close: end + 1,
        steps: commandSteps(body, isComplete),
      });
    } else if (lang === 'console') {
      blocks.push({
        kind: 'console',
        lang,
        flags,
        open: i + 1,
        close: end + 1,
        steps: consoleSteps(file, i + 2, body, isComplete),
      });
    }
    i = end;
  }
  return { file, scenario, blocks };
}

/**
 * A translation (`src/content/lessons/ko/<id>.mdx`) has no scenario of its own: it runs on its
 * English page's, as the site builds it (src/lib/localLessons.ts).
 */
function translatedScenario(file: string): string | undefined {
  const m = /^(.*\/lessons)\/[a-z]{2}\/([^/]+\.mdx)$/.exec(file.replace(/\\/g, '/'));
  if (!m) return undefined;
  try {
    return frontmatterScenario(readFileSync(`${m[1]}/${m[2]}`, 'utf8').replace(/\r\n/g, '\n').split('\n'));
  } catch {
    return undefined;
  }
}

function frontmatterScenario(lines: string[]): string | undefined {
  if (lines[0] !== '---') return undefined;
  for (let i = 1; i < lines.length && lines[i] !== '---'; i++) {
    const m = /^scenario:\s*([\w-]+)/.exec(lines[i]!);
    if (m) return m[1];
  }
  return undefined;
}

/** A command block's inputs, gathered the way the terminal gathers typed lines. */
function commandSteps(body: string[], isComplete: (input: string) => boolean): Step[] {
  const steps: Step[] = [];
  let buf: string[] = [];
  for (const line of body) {
    if (buf.length === 0 && (line.trim() === '' || line.trimStart().startsWith('#'))) continue;
    buf.push(line);
    const input = buf.join('\n');
    if (isComplete(input)) {
      steps.push({ input });
      buf = [];
    }
  }
  if (buf.length) steps.push({ input: buf.join('\n') });
  return steps;
}

/** A transcript's commands (`$ ` plus `> ` continuations) and the output lines after each. */
function consoleSteps(file: string, firstLine: number, body: string[], isComplete: (input: string) => boolean): Step[] {
  const steps: Step[] = [];
  let i = 0;
  if (body.length && !body[0]!.startsWith('$ ')) {
    throw new Error(`${file}:${firstLine}: a console block starts with a "$ " command line`);
  }
  while (i < body.length) {
    const input = [body[i]!.slice(2)];
    i++;
    while (!isComplete(input.join('\n')) && i < body.length && body[i]!.startsWith('> ')) {
      input.push(body[i]!.slice(2));
      i++;
    }
    const out: string[] = [];
    while (i < body.length && !body[i]!.startsWith('$ ')) out.push(body[i++]!);
    steps.push({ input: input.join('\n'), output: out.join('\n') });
  }
  return steps;
}

/** The console block as the page should print it: each command and its output. */
export function renderConsole(steps: readonly Step[]): string[] {
  const lines: string[] = [];
  for (const step of steps) {
    const [first, ...rest] = step.input.split('\n');
    lines.push(`$ ${first}`, ...rest.map((l) => `> ${l}`));
    if (step.output) lines.push(...step.output.split('\n'));
  }
  return lines;
}
