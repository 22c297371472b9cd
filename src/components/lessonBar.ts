/**
 * The bar above a lesson's text: the lesson list and "On this page" open as menus (plain <details>,
 * so they work without JS); this script closes them on a choice, on Escape and on a click outside,
 * and keeps the name of the section being read beside "On this page".
 */

function closeOthers(keep: HTMLDetailsElement | null, menus: HTMLDetailsElement[]): void {
  for (const m of menus) if (m !== keep) m.open = false;
}

/** The heading the reader is in: the last one above a line a third down the window. */
function currentHeading(headings: HTMLElement[]): HTMLElement | undefined {
  const line = window.innerHeight / 3;
  let current: HTMLElement | undefined;
  for (const h of headings) {
    if (h.getBoundingClientRect().top <= line) current = h;
    else break;
  }
  return current;
}

export function setupLessonBar(): void {
  const bar = document.querySelector<HTMLElement>('.lesson-bar');
  if (!bar) return;
  const menus = [...bar.querySelectorAll<HTMLDetailsElement>('details.bar-menu')];
  for (const menu of menus) {
    menu.addEventListener('toggle', () => {
      if (menu.open) closeOthers(menu, menus);
    });
    // Following a link (a section, another lesson) closes the menu.
    menu.addEventListener('click', (ev) => {
      if ((ev.target as Element).closest('a')) menu.open = false;
    });
  }
  document.addEventListener('keydown', (ev) => {
    if (ev.key !== 'Escape') return;
    const open = menus.find((m) => m.open);
    if (!open) return;
    open.open = false;
    open.querySelector('summary')?.focus();
  });
  document.addEventListener('click', (ev) => {
    if (!bar.contains(ev.target as Node)) closeOthers(null, menus);
  });

  const label = bar.querySelector<HTMLElement>('.toc-menu__current');
  const links = new Map(
    [...bar.querySelectorAll<HTMLAnchorElement>('.toc a[href^="#"]')].map((a) => [
      decodeURIComponent(a.hash.slice(1)),
      a,
    ]),
  );
  const headings = [...document.querySelectorAll<HTMLElement>('.lesson-body :is(h2, h3)[id]')].filter((h) =>
    links.has(h.id),
  );
  if (!label || headings.length === 0) return;
  let shown: HTMLElement | undefined;
  let queued = false;
  const update = () => {
    queued = false;
    const h = currentHeading(headings);
    if (h === shown) return;
    links.get(shown?.id ?? '')?.removeAttribute('aria-current');
    shown = h;
    label.textContent = h ? (h.textContent ?? '') : '';
    if (h) links.get(h.id)?.setAttribute('aria-current', 'location');
  };
  window.addEventListener(
    'scroll',
    () => {
      if (queued) return;
      queued = true;
      requestAnimationFrame(update);
    },
    { passive: true },
  );
  update();
}
