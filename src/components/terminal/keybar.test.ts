import { describe, expect, it } from 'vitest';
import { BAR_KEYS, ctrlKey } from './keybar';

describe('ctrlKey', () => {
  it('turns c into the interrupt (ETX) and r into reverse search (DC2)', () => {
    expect(ctrlKey('c')).toBe('\x03');
    expect(ctrlKey('r')).toBe('\x12');
  });

  it('treats upper case as lower case, as a terminal does', () => {
    expect(ctrlKey('A')).toBe('\x01');
  });

  it('maps the symbols that have a control character', () => {
    expect(ctrlKey('[')).toBe('\x1b');
    expect(ctrlKey('_')).toBe('\x1f');
    expect(ctrlKey('?')).toBe('\x7f');
  });

  it('sends the arrows with Ctrl as xterm does, so Ctrl-Left moves by word', () => {
    expect(ctrlKey('\x1b[D')).toBe('\x1b[1;5D');
  });

  it('leaves anything else unchanged', () => {
    expect(ctrlKey('1')).toBe('1');
    expect(ctrlKey('ab')).toBe('ab');
  });
});

describe('BAR_KEYS', () => {
  it('has the keys a phone keyboard lacks, each with a spoken name', () => {
    expect(BAR_KEYS.map((k) => k.label)).toEqual(['Esc', 'Tab', '←', '↑', '↓', '→', '|', '-', '/', '~']);
    expect(BAR_KEYS.find((k) => k.label === 'Tab')?.data).toBe('\t');
    for (const k of BAR_KEYS) expect(k.name).not.toBe('');
  });
});
