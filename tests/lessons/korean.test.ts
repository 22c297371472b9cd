/**
 * The Korean edition's lessons (src/content/lessons/ko/<id>.mdx) against their English pages: every
 * English lesson has one (or is listed below as not yet translated), with the same sections, the same
 * exercises and the same commands in the same order, in prose that is mostly Korean and free of the
 * terms docs/glossary-ko.md rejects. The glossary check covers the Korean UI dictionary and the
 * exercises' ko: words too. Transcripts are held by lessons.test.ts, which runs the Korean pages.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import * as ko from '../../src/i18n/ko/index';
import { extractLesson } from '../../scripts/lessons/extract';

const LESSONS = 'src/content/lessons';
const KO = join(LESSONS, 'ko');

/**
 * Lessons not yet written in Korean: their Korean page shows the English lesson, marked as such.
 * Translation debt: remove an id when its Korean page lands (a test fails if it stays listed). A new
 * English lesson goes here until its Korean page is written; the lessons being written now are listed
 * ahead of landing, so their authors are not stopped by this test.
 */
const ENGLISH_ONLY = new Set(['services', 'traffic-in', 'pod-networking', 'dns', 'ipvs', 'rbac', 'aws-vpc-cni']);

const english = readdirSync(LESSONS)
  .filter((f) => f.endsWith('.mdx'))
  .map((f) => f.replace(/\.mdx$/, ''))
  .sort();
const korean = existsSync(KO)
  ? readdirSync(KO)
      .filter((f) => f.endsWith('.mdx'))
      .map((f) => f.replace(/\.mdx$/, ''))
      .sort()
  : [];

/** The rejected terms: the first column of the glossary's "쓰지 않는 말" table. */
function rejectedTerms(): string[] {
  const text = readFileSync('docs/glossary-ko.md', 'utf8');
  const section = text.split(/^## /m).find((s) => s.startsWith('쓰지 않는 말'));
  if (!section) throw new Error('docs/glossary-ko.md has no "쓰지 않는 말" section');
  return section
    .split('\n')
    .filter((l) => l.startsWith('|') && !/^\|\s*(?:-+|쓰지 않는 말)\s*\|/.test(l))
    .map((l) => l.split('|')[1]!.trim())
    .filter(Boolean);
}

/** The terms of `text` the glossary rejects: Hangul anywhere, English as a whole word. */
function rejectedIn(text: string, terms: string[]): string[] {
  return terms.filter((term) =>
    /\p{Script=Hangul}/u.test(term) ? text.includes(term) : new RegExp(`\\b${term}\\b`, 'i').test(text),
  );
}

/** Prose only: without frontmatter, fenced blocks, inline code, tags, import lines and link targets. */
function prose(mdx: string): string {
  return mdx
    .replace(/^---\n[\s\S]*?\n---\n/, '')
    .replace(/^(`{3,}|~{3,})[^\n]*\n[\s\S]*?\n\1\s*$/gm, '')
    .replace(/`[^`\n]*`/g, '')
    .replace(/^import .*$/gm, '')
    .replace(/<[^>]+>/g, '')
    .replace(/\]\([^)]*\)/g, ']');
}

const headings = (mdx: string) =>
  prose(mdx)
    .split('\n')
    .filter((l) => /^#{2,3} /.test(l))
    .map((l) => l.match(/^#+/)![0]);
const exerciseIds = (mdx: string) => [...mdx.matchAll(/<Exercise id="([^"]+)"/g)].map((m) => m[1]);
const frontmatter = (mdx: string) => parse(/^---\n([\s\S]*?)\n---\n/.exec(mdx)?.[1] ?? '') as Record<string, unknown>;
/** The commands a page types, in order, without shell comments (which may be translated). */
const commands = (file: string, mdx: string) =>
  extractLesson(file, mdx, () => true).blocks.flatMap((b) =>
    b.steps.map((s) => s.input.replace(/\s+#[^\n]*$/gm, '').trimEnd()),
  );

describe('the Korean lessons', () => {
  it('exist for every English lesson not listed as untranslated, and for no other', () => {
    expect(english.filter((id) => !ENGLISH_ONLY.has(id) && !korean.includes(id))).toEqual([]);
    expect(korean.filter((id) => !english.includes(id))).toEqual([]);
    expect([...ENGLISH_ONLY].filter((id) => korean.includes(id))).toEqual([]);
  });

  it('has translations to check (the list above is not everything)', () => {
    expect(korean.length).toBeGreaterThan(0);
  });
});

describe.each(korean)('ko/%s.mdx', (id) => {
  const file = join(KO, `${id}.mdx`);
  const mdx = readFileSync(file, 'utf8');
  const original = readFileSync(join(LESSONS, `${id}.mdx`), 'utf8');

  it('has the English page’s sections, exercises and objectives, in the same order', () => {
    expect(headings(mdx)).toEqual(headings(original));
    expect(exerciseIds(mdx)).toEqual(exerciseIds(original));
    expect((frontmatter(mdx).objectives as unknown[]).length).toBe(
      (frontmatter(original).objectives as unknown[]).length,
    );
  });

  it('types the same commands as the English page', () => {
    expect(commands(file, mdx)).toEqual(commands(join(LESSONS, `${id}.mdx`), original));
  });

  it('is written in Korean: most letters of its prose are Hangul', () => {
    const text = prose(mdx);
    const hangul = (text.match(/\p{Script=Hangul}/gu) ?? []).length;
    const latin = (text.match(/[A-Za-z]/g) ?? []).length;
    expect(hangul / (hangul + latin)).toBeGreaterThan(0.6);
  });

  it('uses none of the terms the glossary rejects', () => {
    expect(rejectedIn(prose(mdx), rejectedTerms())).toEqual([]);
  });
});

describe('the glossary', () => {
  const terms = rejectedTerms();

  it('lists the terms it rejects, and the check finds them', () => {
    expect(terms).toEqual(expect.arrayContaining(['포드', '합니다', 'pod']));
    expect(rejectedIn('포드가 뜬다. kubectl get pods', terms)).toEqual(['포드', 'pods']);
    expect(rejectedIn('파드가 뜬다. kube-proxy가 규칙을 쓴다', terms)).toEqual([]);
  });

  it('is followed by the Korean UI dictionary', () => {
    const strings = (v: unknown): string[] =>
      typeof v === 'string'
        ? [v]
        : typeof v === 'function'
          ? [String(v)]
          : v && typeof v === 'object'
            ? Object.values(v).flatMap(strings)
            : [];
    const text = strings(ko)
      .join('\n')
      .replace(/<code>.*?<\/code>|`[^`]*`/g, '');
    expect(rejectedIn(text, terms)).toEqual([]);
  });

  it('is followed by the Korean words of the exercises', () => {
    const found: string[] = [];
    for (const f of readdirSync(LESSONS).filter((f) => f.endsWith('.exercises.yaml'))) {
      const words = JSON.stringify(
        (parse(readFileSync(join(LESSONS, f), 'utf8')) as Record<string, unknown>[]).map((ex) => [
          ex.ko,
          (ex.checks as Record<string, unknown>[] | undefined)?.map((c) => c.ko),
          (ex.find as Record<string, unknown> | undefined)?.ko,
        ]),
      ).replace(/`[^`]*`/g, '');
      found.push(...rejectedIn(words, terms).map((t) => `${f}: ${t}`));
    }
    expect(found).toEqual([]);
  });
});
