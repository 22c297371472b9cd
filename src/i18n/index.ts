/**
 * The dictionaries, for pages and components rendered at build time: `useTranslations(locale)`
 * gives the whole dictionary of a locale. Client scripts import only the parts they show (client.ts).
 * Importing this module checks that every locale has every key of English: a missing one fails the
 * build with its path (`bench.copy: missing`).
 */
import * as en from './en/index';
import * as ko from './ko/index';
import { DEFAULT_LOCALE, type Locale } from './locales';
import { shapeProblems } from './shape';

/** The shape every locale's dictionary has: English's. */
export type Dictionary = typeof en;

export const dictionaries: Record<Locale, Dictionary> = { en, ko };

for (const [locale, dictionary] of Object.entries(dictionaries)) {
  if (locale === DEFAULT_LOCALE) continue;
  const problems = shapeProblems(en, dictionary);
  if (problems.length)
    throw new Error(`src/i18n/${locale}.ts does not match src/i18n/en.ts:\n  ${problems.join('\n  ')}`);
}

/** The dictionary of `locale`. */
export function useTranslations(locale: Locale): Dictionary {
  return dictionaries[locale];
}

export * from './locales';
