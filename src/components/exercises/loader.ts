/**
 * The only exercise code a lesson page ships up front: it loads the island (island.ts) for each
 * exercise when it comes near the viewport, or at once when one of its buttons is used first.
 */
const loading = new WeakMap<HTMLElement, Promise<void>>();
const mounted = new WeakSet<HTMLElement>();

function start(root: HTMLElement): Promise<void> {
  let p = loading.get(root);
  if (!p) {
    p = import('./island').then((m) => {
      m.mountExercise(root);
      mounted.add(root);
    });
    loading.set(root, p);
  }
  return p;
}

/** Set up every exercise on the page. */
export function setupExercises(): void {
  const roots = [...document.querySelectorAll<HTMLElement>('.exercise[data-exercise-id]')];
  if (roots.length === 0) return;
  const observer = new IntersectionObserver(
    (entries) => {
      for (const e of entries) {
        if (!e.isIntersecting) continue;
        observer.unobserve(e.target);
        void start(e.target as HTMLElement);
      }
    },
    { rootMargin: '400px 0px' },
  );
  for (const root of roots) {
    observer.observe(root);
    // A click that arrives before the island: load it, then replay the click on the same button.
    root.addEventListener(
      'click',
      (ev) => {
        const button = (ev.target as Element).closest<HTMLButtonElement>('button[data-action]');
        if (!button || mounted.has(root)) return;
        ev.stopPropagation();
        void start(root).then(() => button.click());
      },
      { capture: true },
    );
  }
}
