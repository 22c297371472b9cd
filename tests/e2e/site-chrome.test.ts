/**
 * The reading experience around the lessons: search, the theme toggle, the lesson menus and
 * completion marks, code copy buttons, the skip link and the 404 page.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, describe, expect, inject, it } from 'vitest';
import { launchBrowser, seriousA11yViolations, visit } from './browser';

const baseURL = inject('baseURL');
const intro = `${baseURL}/lessons/how-this-course-works/`;

let browser: Awaited<ReturnType<typeof launchBrowser>>;
let page: Page;

beforeAll(async () => {
  browser = await launchBrowser();
  page = await browser.context.newPage();
});

afterAll(async () => {
  await browser?.close();
});

beforeEach(async () => {
  await page.goto(`${baseURL}/`);
  await page.evaluate(() => localStorage.clear());
});

describe('search', () => {
  it('opens with Ctrl+K and finds a lesson by a word in its text', async () => {
    const record = await visit(page, `${baseURL}/`);
    await page.keyboard.press('Control+k');
    const input = page.locator('#search-ui input');
    await input.waitFor({ state: 'visible' });
    await input.fill('conntrack');
    const results = page.locator('#search-ui .pagefind-ui__result-link');
    await results.first().waitFor({ state: 'visible', timeout: 10_000 });
    const hrefs = await results.evaluateAll((links) => links.map((a) => a.getAttribute('href')));
    expect(hrefs).toContain('/lessons/how-this-course-works/');
    expect(record.problems).toEqual([]);
  });

  it('has no serious or critical accessibility violations with results shown', async () => {
    await visit(page, `${baseURL}/`);
    await page.keyboard.press('Control+k');
    await page.locator('#search-ui input').fill('kube-proxy');
    await page.locator('#search-ui .pagefind-ui__result-link').first().waitFor({ state: 'visible', timeout: 10_000 });
    expect(await seriousA11yViolations(page)).toEqual([]);
  });

  it('opens from the search button and closes with Escape', async () => {
    await visit(page, intro);
    await page.getByRole('button', { name: 'Search' }).click();
    const dialog = page.getByRole('dialog', { name: 'Search the course' });
    await dialog.waitFor({ state: 'visible' });
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'hidden' });
  });
});

describe('theme toggle', () => {
  it('cycles auto, light and dark, stating the current theme in its name', async () => {
    await visit(page, `${baseURL}/`);
    const toggle = page.locator('[data-theme-toggle]');
    expect(await toggle.getAttribute('aria-label')).toBe('Theme: auto (follows your system)');
    await toggle.click();
    expect(await toggle.getAttribute('aria-label')).toBe('Theme: light');
    expect(await page.evaluate(() => document.documentElement.dataset.theme)).toBe('light');
    await toggle.click();
    expect(await toggle.getAttribute('aria-label')).toBe('Theme: dark');
    expect(await page.evaluate(() => document.documentElement.dataset.theme)).toBe('dark');
  });

  it('keeps the chosen theme across pages and reloads', async () => {
    await visit(page, `${baseURL}/`);
    await page.locator('[data-theme-toggle]').click();
    await page.locator('[data-theme-toggle]').click();
    await page.goto(intro);
    expect(await page.evaluate(() => document.documentElement.dataset.theme)).toBe('dark');
    await page.reload();
    expect(await page.evaluate(() => document.documentElement.dataset.theme)).toBe('dark');
    expect(await page.locator('[data-theme-toggle]').getAttribute('aria-label')).toBe('Theme: dark');
  });

  it('sets the theme before the first paint, with no flash of the light theme', async () => {
    await page.evaluate(() => localStorage.setItem('netlab:theme', 'dark'));
    // Read data-theme as soon as <body> starts, before any bundled script has run.
    await page.addInitScript(() => {
      new MutationObserver((_, observer) => {
        if (document.body) {
          (window as unknown as { themeAtBody?: string }).themeAtBody = document.documentElement.dataset.theme;
          observer.disconnect();
        }
      }).observe(document, { childList: true, subtree: true });
    });
    await page.goto(intro);
    expect(await page.evaluate(() => (window as unknown as { themeAtBody?: string }).themeAtBody)).toBe('dark');
  });

  it('follows the system theme in auto', async () => {
    await page.emulateMedia({ colorScheme: 'dark' });
    try {
      await page.goto(`${baseURL}/`);
      expect(await page.evaluate(() => document.documentElement.dataset.theme)).toBe('dark');
      await page.emulateMedia({ colorScheme: 'light' });
      await page.waitForFunction(() => document.documentElement.dataset.theme === 'light');
    } finally {
      await page.emulateMedia({ colorScheme: 'light' });
    }
  });

  it('works from the keyboard', async () => {
    await page.goto(`${baseURL}/`);
    await page.locator('[data-theme-toggle]').focus();
    await page.keyboard.press('Enter');
    expect(await page.locator('[data-theme-toggle]').getAttribute('aria-label')).toBe('Theme: light');
  });
});

describe('lesson list', () => {
  // A lesson is complete when all its exercises passed (docs/grading.md, "In the page"); the marks
  // are drawn once the page is idle.
  it('marks a lesson whose exercises all passed as completed', async () => {
    const ids = [
      'expose-web',
      'find-clusterip',
      'fix-selector',
      'probability',
      'rule-counters',
      'hairpin-source',
      'who-answered',
      'session-affinity',
      'internal-local',
    ];
    const exercises = Object.fromEntries(
      ids.map((id) => [`services/${id}`, { passedAt: '2026-11-22T10:00:00Z', lesson: 'services', attempts: 1 }]),
    );
    await page.evaluate(
      (stored) => localStorage.setItem('netlab:progress:v1', stored),
      JSON.stringify({ version: 1, seed: 7, exercises }),
    );
    await page.goto(intro);
    const item = page.locator('.lesson-list [data-lesson-id="services"]');
    await expect.poll(() => item.getAttribute('data-complete')).toBe('');
    // On a lesson page the list is the Lessons menu above the text.
    await page.locator('.lesson-bar summary', { hasText: 'Lessons' }).click();
    expect(await item.locator('a').innerText()).toContain('(completed)');
  });

  it('shows no mark without progress, and survives a corrupt store', async () => {
    await page.evaluate(() => localStorage.setItem('netlab:progress:v1', '{not json'));
    const record = await visit(page, intro);
    const item = page.locator('.lesson-list [data-lesson-id="how-this-course-works"]');
    expect(await item.getAttribute('data-complete')).toBeNull();
    expect(record.problems).toEqual([]);
  });

  it('opens the lesson list and "On this page" as menus above the text, closed by Escape or a choice', async () => {
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.goto(intro);
    const lessons = page.locator('.lesson-bar details').first();
    const toc = page.locator('.lesson-bar details.toc-menu');
    await lessons.locator('summary').click();
    expect(await lessons.getAttribute('open')).toBe('');
    await toc.locator('summary').click();
    // One menu at a time.
    expect(await lessons.getAttribute('open')).toBeNull();
    const link = toc.locator('.toc a').nth(1);
    const target = decodeURIComponent((await link.getAttribute('href'))!.slice(1));
    await link.click();
    expect(await toc.getAttribute('open')).toBeNull();
    // The menu names the section being read.
    await expect
      .poll(() => page.locator('.toc-menu__current').textContent())
      .toBe(await page.locator(`[id="${target}"]`).textContent());
    await toc.locator('summary').click();
    await page.keyboard.press('Escape');
    expect(await toc.getAttribute('open')).toBeNull();
  });

  it('marks the current lesson', async () => {
    await page.goto(intro);
    const current = page.locator('.lesson-list a[aria-current="page"]');
    expect(await current.getAttribute('href')).toBe('/lessons/how-this-course-works/');
  });
});

describe('code blocks', () => {
  it('mark shell blocks with data-shell and give every block a copy button', async () => {
    await page.goto(intro);
    const shells = await page
      .locator('pre[data-shell]')
      .evaluateAll((pres) => pres.map((p) => (p as HTMLElement).dataset.shell));
    expect(shells).toEqual(expect.arrayContaining(['console', 'bash', 'sh']));
    const blocks = await page.locator('pre.astro-code').count();
    expect(await page.locator('.code-block > .copy-button').count()).toBe(blocks);
  });

  it('copy only the commands of a console transcript', async () => {
    await browser.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: baseURL });
    await page.goto(intro);
    await page.locator('.code-block[data-shell="console"] .copy-button').click();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe('kubectl port-forward svc/web 8080:80');
  });
});

describe('navigation', () => {
  it('has a skip link that is the first thing the keyboard reaches', async () => {
    await page.goto(intro);
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Skip to content');
    await page.keyboard.press('Enter');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('main');
  });

  it('lists lessons in order on the home page', async () => {
    await page.goto(`${baseURL}/`);
    const first = page.locator('.lesson-cards a').first();
    expect(await first.getAttribute('href')).toBe('/lessons/how-this-course-works/');
  });

  it('answers a missing page with the 404 page and status 404', async () => {
    const response = await page.goto(`${baseURL}/lessons/no-such-lesson/`);
    expect(response?.status()).toBe(404);
    expect(await page.locator('h1').innerText()).toBe('Page not found');
  });
});

describe('without JavaScript', () => {
  it('still shows the lesson list, the diagram source and a theme', async () => {
    const noScript = await launchBrowser({ javaScriptEnabled: false });
    try {
      const p = await noScript.context.newPage();
      await p.goto(intro);
      // The Lessons menu is a plain <details>: it opens without JavaScript.
      await p.locator('.lesson-bar summary', { hasText: 'Lessons' }).click();
      expect(await p.locator('.lesson-list a[aria-current="page"]').isVisible()).toBe(true);
      const source = p.locator('pre > code.language-mermaid').first();
      expect(await source.isVisible()).toBe(true);
      expect(await source.innerText()).toContain('flowchart');
      expect(await p.evaluate(() => getComputedStyle(document.body).backgroundColor)).toBe('rgb(255, 255, 255)');
    } finally {
      await noScript.close();
    }
  });
});
