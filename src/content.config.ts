/**
 * The `lessons` content collection: one MDX file per lesson under src/content/lessons.
 * The schema is the contract between lesson authors and the site: a frontmatter that does not fit
 * fails the build, and Astro's error names the file and the field.
 */
import { defineCollection, reference } from 'astro:content';
import { glob } from 'astro/loaders';
import { z } from 'astro/zod';
import { exerciseFileSchema } from './grading/schema';

/** Cluster presets a lesson's terminal can start from (see src/sim/scenarios). */
export const SCENARIO_IDS = ['kind-iptables', 'kind-ipvs', 'aws-vpc-cni', 'weave', 'empty'] as const;

const lessonSchema = z.object({
  title: z
    .string()
    .min(1)
    .describe('Lesson title, shown as the page heading, in the lesson list and in search results.'),
  description: z
    .string()
    .min(1)
    .describe('One or two sentences on what the lesson teaches; used for the home page card and the meta description.'),
  order: z
    .number()
    .int()
    .min(0)
    .describe('Position in the course: lessons are listed by ascending order (0 is the introduction).'),
  scenario: z
    .enum(SCENARIO_IDS)
    .describe('Scenario id the lesson terminal starts from: kind-iptables, kind-ipvs, aws-vpc-cni, weave or empty.'),
  objectives: z
    .array(z.string().min(1))
    .min(1)
    .describe('Learning objectives, each one sentence starting with a verb ("Trace a packet from ...").'),
  minutes: z.number().int().positive().describe('Estimated minutes to read the lesson and do its exercises.'),
  prerequisites: z
    .array(reference('lessons'))
    .default([])
    .describe('Ids of lessons to read first (file names without extension); each must exist.'),
  draft: z.boolean().default(false).describe('A draft lesson is not built, listed or searchable.'),
});

export type LessonData = z.infer<typeof lessonSchema>;

/**
 * A lesson's Korean page, `src/content/lessons/ko/<id>.mdx`, beside the English one with the same id.
 * It holds only the words: the course order, the scenario, the time and the prerequisites are the
 * English page's, so the two cannot drift apart (docs/glossary-ko.md, "How to add a Korean lesson").
 */
const lessonKoSchema = z
  .object({
    title: z.string().min(1).describe('The lesson title in Korean.'),
    description: z
      .string()
      .min(1)
      .describe('One or two sentences in Korean, for the home page card and the meta description.'),
    objectives: z
      .array(z.string().min(1))
      .min(1)
      .describe("The English page's objectives in Korean, one for one and in the same order."),
    draft: z
      .boolean()
      .default(false)
      .describe('A draft translation is not built: the Korean page shows the English lesson.'),
  })
  // order, scenario, minutes and prerequisites come from the English page: a Korean page that sets them is refused.
  .strict();

export type LessonKoData = z.infer<typeof lessonKoSchema>;

export const collections = {
  lessons: defineCollection({
    // Top level only: translations live in a folder per language (ko/).
    loader: glob({ pattern: '*.{md,mdx}', base: './src/content/lessons' }),
    schema: lessonSchema,
  }),
  /** Korean pages of lessons: entry id = the English lesson's id. */
  lessonsKo: defineCollection({
    loader: glob({ pattern: '*.{md,mdx}', base: './src/content/lessons/ko' }),
    schema: lessonKoSchema,
  }),
  /**
   * Exercises: one `<lessonId>.exercises.yaml` beside each lesson, a list validated by the grading
   * schema (docs/grading.md). Entry id = lesson id; `netlab check` validates the same files.
   */
  exercises: defineCollection({
    loader: glob({
      pattern: '**/*.exercises.yaml',
      base: './src/content/lessons',
      generateId: ({ entry }) => entry.replace(/\.exercises\.yaml$/, ''),
    }),
    schema: exerciseFileSchema,
  }),
};
