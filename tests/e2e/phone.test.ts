/**
 * Reading a lesson on a 360×740 phone: a diagram opens full screen, to pan and zoom, and closes
 * back to the same place.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchBrowser, recordPage, seriousA11yViolations } from './browser';

const baseURL = inject('baseURL');
const LESSON = `${baseURL}/lessons/services/`;

let browser: Awaited<ReturnType<typeof launchBrowser>>;
let page: Page;

beforeAll(async () => {
  browser = await launchBrowser();
  page = await browser.context.newPage();
  await page.setViewportSize({ width: 360, height: 740 });
});

afterAll(async () => {
  await browser?.close();
});

describe('a diagram on a phone', () => {
  it('opens full screen, zooms with its buttons, and closes back to the lesson', async () => {
    const record = recordPage(page);
    await page.goto(LESSON, { waitUntil: 'load' });
    const figure = page.locator('.mermaid-figure').first();
    await figure.scrollIntoViewIfNeeded();
    await page.waitForFunction(
      () => document.querySelector('.mermaid-figure')?.getAttribute('data-state') === 'rendered',
      null,
      {
        timeout: 45_000,
      },
    );
    const y = await page.evaluate(() => window.scrollY);
    await figure.getByRole('button', { name: 'Open the diagram full screen, to pan and zoom' }).click();
    const dialog = page.locator('dialog.diagram-dialog');
    await dialog.waitFor({ state: 'visible' });
    expect(await dialog.boundingBox()).toEqual({ x: 0, y: 0, width: 360, height: 740 });
    const svg = dialog.locator('svg');
    expect(await svg.count()).toBe(1);
    const scale = () => svg.evaluate((s) => getComputedStyle(s).transform);
    const before = await scale();
    await dialog.getByRole('button', { name: 'Zoom in' }).click();
    await expect.poll(scale).not.toBe(before);
    expect(await seriousA11yViolations(page)).toEqual([]);
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
    expect(await page.evaluate(() => window.scrollY)).toBe(y);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBe(360);
    expect(record.problems).toEqual([]);
  });
});
