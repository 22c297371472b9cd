import { describe, expect, it } from 'vitest';
import { addQuantity, formatQuantity, parseQuantity } from './quantity';

describe('quantities', () => {
  it('adds millicores and prints them canonically', () => {
    expect(formatQuantity(addQuantity(parseQuantity('250m'), parseQuantity('700m')))).toBe('950m');
    expect(formatQuantity(addQuantity(parseQuantity('500m'), parseQuantity('1500m')))).toBe('2');
  });

  it('keeps binary suffixes for memory', () => {
    expect(formatQuantity(addQuantity(parseQuantity('70Mi'), parseQuantity('170Mi')))).toBe('240Mi');
    expect(formatQuantity(parseQuantity('16302216Ki'))).toBe('16302216Ki');
  });

  it('prints zero as 0', () => {
    expect(formatQuantity(parseQuantity(undefined))).toBe('0');
  });
});
