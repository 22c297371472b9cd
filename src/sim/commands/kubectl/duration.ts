/**
 * Go's time.ParseDuration (src/time/format.go), for kubectl's duration flags: an optional sign, then
 * one or more decimal numbers each with a unit (ns, us, µs, ms, s, m, h); `0` alone needs no unit.
 * Returns nanoseconds, or Go's own error text.
 */
const UNITS: Record<string, number> = {
  ns: 1,
  us: 1e3,
  µs: 1e3, // U+00B5 micro sign
  μs: 1e3, // U+03BC Greek mu
  ms: 1e6,
  s: 1e9,
  m: 60e9,
  h: 3600e9,
};

export function parseDuration(orig: string): { ns: number } | { error: string } {
  const invalid = { error: `time: invalid duration "${orig}"` };
  let s = orig;
  let neg = false;
  if (s[0] === '-' || s[0] === '+') {
    neg = s[0] === '-';
    s = s.slice(1);
  }
  if (s === '0') return { ns: 0 };
  if (s === '') return invalid;
  let total = 0;
  while (s !== '') {
    const num = /^(\d*)(?:\.(\d*))?/.exec(s)!;
    const [all, pre = '', post] = num;
    if (!/^[0-9.]/.test(s) || (pre === '' && !post)) return invalid;
    s = s.slice(all.length);
    const unit = /^[^0-9.]*/.exec(s)![0];
    if (unit === '') return { error: `time: missing unit in duration "${orig}"` };
    const scale = UNITS[unit];
    if (scale === undefined) return { error: `time: unknown unit "${unit}" in duration "${orig}"` };
    s = s.slice(unit.length);
    total += Number(pre || '0') * scale + (post ? Math.round(Number(`0.${post}`) * scale) : 0);
  }
  if (total > 2 ** 63) return invalid;
  return { ns: neg ? -total : total };
}
