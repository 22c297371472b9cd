/**
 * `npm run bench -- grading`: how long a lead waits for a week's grades, in the CLI and on the
 * grading page, for 15 and 100 submissions of the Services lab (each a full hand-in: seven
 * exercises, the lines of the example alice.json under the learner's own id). Wall-clock figures of
 * the whole run (reading, one worker per submission, the summary); informative, no budget. The
 * browser rows need a built dist/ and a Chromium (CHROMIUM_PATH or the system one).
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { gradeCommand } from '../../src/cli/grade';

export const title = 'grading';

const LAB = 'week3-services';

/** N submissions: alice's example under learner ids l001..lNNN. */
function submissions(n: number): string {
  const dir = mkdtempSync(join(tmpdir(), `netlab-bench-grading-${n}-`));
  const alice = readFileSync('labs/examples/alice.json', 'utf8');
  for (let i = 1; i <= n; i++) {
    const id = `l${String(i).padStart(3, '0')}`;
    writeFileSync(join(dir, `${id}.json`), alice.replace('"learner": "alice"', `"learner": "${id}"`));
  }
  return dir;
}

async function cli(dir: string): Promise<number> {
  const started = performance.now();
  await gradeCommand(
    [`labs/${LAB}.yaml`, dir],
    process.cwd(),
    () => undefined,
    (s) => void process.stderr.write(s),
  );
  return performance.now() - started;
}

async function browser(dirs: Map<number, string>): Promise<Map<number, number>> {
  const out = new Map<number, number>();
  const { findChromium } = await import('../chromium.mjs');
  process.env.CHROMIUM_PATH ??= findChromium();
  if (!process.env.CHROMIUM_PATH) return out;
  const { launchBrowser } = await import('../../tests/e2e/browser');
  const { serveStatic, distRoot } = await import('../../tests/e2e/static-server');
  const { server, baseURL } = await serveStatic(distRoot(join(process.cwd(), 'dist')));
  const { context, close } = await launchBrowser();
  try {
    for (const [n, dir] of dirs) {
      const page = await context.newPage();
      await page.goto(`${baseURL}/labs/grade/`, { waitUntil: 'load' });
      const files = Array.from({ length: n }, (_, i) => join(dir, `l${String(i + 1).padStart(3, '0')}.json`));
      await page.setInputFiles('#grade-files', files);
      await page.click('.grade-run');
      await page.locator('.grade-results:not([hidden])').waitFor({ timeout: 30 * 60_000 });
      const runs = await page.evaluate(() => window.__netlabGrading!.runs);
      out.set(n, runs[runs.length - 1]!.ms);
      await page.close();
    }
  } finally {
    await close();
    server.close();
  }
  return out;
}

export default async function run(): Promise<{ metric: string; value: string }[]> {
  const sizes = [15, 100];
  const dirs = new Map(sizes.map((n) => [n, submissions(n)]));
  const rows: { metric: string; value: string }[] = [];
  const cpus = availableParallelism();
  try {
    for (const n of sizes)
      rows.push({
        metric: `netlab grade, ${n} submissions (${Math.min(cpus, 4)} workers at a time)`,
        value: `${((await cli(dirs.get(n)!)) / 1000).toFixed(1)} s`,
      });
    const inBrowser = await browser(dirs);
    for (const n of sizes)
      rows.push({
        metric: `grading page, ${n} submissions (Chromium, ${Math.min(cpus, 4)} Web Workers at a time)`,
        value: inBrowser.has(n) ? `${(inBrowser.get(n)! / 1000).toFixed(1)} s` : 'no Chromium',
      });
  } finally {
    for (const dir of dirs.values()) rmSync(dir, { recursive: true, force: true });
  }
  return rows;
}
