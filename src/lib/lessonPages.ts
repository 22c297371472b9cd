/**
 * What a lesson page needs, in either language: the lesson list in that language, the neighbours,
 * the MDX to render (the translation, or the English lesson when there is none yet) and the other
 * language's section anchors, so the language switch lands on the same section. Build time only.
 */
import { getCollection, render } from 'astro:content';
import type { Locale } from '../i18n/locales';
import { localLessons, koreanLessons, type LocalLesson } from './localLessons';
import { neighbours, prerequisiteProblems } from './lessons';

export interface LessonPageProps {
  lesson: LocalLesson;
  lessons: LocalLesson[];
}

/** The static paths of a language's lesson pages (one per published English lesson). */
export async function lessonPaths(locale: Locale): Promise<{ params: { id: string }; props: LessonPageProps }[]> {
  const problems = prerequisiteProblems(await getCollection('lessons'));
  if (problems.length > 0) throw new Error(`Invalid lesson prerequisites:\n${problems.join('\n')}`);
  const known = new Set((await getCollection('lessons')).map((l) => l.id));
  const orphans = [...(await koreanLessons()).keys()].filter((id) => !known.has(id));
  if (orphans.length > 0)
    throw new Error(
      `Korean lessons without an English lesson of the same id: ${orphans.map((id) => `src/content/lessons/ko/${id}.mdx`).join(', ')}`,
    );
  const lessons = await localLessons(locale);
  return lessons.map((lesson) => ({ params: { id: lesson.id }, props: { lesson, lessons } }));
}

/** The page's content, headings and neighbours, and the other language's section anchors. */
export async function lessonPage(locale: Locale, { lesson, lessons }: LessonPageProps) {
  const { Content, headings } = await render(lesson.content);
  const other = (await localLessons(locale === 'en' ? 'ko' : 'en')).find((l) => l.id === lesson.id)!;
  const otherSections =
    other.content === lesson.content
      ? headings.filter((h) => h.depth === 2 || h.depth === 3).map((h) => h.slug)
      : (await render(other.content)).headings.filter((h) => h.depth === 2 || h.depth === 3).map((h) => h.slug);
  const { prev, next } = neighbours(lessons, lesson.id);
  return { Content, headings, otherSections, prev, next };
}
