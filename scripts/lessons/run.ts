/**
 * Running a lesson the way a learner who follows it does: one emulator of the lesson's scenario, with
 * the seed the lesson terminal starts from, and every shell block typed into one shell in page order.
 * The console blocks' outputs come out of that run, so the page shows what the learner will see.
 */
import { Emulator, DEFAULT_SEED } from '../../src/sim/emulator';
import type { Writer } from '../../src/sim/shell/types';
import { startState, type Exercise } from '../../src/grading';
import { extractLesson, type LessonSource } from './extract';

/** The seed of a lesson's terminal (Terminal.astro's default): a learner following the page sees its bytes. */
export const LESSON_SEED = DEFAULT_SEED;

/**
 * Outputs that mean a command the page (or a hint) suggests does not work in the emulator: not
 * emulated, not installed, or not typed right. A block flagged `error-ok` shows one on purpose.
 */
const BROKEN: { pattern: RegExp; what: string }[] = [
  { pattern: /is not emulated/, what: 'not emulated' },
  { pattern: /command not found/, what: 'command not found' },
  { pattern: /^error: unknown (?:flag|shorthand flag|command)/m, what: 'unknown flag or command' },
  { pattern: /(?:invalid|unrecognized|illegal) option/, what: 'invalid option' },
  { pattern: /^Usage:|^usage:/m, what: 'usage error' },
  { pattern: /internal error/i, what: 'internal error' },
  { pattern: /^Error: (?:accepts|requires)/m, what: 'usage error' },
];

/** What is wrong with one output, or undefined. */
export function brokenOutput(output: string): string | undefined {
  return BROKEN.find((b) => b.pattern.test(output))?.what;
}

export interface Problem {
  file: string;
  line: number;
  input: string;
  message: string;
}

export interface LessonRun {
  source: LessonSource;
  /** The generated output for each console block's steps, by block index in `source.blocks`. */
  outputs: Map<number, string[]>;
  problems: Problem[];
}

class Collect implements Writer {
  text = '';
  write(s: string): void {
    this.text += s;
  }
}

/** The terminal's text as a transcript shows it: no trailing newline (the next `$ ` starts a line). */
function transcriptText(raw: string): string {
  return raw.replace(/\r\n/g, '\n').replace(/\n$/, '');
}

/** Run every shell block of a lesson in order; returns the transcripts' outputs and what broke. */
export async function runLesson(file: string, text: string): Promise<LessonRun> {
  const probe = Emulator.create({ scenario: 'empty', seed: LESSON_SEED }).openShell();
  const source = extractLesson(file, text, (t) => probe.isComplete(t));
  const outputs = new Map<number, string[]>();
  const problems: Problem[] = [];
  const runnable = source.blocks;
  if (!runnable.length) return { source, outputs, problems };
  if (!source.scenario) {
    problems.push({
      file,
      line: runnable[0]!.open,
      input: '',
      message: 'shell blocks but no `scenario` in the frontmatter',
    });
    return { source, outputs, problems };
  }
  const emu = Emulator.create({ scenario: source.scenario, seed: LESSON_SEED });
  const shell = emu.openShell();
  for (const [index, block] of source.blocks.entries()) {
    const generated: string[] = [];
    outputs.set(index, generated);
    for (const [n, step] of block.steps.entries()) {
      const out = new Collect();
      await shell.run(step.input, { stdout: out, stderr: out, interactive: false });
      const output = transcriptText(out.text);
      generated[n] = output;
      const broken = block.flags.has('error-ok') ? undefined : brokenOutput(output);
      if (broken) {
        problems.push({ file, line: block.open, input: step.input, message: `${broken}: ${firstLines(output)}` });
      }
    }
  }
  return { source, outputs, problems };
}

function firstLines(output: string): string {
  const lines = output.split('\n');
  return lines.slice(0, 3).join(' | ') + (lines.length > 3 ? ' | ...' : '');
}

/** Console blocks whose page text differs from what the emulator printed: file line and both texts. */
export function transcriptDrift(run: LessonRun): { line: number; input: string; page: string; emulator: string }[] {
  const drift: { line: number; input: string; page: string; emulator: string }[] = [];
  run.source.blocks.forEach((block, index) => {
    if (block.kind !== 'console') return;
    const generated = run.outputs.get(index)!;
    block.steps.forEach((step, n) => {
      if ((step.output ?? '') !== generated[n]) {
        drift.push({ line: block.open, input: step.input, page: step.output ?? '', emulator: generated[n]! });
      }
    });
  });
  return drift;
}

/** The MDX text with every console block's outputs replaced by what the emulator printed. */
export function rewriteTranscripts(text: string, run: LessonRun): string {
  const lines = text.replace(/\r\n/g, '\n').split('\n');
  // Replace from the last block up, so earlier line numbers stay valid.
  const blocks = [...run.source.blocks.entries()].filter(([, b]) => b.kind === 'console');
  for (const [index, block] of blocks.reverse()) {
    const generated = run.outputs.get(index)!;
    const body: string[] = [];
    block.steps.forEach((step, n) => {
      const [first, ...rest] = step.input.split('\n');
      body.push(`$ ${first}`, ...rest.map((l) => `> ${l}`));
      if (generated[n]) body.push(...generated[n]!.split('\n'));
    });
    lines.splice(block.open, block.close - block.open - 1, ...body);
  }
  return lines.join('\n');
}

/** Inline code in a hint that is a command to type: starts like a command, has no placeholder. */
export function hintCommands(hint: string): string[] {
  const spans = [...hint.matchAll(/`([^`\n]+)`/g)].map((m) => m[1]!.trim());
  return spans.filter(
    (s) =>
      /^(?:kubectl|docker|ip|iptables|iptables-save|ipvsadm|ipset|conntrack|curl|wget|dig|nslookup|host|getent|ping|cat|trace|kind|ssh|aws|openssl|helm|bridge|brctl|tcpdump|ss|jq|sysctl|grep|ls)\s/.test(
        s,
      ) && !/(?<![$\w])[A-Z][A-Z0-9_]{2,}\b/.test(s.replace(/\$\{?[A-Z_][A-Z0-9_]*\}?/g, '')),
  );
}

/** Run each command a hint names in the exercise's starting state; report the ones that are broken. */
export async function checkHints(file: string, exercise: Exercise): Promise<Problem[]> {
  const problems: Problem[] = [];
  const commands = exercise.hints.flatMap((h) => hintCommands(h));
  if (!commands.length) return problems;
  const { emu } = await startState(exercise, LESSON_SEED);
  const shell = emu.openShell();
  for (const input of commands) {
    const out = new Collect();
    await shell.run(input, { stdout: out, stderr: out, interactive: false });
    const broken = brokenOutput(out.text);
    if (broken)
      problems.push({ file, line: 0, input, message: `hint of ${exercise.id}: ${broken}: ${firstLines(out.text)}` });
  }
  return problems;
}
