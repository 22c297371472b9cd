import { describe, expect, it } from 'vitest';
import { nextPreference, parsePreference, resolveTheme } from './theme';

describe('parsePreference', () => {
  it('keeps light and dark', () => {
    expect([parsePreference('light'), parsePreference('dark')]).toEqual(['light', 'dark']);
  });

  it('reads a missing or unknown value as auto', () => {
    expect([parsePreference(null), parsePreference('solarized')]).toEqual(['auto', 'auto']);
  });
});

describe('resolveTheme', () => {
  it('follows the system in auto', () => {
    expect([resolveTheme('auto', true), resolveTheme('auto', false)]).toEqual(['dark', 'light']);
  });

  it('ignores the system for an explicit choice', () => {
    expect([resolveTheme('light', true), resolveTheme('dark', false)]).toEqual(['light', 'dark']);
  });
});

describe('nextPreference', () => {
  it('cycles auto, light, dark and back to auto', () => {
    expect([nextPreference('auto'), nextPreference('light'), nextPreference('dark')]).toEqual([
      'light',
      'dark',
      'auto',
    ]);
  });
});
