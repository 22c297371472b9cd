/**
 * The Korean edition as a learner meets it: the language switch lands on the same page (and keeps a
 * lab sheet's ?learner=), `<html lang>` and the hreflang links are right, the browser's language is
 * suggested once and never forced, progress made in English shows in Korean, and no English UI string
 * is left on a Korean page, in either theme or at phone width. "English UI string" is read from the
 * dictionaries (src/i18n/en), never listed by hand: every piece of English text the dictionary can
 * produce that the Korean dictionary does not also hold (a tool's name, `.json`).
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, describe, expect, inject, it } from 'vitest';
import * as en from '../../src/i18n/en/index';
import * as ko from '../../src/i18n/ko/index';
import { launchBrowser, recordPage, settle, type PageRecord } from './browser';

const baseURL = inject('baseURL');
const LANGUAGE_KEY = 'netlab:lang:v1';

/** A value that serves a dictionary function as a word, a number or a list, and marks where it went. */
const HOLE = '\u0001';
const hole = Object.assign(new String(HOLE), { join: () => HOLE });

/** Every text a dictionary can put on a page, with the values of its functions left as holes. */
function texts(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (typeof value === 'function') {
    const out: unknown = value(...Array.from({ length: value.length }, () => hole));
    return typeof out === 'string' ? [out] : [];
  }
  if (Array.isArray(value)) return value.flatMap(texts);
  if (value && typeof value === 'object') return Object.values(value).flatMap(texts);
  return [];
}

/** The pieces of English between values and tags: `Week \u0001 · Lab` gives `Week` and `· Lab`. */
function pieces(text: string): string[] {
  return text
    .replace(/<code>.*?<\/code>|<kbd>.*?<\/kbd>/g, HOLE)
    .replace(/<[^>]+>/g, HOLE)
    .split(HOLE)
    .map((p) => p.replace(/^[\s.,:;·()“”"'’!?–—-]+|[\s.,:;·()“”"'’!?–—-]+$/g, ''))
    .filter((p) => (p.match(/[A-Za-z]/g) ?? []).length >= 3);
}

const koreanText = texts(ko).join('\n');
/** English UI text that must not appear on a Korean page. */
const ENGLISH = [...new Set(texts(en).flatMap(pieces))].filter((p) => !koreanText.includes(p));

/**
 * What the page shows and says: text nodes and the labels of elements, outside code, the terminal's
 * screen and anything marked as another language (an untranslated lesson's English, the switch's
 * own "English"); and the words the page's scripts read as JSON.
 */
async function pageWords(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const skip = 'script, style, template, pre, code, kbd, .xterm-rows, .xterm-accessibility, [lang]:not([lang="ko"])';
    const out: string[] = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_ELEMENT | NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      if (node instanceof Element) {
        if (node.closest(skip)) continue;
        for (const name of ['aria-label', 'title', 'placeholder', 'alt', 'data-dev-only'])
          if (node.hasAttribute(name)) out.push(node.getAttribute(name)!);
      } else if (!node.parentElement?.closest(skip) && node.textContent?.trim()) out.push(node.textContent.trim());
    }
    out.push(document.title);
    const strings = (v: unknown): string[] =>
      typeof v === 'string' ? [v] : v && typeof v === 'object' ? Object.values(v).flatMap(strings) : [];
    for (const el of document.querySelectorAll('#code-copy-words, #diagram-words'))
      out.push(...strings(JSON.parse(el.textContent ?? '{}')));
    for (const el of document.querySelectorAll<HTMLElement>('[data-labels]'))
      out.push(...strings(JSON.parse(el.dataset.labels ?? '{}')));
    return out;
  });
}

/** The English dictionary pieces found in `words`: a phrase anywhere, a single word as a whole text. */
/**
 * Titles of content not yet translated (an English-only lesson, a lab without a `ko:` block): they
 * are the translation backlog (tests/lessons/korean.test.ts ENGLISH_ONLY), shown in English on
 * purpose, so a UI phrase inside one ("Pod networking") is not a UI string left in English.
 */
const UNTRANSLATED_TITLES = [
  ...readdirSync('src/content/lessons')
    .filter((f) => f.endsWith('.mdx') && !existsSync(`src/content/lessons/ko/${f}`))
    .map((f) => /^title:\s*['"]?(.*?)['"]?\s*$/m.exec(readFileSync(`src/content/lessons/${f}`, 'utf8'))?.[1] ?? ''),
  ...readdirSync('labs')
    .filter((f) => f.endsWith('.yaml'))
    .map((f) => readFileSync(`labs/${f}`, 'utf8'))
    .filter((text) => !/^ko:/m.test(text))
    .map((text) => /^title:\s*['"]?(.*?)['"]?\s*$/m.exec(text)?.[1] ?? '')
    // The Korean pages show a lab's week in Korean (`1주차: ...`) before the rest of its title.
    .flatMap((title) => [title, title.replace(/^Week \d+:\s*/, '')]),
].filter((t) => t !== '');

function englishIn(words: string[]): string[] {
  const all = UNTRANSLATED_TITLES.reduce((text, title) => text.split(title).join(HOLE), words.join('\n'));
  const whole = new Set(words.map((w) => w.replace(/^[\s.,:;·()“”"'’!?–—-]+|[\s.,:;·()“”"'’!?–—-]+$/g, '')));
  return ENGLISH.filter((p) => (/\s/.test(p) ? all.includes(p) : whole.has(p)));
}

let browser: Awaited<ReturnType<typeof launchBrowser>>;
let page: Page;
let record: PageRecord;

beforeAll(async () => {
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
});

beforeEach(async () => {
  await page?.close();
  page = await browser.context.newPage();
  await page.setViewportSize({ width: 1280, height: 800 });
  record = recordPage(page);
  await page.goto(`${baseURL}/`);
  await page.evaluate(() => localStorage.clear());
});

const lang = () => page.evaluate(() => document.documentElement.lang);
const path = () => {
  const url = new URL(page.url());
  return url.pathname + url.search + url.hash;
};

describe('the dictionary-driven check', () => {
  it('knows the English UI words (so an empty list cannot pass it)', () => {
    expect(ENGLISH).toEqual(expect.arrayContaining(['Skip to content', 'Start the exercise', 'Copy transcript']));
    expect(englishIn(['본문으로 건너뛰기', 'Copy transcript', 'Check'])).toEqual(['Copy transcript', 'Check']);
    expect(englishIn(['kube-proxy가 쓴 규칙', '.json 파일'])).toEqual([]);
  });
});

describe('the language switch', () => {
  it('takes a learner from an English lesson to the same lesson in Korean and back', async () => {
    await page.goto(`${baseURL}/lessons/services/`, { waitUntil: 'load' });
    expect(await lang()).toBe('en');
    const toKorean = page.locator('a.lang-switch');
    expect(await toKorean.textContent()).toContain('한국어');
    await toKorean.click();
    await page.waitForURL(/\/ko\/lessons\/services\/$/);
    expect(await lang()).toBe('ko');
    expect(await page.locator('.site-nav').textContent()).toContain('레슨');
    await page.locator('a.lang-switch').click();
    await page.waitForURL(/\/lessons\/services\/$/);
    expect(path()).toBe('/lessons/services/');
    expect(await lang()).toBe('en');
    expect(record.problems).toEqual([]);
  });

  it('keeps a lab sheet’s learner and a lesson’s section', async () => {
    await page.goto(`${baseURL}/labs/week3-services/?learner=alice`, { waitUntil: 'load' });
    await page.locator('a.lang-switch').click();
    await page.waitForURL(/\/ko\/labs\/week3-services\//);
    expect(path()).toBe('/ko/labs/week3-services/?learner=alice');
    expect(await lang()).toBe('ko');

    // The third section of the intro: its anchor is English words here and Korean words there.
    await page.goto(`${baseURL}/lessons/how-this-course-works/`, { waitUntil: 'load' });
    const sections = (name: string) =>
      page
        .locator('a.lang-switch')
        .getAttribute(name)
        .then((v) => JSON.parse(v ?? '[]') as string[]);
    const own = await sections('data-own-sections');
    const other = await sections('data-other-sections');
    expect(own.length).toBe(other.length);
    expect(other[2]).not.toBe(own[2]);
    await page.goto(`${baseURL}/lessons/how-this-course-works/#${own[2]}`, { waitUntil: 'load' });
    await page.locator('a.lang-switch').click();
    await page.waitForURL(/\/ko\/lessons\/how-this-course-works\//);
    expect(decodeURIComponent(new URL(page.url()).hash)).toBe(`#${other[2]}`);
    const target = await page.evaluate(
      () => document.getElementById(decodeURIComponent(location.hash.slice(1)))?.tagName ?? '',
    );
    expect(target).toMatch(/^H[23]$/);
  });

  it('marks the page’s language and points search engines at both', async () => {
    await page.goto(`${baseURL}/ko/`, { waitUntil: 'load' });
    expect(await lang()).toBe('ko');
    const alternates = await page.$$eval('link[rel="alternate"][hreflang]', (links) =>
      links.map((l) => `${l.getAttribute('hreflang')} ${new URL(l.getAttribute('href')!).pathname}`),
    );
    expect(alternates).toEqual(['en /', 'ko /ko/', 'x-default /']);
  });

  it('suggests the browser’s language once, and never moves the learner by itself', async () => {
    await page.addInitScript(() => Object.defineProperty(navigator, 'languages', { get: () => ['ko-KR', 'ko'] }));
    await page.goto(`${baseURL}/`, { waitUntil: 'load' });
    const suggestion = page.locator('[data-lang-suggest="ko"]');
    await suggestion.waitFor({ state: 'visible' });
    expect(path()).toBe('/');
    expect(await suggestion.getAttribute('lang')).toBe('ko');
    await suggestion.locator('[data-lang-suggest-dismiss]').click();
    expect(await suggestion.isVisible()).toBe(false);
    expect(await page.evaluate((k) => localStorage.getItem(k), LANGUAGE_KEY)).toBe('en');
    await page.reload({ waitUntil: 'load' });
    await page.waitForTimeout(300);
    expect(await suggestion.isVisible()).toBe(false);
  });
});

describe('search in Korean', () => {
  it('finds a Korean lesson by a word in its text, with its particle, and only Korean pages', async () => {
    await page.goto(`${baseURL}/ko/`, { waitUntil: 'load' });
    await page.keyboard.press('Control+k');
    const input = page.locator('#search-ui input');
    await input.waitFor({ state: 'visible' });
    // In the intro's body only ("서비스를 만들면"), not in a title.
    await input.fill('서비스를');
    const results = page.locator('#search-ui .pagefind-ui__result-link');
    await results.first().waitFor({ state: 'visible', timeout: 10_000 });
    const hrefs = await results.evaluateAll((links) => links.map((a) => a.getAttribute('href') ?? ''));
    expect(hrefs.some((h) => h.startsWith('/ko/lessons/how-this-course-works/'))).toBe(true);
    expect(hrefs.filter((h) => !h.startsWith('/ko/'))).toEqual([]);
    expect(record.problems).toEqual([]);
  });
});

describe('a Korean page', () => {
  const PAGES = [
    '/ko/',
    '/ko/lessons/how-this-course-works/',
    '/ko/lessons/services/',
    '/ko/labs/',
    '/ko/labs/week3-services/?learner=alice',
    '/ko/labs/grade/',
  ];

  it.each(PAGES)('%s shows no English UI string, in both themes and at phone width', async (at) => {
    const found = new Set<string>();
    for (const [theme, width, height] of [
      ['light', 1280, 800],
      ['dark', 1280, 800],
      ['dark', 360, 740],
    ] as const) {
      await page.setViewportSize({ width, height });
      await page.goto(baseURL + at, { waitUntil: 'load' });
      await page.evaluate((t) => localStorage.setItem('netlab:theme', t), theme);
      await page.reload({ waitUntil: 'load' });
      await settle(page);
      expect(await lang()).toBe('ko');
      // A lesson's terminal bench draws its toolbar and tabs once loaded.
      if (at.includes('/lessons/'))
        await page.waitForFunction(() => window.__netlabBench !== undefined, null, { timeout: 20_000 });
      for (const word of englishIn(await pageWords(page))) found.add(`${word} (${theme}, ${width} px)`);
    }
    expect([...found]).toEqual([]);
    expect(record.problems).toEqual([]);
  });

  it('shows progress made on the English page', async () => {
    await page.goto(`${baseURL}/lessons/services/`, { waitUntil: 'load' });
    const exercise = page.locator('.exercise[data-exercise-id="services/expose-web"]');
    await exercise.scrollIntoViewIfNeeded();
    await exercise.locator('button[data-action="start"]').click();
    await page.waitForFunction(() => window.__netlabBench !== undefined, null, { timeout: 20_000 });
    await page.evaluate(async () => {
      const term = await window.__netlabBench!.terminal('services/expose-web')!;
      await term.ready;
      await term.runLines(['kubectl expose deployment web --port=80']);
      await term.whenIdle();
    });
    await exercise.locator('button[data-action="check"]').click();
    await expect.poll(() => exercise.locator('.exercise-status').textContent(), { timeout: 20_000 }).toBe('✓ Passed');

    await page.goto(`${baseURL}/ko/lessons/services/`, { waitUntil: 'load' });
    const same = page.locator('.exercise[data-exercise-id="services/expose-web"]');
    await same.scrollIntoViewIfNeeded();
    await expect.poll(() => same.locator('.exercise-status').textContent()).toBe('✓ 통과');
    await expect
      .poll(() => page.locator('.lesson-list [data-lesson-id="services"] .lesson-progress').textContent())
      .toMatch(/^1\/\d+\(/);
    expect(record.problems).toEqual([]);
  });
});
