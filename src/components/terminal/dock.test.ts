import { describe, expect, it } from 'vitest';
import { DEFAULT_FRACTION, MAX_FRACTION, MIN_FRACTION, clampFraction, parseDockPrefs } from './dock';

describe('parseDockPrefs', () => {
  it('gives the middle and unfolded without a stored choice', () => {
    expect(parseDockPrefs(null)).toEqual({ fraction: DEFAULT_FRACTION, collapsed: false });
  });

  it('reads a stored width and fold', () => {
    expect(parseDockPrefs('{"fraction":0.4,"collapsed":true}')).toEqual({ fraction: 0.4, collapsed: true });
  });

  it('keeps the width within bounds, so the lesson always has room', () => {
    expect(parseDockPrefs('{"fraction":0.99}').fraction).toBe(MAX_FRACTION);
    expect(parseDockPrefs('{"fraction":-3}').fraction).toBe(MIN_FRACTION);
  });

  it('ignores what it cannot read', () => {
    expect(parseDockPrefs('{not json')).toEqual({ fraction: DEFAULT_FRACTION, collapsed: false });
    expect(parseDockPrefs('{"fraction":"wide","collapsed":"yes"}')).toEqual({
      fraction: DEFAULT_FRACTION,
      collapsed: false,
    });
  });
});

describe('clampFraction', () => {
  it('passes a share inside the bounds through', () => {
    expect(clampFraction(0.6)).toBe(0.6);
  });
});
