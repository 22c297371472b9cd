/**
 * The small part of the lesson bench every lesson page ships: it places the bench (dock.ts), adds
 * Run buttons to shell code blocks, forwards toolbar, tab and key-bar presses and other islands'
 * requests to the bench (bench.ts), and loads the bench and boots the lesson's terminal once the
 * page is idle after load, so the prompt is ready when the learner looks. xterm, the client and
 * the emulator are loaded then, by dynamic import.
 */
import type { Bench } from './bench';
import { setupDock } from './dock';
import { TERMINAL_REQUEST, type TerminalRequestDetail } from '../exercises/terminalRequests';

/** Words the page renders for this script (Workbench.astro's data attributes): no dictionary ships up front. */
function words(root: HTMLElement): { run: string; runLabel: string; couldNotStart: string } {
  return {
    run: root.dataset.wordRun ?? '',
    runLabel: root.dataset.wordRunLabel ?? '',
    couldNotStart: root.dataset.wordCouldNotStart ?? '',
  };
}

let loading: Promise<Bench> | undefined;

/** The bench for `root`, loaded once. */
function bench(root: HTMLElement): Promise<Bench> {
  loading ??= import('./bench').then((m) => m.createBench(root));
  loading.catch((err: unknown) => {
    root.dataset.state = 'failed';
    const status = root.querySelector('.bench__status');
    if (status) status.textContent = `${words(root).couldNotStart}${err instanceof Error ? err.message : String(err)}`;
  });
  return loading;
}

/** The commands of a shell code block: every line, or only the `$ ` lines of a console session. */
export function commandLines(text: string, shell: string | undefined): string[] {
  const lines = text.replace(/\n+$/, '').split('\n');
  if (shell === 'console' || shell === 'shellsession') {
    return lines.filter((l) => l.startsWith('$ ')).map((l) => l.slice(2));
  }
  return lines;
}

function addRunButtons(root: HTMLElement): void {
  for (const pre of document.querySelectorAll<HTMLPreElement>('pre[data-shell]')) {
    const lines = commandLines(pre.textContent ?? '', pre.dataset.shell);
    if (lines.length === 0 || pre.dataset.runnable === 'false' || root.contains(pre)) continue;
    const button = document.createElement('button');
    button.type = 'button';
    button.className = 'run-button';
    button.textContent = words(root).run;
    button.setAttribute('aria-label', words(root).runLabel);
    button.addEventListener('click', async () => {
      button.disabled = true;
      try {
        await (await bench(root)).run(lines);
      } finally {
        button.disabled = false;
      }
    });
    // CodeCopy wraps each block in .code-block with its Copy button; sit next to it.
    const wrapper = pre.parentElement?.classList.contains('code-block') ? pre.parentElement : null;
    if (wrapper) wrapper.append(button);
    else pre.after(button);
  }
}

/** Toolbar buttons, tabs and the key bar: handled by the bench (loaded first if needed). */
function forwardControls(root: HTMLElement): void {
  // The key bar must not take the focus from the terminal (a phone would close its keyboard).
  root.addEventListener('pointerdown', (ev) => {
    if ((ev.target as Element).closest('.bench__keys button')) ev.preventDefault();
  });
  root.addEventListener('click', (ev) => {
    const target = ev.target as Element;
    const key = target.closest<HTMLElement>('.bench__keys [data-key]');
    if (key) return void bench(root).then((b) => b.barKey(key.dataset.key!));
    const tab = target.closest<HTMLElement>('[role="tab"][data-tab]');
    if (tab)
      return void bench(root).then((b) => b.tabClicked(tab.dataset.tab!, Boolean(target.closest('[data-close]'))));
    const button = target.closest<HTMLElement>('button[data-action]');
    if (button) void bench(root).then((b) => b.action(button.dataset.action!));
  });
  root.addEventListener('keydown', (ev) => {
    const tab = (ev.target as Element).closest<HTMLElement>('[role="tab"][data-tab]');
    if (!tab || !['ArrowLeft', 'ArrowRight', 'Home', 'End', 'Delete'].includes(ev.key)) return;
    ev.preventDefault();
    void bench(root).then((b) => b.tabKey(ev, tab.dataset.tab!));
  });
}

/** Answer other islands' requests (exercises: status, open, reset, snapshot, close). */
function answerRequests(root: HTMLElement): void {
  root.addEventListener(TERMINAL_REQUEST, (ev) => {
    const detail = (ev as CustomEvent<TerminalRequestDetail>).detail;
    detail.respond(bench(root).then((b) => b.request(detail.request)));
  });
}

/** Run `work` once the page has loaded and the browser is idle. */
function afterLoadWhenIdle(work: () => void): void {
  const idle = () =>
    'requestIdleCallback' in window ? requestIdleCallback(work, { timeout: 2000 }) : setTimeout(work, 200);
  if (document.readyState === 'complete') idle();
  else window.addEventListener('load', idle, { once: true });
}

/** Set up the page's bench, if it has one. */
export function setupBench(): void {
  const root = document.querySelector<HTMLElement>('.bench');
  if (!root) return;
  setupDock(root);
  forwardControls(root);
  answerRequests(root);
  // After every module script ran, so CodeCopy has wrapped the blocks (DOMContentLoaded waits for them).
  // Module scripts run while readyState is still 'interactive', before DOMContentLoaded.
  let added = false;
  const add = () => {
    if (added) return;
    added = true;
    addRunButtons(root);
  };
  if (document.readyState === 'complete') add();
  else {
    document.addEventListener('DOMContentLoaded', add, { once: true });
    window.addEventListener('load', add, { once: true });
  }
  afterLoadWhenIdle(() => void bench(root).then((b) => b.boot()));
}
