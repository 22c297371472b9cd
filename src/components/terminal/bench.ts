/**
 * The lesson bench: the docked terminal's tabs, one cluster each. The lesson's tab holds the
 * cluster the lesson's commands build; each started exercise gets a tab of its own, so starting an
 * exercise never replaces the lesson's cluster. Tabs, the active one and the learner's answers
 * survive a reload (BenchState under `netlab:bench:v1:<lesson>`; each cluster is a saved terminal
 * session, persistence.ts). Loaded by loader.ts when the page is idle, or at the first use.
 *
 * The toolbar acts on the active tab; Reset asks which cluster; a Run button in an exercise's tab
 * asks once per exercise whether to run in the lesson's cluster.
 */
import { ask } from '../ask';
import type { TerminalHandle } from './client';
import { revealBench, BENCH_SHOWN } from './dock';
import { BAR_KEYS, ctrlKey } from './keybar';
import {
  clearSession,
  loadSession,
  saveSession,
  storageKey,
  SAVED_SESSION_VERSION,
  type SavedSession,
  type SessionIdentity,
} from './persistence';
import {
  BENCH_TABS,
  type ExerciseCluster,
  type ExerciseTabStatus,
  type TerminalAnswers,
  type TerminalRequest,
} from '../exercises/terminalRequests';
import { bench as en } from '../../i18n/en/bench';
import { bench as ko } from '../../i18n/ko/bench';
import { localized } from '../../i18n/client';

const t = localized(en, ko);

/** What is remembered about a lesson's bench between visits. */
export interface BenchState {
  /** The tab shown: `lesson` or an exercise id. */
  active: string;
  /** The exercises that have a tab, in tab order. */
  tabs: ExerciseCluster[];
  /** Per exercise: where a lesson's Run button runs while that exercise's tab is shown. */
  runIn: Record<string, 'lesson' | 'exercise'>;
}

export const LESSON_TAB = 'lesson';
const FONT_KEY = 'netlab:term:font-size';
const SCREEN_READER_KEY = 'netlab:term:screen-reader';
export const FONT_SIZES = [11, 12, 13, 14, 15, 16, 18, 20] as const;

export function benchKey(lesson: string): string {
  return `netlab:bench:v1:${lesson}`;
}

function isCluster(v: unknown): v is ExerciseCluster {
  const c = v as Partial<ExerciseCluster> | null;
  return (
    typeof c === 'object' &&
    c !== null &&
    typeof c.id === 'string' &&
    typeof c.title === 'string' &&
    typeof c.scenario === 'string' &&
    typeof c.seed === 'number' &&
    Array.isArray(c.setup) &&
    c.setup.every((l) => typeof l === 'string')
  );
}

/** Read a stored bench state; whatever is unreadable is left out (a corrupt entry gives an empty bench). */
export function parseBenchState(raw: string | null): BenchState {
  const state: BenchState = { active: LESSON_TAB, tabs: [], runIn: {} };
  let v: Partial<BenchState> | null;
  try {
    v = JSON.parse(raw ?? 'null') as Partial<BenchState> | null;
  } catch {
    return state;
  }
  if (!v || typeof v !== 'object') return state;
  if (Array.isArray(v.tabs)) {
    const seen = new Set<string>();
    for (const t of v.tabs) if (isCluster(t) && !seen.has(t.id)) (state.tabs.push(t), seen.add(t.id));
  }
  if (typeof v.active === 'string' && state.tabs.some((t) => t.id === v.active)) state.active = v.active;
  if (v.runIn && typeof v.runIn === 'object')
    for (const [id, where] of Object.entries(v.runIn))
      if (where === 'lesson' || where === 'exercise') state.runIn[id] = where;
  return state;
}

function storage(): Storage | null {
  try {
    return window.localStorage;
  } catch {
    return null;
  }
}

function readNumber(key: string): number | undefined {
  try {
    const v = Number(localStorage.getItem(key));
    return Number.isFinite(v) && v > 0 ? v : undefined;
  } catch {
    return undefined;
  }
}

function remember(key: string, value: string): void {
  try {
    localStorage.setItem(key, value);
  } catch {
    // Private mode or a full quota: kept for this page only.
  }
}

interface Tab {
  id: string;
  /** For an exercise's tab: what its cluster is built from. */
  cluster?: ExerciseCluster;
  button: HTMLButtonElement;
  panel: HTMLElement;
  handle?: Promise<TerminalHandle>;
}

function slug(id: string): string {
  return id.replace(/[^a-zA-Z0-9]+/g, '-');
}

function parseSetup(raw: string | undefined): string[] {
  try {
    const v: unknown = JSON.parse(raw ?? '[]');
    return Array.isArray(v) ? v.filter((s): s is string => typeof s === 'string') : [];
  } catch {
    return [];
  }
}

/** The title an exercise's island shows on this page, if the page has that exercise. */
function exerciseTitleOnPage(id: string): string | undefined {
  return (
    document.querySelector(`.exercise[data-exercise-id="${CSS.escape(id)}"] .exercise-title`)?.textContent?.trim() ||
    undefined
  );
}

export class Bench {
  private readonly tabs = new Map<string, Tab>();
  private active: string = LESSON_TAB;
  private state: BenchState;
  private readonly lesson: string;
  private readonly lessonIdentity: SessionIdentity;
  private readonly tablist: HTMLElement;
  private readonly panels: HTMLElement;
  private readonly status: HTMLElement | null;
  private fontSize: number;
  private screenReader: boolean;

  constructor(private readonly root: HTMLElement) {
    this.lesson = root.dataset.lesson ?? location.pathname;
    this.lessonIdentity = {
      scenario: root.dataset.scenario ?? 'kind-iptables',
      seed: Number(root.dataset.seed ?? '1') || 1,
      setup: parseSetup(root.dataset.setup),
    };
    this.tablist = root.querySelector<HTMLElement>('[role="tablist"]')!;
    this.panels = root.querySelector<HTMLElement>('.bench__panels')!;
    this.status = root.querySelector<HTMLElement>('.bench__status');
    const narrow = !matchMedia('(min-width: 60rem)').matches;
    this.fontSize = readNumber(FONT_KEY) ?? (narrow ? 12 : 14);
    let sr = false;
    try {
      sr = localStorage.getItem(SCREEN_READER_KEY) === '1';
    } catch {}
    this.screenReader = sr;
    this.setPressed('screen-reader', sr);

    const lessonButton = root.querySelector<HTMLButtonElement>(`[role="tab"][data-tab="${LESSON_TAB}"]`)!;
    const lessonPanel = root.querySelector<HTMLElement>(`.netlab-term[data-tab="${LESSON_TAB}"]`)!;
    this.tabs.set(LESSON_TAB, { id: LESSON_TAB, button: lessonButton, panel: lessonPanel });

    let raw: string | null = null;
    try {
      raw = localStorage.getItem(benchKey(this.lesson));
    } catch {}
    this.state = parseBenchState(raw);
    this.adoptOldExerciseSession();
    // A tab opened on the page in the other language: its name in this page's words.
    for (const cluster of this.state.tabs) cluster.title = exerciseTitleOnPage(cluster.id) ?? cluster.title;
    for (const cluster of this.state.tabs) this.addTabElements(cluster);
    this.show(this.state.active, false);
    root.addEventListener(BENCH_SHOWN, () => void this.current().then((t) => t.refit()));
    document.addEventListener('fullscreenchange', () =>
      this.setPressed('fullscreen', document.fullscreenElement === root),
    );
  }

  /**
   * Before exercises had tabs, Start replaced the lesson's cluster and the lesson's saved session
   * carried the exercise's id. Such a session becomes that exercise's tab, and the lesson's cluster
   * starts from the lesson's beginning.
   */
  private adoptOldExerciseSession(): void {
    const key = storageKey(this.lesson, '0');
    let saved: SavedSession | undefined;
    try {
      const v = JSON.parse(localStorage.getItem(key) ?? 'null') as SavedSession | null;
      // Anything else (no label, unreadable) is the lesson terminal's to restore or to report.
      if (v && v.version === SAVED_SESSION_VERSION && typeof v.label === 'string') saved = v;
    } catch {
      return;
    }
    if (!saved?.label) return;
    const { label, scenario, seed, setup } = saved;
    if (!this.state.tabs.some((t) => t.id === label)) {
      const title = exerciseTitleOnPage(label) ?? label;
      saveSession(storage(), this.exerciseKey(label), saved);
      this.state.tabs.push({ id: label, title, scenario, seed, setup });
      this.state.active = label;
    }
    clearSession(storage(), key);
    this.saveState();
  }

  private exerciseKey(id: string): string {
    return storageKey(this.lesson, `ex:${id}`);
  }

  private saveState(): void {
    this.state.active = this.active;
    remember(benchKey(this.lesson), JSON.stringify(this.state));
    this.root.dataset.openTabs = this.state.tabs.map((t) => t.id).join(' ');
    this.root.dataset.activeTab = this.active;
    this.root.dispatchEvent(new CustomEvent(BENCH_TABS));
  }

  private say(text: string): void {
    if (this.status) this.status.textContent = text;
  }

  private setPressed(action: string, pressed: boolean): void {
    this.root.querySelector(`button[data-action="${action}"]`)?.setAttribute('aria-pressed', String(pressed));
  }

  /** The tab's button and panel for an exercise's cluster. */
  private addTabElements(cluster: ExerciseCluster): Tab {
    const s = slug(cluster.id);
    const button = document.createElement('button');
    button.type = 'button';
    button.className = 'bench__tab';
    button.setAttribute('role', 'tab');
    button.id = `bench-tab-${s}`;
    button.dataset.tab = cluster.id;
    button.setAttribute('aria-controls', `bench-panel-${s}`);
    button.setAttribute('aria-selected', 'false');
    button.setAttribute('aria-keyshortcuts', 'Delete');
    button.tabIndex = -1;
    button.title = t.exerciseTabTitle(cluster.title, cluster.scenario);
    const kind = document.createElement('span');
    kind.className = 'bench__tab-kind';
    kind.textContent = t.exerciseTab;
    const name = document.createElement('span');
    name.className = 'bench__tab-name';
    name.textContent = cluster.title;
    const close = document.createElement('span');
    close.className = 'bench__x';
    close.dataset.close = '';
    close.setAttribute('aria-hidden', 'true');
    close.textContent = '×';
    button.append(kind, name, close);
    this.tablist.append(button);

    const panel = document.createElement('div');
    panel.className = 'netlab-term';
    panel.id = `bench-panel-${s}`;
    panel.setAttribute('role', 'tabpanel');
    panel.setAttribute('aria-labelledby', button.id);
    panel.dataset.tab = cluster.id;
    panel.dataset.state = 'idle';
    panel.hidden = true;
    const screen = document.createElement('div');
    screen.className = 'netlab-term__screen';
    const trace = document.createElement('figure');
    trace.className = 'netlab-term__trace';
    trace.hidden = true;
    panel.append(screen, trace);
    this.panels.append(panel);
    const tab: Tab = { id: cluster.id, cluster, button, panel };
    this.tabs.set(cluster.id, tab);
    return tab;
  }

  /** Show a tab (its panel, selected, in the tab order) without mounting it. */
  private show(id: string, focusTab: boolean): void {
    const target = this.tabs.has(id) ? id : LESSON_TAB;
    this.active = target;
    for (const tab of this.tabs.values()) {
      const on = tab.id === target;
      tab.button.setAttribute('aria-selected', String(on));
      tab.button.tabIndex = on ? 0 : -1;
      tab.panel.hidden = !on;
    }
    this.root.dataset.activeTab = target;
    if (focusTab) this.tabs.get(target)!.button.focus();
    this.saveState();
  }

  /** Start (once) the terminal of a tab. */
  private mount(tab: Tab): Promise<TerminalHandle> {
    if (!tab.handle) {
      tab.panel.dataset.state = 'loading';
      const cluster = tab.cluster;
      tab.handle = import('./client').then((m) =>
        m.mountTerminal(tab.panel, {
          tab: tab.id,
          key: cluster ? this.exerciseKey(cluster.id) : storageKey(this.lesson, '0'),
          identity: cluster
            ? { scenario: cluster.scenario, seed: cluster.seed, setup: cluster.setup }
            : this.lessonIdentity,
          label: cluster ? cluster.id : null,
          title: cluster
            ? t.exerciseTerminal(cluster.title, cluster.scenario)
            : t.lessonTerminal(this.lessonIdentity.scenario),
          saveOnBoot: Boolean(cluster),
          fontSize: this.fontSize,
          screenReader: this.screenReader,
          say: (text) => this.say(text),
          onEscape: () => {
            if (this.root.classList.contains('bench--full')) void this.toggleFullscreen();
          },
          onCtrlChange: (armed) => {
            if (this.active === tab.id)
              this.root.querySelector('[data-key="ctrl"]')?.setAttribute('aria-pressed', String(armed));
          },
          onWideOutput: () => this.wideOutput(),
          onTrace: (data) => void this.drawTrace(tab, data),
        }),
      );
      tab.handle.catch((err: unknown) => {
        tab.panel.dataset.state = 'failed';
        this.say(t.couldNotStart(err instanceof Error ? err.message : String(err)));
      });
    }
    return tab.handle;
  }

  private current(): Promise<TerminalHandle> {
    return this.mount(this.tabs.get(this.active)!);
  }

  /** Mount the shown tab's terminal (the page is idle: the prompt is ready when the learner looks). */
  boot(): Promise<TerminalHandle> {
    return this.current();
  }

  private async drawTrace(tab: Tab, data: unknown): Promise<void> {
    const figure = tab.panel.querySelector<HTMLElement>('.netlab-term__trace');
    if (!figure) return;
    const { renderTrace } = await import('./trace');
    renderTrace(figure, data);
  }

  /** Wide output on a narrow portrait screen: suggest turning the phone (once per visit). */
  private wideHinted = false;
  private wideOutput(): void {
    if (this.wideHinted || !matchMedia('(orientation: portrait) and (max-width: 40rem)').matches) return;
    this.wideHinted = true;
    this.say(t.wideOutput);
  }

  /** Switch to a tab and focus its terminal. */
  async activate(id: string, focus = true): Promise<TerminalHandle> {
    this.show(id, false);
    const term = await this.current();
    if (focus) {
      await term.ready;
      term.focus();
    }
    return term;
  }

  /** A Run button: type `lines` into the shown tab (asking first, once per exercise, in an exercise's tab). */
  async run(lines: readonly string[]): Promise<void> {
    const tab = this.tabs.get(this.active)!;
    if (tab.cluster) {
      let where = this.state.runIn[tab.id];
      if (!where) {
        const answer = await ask<'lesson' | 'exercise'>({
          title: t.runWhereTitle,
          body: t.runWhereBody(tab.cluster.title),
          choices: [
            { value: 'lesson', label: t.runInLesson, primary: true },
            { value: 'exercise', label: t.runInExercise },
          ],
          cancel: t.cancel,
        });
        if (!answer) return;
        where = answer;
        this.state.runIn[tab.id] = where;
        this.saveState();
      }
      if (where === 'lesson') this.show(LESSON_TAB, false);
    }
    revealBench();
    const term = await this.current();
    await term.ready;
    term.focus();
    await term.runLines(lines);
  }

  private tabStatus(id: string, worked = false): ExerciseTabStatus {
    return { open: this.tabs.has(id) && id !== LESSON_TAB, active: this.active === id, worked };
  }

  private async statusOf(id: string): Promise<ExerciseTabStatus> {
    const tab = this.tabs.get(id);
    if (!tab || !tab.cluster) return this.tabStatus(id);
    if (tab.handle) return this.tabStatus(id, (await tab.handle).status().worked);
    // Not started in this visit: worked if it has a saved session with commands in it.
    const saved = loadSession(storage(), this.exerciseKey(id), {
      scenario: tab.cluster.scenario,
      seed: tab.cluster.seed,
      setup: tab.cluster.setup,
    });
    return this.tabStatus(id, saved.kind === 'restored' && saved.session.scrollback.length > 0);
  }

  private async openExercise(cluster: ExerciseCluster): Promise<ExerciseTabStatus> {
    const tab = this.tabs.get(cluster.id) ?? this.addTabElements(cluster);
    if (!this.state.tabs.some((t) => t.id === cluster.id)) this.state.tabs.push(cluster);
    revealBench();
    await this.activate(tab.id);
    this.say(t.opened(cluster.title));
    return this.statusOf(cluster.id);
  }

  /** Close an exercise's tab and forget its cluster; the lesson's tab is shown. */
  async close(id: string): Promise<ExerciseTabStatus> {
    const tab = this.tabs.get(id);
    if (!tab || !tab.cluster) return this.tabStatus(id);
    if (tab.handle) (await tab.handle).discard();
    clearSession(storage(), this.exerciseKey(id));
    tab.button.remove();
    tab.panel.remove();
    this.tabs.delete(id);
    this.state.tabs = this.state.tabs.filter((t) => t.id !== id);
    delete this.state.runIn[id];
    const wasActive = this.active === id;
    if (wasActive) await this.activate(LESSON_TAB, this.root.contains(document.activeElement));
    else this.saveState();
    this.say(t.closed(tab.cluster.title));
    return this.tabStatus(id);
  }

  /** Closing from the tab's × or the Delete key: ask first when the learner worked in it. */
  async closeAsked(id: string): Promise<void> {
    const tab = this.tabs.get(id);
    if (!tab?.cluster) return;
    const { worked } = await this.statusOf(id);
    if (worked) {
      const sure = await ask({
        title: t.closeTitle(tab.cluster.title),
        body: t.closeBody,
        choices: [{ value: true, label: t.closeConfirm, primary: true }],
        cancel: t.cancel,
      });
      if (!sure) return;
    }
    await this.close(id);
  }

  private async resetTab(id: string): Promise<void> {
    const tab = this.tabs.get(id)!;
    this.show(id, false);
    const term = await this.mount(tab);
    await term.ready;
    await term.reset();
    this.say(tab.cluster ? t.exerciseReset(tab.cluster.title) : t.lessonReset);
    this.saveState();
  }

  /** Toolbar Reset: ask which cluster (when there is more than one), then rebuild it. */
  async resetAsked(): Promise<void> {
    const exercises = [...this.tabs.values()].filter((t) => t.cluster);
    const body = t.resetBody;
    const choice =
      exercises.length === 0
        ? await ask({
            title: t.resetLessonTitle,
            body,
            choices: [{ value: LESSON_TAB, label: t.resetLessonConfirm, primary: true }],
            cancel: t.cancel,
          })
        : await ask({
            title: t.resetWhichTitle,
            body,
            choices: [
              { value: LESSON_TAB, label: t.resetLessonChoice, primary: this.active === LESSON_TAB },
              ...exercises.map((tab) => ({
                value: tab.id,
                label: t.resetExerciseChoice(tab.cluster!.title),
                primary: this.active === tab.id,
              })),
            ],
            cancel: t.cancel,
          });
    if (choice) await this.resetTab(choice);
  }

  /** Answer an exercise island. */
  async request(req: TerminalRequest): Promise<TerminalAnswers[TerminalRequest['kind']]> {
    switch (req.kind) {
      case 'status':
        return this.statusOf(req.exercise);
      case 'open':
        return this.openExercise(req.exercise);
      case 'reset': {
        if (!this.tabs.has(req.exercise.id)) return this.openExercise(req.exercise);
        revealBench();
        await this.resetTab(req.exercise.id);
        const term = await this.current();
        term.focus();
        return this.statusOf(req.exercise.id);
      }
      case 'snapshot': {
        const tab = this.tabs.get(req.exercise);
        if (!tab?.cluster) return { ...this.tabStatus(req.exercise), data: null };
        const data = await (await this.mount(tab)).snapshot();
        return { ...(await this.statusOf(req.exercise)), data };
      }
      case 'close':
        return this.close(req.exercise);
    }
  }

  // --- toolbar, tabs, key bar ----------------------------------------------------------------------

  async toggleFullscreen(): Promise<void> {
    const root = this.root;
    if (document.fullscreenElement === root) await document.exitFullscreen();
    else if (root.classList.contains('bench--full')) {
      root.classList.remove('bench--full');
      this.setPressed('fullscreen', false);
    } else {
      try {
        await root.requestFullscreen();
      } catch {
        root.classList.add('bench--full');
        this.setPressed('fullscreen', true);
      }
    }
    const term = await this.current();
    term.refit();
    term.focus();
  }

  private async setFont(step: number): Promise<void> {
    const i = FONT_SIZES.findIndex((s) => s >= this.fontSize);
    const next = FONT_SIZES[Math.min(FONT_SIZES.length - 1, Math.max(0, (i < 0 ? FONT_SIZES.length - 1 : i) + step))]!;
    this.fontSize = next;
    remember(FONT_KEY, String(next));
    for (const tab of this.tabs.values()) if (tab.handle) (await tab.handle).setFontSize(next);
    this.say(t.textSize(next));
  }

  /** A toolbar button (data-action) was pressed. */
  async action(name: string): Promise<void> {
    switch (name) {
      case 'start':
        await this.activate(this.active);
        return;
      case 'reset':
        return this.resetAsked();
      case 'copy':
        return (await this.current()).copyTranscript();
      case 'fullscreen':
        return this.toggleFullscreen();
      case 'font-down':
        return this.setFont(-1);
      case 'font-up':
        return this.setFont(1);
      case 'screen-reader': {
        this.screenReader = !this.screenReader;
        remember(SCREEN_READER_KEY, this.screenReader ? '1' : '0');
        this.setPressed('screen-reader', this.screenReader);
        for (const tab of this.tabs.values()) if (tab.handle) (await tab.handle).setScreenReader(this.screenReader);
        this.say(this.screenReader ? t.screenReaderOn : t.screenReaderOff);
        return;
      }
    }
  }

  /** A click on a tab (or its ×). */
  async tabClicked(id: string, onClose: boolean): Promise<void> {
    if (onClose) return this.closeAsked(id);
    await this.activate(id);
  }

  /** Arrow keys move between tabs, Home and End to the ends, Delete closes an exercise's tab. */
  tabKey(ev: KeyboardEvent, id: string): void {
    const ids = [...this.tabs.keys()];
    const at = ids.indexOf(id);
    const to =
      ev.key === 'ArrowRight'
        ? ids[(at + 1) % ids.length]
        : ev.key === 'ArrowLeft'
          ? ids[(at - 1 + ids.length) % ids.length]
          : ev.key === 'Home'
            ? ids[0]
            : ev.key === 'End'
              ? ids[ids.length - 1]
              : undefined;
    if (to) {
      ev.preventDefault();
      this.show(to, true);
      void this.current();
    } else if (ev.key === 'Delete' && id !== LESSON_TAB) {
      ev.preventDefault();
      void this.closeAsked(id);
    }
  }

  /** A key of the key bar: its bytes to the shown terminal (Ctrl is sticky for the next key). */
  async barKey(key: string): Promise<void> {
    const term = await this.current();
    const ctrl = this.root.querySelector('[data-key="ctrl"]');
    const armed = ctrl?.getAttribute('aria-pressed') === 'true';
    if (key === 'ctrl') {
      term.armCtrl(!armed);
      ctrl?.setAttribute('aria-pressed', String(!armed));
    } else {
      const data = BAR_KEYS[Number(key)]?.data;
      if (data === undefined) return;
      if (armed) term.armCtrl(false);
      term.input(armed ? ctrlKey(data) : data);
    }
    if (!this.root.contains(document.activeElement) || document.activeElement?.tagName !== 'TEXTAREA') term.focus();
  }

  /** The handle of a tab's terminal, mounting it if needed (browser tests). */
  terminal(id = this.active): Promise<TerminalHandle> | undefined {
    const tab = this.tabs.get(id);
    return tab ? this.mount(tab) : undefined;
  }

  activeTab(): string {
    return this.active;
  }
}

declare global {
  interface Window {
    /** The lesson bench (the browser tests' hook, see README.md). */
    __netlabBench?: Bench;
  }
}

/** Build the bench for `root` (once). */
export function createBench(root: HTMLElement): Bench {
  const bench = new Bench(root);
  window.__netlabBench = bench;
  return bench;
}
