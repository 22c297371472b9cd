/**
 * Turns a packet walk's trace into the lines the `trace` teaching command prints: one line per
 * step, the namespace first, each matched rule in its `iptables -S` form so a learner can find it
 * in `iptables -t nat -S` output.
 */
import { saveRule } from './rulefmt';
import type { Netns } from './netns';
import type { TraceEvent } from './trace';

/** One line per trace event; `netns` resolves a namespace name (for the text of matched rules). */
export function formatTrace(trace: readonly TraceEvent[], netns: (name: string) => Netns | undefined): string[] {
  const lines: string[] = [];
  for (const e of trace) {
    switch (e.kind) {
      case 'hook':
        lines.push(`${e.netns}: ${e.table} ${e.hook}`);
        break;
      case 'rule': {
        const rule = netns(e.netns)?.netfilter.chain(e.table, e.chain)?.rules[e.index - 1];
        lines.push(`${e.netns}:   ${rule ? saveRule(e.chain, rule) : `${e.chain} rule ${e.index}`}`);
        break;
      }
      case 'policy':
        lines.push(`${e.netns}:   policy ${e.policy} (${e.table} ${e.chain})`);
        break;
      case 'nat':
        lines.push(`${e.netns}: ${e.type} ${e.from} -> ${e.to}`);
        break;
      case 'conntrack':
        lines.push(`${e.netns}: conntrack ${e.state}`);
        break;
      case 'route':
        lines.push(
          `${e.netns}: route ${e.dst}${e.local ? ' local' : ''}${e.via ? ` via ${e.via}` : ''}${e.dev ? ` dev ${e.dev}` : ''}${e.src ? ` src ${e.src}` : ''}`,
        );
        break;
      case 'link':
        lines.push(`${e.fromNetns}: ${e.fromDev} -> ${e.toNetns} ${e.toDev}`);
        break;
      case 'deliver':
        lines.push(`${e.netns}: delivered to ${e.addr}`);
        break;
      case 'encap':
        lines.push(`${e.netns}: ${e.dev} encap outer ${e.outer} | inner ${e.inner}`);
        break;
      case 'decap':
        lines.push(`${e.netns}: ${e.dev} decap inner ${e.inner}`);
        break;
      case 'ipvs':
        lines.push(
          e.dir === 'request'
            ? `${e.netns}: ipvs ${e.service} ${e.scheduler} -> ${e.destination}${e.fresh ? ' (new connection)' : ''}`
            : `${e.netns}: ipvs reply ${e.destination} -> ${e.service.split(' ')[1]}`,
        );
        break;
      case 'drop':
        lines.push(`${e.netns}: ${e.reason}`);
        break;
    }
  }
  return lines;
}
