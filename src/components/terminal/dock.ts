/**
 * Where the lesson's terminal sits: docked beside the lesson on wide screens (a splitter sets its
 * width, a button folds it to a rail), one tap away on narrow ones (the Lesson | Terminal switch).
 * Part of the small script every lesson page ships, so it works before the terminal is loaded.
 *
 * The learner's choices are remembered under DOCK_KEY and applied before the first paint by the
 * inline script in Lesson.astro (`--dock-frac` and `data-dock` on <html>), so the page never jumps.
 */

/** localStorage key of the dock's width and whether it is folded. */
export const DOCK_KEY = 'netlab:dock:v1';

/** The terminal's share of the window width, within these bounds (the lesson keeps the rest). */
export const MIN_FRACTION = 0.25;
export const MAX_FRACTION = 0.75;
export const DEFAULT_FRACTION = 0.5;

/** Below this width (the CSS breakpoint, 60rem) the terminal is a view of its own, not a column. */
const WIDE_QUERY = '(min-width: 60rem)';

export interface DockPrefs {
  fraction: number;
  collapsed: boolean;
}

/** Read the stored preferences; anything unreadable gives the defaults. */
export function parseDockPrefs(raw: string | null): DockPrefs {
  const prefs: DockPrefs = { fraction: DEFAULT_FRACTION, collapsed: false };
  try {
    const v = JSON.parse(raw ?? 'null') as Partial<DockPrefs> | null;
    if (typeof v?.fraction === 'number' && Number.isFinite(v.fraction)) prefs.fraction = clampFraction(v.fraction);
    if (typeof v?.collapsed === 'boolean') prefs.collapsed = v.collapsed;
  } catch {
    // Corrupt: defaults.
  }
  return prefs;
}

export function clampFraction(f: number): number {
  return Math.min(MAX_FRACTION, Math.max(MIN_FRACTION, f));
}

function readPrefs(): DockPrefs {
  try {
    return parseDockPrefs(localStorage.getItem(DOCK_KEY));
  } catch {
    return parseDockPrefs(null);
  }
}

function writePrefs(prefs: DockPrefs): void {
  try {
    localStorage.setItem(DOCK_KEY, JSON.stringify(prefs));
  } catch {
    // Private mode or a full quota: the choice holds for this page only.
  }
}

const html = () => document.documentElement;

/** Whether the terminal is a column beside the lesson (wide screens) rather than a view of its own. */
export function isDocked(): boolean {
  return matchMedia(WIDE_QUERY).matches;
}

/** Dispatched on the bench element when the terminal becomes visible (unfolded, or switched to). */
export const BENCH_SHOWN = 'netlab:bench-shown';

function bench(): HTMLElement | null {
  return document.querySelector<HTMLElement>('.bench');
}

function setCollapsed(collapsed: boolean): void {
  if (collapsed) html().dataset.dock = 'collapsed';
  else delete html().dataset.dock;
  const prefs = readPrefs();
  writePrefs({ ...prefs, collapsed });
  for (const b of document.querySelectorAll('[data-dock="collapse"], [data-dock="expand"]'))
    b.setAttribute('aria-expanded', String(!collapsed));
  if (!collapsed) bench()?.dispatchEvent(new CustomEvent(BENCH_SHOWN));
}

/** On narrow screens: show the lesson or the terminal. The other one is inert (out of the tab order and the accessibility tree). */
export function setView(view: 'lesson' | 'terminal'): void {
  if (view === 'terminal') html().dataset.view = 'terminal';
  else delete html().dataset.view;
  const pane = document.querySelector<HTMLElement>('.lesson-pane');
  const dock = bench();
  if (pane) pane.inert = view === 'terminal' && !isDocked();
  if (dock) dock.inert = view === 'lesson' && !isDocked();
  for (const b of document.querySelectorAll<HTMLElement>('[data-view-switch]'))
    b.setAttribute('aria-pressed', String(b.dataset.viewSwitch === view));
  if (view === 'terminal') dock?.dispatchEvent(new CustomEvent(BENCH_SHOWN));
}

/**
 * Make the terminal visible without moving the lesson: unfold it on a wide screen, switch to it on
 * a narrow one. What a Run button or an exercise's Start does first.
 */
export function revealBench(): void {
  if (isDocked()) {
    if (html().dataset.dock === 'collapsed') setCollapsed(false);
  } else if (html().dataset.view !== 'terminal') setView('terminal');
}

function wireSplitter(splitter: HTMLElement): void {
  const apply = (fraction: number, save: boolean) => {
    const f = clampFraction(fraction);
    html().style.setProperty('--dock-frac', f.toFixed(4));
    splitter.setAttribute('aria-valuenow', String(Math.round(f * 100)));
    const percent = `${Math.round(f * 100)}%`;
    const words = splitter.dataset.valueText ?? '{percent}';
    splitter.setAttribute('aria-valuetext', words.replace('{percent}', percent));
    if (save) writePrefs({ ...readPrefs(), fraction: f });
  };
  apply(readPrefs().fraction, false);
  let dragging = false;
  splitter.addEventListener('pointerdown', (ev) => {
    if (ev.button !== 0) return;
    dragging = true;
    splitter.setPointerCapture(ev.pointerId);
    html().dataset.resizing = '';
    ev.preventDefault();
  });
  splitter.addEventListener('pointermove', (ev) => {
    if (!dragging) return;
    apply((window.innerWidth - ev.clientX) / window.innerWidth, false);
  });
  const stop = (ev: PointerEvent) => {
    if (!dragging) return;
    dragging = false;
    delete html().dataset.resizing;
    if (splitter.hasPointerCapture(ev.pointerId)) splitter.releasePointerCapture(ev.pointerId);
    apply((window.innerWidth - ev.clientX) / window.innerWidth, true);
  };
  splitter.addEventListener('pointerup', stop);
  splitter.addEventListener('pointercancel', stop);
  // Keyboard: the arrows move the splitter (left widens the terminal), Home and End go to the bounds.
  splitter.addEventListener('keydown', (ev) => {
    const now = readPrefs().fraction;
    const step = ev.shiftKey ? 0.1 : 0.02;
    const next =
      ev.key === 'ArrowLeft'
        ? now + step
        : ev.key === 'ArrowRight'
          ? now - step
          : ev.key === 'Home'
            ? MAX_FRACTION
            : ev.key === 'End'
              ? MIN_FRACTION
              : ev.key === 'Enter'
                ? DEFAULT_FRACTION
                : undefined;
    if (next === undefined) return;
    ev.preventDefault();
    apply(next, true);
  });
  // A double click puts it back in the middle.
  splitter.addEventListener('dblclick', () => apply(DEFAULT_FRACTION, true));
}

/** Wire the splitter, the fold buttons and the narrow-screen view switch. */
export function setupDock(root: HTMLElement): void {
  const splitter = root.querySelector<HTMLElement>('.bench__splitter');
  if (splitter) wireSplitter(splitter);
  const collapsed = html().dataset.dock === 'collapsed';
  for (const b of document.querySelectorAll('[data-dock="collapse"], [data-dock="expand"]'))
    b.setAttribute('aria-expanded', String(!collapsed));
  document.addEventListener('click', (ev) => {
    const target = (ev.target as Element).closest<HTMLElement>('[data-dock], [data-view-switch]');
    if (!target) return;
    if (target.dataset.dock === 'collapse') setCollapsed(true);
    else if (target.dataset.dock === 'expand') setCollapsed(false);
    else if (target.dataset.viewSwitch === 'terminal' || target.dataset.viewSwitch === 'lesson')
      setView(target.dataset.viewSwitch);
  });
  // Crossing the breakpoint: the inert marks follow the layout.
  const media = matchMedia(WIDE_QUERY);
  const sync = () => setView(html().dataset.view === 'terminal' ? 'terminal' : 'lesson');
  media.addEventListener('change', sync);
  sync();
}
