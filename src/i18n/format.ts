/**
 * Numbers, percentages and dates in the reader's locale, through Intl (never by hand), for pages at
 * build time and scripts in the browser alike.
 */
import { LOCALE_NAMES, type Locale } from './locales';
import type { Due } from '../grading/due';
import { AOE, formatDue } from '../grading/due';

/** `1234` → `1,234` (both locales group by thousands). */
export function formatNumber(n: number, locale: Locale): string {
  return new Intl.NumberFormat(LOCALE_NAMES[locale].intl).format(n);
}

/** A share as a whole percentage: `0.5` → `50%`. */
export function formatPercent(share: number, locale: Locale): string {
  return new Intl.NumberFormat(LOCALE_NAMES[locale].intl, { style: 'percent', maximumFractionDigits: 0 }).format(share);
}

/** Seconds with one decimal: `1.25` → `1.3`. */
export function formatSeconds(seconds: number, locale: Locale): string {
  return new Intl.NumberFormat(LOCALE_NAMES[locale].intl, {
    minimumFractionDigits: 1,
    maximumFractionDigits: 1,
  }).format(seconds);
}

/**
 * A lab's due time as the lab sheet shows it. English keeps the unambiguous form the reports use
 * (`2026-12-13 23:59 Asia/Seoul (UTC+09:00)`); Korean reads the date the Korean way, from the wall
 * time as written in its zone (`2026년 12월 13일 (일) 23:59 Asia/Seoul (UTC+09:00)`). `anywhereOnEarth`
 * names the AoE zone in the page's words.
 */
export function formatDueFor(due: Due, locale: Locale, anywhereOnEarth: string): string {
  if (locale === 'en') return formatDue(due);
  const [y, m, d] = due.date.split('-').map(Number) as [number, number, number];
  const [hh, mm] = due.time.split(':').map(Number) as [number, number];
  // The wall time in the lab's zone, read as if in UTC: the weekday and the date are that zone's.
  const wall = new Date(Date.UTC(y, m - 1, d, hh, mm));
  const parts = new Intl.DateTimeFormat(LOCALE_NAMES[locale].intl, {
    timeZone: 'UTC',
    year: 'numeric',
    month: 'long',
    day: 'numeric',
  }).format(wall);
  const weekday = new Intl.DateTimeFormat(LOCALE_NAMES[locale].intl, { timeZone: 'UTC', weekday: 'short' }).format(
    wall,
  );
  const zone = due.zone === AOE ? anywhereOnEarth : due.zone;
  return `${parts} (${weekday}) ${due.time} ${zone} (UTC${due.offset})`;
}
