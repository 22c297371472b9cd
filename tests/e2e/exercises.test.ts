/**
 * Exercises as a learner does them, on the Services lesson: Start opens the exercise's own cluster
 * in a tab of the docked terminal, beside the lesson's cluster, which is kept; the learner types;
 * Check grades that tab and explains; progress, both clusters and the tabs are kept across a
 * reload, exported and imported as a file, and a corrupt store is reset with a notice. Terminals
 * are read through the page's test hooks (`__netlabBench`, `__netlabTerminals`).
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
  await page.setViewportSize({ width: 1280, height: 800 });
  record = recordPage(page);
  await page.goto(LESSON);
  await page.evaluate(() => localStorage.clear());
});

const exercise = (id: string) => page.locator(`.exercise[data-exercise-id="services/${id}"]`);
const summary = (id: string) => exercise(id).locator('.exercise-summary');
const tab = (id: string) => page.locator(`.bench [role="tab"][data-tab="${id}"]`);

/** Wait until the bench has loaded (the page loads it once idle after load). */
const benchLoaded = () => page.waitForFunction(() => window.__netlabBench !== undefined, null, { timeout: 15_000 });

/** The text of a tab's terminal (`lesson` or a full exercise id). */
const textOf = (tabId: string) => page.evaluate(async (t) => (await window.__netlabBench!.terminal(t)!).text(), tabId);

/** Wait until a tab's terminal has finished what it was given. */
const idleOf = async (tabId: string) => {
  await benchLoaded();
  await page.evaluate(async (t) => {
    const term = await window.__netlabBench!.terminal(t)!;
    await term.ready;
    await term.whenIdle();
  }, tabId);
};

/** Press Start on an exercise and wait until its tab shows its cluster at a prompt. */
async function start(id: string): Promise<void> {
  await page.goto(LESSON, { waitUntil: 'load' });
  await exercise(id).scrollIntoViewIfNeeded();
  await exercise(id).locator('button[data-action="start"]').click();
  await tab(`services/${id}`).waitFor({ state: 'visible', timeout: 20_000 });
  await expect.poll(() => tab(`services/${id}`).getAttribute('aria-selected')).toBe('true');
  await idleOf(`services/${id}`);
  await expect.poll(() => exercise(id).getAttribute('data-state')).toBe('started');
}

/** Type a line into the focused terminal and wait for the command to finish. */
async function type(line: string, tabId: string): Promise<void> {
  await page.keyboard.type(line);
  await page.keyboard.press('Enter');
  await idleOf(tabId);
}

/** Press Check and wait for its verdict. */
async function check(id: string): Promise<string> {
  await exercise(id).locator('button[data-action="check"]').click();
  await expect.poll(() => summary(id).textContent(), { timeout: 20_000 }).toMatch(/^(Passed|Not yet)/);
  return (await summary(id).textContent()) ?? '';
}

describe('an exercise in the Services lesson', () => {
  it('passes when the learner types the solution in its tab and presses Check, and stays passed after a reload', async () => {
    await start('expose-web');
    await type('kubectl expose deployment web --port=80', 'services/expose-web');
    expect(await check('expose-web')).toBe('Passed: all 3 checks hold.');
    // The verdict is in the live region screen readers announce.
    expect(await exercise('expose-web').locator('[aria-live="polite"] .exercise-summary').count()).toBe(1);
    expect(await exercise('expose-web').locator('.exercise-check-title').allTextContents()).toEqual([
      '✓Passed: The web Service is a ClusterIP Service on port 80',
      '✓Passed: The web Service has the three pods as endpoints on port 80',
      '✓Passed: A node reaches a pod through the ClusterIP on port 80',
    ]);
    expect(await exercise('expose-web').locator('.exercise-status').textContent()).toBe('✓ Passed');
    const listed = page.locator('.lesson-list [data-lesson-id="services"] .lesson-progress');
    await expect.poll(() => listed.textContent()).toBe('1/9(1 of 9 exercises passed)');

    await page.reload({ waitUntil: 'load' });
    await exercise('expose-web').scrollIntoViewIfNeeded();
    await expect.poll(() => exercise('expose-web').locator('.exercise-status').textContent()).toBe('✓ Passed');
    await expect
      .poll(() => page.locator('.lesson-list [data-lesson-id="services"] .lesson-progress').textContent())
      .toBe('1/9(1 of 9 exercises passed)');
    const stored = await page.evaluate((key) => JSON.parse(localStorage.getItem(key)!), PROGRESS_KEY);
    expect(stored.exercises['services/expose-web']).toMatchObject({ lesson: 'services', attempts: 1 });
    expect(stored.exercises['services/expose-web'].passedAt).toMatch(/^\d{4}-\d\d-\d\dT/);
    expect(record.problems).toEqual([]);
  });

  it('keeps the lesson’s cluster as it was: its objects survive starting and checking an exercise, and a reload', async () => {
    await page.goto(LESSON, { waitUntil: 'load' });
    await idleOf('lesson');
    await page.evaluate(async () =>
      (await window.__netlabBench!.terminal('lesson')!).runLines([
        'kubectl create service clusterip lesson-svc --tcp=80:80',
      ]),
    );
    await start('fix-selector');
    await type(`kubectl patch service shop -p '{"spec":{"selector":{"app":"shop"}}}'`, 'services/fix-selector');
    expect(await check('fix-selector')).toBe('Passed: all 3 checks hold.');

    // The lesson's tab still holds the lesson's cluster, untouched by the exercise.
    await tab('lesson').click();
    await idleOf('lesson');
    await type('kubectl get svc', 'lesson');
    expect(await textOf('lesson')).toMatch(/^lesson-svc\s+ClusterIP\s/m);
    expect(await textOf('lesson')).not.toMatch(/^shop\s/m);

    // After a reload both tabs are back, each with its own cluster.
    await page.reload({ waitUntil: 'load' });
    await tab('services/fix-selector').waitFor({ state: 'visible' });
    await idleOf('lesson');
    await page.locator('.netlab-term[data-tab="lesson"] .xterm').click();
    await type('kubectl get svc -o name', 'lesson');
    expect(await textOf('lesson')).toMatch(/^service\/lesson-svc$/m);
    await tab('services/fix-selector').click();
    await idleOf('services/fix-selector');
    await type('kubectl get endpoints shop', 'services/fix-selector');
    expect(await textOf('services/fix-selector')).toMatch(/^shop\s+10\.10\.\d+\.\d+:80,10\.10\.\d+\.\d+:80\s/m);
    expect(record.problems).toEqual([]);
  });

  it('shows Start until the exercise is started, then Check, Start over and Close, and the lesson again after Close', async () => {
    await page.goto(LESSON, { waitUntil: 'load' });
    await exercise('session-affinity').scrollIntoViewIfNeeded();
    const visible = async () =>
      (
        await Promise.all(
          ['start', 'check', 'reset', 'close'].map(async (a) =>
            (await exercise('session-affinity').locator(`button[data-action="${a}"]`).isVisible()) ? a : '',
          ),
        )
      ).filter(Boolean);
    await expect.poll(visible).toEqual(['start']);
    expect(await exercise('session-affinity').locator('.exercise-how').isVisible()).toBe(true);
    await start('session-affinity');
    expect(await visible()).toEqual(['check', 'reset', 'close']);
    expect(await exercise('session-affinity').locator('.exercise-how').isVisible()).toBe(false);
    await exercise('session-affinity').locator('button[data-action="close"]').click();
    await expect.poll(() => tab('services/session-affinity').count()).toBe(0);
    expect(await tab('lesson').getAttribute('aria-selected')).toBe('true');
    await expect.poll(visible).toEqual(['start']);
  });

  it('explains a wrong attempt once: the differing cell, never a pattern as expected, and the author’s words', async () => {
    await start('expose-web');
    await type('kubectl expose deployment web --port=8080', 'services/expose-web');
    expect(await check('expose-web')).toBe('Not yet: 3 of 3 checks failed.');
    const [first, second] = [
      exercise('expose-web').locator('.exercise-check').nth(0),
      exercise('expose-web').locator('.exercise-check').nth(1),
    ];
    expect(await first.locator('pre').first().textContent()).toBe('$ kubectl get service web');
    expect(await first.locator('.exercise-cell').innerText()).toMatch(
      /^Row web, column PORT\(S\)\s+Expected\s+80\/TCP\s+Got\s+8080\/TCP$/,
    );
    // Stated once: no second sentence repeating the cell.
    expect(await first.locator('.exercise-reason').count()).toBe(0);
    expect(await first.locator('.exercise-explain').textContent()).toBe(
      'The Service must be called web, keep the default type (ClusterIP) and listen on port 80.',
    );
    // The endpoints check expects a pattern: only the value found is shown.
    expect(await second.locator('.exercise-cell').innerText()).toMatch(
      /^Row web, column ENDPOINTS\s+Got\s+10\.10\.\d+\.\d+:8080,/,
    );
    expect(await second.innerText()).not.toContain('\\d');
    expect(await exercise('expose-web').locator('.exercise-status').isHidden()).toBe(true);
  });

  it('grades a find task against the learner’s own cluster, refusing a wrong value', async () => {
    await start('find-clusterip');
    await type("kubectl get service api -o jsonpath='{.spec.clusterIP}'; echo", 'services/find-clusterip');
    const transcript = await textOf('services/find-clusterip');
    const ip = /\n(10\.200\.1\.\d+)\n/.exec(transcript)?.[1];
    expect(ip).toMatch(/^10\.200\.1\.\d+$/);

    const input = exercise('find-clusterip').getByLabel('What is the ClusterIP of the api Service?');
    await input.fill('10.200.1.1');
    expect(await check('find-clusterip')).toBe('Not yet: 1 of 1 check failed.');
    expect(await exercise('find-clusterip').locator('.exercise-reason').textContent()).toBe(
      'The answer "10.200.1.1" is not the value on this cluster.',
    );
    // The expected value is what the learner is asked to find: never shown.
    expect(await exercise('find-clusterip').locator('.exercise-results').textContent()).not.toContain(ip!);

    await input.fill(ip!);
    await input.press('Enter');
    await expect
      .poll(() => summary('find-clusterip').textContent(), { timeout: 20_000 })
      .toBe('Passed: the check holds.');
  });

  it('keeps the exercise’s tab across a reload, even before the first command', async () => {
    await start('session-affinity');
    await page.reload({ waitUntil: 'load' });
    await tab('services/session-affinity').waitFor({ state: 'visible' });
    expect(await tab('services/session-affinity').getAttribute('aria-selected')).toBe('true');
    await exercise('session-affinity').scrollIntoViewIfNeeded();
    await expect.poll(() => exercise('session-affinity').getAttribute('data-state')).toBe('started');
    await idleOf('services/session-affinity');
    await page.locator('.netlab-term[data-tab="services/session-affinity"] .xterm').click();
    await type(
      `kubectl patch svc cart -p '{"spec":{"sessionAffinity":"ClientIP","sessionAffinityConfig":{"clientIP":{"timeoutSeconds":600}}}}'`,
      'services/session-affinity',
    );
    expect(await check('session-affinity')).toBe('Passed: all 3 checks hold.');
  });

  it('asks once per exercise where a Run button runs while the exercise’s tab is shown', async () => {
    await start('session-affinity');
    const run = page.locator('.code-block .run-button').first();
    const firstLine = await page
      .locator('.code-block:has(.run-button) pre')
      .first()
      .evaluate((p) => p.textContent!.split('\n')[0]!);
    await run.click();
    const dialog = page.getByRole('dialog', { name: 'Run this block in which cluster?' });
    await dialog.waitFor({ state: 'visible' });
    await dialog.getByRole('button', { name: 'In the lesson’s cluster' }).click();
    await expect.poll(() => tab('lesson').getAttribute('aria-selected')).toBe('true');
    await idleOf('lesson');
    expect(await textOf('lesson')).toContain(firstLine);
    expect(await textOf('services/session-affinity')).not.toContain(firstLine);
    // Back in the exercise's tab, the answer is remembered: no second question.
    await tab('services/session-affinity').click();
    await run.click();
    await expect.poll(() => tab('lesson').getAttribute('aria-selected')).toBe('true');
    expect(await page.getByRole('dialog').count()).toBe(0);
  });

  it('asks which cluster the toolbar’s Reset resets', async () => {
    await start('expose-web');
    await type('kubectl expose deployment web --port=80', 'services/expose-web');
    await page.locator('.bench button[data-action="reset"]').click();
    const dialog = page.getByRole('dialog', { name: 'Reset which cluster?' });
    await dialog.waitFor({ state: 'visible' });
    expect(await dialog.getByRole('button').allTextContents()).toEqual([
      'The lesson’s cluster',
      'Exercise: Expose the web deployment',
      'Cancel',
    ]);
    await dialog.getByRole('button', { name: 'Exercise: Expose the web deployment' }).click();
    await page.waitForFunction(
      async () => !(await window.__netlabBench!.terminal('services/expose-web')!).text().includes('expose'),
    );
    await idleOf('services/expose-web');
    await page.locator('.netlab-term[data-tab="services/expose-web"] .xterm').click();
    await type('kubectl get service web', 'services/expose-web');
    expect(await textOf('services/expose-web')).toContain('Error from server (NotFound): services "web" not found');
  });

  it('moves an exercise that replaced the lesson’s cluster (saved before tabs) into its own tab', async () => {
    await page.goto(LESSON, { waitUntil: 'load' });
    await idleOf('lesson');
    const snapshot = await page.evaluate(async () => (await window.__netlabBench!.terminal('lesson')!).snapshot());
    await page.evaluate((snap) => {
      const old = {
        version: 1,
        scenario: 'kind-iptables',
        seed: 1,
        setup: [],
        savedAt: '2026-01-01T00:00:00.000Z',
        snapshot: snap,
        scrollback: ['$ echo old work'],
        label: 'services/session-affinity',
      };
      localStorage.clear();
      localStorage.setItem(`netlab:term:v1:${location.pathname}:0`, JSON.stringify(old));
    }, snapshot);
    await page.reload({ waitUntil: 'load' });
    await tab('services/session-affinity').waitFor({ state: 'visible' });
    await idleOf('services/session-affinity');
    expect(await textOf('services/session-affinity')).toContain('$ echo old work');
    await idleOf('lesson');
    expect(await textOf('lesson')).not.toContain('old work');
  });

  it('reveals hints one at a time and the solution after a confirmation, and passes the axe audit with results open', async () => {
    await start('expose-web');
    await type('kubectl expose deployment web --port=8080', 'services/expose-web');
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
    await page.locator('.netlab-term[data-tab="services/expose-web"] .xterm').click();
    await type('kubectl delete service web', 'services/expose-web');
    await type('kubectl expose deployment web --port=80', 'services/expose-web');
    expect(await check('expose-web')).toBe('Passed: all 3 checks hold.');
    expect(await exercise('expose-web').locator('.exercise-status').textContent()).toBe('✓ Passed with help');
  });

  it('fits a 360 px wide screen, and Start shows the terminal', async () => {
    await page.setViewportSize({ width: 360, height: 740 });
    await start('expose-web');
    expect(await page.evaluate(() => document.documentElement.dataset.view)).toBe('terminal');
    await type('kubectl expose deployment web --port=8080', 'services/expose-web');
    await page.locator('[data-view-switch="lesson"]').click();
    await check('expose-web');
    const overflow = await exercise('expose-web').evaluate((el) => el.scrollWidth - el.clientWidth);
    expect(overflow).toBeLessThanOrEqual(0);
  });
});

describe('progress', () => {
  const stored = {
    version: 1,
    seed: 31337,
    exercises: { 'services/expose-web': { lesson: 'services', attempts: 3, passedAt: '2026-11-22T10:00:00.000Z' } },
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
      .toBe('1/9(1 of 9 exercises passed)');

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
      '1/9(1 of 9 exercises passed)',
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
    await type('kubectl expose deployment web --port=80', 'services/expose-web');
    expect(await check('expose-web')).toBe('Passed: all 3 checks hold.');
  });
});
