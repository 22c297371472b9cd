#!/usr/bin/env node
/**
 * `node scripts/screenshots.mjs [NAME...]`: the screenshots in docs/ and the README, taken from the
 * built site (`npm run build` first) in the system Chromium, as a learner would see the pages.
 * Each shot is a recipe below: a page, a viewport, a theme, and what to do before the picture.
 * Run it again after a change to the layout and look at the pictures before committing them.
 */
import { createReadStream, existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { dirname, extname, join, normalize, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { findChromium } from './chromium.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const dist = join(root, 'dist');
const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.wasm': 'application/wasm',
};

/** Run the lesson's code blocks in order, up to (not including) the heading with this id. */
async function runBlocksUntil(page, headingId) {
  await page.waitForFunction(() => window.__netlabBench !== undefined, null, { timeout: 20_000 });
  const blocks = await page.evaluate((id) => {
    const stop = document.getElementById(id);
    return [...document.querySelectorAll('pre[data-shell]')]
      .filter((pre) => !stop || pre.compareDocumentPosition(stop) & Node.DOCUMENT_POSITION_FOLLOWING)
      .map((pre) => {
        const lines = (pre.textContent ?? '').replace(/\n+$/, '').split('\n');
        return pre.dataset.shell === 'console' ? lines.filter((l) => l.startsWith('$ ')).map((l) => l.slice(2)) : lines;
      });
  }, headingId);
  for (const lines of blocks)
    await page.evaluate(async (l) => {
      const term = await window.__netlabBench.terminal('lesson');
      await term.ready;
      await term.runLines(l);
    }, lines);
}

/** Type lines into a tab's terminal and wait for them. */
async function typeIn(page, tab, lines) {
  await page.evaluate(
    async ([t, l]) => {
      const term = await window.__netlabBench.terminal(t);
      await term.ready;
      await term.runLines(l);
    },
    [tab, lines],
  );
}

/** A pod pinned to a node, as the Services lesson makes net-pod. */
function podOn(name, image, node) {
  return [
    'kubectl apply -f - <<EOF',
    'apiVersion: v1',
    'kind: Pod',
    'metadata:',
    `  name: ${name}`,
    '  labels:',
    `    app: ${name}`,
    'spec:',
    `  nodeName: ${node}`,
    '  containers:',
    '  - name: c',
    `    image: ${image}`,
    'EOF',
  ];
}

/** Open a tab on another scenario (through the bench's API, as an exercise does). */
async function openCluster(page, id, title, scenario) {
  await page.waitForFunction(() => window.__netlabBench !== undefined, null, { timeout: 20_000 });
  await page.evaluate(
    async ([id, title, scenario]) => {
      let answer;
      document.querySelector('.bench').dispatchEvent(
        new CustomEvent('netlab:terminal-request', {
          detail: {
            request: { kind: 'open', exercise: { id, title, scenario, seed: 1, setup: [] } },
            respond: (a) => (answer = a),
          },
        }),
      );
      await answer;
    },
    [id, title, scenario],
  );
}

const SHOTS = {
  /** The README's picture: the Services lesson beside its terminal, the lab built. */
  screenshot: {
    path: '/lessons/services/',
    viewport: { width: 1280, height: 800 },
    theme: 'light',
    // The splitter moved a little to the left, as a learner does for kubectl's wide tables.
    dock: { fraction: 0.56, collapsed: false },
    async before(page) {
      await runBlocksUntil(page, 'a-clusterip-service');
      await typeIn(page, 'lesson', ['clear', 'kubectl get pod -o wide', 'kubectl get svc,ep svc-clusterip']);
      await page.evaluate(() => {
        const h = document.getElementById('a-clusterip-service');
        window.scrollTo(0, h.getBoundingClientRect().top + window.scrollY - 120);
      });
    },
  },
  /** A phone: the terminal view with its key bar. */
  'screenshot-phone': {
    path: '/lessons/services/',
    viewport: { width: 360, height: 740 },
    theme: 'dark',
    async before(page) {
      await page.locator('[data-view-switch="terminal"]').click();
      await runBlocksUntil(page, 'a-clusterip-service');
      await typeIn(page, 'lesson', ['clear', 'kubectl get pod', 'kubectl get svc svc-clusterip']);
    },
  },
  /** The trace panel under the lesson's terminal, after a curl from net-pod to the Service. */
  'screenshot-trace-panel': {
    path: '/lessons/services/',
    viewport: { width: 1280, height: 800 },
    theme: 'light',
    dock: { fraction: 0.56, collapsed: false },
    async before(page) {
      await runBlocksUntil(page, 'a-clusterip-service');
      await typeIn(page, 'lesson', [
        'clear',
        "trace kubectl exec net-pod -- curl -s $(kubectl get svc svc-clusterip -o jsonpath='{.spec.clusterIP}'):9000 | grep -e '^---' -e ': DNAT' -e '=>'",
      ]);
      // Open the DNAT hop's rules, as a learner would.
      await page.locator('.netlab-term[data-tab="lesson"] [data-nat~="DNAT"]').click();
      await page.evaluate(() => {
        const h = document.getElementById('following-one-packet-with-trace');
        window.scrollTo({ top: h.getBoundingClientRect().top + window.scrollY - 120, behavior: 'instant' });
        document.querySelector('.netlab-term[data-tab="lesson"] .netlab-term__trace').scrollTop = 150;
      });
      await page.waitForTimeout(500);
    },
  },
  /**
   * A cross-node trace over Weave Net's VXLAN, enlarged: a curl from a pod on k8s-w2 to a Service
   * whose pod runs on k8s-w1 (DNAT on w2, the tunnel hop with its outer and inner headers, the reply).
   */
  'screenshot-trace': {
    path: '/lessons/services/',
    viewport: { width: 1280, height: 1250 },
    theme: 'dark',
    async before(page) {
      await openCluster(page, 'demo/weave', 'Weave Net', 'weave');
      await typeIn(page, 'demo/weave', [
        ...podOn('web', 'traefik/whoami', 'k8s-w1'),
        ...podOn('client', 'nicolaka/netshoot', 'k8s-w2'),
        'kubectl expose pod web --port=80',
        'kubectl wait --for=condition=Ready pod --all',
        'clear',
        "trace kubectl exec client -- curl -s $(kubectl get svc web -o jsonpath='{.spec.clusterIP}') > /dev/null",
      ]);
      await page.locator('.netlab-term[data-tab="demo/weave"] .netlab-term__trace .trace-button').first().click();
      await page.locator('.trace-dialog svg').first().waitFor();
    },
  },
  /** A phone: the lesson view. */
  'screenshot-phone-lesson': {
    path: '/lessons/services/',
    viewport: { width: 360, height: 740 },
    theme: 'light',
    async before(page) {
      await page.evaluate(() => {
        const h = document.getElementById('a-clusterip-service');
        window.scrollTo(0, h.getBoundingClientRect().top + window.scrollY - 120);
      });
    },
  },
};

function serve() {
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
  return new Promise((done) =>
    server.listen(0, '127.0.0.1', () => done({ server, url: `http://127.0.0.1:${server.address().port}` })),
  );
}

const wanted = process.argv.slice(2);
const names = wanted.length ? wanted : Object.keys(SHOTS);
for (const n of names)
  if (!SHOTS[n]) throw new Error(`no screenshot recipe named ${n}; known: ${Object.keys(SHOTS).join(', ')}`);
if (!existsSync(join(dist, 'index.html'))) throw new Error('dist/ is empty: run `npm run build` first');
const executablePath = findChromium();
if (!executablePath) throw new Error('no Chromium found (set CHROMIUM_PATH)');

const { chromium } = await import('playwright-core');
const { server, url } = await serve();
try {
  for (const name of names) {
    const shot = SHOTS[name];
    const profile = mkdtempSync(join(tmpdir(), 'netlab-shot-'));
    const context = await chromium.launchPersistentContext(profile, {
      executablePath,
      headless: true,
      args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--hide-scrollbars'],
      viewport: shot.viewport,
    });
    try {
      const page = await context.newPage();
      await page.goto(url + shot.path);
      await page.evaluate(
        ([theme, dock]) => {
          localStorage.setItem('netlab:theme', theme);
          if (dock) localStorage.setItem('netlab:dock:v1', JSON.stringify(dock));
        },
        [shot.theme, shot.dock],
      );
      await page.reload({ waitUntil: 'load' });
      await shot.before(page);
      await page.waitForTimeout(600);
      const out = join(root, 'docs', `${name}.png`);
      await page.screenshot({ path: out });
      console.log(`wrote docs/${name}.png`);
    } finally {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    }
  }
} finally {
  server.close();
}
