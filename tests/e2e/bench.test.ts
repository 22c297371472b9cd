/**
 * The lesson as a lab bench, on the Services lesson: Run buttons anywhere in the page type into the
 * docked terminal without moving the page; on a phone the terminal is one tap away, Run switches to
 * it, its key bar sends the keys a phone keyboard lacks, and nothing is wider than the screen.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, describe, expect, inject, it } from 'vitest';
import { launchBrowser, recordPage, type PageRecord } from './browser';

const baseURL = inject('baseURL');
const LESSON = `${baseURL}/lessons/services/`;

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
  record = recordPage(page);
  await page.goto(LESSON);
  await page.evaluate(() => localStorage.clear());
});

async function lessonTerminalReady(): Promise<void> {
  await page.waitForFunction(() => window.__netlabBench !== undefined, null, { timeout: 15_000 });
  await page.evaluate(async () => (await window.__netlabBench!.terminal('lesson')!).ready);
}

const lessonText = () => page.evaluate(async () => (await window.__netlabBench!.terminal('lesson')!).text());
const lessonIdle = () => page.evaluate(async () => (await window.__netlabBench!.terminal('lesson')!).whenIdle());

/** Elements that stick out of the window sideways and are not clipped by a scrolling box inside it. */
function overflowing(p: Page): Promise<string[]> {
  return p.evaluate(() => {
    const width = document.documentElement.clientWidth;
    const clipped = (el: Element): boolean => {
      for (let a = el.parentElement; a && a !== document.body; a = a.parentElement) {
        const style = getComputedStyle(a);
        if (style.overflowX !== 'visible' && style.overflowX !== 'clip') {
          const r = a.getBoundingClientRect();
          return r.left >= -1 && r.right <= width + 1;
        }
      }
      return false;
    };
    const out: string[] = [];
    for (const el of document.body.querySelectorAll('*')) {
      const r = el.getBoundingClientRect();
      if (r.width === 0 || r.height === 0) continue;
      if (!el.checkVisibility({ visibilityProperty: true, contentVisibilityAuto: true })) continue;
      if ((r.left < -1 || r.right > width + 1) && !clipped(el))
        out.push(
          `${el.tagName.toLowerCase()}.${[...el.classList].join('.')} ${Math.round(r.left)}..${Math.round(r.right)}`,
        );
    }
    return out;
  });
}

describe('the docked terminal at 1280×800', () => {
  it('runs a Run button deep in the page in the docked terminal, and the page does not move', async () => {
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.goto(LESSON, { waitUntil: 'load' });
    await lessonTerminalReady();
    // A block far down the lesson.
    const blocks = page.locator('.code-block:has(.run-button)');
    const count = await blocks.count();
    const block = blocks.nth(Math.floor(count * 0.75));
    await block.scrollIntoViewIfNeeded();
    const y = await page.evaluate(() => window.scrollY);
    expect(y).toBeGreaterThan(8000);
    const command = await block.locator('pre').evaluate((pre) => {
      const text = pre.textContent ?? '';
      const lines = text.split('\n');
      return (pre as HTMLElement).dataset.shell === 'console'
        ? lines.find((l) => l.startsWith('$ '))!.slice(2)
        : lines[0]!;
    });
    await block.locator('.run-button').click();
    await page.waitForFunction(
      async (c) => (await window.__netlabBench!.terminal('lesson')!).text().includes(c),
      command,
    );
    await lessonIdle();
    expect(await page.evaluate(() => window.scrollY)).toBe(y);
    // A typed line longer than the terminal is wrapped by the line editor: compare without line breaks.
    expect((await lessonText()).replace(/\n/g, '')).toContain(`$ ${command}`);
    // The terminal has the focus, and is in view.
    expect(await page.evaluate(() => document.activeElement?.closest('.netlab-term')?.getAttribute('data-tab'))).toBe(
      'lesson',
    );
    const bench = (await page.locator('.bench').boundingBox())!;
    expect(bench.y).toBeGreaterThanOrEqual(0);
    expect(bench.y + bench.height).toBeLessThanOrEqual(800);
    expect(record.problems).toEqual([]);
  });
});

describe('on a 360×740 phone', () => {
  beforeEach(async () => {
    await page.setViewportSize({ width: 360, height: 740 });
  });

  it('shows the lesson, and the terminal one tap away, keeping the place in the lesson', async () => {
    await page.goto(LESSON, { waitUntil: 'load' });
    expect(await page.locator('.bench').isVisible()).toBe(false);
    await page.evaluate(() => window.scrollTo(0, 4000));
    await page.locator('[data-view-switch="terminal"]').click();
    await page.locator('.bench').waitFor({ state: 'visible' });
    await lessonTerminalReady();
    const box = (await page.locator('.bench').boundingBox())!;
    expect(box.width).toBe(360);
    expect(await page.locator('.bench__keys').isVisible()).toBe(true);
    // The lesson behind is out of reach of the keyboard and of screen readers while hidden.
    expect(await page.locator('.lesson-pane').evaluate((e) => (e as HTMLElement).inert)).toBe(true);
    await page.locator('[data-view-switch="lesson"]').click();
    expect(await page.evaluate(() => window.scrollY)).toBe(4000);
    expect(await page.locator('.bench').isVisible()).toBe(false);
  });

  it('switches to the terminal when a Run button is pressed', async () => {
    await page.goto(LESSON, { waitUntil: 'load' });
    const block = page.locator('.code-block:has(.run-button)').nth(3);
    await block.scrollIntoViewIfNeeded();
    await block.locator('.run-button').click();
    await page.locator('.bench').waitFor({ state: 'visible' });
    expect(await page.locator('[data-view-switch="terminal"]').getAttribute('aria-pressed')).toBe('true');
    await lessonIdle();
    expect(await lessonText()).toMatch(/\$ \S/);
  });

  it('sends Tab and Ctrl-C from the key bar', async () => {
    await page.goto(LESSON, { waitUntil: 'load' });
    await page.locator('[data-view-switch="terminal"]').click();
    await lessonTerminalReady();
    await page.locator('.netlab-term[data-tab="lesson"] .xterm').click();
    await page.keyboard.type('kubectl get pod -n kube-system etcd-');
    await page.getByRole('button', { name: 'Tab', exact: true }).click();
    await page.waitForFunction(async () =>
      (await window.__netlabBench!.terminal('lesson')!).text().endsWith('etcd-myk8s-control-plane '),
    );
    // Sticky Ctrl, then c from the phone's keyboard: the line is abandoned with ^C.
    const ctrl = page.locator('.bench__keys [data-key="ctrl"]');
    await ctrl.click();
    expect(await ctrl.getAttribute('aria-pressed')).toBe('true');
    await page.keyboard.type('c');
    await page.waitForFunction(async () =>
      /etcd-myk8s-control-plane \^C\n\S.*\$ $/.test((await window.__netlabBench!.terminal('lesson')!).text()),
    );
    expect(await ctrl.getAttribute('aria-pressed')).toBe('false');
    // The focus stayed in the terminal (a phone keeps its keyboard open).
    expect(await page.evaluate(() => document.activeElement?.classList.contains('xterm-helper-textarea'))).toBe(true);
  });

  it('has no element wider than the screen, in the lesson and in the terminal', async () => {
    await page.goto(LESSON, { waitUntil: 'load' });
    expect(await overflowing(page)).toEqual([]);
    await page.locator('[data-view-switch="terminal"]').click();
    await lessonTerminalReady();
    expect(await overflowing(page)).toEqual([]);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBe(360);
  });
});
