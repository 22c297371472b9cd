/**
 * Records as dig prints them: bind's masterdump columns (owner, TTL at 24, class at 32, type at 40,
 * rdata at 48) reached with tabs of width 8, or one space when a column is already passed
 * (lib/dns/masterdump.c `indent`).
 */
import { rdataText, type DnsQuestion, type ResourceRecord } from '../../dns/message';

const TTL_COLUMN = 24;
const CLASS_COLUMN = 32;
const TYPE_COLUMN = 40;
const RDATA_COLUMN = 48;
const TAB = 8;

/** Move from column `from` towards `to` (always at least one character): tabs, then spaces. */
function indent(from: number, to: number): { text: string; column: number } {
  const target = Math.max(to, from + 1);
  const ntabs = Math.floor(target / TAB) - Math.floor(from / TAB);
  let text = '';
  let col = from;
  if (ntabs > 0) {
    text = '\t'.repeat(ntabs);
    col = Math.floor(target / TAB) * TAB;
  }
  text += ' '.repeat(target - col);
  return { text, column: target };
}

function columns(cells: [string, number][]): string {
  let out = '';
  let col = 0;
  cells.forEach(([text, at], i) => {
    if (i > 0) {
      const step = indent(col, at);
      out += step.text;
      col = step.column;
    }
    out += text;
    col += text.length;
  });
  return out;
}

/** `web.default.svc.cluster.local. 30 IN\tA\t10.96.120.15` */
export function formatRecord(rr: ResourceRecord): string {
  return columns([
    [rr.name, 0],
    [String(rr.ttl), TTL_COLUMN],
    ['IN', CLASS_COLUMN],
    [rr.rdata.type, TYPE_COLUMN],
    [rdataText(rr.rdata), RDATA_COLUMN],
  ]);
}

/** `;web.default.svc.cluster.local.\tIN\tA` (the question has no TTL column). */
export function formatQuestion(q: DnsQuestion): string {
  return columns([
    [`;${q.name}`, 0],
    ['IN', CLASS_COLUMN],
    [q.type, TYPE_COLUMN],
  ]);
}
