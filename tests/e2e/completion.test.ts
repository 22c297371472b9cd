/**
 * Tab completion in the docked terminal as bash does it: an ambiguous prefix rings on the first Tab
 * and lists its candidates on the second; namespaces complete after -n.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchBrowser } from './browser';

const baseURL = inject('baseURL');
const LESSON = `${baseURL}/lessons/how-this-course-works/`;

let browser: Awaited<ReturnType<typeof launchBrowser>>;
let page: Page;

beforeAll(async () => {
  browser = await launchBrowser();
  page = await browser.context.newPage();
});

afterAll(async () => {
  await browser?.close();
});

const text = () => page.evaluate(async () => (await window.__netlabBench!.terminal('lesson')!).text());
const endsWith = (tail: string) =>
  page.waitForFunction(async (t) => (await window.__netlabBench!.terminal('lesson')!).text().endsWith(t), tail);

describe('Tab completion in the terminal', () => {
  it('lists the candidates of an ambiguous prefix on the second Tab and completes namespaces after -n', async () => {
    await page.goto(LESSON, { waitUntil: 'load' });
    await page.evaluate(() => localStorage.clear());
    await page.reload({ waitUntil: 'load' });
    await page.waitForFunction(() => window.__netlabBench !== undefined, null, { timeout: 15_000 });
    await page.evaluate(async () => (await window.__netlabBench!.terminal('lesson')!).ready);
    await page.locator('.netlab-term[data-tab="lesson"] .xterm').click();
    await page.keyboard.type('kubectl get po');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    // The list, then the prompt and the line again, as readline redraws them.
    await endsWith('$ kubectl get po');
    const out = await text();
    expect(out).toMatch(/\$ kubectl get po\n.*\bpods\b.*\n[\s\S]*\$ kubectl get po$/);
    expect(out).toMatch(/\bpodtemplates\b/);
    await page.keyboard.type('ds -n kube-s');
    await page.keyboard.press('Tab');
    await endsWith('$ kubectl get pods -n kube-system ');
    await page.keyboard.press('Enter');
    await page.waitForFunction(async () =>
      /coredns-\S+\s+1\/1\s+Running/.test((await window.__netlabBench!.terminal('lesson')!).text()),
    );
  });
});
