/**
 * The packet-path panel under the terminal: after `trace ...`, a figure of the last packet walk.
 * The walk is drawn as lanes, one per network namespace in the order the packet visited them, each
 * listing what happened there (hooks, matching rules, NAT rewrites, conntrack, routing), with the
 * link crossed between lanes. It reads the data plane's own trace record (src/sim/net/trace.ts),
 * given as the event list or as `{ trace | events, outcome? }`; anything else hides the panel.
 */
import type { Outcome, TraceEvent } from '../../sim/net/trace';

export interface TraceLane {
  netns: string;
  /** One line per event in this namespace. */
  steps: Array<{ text: string; kind: TraceEvent['kind'] }>;
  /** How the packet left this namespace, when it crossed a link. */
  exit?: string;
}

/** One line for an event: the words `iptables` and `ip route` would use. */
export function describeTraceEvent(e: TraceEvent): string {
  switch (e.kind) {
    case 'hook':
      return `${e.hook} (${e.table})`;
    case 'rule':
      return `-t ${e.table} ${e.chain} rule ${e.index} matched`;
    case 'policy':
      return `${e.chain} (${e.table}) policy ${e.policy}`;
    case 'nat':
      return `${e.type} ${e.from} → ${e.to}`;
    case 'conntrack':
      return `conntrack entry ${e.id}: ${e.state}`;
    case 'route':
      return e.local ? `route: ${e.dst} is local` : `route: ${e.dst} dev ${e.dev}${e.via ? ` via ${e.via}` : ''}${e.src ? ` src ${e.src}` : ''}`;
    case 'link':
      return `${e.fromDev} → ${e.toNetns} ${e.toDev}`;
    case 'deliver':
      return `delivered to ${e.addr}`;
    case 'encap':
      return `${e.dev} encapsulates: outer ${e.outer}, inner ${e.inner}`;
    case 'decap':
      return `${e.dev} decapsulates: inner ${e.inner}`;
    case 'drop':
      return `dropped: ${e.reason}`;
  }
}

function eventsOf(data: unknown): { events: TraceEvent[]; outcome?: Outcome } | null {
  const record = data as { trace?: unknown; events?: unknown; outcome?: Outcome } | null;
  const events = Array.isArray(data) ? data : Array.isArray(record?.trace) ? record.trace : Array.isArray(record?.events) ? record.events : null;
  if (!events || events.length === 0) return null;
  const valid = events.filter((e): e is TraceEvent => typeof e === 'object' && e !== null && typeof (e as { kind?: unknown }).kind === 'string');
  if (valid.length === 0) return null;
  return { events: valid, outcome: record && !Array.isArray(data) ? record.outcome : undefined };
}

/** Group a walk into per-namespace lanes, in visiting order (a namespace visited twice gets two lanes). */
export function traceLanes(events: readonly TraceEvent[]): TraceLane[] {
  const lanes: TraceLane[] = [];
  for (const e of events) {
    if (e.kind === 'link') {
      const lane = lanes[lanes.length - 1];
      if (lane) lane.exit = describeTraceEvent(e);
      lanes.push({ netns: e.toNetns, steps: [] });
      continue;
    }
    let lane = lanes[lanes.length - 1];
    if (!lane || lane.netns !== e.netns) {
      lane = { netns: e.netns, steps: [] };
      lanes.push(lane);
    }
    lane.steps.push({ text: describeTraceEvent(e), kind: e.kind });
  }
  return lanes;
}

/** Draw the last trace into `panel`, or hide the panel when `data` is not a trace. */
export function renderTrace(panel: HTMLElement, data: unknown): void {
  const walk = eventsOf(data);
  panel.replaceChildren();
  panel.hidden = !walk;
  if (!walk) return;
  const caption = document.createElement('figcaption');
  caption.textContent = 'Packet path of the last trace';
  const lanes = document.createElement('ol');
  lanes.className = 'netlab-trace__lanes';
  for (const lane of traceLanes(walk.events)) {
    const item = document.createElement('li');
    const title = document.createElement('span');
    title.className = 'netlab-trace__where';
    title.textContent = `netns ${lane.netns}`;
    const steps = document.createElement('ol');
    for (const step of lane.steps) {
      const li = document.createElement('li');
      li.className = `netlab-trace__${step.kind}`;
      li.textContent = step.text;
      steps.append(li);
    }
    item.append(title, steps);
    if (lane.exit) {
      const exit = document.createElement('p');
      exit.className = 'netlab-trace__link';
      exit.textContent = `⇣ ${lane.exit}`;
      item.append(exit);
    }
    lanes.append(item);
  }
  panel.append(caption, lanes);
  if (walk.outcome) {
    const end = document.createElement('p');
    end.className = 'netlab-trace__outcome';
    end.textContent = `Outcome: ${walk.outcome.kind} in netns ${walk.outcome.netns}`;
    panel.append(end);
  }
}
