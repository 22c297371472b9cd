/**
 * The lesson terminal as a learner uses it, on the intro lesson's terminal: type and read, stop a
 * long loop, history and reverse search, Tab completion, Run buttons, a pasted heredoc, reload and
 * reset. Text is read from xterm's buffer through the page's test hook (`__netlabTerminals`).
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, describe, expect, inject, it } from 'vitest';
import { launchBrowser, recordPage } from './browser';

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

/** Load the lesson, bring its terminal into view, wait for the prompt, focus it. */
async function openTerminal(): Promise<void> {
  await page.goto(LESSON, { waitUntil: 'load' });
  await page.locator('.netlab-term').first().scrollIntoViewIfNeeded();
  await page.waitForFunction(() => (window.__netlabTerminals?.length ?? 0) > 0, null, { timeout: 15_000 });
  await page.evaluate(() => window.__netlabTerminals![0]!.ready);
  await page.locator('.netlab-term .xterm').first().click();
}

const text = () => page.evaluate(() => window.__netlabTerminals![0]!.text());
const idle = () => page.evaluate(() => window.__netlabTerminals![0]!.whenIdle());
const size = () => page.evaluate(() => window.__netlabTerminals![0]!.size());

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
  await page.waitForFunction((src) => new RegExp(src, 'm').test(window.__netlabTerminals![0]!.text()), pattern.source, {
    timeout,
  });
  return text();
}

/** The last prompt line of the transcript (what is being typed now). */
async function currentLine(): Promise<string> {
  const lines = (await text()).split('\n');
  return lines[lines.length - 1] ?? '';
}

/** Paste as the browser does: a paste event with clipboard data on xterm's textarea. */
async function paste(content: string): Promise<void> {
  await page.evaluate((data) => {
    const textarea = document.querySelector<HTMLTextAreaElement>('.netlab-term .xterm-helper-textarea')!;
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
  it('loads xterm only when the terminal is about to be used', async () => {
    const fresh = await browser.context.newPage();
    const record = recordPage(fresh);
    await fresh.goto(LESSON, { waitUntil: 'load' });
    await fresh.waitForTimeout(300);
    const early = record.requests.filter((u) => /\/(xterm|client)\.[\w-]+\.js$/.test(new URL(u).pathname));
    expect(early).toEqual([]);
    await fresh.locator('.netlab-term').first().scrollIntoViewIfNeeded();
    await fresh.waitForFunction(() => (window.__netlabTerminals?.length ?? 0) > 0, null, { timeout: 15_000 });
    expect(record.requests.some((u) => /\/xterm\.[\w-]+\.js$/.test(new URL(u).pathname))).toBe(true);
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

  it('reaches past the text column over the toc gutter on a wide screen, left edge with the text, without horizontal scrolling', async () => {
    await openTerminal();
    const box = await page.evaluate(() => {
      const rect = (sel: string) => document.querySelector(sel)!.getBoundingClientRect();
      return {
        term: rect('.netlab-term'),
        body: rect('.lesson-body'),
        toc: rect('.toc-sidebar'),
        scroll: document.documentElement.scrollWidth,
        client: document.documentElement.clientWidth,
      };
    });
    expect(box.term.left).toBe(box.body.left);
    expect(box.term.width).toBeGreaterThan(box.body.width + 200);
    expect(box.term.right).toBeLessThanOrEqual(box.toc.right);
    expect(box.scroll).toBe(box.client);
  });

  it('tells the shell the terminal size: $COLUMNS and $LINES are the xterm cols and rows, also after a resize', async () => {
    await openTerminal();
    const before = await size();
    expect(await shellSize()).toBe(`${before.cols} ${before.rows}`);
    await page.setViewportSize({ width: 900, height: 900 });
    await page.waitForFunction((cols) => window.__netlabTerminals![0]!.size().cols !== cols, before.cols);
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
    await page.waitForFunction(() => window.__netlabTerminals![0]!.text().endsWith('$ echo first'));
    await page.keyboard.press('Enter');
    await idle();
    await page.keyboard.press('Control+r');
    await page.keyboard.type('seco');
    await page.waitForFunction(() =>
      window.__netlabTerminals![0]!.text().endsWith("(reverse-i-search)`seco': echo second"),
    );
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
    await page.waitForFunction(() => window.__netlabTerminals![0]!.text().endsWith('etcd-myk8s-control-plane '));
    await page.keyboard.press('Enter');
    await idle();
    expect(await text()).toMatch(/^etcd-myk8s-control-plane\s+1\/1\s+Running\s/m);
  });

  it('runs a code block in the terminal when its Run button is clicked', async () => {
    await openTerminal();
    const button = page.locator('h2#try-it ~ .code-block .run-button').first();
    await button.click();
    await page.waitForFunction(() => window.__netlabTerminals![0]!.text().includes('$ kubectl get nodes\n'));
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
    await page.locator('.netlab-term').first().scrollIntoViewIfNeeded();
    await page.waitForFunction(() => (window.__netlabTerminals?.length ?? 0) > 0, null, { timeout: 15_000 });
    await page.evaluate(() => window.__netlabTerminals![0]!.ready);
    expect(await text()).toContain('$ echo before reload\nbefore reload');
    await page.locator('.netlab-term .xterm').first().click();
    await page.keyboard.press('ArrowUp');
    await page.waitForFunction(() => window.__netlabTerminals![0]!.text().endsWith('$ echo before reload'));
    await page.keyboard.press('Control+u');
    await run('kubectl get pod netshoot -o name');
    expect(await currentLine()).toMatch(/\$ $/);
    expect(await text()).toMatch(/\$ kubectl get pod netshoot -o name\npod\/netshoot\n/);
  });

  it('starts fresh with a notice when the saved session is corrupt', async () => {
    await page.goto(LESSON, { waitUntil: 'load' });
    await page.evaluate(() => {
      localStorage.setItem(`netlab:term:v1:${location.pathname}:0`, '{not json');
    });
    await openTerminal();
    expect(await text()).toContain('netlab: saved session could not be restored (not valid JSON); starting fresh');
    await run('echo still works');
    expect(await text()).toContain('still works');
  });

  it('starts fresh with a notice when the emulator refuses the saved snapshot', async () => {
    await page.goto(LESSON, { waitUntil: 'load' });
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
      localStorage.setItem(`netlab:term:v1:${location.pathname}:0`, JSON.stringify(entry));
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

  it('resets the cluster to the lesson start', async () => {
    await openTerminal();
    await paste(NETSHOOT);
    await waitForText(/^pod\/netshoot created$/);
    await idle();
    page.once('dialog', (d) => void d.accept());
    await page.locator('.netlab-term button[data-action="reset"]').first().click();
    await page.waitForFunction(() => !window.__netlabTerminals![0]!.text().includes('netshoot'));
    await idle();
    await page.locator('.netlab-term .xterm').first().click();
    await run('kubectl get pod netshoot');
    expect(await text()).toContain('Error from server (NotFound): pods "netshoot" not found');
  });

  it('copies the transcript to the clipboard from the toolbar', async () => {
    await browser.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: baseURL });
    await openTerminal();
    await run('echo copy me');
    await page.locator('.netlab-term button[data-action="copy"]').first().click();
    await page.waitForFunction(
      () => document.querySelector('.netlab-term__status')?.textContent === 'Transcript copied to the clipboard.',
    );
    expect(await page.evaluate(() => navigator.clipboard.readText())).toMatch(/\$ echo copy me\ncopy me\n.*\$ \n$/);
  });

  it('turns screen reader mode on from the toolbar', async () => {
    await openTerminal();
    const toggle = page.locator('.netlab-term button[data-action="screen-reader"]').first();
    expect(await toggle.getAttribute('aria-pressed')).toBe('false');
    await toggle.click();
    expect(await toggle.getAttribute('aria-pressed')).toBe('true');
    await page.locator('.netlab-term .xterm-accessibility').first().waitFor({ state: 'attached' });
    await toggle.click();
    expect(await toggle.getAttribute('aria-pressed')).toBe('false');
  });

  it('goes full screen from the toolbar and back', async () => {
    await openTerminal();
    const toggle = page.locator('.netlab-term button[data-action="fullscreen"]').first();
    await toggle.click();
    await page.waitForFunction(
      () =>
        document.querySelector('.netlab-term button[data-action="fullscreen"]')?.getAttribute('aria-pressed') ===
        'true',
    );
    const box = await page.locator('.netlab-term').first().boundingBox();
    expect(box?.height).toBeGreaterThan(800);
    await toggle.click();
    await page.waitForFunction(
      () =>
        document.querySelector('.netlab-term button[data-action="fullscreen"]')?.getAttribute('aria-pressed') ===
        'false',
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

  it('draws the packet path of the last trace under the terminal', async () => {
    await openTerminal();
    const panel = page.locator('.netlab-term__trace').first();
    expect(await panel.isHidden()).toBe(true);
    await run('docker exec myk8s-worker trace curl -s 10.200.1.10:9153');
    await panel.waitFor({ state: 'visible' });
    const figure = await panel.innerText();
    expect(figure).toContain('Packet path of the last trace: curl -s 10.200.1.10:9153');
    expect(figure).toMatch(/Packet 1: TCP 172\.18\.0\.3:\d+ → 10\.200\.1\.10:9153/);
    expect(figure).toMatch(/netns node\/myk8s-worker\n[\s\S]*DNAT 10\.200\.1\.10:9153 -> 10\.10\.\d+\.\d+:9153/);
    expect(figure).toMatch(/⇒ delivered in pod\/kube-system\/coredns-/);
    // The reply is shown where it starts: from the coredns pod, before the node un-DNATs it.
    expect(figure).toMatch(/Reply 1: TCP 10\.10\.\d+\.\d+:9153 → 172\.18\.0\.3:\d+/);
  });

  it('answers other islands: status, snapshot, load (kept across a reload) and focus', async () => {
    await openTerminal();
    const ask = (request: object) =>
      page.evaluate((req) => {
        let answer: Promise<unknown> | undefined;
        const root = document.querySelector('.netlab-term')!;
        root.dispatchEvent(
          new CustomEvent('netlab:terminal-request', {
            detail: { request: req, respond: (a: Promise<unknown>) => (answer = a) },
          }),
        );
        return answer;
      }, request);
    expect(await ask({ kind: 'status' })).toEqual({ loaded: null, worked: false, scenario: 'kind-iptables', seed: 1 });
    await run('echo worked');
    expect(await ask({ kind: 'status' })).toMatchObject({ worked: true });
    const loaded = await ask({
      kind: 'load',
      scenario: 'kind-ipvs',
      seed: 2,
      setup: ['kubectl create deployment web --image=nginx'],
      label: 'ex-1',
    });
    expect(loaded).toEqual({ loaded: 'ex-1', worked: false, scenario: 'kind-ipvs', seed: 2 });
    expect(await page.evaluate(() => (document.querySelector('.netlab-term') as HTMLElement).dataset.loaded)).toBe(
      'ex-1',
    );
    const snap = (await ask({ kind: 'snapshot' })) as { data: { scenario: string; seed: number } };
    expect([snap.data.scenario, snap.data.seed]).toEqual(['kind-ipvs', 2]);
    await ask({ kind: 'focus' });
    await run('kubectl get deployment -o name');
    expect(await text()).toMatch(/^deployment\.apps\/web$/m);
    await page.reload({ waitUntil: 'load' });
    expect(await ask({ kind: 'status' })).toEqual({ loaded: 'ex-1', worked: true, scenario: 'kind-ipvs', seed: 2 });
  });

  it('hosts two independent terminals on one page', async () => {
    // Serve the lesson with its terminal twice, as a lesson with two <Terminal>s renders it.
    await page.route(LESSON, async (route) => {
      const response = await route.fetch();
      const html = await response.text();
      const section = /<section[^>]*class="netlab-term[\s\S]*?<\/section>/.exec(html)?.[0] ?? '';
      await route.fulfill({ response, body: html.replace(section, section + section) });
    });
    await page.goto(LESSON, { waitUntil: 'load' });
    const terms = page.locator('.netlab-term');
    expect(await terms.count()).toBe(2);
    await terms.nth(1).scrollIntoViewIfNeeded();
    await page.waitForFunction(() => (window.__netlabTerminals?.length ?? 0) === 2, null, { timeout: 15_000 });
    await page.evaluate(() => Promise.all(window.__netlabTerminals!.map((t) => t.ready)));
    const byRoot = (i: number) =>
      page.evaluate((n) => {
        const root = document.querySelectorAll('.netlab-term')[n];
        return window.__netlabTerminals!.findIndex((t) => (t as unknown as { root: Element }).root === root);
      }, i);
    const [first, second] = [await byRoot(0), await byRoot(1)];
    const typeInto = async (nth: number, handle: number, line: string) => {
      await terms.nth(nth).locator('.xterm').click();
      await page.keyboard.type(line);
      await page.keyboard.press('Enter');
      await page.evaluate((n) => window.__netlabTerminals![n]!.whenIdle(), handle);
    };
    await typeInto(0, first, 'echo one > only-here.txt');
    await typeInto(1, second, 'cat only-here.txt');
    const texts = await page.evaluate(() => window.__netlabTerminals!.map((t) => t.text()));
    expect(texts[second]).toContain('cat: only-here.txt: No such file or directory');
    expect(texts[first]).not.toContain('cat only-here.txt');
    await page.waitForFunction(
      () => Object.keys(localStorage).filter((k) => k.startsWith('netlab:term:')).length === 2,
    );
    const keys = await page.evaluate(() =>
      Object.keys(localStorage)
        .filter((k) => k.startsWith('netlab:term:'))
        .sort(),
    );
    expect(keys).toEqual([
      'netlab:term:v1:/lessons/how-this-course-works/:0',
      'netlab:term:v1:/lessons/how-this-course-works/:1',
    ]);
  });
});
