/**
 * The packet-path panel under a terminal: after `trace CMD`, a figure of the last packet walk (the
 * data the `trace` command keeps, src/sim/commands/trace.ts). Each packet and its reply are drawn
 * as SVG (traceLayout.ts, traceSvg.ts): lanes per node and namespace, one box per hop with the
 * rewrites and conntrack where they happen, its rules on demand. Below, the same path as text, in
 * the trace's own words, lane by lane (the accessible alternative, and what one copies). The panel
 * can be enlarged into a dialog, and closed. Anything that is not a trace hides the panel.
 */
import type { TraceData, TraceLeg, TracedPacket } from '../../sim/commands/trace';
import type { Outcome } from '../../sim/net/trace';
import { packetModel } from './traceLayout';
import { drawPacket } from './traceSvg';
import { trace as en } from '../../i18n/en/trace';
import { trace as ko } from '../../i18n/ko/trace';
import { localized } from '../../i18n/client';

const t = localized(en, ko);

/** Packets drawn in full, as the printed trace shows them. */
export const MAX_PACKETS_DRAWN = 4;

export type StepKind = 'hook' | 'rule' | 'policy' | 'nat' | 'route' | 'conntrack' | 'deliver' | 'drop' | 'other';

export interface TraceLane {
  /** The namespace, as the trace names it (`node/myk8s-worker`, `pod/default/web-5d9c7b-x2kqz`). */
  netns: string;
  steps: Array<{ text: string; kind: StepKind }>;
  /** The link the packet left by (`eth0 -> node/myk8s-control-plane eth0`). */
  exit?: string;
}

/**
 * How a walk ended, in a few words. (The trace command words it the same way when printing; its
 * module is not imported here because it would pull the data plane into the page's chunk.)
 */
export function describeOutcome(o: Outcome): string {
  switch (o.kind) {
    case 'delivered':
      return `delivered in ${o.netns}`;
    case 'refused':
      return `refused in ${o.netns}: nothing listens there`;
    case 'dropped':
      return `dropped in ${o.netns}: ${o.reason}`;
    case 'rejected':
      return `rejected in ${o.netns} (${o.rejectWith})`;
    case 'unreachable':
      return `unreachable from ${o.netns}: ${o.reason}`;
    case 'forwarded':
      return `left ${o.netns} by ${o.dev}`;
  }
}

function stepKind(text: string): StepKind {
  if (/^\s+-A /.test(text)) return 'rule';
  if (/^\s+policy /.test(text)) return 'policy';
  if (/^(un-)?(DNAT|SNAT|MASQUERADE)\b/.test(text)) return 'nat';
  if (/^(raw|mangle|nat|filter) [A-Z]+$/.test(text)) return 'hook';
  if (text.startsWith('route ')) return 'route';
  if (text.startsWith('conntrack ')) return 'conntrack';
  if (text.startsWith('delivered ')) return 'deliver';
  if (/^(dropped|rejected|refused)\b/.test(text)) return 'drop';
  return 'other';
}

/**
 * Group a leg's printed lines (`NETNS: what happened`, the trace command's own words) into lanes,
 * one per namespace in visiting order; a link line closes a lane (a namespace visited twice gets
 * two lanes).
 */
export function traceLanes(lines: readonly string[]): TraceLane[] {
  const lanes: TraceLane[] = [];
  for (const line of lines) {
    const m = /^(\S+): (.*)$/.exec(line);
    if (!m) continue;
    const [, netns, text] = m as unknown as [string, string, string];
    let lane = lanes[lanes.length - 1];
    if (!lane || lane.netns !== netns || lane.exit) {
      lane = { netns, steps: [] };
      lanes.push(lane);
    }
    if (/^\S+ -> \S+ \S+$/.test(text)) lane.exit = text;
    else lane.steps.push({ text, kind: stepKind(text) });
  }
  return lanes;
}

function isTraceData(data: unknown): data is TraceData {
  const d = data as Partial<TraceData> | null;
  return typeof d === 'object' && d !== null && typeof d.command === 'string' && Array.isArray(d.packets);
}

function el<K extends keyof HTMLElementTagNameMap>(tag: K, className: string, text?: string): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

/** One direction of one packet: its lanes and its outcome. */
function legFigure(title: string, leg: TraceLeg): HTMLElement {
  const section = el('section', 'netlab-trace__leg');
  section.append(el('h4', 'netlab-trace__title', title));
  const lanes = el('ol', 'netlab-trace__lanes');
  for (const lane of traceLanes(leg.lines)) {
    const item = el('li', '');
    item.append(el('span', 'netlab-trace__where', `netns ${lane.netns}`));
    const steps = el('ol', '');
    for (const step of lane.steps) steps.append(el('li', `netlab-trace__${step.kind}`, step.text));
    item.append(steps);
    if (lane.exit) item.append(el('p', 'netlab-trace__link', `⇣ ${lane.exit}`));
    lanes.append(item);
  }
  section.append(lanes, el('p', 'netlab-trace__outcome', `⇒ ${describeOutcome(leg.outcome)}`));
  return section;
}

/** What a packet is, in its heading: `Packet 1: TCP 10.10.0.5:41240 → 10.200.1.19:9000`. */
function packetTitle(p: TracedPacket, i: number): string {
  return t.packet(i + 1, `${p.proto.toUpperCase()} ${p.src} → ${p.dst}${p.reply ? t.andReply : ''}`);
}

/** Drawings that follow their container's width, per panel, to stop when it is redrawn. */
const following = new WeakMap<HTMLElement, Array<() => void>>();

function stopFollowing(container: HTMLElement): void {
  for (const stop of following.get(container) ?? []) stop();
  following.delete(container);
}

/** The drawings of the trace's packets (the first four) and the text version, into `container`. */
function fill(container: HTMLElement, data: TraceData): void {
  stopFollowing(container);
  const stops: Array<() => void> = [];
  if (data.packets.length === 0) container.append(el('p', '', t.noPackets));
  else container.append(el('p', 'trace-legend', t.legend));
  const shown = data.packets.slice(0, MAX_PACKETS_DRAWN);
  shown.forEach((p, i) => {
    const section = el('section', 'trace-packet');
    const title = packetTitle(p, i);
    section.append(el('h4', 'netlab-trace__title', title));
    const drawing = el('div', 'trace-drawing');
    section.append(drawing);
    container.append(section);
    stops.push(drawPacket(drawing, packetModel(p), title));
  });
  if (data.packets.length > MAX_PACKETS_DRAWN)
    container.append(el('p', '', t.morePackets(data.packets.length - MAX_PACKETS_DRAWN)));
  if (shown.length > 0) {
    // The same path as text: for screen readers, for copying, and the trace's own words.
    const text = el('details', 'trace-text');
    text.append(el('summary', '', t.asText));
    shown.forEach((p, i) => {
      const proto = p.proto.toUpperCase();
      text.append(legFigure(t.packet(i + 1, `${proto} ${p.src} → ${p.dst}`), p.request));
      if (p.reply)
        text.append(legFigure(t.reply(i + 1, `${proto} ${p.replySrc ?? p.dst} → ${p.replyDst ?? p.src}`), p.reply));
    });
    container.append(text);
  }
  following.set(container, stops);
}

/** The trace, large, in a modal dialog (Escape or Close leaves). */
function enlarge(data: TraceData): void {
  const dialog = el('dialog', 'trace-dialog');
  dialog.setAttribute('aria-label', t.dialogLabel(data.command));
  const head = el('div', 'trace-dialog__head');
  const title = el('h2', '', t.pathOf);
  title.append(el('code', '', data.command));
  const close = el('button', 'trace-button', t.close);
  close.type = 'button';
  close.addEventListener('click', () => dialog.close());
  head.append(title, close);
  const body = el('div', 'trace-dialog__body');
  dialog.append(head, body);
  dialog.addEventListener('close', () => {
    stopFollowing(body);
    dialog.remove();
  });
  document.body.append(dialog);
  dialog.showModal();
  fill(body, data);
  close.focus();
}

/** Draw the last trace into `panel` (a figure under a terminal), or hide the panel when `data` is not a trace. */
export function renderTrace(panel: HTMLElement, data: unknown): void {
  stopFollowing(panel);
  panel.replaceChildren();
  panel.hidden = !isTraceData(data);
  if (!isTraceData(data)) return;
  const caption = el('figcaption', 'trace-caption');
  const label = el('span', 'trace-caption__text', t.pathOf);
  label.append(el('code', '', data.command));
  const large = el('button', 'trace-button', t.enlarge);
  large.type = 'button';
  large.addEventListener('click', () => enlarge(data));
  const close = el('button', 'trace-button', '×');
  close.type = 'button';
  close.setAttribute('aria-label', t.closePanel);
  close.title = t.closePanel;
  close.addEventListener('click', () => {
    stopFollowing(panel);
    panel.hidden = true;
  });
  caption.append(label, large, close);
  panel.append(caption);
  fill(panel, data);
}
