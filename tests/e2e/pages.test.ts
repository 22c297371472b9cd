/**
 * Every built page, as a learner opens it: no console error, uncaught exception or failed request;
 * no serious or critical accessibility violation in either theme; no horizontal scroll at 360 px.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { builtPages, launchBrowser, seriousA11yViolations, useTheme, visit } from './browser';

const baseURL = inject('baseURL');
const pages = builtPages(inject('distDir'));

let browser: Awaited<ReturnType<typeof launchBrowser>>;
let page: Page;

beforeAll(async () => {
  browser = await launchBrowser();
  page = await browser.context.newPage();
});

afterAll(async () => {
  await browser?.close();
});

describe('the built site', () => {
  it('has the home page, the intro lesson and the 404 page', () => {
    const paths = pages.map((p) => p.path);
    expect(paths).toEqual(expect.arrayContaining(['/', '/404.html', '/lessons/how-this-course-works/']));
  });
});

describe.each(pages)('page $path', ({ path }) => {
  it('loads without console errors, exceptions or failed requests', async () => {
    const record = await visit(page, baseURL + path);
    expect(record.problems).toEqual([]);
  });

  it.each(['light', 'dark'] as const)(
    'has no serious or critical accessibility violations in the %s theme',
    async (theme) => {
      await page.setViewportSize({ width: 1280, height: 900 });
      await visit(page, baseURL + path);
      await useTheme(page, theme);
      expect(await page.evaluate(() => document.documentElement.dataset.theme)).toBe(theme);
      expect(await seriousA11yViolations(page)).toEqual([]);
    },
  );

  it('has no duplicate element ids', async () => {
    await visit(page, baseURL + path);
    const duplicates = await page.evaluate(() => {
      const seen = new Map<string, number>();
      for (const el of document.querySelectorAll('[id]')) seen.set(el.id, (seen.get(el.id) ?? 0) + 1);
      return [...seen].filter(([, n]) => n > 1).map(([id]) => id);
    });
    expect(duplicates).toEqual([]);
  });

  it('fits a 360 px wide screen without horizontal scrolling', async () => {
    await page.setViewportSize({ width: 360, height: 740 });
    try {
      await visit(page, baseURL + path);
      const overflow = await page.evaluate(
        () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
      );
      expect(overflow).toBe(0);
    } finally {
      await page.setViewportSize({ width: 1280, height: 900 });
    }
  });
});
