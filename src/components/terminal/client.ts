/**
 * The terminal in the page: xterm.js on screen, the emulator in a Web Worker, the controller in
 * between. Loaded on demand by loader.ts (this module and xterm are one lazily loaded chunk, the
 * worker another), so a lesson page ships none of it until the terminal is about to be used.
 */
import '@xterm/xterm/css/xterm.css';
import { TerminalController } from './controller';
import {
  clearSession,
  loadSession,
  saveSession,
  storageKey,
  type KeyValueStore,
  type SessionIdentity,
} from './persistence';
import { followSiteTheme, DARK, LIGHT } from './theme';
import { bufferLines } from './transcript';
import { renderTrace } from './trace';
import { droppedNotice, type FromWorker, type ToWorker } from './protocol';
import {
  TERMINAL_LOADED,
  type TerminalAnswers,
  type TerminalRequest,
  type TerminalStatus,
} from '../exercises/terminalRequests';

/** What the page (toolbar, Run buttons) and the browser tests can do with a started terminal. */
export interface TerminalHandle {
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
  focus(): void;
  /** Ask, then rebuild the cluster from the lesson's start and forget the saved session. */
  reset(opts?: { confirm?: boolean }): Promise<void>;
  copyTranscript(): Promise<void>;
  toggleFullscreen(): Promise<void>;
  toggleScreenReader(): void;
  /** Answer another island (an exercise): status, snapshot, load a cluster, focus. See exercises/terminalRequests.ts. */
  request(req: TerminalRequest): Promise<TerminalAnswers[TerminalRequest['kind']]>;
}

const SCREEN_READER_KEY = 'netlab:term:screen-reader';
const SAVE_DELAY_MS = 400;

function storage(): KeyValueStore | null {
  try {
    return window.localStorage;
  } catch {
    return null;
  }
}

/** Start the terminal inside a `.netlab-term` element rendered by Terminal.astro. */
export async function mountTerminal(root: HTMLElement): Promise<TerminalHandle> {
  const [{ Terminal }, { FitAddon }] = await Promise.all([import('@xterm/xterm'), import('@xterm/addon-fit')]);
  const screen = root.querySelector<HTMLElement>('.netlab-term__screen')!;
  const status = root.querySelector<HTMLElement>('.netlab-term__status');
  const tracePanel = root.querySelector<HTMLElement>('.netlab-term__trace');
  const lessonIdentity: SessionIdentity = {
    scenario: root.dataset.scenario ?? 'kind-iptables',
    seed: Number(root.dataset.seed ?? '1') || 1,
    setup: parseSetup(root.dataset.setup),
  };
  // What the cluster was built from: the lesson's start, or what an exercise loaded (and its label).
  let identity = lessonIdentity;
  let label: string | null = null;
  let worked = false;
  const key = storageKey(root.dataset.lesson ?? location.pathname, root.dataset.terminalId ?? '0');
  const say = (text: string) => {
    if (status) status.textContent = text;
  };

  let screenReader = false;
  try {
    screenReader = localStorage.getItem(SCREEN_READER_KEY) === '1';
  } catch {}

  const term = new Terminal({
    fontFamily: "ui-monospace, SFMono-Regular, 'SF Mono', Menlo, Consolas, 'Liberation Mono', monospace",
    fontSize: 14,
    cursorBlink: true,
    scrollback: 5000,
    screenReaderMode: screenReader,
    // WCAG AA for any colour a command prints, on either theme's background.
    minimumContrastRatio: 4.5,
  });
  const fit = new FitAddon();
  term.loadAddon(fit);
  screen.replaceChildren();
  term.open(screen);
  const stopTheme = followSiteTheme((t) => (term.options.theme = t === 'dark' ? DARK : LIGHT));
  fit.fit();
  // Ask xterm to mark pastes, so a pasted Tab is text and pasted lines run one by one.
  const enableBracketedPaste = () => term.write('\x1b[?2004h');
  enableBracketedPaste();
  term.textarea?.setAttribute(
    'aria-label',
    `Terminal, ${identity.scenario} cluster. Press Escape then Tab to leave the terminal.`,
  );
  root.dataset.state = 'booting';
  setPressed(root, 'screen-reader', screenReader);

  let worker: Worker;
  let workerStopped = false;
  const send = (msg: ToWorker) => worker.postMessage(msg);
  /** Tell the worker the terminal's size: what commands read as the tty's (watch's width, $COLUMNS). */
  const sendSize = () => send({ type: 'resize', cols: term.cols, rows: term.rows });
  const controller = new TerminalController({ write: (d) => term.write(d), send, cols: term.cols });

  let resolveReady!: (v: { bootMs: number }) => void;
  const ready = new Promise<{ bootMs: number }>((r) => (resolveReady = r));
  let nextReady: Array<() => void> = [];
  const snapshotAnswers = new Map<number, (data: unknown) => void>();
  let snapshotId = 0;
  /** The cluster as the worker holds it (after any running command: the worker serialises them). */
  const askSnapshot = () =>
    new Promise<unknown>((resolve) => {
      snapshotAnswers.set(++snapshotId, resolve);
      send({ type: 'snapshot', id: snapshotId });
    });
  const terminalStatus = (): TerminalStatus => ({
    loaded: label,
    worked,
    scenario: identity.scenario,
    seed: identity.seed,
  });
  let snapshot: unknown;
  let scrollback: string[] = [];
  let saveTimer: ReturnType<typeof setTimeout> | undefined;

  const saveNow = () => {
    clearTimeout(saveTimer);
    saveTimer = undefined;
    if (snapshot === undefined) return;
    const savedAt = new Date().toISOString();
    saveSession(storage(), key, {
      version: 1,
      ...identity,
      setup: [...identity.setup],
      savedAt,
      snapshot,
      scrollback,
      ...(label ? { label } : {}),
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
      identity = lessonIdentity;
      label = null;
      worked = false;
      term.reset();
      enableBracketedPaste();
    }
    controller.receive(msg);
    if (msg.type === 'ready') {
      root.dataset.state = 'ready';
      if (label) root.dataset.loaded = label;
      else delete root.dataset.loaded;
      root.dispatchEvent(new CustomEvent(TERMINAL_LOADED));
      resolveReady({ bootMs: msg.bootMs });
      const waiters = nextReady;
      nextReady = [];
      for (const w of waiters) w();
    } else if (msg.type === 'done' && !msg.continuation && msg.snapshot !== undefined) {
      snapshot = msg.snapshot;
      worked = true;
      scrollback = controller.transcript();
      scheduleSave();
    } else if (msg.type === 'snapshot') {
      snapshotAnswers.get(msg.id)?.(msg.data);
      snapshotAnswers.delete(msg.id);
    } else if (msg.type === 'event' && msg.event.type === 'trace' && tracePanel) {
      renderTrace(tracePanel, msg.event.data);
    }
  };
  const onError = (ev: ErrorEvent) => {
    ev.preventDefault();
    workerStopped = true;
    term.write(
      `\r\n\x1b[31mnetlab: the emulator stopped (${ev.message || 'worker error'}). Press Reset cluster to start again.\x1b[0m\r\n`,
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

  term.onData((data) => controller.input(data));

  // Escape then Tab leaves the terminal (xterm keeps Tab for completion otherwise).
  let escapeArmed = false;
  term.attachCustomKeyEventHandler((ev) => {
    if (ev.type !== 'keydown') return true;
    if (ev.key === 'Escape') {
      escapeArmed = true;
      if (root.classList.contains('netlab-term--full')) void handle.toggleFullscreen();
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

  const refit = () => {
    try {
      fit.fit();
      controller.resize(term.cols);
      sendSize();
    } catch {
      // Hidden (display:none) containers cannot be measured; the next resize will do.
    }
  };
  const resizeObserver = new ResizeObserver(() => refit());
  resizeObserver.observe(screen);
  document.addEventListener('fullscreenchange', () => {
    setPressed(root, 'fullscreen', document.fullscreenElement === root);
    refit();
  });
  // A pending save means a command finished since the last one: write it now, the page is going.
  const onHide = () => {
    if (saveTimer !== undefined) saveNow();
  };
  window.addEventListener('pagehide', onHide);
  document.addEventListener('visibilitychange', () => document.visibilityState === 'hidden' && onHide());

  // A saved session for this lesson continues where the learner left off.
  const saved = loadSession(storage(), key, lessonIdentity);
  if (saved.kind === 'restored') {
    const { scenario, seed, setup } = saved.session;
    identity = { scenario, seed, setup };
    label = saved.session.label ?? null;
    worked = true;
  }
  const init: ToWorker = { type: 'init', scenario: identity.scenario, seed: identity.seed, setup: [...identity.setup] };
  if (saved.kind === 'restored') {
    scrollback = saved.session.scrollback;
    controller.showScrollback(scrollback);
    init.snapshot = saved.session.snapshot;
  } else if (saved.kind === 'dropped') {
    term.write(`\x1b[33m${droppedNotice(saved.reason)}\x1b[0m\r\n`);
  }
  send(init);

  /**
   * Throw the cluster away and build `identity` again, forgetting the saved session and the screen.
   * `fresh` (a load) always starts from `init`; a reset asks the worker to rebuild what it holds.
   */
  const rebuild = async (fresh: boolean) => {
    clearSession(storage(), key);
    clearTimeout(saveTimer);
    saveTimer = undefined;
    snapshot = undefined;
    scrollback = [];
    worked = false;
    term.reset();
    enableBracketedPaste();
    if (tracePanel) renderTrace(tracePanel, null);
    const booted = new Promise<void>((r) => nextReady.push(r));
    if (workerStopped) {
      // A worker that died cannot rebuild itself: start a new one.
      worker.terminate();
      startWorker();
    }
    if (fresh || workerStopped)
      controller.reset({ type: 'init', scenario: identity.scenario, seed: identity.seed, setup: [...identity.setup] });
    else controller.reset();
    await booted;
  };

  const handle: TerminalHandle = {
    root,
    ready,
    text: () => bufferLines(term.buffer.active).join('\n'),
    runLines: (lines) => controller.runLines(lines),
    whenIdle: () => controller.whenIdle(),
    size: () => ({ cols: term.cols, rows: term.rows }),
    focus: () => term.focus(),
    async reset(opts = {}) {
      if (
        opts.confirm !== false &&
        !window.confirm(
          'Reset the cluster to the start of this lesson? Your changes and this terminal’s history are lost.',
        )
      )
        return;
      await rebuild(false);
      say('Cluster reset to the start of the lesson.');
      term.focus();
    },
    async request(req) {
      await ready;
      switch (req.kind) {
        case 'status':
          return terminalStatus();
        case 'snapshot':
          // The last finished command's cluster, never mid-command state; before any command, the
          // worker's (booted or restored) cluster.
          return { ...terminalStatus(), data: snapshot ?? (await askSnapshot()) };
        case 'load':
          identity = { scenario: req.scenario, seed: req.seed, setup: [...req.setup] };
          label = req.label;
          await rebuild(true);
          // Saved at once, so a reload before the first command still finds the loaded cluster.
          snapshot = await askSnapshot();
          saveNow();
          return terminalStatus();
        case 'focus':
          root.scrollIntoView({ block: 'nearest' });
          term.focus();
          return terminalStatus();
      }
    },
    async copyTranscript() {
      const text = bufferLines(term.buffer.active).join('\n') + '\n';
      try {
        await navigator.clipboard.writeText(text);
        say('Transcript copied to the clipboard.');
      } catch {
        // No clipboard permission: select the text so the learner can copy it by hand.
        term.selectAll();
        say('Transcript selected: press Ctrl+C (⌘C) to copy.');
      }
    },
    async toggleFullscreen() {
      if (document.fullscreenElement === root) {
        await document.exitFullscreen();
      } else if (root.classList.contains('netlab-term--full')) {
        root.classList.remove('netlab-term--full');
        setPressed(root, 'fullscreen', false);
      } else {
        try {
          await root.requestFullscreen();
        } catch {
          root.classList.add('netlab-term--full');
          setPressed(root, 'fullscreen', true);
        }
      }
      refit();
      term.focus();
    },
    toggleScreenReader() {
      screenReader = !screenReader;
      term.options.screenReaderMode = screenReader;
      setPressed(root, 'screen-reader', screenReader);
      try {
        localStorage.setItem(SCREEN_READER_KEY, screenReader ? '1' : '0');
      } catch {}
      say(screenReader ? 'Screen reader mode on.' : 'Screen reader mode off.');
    },
  };

  window.addEventListener('pagehide', () => stopTheme(), { once: true });
  const registry = ((window as unknown as { __netlabTerminals?: TerminalHandle[] }).__netlabTerminals ??= []);
  registry.push(handle);
  return handle;
}

function parseSetup(raw: string | undefined): string[] {
  if (!raw) return [];
  try {
    const v: unknown = JSON.parse(raw);
    return Array.isArray(v) ? v.filter((s): s is string => typeof s === 'string') : [];
  } catch {
    return [];
  }
}

function setPressed(root: HTMLElement, action: string, pressed: boolean): void {
  root.querySelector(`button[data-action="${action}"]`)?.setAttribute('aria-pressed', String(pressed));
}
