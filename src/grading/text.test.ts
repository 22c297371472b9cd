import { describe, expect, it } from 'vitest';
import { alignedTable, displayWidth, printable } from './text';

describe('printable', () => {
  it('writes escape sequences, bells and C1 controls as visible escapes', () => {
    expect(printable('a\u001b[2Jb\u0007c\u009bd\u007f')).toBe('a\\x1b[2Jb\\x07c\\x9bd\\x7f');
  });

  it('writes bidirectional overrides and isolates as escapes', () => {
    expect(printable('admin\u202e\u2066x')).toBe('admin\\u202e\\u2066x');
  });

  it('turns tabs and line breaks into one space and keeps other scripts', () => {
    expect(printable('김민수\t\r\nok')).toBe('김민수 ok');
  });
});

describe('alignedTable', () => {
  it('counts East Asian wide characters as two columns', () => {
    expect(displayWidth('김민수')).toBe(6);
    expect(
      alignedTable([
        ['NAME', 'POINTS'],
        ['김민수', '3'],
        ['Alice', '12'],
      ]),
    ).toBe('NAME     POINTS\n김민수   3\nAlice    12\n');
  });
});
