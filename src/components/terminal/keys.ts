/**
 * Splits what xterm.js hands us (`onData`: typed keys, escape sequences, pasted text) into single
 * key tokens, so the line editor can treat one token as one key press. A pasted block arrives as
 * one string; split, it is replayed exactly as if typed.
 */

/** Bracketed-paste markers xterm wraps pasted text in once we enable mode 2004. */
export const PASTE_START = '\x1b[200~';
export const PASTE_END = '\x1b[201~';

/** Split terminal input into key tokens: one printable code point, one control character, or one escape sequence. */
export function splitKeys(data: string): string[] {
  const keys: string[] = [];
  let i = 0;
  while (i < data.length) {
    const ch = data[i]!;
    if (ch === '\x1b') {
      const next = data[i + 1];
      if (next === '[') {
        // CSI: parameters and intermediates up to a final byte in @..~.
        let j = i + 2;
        while (j < data.length && !/[@-~]/.test(data[j]!)) j++;
        keys.push(data.slice(i, j + 1));
        i = j + 1;
      } else if (next === 'O' && i + 2 < data.length) {
        // SS3: application-mode arrows and Home/End (ESC O A).
        keys.push(data.slice(i, i + 3));
        i += 3;
      } else if (next !== undefined) {
        // Meta/Alt: ESC followed by the key (Alt-b arrives as ESC b).
        const cp = String.fromCodePoint(data.codePointAt(i + 1)!);
        keys.push('\x1b' + cp);
        i += 1 + cp.length;
      } else {
        keys.push('\x1b');
        i += 1;
      }
      continue;
    }
    if (ch === '\r' && data[i + 1] === '\n') {
      // A pasted CRLF is one Enter, not two.
      keys.push('\r');
      i += 2;
      continue;
    }
    const cp = String.fromCodePoint(data.codePointAt(i)!);
    keys.push(cp);
    i += cp.length;
  }
  return keys;
}
