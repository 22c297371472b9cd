/**
 * The drawn packet path, as data: from one traced packet (src/sim/commands/trace.ts) to lanes (one
 * per network namespace, grouped by node), hops (one per visit of a namespace, plus one per tunnel
 * crossing) and their geometry in a sequence-diagram layout: lanes side by side, time going down,
 * the request and then its reply coming back. Pure (no DOM), so the model and the layout are tested
 * in Node; traceSvg.ts draws it.
 *
 * A hop lists, at the place where they happen, the address rewrites (DNAT, SNAT, MASQUERADE, their
 * conntrack un-NAT, IPVS), the conntrack state, a decapsulation and the delivery or the drop; its
 * details are the trace's own lines for that namespace (hooks, the rules that matched, routes). A
 * VXLAN crossing is a hop of its own, with its outer and inner headers.
 */
import type { TraceEvent, Outcome } from '../../sim/net/trace';
import type { TracedPacket, TraceLeg } from '../../sim/commands/trace';
import { trace as en } from '../../i18n/en/trace';
import { trace as ko } from '../../i18n/ko/trace';
import { localized } from '../../i18n/client';

const t = localized(en, ko);

export type Tone = 'plain' | 'nat' | 'ok' | 'bad' | 'muted';

export interface HopLine {
  text: string;
  tone: Tone;
}

export interface Lane {
  /** The namespace, as the trace names it (`node/k8s-w1`, `pod/default/web-5d9c7b-x2kqz`, `host`). */
  netns: string;
  /** The group (node) it belongs to. */
  group: string;
  /** What the lane is called in the drawing: the pod's name, `root netns`, `host`. */
  label: string;
  /** Under the label: `pod · default`, `node`. */
  sub: string;
}

export interface LaneGroup {
  id: string;
  /** The node's name, or `host`, `internet`, `VPC fabric`. */
  label: string;
  lanes: string[];
}

export interface Link {
  fromDev: string;
  toNetns: string;
  toDev: string;
  /** Switched, not routed (a bridge port, an overlay or fabric segment). */
  l2: boolean;
}

export interface Hop {
  /** 1-based, across the request and the reply. */
  n: number;
  leg: 'request' | 'reply';
  kind: 'netns' | 'tunnel';
  /** The lane it is drawn in (a tunnel: the lane it leaves from). */
  lane: string;
  /** A tunnel: the lane it arrives in. */
  toLane?: string;
  /** What the box says. */
  lines: HopLine[];
  /** The trace's own lines for this hop, shown when it is expanded. */
  details: string[];
  /** How many rules matched here. */
  rules: number;
  /** The rewrites done here (DNAT, un-DNAT, SNAT, MASQUERADE, un-SNAT; IPVS as `IPVS`). */
  nat: Array<{ type: string; from: string; to: string }>;
  /** The conntrack state the packet had here. */
  conntrack?: string;
  /** The link the packet left by, to the next hop. */
  exit?: Link;
  /** The sentence a screen reader hears. */
  label: string;
}

export interface PacketModel {
  lanes: Lane[];
  groups: LaneGroup[];
  hops: Hop[];
}

/** `a -> b` as the drawing writes it, `a → b`. */
function arrows(text: string): string {
  return text.replace(/ -> /g, ' → ');
}

/** The trace line without its `netns: ` prefix. */
function bodyOf(line: string | undefined): string {
  if (line === undefined) return '';
  const m = /^\S+: (.*)$/.exec(line);
  return m ? m[1]! : line;
}

/** A short word for a conntrack-aware outcome at the end of a leg that did not end in delivery. */
export function outcomeLine(o: Outcome): HopLine | undefined {
  switch (o.kind) {
    case 'delivered':
      return undefined;
    case 'refused':
      return { text: 'refused: nothing listens', tone: 'bad' };
    case 'dropped':
      return { text: `dropped: ${o.reason}`, tone: 'bad' };
    case 'rejected':
      return { text: `rejected (${o.rejectWith})`, tone: 'bad' };
    case 'unreachable':
      return { text: `unreachable: ${o.reason}`, tone: 'bad' };
    case 'forwarded':
      return { text: `left by ${o.dev}`, tone: 'muted' };
  }
}

function laneFor(netns: string, group: string): Lane {
  const pod = /^pod\/([^/]+)\/(.+)$/.exec(netns);
  if (pod) return { netns, group, label: pod[2]!, sub: `pod · ${pod[1]}` };
  if (netns.startsWith('node/')) return { netns, group, label: 'root netns', sub: 'node' };
  if (netns === 'vpc') return { netns, group, label: 'VPC fabric', sub: 'network' };
  return { netns, group, label: netns, sub: 'netns' };
}

function groupLabel(id: string): string {
  return id === 'vpc' ? 'VPC fabric' : id;
}

/** Which node a pod's namespace hangs off: the node at the other end of its links. */
function podHosts(legs: TraceLeg[]): Map<string, string> {
  const hosts = new Map<string, string>();
  for (const leg of legs)
    for (const e of leg.events) {
      if (e.kind !== 'link') continue;
      const [a, b] = [e.fromNetns, e.toNetns];
      if (a.startsWith('pod/') && b.startsWith('node/')) hosts.set(a, b.slice(5));
      if (b.startsWith('pod/') && a.startsWith('node/')) hosts.set(b, a.slice(5));
    }
  return hosts;
}

interface Building {
  hop: Hop;
  encap?: { dev: string; outer: string; inner: string };
}

/** The hops of one direction of a packet. */
function legHops(leg: TraceLeg, which: 'request' | 'reply', first: number): Hop[] {
  const hops: Hop[] = [];
  let cur: Building | null = null;
  const start = (netns: string): Building => {
    const hop: Hop = {
      n: 0,
      leg: which,
      kind: 'netns',
      lane: netns,
      lines: [],
      details: [],
      rules: 0,
      nat: [],
      label: '',
    };
    hops.push(hop);
    return { hop };
  };
  leg.events.forEach((e: TraceEvent, i) => {
    const text = bodyOf(leg.lines[i]);
    if (e.kind === 'link') {
      const from = cur && cur.hop.lane === e.fromNetns ? cur : start(e.fromNetns);
      const link: Link = { fromDev: e.fromDev, toNetns: e.toNetns, toDev: e.toDev, l2: e.l2 ?? false };
      from.hop.exit = link;
      if (from.encap) {
        const { dev, outer, inner } = from.encap;
        hops.push({
          n: 0,
          leg: which,
          kind: 'tunnel',
          lane: e.fromNetns,
          toLane: e.toNetns,
          lines: [
            { text: `VXLAN tunnel ${dev}, ${/vni \d+/.exec(outer)?.[0] ?? ''}`.replace(/, $/, ''), tone: 'plain' },
            { text: `outer ${arrows(outer.replace(/ vni \d+$/, ''))}`, tone: 'muted' },
            { text: `inner ${arrows(inner)}`, tone: 'plain' },
          ],
          details: [`${dev} encap outer ${outer} | inner ${inner}`, text],
          rules: 0,
          nat: [],
          exit: link,
          label: '',
        });
      }
      cur = null;
      return;
    }
    if (!cur || cur.hop.lane !== e.netns) cur = start(e.netns);
    const hop = cur.hop;
    hop.details.push(text);
    switch (e.kind) {
      case 'rule':
        hop.rules++;
        break;
      case 'conntrack':
        hop.conntrack ??= e.state;
        if (!hop.lines.some((l) => l.text.startsWith('conntrack ')))
          hop.lines.push({ text: `conntrack ${e.state}`, tone: 'plain' });
        break;
      case 'nat':
        hop.nat.push({ type: e.type, from: e.from, to: e.to });
        hop.lines.push(
          { text: `${e.type} to`, tone: 'nat' },
          { text: e.to, tone: 'nat' },
          { text: `was ${e.from}`, tone: 'muted' },
        );
        break;
      case 'ipvs':
        if (e.dir === 'request') {
          hop.nat.push({ type: 'IPVS', from: e.service.split(' ')[1] ?? e.service, to: e.destination });
          hop.lines.push({ text: `IPVS ${e.scheduler} to`, tone: 'nat' }, { text: e.destination, tone: 'nat' });
        } else {
          hop.nat.push({ type: 'IPVS un-NAT', from: e.destination, to: e.service.split(' ')[1] ?? e.service });
          hop.lines.push(
            { text: 'IPVS un-NAT to', tone: 'nat' },
            { text: e.service.split(' ')[1] ?? e.service, tone: 'nat' },
          );
        }
        break;
      case 'encap':
        cur.encap = { dev: e.dev, outer: e.outer, inner: e.inner };
        hop.lines.push({ text: `${e.dev} encap`, tone: 'muted' });
        break;
      case 'decap':
        hop.lines.push({ text: `${e.dev} decap`, tone: 'muted' });
        break;
      case 'deliver':
        hop.lines.push({ text: 'delivered to', tone: 'ok' }, { text: e.addr, tone: 'ok' });
        break;
      case 'drop':
        hop.lines.push({ text: e.reason, tone: 'bad' });
        break;
      case 'hook':
      case 'policy':
      case 'route':
        break;
    }
  });
  // How the leg ended, on its last hop, when it did not end in a delivery the hop already says.
  const end = outcomeLine(leg.outcome);
  const last = [...hops].reverse().find((h) => h.kind === 'netns');
  if (end && last && !last.lines.some((l) => l.tone === 'bad')) last.lines.push(end);
  hops.forEach((h, i) => (h.n = first + i));
  return hops;
}

function spoken(hop: Hop, total: number, lanes: Map<string, Lane>): string {
  const where = (netns: string) => {
    const lane = lanes.get(netns);
    if (!lane) return netns;
    return lane.sub === 'node'
      ? t.nodeLane(lane.group)
      : lane.sub.startsWith('pod')
        ? t.podLane(lane.label)
        : lane.label;
  };
  const head = hop.leg === 'reply' ? t.replyHop(hop.n, total) : t.hop(hop.n, total);
  if (hop.kind === 'tunnel') {
    return `${head}: ${t.tunnel(where(hop.lane), where(hop.toLane ?? ''))}, ${hop.lines.map((l) => l.text).join(', ')}`;
  }
  const parts = [
    ...hop.nat.map((n) => t.natFromTo(n.type, n.from, n.to)),
    ...hop.lines.filter((l) => l.tone !== 'nat').map((l) => l.text),
  ];
  if (hop.rules) parts.push(t.rulesMatched(hop.rules));
  if (hop.exit) parts.push(t.leaves(hop.exit.fromDev, where(hop.exit.toNetns), hop.exit.toDev));
  return `${head}: ${where(hop.lane)}${parts.length ? `: ${parts.join('; ')}` : ''}`.replace(/ to\b; /g, ' ');
}

/** Lanes, groups and hops of one packet and its reply. */
export function packetModel(p: TracedPacket): PacketModel {
  const legs = p.reply ? [p.request, p.reply] : [p.request];
  const hosts = podHosts(legs);
  const request = legHops(p.request, 'request', 1);
  const reply = p.reply ? legHops(p.reply, 'reply', request.length + 1) : [];
  const hops = [...request, ...reply];
  const lanes: Lane[] = [];
  const groups: LaneGroup[] = [];
  const seen = new Map<string, Lane>();
  const touch = (netns: string) => {
    if (seen.has(netns)) return;
    const group = netns.startsWith('node/') ? netns.slice(5) : (hosts.get(netns) ?? netns);
    const lane = laneFor(netns, group);
    seen.set(netns, lane);
    let g = groups.find((x) => x.id === group);
    if (!g) groups.push((g = { id: group, label: groupLabel(group), lanes: [] }));
    g.lanes.push(netns);
  };
  for (const h of hops) {
    touch(h.lane);
    if (h.toLane) touch(h.toLane);
  }
  // Lanes in group order, each group's lanes in the order they were met.
  for (const g of groups) for (const id of g.lanes) lanes.push(seen.get(id)!);
  for (const h of hops) h.label = spoken(h, hops.length, seen);
  return { lanes, groups, hops };
}

// --- geometry ---------------------------------------------------------------------------------------

export interface LayoutOptions {
  /** The width available (px); the drawing is wider (and scrolls) when the lanes need more. */
  width: number;
  /** Width of one character of the drawing's monospace font (px). */
  charWidth: number;
  /** Hops (by n) whose details are shown. */
  expanded: ReadonlySet<number>;
}

export interface Box {
  x: number;
  y: number;
  w: number;
  h: number;
}

export interface PlacedHop {
  hop: Hop;
  box: Box;
  /** The box's lines, fitted to its width. */
  lines: HopLine[];
  /** The hop's detail lines, wrapped to the band's width, when expanded. */
  band?: { box: Box; lines: string[] };
}

export interface PlacedArrow {
  leg: 'request' | 'reply';
  /** An orthogonal path: down, across, down. */
  d: string;
  label?: { x: number; y: number; text: string };
}

export interface PacketLayout {
  width: number;
  height: number;
  groups: Array<{ label: string; box: Box }>;
  lanes: Array<{ lane: Lane; x: number; top: number }>;
  lifelineBottom: number;
  hops: PlacedHop[];
  arrows: PlacedArrow[];
  /** Where the reply starts (a divider across the drawing), if there is one. */
  replyAt?: number;
}

export const LINE_H = 15;
const PAD = 10;
const LANE_MIN = 150;
/** Boxes stop growing with their lane: a wide drawing keeps short lines together. */
const BOX_MAX = 230;
const BOX_PAD = 7;
const GAP = 34;
const HEADER_H = 62;
const BAND_LINE_H = 14;

/** Fit `text` in `chars` characters, eliding in the middle (pod names keep their suffix). */
export function fit(text: string, chars: number): string {
  if (text.length <= chars) return text;
  if (chars <= 1) return '…';
  const head = Math.ceil((chars - 1) * 0.6);
  return text.slice(0, head) + '…' + text.slice(text.length - (chars - 1 - head));
}

/** Greedy word wrap to `chars` per line; a word longer than a line is cut. */
export function wrap(text: string, chars: number): string[] {
  const out: string[] = [];
  const indent = /^\s*/.exec(text)![0];
  let line = '';
  for (const word of text.trim().split(/\s+/)) {
    let w = word;
    while (w.length > chars) {
      if (line) (out.push(line), (line = ''));
      out.push((out.length ? indent : '') + w.slice(0, chars));
      w = w.slice(chars);
    }
    const candidate = line ? `${line} ${w}` : (out.length ? indent : indent) + w;
    if (candidate.length > chars && line) {
      out.push(line);
      line = indent + w;
    } else line = candidate;
  }
  if (line) out.push(line);
  return out;
}

/** The last line of a hop's box, which opens its details: `12 rules, route`. */
export function detailsLabel(hop: Hop): string {
  const parts: string[] = [];
  if (hop.rules) parts.push(`${hop.rules} ${hop.rules === 1 ? 'rule' : 'rules'}`);
  if (hop.details.some((d) => d.startsWith('route '))) parts.push('route');
  return parts.join(', ') || 'details';
}

/** Where everything goes, for a width and the hops that are expanded. */
export function layoutPacket(model: PacketModel, opts: LayoutOptions): PacketLayout {
  const n = Math.max(1, model.lanes.length);
  const laneW = Math.max(LANE_MIN, (opts.width - 2 * PAD) / n);
  const width = Math.round(2 * PAD + n * laneW);
  const laneX = new Map(model.lanes.map((l, i) => [l.netns, PAD + laneW * (i + 0.5)]));
  const cw = opts.charWidth;
  const boxW = Math.min(laneW - 14, BOX_MAX);
  const boxChars = Math.floor((boxW - 2 * BOX_PAD) / cw);

  const groups = model.groups.map((g) => {
    const xs = g.lanes.map((id) => laneX.get(id)!);
    const left = Math.min(...xs) - laneW / 2 + 3;
    const right = Math.max(...xs) + laneW / 2 - 3;
    return { label: g.label, box: { x: left, y: PAD, w: right - left, h: HEADER_H - 6 } };
  });
  const lanes = model.lanes.map((lane) => ({ lane, x: laneX.get(lane.netns)!, top: PAD + HEADER_H }));

  const hops: PlacedHop[] = [];
  const arrows: PlacedArrow[] = [];
  let y = PAD + HEADER_H + 14;
  let replyAt: number | undefined;
  let prev: PlacedHop | undefined;
  const bottomOf = (p: PlacedHop) => (p.band ? p.band.box.y + p.band.box.h : p.box.y + p.box.h);

  for (const hop of model.hops) {
    if (hop.leg === 'reply' && prev?.hop.leg === 'request') {
      // The reply begins: a divider, and no arrow from the request's last hop.
      replyAt = bottomOf(prev) + GAP / 2 + 4;
      y = replyAt + GAP / 2 + 6;
      prev = undefined;
    }
    const x1 = laneX.get(hop.lane)!;
    let box: Box;
    let lines: HopLine[];
    if (hop.kind === 'tunnel') {
      const x2 = laneX.get(hop.toLane ?? hop.lane)!;
      const need = Math.max(...hop.lines.map((l) => l.text.length)) * cw + 2 * BOX_PAD + 4;
      const w = Math.min(width - 2 * PAD, Math.max(Math.abs(x2 - x1) + boxW, need));
      const cx = Math.min(Math.max((x1 + x2) / 2, PAD + w / 2), width - PAD - w / 2);
      const chars = Math.floor((w - 2 * BOX_PAD) / cw);
      lines = hop.lines.flatMap((l) => wrap(l.text, chars).map((text) => ({ text, tone: l.tone })));
      box = { x: cx - w / 2, y, w, h: lines.length * LINE_H + 2 * BOX_PAD + 8 };
    } else {
      lines = hop.lines.map((l) => ({ text: fit(l.text, boxChars), tone: l.tone }));
      if (hop.details.length) lines.push({ text: fit(detailsLabel(hop), boxChars - 2), tone: 'muted' });
      if (lines.length === 0) lines.push({ text: '(passes through)', tone: 'muted' });
      box = { x: x1 - boxW / 2, y, w: boxW, h: lines.length * LINE_H + 2 * BOX_PAD };
    }
    const placed: PlacedHop = { hop, box, lines };
    if (opts.expanded.has(hop.n) && hop.details.length) {
      const bw = width - 2 * PAD;
      const chars = Math.max(20, Math.floor((bw - 2 * BOX_PAD) / cw));
      const wrapped = hop.details.flatMap((d) => wrap(d, chars));
      placed.band = {
        box: { x: PAD, y: box.y + box.h + 8, w: bw, h: wrapped.length * BAND_LINE_H + 2 * BOX_PAD },
        lines: wrapped,
      };
    }
    if (prev) {
      // From the previous hop's lane down, across to this hop's lane, down into its box.
      const fromX = prev.hop.kind === 'tunnel' ? x1 : laneX.get(prev.hop.lane)!;
      const toX = hop.kind === 'tunnel' ? fromX : x1;
      const startY = bottomOf(prev);
      const midY = startY + (y - startY) / 2;
      const d = fromX === toX ? `M${fromX},${startY} V${y}` : `M${fromX},${startY} V${midY} H${toX} V${y}`;
      const link = prev.hop.exit;
      const arrow: PlacedArrow = { leg: hop.leg, d };
      if (link && prev.hop.kind !== 'tunnel') {
        const span = Math.max(Math.abs(toX - fromX), laneW * 0.9);
        const text = `${link.fromDev} → ${link.toDev}`;
        arrow.label = {
          x: fromX === toX ? fromX + 6 : (fromX + toX) / 2,
          y: fromX === toX ? midY : midY - 4,
          text: fit(text, Math.floor(span / (cw * 0.92))),
        };
      }
      arrows.push(arrow);
    }
    hops.push(placed);
    prev = placed;
    y = bottomOf(placed) + GAP;
  }
  const height = Math.round(y - GAP + PAD + 6);
  return {
    width,
    height,
    groups,
    lanes,
    lifelineBottom: height - PAD,
    hops,
    arrows,
    ...(replyAt !== undefined ? { replyAt } : {}),
  };
}
