/**
 * The lead's grading page: choose a lab, drop the week's submission files (or a folder) and a
 * roster, and every submission is replayed in its own Web Worker with the same engine as
 * `netlab grade`; nothing leaves the browser. Results come in as each submission finishes, then
 * the whole week: the learner × exercise matrix, who did not submit, lateness, help used, pass
 * rates, copy evidence, each replayed transcript, and the two CSV files.
 */
import type { LoadedExercise, Lab, RosterEntry, Exercise } from '../../grading';
import {
  intake,
  jobRequest,
  labReport,
  type LabReport,
  type LearnerReport,
  type SubmissionFile,
} from '../../grading/cohort';
import { gradeInWorkers, type JobWorker } from '../../grading/pool';
import type { GradeJobMessage } from '../../grading/job';
import type { SubmissionGrade } from '../../grading/lab';
import { parseRosterText } from '../../grading/roster';
import { helpText, reportDetailCsv, reportWideCsv } from '../../grading/report';
import { learnerLink } from '../../grading/links';
import { displayName, droppedFiles, readFile } from './files';
import { grade as en } from '../../i18n/en/grade';
import { grade as ko } from '../../i18n/ko/grade';
import { localized, pageLocale } from '../../i18n/client';
import { formatPercent, formatSeconds } from '../../i18n/format';

const t = localized(en, ko);

/** What the page embeds per lab (GradeBench.astro). */
export interface GradeLabData {
  lab: Lab;
  hash: string;
  roster: RosterEntry[];
  exercises: Record<string, Exercise>;
}

/** For the browser tests and the timing note: the last run's figures. */
declare global {
  interface Window {
    __netlabGrading?: { runs: { files: number; ms: number }[]; report?: LabReport };
  }
}

function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs: Record<string, string> = {},
  ...children: (Node | string | null | undefined)[]
): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (k === 'class') node.className = v;
    else node.setAttribute(k, v);
  }
  for (const c of children) if (c !== null && c !== undefined) node.append(c);
  return node;
}

function browserWorker(): JobWorker {
  let worker: Worker | undefined;
  return {
    start(req, onMessage, onCrash) {
      worker = new Worker(new URL('./gradeWorker.ts', import.meta.url), { type: 'module' });
      worker.onmessage = (ev: MessageEvent<GradeJobMessage>) => onMessage(ev.data);
      worker.onerror = (ev) => {
        ev.preventDefault();
        onCrash(ev.message || 'the grading worker stopped');
      };
      worker.postMessage(req);
    },
    terminate() {
      worker?.terminate();
    },
  };
}

function download(name: string, text: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: 'text/csv;charset=utf-8' }));
  const a = el('a', { href: url, download: name });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** Wire the grading page rendered by GradeBench.astro. */
export function mountGradePage(root: HTMLElement): void {
  const labs = JSON.parse(root.querySelector('script.grade-labs')!.textContent!) as GradeLabData[];
  const base = root.dataset.base ?? '/';
  const q = <T extends Element>(sel: string) => root.querySelector<T>(sel)!;
  const labSelect = q<HTMLSelectElement>('#grade-lab');
  const filesInput = q<HTMLInputElement>('#grade-files');
  const folderInput = q<HTMLInputElement>('#grade-folder');
  const drop = q<HTMLElement>('.grade-drop');
  const chosen = q<HTMLElement>('.grade-chosen');
  const rosterText = q<HTMLTextAreaElement>('#grade-roster');
  const rosterFile = q<HTMLInputElement>('#grade-roster-file');
  const rosterNote = q<HTMLElement>('.grade-roster-note');
  const gradeButton = q<HTMLButtonElement>('.grade-run');
  const status = q<HTMLElement>('.grade-status');
  const stream = q<HTMLOListElement>('.grade-stream');
  const results = q<HTMLElement>('.grade-results');
  const linksBody = q<HTMLElement>('.grade-links');
  let files: { file: File; name: string }[] = [];
  let running = false;

  const current = () => labs.find((l) => l.lab.id === labSelect.value) ?? labs[0]!;

  function roster(): { learners: RosterEntry[]; problems: string[] } {
    return rosterText.value.trim() ? parseRosterText(rosterText.value) : { learners: [], problems: [] };
  }

  function showRoster(): void {
    const r = roster();
    rosterNote.textContent = r.problems.length
      ? t.rosterNotUsed(r.problems.join('; '))
      : r.learners.length
        ? t.rosterCount(r.learners.length)
        : t.noRoster;
    linksBody.replaceChildren(
      r.learners.length
        ? el(
            'table',
            { class: 'grade-table' },
            el('thead', {}, el('tr', {}, el('th', { scope: 'col' }, t.learner), el('th', { scope: 'col' }, t.link))),
            el(
              'tbody',
              {},
              ...r.learners.map((e) => {
                const link = learnerLink(current().lab.id, e.id, base, location.origin);
                return el(
                  'tr',
                  {},
                  el('td', {}, e.name ? `${e.id} (${e.name})` : e.id),
                  el('td', {}, el('a', { href: link }, link)),
                );
              }),
            ),
          )
        : el('p', {}, t.addLearners),
    );
  }

  function selectLab(): void {
    const lab = current();
    rosterText.value = lab.roster.map((e) => (e.name ? `${e.id}, ${e.name}` : e.id)).join('\n');
    showRoster();
    results.hidden = true;
  }

  function setFiles(list: { file: File; name: string }[]): void {
    files = list;
    chosen.textContent = files.length
      ? t.chosen(
          files.length,
          `${files
            .slice(0, 5)
            .map((f) => f.name)
            .join(', ')}${files.length > 5 ? ', …' : ''}`,
        )
      : t.noFiles;
    gradeButton.disabled = files.length === 0;
    gradeButton.textContent = files.length ? t.gradeN(files.length) : t.grade;
  }

  labSelect.addEventListener('change', selectLab);
  rosterText.addEventListener('input', showRoster);
  filesInput.addEventListener('change', () =>
    setFiles([...(filesInput.files ?? [])].map((file) => ({ file, name: displayName(file) }))),
  );
  folderInput.addEventListener('change', () =>
    setFiles(
      [...(folderInput.files ?? [])]
        .filter((f) => f.name.endsWith('.json'))
        .map((file) => ({ file, name: displayName(file) })),
    ),
  );
  rosterFile.addEventListener('change', async () => {
    const f = rosterFile.files?.[0];
    if (!f) return;
    rosterText.value = f.size > 1_000_000 ? '' : await f.text();
    showRoster();
  });
  for (const type of ['dragenter', 'dragover'])
    drop.addEventListener(type, (ev) => {
      ev.preventDefault();
      drop.classList.add('is-over');
    });
  drop.addEventListener('dragleave', () => drop.classList.remove('is-over'));
  drop.addEventListener('drop', async (ev) => {
    ev.preventDefault();
    drop.classList.remove('is-over');
    if (ev.dataTransfer) setFiles(await droppedFiles(ev.dataTransfer));
  });
  rosterText.addEventListener('dragover', (ev) => ev.preventDefault());
  rosterText.addEventListener('drop', async (ev) => {
    const f = ev.dataTransfer?.files[0];
    if (!f) return;
    ev.preventDefault();
    rosterText.value = f.size > 1_000_000 ? '' : await f.text();
    showRoster();
  });

  root.querySelector('form')!.addEventListener('submit', (ev) => {
    ev.preventDefault();
    if (!running && files.length) void run();
  });

  async function run(): Promise<void> {
    running = true;
    gradeButton.disabled = true;
    results.hidden = true;
    stream.replaceChildren();
    const started = performance.now();
    const data = current();
    const exercises = new Map<string, LoadedExercise>(
      Object.entries(data.exercises).map(([id, exercise]) => [
        id,
        { id, lessonId: id.split('/')[0]!, file: '', exercise },
      ]),
    );
    const { learners } = roster();
    status.textContent = t.reading(files.length);
    const read: SubmissionFile[] = [];
    for (const f of files) read.push(await readFile(f.file, f.name));
    const taken = intake(data.lab, read, learners);
    for (const r of taken.rejected) stream.append(el('li', {}, t.rejectedFile(r.file, r.error)));
    const requests = taken.accepted.map((f) => jobRequest(data.lab, exercises, f));
    let done = 0;
    status.textContent = t.grading(requests.length);
    const grades: SubmissionGrade[] = await gradeInWorkers(requests, {
      spawn: browserWorker,
      concurrency: Math.max(1, Math.min(navigator.hardwareConcurrency || 2, 4)),
      onDone: (job, g) => {
        done++;
        status.textContent = t.graded(done, requests.length);
        const passed = g.exercises.filter((e) => e.passed).length;
        stream.append(
          el('li', {}, t.streamLine(taken.accepted[job]!.learner, passed, g.exercises.length, g.points, g.maxPoints)),
        );
      },
    });
    const report = labReport(data.lab, exercises, data.hash, learners, taken, grades);
    const ms = performance.now() - started;
    window.__netlabGrading ??= { runs: [] };
    window.__netlabGrading.runs.push({ files: files.length, ms });
    window.__netlabGrading.report = report;
    status.textContent = t.done(taken.accepted.length, formatSeconds(ms / 1000, pageLocale()), taken.rejected.length);
    render(report, data);
    running = false;
    gradeButton.disabled = false;
  }

  function render(report: LabReport, data: GradeLabData): void {
    const csvName = (kind: string) => `${report.lab.id}-${kind}.csv`;
    const wide = el('button', { type: 'button', class: 'button' }, t.csvWide);
    wide.addEventListener('click', () => download(csvName('grades'), reportWideCsv(report)));
    const long = el('button', { type: 'button', class: 'button button-quiet' }, t.csvDetail);
    long.addEventListener('click', () => download(csvName('detail'), reportDetailCsv(report)));
    const viewer = el('section', { class: 'grade-transcript', 'aria-live': 'polite', tabindex: '-1' });
    results.replaceChildren(
      el('h2', { id: 'grade-results-title' }, t.results(report.lab.title)),
      el('p', { class: 'grade-downloads' }, wide, ' ', long),
      matrix(report, viewer),
      viewer,
      exerciseTable(report),
      attention(report),
      copies(report),
    );
    results.hidden = false;
    (results.querySelector('h2') as HTMLElement).focus?.();
    void data;
  }

  function matrix(report: LabReport, viewer: HTMLElement): HTMLElement {
    const head = el(
      'tr',
      {},
      el('th', { scope: 'col' }, t.learner),
      ...report.exercises.map((e, i) =>
        el('th', { scope: 'col', title: e.title }, el('abbr', { title: `${e.exerciseId}: ${e.title}` }, `${i + 1}`)),
      ),
      el('th', { scope: 'col' }, t.points),
    );
    const rows = report.learners.map((l, li) => {
      const cells = report.exercises.map((e, i) => {
        const g = l.grade?.exercises[i];
        if (!g) return el('td', { class: 'cell-none' }, '–');
        const tipId = `grade-tip-${li}-${i}`;
        const button = el(
          'button',
          {
            type: 'button',
            class: `cell ${g.passed ? 'cell-pass' : 'cell-fail'}`,
            'aria-describedby': tipId,
            'aria-label': t.cellLabel(l.learner, e.exerciseId, g.passed, g.points, g.maxPoints),
          },
          `${g.passed ? '✓' : '✗'} ${g.points}`,
        );
        button.addEventListener('click', () => showTranscript(viewer, l, i, report));
        // Escape closes the failing fact without moving the focus (WCAG 1.4.13); it comes back on the next focus.
        button.addEventListener('keydown', (ev) => {
          if (ev.key === 'Escape') button.setAttribute('data-tip-closed', '');
        });
        button.addEventListener('blur', () => button.removeAttribute('data-tip-closed'));
        button.addEventListener('mouseleave', () => button.removeAttribute('data-tip-closed'));
        return el(
          'td',
          {},
          button,
          el('span', { role: 'tooltip', id: tipId, class: 'cell-tip' }, g.passed ? t.passed : g.reason || t.failed),
        );
      });
      const label = l.status === 'graded' ? '' : l.status === 'missing' ? t.noSubmission : t.fileRejected;
      return el(
        'tr',
        { class: `row-${l.status}` },
        el('th', { scope: 'row' }, l.name ? `${l.learner} · ${l.name}` : l.learner, label),
        ...cells,
        el('td', {}, l.grade ? `${l.grade.points}/${l.grade.maxPoints}` : '–'),
      );
    });
    return el(
      'div',
      { class: 'grade-matrix-wrap', role: 'region', 'aria-labelledby': 'grade-matrix-caption', tabindex: '0' },
      el(
        'table',
        { class: 'grade-table grade-matrix' },
        el('caption', { id: 'grade-matrix-caption' }, t.matrixCaption),
        el('thead', {}, head),
        el('tbody', {}, ...rows),
      ),
    );
  }

  function showTranscript(viewer: HTMLElement, l: LearnerReport, index: number, report: LabReport): void {
    const g = l.grade!.exercises[index]!;
    const ex = report.exercises[index]!;
    const checks = g.result?.checks ?? [];
    const parts: (Node | null)[] = [
      el('h3', {}, t.transcriptTitle(l.learner, ex.exerciseId, g.passed, g.points, g.maxPoints)),
      g.reason ? el('p', {}, g.reason) : null,
      checks.length
        ? el(
            'ul',
            { class: 'grade-checks' },
            ...checks.map((c) => el('li', {}, `${c.passed ? '✓' : '✗'} ${c.title}${c.passed ? '' : `: ${c.reason}`}`)),
          )
        : null,
      el('h4', {}, t.replay),
      g.transcript?.length
        ? el(
            'pre',
            { class: 'grade-replay', tabindex: '0' },
            g.transcript.map((s) => `$ ${s.input}\n${s.output}${s.status ? `[exit ${s.status}]\n` : ''}`).join(''),
          )
        : el('p', {}, t.nothingReplayed),
    ];
    viewer.replaceChildren(...parts.filter((p): p is Node => p !== null));
    viewer.focus();
  }

  function exerciseTable(report: LabReport): HTMLElement {
    return el(
      'section',
      {},
      el('h3', {}, t.perExercise),
      el(
        'div',
        { class: 'grade-matrix-wrap' },
        el(
          'table',
          { class: 'grade-table' },
          el('thead', {}, el('tr', {}, ...t.columns.map((h) => el('th', { scope: 'col' }, h)))),
          el(
            'tbody',
            {},
            ...report.exercises.map((e, i) =>
              el(
                'tr',
                {},
                el('td', {}, `${i + 1}`),
                el('th', { scope: 'row' }, `${e.title} (${e.exerciseId})`),
                el('td', {}, `${e.passed}/${e.graded}`),
                el('td', {}, e.graded ? formatPercent(e.passed / e.graded, pageLocale()) : '–'),
                el('td', {}, e.commonFailure ? `${e.commonFailure.check} (${e.commonFailure.count})` : ''),
              ),
            ),
          ),
        ),
      ),
    );
  }

  function attention(report: LabReport): HTMLElement {
    const missing = report.learners.filter((l) => l.status === 'missing');
    const late = report.learners.filter((l) => l.late);
    const helped = report.learners.filter((l) => l.help.length);
    const noted = report.learners.filter((l) => l.notes.length && l.status === 'graded');
    const list = (title: string, items: string[]) =>
      items.length ? el('div', {}, el('h4', {}, title), el('ul', {}, ...items.map((t) => el('li', {}, t)))) : null;
    return el(
      'section',
      { class: 'grade-attention' },
      el('h3', {}, t.attention),
      list(
        t.missing,
        missing.map((l) => (l.name ? `${l.learner} (${l.name})` : l.learner)),
      ),
      list(
        t.rejected,
        [
          ...report.rejected.map((r) => `${r.file}: ${r.error}`),
          ...report.learners.filter((l) => l.status === 'rejected').flatMap((l) => l.notes),
        ].filter((v, i, a) => a.indexOf(v) === i),
      ),
      list(
        t.late,
        late.map((l) => t.lateBy(l.learner, String(l.late), l.submittedAt ?? '')),
      ),
      list(
        t.help,
        helped.map((l) => `${l.learner}: ${helpText(l)}`),
      ),
      list(
        t.notes,
        noted.map((l) => `${l.learner}: ${l.notes.join('; ')}`),
      ),
      list(
        t.replaced,
        report.replaced.map((r) => t.replacedBy(r.file, r.by)),
      ),
      missing.length + late.length + helped.length + noted.length + report.rejected.length + report.replaced.length
        ? null
        : el('p', {}, t.allFine),
    );
  }

  function copies(report: LabReport): HTMLElement {
    return el(
      'section',
      { class: 'grade-copies' },
      el('h3', {}, t.copies),
      el('p', {}, t.copiesIntro),
      ...(report.copies.length
        ? report.copies.map((p) =>
            el(
              'details',
              { open: '' },
              el(
                'summary',
                {},
                t.copyPair(p.a, p.b, p.identical, formatPercent(p.similarity, pageLocale()), p.matched),
              ),
              el(
                'div',
                { class: 'grade-matrix-wrap' },
                el(
                  'table',
                  { class: 'grade-table grade-evidence' },
                  el(
                    'thead',
                    {},
                    el(
                      'tr',
                      {},
                      el('th', { scope: 'col' }, t.exercise),
                      el('th', { scope: 'col' }, p.a),
                      el('th', { scope: 'col' }, p.b),
                    ),
                  ),
                  el(
                    'tbody',
                    {},
                    ...p.rows.map((r) =>
                      el(
                        'tr',
                        { class: r.same ? 'same' : 'differs' },
                        el('td', {}, r.exercise),
                        el('td', {}, el('code', {}, r.a ?? '')),
                        el('td', {}, el('code', {}, r.b ?? '')),
                      ),
                    ),
                  ),
                ),
              ),
            ),
          )
        : [el('p', {}, t.noneFound)]),
    );
  }

  selectLab();
  setFiles([]);
}
