/**
 * Lessons are software: every command a lesson or a hint suggests runs in the emulator, and every
 * console transcript on a page is exactly what the emulator prints when the lesson is followed in
 * order (`npm run lessons -- --write` regenerates them). Korean pages are held to the same.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { lessonFiles } from '../../scripts/lessons';
import { checkHints, runLesson, transcriptDrift } from '../../scripts/lessons/run';
import { parseExerciseFile } from '../../src/grading';

const files = lessonFiles();

describe.each(files)('%s', (file) => {
  const text = readFileSync(file, 'utf8');
  const run = runLesson(file, text);

  it('runs every command of its shell blocks without a not-emulated, not-found or usage error', async () => {
    const problems = (await run).problems.map((p) => `${p.file}:${p.line}: ${p.message} ($ ${p.input})`);
    expect(problems).toEqual([]);
  });

  it('prints the transcripts the emulator prints (npm run lessons -- --write regenerates them)', async () => {
    const drift = transcriptDrift(await run).map(
      (d) => `${file}:${d.line}: $ ${d.input}\n${d.page}\n--- emulator ---\n${d.emulator}`,
    );
    expect(drift).toEqual([]);
  });
});

const exerciseFiles = files
  .map((f) => f.replace(/\.mdx$/, '.exercises.yaml'))
  .filter((f) => {
    try {
      readFileSync(f);
      return true;
    } catch {
      return false;
    }
  });

describe.each(exerciseFiles)('%s', (file) => {
  it('names only commands that work in its hints', async () => {
    const parsed = parseExerciseFile(file, readFileSync(file, 'utf8'));
    expect(parsed.problems).toEqual([]);
    const problems = [];
    for (const { exercise } of parsed.exercises) problems.push(...(await checkHints(file, exercise)));
    expect(problems.map((p) => `${p.message} ($ ${p.input})`)).toEqual([]);
  });
});
