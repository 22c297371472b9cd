/** The home page's "Your progress" panel: the counts, export as a file, import from a file. */
import { exportProgress, importProgress, type StoredProgress } from '../../lib/progress';
import { currentProgress, onProgress, saveProgress } from './pageProgress';

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
    summary.textContent = `You have passed ${passed} of ${total} exercises. Your seed is ${progress.seed}: your exercise clusters (pod names, IPs) are built with it.`;
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
    message.textContent = 'Progress exported.';
  });

  const input = panel.querySelector<HTMLInputElement>('#progress-import-file');
  input?.addEventListener('change', async () => {
    const file = input.files?.[0];
    if (!file) return;
    // A progress file is a few kB; anything huge is not one, and is not read into memory.
    const result =
      file.size > 1_000_000
        ? ({ kind: 'refused', reason: 'the file is too large to be a progress file' } as const)
        : importProgress(currentProgress(), await file.text());
    if (result.kind === 'refused') {
      message.textContent = `Not imported: ${result.reason}.`;
    } else {
      saveProgress(result.progress);
      message.textContent = `Imported: ${result.added} newly passed ${result.added === 1 ? 'exercise' : 'exercises'}.`;
    }
    input.value = '';
  });
}
