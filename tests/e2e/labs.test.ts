/**
 * Weekly labs as a learner and a lead use them: the learner opens their link to the lab sheet and
 * downloads their submission; the lead drops the week's files (with a copied-and-renamed file and a
 * tampered one) on the grading page: the honest files are graded, the copy flagged, the tampered file
 * rejected with its reason, the CSV has one row per learner on the roster, and `netlab grade` on the
 * same files gives the same results.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, describe, expect, inject, it } from 'vitest';
import { launchBrowser, recordPage, type PageRecord } from './browser';
import { gradeCommand } from '../../src/cli/grade';
import { readSubmission } from '../../src/grading/submission';
import { loadExercises, loadLab } from '../../src/cli/check';
import { labContentHash, learnerSeed } from '../../src/grading/identity';
import type { LabReport } from '../../src/grading/cohort';

const baseURL = inject('baseURL');
const LAB = 'week3-services';

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
});

const { exercises } = loadExercises(process.cwd());
const { lab } = loadLab(`labs/${LAB}.yaml`, `labs/${LAB}.yaml`, exercises);

/** The week's files as the lead collected them: honest, copied-and-renamed, tampered. */
function weekFiles(): string[] {
  const dir = mkdtempSync(join(tmpdir(), 'netlab-labs-e2e-'));
  const alice = readFileSync('labs/examples/alice.json', 'utf8');
  const bob = readFileSync('labs/examples/bob.json', 'utf8');
  const files = {
    'alice.json': alice,
    'bob.json': bob,
    // minsu copied alice's file and put his own id in it.
    'minsu.json': alice.replace('"learner": "alice"', '"learner": "minsu"'),
    // carol's file claims results.
    'carol.json': bob
      .replace('"learner": "bob"', '"learner": "carol"')
      .replace('"version": 2,', '"version": 2, "score": 12,'),
  };
  return Object.entries(files).map(([name, text]) => {
    writeFileSync(join(dir, name), text);
    return join(dir, name);
  });
}

describe('lab sheet', () => {
  it('lists the labs and opens a learner’s sheet from their link, with their seed', async () => {
    await page.goto(`${baseURL}/labs/`, { waitUntil: 'load' });
    await page.click(`a[href="/labs/${LAB}/"]`);
    await page.waitForURL(`**/labs/${LAB}/`);
    expect(await page.locator('h1').textContent()).toBe('Week 3: Services and kube-proxy');
    expect(await page.locator('.lab-facts time').textContent()).toBe('2026-12-13 23:59 Asia/Seoul (UTC+09:00)');
    await page.goto(`${baseURL}/labs/${LAB}/?learner=alice`, { waitUntil: 'load' });
    const seed = learnerSeed(LAB, 'alice', lab!.salt);
    await expect.poll(() => page.locator('.lab-learner-who').textContent()).toContain(`seed ${seed}`);
    expect(await page.locator('.lab-learner-form').isHidden()).toBe(true);
    expect(record.problems).toEqual([]);
  });

  it('downloads a submission the grader accepts: the lab hash, the learner, the derived seed, the clock', async () => {
    await page.goto(`${baseURL}/labs/${LAB}/?learner=alice`, { waitUntil: 'load' });
    const button = page.locator('.lab-download');
    await expect.poll(() => button.isEnabled()).toBe(true);
    const [download] = await Promise.all([page.waitForEvent('download'), button.click()]);
    expect(download.suggestedFilename()).toBe(`${LAB}--alice.json`);
    const text = readFileSync((await download.path())!, 'utf8');
    const read = readSubmission(text, lab!);
    if (!read.ok) throw new Error(read.error);
    expect(read.submission).toMatchObject({
      version: 2,
      lab: LAB,
      labHash: labContentHash(lab!, exercises),
      learner: 'alice',
      seed: learnerSeed(LAB, 'alice', lab!.salt),
    });
    expect(read.submission.version === 2 && read.submission.submittedAt).toMatch(
      /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[+-]\d\d:\d\d$/,
    );
  });

  it('asks for a learner id when the link has none, and refuses one that is not an id', async () => {
    await page.goto(`${baseURL}/labs/${LAB}/`, { waitUntil: 'load' });
    await page.evaluate(() => localStorage.clear());
    await page.reload({ waitUntil: 'load' });
    await page.fill('#lab-learner-id', 'bob smith');
    await page.click('.lab-learner-form button[type="submit"]');
    await expect.poll(() => page.locator('.lab-learner-error').textContent()).toMatch(/^A learner id is/);
    await page.fill('#lab-learner-id', 'bob');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.locator('.lab-learner-who strong').textContent()).toBe('bob');
    expect(new URL(page.url()).searchParams.get('learner')).toBe('bob');
  });
});

/** The learner's side of the Done-when test: start two exercises on the sheet, work, check. */
const exercise = (id: string) => page.locator(`.lab-sheet .exercise[data-exercise-id="${id}"]`);
const tab = (id: string) => page.locator(`.bench [role="tab"][data-tab="${id}"]`);

async function idleOf(tabId: string): Promise<void> {
  await page.waitForFunction(() => window.__netlabBench !== undefined, null, { timeout: 20_000 });
  await page.evaluate(async (t) => {
    const term = await window.__netlabBench!.terminal(t)!;
    await term.ready;
    await term.whenIdle();
  }, tabId);
}

async function startExercise(id: string): Promise<void> {
  await exercise(id).scrollIntoViewIfNeeded();
  await exercise(id).locator('button[data-action="start"]').click();
  await tab(id).waitFor({ state: 'visible', timeout: 30_000 });
  await idleOf(id);
  await expect.poll(() => exercise(id).getAttribute('data-state')).toBe('started');
}

async function typeIn(id: string, line: string): Promise<void> {
  await page.keyboard.type(line);
  await page.keyboard.press('Enter');
  await idleOf(id);
}

async function checkExercise(id: string): Promise<string> {
  await exercise(id).locator('button[data-action="check"]').click();
  const summary = exercise(id).locator('.exercise-summary');
  await expect.poll(() => summary.textContent(), { timeout: 30_000 }).toMatch(/^(Passed|Not yet)/);
  return (await summary.textContent()) ?? '';
}

describe('a week, end to end', () => {
  it('a learner does two exercises on their sheet and hands in; the lead grades it with a copy and a tampered file', async () => {
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.goto(`${baseURL}/labs/${LAB}/?learner=alice`, { waitUntil: 'load' });
    await page.evaluate(() => localStorage.clear());
    await page.goto(`${baseURL}/labs/${LAB}/?learner=alice`, { waitUntil: 'load' });
    await expect.poll(() => page.locator('.lab-learner-who strong').textContent()).toBe('alice');

    // Exercise 1: expose web, in its own tab, built with alice's lab seed.
    await startExercise('services/expose-web');
    await typeIn('services/expose-web', 'kubectl get pods --show-labels');
    await typeIn('services/expose-web', 'kubectl expose deployment web --port=80');
    expect(await checkExercise('services/expose-web')).toBe('Passed: all 3 checks hold.');
    // Exercise 2: a find task: read the ClusterIP off alice's own cluster, one hint opened first.
    await exercise('services/find-clusterip').locator('button[data-action="hint"]').click();
    await startExercise('services/find-clusterip');
    await typeIn('services/find-clusterip', "kubectl get service api -o jsonpath='{.spec.clusterIP}'");
    const text = await page.evaluate(async () =>
      (await window.__netlabBench!.terminal('services/find-clusterip')!).text(),
    );
    const ip = /10\.200\.1\.\d+/.exec(text.split('jsonpath')[1] ?? '')![0];
    await exercise('services/find-clusterip').locator('.exercise-answer input').fill(ip);
    expect(await checkExercise('services/find-clusterip')).toMatch(/^Passed/);

    await expect
      .poll(() => page.locator('.lab-handin-status li').first().textContent())
      .toBe('Expose the web deployment: 2 command lines');
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('.lab-download')]);
    const honest = readFileSync((await download.path())!, 'utf8');
    const sub = JSON.parse(honest);
    expect(sub.exercises['services/expose-web']).toEqual({
      lines: ['kubectl get pods --show-labels', 'kubectl expose deployment web --port=80'],
      hintsOpened: 0,
      solutionRevealed: false,
    });
    expect(sub.exercises['services/find-clusterip']).toMatchObject({ answer: ip, hintsOpened: 1 });

    // The lead: the honest file, a copy renamed to minsu, and a tampered one for bob.
    const dir = mkdtempSync(join(tmpdir(), 'netlab-week-'));
    const files = {
      [`${LAB}--alice.json`]: honest,
      [`${LAB}--minsu.json`]: honest.replace('"learner": "alice"', '"learner": "minsu"'),
      [`${LAB}--bob.json`]: honest
        .replace('"learner": "alice"', '"learner": "bob"')
        .replace('"exercises": {', '"passed": true, "exercises": {'),
    };
    const paths = Object.entries(files).map(([name, body]) => {
      writeFileSync(join(dir, name), body);
      return join(dir, name);
    });
    await page.goto(`${baseURL}/labs/grade/`, { waitUntil: 'load' });
    // The page lists every lab (week 1 first): grade against this week's.
    await page.selectOption('#grade-lab', LAB);
    await page.setInputFiles('#grade-files', paths);
    await page.click('.grade-run');
    await page.locator('.grade-results:not([hidden])').waitFor({ timeout: 120_000 });
    const report = (await page.evaluate(() => window.__netlabGrading!.report)) as LabReport;
    const row = Object.fromEntries(report.learners.map((l) => [l.learner, l]));
    expect(row.alice!.grade!.exercises.slice(0, 2).map((e) => [e.exerciseId, e.passed, e.points])).toEqual([
      ['services/expose-web', true, 1],
      ['services/find-clusterip', true, 1],
    ]);
    expect(row.alice!.notes).toEqual(["transcript identical to minsu's"]);
    expect(row.minsu!.notes[0]).toMatch(/^seed \d+ in the file is not minsu's \(\d+\): it is alice's$/);
    expect(row.minsu!.grade!.exercises[1]!.passed).toBe(false);
    expect(row.bob).toMatchObject({ status: 'rejected' });
    expect(row.bob!.notes[0]).toMatch(/rejected: unknown field "passed"/);
    expect(row.carol).toMatchObject({ status: 'missing' });
    const [csvDownload] = await Promise.all([
      page.waitForEvent('download'),
      page.click('button:has-text("Download CSV (one row per learner)")'),
    ]);
    const csv = readFileSync((await csvDownload.path())!, 'utf8')
      .split('\r\n')
      .filter(Boolean);
    expect(csv.slice(1).map((l) => l.split(',').slice(0, 3).join(','))).toEqual([
      'alice,Alice Martin,graded',
      'bob,Bob Okafor,rejected',
      'minsu,김민수,graded',
      'carol,,missing',
    ]);

    // netlab grade on the same files prints the same results.
    let out = '';
    await gradeCommand(
      [`labs/${LAB}.yaml`, ...paths],
      process.cwd(),
      (s) => void (out += s),
      () => undefined,
    );
    for (const l of report.learners)
      for (const e of l.grade?.exercises ?? [])
        expect(out).toMatch(
          new RegExp(
            `\\n${l.learner} .* ${e.exerciseId.replace('/', '\\/')} +${e.passed ? 'PASS' : 'FAIL'} +${e.points}/${e.maxPoints}`,
          ),
        );
    expect(out).toMatch(/\nbob +Bob Okafor +- +REJECTED +0\/12 +.*rejected: unknown field "passed"/);
    expect(record.problems).toEqual([]);
  }, 300_000);
});

describe('grading page', () => {
  it('grades the honest files, flags the copy, rejects the tampered file, like netlab grade', async () => {
    const files = weekFiles();
    await page.goto(`${baseURL}/labs/grade/`, { waitUntil: 'load' });
    await page.selectOption('#grade-lab', LAB);
    await page.setInputFiles('#grade-files', files);
    await expect.poll(() => page.locator('.grade-run').textContent()).toBe('Grade 4 files');
    await page.click('.grade-run');
    await page.locator('.grade-results:not([hidden])').waitFor({ timeout: 120_000 });
    const report = (await page.evaluate(() => window.__netlabGrading!.report)) as LabReport;

    const rows = Object.fromEntries(report.learners.map((l) => [l.learner, l]));
    expect(rows.alice!.grade!.points).toBe(12);
    expect(rows.bob!.grade!.exercises.map((e) => e.passed)).toEqual([false, false, false, false, false, false, false]);
    expect(rows.minsu!.notes).toEqual([
      `seed ${learnerSeed(LAB, 'alice', lab!.salt)} in the file is not minsu's (${learnerSeed(LAB, 'minsu', lab!.salt)}): it is alice's`,
      "transcript identical to alice's",
    ]);
    expect(report.copies.map((p) => [p.a, p.b, p.identical])).toEqual([['alice', 'minsu', true]]);
    expect(rows.carol).toMatchObject({ status: 'rejected' });
    expect(rows.carol!.notes[0]).toMatch(
      /carol\.json rejected: unknown field "score" \(a submission holds command lines/,
    );

    // The page shows it: the matrix, the failing fact on focus, the copy evidence, a replay.
    const cell = page.locator('.cell-fail').first();
    await cell.focus();
    expect(await page.locator('.cell-fail:focus + .cell-tip').isVisible()).toBe(true);
    await cell.press('Enter');
    await expect.poll(() => page.locator('.grade-transcript h3').textContent()).toMatch(/^bob: services\/expose-web/);
    expect(await page.locator('.grade-replay').textContent()).toContain('$ kubectl expose deployment web --port=8080');
    expect(await page.locator('.grade-copies summary').textContent()).toBe(
      'alice and minsu: identical (5 matching lines)',
    );

    // The wide CSV: one row per learner on the roster.
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.click('button:has-text("Download CSV (one row per learner)")'),
    ]);
    const csv = readFileSync((await download.path())!, 'utf8');
    expect(csv.startsWith('\ufefflearner,name,status,services/expose-web,')).toBe(true);
    const lines = csv.split('\r\n').filter(Boolean);
    expect(lines.slice(1).map((l) => l.split(',')[0])).toEqual(['alice', 'bob', 'minsu', 'carol']);

    // netlab grade on the same files: the same grades, reasons and notes.
    let out = '';
    await gradeCommand(
      [`labs/${LAB}.yaml`, ...files],
      process.cwd(),
      (s) => void (out += s),
      () => undefined,
    );
    for (const l of report.learners) {
      for (const e of l.grade?.exercises ?? [])
        expect(out).toMatch(
          new RegExp(
            `\\n${l.learner} .* ${e.exerciseId.replace('/', '\\/')} +${e.passed ? 'PASS' : 'FAIL'} +${e.points}/${e.maxPoints}`,
          ),
        );
    }
    expect(out).toContain(
      "seed 242792 in the file is not minsu's (897055): it is alice's; transcript identical to alice's",
    );
    expect(out).toMatch(/\ncarol +- +REJECTED +0\/12 +.*carol\.json rejected: unknown field "score"/);
    expect(record.problems).toEqual([]);
  }, 180_000);
});
