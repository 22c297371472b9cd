/**
 * The lesson's docked terminal as a learner uses it, on the intro lesson: it boots by itself once
 * the page is idle; type and read, stop a long loop, history and reverse search, Tab completion,
 * Run buttons, a pasted heredoc, reload and reset, the toolbar. Text is read from xterm's buffer
 * through the page's test hooks (`__netlabBench`, `__netlabTerminals`).
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, describe, expect, inject, it } from 'vitest';
import { launchBrowser, recordPage, seriousA11yViolations } from './browser';

const baseURL = inject('baseURL');
const LESSON = `${baseURL}/lessons/how-this-course-works/`;

let browser: Awaited<ReturnType<typeof launchBrowser>>;
let page: Page;

beforeAll(async () => {
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
});

beforeEach(async () => {
  await page?.close();
  page = await browser.context.newPage();
  await page.goto(LESSON);
  await page.evaluate(() => localStorage.clear());
});

/** Wait until the lesson's terminal (the bench's Lesson tab) shows its prompt. */
async function lessonReady(): Promise<void> {
  await page.waitForFunction(() => window.__netlabTerminals?.some((t) => t.tab === 'lesson'), null, {
    timeout: 15_000,
  });
  await page.evaluate(() => window.__netlabTerminals!.find((t) => t.tab === 'lesson')!.ready);
}

/** Load the lesson, wait for the docked terminal's prompt, focus it. */
async function openTerminal(): Promise<void> {
  await page.goto(LESSON, { waitUntil: 'load' });
  await lessonReady();
  await page.locator('.netlab-term[data-tab="lesson"] .xterm').click();
}

const text = () => page.evaluate(() => window.__netlabTerminals!.find((t) => t.tab === 'lesson')!.text());
const idle = () => page.evaluate(() => window.__netlabTerminals!.find((t) => t.tab === 'lesson')!.whenIdle());
const size = () => page.evaluate(() => window.__netlabTerminals!.find((t) => t.tab === 'lesson')!.size());

/** What `echo $COLUMNS $LINES` prints now: the size the shell was told, as bash's checkwinsize sets it. */
async function shellSize(): Promise<string> {
  await run('echo $COLUMNS $LINES');
  const lines = (await text()).split('\n');
  return lines[lines.findLastIndex((l) => l.endsWith('$ echo $COLUMNS $LINES')) + 1] ?? '';
}

/** Type a line, press Enter, and wait until the command has finished. */
async function run(line: string): Promise<void> {
  await page.keyboard.type(line);
  await page.keyboard.press('Enter');
  await idle();
}

async function waitForText(pattern: RegExp, timeout = 10_000): Promise<string> {
  await page.waitForFunction(
    (src) => new RegExp(src, 'm').test(window.__netlabTerminals!.find((t) => t.tab === 'lesson')!.text()),
    pattern.source,
    { timeout },
  );
  return text();
}

/** Wait until the transcript ends with `tail` (what is being typed now). */
async function waitForEnd(tail: string): Promise<void> {
  await page.waitForFunction(
    (t) =>
      window
        .__netlabTerminals!.find((x) => x.tab === 'lesson')!
        .text()
        .endsWith(t),
    tail,
  );
}

/** The last prompt line of the transcript (what is being typed now). */
async function currentLine(): Promise<string> {
  const lines = (await text()).split('\n');
  return lines[lines.length - 1] ?? '';
}

/** Paste as the browser does: a paste event with clipboard data on xterm's textarea. */
async function paste(content: string): Promise<void> {
  await page.evaluate((data) => {
    const textarea = document.querySelector<HTMLTextAreaElement>(
      '.netlab-term[data-tab="lesson"] .xterm-helper-textarea',
    )!;
    const clipboardData = new DataTransfer();
    clipboardData.setData('text/plain', data);
    textarea.dispatchEvent(new ClipboardEvent('paste', { clipboardData, bubbles: true, cancelable: true }));
  }, content);
}

const NETSHOOT = `kubectl apply -f - <<EOF
apiVersion: v1
kind: Pod
metadata:
  name: netshoot
spec:
  containers:
  - name: netshoot
    image: nicolaka/netshoot
EOF
`;

describe('the lesson terminal', () => {
  it('boots the docked terminal by itself once the page has loaded, without a click', async () => {
    const fresh = await browser.context.newPage();
    const record = recordPage(fresh);
    await fresh.goto(LESSON, { waitUntil: 'load' });
    await fresh.waitForFunction(() => window.__netlabTerminals?.some((t) => t.tab === 'lesson'), null, {
      timeout: 15_000,
    });
    await fresh.evaluate(() => window.__netlabTerminals!.find((t) => t.tab === 'lesson')!.ready);
    expect(await fresh.evaluate(() => window.__netlabTerminals![0]!.text())).toMatch(/\$ $/);
    // xterm was fetched only after the page had loaded: it never competes with the page itself.
    const late = await fresh.evaluate(() => {
      const nav = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming;
      const xterm = performance
        .getEntriesByType('resource')
        .filter((r) => /\/xterm\.[\w-]+\.js$/.test(new URL(r.name).pathname));
      return xterm.length > 0 && xterm.every((r) => r.startTime >= nav.loadEventStart);
    });
    expect(late).toBe(true);
    expect(record.problems).toEqual([]);
    await fresh.close();
  });

  it('runs a typed command and shows its output', async () => {
    await openTerminal();
    await run('echo hello from the emulator');
    await run('kubectl get nodes');
    const out = await text();
    expect(out).toContain('$ echo hello from the emulator\nhello from the emulator\n');
    expect(out).toMatch(/^NAME\s+STATUS\s+ROLES\s+AGE\s+VERSION$/m);
    for (const node of ['myk8s-control-plane', 'myk8s-worker', 'myk8s-worker2', 'myk8s-worker3']) {
      expect(out).toMatch(new RegExp(`^${node}\\s+Ready\\s`, 'm'));
    }
  });

  it('sits beside the lesson at 1280×800 and stays in view while the text scrolls, with nothing overlapping', async () => {
    await page.setViewportSize({ width: 1280, height: 800 });
    await openTerminal();
    const boxes = () =>
      page.evaluate(() => {
        const rect = (sel: string) => document.querySelector(sel)!.getBoundingClientRect().toJSON() as DOMRect;
        return {
          bench: rect('.bench'),
          pane: rect('.lesson-pane'),
          bar: rect('.lesson-bar'),
          header: rect('.site-header'),
          scroll: document.documentElement.scrollWidth,
          client: document.documentElement.clientWidth,
        };
      });
    const top = await boxes();
    expect(top.bench.left).toBeGreaterThanOrEqual(top.pane.right - 1);
    expect(top.bar.right).toBeLessThanOrEqual(top.bench.left);
    expect(top.bench.top).toBe(top.header.bottom);
    expect(top.bench.bottom).toBe(800);
    expect(top.scroll).toBe(top.client);
    await page.evaluate(() => window.scrollTo(0, 3000));
    const scrolled = await boxes();
    expect(scrolled.bench).toEqual(top.bench);
    expect(scrolled.bar.top).toBe(top.header.bottom);
  });

  it('resizes with the splitter (remembered across a reload) and folds away', async () => {
    await page.setViewportSize({ width: 1280, height: 800 });
    await openTerminal();
    const width = () => page.evaluate(() => document.querySelector('.bench')!.getBoundingClientRect().width);
    const before = await width();
    const splitter = page.locator('.bench__splitter');
    const box = (await splitter.boundingBox())!;
    await page.mouse.move(box.x + box.width / 2, box.y + 300);
    await page.mouse.down();
    await page.mouse.move(box.x - 200, box.y + 300, { steps: 5 });
    await page.mouse.up();
    expect(await width()).toBeGreaterThan(before + 150);
    // The keyboard moves it too: the splitter is a focusable separator.
    await splitter.focus();
    await page.keyboard.press('ArrowRight');
    const afterKey = await width();
    expect(afterKey).toBeLessThan(before + 200);
    expect(await splitter.getAttribute('aria-valuenow')).toMatch(/^\d+$/);
    await page.reload({ waitUntil: 'load' });
    expect(Math.abs((await width()) - afterKey)).toBeLessThan(2);
    // Fold: the lesson takes the window, the rail brings the terminal back.
    await page.locator('.bench__tools [data-dock="collapse"]').click();
    expect(await width()).toBeLessThan(60);
    expect(await page.locator('.lesson-pane').evaluate((e) => e.getBoundingClientRect().width)).toBeGreaterThan(1200);
    await page.locator('.bench__expand').click();
    expect(Math.abs((await width()) - afterKey)).toBeLessThan(2);
  });

  it('tells the shell the terminal size: $COLUMNS and $LINES are the xterm cols and rows, also after a resize', async () => {
    await openTerminal();
    const before = await size();
    expect(await shellSize()).toBe(`${before.cols} ${before.rows}`);
    await page.setViewportSize({ width: 1100, height: 900 });
    await page.waitForFunction((cols) => window.__netlabTerminals![0]!.size().cols !== cols, before.cols);
    // Let the layout settle (the fit follows each step of the resize).
    await expect
      .poll(async () => {
        const a = await size();
        await page.waitForTimeout(200);
        return JSON.stringify(a) === JSON.stringify(await size());
      })
      .toBe(true);
    const after = await size();
    expect(await shellSize()).toBe(`${after.cols} ${after.rows}`);
  });

  it('stops a 1,000-iteration loop on Ctrl-C within a fraction of a second, and the page stays responsive', async () => {
    await openTerminal();
    // Each iteration does some work of its own so the loop lasts seconds, whatever the machine.
    await page.keyboard.type('for i in {1..1000}; do echo "iteration $i"; for j in {1..2000}; do true; done; done');
    await page.keyboard.press('Enter');
    await waitForText(/^iteration 3$/);
    // While the loop runs, the page's own event loop keeps turning: measure timer lag for 300 ms.
    const worstLagMs = await page.evaluate(async () => {
      let worst = 0;
      let last = performance.now();
      const end = last + 300;
      while (performance.now() < end) {
        await new Promise((r) => setTimeout(r, 10));
        const now = performance.now();
        worst = Math.max(worst, now - last - 10);
        last = now;
      }
      return worst;
    });
    // Were the emulator on the page's thread, the loop would block it for seconds; the margin
    // leaves room for a busy CI machine.
    expect(worstLagMs).toBeLessThan(250);
    // Time from the key reaching the page to the prompt, measured in the page (the test's own
    // round trips to the browser are not the learner's wait).
    await page.evaluate(() => {
      document.addEventListener(
        'keydown',
        (e) => {
          if (e.ctrlKey && e.code === 'KeyC') (window as unknown as { ctrlCAt: number }).ctrlCAt = performance.now();
        },
        { capture: true },
      );
    });
    await page.keyboard.press('Control+C');
    const stopMs = await page.evaluate(async () => {
      await window.__netlabTerminals![0]!.whenIdle();
      return performance.now() - (window as unknown as { ctrlCAt: number }).ctrlCAt;
    });
    expect(stopMs).toBeLessThan(500);
    const out = await text();
    expect(out.split('\n').slice(-3)).toEqual([
      expect.stringMatching(/^iteration \d+$/),
      '^C',
      expect.stringMatching(/\$ $/),
    ]);
    expect(out).not.toContain('iteration 1000\n');
  });

  it('recalls history with Up and finds a command with Ctrl-R', async () => {
    await openTerminal();
    await run('echo first');
    await run('echo second');
    await page.keyboard.press('ArrowUp');
    await page.keyboard.press('ArrowUp');
    await waitForEnd('$ echo first');
    await page.keyboard.press('Enter');
    await idle();
    await page.keyboard.press('Control+r');
    await page.keyboard.type('seco');
    await waitForEnd("(reverse-i-search)`seco': echo second");
    await page.keyboard.press('Enter');
    await idle();
    const out = await text();
    expect(out).toMatch(
      /\$ echo first\nfirst\n.*\$ echo second\nsecond\n.*\$ echo first\nfirst\n.*\$ echo second\nsecond\n.*\$ $/,
    );
  });

  it('completes a pod name with Tab', async () => {
    await openTerminal();
    await page.keyboard.type('kubectl get pod -n kube-system etcd-');
    await page.keyboard.press('Tab');
    await waitForEnd('etcd-myk8s-control-plane ');
    await page.keyboard.press('Enter');
    await idle();
    expect(await text()).toMatch(/^etcd-myk8s-control-plane\s+1\/1\s+Running\s/m);
  });

  it('runs a code block in the terminal when its Run button is clicked', async () => {
    await openTerminal();
    const button = page.locator('h2#try-it ~ .code-block .run-button').first();
    await button.click();
    await waitForText(/\$ kubectl get nodes\n/);
    await idle();
    expect(await text()).toMatch(/\$ kubectl get nodes\nNAME\s+STATUS/);
  });

  it('applies a manifest from a pasted multi-line heredoc', async () => {
    await openTerminal();
    await paste(NETSHOOT);
    await waitForText(/^pod\/netshoot created$/);
    await idle();
    await run('kubectl get pod netshoot -o name');
    expect(await text()).toMatch(/^> EOF\npod\/netshoot created\n[\s\S]*\npod\/netshoot\n/m);
  });

  it('restores the cluster, the history and the scrollback after a reload', async () => {
    await openTerminal();
    await paste(NETSHOOT);
    await waitForText(/^pod\/netshoot created$/);
    await idle();
    await run('echo before reload');
    await page.reload({ waitUntil: 'load' });
    await lessonReady();
    expect(await text()).toContain('$ echo before reload\nbefore reload');
    await page.locator('.netlab-term[data-tab="lesson"] .xterm').click();
    await page.keyboard.press('ArrowUp');
    await waitForEnd('$ echo before reload');
    await page.keyboard.press('Control+u');
    await run('kubectl get pod netshoot -o name');
    expect(await currentLine()).toMatch(/\$ $/);
    expect(await text()).toMatch(/\$ kubectl get pod netshoot -o name\npod\/netshoot\n/);
  });

  it('starts fresh with a notice when the saved session is corrupt', async () => {
    // Written from another page: the lesson page would boot its terminal (and read it) meanwhile.
    await page.goto(`${baseURL}/`, { waitUntil: 'load' });
    await page.evaluate(() => {
      localStorage.setItem('netlab:term:v1:/lessons/how-this-course-works/:0', '{not json');
    });
    await openTerminal();
    expect(await text()).toContain('netlab: saved session could not be restored (not valid JSON); starting fresh');
    await run('echo still works');
    expect(await text()).toContain('still works');
  });

  it('starts fresh with a notice when the emulator refuses the saved snapshot', async () => {
    await page.goto(`${baseURL}/`, { waitUntil: 'load' });
    await page.evaluate(() => {
      const entry = {
        version: 1,
        scenario: 'kind-iptables',
        seed: 1,
        setup: [],
        savedAt: '2026-01-01T00:00:00.000Z',
        snapshot: { version: 99 },
        scrollback: ['$ old line'],
      };
      localStorage.setItem('netlab:term:v1:/lessons/how-this-course-works/:0', JSON.stringify(entry));
    });
    await openTerminal();
    const out = await text();
    expect(out).toMatch(/^netlab: saved session could not be restored \(.*99.*\); starting fresh\n/);
    expect(out).not.toContain('old line');
    await run('kubectl get nodes -o name');
    expect(await text()).toContain('node/myk8s-control-plane');
  });

  it('keeps Tab for completion but lets Escape then Tab move the focus out', async () => {
    await openTerminal();
    const inTerminal = () =>
      page.evaluate(() => document.activeElement?.classList.contains('xterm-helper-textarea') ?? false);
    await page.keyboard.press('Tab');
    expect(await inTerminal()).toBe(true);
    await page.keyboard.press('Escape');
    await page.keyboard.press('Tab');
    expect(await inTerminal()).toBe(false);
  });

  it('resets the cluster to the lesson start, after asking', async () => {
    await openTerminal();
    await paste(NETSHOOT);
    await waitForText(/^pod\/netshoot created$/);
    await idle();
    await page.locator('.bench button[data-action="reset"]').click();
    const dialog = page.getByRole('dialog', { name: 'Reset the lesson’s cluster?' });
    await dialog.waitFor({ state: 'visible' });
    await dialog.getByRole('button', { name: 'Reset the cluster' }).click();
    await page.waitForFunction(
      () =>
        !window
          .__netlabTerminals!.find((t) => t.tab === 'lesson')!
          .text()
          .includes('netshoot'),
    );
    await idle();
    await page.locator('.netlab-term[data-tab="lesson"] .xterm').click();
    await run('kubectl get pod netshoot');
    expect(await text()).toContain('Error from server (NotFound): pods "netshoot" not found');
  });

  it('copies the transcript to the clipboard from the toolbar', async () => {
    await browser.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: baseURL });
    await openTerminal();
    await run('echo copy me');
    await page.locator('.bench button[data-action="copy"]').click();
    await page.waitForFunction(
      () => document.querySelector('.bench__status')?.textContent === 'Transcript copied to the clipboard.',
    );
    expect(await page.evaluate(() => navigator.clipboard.readText())).toMatch(/\$ echo copy me\ncopy me\n.*\$ \n$/);
  });

  it('turns screen reader mode on from the toolbar', async () => {
    await openTerminal();
    const toggle = page.locator('.bench button[data-action="screen-reader"]');
    expect(await toggle.getAttribute('aria-pressed')).toBe('false');
    await toggle.click();
    expect(await toggle.getAttribute('aria-pressed')).toBe('true');
    await page.locator('.netlab-term .xterm-accessibility').first().waitFor({ state: 'attached' });
    await toggle.click();
    expect(await toggle.getAttribute('aria-pressed')).toBe('false');
  });

  it('goes full screen from the toolbar and back', async () => {
    await openTerminal();
    const toggle = page.locator('.bench button[data-action="fullscreen"]');
    await toggle.click();
    await page.waitForFunction(
      () => document.querySelector('.bench button[data-action="fullscreen"]')?.getAttribute('aria-pressed') === 'true',
    );
    const box = await page.locator('.bench').boundingBox();
    expect(box?.width).toBe(1280);
    await toggle.click();
    await page.waitForFunction(
      () => document.querySelector('.bench button[data-action="fullscreen"]')?.getAttribute('aria-pressed') === 'false',
    );
  });

  it('follows the site theme', async () => {
    await openTerminal();
    const background = (expected: string) =>
      page.waitForFunction(
        (rgb) =>
          getComputedStyle(document.querySelector('.netlab-term .xterm-scrollable-element')!).backgroundColor === rgb,
        expected,
      );
    await page.evaluate(() => (document.documentElement.dataset.theme = 'light'));
    await background('rgb(245, 247, 250)');
    await page.evaluate(() => (document.documentElement.dataset.theme = 'dark'));
    await background('rgb(22, 28, 35)');
  });

  it('draws the packet path of a cross-node curl: one element per hop, the DNAT hop naming the pod IP, keyboard navigable', async () => {
    await openTerminal();
    const panel = page.locator('.netlab-term[data-tab="lesson"] .netlab-term__trace');
    expect(await panel.isHidden()).toBe(true);
    await paste(`kubectl apply -f - <<EOF
apiVersion: v1
kind: Pod
metadata:
  name: client
spec:
  nodeName: myk8s-control-plane
  containers:
  - name: netshoot
    image: nicolaka/netshoot
EOF
kubectl create deployment web --image=traefik/whoami --replicas=1
kubectl expose deployment web --port=80
kubectl wait --for=condition=Ready pod --all
`);
    await waitForText(/^service\/web exposed$/);
    await idle();
    await run("kubectl get pod -l app=web -o jsonpath='{.items[0].status.podIP} {.items[0].spec.nodeName}'; echo");
    const [podIp = '', node = ''] = /^(10\.10\.\d+\.\d+) (myk8s-\S+)$/m.exec(await text())!.slice(1);
    expect(node).not.toBe('myk8s-control-plane');
    await run(
      "trace kubectl exec client -- curl -s $(kubectl get svc web -o jsonpath='{.spec.clusterIP}') > /dev/null",
    );
    await panel.waitFor({ state: 'visible' });
    const svg = panel.locator('svg.trace-svg');
    await svg.waitFor();
    // One element per hop: the client pod, its node (DNAT), the pod's node, the pod, and back.
    const hops = svg.locator('[data-hop]');
    expect(await hops.count()).toBe(8);
    expect(await hops.evaluateAll((gs) => gs.map((g) => (g as SVGElement).dataset.netns))).toEqual([
      'pod/default/client',
      'node/myk8s-control-plane',
      `node/${node}`,
      expect.stringMatching(/^pod\/default\/web-/),
      expect.stringMatching(/^pod\/default\/web-/),
      `node/${node}`,
      'node/myk8s-control-plane',
      'pod/default/client',
    ]);
    // The text version (the accessible alternative) has the same lanes.
    expect(await panel.locator('.trace-text .netlab-trace__lanes > li').count()).toBe(8);
    const dnat = svg.locator('[data-nat~="DNAT"]');
    expect(await dnat.count()).toBe(1);
    expect(await dnat.getAttribute('data-netns')).toBe('node/myk8s-control-plane');
    expect(await dnat.textContent()).toContain(`${podIp}:80`);
    expect(await dnat.locator('desc').textContent()).toMatch(
      new RegExp(`DNAT from 10\\.200\\.1\\.\\d+:80 to ${podIp.replace(/\./g, '\\.')}:80`),
    );
    // The reply undoes it on the same node.
    expect(await svg.locator('[data-nat~="un-DNAT"]').getAttribute('data-leg')).toBe('reply');
    // Keyboard: one tab stop, the arrows move between hops, Enter shows the rules that matched.
    await hops.first().focus();
    await page.keyboard.press('ArrowDown');
    expect(await page.evaluate(() => (document.activeElement as SVGElement | null)?.dataset?.hop)).toBe('2');
    await page.keyboard.press('Enter');
    const opened = svg.locator('[data-hop="2"]');
    await expect.poll(() => opened.getAttribute('aria-expanded')).toBe('true');
    const band = svg.locator(`[id="${await opened.getAttribute('aria-controls')}"]`);
    // Wrapped to the band's width: join its lines again.
    const rules = (await band.locator('text').allTextContents()).join(' ').replace(/\s+/g, ' ');
    expect(rules).toMatch(/-j DNAT --to-destination/);
    expect(await svg.locator('[data-hop][tabindex="0"]').count()).toBe(1);
    // The drawing, open, and enlarged in its dialog: nothing for axe in either theme.
    for (const theme of ['light', 'dark'])
      await page
        .evaluate((t) => (document.documentElement.dataset.theme = t), theme)
        .then(async () => expect(await seriousA11yViolations(page)).toEqual([]));
    await panel.getByRole('button', { name: 'Enlarge' }).click();
    const dialog = page.getByRole('dialog', { name: /^Packet path of:/ });
    await dialog.locator('svg [data-hop]').first().waitFor();
    expect(await dialog.locator('svg [data-hop]').count()).toBe(8);
    expect(await seriousA11yViolations(page)).toEqual([]);
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
  });
});
