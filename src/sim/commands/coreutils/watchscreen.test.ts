import { describe, expect, it } from 'vitest';
import { diffScreen, layoutRows, renderScreen } from './watchscreen';

const cells = (...rows: string[]) => rows.map((r) => [...r]);

describe('watch -d screen', () => {
  it('wraps a long line at the width and expands tabs to multiples of 8', () => {
    expect(layoutRows('abcdefghij\na\tb\n', 4)).toEqual(cells('abcd', 'efgh', 'ij', 'a   ', 'b'));
  });

  it('does not add a row for a line exactly as wide as the screen', () => {
    expect(layoutRows('abcd\nx\n', 4)).toEqual(cells('abcd', 'x'));
  });

  it('highlights nothing on the first refresh', () => {
    expect(renderScreen(diffScreen(null, cells('count 10'), false))).toBe('count 10\n');
  });

  it('highlights each changed cell, including a cell that became blank', () => {
    const first = diffScreen(null, cells('count 10', 'same'), false);
    expect(renderScreen(diffScreen(first, cells('count 9', 'same'), false))).toBe('count \x1b[7m9 \x1b[27m\nsame\n');
  });

  it('highlights separate runs of changes separately', () => {
    const first = diffScreen(null, cells('a1b2c3'), false);
    expect(renderScreen(diffScreen(first, cells('a9b2c7'), false))).toBe('a\x1b[7m9\x1b[27mb2c\x1b[7m7\x1b[27m\n');
  });

  it('highlights the blanks of a line that disappeared', () => {
    const first = diffScreen(null, cells('one', 'two'), false);
    expect(renderScreen(diffScreen(first, cells('one'), false))).toBe('one\n\x1b[7m   \x1b[27m\n');
  });

  it('drops the highlight of a cell that did not change again', () => {
    const first = diffScreen(null, cells('x1'), false);
    const second = diffScreen(first, cells('x2'), false);
    expect(renderScreen(diffScreen(second, cells('x2'), false))).toBe('x2\n');
  });

  it('keeps every cell that ever changed highlighted with --differences=permanent', () => {
    const first = diffScreen(null, cells('a1 b1'), true);
    const second = diffScreen(first, cells('a2 b1'), true);
    expect(renderScreen(diffScreen(second, cells('a2 b3'), true))).toBe('a\x1b[7m2\x1b[27m b\x1b[7m3\x1b[27m\n');
  });
});
