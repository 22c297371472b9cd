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

/** A lesson entry with the fields the prerequisite check reads. */
export interface LessonWithPrerequisites extends LessonLike {
  filePath?: string | undefined;
  data: LessonLike['data'] & { prerequisites: readonly { id: string }[] };
}

/**
 * Broken prerequisite links, one message per problem naming the file and the field.
 * Astro only logs a missing reference and builds anyway; a published lesson must also not send the
 * reader to a draft, which is never built.
 */
export function prerequisiteProblems(lessons: readonly LessonWithPrerequisites[]): string[] {
  const byId = new Map(lessons.map((lesson) => [lesson.id, lesson]));
  const problems: string[] = [];
  for (const lesson of lessons) {
    if (lesson.data.draft) continue;
    lesson.data.prerequisites.forEach(({ id }, i) => {
      const target = byId.get(id);
      const where = `${lesson.filePath ?? lesson.id}: prerequisites[${i}]`;
      if (!target) problems.push(`${where}: there is no lesson "${id}"`);
      else if (target.data.draft) problems.push(`${where}: lesson "${id}" is a draft, so it is not published`);
      else if (id === lesson.id) problems.push(`${where}: a lesson cannot be its own prerequisite`);
    });
  }
  return problems;
}

/** The URL of a lesson page. */
export function lessonHref(id: string): string {
  return `/lessons/${id}/`;
}
