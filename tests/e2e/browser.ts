/**
 * Chromium for the browser tests, and the probes they share: what a page requested, what it
 * logged, and whether it broke. Drives the system Chromium through playwright-core only; never
 * downloads a browser (see ../shared/design/platform.md).
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, sep } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
// The pages' test hooks (window.__netlabBench, window.__netlabTerminals) are declared with their code.
import type {} from '../../src/components/terminal/bench';

const ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-dev-shm-usage',
];

/** A fresh headless Chromium profile; `close()` also removes the profile directory. */
export async function launchBrowser(
  options: { javaScriptEnabled?: boolean } = {},
): Promise<{ context: BrowserContext; close: () => Promise<void> }> {
  const executablePath = process.env.CHROMIUM_PATH;
  if (!executablePath) throw new Error('CHROMIUM_PATH is not set');
  const profile = mkdtempSync(join(tmpdir(), 'netlab-e2e-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath,
    headless: true,
    args: ARGS,
    viewport: { width: 1280, height: 900 },
    javaScriptEnabled: options.javaScriptEnabled ?? true,
  });
  return {
    context,
    close: async () => {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** Everything a page did that a test may want to judge. */
export interface PageRecord {
  requests: string[];
  problems: string[];
}

/**
 * Starts recording a page: every request URL, and as problems every console error, uncaught
 * exception, failed request and HTTP error response (>= 400).
 */
export function recordPage(page: Page): PageRecord {
  const record: PageRecord = { requests: [], problems: [] };
  page.on('request', (request) => record.requests.push(request.url()));
  page.on('console', (message) => {
    if (message.type() === 'error') record.problems.push(`console error: ${message.text()}`);
  });
  page.on('pageerror', (error) => record.problems.push(`uncaught exception: ${error.message}`));
  page.on('requestfailed', (request) => {
    const error = request.failure()?.errorText ?? 'unknown';
    // ERR_ABORTED is the browser cancelling a request because the page navigated away (lazy chunks
    // such as the progress display or mermaid, still loading when a test moves on): not a fault.
    if (error === 'net::ERR_ABORTED') return;
    record.problems.push(`request failed: ${request.url()} (${error})`);
  });
  page.on('response', (response) => {
    if (response.status() >= 400) record.problems.push(`HTTP ${response.status()}: ${response.url()}`);
  });
  return record;
}

/** Opens `url` and lets it settle (see `settle`); returns the record of what happened. */
export async function visit(page: Page, url: string): Promise<PageRecord> {
  const record = recordPage(page);
  await page.goto(url, { waitUntil: 'load' });
  await settle(page);
  return record;
}

/** Scrolls through the page so lazy content (diagrams) loads, then waits for quiet and drawn diagrams. */
export async function settle(page: Page): Promise<void> {
  await page.evaluate(async () => {
    const step = Math.max(200, Math.floor(window.innerHeight / 2));
    for (let y = 0; y < document.documentElement.scrollHeight; y += step) {
      window.scrollTo(0, y);
      await new Promise((r) => setTimeout(r, 30));
    }
    window.scrollTo(0, 0);
  });
  await page.waitForLoadState('networkidle');
  await waitForDiagrams(page);
}

/**
 * Waits until no diagram on the page is still pending (rendered or failed), up to 45 s: on a lesson
 * page the terminal boots in the same seconds, and a shared 2-core machine under load is slow.
 * (How fast diagrams draw is measured by `npm run bench`, not here.)
 */
export async function waitForDiagrams(page: Page): Promise<void> {
  await page.waitForFunction(
    () => document.querySelectorAll('.mermaid-figure[data-state="pending"]').length === 0,
    null,
    { timeout: 45_000 },
  );
}

/** A built page: its URL path and whether its HTML holds a mermaid block. */
export interface BuiltPage {
  path: string;
  hasDiagram: boolean;
}

/** Every HTML page in dist/ (Pagefind's own files excluded), as URL paths. */
export function builtPages(distDir: string): BuiltPage[] {
  const pages: BuiltPage[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const full = join(dir, name);
      if (statSync(full).isDirectory()) {
        if (name !== 'pagefind' && name !== '_astro') walk(full);
      } else if (name.endsWith('.html')) {
        const rel = relative(distDir, full).split(sep).join('/');
        const path = '/' + rel.replace(/(^|\/)index\.html$/, '$1');
        pages.push({ path, hasDiagram: readFileSync(full, 'utf8').includes('language-mermaid') });
      }
    }
  };
  walk(distDir);
  return pages.sort((a, b) => a.path.localeCompare(b.path));
}

/** The requests that fetched JavaScript. */
export function scriptRequests(record: PageRecord): string[] {
  return record.requests.filter((url) => /\.m?js(\?|$)/.test(new URL(url).pathname));
}

/** Requests for mermaid's ELK layout chunk, which must never load. */
export function elkRequests(record: PageRecord): string[] {
  return record.requests.filter((url) => /elk/i.test(new URL(url).pathname.split('/').pop() ?? ''));
}

/** Results of an axe-core audit that are serious or critical, one line each. */
export async function seriousA11yViolations(page: Page): Promise<string[]> {
  await page.addScriptTag({ path: 'node_modules/axe-core/axe.min.js' });
  const violations = await page.evaluate(async () => {
    const axe = (
      window as unknown as {
        axe: {
          run: (
            ctx: Document,
            opts: object,
          ) => Promise<{
            violations: { id: string; impact: string | null; help: string; nodes: { target: unknown[] }[] }[];
          }>;
        };
      }
    ).axe;
    const result = await axe.run(document, { resultTypes: ['violations'] });
    return result.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      targets: v.nodes.map((n) => JSON.stringify(n.target)),
    }));
  });
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.impact} ${v.id}: ${v.help} at ${v.targets.slice(0, 5).join(', ')}`);
}

/** Sets the stored theme preference and reloads, as a returning learner would arrive. */
export async function useTheme(page: Page, theme: 'light' | 'dark'): Promise<void> {
  await page.evaluate((t) => localStorage.setItem('netlab:theme', t), theme);
  await page.reload({ waitUntil: 'load' });
  await settle(page);
}
