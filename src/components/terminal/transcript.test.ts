import { describe, expect, it } from 'vitest';
import type { IBuffer, IBufferLine } from '@xterm/xterm';
import { bufferLines, linesAbovePrompt } from './transcript';

/**
 * A stand-in for xterm's buffer: rows of text, some marked as wrapped continuations. `·` is a cell
 * never written (xterm's trimRight drops those, but keeps spaces that were written).
 */
function buffer(rows: Array<[string, boolean?]>, cursorRow = rows.length - 1): IBuffer {
  const line = ([text, wrapped]: [string, boolean?]) =>
    ({
      isWrapped: wrapped ?? false,
      translateToString: (trimRight?: boolean) => (trimRight ? text.replace(/·+$/, '') : text.replace(/·/g, ' ')),
    }) as unknown as IBufferLine;
  return { length: rows.length, baseY: 0, cursorY: cursorRow, getLine: (i: number) => (rows[i] ? line(rows[i]!) : undefined) } as unknown as IBuffer;
}

describe('transcript', () => {
  it('joins rows xterm wrapped back into one line, keeping the spaces at the wrap', () => {
    const buf = buffer([['$ echo aaaa·'], ['bbbb··', true], ['aaaa bbbb··'], ['$ ···']]);
    expect(bufferLines(buf)).toEqual(['$ echo aaaa bbbb', 'aaaa bbbb', '$ ']);
  });

  it('drops empty rows at the end of the screen', () => {
    expect(bufferLines(buffer([['$ ls··'], ['·····'], ['·····']]))).toEqual(['$ ls']);
  });

  it('keeps what is above the prompt, even when the line being typed wraps', () => {
    const buf = buffer([['$ echo hi'], ['hi'], ['$ kubectl get pods --all-names'], ['pace', true]], 3);
    expect(linesAbovePrompt(buf)).toEqual(['$ echo hi', 'hi']);
  });
});
