/**
 * Bench section "terminal": what the lesson terminal costs (../shared/design/architecture.md):
 * - the terminal chunk (the client, xterm and the fit addon: everything the page's small loader
 *   imports on demand, the worker excepted) in gzip, against 150 kB;
 * - the worker chunk (the whole emulator) in gzip, reported;
 * - in Chromium, the time from the terminal scrolling into view to a ready prompt, and the
 *   worker's own boot time (the `ready` message's bootMs), median of several fresh loads.
 * Measures dist/ as built (the site section, which runs first, builds it).
 */
import { createReadStream, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { extname, join, normalize, posix } from 'node:path';
import { gzipSync } from 'node:zlib';
import { findChromium } from '../chromium.mjs';

export const title = 'terminal';

const LESSON = '/lessons/how-this-course-works/';
const CHUNK_BUDGET = 150 * 1024;
const PROMPT_BUDGET_MS = 1000;
const BOOT_BUDGET_MS = 50;
const RUNS = 5;

const gz = (buf) => gzipSync(buf, { level: 9 }).length;
const kB = (bytes) => `${(bytes / 1024).toFixed(1)} kB`;
const ms = (v) => `${v.toFixed(0)} ms`;
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** Files a JS module imports, statically or dynamically (relative or root specifiers). */
function importsOf(source) {
  const out = new Set();
  for (const m of source.matchAll(/(?:\bfrom\s*|\bimport\s*\(?\s*)["'`]([^"'`]+\.m?js)["'`]/g)) out.add(m[1]);
  return [...out];
}

/** Everything reachable from `entry` (static and dynamic imports), as URL paths. */
function closure(dist, entry) {
  const seen = new Set();
  const queue = [entry];
  while (queue.length) {
    const url = queue.shift();
    if (seen.has(url) || !existsSync(join(dist, url))) continue;
    seen.add(url);
    const src = readFileSync(join(dist, url), 'utf8');
    for (const spec of importsOf(src))
      queue.push(spec.startsWith('/') ? spec : posix.normalize(posix.join(posix.dirname(url), spec)));
  }
  return seen;
}

/** The client chunk (mountTerminal) and the worker chunk, found by their bundle names. */
function chunks(dist) {
  const astro = join(dist, '_astro');
  const files = existsSync(astro) ? readdirSync(astro) : [];
  const client = files.find((f) => /^client\.[\w-]+\.js$/.test(f));
  const worker = files.find((f) => /^worker[.-][\w-]+\.js$/.test(f));
  return { client: client && `/_astro/${client}`, worker: worker && `/_astro/${worker}` };
}

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
};

function serve(dist) {
  const server = createServer((req, res) => {
    let path = normalize(decodeURIComponent(new URL(req.url, 'http://x').pathname));
    if (path.endsWith('/')) path += 'index.html';
    const file = join(dist, path);
    if (!file.startsWith(dist) || !existsSync(file) || !statSync(file).isFile()) {
      res.writeHead(404).end('not found');
      return;
    }
    res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' });
    createReadStream(file).pipe(res);
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () => resolve({ server, url: `http://127.0.0.1:${server.address().port}` })),
  );
}

/** Open the lesson, scroll its first terminal into view, and time the way to a ready prompt. */
async function timeToPrompt(chromiumPath, baseURL) {
  const { chromium } = await import('playwright-core');
  const profile = mkdtempSync(join(tmpdir(), 'netlab-bench-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: chromiumPath,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-dev-shm-usage',
    ],
  });
  try {
    const page = await context.newPage();
    const prompt = [];
    const boot = [];
    for (let i = 0; i < RUNS; i++) {
      await page.goto(baseURL + LESSON, { waitUntil: 'load' });
      await page.evaluate(() => localStorage.clear());
      const r = await page.evaluate(async () => {
        const root = document.querySelector('.netlab-term');
        if (!root) throw new Error('no terminal on the lesson page');
        const t0 = performance.now();
        root.scrollIntoView();
        const w = window;
        while (!w.__netlabTerminals?.length) await new Promise((res) => setTimeout(res, 2));
        const { bootMs } = await w.__netlabTerminals[0].ready;
        return { prompt: performance.now() - t0, bootMs };
      });
      prompt.push(r.prompt);
      boot.push(r.bootMs);
    }
    return { prompt: median(prompt), boot: median(boot) };
  } finally {
    await context.close();
    rmSync(profile, { recursive: true, force: true });
  }
}

export default async function run({ root }) {
  const dist = join(root, 'dist');
  const { client, worker } = chunks(dist);
  if (!client || !worker) {
    return [{ metric: 'terminal chunks', value: 'not found in dist/_astro (build first)', ok: false }];
  }
  // The page's own scripts (the small loader) are loaded up front, not with the terminal.
  const lessonHtml = join(dist, LESSON, 'index.html');
  const pageScripts = existsSync(lessonHtml)
    ? [...readFileSync(lessonHtml, 'utf8').matchAll(/<script\b[^>]*\bsrc="([^"]+)"/g)].map((m) => m[1])
    : [];
  const files = [...closure(dist, client)].filter((f) => f !== worker && !pageScripts.includes(f));
  const chunkBytes = files.reduce((sum, f) => sum + gz(readFileSync(join(dist, f))), 0);
  const workerBytes = [...closure(dist, worker)].reduce((sum, f) => sum + gz(readFileSync(join(dist, f))), 0);
  const rows = [
    {
      metric: `terminal chunk: client + xterm + fit, gzip (${files.length} files)`,
      value: kB(chunkBytes),
      budget: '< 150 kB',
      ok: chunkBytes < CHUNK_BUDGET,
    },
    { metric: 'worker chunk (emulator), gzip', value: kB(workerBytes) },
  ];
  const chromiumPath = findChromium();
  if (!chromiumPath) {
    rows.push({ metric: 'time to ready prompt', value: 'skipped: no Chromium (set CHROMIUM_PATH)' });
    return rows;
  }
  const { server, url } = await serve(dist);
  try {
    const t = await timeToPrompt(chromiumPath, url);
    rows.push({
      metric: `visible to ready prompt (median of ${RUNS})`,
      value: ms(t.prompt),
      budget: `< ${PROMPT_BUDGET_MS} ms`,
      ok: t.prompt < PROMPT_BUDGET_MS,
    });
    rows.push({
      metric: `worker boot: scenario built (median of ${RUNS})`,
      value: ms(t.boot),
      budget: `< ${BOOT_BUDGET_MS} ms`,
      ok: t.boot < BOOT_BUDGET_MS,
    });
  } finally {
    server.close();
  }
  return rows;
}
