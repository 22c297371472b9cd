/**
 * The page's language for client scripts: `<html lang>`, which the page shell sets from the route.
 * A script imports the part of both dictionaries it shows and picks one once:
 *
 *   import { bench as en } from '../../i18n/en/bench';
 *   import { bench as ko } from '../../i18n/ko/bench';
 *   const t = localized(en, ko);
 *
 * One module per part keeps every other part out of the script's chunk. Outside a browser (unit
 * tests) the language is English.
 */
import { toLocale, type Locale } from './locales';

/** The locale of the page the script runs in. */
export function pageLocale(): Locale {
  return typeof document === 'undefined' ? 'en' : toLocale(document.documentElement.lang);
}

/** The part of the dictionary for the page's locale. */
export function localized<T>(en: T, ko: T): T {
  return pageLocale() === 'ko' ? ko : en;
}
