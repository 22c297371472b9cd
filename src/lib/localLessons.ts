/**
 * The lessons as a page in one language lists and shows them: in course order, each with its words
 * in that language when its translation exists (src/content/lessons/ko/<id>.mdx), else in English and
 * marked as such. Build time only (reads the content collections).
 */
import { getCollection, type CollectionEntry } from 'astro:content';
import type { Locale } from '../i18n/locales';
import { localePath } from '../i18n/locales';
import { publishedInOrder } from './lessons';

export interface LocalLesson {
  id: string;
  /** The English entry: order, scenario, minutes, prerequisites, and the text when not translated. */
  entry: CollectionEntry<'lessons'>;
  /** The entry whose MDX the page renders: the translation, or the English lesson. */
  content: CollectionEntry<'lessons'> | CollectionEntry<'lessonsKo'>;
  /** Whether the lesson is written in the page's language. */
  translated: boolean;
  data: CollectionEntry<'lessons'>['data'] & { title: string; description: string; objectives: string[] };
}

/** The published Korean translations by lesson id (drafts left out). */
export async function koreanLessons(): Promise<Map<string, CollectionEntry<'lessonsKo'>>> {
  const all = await getCollection('lessonsKo');
  return new Map(all.filter((e) => !e.data.draft).map((e) => [e.id, e]));
}

/** Every published lesson, in course order, as a page in `locale` shows it. */
export async function localLessons(locale: Locale): Promise<LocalLesson[]> {
  const english = publishedInOrder(await getCollection('lessons'));
  const ko = locale === 'ko' ? await koreanLessons() : new Map<string, CollectionEntry<'lessonsKo'>>();
  return english.map((entry) => {
    const translation = ko.get(entry.id);
    if (locale === 'en' || !translation)
      return { id: entry.id, entry, content: entry, translated: locale === 'en', data: entry.data };
    const { title, description, objectives } = translation.data;
    return {
      id: entry.id,
      entry,
      content: translation,
      translated: true,
      data: { ...entry.data, title, description, objectives },
    };
  });
}

/** The URL of a lesson page in `locale`. */
export function localLessonHref(id: string, locale: Locale): string {
  return localePath(`/lessons/${id}/`, locale);
}
