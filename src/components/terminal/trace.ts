/**
 * The packet-path panel under the terminal: after `trace ...`, a figure of the last packet walk,
 * one step per row (where the packet is, which rule or route acted, what was rewritten).
 *
 * The emulator's trace record is still being built by the data plane; this accepts the likely
 * shapes (`{ steps: [...] }` or a bare array of steps with `netns`/`where`, `rule`/`what`,
 * `rewrite`/`detail`) and shows nothing for anything else, so it can only ever add to the page.
 */

interface TraceStep {
  where: string;
  what: string;
  rewrite: string;
}

function field(o: Record<string, unknown>, ...names: string[]): string {
  for (const n of names) {
    const v = o[n];
    if (typeof v === 'string' || typeof v === 'number') return String(v);
  }
  return '';
}

/** Normalise a trace record into rows, or null when it has no recognisable steps. */
export function traceSteps(data: unknown): TraceStep[] | null {
  const raw = Array.isArray(data) ? data : (data as { steps?: unknown } | null)?.steps;
  if (!Array.isArray(raw) || raw.length === 0) return null;
  return raw
    .filter((s): s is Record<string, unknown> => typeof s === 'object' && s !== null)
    .map((s) => ({
      where: field(s, 'netns', 'where', 'namespace', 'node'),
      what: field(s, 'rule', 'what', 'chain', 'action', 'description'),
      rewrite: field(s, 'rewrite', 'detail', 'nat', 'note'),
    }));
}

/** Draw the last trace into `panel` (a <figure> with an ordered list), or hide the panel. */
export function renderTrace(panel: HTMLElement, data: unknown): void {
  const steps = traceSteps(data);
  panel.replaceChildren();
  panel.hidden = !steps;
  if (!steps) return;
  const caption = document.createElement('figcaption');
  caption.textContent = 'Packet path of the last trace';
  const list = document.createElement('ol');
  for (const step of steps) {
    const item = document.createElement('li');
    const where = document.createElement('span');
    where.className = 'netlab-trace__where';
    where.textContent = step.where;
    const what = document.createElement('code');
    what.textContent = step.what;
    item.append(where, ' ', what);
    if (step.rewrite) {
      const rw = document.createElement('span');
      rw.className = 'netlab-trace__rewrite';
      rw.textContent = ` → ${step.rewrite}`;
      item.append(rw);
    }
    list.append(item);
  }
  panel.append(caption, list);
}
