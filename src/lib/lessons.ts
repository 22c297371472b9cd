/**
 * Ordering and navigation over the lesson collection, kept free of `astro:content` so it can be
 * unit-tested: callers pass in what `getCollection('lessons')` returned.
 */

/** The fields of a lesson entry this module needs. */
export interface LessonLike {
  id: string;
  body?: string | undefined;
  data: { title: string; order: number; draft: boolean };
}

/** Lessons to publish, in course order: drafts dropped, then by `order`, ties broken by id. */
export function publishedInOrder<T extends LessonLike>(lessons: readonly T[]): T[] {
  return lessons
    .filter((lesson) => !lesson.data.draft)
    .sort((a, b) => a.data.order - b.data.order || a.id.localeCompare(b.id));
}

/** The lessons before and after `id` in an ordered list (undefined at either end). */
export function neighbours<T extends LessonLike>(ordered: readonly T[], id: string): { prev?: T; next?: T } {
  const at = ordered.findIndex((lesson) => lesson.id === id);
  if (at < 0) return {};
  return { prev: ordered[at - 1], next: ordered[at + 1] };
}

/** Whether a lesson's source holds a ```mermaid block, so its page must load the diagram script. */
export function hasMermaidBlock(body: string | undefined): boolean {
  return body !== undefined && /^[ \t]*(```|~~~)[ \t]*mermaid\b/m.test(body);
}

/** The URL of a lesson page. */
export function lessonHref(id: string): string {
  return `/lessons/${id}/`;
}
