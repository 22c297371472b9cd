/**
 * curl's progress meter (lib/progress.c), which it prints to stderr when the body goes to a file or
 * a pipe and -s is not given: the two header lines and the final meter line.
 */

const HEADER =
  '  % Total    % Received % Xferd  Average Speed   Time    Time     Time  Current\n                                 Dload  Upload   Total   Spent    Left  Speed\n';

/** curl's max5data: a size or speed in at most five characters. */
export function max5(n: number): string {
  const v = Math.floor(n);
  if (v < 100000) return String(v).padStart(5);
  if (v < 10000 * 1024) return `${String(Math.floor(v / 1024)).padStart(4)}k`;
  if (v < 100 * 1024 * 1024)
    return `${String(Math.floor(v / 1048576)).padStart(2)}.${Math.floor(((v % 1048576) * 10) / 1048576)}M`;
  return `${String(Math.floor(v / 1048576)).padStart(4)}M`;
}

/** curl's time2str: `--:--:--` under a second, else ` H:MM:SS`. */
function time2str(ms: number): string {
  const s = Math.floor(ms / 1000);
  if (s <= 0) return '--:--:--';
  const p = (n: number): string => String(n).padStart(2, '0');
  return `${String(Math.floor(s / 3600)).padStart(2)}:${p(Math.floor(s / 60) % 60)}:${p(s % 60)}`;
}

/** The meter as it stands at the end: `bytes` received of `expected` (undefined when unknown) in `ms`. */
export function progressMeter(bytes: number, expected: number | undefined, ms: number): string {
  const done = bytes > 0 || expected === 0;
  const total = expected ?? bytes;
  const totalPct = done ? 100 : 0;
  const dlPct = expected !== undefined && expected > 0 ? Math.floor((bytes * 100) / expected) : 0;
  const speed = ms > 0 ? (bytes * 1000) / ms : 0;
  const pct = (n: number): string => String(n).padStart(3);
  return `${HEADER}\r${pct(totalPct)} ${max5(total)}  ${pct(dlPct)} ${max5(bytes)}  ${pct(0)} ${max5(0)}  ${max5(speed)}  ${max5(0)} ${time2str(expected !== undefined && done ? ms : 0)} ${time2str(ms)} ${'--:--:--'} ${max5(done ? speed : 0)}\n`;
}
