/**
 * The packet-path panel under the terminal: after `trace CMD`, a figure of the last packet walk
 * (the data the `trace` command keeps, src/sim/commands/trace.ts). Each packet and its reply are
 * drawn as lanes, one per network namespace in the order the packet visited them, each listing what
 * happened there in the trace's own words (hooks, the rules that matched, NAT rewrites, conntrack,
 * routing, delivery), the link crossed to the next lane, and how the walk ended. Anything that is
 * not a trace hides the panel.
 */
import type { TraceData, TraceLeg } from '../../sim/commands/trace';
import type { Outcome } from '../../sim/net/trace';

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

/** Draw the last trace into `panel`, or hide the panel when `data` is not a trace. */
export function renderTrace(panel: HTMLElement, data: unknown): void {
  panel.replaceChildren();
  panel.hidden = !isTraceData(data);
  if (!isTraceData(data)) return;
  panel.append(el('figcaption', '', `Packet path of the last trace: ${data.command}`));
  if (data.packets.length === 0) panel.append(el('p', '', 'The command sent no packets.'));
  data.packets.slice(0, MAX_PACKETS_DRAWN).forEach((p, i) => {
    const proto = p.proto.toUpperCase();
    panel.append(legFigure(`Packet ${i + 1}: ${proto} ${p.src} → ${p.dst}`, p.request));
    if (p.reply)
      panel.append(legFigure(`Reply ${i + 1}: ${proto} ${p.replySrc ?? p.dst} → ${p.replyDst ?? p.src}`, p.reply));
  });
  if (data.packets.length > MAX_PACKETS_DRAWN)
    panel.append(el('p', '', `${data.packets.length - MAX_PACKETS_DRAWN} more packets not drawn.`));
}
