/** What the DNS tools share: the virtual-clock date dig prints, timeouts that cost virtual time, random ids. */
import type { Emulator } from '../../emulator';

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const pad = (n: number) => String(n).padStart(2, '0');

/** strftime `%a %b %d %H:%M:%S %Z %Y` in UTC (dig's `;; WHEN:`). */
export function digDate(ms: number): string {
  const d = new Date(ms);
  return `${DAYS[d.getUTCDay()]} ${MONTHS[d.getUTCMonth()]} ${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())} UTC ${d.getUTCFullYear()}`;
}

/** bind's client version string (reference 1.5 LAB capture). */
export const BIND_VERSION = '9.18.49-1~deb12u3-Debian';

/** dig/nslookup/host defaults: +time=5, +tries=3. */
export const BIND_TIMEOUT_MS = 5000;
export const BIND_TRIES = 3;

/**
 * bind's lines for a server that never answered: one `communications error` per try (each timeout
 * costs virtual time; a refusal comes back at once). The caller adds `no servers could be reached`.
 */
export function communicationsErrors(
  emu: Emulator,
  server: string,
  port: number,
  refused: boolean,
  tries = BIND_TRIES,
  timeoutMs = BIND_TIMEOUT_MS,
): string {
  let out = '';
  for (let t = 0; t < tries; t++) {
    if (!refused) waitFor(emu, timeoutMs);
    out += `;; communications error to ${server}#${port}: ${refused ? 'connection refused' : 'timed out'}\n`;
  }
  return out;
}

/** Let virtual time pass while a tool waits for replies that never come. */
export function waitFor(emu: Emulator, ms: number): void {
  if (ms > 0) emu.advanceTime(ms);
}
