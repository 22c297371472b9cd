/**
 * The measurable part of ../shared/design/lessons.md, held for every lesson with a terminal: at least
 * six exercises mixing the four kinds, each with at least two wrong attempts and all shown on the
 * page, at least three diagrams with an `accDescr` for screen readers, and 2,000 to 5,000 words of
 * prose. Lessons written before the standard are listed in
 * NOT_YET_TO_STANDARD and skipped (visibly) until they are brought up to it.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { lessonFiles } from '../../scripts/lessons';
import { EXERCISE_KINDS, exerciseKindOf, parseExerciseFile } from '../../src/grading';

/** Lesson ids still to be rewritten to the standard (remove an id when its lesson meets it). */
const NOT_YET_TO_STANDARD = new Set<string>([]);

/** Words of prose: the MDX without frontmatter, imports, code blocks, JSX tags and markup. */
export function proseWords(mdx: string): number {
  const text = mdx
    .replace(/^---\n[\s\S]*?\n---\n/, '')
    .replace(/^(```|~~~)[\s\S]*?^\1\s*$/gm, '')
    .replace(/^import .*$/gm, '')
    .replace(/<[^>]+>/g, ' ')
    .replace(/[#*_`>|-]/g, ' ');
  return text.split(/\s+/).filter((w) => /[\p{L}\p{N}]/u.test(w)).length;
}

const lessons = lessonFiles()
  .filter((f) => !f.includes('/ko/'))
  .map((file) => ({ file, id: file.replace(/^.*\//, '').replace(/\.mdx$/, ''), text: readFileSync(file, 'utf8') }))
  // Topic lessons: the introduction (order 0) has a terminal but teaches the course, not a topic.
  .filter((l) => /^scenario:/m.test(l.text.split('\n---')[0] ?? '') && !/^order:\s*0\s*$/m.test(l.text));

describe.each(lessons)('lesson $id', ({ file, id, text }) => {
  const test = NOT_YET_TO_STANDARD.has(id) ? it.skip : it;

  test('has at least six exercises of all four kinds, each with two or more wrong attempts', () => {
    const yamlFile = file.replace(/\.mdx$/, '.exercises.yaml');
    const parsed = parseExerciseFile(yamlFile, readFileSync(yamlFile, 'utf8'));
    expect(parsed.problems).toEqual([]);
    const exercises = parsed.exercises.map((e) => e.exercise);
    expect(exercises.length).toBeGreaterThanOrEqual(6);
    expect(new Set(exercises.map(exerciseKindOf))).toEqual(new Set(EXERCISE_KINDS));
    const thin = exercises.filter((e) => e.wrongAttempts.length < 2).map((e) => e.id);
    expect(thin, 'exercises with fewer than two wrong attempts').toEqual([]);
    const shown = [...text.matchAll(/<Exercise id="([^"]+)"/g)].map((m) => m[1]);
    expect(shown.sort()).toEqual(exercises.map((e) => `${id}/${e.id}`).sort());
  });

  test('has at least three diagrams, each with an accessible description', () => {
    const diagrams = [...text.matchAll(/^```mermaid\n([\s\S]*?)^```/gm)].map((m) => m[1]!);
    expect(diagrams.length).toBeGreaterThanOrEqual(3);
    expect(diagrams.filter((d) => !/^\s*accDescr/m.test(d)).length, 'diagrams without accDescr').toBe(0);
  });

  test('is 2,000 to 5,000 words of prose', () => {
    const words = proseWords(text);
    expect(words).toBeGreaterThanOrEqual(2000);
    expect(words).toBeLessThanOrEqual(5000);
  });
});
