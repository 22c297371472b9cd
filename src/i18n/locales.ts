/**
 * The site's languages and where their pages live: English at `/`, Korean under `/ko/` (Astro's i18n
 * routing with `prefixDefaultLocale: false`, astro.config.mjs). Pure, so the path arithmetic the
 * language switch and the page shells share is tested without a browser.
 */

/** Every locale the site is built in; the first is the default, served without a prefix. */
export const LOCALES = ['en', 'ko'] as const;

export type Locale = (typeof LOCALES)[number];

export const DEFAULT_LOCALE: Locale = 'en';

/** What each locale is called in itself (the switch shows the other one's name) and its BCP 47 tag for Intl. */
export const LOCALE_NAMES: Record<Locale, { name: string; intl: string }> = {
  en: { name: 'English', intl: 'en' },
  ko: { name: '한국어', intl: 'ko-KR' },
};

export function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && (LOCALES as readonly string[]).includes(value);
}

/** A locale from anything that might name one (`Astro.currentLocale`, `<html lang>`); the default otherwise. */
export function toLocale(value: string | null | undefined): Locale {
  const base = value?.toLowerCase().split('-')[0];
  return isLocale(base) ? base : DEFAULT_LOCALE;
}

/** The locale a URL path belongs to: `/ko/...` is Korean, everything else English. */
export function localeOfPath(pathname: string): Locale {
  const first = pathname.split('/')[1] ?? '';
  return isLocale(first) && first !== DEFAULT_LOCALE ? first : DEFAULT_LOCALE;
}

/** A path without its locale prefix: `/ko/lessons/x/` → `/lessons/x/`, `/ko/` → `/`. */
export function neutralPath(pathname: string): string {
  const locale = localeOfPath(pathname);
  if (locale === DEFAULT_LOCALE) return pathname;
  const rest = pathname.slice(locale.length + 1);
  return rest === '' ? '/' : rest;
}

/** The same page in `locale`: `localePath('/lessons/x/', 'ko')` → `/ko/lessons/x/`. */
export function localePath(pathname: string, locale: Locale): string {
  const neutral = neutralPath(pathname);
  return locale === DEFAULT_LOCALE ? neutral : `/${locale}${neutral}`;
}

/**
 * The locale a browser prefers among ours, from `navigator.languages` in order (`ko-KR` counts as
 * `ko`); undefined when it names none of them.
 */
export function preferredLocale(languages: readonly string[]): Locale | undefined {
  for (const tag of languages) {
    const base = tag.toLowerCase().split('-')[0];
    if (isLocale(base)) return base;
  }
  return undefined;
}
