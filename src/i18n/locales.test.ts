import { describe, expect, it } from 'vitest';
import { localeOfPath, localePath, neutralPath, preferredLocale, toLocale } from './locales';

describe('locale paths', () => {
  it('puts Korean under /ko/ and English at the root', () => {
    expect(localePath('/lessons/services/', 'ko')).toBe('/ko/lessons/services/');
    expect(localePath('/ko/lessons/services/', 'en')).toBe('/lessons/services/');
    expect(localePath('/ko/lessons/services/', 'ko')).toBe('/ko/lessons/services/');
    expect(localePath('/', 'ko')).toBe('/ko/');
    expect(localePath('/ko/', 'en')).toBe('/');
  });

  it('reads the locale of a path, and the path without it', () => {
    expect(localeOfPath('/ko/labs/')).toBe('ko');
    expect(localeOfPath('/ko')).toBe('ko');
    expect(localeOfPath('/kotlin/')).toBe('en');
    expect(localeOfPath('/labs/')).toBe('en');
    expect(neutralPath('/ko/labs/grade/')).toBe('/labs/grade/');
    expect(neutralPath('/ko')).toBe('/');
  });

  it('takes a locale from a language tag, English when it names none of ours', () => {
    expect(toLocale('ko-KR')).toBe('ko');
    expect(toLocale('EN')).toBe('en');
    expect(toLocale('fr')).toBe('en');
    expect(toLocale(undefined)).toBe('en');
  });

  it("finds the browser's preferred locale among ours, in its order", () => {
    expect(preferredLocale(['ko-KR', 'en-US'])).toBe('ko');
    expect(preferredLocale(['fr-FR', 'en-GB', 'ko'])).toBe('en');
    expect(preferredLocale(['fr', 'de'])).toBeUndefined();
  });
});
