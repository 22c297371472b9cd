/**
 * Mermaid diagrams: drawn to SVG on pages that have them, with the dagre layout (the ELK chunk is
 * never fetched), and no mermaid code at all on pages without diagrams.
 *
 * The last block proves these checks can fail: it breaks a page on purpose (through request
 * interception, never by touching dist/) and expects each check to notice.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { builtPages, elkRequests, launchBrowser, scriptRequests, visit, type PageRecord } from './browser';

const baseURL = inject('baseURL');
const pages = builtPages(inject('distDir'));
const diagramPages = pages.filter((p) => p.hasDiagram);
const plainPages = pages.filter((p) => !p.hasDiagram);

let browser: Awaited<ReturnType<typeof launchBrowser>>;
let page: Page;
/** Script URLs a diagram page loads that the home page does not: the diagram code. */
let mermaidScripts: Set<string>;

/** What is wrong with the page's diagrams: any not drawn as an SVG, or with no source kept. */
async function diagramProblems(p: Page): Promise<string[]> {
  return p.evaluate(() => {
    const problems: string[] = [];
    const figures = [...document.querySelectorAll<HTMLElement>('.mermaid-figure')];
    const blocks = document.querySelectorAll('code.language-mermaid').length;
    if (figures.length === 0) problems.push('no diagram was set up');
    if (figures.length !== blocks) problems.push(`${blocks} mermaid blocks but ${figures.length} figures`);
    figures.forEach((figure, i) => {
      if (figure.dataset.state !== 'rendered') problems.push(`diagram ${i} is ${figure.dataset.state}`);
      if (!figure.querySelector('.mermaid-canvas svg g')) problems.push(`diagram ${i} has no SVG drawing`);
      if (!figure.querySelector('pre code.language-mermaid')?.textContent?.trim())
        problems.push(`diagram ${i} lost its source`);
    });
    return problems;
  });
}

/** Scripts from the diagram code a page loaded. */
function mermaidLoaded(record: PageRecord): string[] {
  return scriptRequests(record).filter((url) => mermaidScripts.has(url) || /mermaid/i.test(url));
}

beforeAll(async () => {
  browser = await launchBrowser();
  page = await browser.context.newPage();
  const home = await visit(page, `${baseURL}/`);
  const homeScripts = new Set(scriptRequests(home));
  const firstDiagramPage = diagramPages[0];
  if (!firstDiagramPage) throw new Error('no page with a diagram was built');
  const withDiagram = await visit(page, baseURL + firstDiagramPage.path);
  // Scripts only the diagram page loads, and that are mermaid's: other pages may share the lesson's
  // other chunks (a lab sheet loads the same bench), so each candidate is read for mermaid's name.
  const candidates = scriptRequests(withDiagram).filter((url) => !homeScripts.has(url));
  const sources = await Promise.all(candidates.map(async (url) => (await fetch(url)).text()));
  mermaidScripts = new Set(candidates.filter((_, i) => /mermaid/i.test(sources[i]!)));
});

afterAll(async () => {
  await browser?.close();
});

describe('pages with diagrams', () => {
  it('exist, so the checks below check something', () => {
    expect(diagramPages.length).toBeGreaterThan(0);
    expect(mermaidScripts.size).toBeGreaterThan(0);
  });

  describe.each(diagramPages)('$path', ({ path }) => {
    it('draws every diagram as an SVG and keeps its source', async () => {
      const record = await visit(page, baseURL + path);
      expect(record.problems).toEqual([]);
      expect(await diagramProblems(page)).toEqual([]);
    });

    it('never fetches the ELK layout chunk', async () => {
      const record = await visit(page, baseURL + path);
      expect(elkRequests(record)).toEqual([]);
    });

    it('redraws its diagrams in the other theme', async () => {
      await visit(page, baseURL + path);
      const before = await page.locator('.mermaid-canvas svg').first().innerHTML();
      await page.locator('[data-theme-toggle]').click(); // auto (light here) → light: no change
      await page.locator('[data-theme-toggle]').click(); // → dark
      await page.waitForFunction((old) => {
        const svg = document.querySelector('.mermaid-canvas svg');
        return svg !== null && svg.innerHTML !== old && document.documentElement.dataset.theme === 'dark';
      }, before);
      expect(await diagramProblems(page)).toEqual([]);
      await page.evaluate(() => localStorage.removeItem('netlab:theme'));
    });
  });
});

describe('pages without diagrams', () => {
  it.each(plainPages)('$path loads no mermaid code', async ({ path }) => {
    const record = await visit(page, baseURL + path);
    expect(mermaidLoaded(record)).toEqual([]);
  });
});

describe('the checks above fail when', () => {
  it('a diagram stops rendering', async () => {
    const target = diagramPages[0]!.path;
    await page.route(baseURL + target, async (route) => {
      const response = await route.fetch();
      const html = (await response.text()).replace(
        /(<code class="language-mermaid">)/,
        '$1this is not a diagram %%%\n',
      );
      await route.fulfill({ response, body: html });
    });
    try {
      await visit(page, baseURL + target);
      expect(await diagramProblems(page)).toContain('diagram 0 is failed');
    } finally {
      await page.unrouteAll();
    }
  });

  it('a page throws', async () => {
    await page.route(`${baseURL}/`, async (route) => {
      const response = await route.fetch();
      const html = (await response.text()).replace(
        '</body>',
        '<script>throw new Error("injected fault")</script></body>',
      );
      await route.fulfill({ response, body: html });
    });
    try {
      const record = await visit(page, `${baseURL}/`);
      expect(record.problems).toContain('uncaught exception: injected fault');
    } finally {
      await page.unrouteAll();
    }
  });

  it('a plain page pulls in mermaid', async () => {
    const chunk = [...mermaidScripts].at(-1)!;
    await page.route(`${baseURL}/`, async (route) => {
      const response = await route.fetch();
      const html = (await response.text()).replace(
        '</body>',
        `<script type="module">import(${JSON.stringify(chunk)})</script></body>`,
      );
      await route.fulfill({ response, body: html });
    });
    try {
      const record = await visit(page, `${baseURL}/`);
      expect(mermaidLoaded(record)).toContain(chunk);
    } finally {
      await page.unrouteAll();
    }
  });
});
