/**
 * Run page code once the page is idle. The progress display (completion marks, the progress panel,
 * the corrupt-store notice) validates the store with zod, about 7 kB gzip: loaded this way, no page
 * pays for it before it is usable, and the plain-page JS budget (10 kB gzip) holds.
 */
export function whenIdle(work: () => unknown): void {
  const run = () => void work();
  if ('requestIdleCallback' in window) requestIdleCallback(run, { timeout: 1500 });
  else setTimeout(run, 200);
}
