import { describe, expect, it } from 'vitest';
import { lineDiff } from './diff';

describe('lineDiff', () => {
  it('is empty for equal texts', () => {
    expect(lineDiff('a\nb', 'a\nb')).toBe('');
  });

  it('keeps one line of context and elides the rest', () => {
    expect(lineDiff('1\n2\n3\n4\n5\n6', '1\n2\n3\n4\nfive\n6')).toBe('  ...\n  4\n- 5\n+ five\n  6');
  });

  it('shows added and removed lines', () => {
    expect(lineDiff('a\nb\nc', 'a\nc\nd')).toBe('  a\n- b\n  c\n+ d');
  });
});
