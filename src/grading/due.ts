/**
 * When a lab is due, with its time zone: `2026-12-06 23:59 Asia/Seoul`. A lead writes the local time
 * of the group; the grader compares it with the time the learner's own clock put in the submission,
 * so lateness is self-reported and said to be. Pure: the zone offset comes from Intl's time zone
 * data for that instant, no clock is read.
 */

/** A due time as written, and the instant it stands for. */
export interface Due {
  /** `YYYY-MM-DD`. */
  date: string;
  /** `HH:MM`, 24-hour. */
  time: string;
  /** As written: an IANA zone (Asia/Seoul), UTC, AoE or an offset (+09:00). */
  zone: string;
  /** Milliseconds since the epoch of that local time in that zone. */
  at: number;
  /** The zone's offset from UTC at that instant, `+09:00`. */
  offset: string;
}

/** "Anywhere on Earth": the last zone where a date ends (UTC-12), the default for a bare date. */
export const AOE = 'AoE';

const DUE = /^(\d{4})-(\d{2})-(\d{2})(?:[ T](\d{2}):(\d{2}))?(?:\s+(\S+))?$/;

/** Minutes east of UTC in `zone` at instant `at`, or undefined for an unknown zone. */
export function zoneOffsetMinutes(zone: string, at: number): number | undefined {
  if (zone === AOE) return -12 * 60;
  if (zone === 'UTC' || zone === 'Z') return 0;
  const fixed = /^([+-])(\d{2}):(\d{2})$/.exec(zone);
  if (fixed) return (fixed[1] === '-' ? -1 : 1) * (Number(fixed[2]) * 60 + Number(fixed[3]));
  let parts: Intl.DateTimeFormatPart[];
  try {
    parts = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    }).formatToParts(at);
  } catch {
    return undefined;
  }
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  const local = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second'));
  return Math.round((local - Math.floor(at / 1000) * 1000) / 60_000);
}

/** `+09:00` for 540 minutes. */
export function formatOffset(minutes: number): string {
  const sign = minutes < 0 ? '-' : '+';
  const m = Math.abs(minutes);
  return `${sign}${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
}

/** Parse a due time as a lab writes it; a string is what is wrong with it. */
export function parseDue(text: string): Due | string {
  const m = DUE.exec(text);
  if (!m) return 'due must be written "YYYY-MM-DD", "YYYY-MM-DD HH:MM" or "YYYY-MM-DD HH:MM ZONE"';
  const [, y, mo, d, hh = '23', mm = '59', zone = AOE] = m;
  const local = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(hh), Number(mm));
  const check = new Intl.DateTimeFormat('en', { timeZone: 'UTC', year: 'numeric', month: '2-digit', day: '2-digit' });
  // Date.UTC rolls 2026-02-30 over into March: a date that does not come back the same is not a date.
  const [cm, cd, cy] = check.format(local).split('/');
  if (`${cy}-${cm}-${cd}` !== `${y}-${mo}-${d}` || Number(hh) > 23 || Number(mm) > 59)
    return `due: ${y}-${mo}-${d} ${hh}:${mm} is not a date and time`;
  // The offset at the local time read as UTC, then again at the instant found (right across DST changes).
  const first = zoneOffsetMinutes(zone, local);
  if (first === undefined)
    return `due: unknown time zone "${zone}" (write an IANA name such as Asia/Seoul or Europe/Berlin, UTC, AoE or an offset such as +09:00)`;
  const offset = zoneOffsetMinutes(zone, local - first * 60_000) ?? first;
  return {
    date: `${y}-${mo}-${d}`,
    time: `${hh}:${mm}`,
    zone,
    at: local - offset * 60_000,
    offset: formatOffset(offset),
  };
}

/** How a due time reads on the lab sheet and in reports: `2026-12-06 23:59 Asia/Seoul (UTC+09:00)`. */
export function formatDue(due: Due): string {
  const zone = due.zone === AOE ? 'anywhere on Earth' : due.zone;
  return `${due.date} ${due.time} ${zone} (UTC${due.offset})`;
}

/** A duration in words for reports: `2 h 5 min`, `3 days 4 h`. */
export function formatLateness(ms: number): string {
  const min = Math.round(ms / 60_000);
  if (min < 60) return `${Math.max(1, min)} min`;
  const h = Math.floor(min / 60);
  if (h < 48) return `${h} h${min % 60 ? ` ${min % 60} min` : ''}`;
  const days = Math.floor(h / 24);
  return `${days} days${h % 24 ? ` ${h % 24} h` : ''}`;
}

/** Whether a submission made at `submittedAt` (ISO with offset, the learner's clock) is after `due`, and by how much. */
export function lateness(due: Due | undefined, submittedAt: string | undefined): { late: boolean; by?: string } {
  if (!due || submittedAt === undefined) return { late: false };
  const at = Date.parse(submittedAt);
  if (Number.isNaN(at) || at <= due.at) return { late: false };
  return { late: true, by: formatLateness(at - due.at) };
}
