/**
 * The key bar shown above a phone's on-screen keyboard: the keys a shell needs that a phone
 * keyboard lacks (Tab, Esc, the arrows, Ctrl) and the symbols it hides (`|`, `-`, `/`, `~`). Ctrl
 * is sticky: pressed once, it turns the next key (from the bar or the keyboard) into its Ctrl
 * combination, as Termux and Blink do. Pure, so the key mapping is tested without a browser.
 */

/** One key of the bar: what it shows, its accessible name, and the bytes it types. */
export interface BarKey {
  label: string;
  name: string;
  /** What the terminal receives (xterm's sequences for the special keys). */
  data: string;
}

export const BAR_KEYS: readonly BarKey[] = [
  { label: 'Esc', name: 'Escape', data: '\x1b' },
  { label: 'Tab', name: 'Tab', data: '\t' },
  { label: '←', name: 'Left arrow', data: '\x1b[D' },
  { label: '↑', name: 'Up arrow', data: '\x1b[A' },
  { label: '↓', name: 'Down arrow', data: '\x1b[B' },
  { label: '→', name: 'Right arrow', data: '\x1b[C' },
  { label: '|', name: 'Pipe', data: '|' },
  { label: '-', name: 'Dash', data: '-' },
  { label: '/', name: 'Slash', data: '/' },
  { label: '~', name: 'Tilde', data: '~' },
];

/** Control characters for the symbols that have one (Ctrl-@ is NUL, Ctrl-[ is ESC, ...). */
const CONTROL_SYMBOLS: Record<string, string> = {
  '@': '\x00',
  ' ': '\x00',
  '[': '\x1b',
  '\\': '\x1c',
  ']': '\x1d',
  '^': '\x1e',
  _: '\x1f',
  '?': '\x7f',
};

/** The arrows with Ctrl, as xterm sends them (readline moves by word on Ctrl-Left/Right). */
const CONTROL_ARROWS: Record<string, string> = {
  '\x1b[A': '\x1b[1;5A',
  '\x1b[B': '\x1b[1;5B',
  '\x1b[C': '\x1b[1;5C',
  '\x1b[D': '\x1b[1;5D',
};

/**
 * What a key typed with Ctrl held sends: a letter its control character (`c` → ETX, the
 * interrupt), an arrow its Ctrl sequence; anything else is sent unchanged.
 */
export function ctrlKey(data: string): string {
  if (/^[a-zA-Z]$/.test(data)) return String.fromCharCode(data.toLowerCase().charCodeAt(0) & 0x1f);
  return CONTROL_SYMBOLS[data] ?? CONTROL_ARROWS[data] ?? data;
}
