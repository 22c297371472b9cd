/**
 * One terminal in the page: xterm.js on screen, the emulator in a Web Worker, the controller in
 * between. The bench (bench.ts) mounts one per tab (the lesson's cluster, an exercise's cluster)
 * and owns the toolbar; this module is loaded on demand with xterm and the fit addon, the worker is
 * another lazily loaded chunk.
 */
import '@xterm/xterm/css/xterm.css';
import { TerminalController } from './controller';
import { clearSession, loadSession, saveSession, type KeyValueStore, type SessionIdentity } from './persistence';
import { followSiteTheme, DARK, LIGHT } from './theme';
import { bufferLines } from './transcript';
import { droppedNotice, type FromWorker, type ToWorker } from './protocol';
import type { TerminalStatus } from '../exercises/terminalRequests';
import { ctrlKey } from './keybar';
import { bench as en } from '../../i18n/en/bench';
import { bench as ko } from '../../i18n/ko/bench';
import { localized } from '../../i18n/client';

const t = localized(en, ko);

/** What the bench, the key bar and the browser tests can do with a started terminal. */
export interface TerminalHandle {
  /** The tab it belongs to: `lesson`, or an exercise id. */
  readonly tab: string;
  /** Its tab panel (`.netlab-term`). */
  readonly root: HTMLElement;
  /** The whole transcript as plain text (wrapped rows joined). */
  text(): string;
  /** Type these lines into the terminal, each after the previous one finished. */
  runLines(lines: readonly string[]): Promise<void>;
  whenIdle(): Promise<void>;
  /** The terminal's size in cells, as last fitted (and sent to the worker). */
  size(): { cols: number; rows: number };
  /** Resolves with the worker's boot time once the first prompt is shown. */
  readonly ready: Promise<{ bootMs: number }>;
  /** Focus the terminal without scrolling the page. */
  focus(): void;
  /** Keys as if typed (the key bar): escape sequences, control characters, text. */
  input(data: string): void;
  /** Make the next typed key a Ctrl combination (the key bar's sticky Ctrl). */
  armCtrl(armed: boolean): void;
  /** Rebuild the cluster from its start and forget the saved session. The caller asks first. */
  reset(): Promise<void>;
  copyTranscript(): Promise<void>;
  setFontSize(px: number): void;
  setScreenReader(on: boolean): void;
  /** Fit the terminal to its box again (after it was shown or resized). */
  refit(): void;
  /** Where it stands: whether the learner ran a command since the cluster was built. */
  status(): TerminalStatus;
  /** The emulator's snapshot after the last finished command (never mid-command). */
  snapshot(): Promise<unknown>;
  /** Stop the worker and forget the saved session (an exercise tab being closed). */
  discard(): void;
}

export interface TerminalOptions {
  tab: string;
  /** The localStorage key of its saved session. */
  key: string;
  /** What the cluster is built from. */
  identity: SessionIdentity;
  /** For an exercise's cluster, the exercise id (saved with the session); null for the lesson's. */
  label: string | null;
  /** The accessible name's start: `Lesson cluster, kind-iptables`. */
  title: string;
  /** Save as soon as the cluster is built, so a reload before the first command finds it (an exercise's). */
  saveOnBoot: boolean;
  fontSize: number;
  screenReader: boolean;
  /** The bench's status line. */
  say(text: string): void;
  /** Escape was pressed in the terminal (the bench leaves its full-screen fallback). */
  onEscape?(): void;
  /** The sticky Ctrl was used or dropped. */
  onCtrlChange?(armed: boolean): void;
  /** A command printed lines wider than the terminal. */
  onWideOutput?(): void;
  /** The packet walk of the last `trace` command, or null when the cluster was rebuilt. */
  onTrace?(data: unknown): void;
}

const SAVE_DELAY_MS = 400;

function storage(): KeyValueStore | null {
  try {
    return window.localStorage;
  } catch {
    return null;
  }
}

/** A line of output wider than `cols` (escape sequences take no room). */
function widerThan(text: string, cols: number): boolean {
  // eslint-disable-next-line no-control-regex
  return text.split('\n').some((l) => l.replace(/\x1b\[[0-9;?]*[ -/]*[@-~]/g, '').length > cols);
}

/** Start a terminal inside `root`, a `.netlab-term` tab panel rendered by Workbench.astro or bench.ts. */
export async function mountTerminal(root: HTMLElement, opts: TerminalOptions): Promise<TerminalHandle> {
  const [{ Terminal }, { FitAddon }] = await Promise.all([import('@xterm/xterm'), import('@xterm/addon-fit')]);
  const screen = root.querySelector<HTMLElement>('.netlab-term__screen')!;
  const identity = opts.identity;
  let worked = false;
  const key = opts.key;

  const term = new Terminal({
    fontFamily: "ui-monospace, SFMono-Regular, 'SF Mono', Menlo, Consolas, 'Liberation Mono', monospace",
    fontSize: opts.fontSize,
    cursorBlink: true,
    scrollback: 5000,
    screenReaderMode: opts.screenReader,
    // WCAG AA for any colour a command prints, on either theme's background.
    minimumContrastRatio: 4.5,
  });
  const fit = new FitAddon();
  term.loadAddon(fit);
  screen.replaceChildren();
  term.open(screen);
  const stopTheme = followSiteTheme((t) => (term.options.theme = t === 'dark' ? DARK : LIGHT));
  try {
    fit.fit();
  } catch {
    // Hidden: fitted when shown.
  }
  // Ask xterm to mark pastes, so a pasted Tab is text and pasted lines run one by one.
  const enableBracketedPaste = () => term.write('\x1b[?2004h');
  enableBracketedPaste();
  term.textarea?.setAttribute('aria-label', t.terminalLabel(opts.title));
  root.dataset.state = 'booting';

  let worker: Worker;
  let workerStopped = false;
  let discarded = false;
  const send = (msg: ToWorker) => worker.postMessage(msg);
  /** Tell the worker the terminal's size: what commands read as the tty's (watch's width, $COLUMNS). */
  const sendSize = () => send({ type: 'resize', cols: term.cols, rows: term.rows });
  const controller = new TerminalController({ write: (d) => term.write(d), send, cols: term.cols });

  let resolveReady!: (v: { bootMs: number }) => void;
  const ready = new Promise<{ bootMs: number }>((r) => (resolveReady = r));
  let booted = false;
  let nextReady: Array<() => void> = [];
  const snapshotAnswers = new Map<number, (data: unknown) => void>();
  let snapshotId = 0;
  /** The cluster as the worker holds it (after any running command: the worker serialises them). */
  const askSnapshot = () =>
    new Promise<unknown>((resolve) => {
      snapshotAnswers.set(++snapshotId, resolve);
      send({ type: 'snapshot', id: snapshotId });
    });
  let snapshot: unknown;
  let scrollback: string[] = [];
  let saveTimer: ReturnType<typeof setTimeout> | undefined;

  const saveNow = () => {
    clearTimeout(saveTimer);
    saveTimer = undefined;
    if (snapshot === undefined || discarded) return;
    saveSession(storage(), key, {
      version: 1,
      ...identity,
      setup: [...identity.setup],
      savedAt: new Date().toISOString(),
      snapshot,
      scrollback,
      ...(opts.label ? { label: opts.label } : {}),
    });
  };
  const scheduleSave = () => {
    clearTimeout(saveTimer);
    saveTimer = setTimeout(saveNow, SAVE_DELAY_MS);
  };

  const onMessage = (ev: MessageEvent<FromWorker>) => {
    const msg = ev.data;
    if (msg.type === 'ready' && msg.notice) {
      // The saved snapshot was refused by the emulator: forget it, and its scrollback with it.
      clearSession(storage(), key);
      snapshot = undefined;
      scrollback = [];
      worked = false;
      term.reset();
      enableBracketedPaste();
    }
    controller.receive(msg);
    if (msg.type === 'ready') {
      root.dataset.state = 'ready';
      resolveReady({ bootMs: msg.bootMs });
      const waiters = nextReady;
      nextReady = [];
      for (const w of waiters) w();
      if (!booted) {
        booted = true;
        // A new exercise cluster is saved at once, so a reload before the first command keeps it.
        if (opts.saveOnBoot && snapshot === undefined)
          void askSnapshot().then((data) => {
            snapshot ??= data;
            saveNow();
          });
      }
    } else if (msg.type === 'output') {
      if (opts.onWideOutput && widerThan(msg.data, term.cols)) opts.onWideOutput();
    } else if (msg.type === 'done' && !msg.continuation && msg.snapshot !== undefined) {
      snapshot = msg.snapshot;
      worked = true;
      scrollback = controller.transcript();
      scheduleSave();
    } else if (msg.type === 'snapshot') {
      snapshotAnswers.get(msg.id)?.(msg.data);
      snapshotAnswers.delete(msg.id);
    } else if (msg.type === 'event' && msg.event.type === 'trace') {
      opts.onTrace?.(msg.event.data);
    }
  };
  const onError = (ev: ErrorEvent) => {
    ev.preventDefault();
    workerStopped = true;
    term.write(
      `\r\n\x1b[31mnetlab: the emulator stopped (${ev.message || 'worker error'}). Press Reset to start again.\x1b[0m\r\n`,
    );
  };
  const startWorker = () => {
    worker = new Worker(new URL('./worker.ts', import.meta.url), { type: 'module' });
    worker.onmessage = onMessage;
    worker.onerror = onError;
    workerStopped = false;
    sendSize();
  };
  startWorker();

  // The key bar's sticky Ctrl turns the next typed character into its control character.
  let ctrlArmed = false;
  const armCtrl = (armed: boolean) => {
    if (ctrlArmed === armed) return;
    ctrlArmed = armed;
    opts.onCtrlChange?.(armed);
  };
  term.onData((data) => {
    if (ctrlArmed) {
      armCtrl(false);
      controller.input(ctrlKey(data));
      return;
    }
    controller.input(data);
  });

  // Escape then Tab leaves the terminal (xterm keeps Tab for completion otherwise).
  let escapeArmed = false;
  term.attachCustomKeyEventHandler((ev) => {
    if (ev.type !== 'keydown') return true;
    if (ev.key === 'Escape') {
      escapeArmed = true;
      opts.onEscape?.();
      return true;
    }
    if (ev.key === 'Tab' && escapeArmed) {
      escapeArmed = false;
      return false;
    }
    // Ctrl-Shift-C copies the selection, as in Linux terminals (Ctrl-C is the interrupt).
    if (ev.ctrlKey && ev.shiftKey && ev.code === 'KeyC') {
      const selection = term.getSelection();
      if (selection) void navigator.clipboard?.writeText(selection).catch(() => {});
      ev.preventDefault();
      return false;
    }
    // Ctrl-Shift-V: leave it to the browser, whose paste event xterm turns into a bracketed paste.
    if (ev.ctrlKey && ev.shiftKey && ev.code === 'KeyV') return false;
    if (!['Shift', 'Control', 'Alt', 'Meta'].includes(ev.key)) escapeArmed = false;
    return true;
  });

  let lastSize = '';
  const refit = () => {
    try {
      fit.fit();
    } catch {
      // Hidden (display:none) containers cannot be measured; the next resize will do.
      return;
    }
    const now = `${term.cols}x${term.rows}`;
    if (now === lastSize) return;
    lastSize = now;
    controller.resize(term.cols);
    sendSize();
  };
  const resizeObserver = new ResizeObserver(() => refit());
  resizeObserver.observe(screen);
  // A pending save means a command finished since the last one: write it now, the page is going.
  const onHide = () => {
    if (saveTimer !== undefined) saveNow();
  };
  window.addEventListener('pagehide', onHide);
  document.addEventListener('visibilitychange', () => document.visibilityState === 'hidden' && onHide());

  // A saved session continues where the learner left off.
  const saved = loadSession(storage(), key, identity);
  const init: ToWorker = { type: 'init', scenario: identity.scenario, seed: identity.seed, setup: [...identity.setup] };
  if (saved.kind === 'restored') {
    worked = true;
    scrollback = saved.session.scrollback;
    snapshot = saved.session.snapshot;
    controller.showScrollback(scrollback);
    init.snapshot = saved.session.snapshot;
  } else if (saved.kind === 'dropped') {
    term.write(`\x1b[33m${droppedNotice(saved.reason)}\x1b[0m\r\n`);
  }
  send(init);

  /** Throw the cluster away and build it again from its start, forgetting the saved session and the screen. */
  const rebuild = async () => {
    clearSession(storage(), key);
    clearTimeout(saveTimer);
    saveTimer = undefined;
    snapshot = undefined;
    scrollback = [];
    worked = false;
    booted = false;
    term.reset();
    enableBracketedPaste();
    opts.onTrace?.(null);
    const rebuilt = new Promise<void>((r) => nextReady.push(r));
    if (workerStopped) {
      // A worker that died cannot rebuild itself: start a new one.
      worker.terminate();
      startWorker();
      controller.reset({ ...init, snapshot: undefined });
    } else controller.reset();
    await rebuilt;
  };

  const handle: TerminalHandle = {
    tab: opts.tab,
    root,
    ready,
    text: () => bufferLines(term.buffer.active).join('\n'),
    runLines: (lines) => controller.runLines(lines),
    whenIdle: () => controller.whenIdle(),
    size: () => ({ cols: term.cols, rows: term.rows }),
    focus: () => term.textarea?.focus({ preventScroll: true }),
    input: (data) => controller.input(data),
    armCtrl,
    async reset() {
      await rebuild();
      term.textarea?.focus({ preventScroll: true });
    },
    async copyTranscript() {
      const text = bufferLines(term.buffer.active).join('\n') + '\n';
      try {
        await navigator.clipboard.writeText(text);
        opts.say(t.copied);
      } catch {
        // No clipboard permission: select the text so the learner can copy it by hand.
        term.selectAll();
        opts.say(t.selected);
      }
    },
    setFontSize(px) {
      term.options.fontSize = px;
      refit();
    },
    setScreenReader(on) {
      term.options.screenReaderMode = on;
    },
    refit,
    status: () => ({ worked, scenario: identity.scenario, seed: identity.seed }),
    async snapshot() {
      await ready;
      // The last finished command's cluster; before any command, the worker's (booted or restored) one.
      return snapshot ?? (await askSnapshot());
    },
    discard() {
      discarded = true;
      clearTimeout(saveTimer);
      clearSession(storage(), key);
      worker.terminate();
      resizeObserver.disconnect();
      window.removeEventListener('pagehide', onHide);
      stopTheme();
      term.dispose();
      const registry = window.__netlabTerminals ?? [];
      const at = registry.indexOf(handle);
      if (at >= 0) registry.splice(at, 1);
    },
  };

  window.addEventListener('pagehide', () => stopTheme(), { once: true });
  (window.__netlabTerminals ??= []).push(handle);
  return handle;
}

declare global {
  interface Window {
    /** The started terminals (the browser tests' hook, see README.md). */
    __netlabTerminals?: TerminalHandle[];
  }
}
