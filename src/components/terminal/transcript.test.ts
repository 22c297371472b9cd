import { describe, expect, it } from 'vitest';
import type { IBuffer, IBufferLine } from '@xterm/xterm';
import { bufferLines, TranscriptLog } from './transcript';

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
  return {
    length: rows.length,
    baseY: 0,
    cursorY: cursorRow,
    getLine: (i: number) => (rows[i] ? line(rows[i]!) : undefined),
  } as unknown as IBuffer;
}

describe('transcript', () => {
  it('joins rows xterm wrapped back into one line, keeping the spaces at the wrap', () => {
    const buf = buffer([['$ echo aaaa·'], ['bbbb··', true], ['aaaa bbbb··'], ['$ ···']]);
    expect(bufferLines(buf)).toEqual(['$ echo aaaa bbbb', 'aaaa bbbb', '$ ']);
  });

  it('drops empty rows at the end of the screen', () => {
    expect(bufferLines(buffer([['$ ls··'], ['·····'], ['·····']]))).toEqual(['$ ls']);
  });
});

describe('TranscriptLog', () => {
  it('keeps complete lines with their colours, leaving out the line still being written', () => {
    const log = new TranscriptLog(10);
    log.append('$ ip -c link\n1: \x1b[36mlo\x1b[0m: <LOOPBACK,UP,LOWER_UP>\r\n$ ');
    expect(log.lines()).toEqual(['$ ip -c link', '1: \x1b[36mlo\x1b[0m: <LOOPBACK,UP,LOWER_UP>']);
  });

  it('forgets what a clear-screen sequence wiped', () => {
    const log = new TranscriptLog(10);
    log.append('old\n\x1b[H\x1b[2J\x1b[3JEvery 2.0s: kubectl get pods\n');
    expect(log.lines()).toEqual(['Every 2.0s: kubectl get pods']);
  });

  it('keeps only the last lines', () => {
    const log = new TranscriptLog(3);
    for (let i = 1; i <= 10; i++) log.append(`line ${i}\n`);
    expect(log.lines()).toEqual(['line 8', 'line 9', 'line 10']);
  });
});
