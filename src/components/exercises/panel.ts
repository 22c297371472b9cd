/** The home page's "Your progress" panel: the counts, export as a file, import from a file. */
import { exportProgress, importProgress, type StoredProgress } from '../../lib/progress';
import { currentProgress, onProgress, saveProgress } from './pageProgress';
import { progress as en } from '../../i18n/en/progress';
import { progress as ko } from '../../i18n/ko/progress';
import { localized, pageLocale } from '../../i18n/client';
import { formatNumber } from '../../i18n/format';

const t = localized(en, ko);

/** File name of an export: `k8s-netlab-progress-2026-11-22.json`. */
export function exportFileName(now: Date): string {
  return `k8s-netlab-progress-${now.toISOString().slice(0, 10)}.json`;
}

function passedCount(progress: StoredProgress): number {
  return Object.values(progress.exercises).filter((e) => e.passedAt !== undefined).length;
}

/** Wire the panel rendered by ProgressPanel.astro. */
export function setupProgressPanel(): void {
  const panel = document.querySelector<HTMLElement>('.progress-panel');
  if (!panel) return;
  const summary = panel.querySelector<HTMLElement>('.progress-summary')!;
  const message = panel.querySelector<HTMLElement>('.progress-message')!;
  const total = Number(panel.dataset.total ?? '0');

  onProgress((progress) => {
    const passed = passedCount(progress);
    summary.textContent = t.summary(
      formatNumber(passed, pageLocale()),
      formatNumber(total, pageLocale()),
      progress.seed,
    );
  });

  panel.querySelector('button[data-action="export"]')?.addEventListener('click', () => {
    const blob = new Blob([exportProgress(currentProgress())], { type: 'application/json' });
    const url = URL.createObjectURL(blob);
    const link = document.createElement('a');
    link.href = url;
    link.download = exportFileName(new Date());
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(url), 1000);
    message.textContent = t.exported;
  });

  const input = panel.querySelector<HTMLInputElement>('#progress-import-file');
  input?.addEventListener('change', async () => {
    const file = input.files?.[0];
    if (!file) return;
    // A progress file is a few kB; anything huge is not one, and is not read into memory.
    const result =
      file.size > 1_000_000
        ? ({ kind: 'refused', reason: t.tooLarge } as const)
        : importProgress(currentProgress(), await file.text());
    if (result.kind === 'refused') {
      message.textContent = t.notImported(result.reason);
    } else {
      saveProgress(result.progress);
      message.textContent = t.imported(result.added);
    }
    input.value = '';
  });
}
