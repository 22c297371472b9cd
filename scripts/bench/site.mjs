/**
 * Bench section "site": the built site against the site budgets (../shared/design/architecture.md):
 * build time, JavaScript shipped per page (gzip) for a plain page and a diagram page, what mermaid
 * costs when a diagram page loads it on demand, the Services lesson's JS before interaction (up
 * front, and in Chromium everything fetched by the time the docked terminal, booted at idle, shows
 * its prompt, without scrolling or clicking), and the size of dist/.
 *
 * JS per page is what the browser must fetch before the page is usable: the page's inline scripts,
 * its <script src> and <link rel=modulepreload> files, and every file those import statically,
 * transitively. Dynamic import() targets are left out of that figure (they load on demand) and the
 * diagram page's are reported on their own line. With `--no-build`, dist/ is measured as it is.
 */
import { spawnSync } from 'node:child_process';
import { createReadStream, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import { availableParallelism, tmpdir } from 'node:os';
import { dirname, join, posix } from 'node:path';
import { gzipSync } from 'node:zlib';
import { findChromium } from '../chromium.mjs';

export const title = 'site';

const PLAIN_PAGE = '/';
const DIAGRAM_PAGE = '/lessons/how-this-course-works/';
/** The lesson whose JS before interaction is reported: the docked terminal boots once the page is idle. */
const SERVICES_PAGE = '/lessons/services/';
const KB = 1024;

/** Gzipped size of a string or buffer, in bytes (level 9, as static hosts precompress). */
function gz(content) {
  return gzipSync(content, { level: 9 }).length;
}

function kB(bytes) {
  return `${(bytes / KB).toFixed(1)} kB`;
}

/** dist/ path of a page URL path. */
function htmlFile(dist, pagePath) {
  return join(dist, pagePath.endsWith('/') ? `${pagePath}index.html` : pagePath);
}

/** Script entry points of an HTML page: external URLs and inline script bodies. */
export function pageScripts(html) {
  const urls = [];
  const inline = [];
  for (const m of html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/gi)) {
    const attrs = m[1] ?? '';
    const type = /\btype=["']?([^"'\s>]+)/i.exec(attrs)?.[1];
    if (type && type !== 'module' && !/javascript/i.test(type)) continue; // JSON-LD and the like
    const src = /\bsrc=["']?([^"'\s>]+)/i.exec(attrs)?.[1];
    if (src) urls.push(src);
    else if ((m[2] ?? '').trim()) inline.push(m[2] ?? '');
  }
  for (const m of html.matchAll(/<link\b[^>]*\brel=["']?modulepreload["']?[^>]*>/gi)) {
    const href = /\bhref=["']?([^"'\s>]+)/i.exec(m[0])?.[1];
    if (href) urls.push(href);
  }
  return { urls, inline };
}

/** Static and dynamic import specifiers in a JS module's source. */
export function importsOf(source) {
  const statics = new Set();
  const dynamics = new Set();
  // import x from "./a.js" / import{a}from"./a.js" / import "./a.js" / export{a}from"./a.js" / export*from"./a.js"
  for (const m of source.matchAll(
    /(?:^|[;\s})])(?:import|export)\s*(?:[\w$*{}\s,]+?\s*from\s*)?["']([^"']+\.m?js)["']/g,
  )) {
    statics.add(m[1]);
  }
  // Bundlers may quote dynamic specifiers with backticks.
  for (const m of source.matchAll(/\bimport\s*\(\s*["'`]([^"'`]+\.m?js)["'`]\s*\)/g)) dynamics.add(m[1]);
  return { statics: [...statics], dynamics: [...dynamics] };
}

/** Resolves an import specifier from a module at URL path `from` to a URL path. */
function resolveSpecifier(spec, from) {
  if (spec.startsWith('/')) return spec;
  return posix.normalize(posix.join(posix.dirname(from), spec));
}

/**
 * The static import closure of some entry URLs: every file reached, and the dynamic import targets
 * met on the way (not followed).
 */
function staticClosure(dist, entries, inlineSources = []) {
  const files = new Set();
  const dynamics = new Set();
  const queue = [...entries];
  const visitSource = (source, from) => {
    const { statics, dynamics: dyn } = importsOf(source);
    for (const s of statics) queue.push(resolveSpecifier(s, from));
    for (const d of dyn) dynamics.add(resolveSpecifier(d, from));
  };
  for (const source of inlineSources) visitSource(source, '/');
  while (queue.length) {
    const url = queue.shift();
    if (files.has(url)) continue;
    const path = join(dist, url);
    if (!existsSync(path)) continue;
    files.add(url);
    visitSource(readFileSync(path, 'utf8'), url);
  }
  for (const f of files) dynamics.delete(f);
  return { files, dynamics };
}

/** What a page ships up front (gzip bytes, file list) and what it can import later. */
function pageJs(dist, pagePath) {
  const html = readFileSync(htmlFile(dist, pagePath), 'utf8');
  const { urls, inline } = pageScripts(html);
  const { files, dynamics } = staticClosure(dist, urls, inline);
  let bytes = inline.reduce((sum, s) => sum + gz(s), 0);
  for (const f of files) bytes += gz(readFileSync(join(dist, f)));
  return { bytes, files, dynamics };
}

/** Gzipped size of the static closure of some dynamic import targets, minus files already loaded. */
function onDemandJs(dist, targets, alreadyLoaded) {
  const { files } = staticClosure(dist, [...targets]);
  let bytes = 0;
  for (const f of files) if (!alreadyLoaded.has(f)) bytes += gz(readFileSync(join(dist, f)));
  return { bytes, files };
}

/**
 * The JS a diagram page really fetches in Chromium once its diagrams are drawn (gzip bytes of each
 * file, inline scripts included), and whether any ELK chunk was among them. Undefined without Chromium.
 */
async function measuredInChromium(dist, pagePath, until = 'diagrams') {
  const executablePath = findChromium();
  if (!executablePath) return undefined;
  const { chromium } = await import('playwright-core');
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    let file = join(dist, decodeURIComponent(url.pathname));
    if (url.pathname.endsWith('/')) file = join(file, 'index.html');
    if (!file.startsWith(dist) || !existsSync(file)) return void res.writeHead(404).end();
    res.writeHead(200, {
      'content-type': file.endsWith('.js')
        ? 'text/javascript'
        : file.endsWith('.html')
          ? 'text/html'
          : 'application/octet-stream',
    });
    createReadStream(file).pipe(res);
  });
  await new Promise((done) => server.listen(0, '127.0.0.1', done));
  const base = `http://127.0.0.1:${server.address().port}`;
  const profile = mkdtempSync(join(tmpdir(), 'netlab-bench-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-dev-shm-usage',
    ],
  });
  try {
    const page = await context.newPage();
    const scripts = new Set();
    page.on('request', (r) => {
      const path = new URL(r.url()).pathname;
      if (/\.m?js$/.test(path)) scripts.add(path);
    });
    await page.goto(base + pagePath, { waitUntil: 'load' });
    if (until === 'prompt') {
      // No scrolling, no click: what the page fetches by itself, up to the docked terminal's prompt.
      await page.waitForFunction(() => window.__netlabTerminals?.some((t) => t.tab === 'lesson'), null, {
        timeout: 30_000,
      });
      await page.evaluate(() => window.__netlabTerminals.find((t) => t.tab === 'lesson').ready);
    } else {
      await page.evaluate(async () => {
        for (let y = 0; y < document.documentElement.scrollHeight; y += 400) {
          window.scrollTo(0, y);
          await new Promise((r) => setTimeout(r, 30));
        }
      });
      await page.waitForFunction(() => !document.querySelector('.mermaid-figure[data-state="pending"]'), null, {
        timeout: 30_000,
      });
    }
    await page.waitForLoadState('networkidle');
    const html = readFileSync(htmlFile(dist, pagePath), 'utf8');
    let bytes = pageScripts(html).inline.reduce((sum, s) => sum + gz(s), 0);
    for (const s of scripts) if (existsSync(join(dist, s))) bytes += gz(readFileSync(join(dist, s)));
    const elk = [...scripts].filter((s) => /(^|\/)elk[^/]*\.js$/i.test(s));
    return { bytes, files: scripts.size, elk };
  } finally {
    await context.close();
    rmSync(profile, { recursive: true, force: true });
    server.close();
  }
}

function dirSize(dir) {
  let total = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, entry.name);
    total += entry.isDirectory() ? dirSize(p) : statSync(p).size;
  }
  return total;
}

export default async function run({ root, args }) {
  const dist = join(root, 'dist');
  const rows = [];

  if (!args.includes('--no-build')) {
    const started = performance.now();
    const build = spawnSync(process.platform === 'win32' ? 'npm.cmd' : 'npm', ['run', '--silent', 'build'], {
      cwd: root,
      stdio: ['ignore', 'ignore', 'pipe'],
      encoding: 'utf8',
    });
    const seconds = (performance.now() - started) / 1000;
    if (build.status !== 0)
      throw new Error(`npm run build failed: ${build.stderr.trim().split('\n').slice(-3).join(' | ')}`);
    rows.push({
      metric: `build time (npm run build, ${availableParallelism()} cores)`,
      value: `${seconds.toFixed(1)} s`,
      budget: '< 60 s',
      ok: seconds < 60,
    });
  }
  if (!existsSync(join(dist, 'index.html'))) throw new Error('dist/ is empty: run without --no-build');

  const plain = pageJs(dist, PLAIN_PAGE);
  rows.push({
    metric: `JS gzip, plain page (${PLAIN_PAGE})`,
    value: kB(plain.bytes),
    budget: '< 10 kB',
    ok: plain.bytes < 10 * KB,
  });

  if (existsSync(htmlFile(dist, DIAGRAM_PAGE))) {
    const diagram = pageJs(dist, DIAGRAM_PAGE);
    rows.push({
      metric: `JS gzip, diagram page before diagrams (${DIAGRAM_PAGE})`,
      value: kB(diagram.bytes),
      budget: '< 10 kB',
      ok: diagram.bytes < 10 * KB,
    });
    const mermaid = onDemandJs(dist, diagram.dynamics, diagram.files);
    rows.push({
      metric: 'JS gzip, mermaid loaded on demand (core, before diagram-type chunks)',
      value: kB(mermaid.bytes),
    });
    const elk = [...mermaid.files].filter((f) => /(^|\/)elk[^/]*\.js$/i.test(f));
    rows.push({
      metric: 'ELK layout chunk in mermaid core',
      value: elk.length ? elk.join(' ') : 'none',
      budget: 'none',
      ok: elk.length === 0,
    });
    const measured = await measuredInChromium(dist, DIAGRAM_PAGE);
    if (measured) {
      rows.push({
        metric: `JS gzip, diagram page after drawing, in Chromium (${measured.files} files)`,
        value: kB(measured.bytes),
      });
      rows.push({
        metric: 'ELK chunks fetched in Chromium',
        value: measured.elk.length ? measured.elk.join(' ') : 'none',
        budget: 'none',
        ok: measured.elk.length === 0,
      });
    } else {
      rows.push({
        metric: 'JS gzip, diagram page after drawing, in Chromium',
        value: 'skipped: no Chromium (set CHROMIUM_PATH)',
      });
    }
  } else {
    rows.push({ metric: `diagram page ${DIAGRAM_PAGE}`, value: 'not built', ok: false });
  }

  if (existsSync(htmlFile(dist, SERVICES_PAGE))) {
    const lesson = pageJs(dist, SERVICES_PAGE);
    rows.push({
      metric: `JS gzip, Services lesson up front (${SERVICES_PAGE})`,
      value: kB(lesson.bytes),
      budget: '< 10 kB',
      ok: lesson.bytes < 10 * KB,
    });
    const before = await measuredInChromium(dist, SERVICES_PAGE, 'prompt');
    rows.push(
      before
        ? {
            metric: `JS gzip, Services lesson before interaction: load, idle boot to the prompt, in Chromium (${before.files} files)`,
            value: kB(before.bytes),
          }
        : { metric: 'JS gzip, Services lesson before interaction', value: 'skipped: no Chromium (set CHROMIUM_PATH)' },
    );
  }

  const plainMermaid = [...plain.files].filter((f) => /mermaid/i.test(f));
  rows.push({
    metric: 'mermaid files in the plain page',
    value: plainMermaid.length ? plainMermaid.join(' ') : 'none',
    budget: 'none',
    ok: plainMermaid.length === 0,
  });
  rows.push({ metric: 'dist/ total size', value: `${(dirSize(dist) / KB / KB).toFixed(2)} MB` });
  return rows;
}

// Allow `node scripts/bench/site.mjs` on its own.
if (import.meta.url === `file://${process.argv[1]}`) {
  const rows = await run({
    root: join(dirname(new URL(import.meta.url).pathname), '..', '..'),
    args: process.argv.slice(2),
  });
  console.table(rows);
}
