/**
 * Draws one traced packet as SVG from traceLayout.ts's model: node groups with their namespaces as
 * lanes, one box per hop (NAT rewrites, conntrack, decapsulation, delivery where they happen), an
 * arrow per link labelled with its devices, a VXLAN crossing as a box of its own with its outer and
 * inner headers, the reply coming back below a divider. A hop is a button: click, Enter or Space
 * shows the trace's own lines for it (hooks, the rules that matched, routes) in a band under it;
 * the arrow keys move between hops (one tab stop for the whole drawing). Colours come from the site's
 * CSS variables, so both themes hold.
 */
import { layoutPacket, LINE_H, type PacketModel, type PlacedHop } from './traceLayout';
import { trace as en } from '../../i18n/en/trace';
import { trace as ko } from '../../i18n/ko/trace';
import { localized } from '../../i18n/client';

const t = localized(en, ko);

const SVG = 'http://www.w3.org/2000/svg';
const BOX_PAD = 7;

function node<K extends keyof SVGElementTagNameMap>(
  tag: K,
  attrs: Record<string, string | number> = {},
  text?: string,
): SVGElementTagNameMap[K] {
  const el = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, String(v));
  if (text !== undefined) el.textContent = text;
  return el;
}

let measured: number | undefined;

/** The width of one character of the drawing's monospace font at 11px. */
function charWidth(): number {
  if (measured) return measured;
  const family = getComputedStyle(document.documentElement).getPropertyValue('--font-mono').trim() || 'monospace';
  const ctx = document.createElement('canvas').getContext('2d');
  if (!ctx) return (measured = 6.7);
  ctx.font = `11px ${family}`;
  measured = ctx.measureText('0123456789').width / 10 || 6.7;
  return measured;
}

let counter = 0;

/**
 * A drawing of one packet in `host` (a scroll container), redrawn when a hop is opened or closed
 * and when the container's width changes. Returns a function that stops following the width.
 */
export function drawPacket(host: HTMLElement, model: PacketModel, title: string): () => void {
  const id = `trace-${++counter}`;
  const expanded = new Set<number>();
  let focusN = model.hops[0]?.n ?? 0;
  let lastWidth = 0;

  const render = (keepFocus: boolean) => {
    const width = Math.max(280, host.clientWidth || 600);
    lastWidth = width;
    const layout = layoutPacket(model, { width, charWidth: charWidth(), expanded });
    const svg = node('svg', {
      class: 'trace-svg',
      width: layout.width,
      height: layout.height,
      viewBox: `0 0 ${layout.width} ${layout.height}`,
      role: 'group',
      'aria-label': t.drawingLabel(title, model.hops.length),
    });
    const defs = node('defs');
    for (const leg of ['request', 'reply'] as const) {
      const marker = node('marker', {
        id: `${id}-${leg}`,
        viewBox: '0 0 10 10',
        refX: 9,
        refY: 5,
        markerWidth: 7,
        markerHeight: 7,
        orient: 'auto-start-reverse',
      });
      marker.append(node('path', { d: 'M0,0 L10,5 L0,10 z', class: `tr-head tr-head--${leg}` }));
      defs.append(marker);
    }
    svg.append(defs);

    const groups = node('g', { class: 'tr-groups', 'aria-hidden': 'true' });
    for (const g of layout.groups) {
      groups.append(
        node('rect', { x: g.box.x, y: g.box.y, width: g.box.w, height: g.box.h, rx: 6, class: 'tr-group' }),
      );
      groups.append(node('text', { x: g.box.x + 8, y: g.box.y + 15, class: 'tr-group-label' }, g.label));
    }
    svg.append(groups);

    const lanes = node('g', { class: 'tr-lanes' });
    const cw = charWidth();
    const laneChars = (i: number) => {
      const next = layout.lanes[i + 1]?.x ?? layout.width;
      const prev = layout.lanes[i - 1]?.x ?? 0;
      return Math.floor(Math.min(next - layout.lanes[i]!.x, layout.lanes[i]!.x - prev) / cw) * 2 - 2;
    };
    layout.lanes.forEach((l, i) => {
      const chars = Math.max(8, laneChars(i));
      const label =
        l.lane.label.length > chars ? `${l.lane.label.slice(0, chars - 7)}…${l.lane.label.slice(-6)}` : l.lane.label;
      const t = node('text', { x: l.x, y: l.top - 22, class: 'tr-lane-label', 'text-anchor': 'middle' }, label);
      t.append(node('title', {}, l.lane.netns));
      lanes.append(t);
      lanes.append(node('text', { x: l.x, y: l.top - 8, class: 'tr-lane-sub', 'text-anchor': 'middle' }, l.lane.sub));
      lanes.append(node('line', { x1: l.x, y1: l.top, x2: l.x, y2: layout.lifelineBottom, class: 'tr-lifeline' }));
    });
    svg.append(lanes);

    if (layout.replyAt !== undefined) {
      svg.append(
        node('line', { x1: 6, y1: layout.replyAt, x2: layout.width - 6, y2: layout.replyAt, class: 'tr-divider' }),
        node('text', { x: 10, y: layout.replyAt - 5, class: 'tr-divider-label' }, t.replyBack),
      );
    }

    const arrows = node('g', { class: 'tr-arrows', 'aria-hidden': 'true' });
    for (const a of layout.arrows) {
      arrows.append(
        node('path', { d: a.d, class: `tr-arrow tr-arrow--${a.leg}`, 'marker-end': `url(#${id}-${a.leg})` }),
      );
      if (a.label)
        arrows.append(
          node(
            'text',
            { x: a.label.x, y: a.label.y, class: `tr-link tr-link--${a.leg}`, 'text-anchor': 'middle' },
            a.label.text,
          ),
        );
    }
    svg.append(arrows);

    const hops = node('g', { class: 'tr-hops' });
    for (const p of layout.hops) hops.append(hopElement(p, id, p.hop.n === focusN));
    svg.append(hops);

    host.replaceChildren(svg);
    if (keepFocus) svg.querySelector<SVGGElement>(`[data-hop="${focusN}"]`)?.focus({ preventScroll: true });
  };

  const toggle = (n: number) => {
    if (expanded.has(n)) expanded.delete(n);
    else expanded.add(n);
    focusN = n;
    render(true);
  };
  const move = (to: number) => {
    const ns = model.hops.map((h) => h.n);
    const next = ns[Math.max(0, Math.min(ns.length - 1, to))];
    if (next === undefined) return;
    focusN = next;
    for (const g of host.querySelectorAll<SVGGElement>('[data-hop]'))
      g.setAttribute('tabindex', g.dataset.hop === String(next) ? '0' : '-1');
    host.querySelector<SVGGElement>(`[data-hop="${next}"]`)?.focus();
  };

  host.addEventListener('click', (ev) => {
    const g = (ev.target as Element).closest<SVGGElement>('[data-hop]');
    if (g) toggle(Number(g.dataset.hop));
  });
  host.addEventListener('keydown', (ev) => {
    const g = (ev.target as Element).closest<SVGGElement>('[data-hop]');
    if (!g) return;
    const at = model.hops.findIndex((h) => h.n === Number(g.dataset.hop));
    const keys: Record<string, number> = {
      ArrowDown: at + 1,
      ArrowRight: at + 1,
      ArrowUp: at - 1,
      ArrowLeft: at - 1,
      Home: 0,
      End: model.hops.length - 1,
    };
    if (ev.key in keys) {
      ev.preventDefault();
      move(keys[ev.key]!);
    } else if (ev.key === 'Enter' || ev.key === ' ') {
      ev.preventDefault();
      toggle(Number(g.dataset.hop));
    }
  });
  const resize = new ResizeObserver(() => {
    if (Math.abs((host.clientWidth || 0) - lastWidth) > 24) render(host.contains(document.activeElement));
  });
  resize.observe(host);
  render(false);
  return () => resize.disconnect();
}

function hopElement(p: PlacedHop, id: string, tabStop: boolean): SVGGElement {
  const { hop, box } = p;
  const natTypes = hop.nat.map((n) => n.type);
  const g = node('g', {
    class: `tr-hop tr-hop--${hop.kind}${natTypes.length ? ' tr-hop--nat' : ''} tr-hop--${hop.leg}`,
    'data-hop': hop.n,
    'data-leg': hop.leg,
    'data-kind': hop.kind,
    'data-netns': hop.lane,
    role: 'button',
    tabindex: tabStop ? 0 : -1,
    'aria-expanded': String(Boolean(p.band)),
    // Named by its visible lines; where it is and what happens there, in full, is its description.
    'aria-describedby': `${id}-desc-${hop.n}`,
  });
  g.append(node('desc', { id: `${id}-desc-${hop.n}` }, hop.label));
  if (natTypes.length) g.setAttribute('data-nat', natTypes.join(' '));
  if (p.band) g.setAttribute('aria-controls', `${id}-band-${hop.n}`);
  g.append(node('rect', { x: box.x, y: box.y, width: box.w, height: box.h, rx: 5, class: 'tr-box' }));
  const lineY = (i: number) => box.y + BOX_PAD + (hop.kind === 'tunnel' && i > 0 ? 3 : 0) + LINE_H * (i + 1) - 4;
  if (hop.kind === 'tunnel') {
    // The inner packet, drawn inside the outer one.
    const inner = p.lines.findIndex((l) => l.text.startsWith('inner '));
    if (inner >= 0) {
      const top = lineY(inner) - LINE_H + 2;
      g.append(
        node('rect', {
          x: box.x + 4,
          y: top,
          width: box.w - 8,
          height: box.y + box.h - 5 - top,
          rx: 3,
          class: 'tr-inner',
        }),
      );
    }
  }
  p.lines.forEach((line, i) => {
    const detailsRow = hop.kind === 'netns' && hop.details.length > 0 && i === p.lines.length - 1;
    const text = detailsRow ? `${p.band ? '▾' : '▸'} ${line.text}` : line.text;
    g.append(node('text', { x: box.x + BOX_PAD, y: lineY(i), class: `tr-line tr-line--${line.tone}` }, text));
  });
  const wrapper = node('g');
  wrapper.append(g);
  if (p.band) {
    const band = node('g', { class: 'tr-band', id: `${id}-band-${hop.n}` });
    const b = p.band.box;
    band.append(node('rect', { x: b.x, y: b.y, width: b.w, height: b.h, rx: 5, class: 'tr-band-box' }));
    p.band.lines.forEach((line, i) =>
      band.append(node('text', { x: b.x + BOX_PAD, y: b.y + BOX_PAD + 14 * (i + 1) - 4, class: 'tr-band-line' }, line)),
    );
    wrapper.append(band);
  }
  return wrapper as unknown as SVGGElement;
}
