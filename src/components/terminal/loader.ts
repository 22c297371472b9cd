/**
 * The small part of the terminal every lesson page with a terminal ships: it finds the terminal
 * placeholders, starts one when it comes near the viewport (or its Start button is pressed, or a
 * Run button or another island's request needs it), wires the toolbar, answers other islands'
 * requests (exercises/terminalRequests.ts), and adds Run buttons to shell code blocks. xterm, the
 * client and the emulator are loaded only then, by dynamic import.
 */
import type { TerminalHandle } from './client';
import { TERMINAL_REQUEST, type TerminalRequestDetail } from '../exercises/terminalRequests';

const started = new WeakMap<HTMLElement, Promise<TerminalHandle>>();

/** Start (once) the terminal rendered in `root`. */
export function startTerminal(root: HTMLElement): Promise<TerminalHandle> {
  let p = started.get(root);
  if (!p) {
    root.dataset.state = 'loading';
    p = import('./client').then((m) => m.mountTerminal(root));
    p.catch((err: unknown) => {
      root.dataset.state = 'failed';
      const status = root.querySelector('.netlab-term__status');
      if (status)
        status.textContent = `The terminal could not start: ${err instanceof Error ? err.message : String(err)}`;
    });
    started.set(root, p);
  }
  return p;
}

/** The commands of a shell code block: every line, or only the `$ ` lines of a console session. */
export function commandLines(text: string, shell: string | undefined): string[] {
  const lines = text.replace(/\n+$/, '').split('\n');
  if (shell === 'console' || shell === 'shellsession') {
    return lines.filter((l) => l.startsWith('$ ')).map((l) => l.slice(2));
  }
  return lines;
}

/** The terminal a code block's Run button drives: the first one after it, else the last one before it. */
function terminalFor(block: Element, roots: HTMLElement[]): HTMLElement | undefined {
  const after = roots.find((r) => block.compareDocumentPosition(r) & Node.DOCUMENT_POSITION_FOLLOWING);
  return after ?? roots[roots.length - 1];
}

function addRunButtons(roots: HTMLElement[]): void {
  for (const pre of document.querySelectorAll<HTMLPreElement>('pre[data-shell]')) {
    const lines = commandLines(pre.textContent ?? '', pre.dataset.shell);
    const target = terminalFor(pre, roots);
    if (!target || lines.length === 0 || pre.dataset.runnable === 'false') continue;
    const button = document.createElement('button');
    button.type = 'button';
    button.className = 'run-button';
    button.textContent = 'Run';
    button.setAttribute('aria-label', 'Run in the terminal');
    button.addEventListener('click', async () => {
      button.disabled = true;
      try {
        const term = await startTerminal(target);
        const smooth = !matchMedia('(prefers-reduced-motion: reduce)').matches;
        target.scrollIntoView({ block: 'nearest', behavior: smooth ? 'smooth' : 'auto' });
        await term.ready;
        term.focus();
        await term.runLines(lines);
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

function wireToolbar(root: HTMLElement): void {
  root.addEventListener('click', async (ev) => {
    const button = (ev.target as Element).closest<HTMLButtonElement>('button[data-action]');
    if (!button || !root.contains(button)) return;
    const term = await startTerminal(root);
    switch (button.dataset.action) {
      case 'start':
        await term.ready;
        term.focus();
        break;
      case 'reset':
        await term.reset();
        break;
      case 'copy':
        await term.copyTranscript();
        break;
      case 'fullscreen':
        await term.toggleFullscreen();
        break;
      case 'screen-reader':
        term.toggleScreenReader();
        break;
    }
  });
}

/** Answer other islands' requests (exercises: status, snapshot, load, focus), starting the terminal if needed. */
function answerRequests(root: HTMLElement): void {
  root.addEventListener(TERMINAL_REQUEST, (ev) => {
    const detail = (ev as CustomEvent<TerminalRequestDetail>).detail;
    detail.respond(startTerminal(root).then((term) => term.request(detail.request)));
  });
}

/** Set up every terminal on the page. */
export function setupTerminals(): void {
  const roots = [...document.querySelectorAll<HTMLElement>('.netlab-term')];
  if (roots.length === 0) return;
  roots.forEach((root, i) => {
    root.dataset.terminalId ||= String(i);
    wireToolbar(root);
    answerRequests(root);
  });
  const observer = new IntersectionObserver(
    (entries) => {
      for (const e of entries) {
        if (!e.isIntersecting) continue;
        observer.unobserve(e.target);
        void startTerminal(e.target as HTMLElement);
      }
    },
    { rootMargin: '300px 0px' },
  );
  for (const root of roots) observer.observe(root);
  // After every module script ran, so CodeCopy has wrapped the blocks (DOMContentLoaded waits for them).
  let added = false;
  const add = () => {
    if (added) return;
    added = true;
    addRunButtons(roots);
  };
  if (document.readyState === 'complete') add();
  else {
    document.addEventListener('DOMContentLoaded', add, { once: true });
    window.addEventListener('load', add, { once: true });
  }
}
