/**
 * Exercises as a learner does them, on the Services lesson: Start puts the lesson's terminal into
 * the exercise's cluster, the learner types, Check grades and explains; progress is kept across a
 * reload, exported and imported as a file, and a corrupt store is reset with a notice. The
 * terminal is read through the page's test hook (`__netlabTerminals`).
 */
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, describe, expect, inject, it } from 'vitest';
import { launchBrowser, recordPage, seriousA11yViolations, type PageRecord } from './browser';

const baseURL = inject('baseURL');
const LESSON = `${baseURL}/lessons/services/`;
const PROGRESS_KEY = 'netlab:progress:v1';

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
  // Start and Reset ask before replacing a cluster the learner worked in.
  page.on('dialog', (dialog) => void dialog.accept());
  record = recordPage(page);
  await page.goto(LESSON);
  await page.evaluate(() => localStorage.clear());
});

const exercise = (id: string) => page.locator(`.exercise[data-exercise-id="services/${id}"]`);
const summary = (id: string) => exercise(id).locator('.exercise-summary');

/** Press Start on an exercise and wait until the terminal holds its cluster at a prompt. */
async function start(id: string): Promise<void> {
  await page.goto(LESSON, { waitUntil: 'load' });
  await exercise(id).scrollIntoViewIfNeeded();
  await exercise(id).locator('button[data-action="start"]').click();
  await page.locator(`.netlab-term[data-loaded="services/${id}"]`).waitFor({ state: 'attached', timeout: 20_000 });
  await page.evaluate(() => window.__netlabTerminals![0]!.whenIdle());
  await expect
    .poll(() => summary(id).textContent())
    .toBe('The terminal now holds this exercise’s cluster. Work there, then press Check.');
}

/** Type a line into the focused terminal and wait for the command to finish. */
async function type(line: string): Promise<void> {
  await page.keyboard.type(line);
  await page.keyboard.press('Enter');
  await page.evaluate(() => window.__netlabTerminals![0]!.whenIdle());
}

/** Press Check and wait for its verdict. */
async function check(id: string): Promise<string> {
  await exercise(id).locator('button[data-action="check"]').click();
  await expect.poll(() => summary(id).textContent(), { timeout: 20_000 }).toMatch(/^(Passed|Not yet)/);
  return (await summary(id).textContent()) ?? '';
}

describe('an exercise in the Services lesson', () => {
  it('passes when the learner types the solution and presses Check, and stays passed after a reload', async () => {
    await start('expose-web');
    await type('kubectl expose deployment web --port=80');
    expect(await check('expose-web')).toBe('Passed: all 2 checks hold.');
    // The verdict is in the live region screen readers announce.
    expect(await exercise('expose-web').locator('[aria-live="polite"] .exercise-summary').count()).toBe(1);
    expect(await exercise('expose-web').locator('.exercise-check-title').allTextContents()).toEqual([
      '✓Passed: The web Service is a ClusterIP Service on port 80',
      '✓Passed: The web Service has the three pods as endpoints on port 80',
    ]);
    expect(await exercise('expose-web').locator('.exercise-status').textContent()).toBe('✓ Passed');
    const listed = page.locator('.lesson-list [data-lesson-id="services"] .lesson-progress');
    await expect.poll(() => listed.textContent()).toBe('1/7(1 of 7 exercises passed)');

    await page.reload({ waitUntil: 'load' });
    await exercise('expose-web').scrollIntoViewIfNeeded();
    await expect.poll(() => exercise('expose-web').locator('.exercise-status').textContent()).toBe('✓ Passed');
    await expect
      .poll(() => page.locator('.lesson-list [data-lesson-id="services"] .lesson-progress').textContent())
      .toBe('1/7(1 of 7 exercises passed)');
    const stored = await page.evaluate((key) => JSON.parse(localStorage.getItem(key)!), PROGRESS_KEY);
    expect(stored.exercises['services/expose-web']).toMatchObject({ lesson: 'services', attempts: 1 });
    expect(stored.exercises['services/expose-web'].passedAt).toMatch(/^\d{4}-\d\d-\d\dT/);
    expect(record.problems).toEqual([]);
  });

  it('explains a wrong attempt with the differing cell and the author’s explanation', async () => {
    await start('expose-web');
    await type('kubectl expose deployment web --port=8080');
    expect(await check('expose-web')).toBe('Not yet: 2 of 2 checks failed.');
    const first = exercise('expose-web').locator('.exercise-check').first();
    expect(await first.locator('pre').first().textContent()).toBe('$ kubectl get service web');
    expect(await first.locator('.exercise-reason').textContent()).toBe(
      'row web, column PORT(S): expected "80/TCP", got "8080/TCP"',
    );
    expect(await first.locator('.exercise-cell').innerText()).toMatch(
      /^Row\s+web\s+Column\s+PORT\(S\)\s+Expected\s+80\/TCP\s+Actual\s+8080\/TCP$/,
    );
    expect(await first.locator('.exercise-explain').textContent()).toBe(
      'The Service must be called web, keep the default type (ClusterIP) and listen on port 80.',
    );
    expect(await exercise('expose-web').locator('.exercise-status').isHidden()).toBe(true);
  });

  it('grades a find task against the learner’s own cluster, refusing a wrong value', async () => {
    await start('find-clusterip');
    await type("kubectl get service api -o jsonpath='{.spec.clusterIP}'; echo");
    const transcript = await page.evaluate(() => window.__netlabTerminals![0]!.text());
    const ip = /\n(10\.200\.1\.\d+)\n/.exec(transcript)?.[1];
    expect(ip).toMatch(/^10\.200\.1\.\d+$/);

    const input = exercise('find-clusterip').getByLabel('What is the ClusterIP of the api Service?');
    await input.fill('10.200.1.1');
    expect(await check('find-clusterip')).toBe('Not yet: 1 of 1 check failed.');
    expect(await exercise('find-clusterip').locator('.exercise-reason').textContent()).toBe(
      'the answer "10.200.1.1" is not the value on this cluster',
    );
    // The expected value is what the learner is asked to find: never shown.
    expect(await exercise('find-clusterip').locator('.exercise-results').textContent()).not.toContain(ip!);

    await input.fill(ip!);
    await input.press('Enter');
    await expect
      .poll(() => summary('find-clusterip').textContent(), { timeout: 20_000 })
      .toBe('Passed: the check holds.');
  });

  it('keeps the exercise in the terminal across a reload, even before the first command', async () => {
    await start('nodeport');
    await page.reload({ waitUntil: 'load' });
    await page.locator('.netlab-term').first().scrollIntoViewIfNeeded();
    await page.waitForFunction(() => (window.__netlabTerminals?.length ?? 0) > 0, null, { timeout: 15_000 });
    await page.evaluate(() => window.__netlabTerminals![0]!.ready);
    await exercise('nodeport').scrollIntoViewIfNeeded();
    // The terminal restored the exercise's cluster, so the exercise offers Reset instead of Start.
    await exercise('nodeport').locator('button[data-action="reset"]').waitFor({ state: 'visible' });
    expect(await exercise('nodeport').locator('button[data-action="start"]').isHidden()).toBe(true);
    await page.locator('.netlab-term .xterm').first().click();
    await type('kubectl create service nodeport echo --tcp=80:80 --node-port=30080');
    expect(await check('nodeport')).toBe('Passed: all 2 checks hold.');
  });

  it('asks the learner to start the exercise before checking it', async () => {
    await page.goto(LESSON, { waitUntil: 'load' });
    await exercise('nodeport').scrollIntoViewIfNeeded();
    await exercise('nodeport').locator('button[data-action="check"]').click();
    await expect
      .poll(() => summary('nodeport').textContent(), { timeout: 20_000 })
      .toBe(
        'The terminal is not set up for this exercise yet: press Start exercise, work in the terminal, then Check.',
      );
  });

  it('reveals hints one at a time and the solution after a confirmation, and passes the axe audit with results open', async () => {
    await start('expose-web');
    await type('kubectl expose deployment web --port=8080');
    await check('expose-web');
    const hint = exercise('expose-web').locator('button[data-action="hint"]');
    await hint.click();
    expect(await hint.textContent()).toBe('Show hint 2 of 3');
    expect(await exercise('expose-web').locator('[data-hint]:not([hidden])').count()).toBe(1);
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-hint'))).toBe('0');

    await exercise('expose-web').locator('summary').click();
    expect(await exercise('expose-web').locator('.exercise-solution-body').isHidden()).toBe(true);
    await exercise('expose-web').locator('button[data-action="reveal"]').click();
    expect(await exercise('expose-web').locator('.exercise-solution-body pre').textContent()).toBe(
      'kubectl expose deployment web --port=80\nkubectl get endpoints web',
    );

    expect(await seriousA11yViolations(page)).toEqual([]);
    await page.evaluate(() => (document.documentElement.dataset.theme = 'dark'));
    expect(await seriousA11yViolations(page)).toEqual([]);

    // Passing after seeing the solution counts, with help.
    await page.evaluate(() => window.__netlabTerminals![0]!.whenIdle());
    await page.locator('.netlab-term .xterm').first().click();
    await type('kubectl delete service web');
    await type('kubectl expose deployment web --port=80');
    expect(await check('expose-web')).toBe('Passed: all 2 checks hold.');
    expect(await exercise('expose-web').locator('.exercise-status').textContent()).toBe('✓ Passed with help');
  });

  it('fits a 360 px wide screen', async () => {
    await page.setViewportSize({ width: 360, height: 740 });
    await start('expose-web');
    await type('kubectl expose deployment web --port=8080');
    await check('expose-web');
    const overflow = await exercise('expose-web').evaluate((el) => el.scrollWidth - el.clientWidth);
    expect(overflow).toBeLessThanOrEqual(0);
  });
});

describe('progress', () => {
  const stored = {
    version: 1,
    seed: 31337,
    exercises: { 'services/nodeport': { lesson: 'services', attempts: 3, passedAt: '2026-11-22T10:00:00.000Z' } },
  };

  it('exports to a file and imports it back', async () => {
    await page.evaluate(([key, value]) => localStorage.setItem(key!, value!), [PROGRESS_KEY, JSON.stringify(stored)]);
    await page.goto(`${baseURL}/`, { waitUntil: 'load' });
    const panel = page.locator('#progress');
    await expect
      .poll(() => panel.locator('.progress-summary').textContent())
      .toMatch(/^You have passed 1 of \d+ exercises\. Your seed is 31337/);
    await expect
      .poll(() => page.locator('.lesson-card[data-lesson-id="services"] .lesson-progress').textContent())
      .toBe('1/7(1 of 7 exercises passed)');

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      panel.locator('button[data-action="export"]').click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^k8s-netlab-progress-\d{4}-\d\d-\d\d\.json$/);
    const file = await download.path();
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual(stored);

    await page.evaluate(() => localStorage.clear());
    await page.reload({ waitUntil: 'load' });
    await expect.poll(() => panel.locator('.progress-summary').textContent()).toMatch(/^You have passed 0 of/);
    await panel.getByLabel('Import a progress file').setInputFiles(file);
    await expect
      .poll(() => panel.locator('.progress-message').textContent())
      .toBe('Imported: 1 newly passed exercise.');
    expect(await page.evaluate((key) => JSON.parse(localStorage.getItem(key)!), PROGRESS_KEY)).toEqual(stored);
    expect(await page.locator('.lesson-card[data-lesson-id="services"] .lesson-progress').textContent()).toBe(
      '1/7(1 of 7 exercises passed)',
    );
  });

  it('refuses to import a file that is not a progress file', async () => {
    await page.goto(`${baseURL}/`, { waitUntil: 'load' });
    // The panel is wired once the page is idle; its summary says so.
    await expect.poll(() => page.locator('.progress-summary').textContent()).toMatch(/^You have passed/);
    await page
      .locator('#progress-import-file')
      .setInputFiles({ name: 'notes.json', mimeType: 'application/json', buffer: Buffer.from('{"hello":1}') });
    await expect
      .poll(() => page.locator('.progress-message').textContent())
      .toBe('Not imported: the file is not a k8s-netlab progress file (unexpected value at version).');
  });

  it('resets a corrupted store with a notice, and the page keeps working', async () => {
    await page.evaluate((key) => localStorage.setItem(key, 'garbage{'), PROGRESS_KEY);
    await page.goto(LESSON, { waitUntil: 'load' });
    await expect
      .poll(() => page.locator('.progress-notice').textContent())
      .toBe(
        'Your saved progress could not be read (not valid JSON), so it was reset. A copy of what was stored is kept in this browser under netlab:progress:v1:backup. About your progress',
      );
    expect(await page.locator('.progress-notice').count()).toBe(1);
    const reset = await page.evaluate((key) => JSON.parse(localStorage.getItem(key)!), PROGRESS_KEY);
    expect(reset).toMatchObject({ version: 1, exercises: {} });
    // Still usable: an exercise starts and checks.
    await start('expose-web');
    await type('kubectl expose deployment web --port=80');
    expect(await check('expose-web')).toBe('Passed: all 2 checks hold.');
  });
});
