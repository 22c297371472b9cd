/**
 * The exercise, lab and submission formats: one zod schema each, which gives the validation, the
 * TypeScript types (`z.infer`) and the messages authors read. Friendly YAML shapes (numbers where
 * text is meant, a bare exercise id in a lab) are normalised here, so everything past parsing sees
 * one shape. See docs/grading.md for the authoring guide.
 */
import { z } from 'zod';
import { getScenario } from '../sim/emulator';
import { parseDue } from './due';
import { LEARNER_ID, LEARNER_ID_MESSAGE } from './ids';

/** Text an author may write as a YAML number (`exact: 3`): kept as the string it reads as. */
const text = z.union([z.string(), z.number()]).transform((v) => String(v));

/** Shell command lines, run as if typed; an entry may hold several lines (a heredoc). */
const commandLines = z
  .array(z.string())
  .describe('Command lines, run in order as if typed at the terminal; heredocs allowed.');

const slug = /^[a-z0-9][a-z0-9-]*$/;

/** Where a check's command runs: `host`, `node NODE` or `pod NAMESPACE/POD`. */
export const whereSchema = z
  .string()
  .regex(/^(host|node [^\s/]+|pod [^\s/]+\/[^\s/]+)$/, {
    message: 'where must be "host", "node NODE-NAME" or "pod NAMESPACE/POD-NAME"',
  })
  .default('host')
  .describe('Where the command runs: "host" (the default), "node NODE-NAME" or "pod NAMESPACE/POD-NAME".');

function validRegex(source: string): boolean {
  try {
    new RegExp(source);
    return true;
  } catch {
    return false;
  }
}

/** Table expectations: rows of `COLUMN: value`, a value in slashes being a regular expression. */
const tableSchema = z
  .strictObject({
    key: z
      .string()
      .optional()
      .describe(
        'Column whose value finds each expected row (e.g. NAME); without it, rows are compared in order and their count must match.',
      ),
    rows: z
      .array(
        z.record(
          z.string().describe('A column header as printed, e.g. NAME or PORT(S).'),
          text.describe('The expected cell: literal text, or /regex/.'),
        ),
      )
      .min(1, { message: 'a table check needs at least one expected row' })
      .describe(
        'Expected rows: only the listed columns are compared (leave out AGE); a value written /like this/ is a regular expression matched against the whole cell.',
      ),
    allRows: z.boolean().default(false).describe('With key: the output may hold no rows other than the expected ones.'),
  })
  .describe('Compare table cells by column header, as kubectl prints them.');

/** The kinds of output comparison a check may name; exactly one per check (exitCode may join it). */
export const MATCHER_KINDS = ['exact', 'pattern', 'linesAnyOrder', 'table', 'contains', 'notContains'] as const;

export const checkSchema = z
  .strictObject({
    title: z.string().min(1).describe('What the check verifies, as a short sentence shown with its result.'),
    run: z
      .string()
      .min(1)
      .describe("The command line whose output is compared, run in a copy of the learner's emulator."),
    where: whereSchema,
    stream: z
      .enum(['both', 'stdout', 'stderr'])
      .default('both')
      .describe(
        'Which output is compared: both (stdout and stderr in order, as the terminal shows; the default), stdout or stderr.',
      ),
    explain: z
      .string()
      .optional()
      .describe("The author's sentence shown when the check fails: what the learner probably missed."),
    exact: text.optional().describe('Exact expected output; trailing spaces and trailing blank lines are ignored.'),
    pattern: z
      .string()
      .refine(validRegex, { message: 'pattern is not a valid JavaScript regular expression' })
      .optional()
      .describe('A regular expression the output must match, anchored as scope says.'),
    scope: z
      .enum(['whole', 'anyLine', 'everyLine'])
      .optional()
      .describe(
        'For pattern: match the whole output (default), some line, or every line; always anchored at both ends.',
      ),
    linesAnyOrder: text.optional().describe('Expected lines in any order (one per line); trailing spaces ignored.'),
    table: tableSchema.optional(),
    contains: text.optional().describe('Text the output must contain.'),
    notContains: text.optional().describe('Text the output must not contain.'),
    exitCode: z
      .number()
      .int()
      .min(0)
      .max(255)
      .optional()
      .describe('Expected exit status of the command line; alone or with one output comparison.'),
    ko: z
      .strictObject({
        title: z.string().min(1).describe("The check's title in Korean."),
        explain: z.string().min(1).optional().describe('The explanation in Korean; present exactly when explain is.'),
      })
      .optional()
      .describe("The check's words in Korean (docs/glossary-ko.md); the command and the comparison are shared."),
  })
  .superRefine((check, ctx) => {
    const kinds = MATCHER_KINDS.filter((k) => check[k] !== undefined);
    if (kinds.length > 1) {
      ctx.addIssue({
        code: 'custom',
        message: `a check compares one way, but this one has ${kinds.join(' and ')}: split it into several checks`,
      });
    }
    if (kinds.length === 0 && check.exitCode === undefined) {
      ctx.addIssue({ code: 'custom', message: `a check needs one of ${MATCHER_KINDS.join(', ')} or exitCode` });
    }
    if (check.scope !== undefined && check.pattern === undefined) {
      ctx.addIssue({ code: 'custom', path: ['scope'], message: 'scope only applies to a pattern check' });
    }
  })
  .describe('One check: run a command, compare its output or exit code.');

export const findSchema = z
  .strictObject({
    prompt: z
      .string()
      .min(1)
      .describe('The question put to the learner, e.g. "What is the ClusterIP of the web Service?".'),
    run: z.string().min(1).describe("A command on the learner's own cluster whose output holds the expected value."),
    where: whereSchema,
    regex: z
      .string()
      .refine(validRegex, { message: 'regex is not a valid JavaScript regular expression' })
      .optional()
      .describe("Take the value from this regular expression's capture group (default: the trimmed output)."),
    group: z.number().int().min(0).default(1).describe('Which capture group of regex holds the value (default 1).'),
    jsonpath: z
      .string()
      .optional()
      .describe(
        "Take the value with this kubectl JSONPath template from the command's JSON output (run it with -o json).",
      ),
    explain: z.string().optional().describe('Shown when the answer is wrong: where the value can be read.'),
    ko: z
      .strictObject({
        prompt: z.string().min(1).describe('The question in Korean.'),
        explain: z.string().min(1).optional().describe('The explanation in Korean; present exactly when explain is.'),
      })
      .optional()
      .describe("The find task's words in Korean; the command and the expected value are shared."),
  })
  .refine((find) => find.regex === undefined || find.jsonpath === undefined, {
    message: 'a find task takes its value with regex or with jsonpath, not both',
  })
  .describe('A "find" task: the learner types a value, compared with what a command prints on their own cluster.');

/** One attempt at an exercise: command lines, and for a find task the value given. */
export const attemptSchema = z
  .strictObject({
    lines: commandLines.default([]),
    answer: text.optional().describe('For a find task: the value the learner answers.'),
  })
  .describe('Command lines and, for a find task, the answer.');

const wrongAttemptSchema = attemptSchema
  .extend({ why: z.string().optional().describe('Which mistake this attempt stands for (for authors).') })
  .describe('A plausible mistake that must fail at least one check.');

/** The four kinds of exercise a lesson mixes (../shared/design/lessons.md). */
export const EXERCISE_KINDS = ['do', 'find', 'debug', 'predict'] as const;

const exerciseKind = z
  .enum(EXERCISE_KINDS, { message: 'kind must be do, find, debug or predict' })
  .describe(
    'do: reach a goal state (checks test behaviour); find: read a value off the cluster; debug: the setup breaks ' +
      'something, the learner finds and fixes it; predict: answer first, then run the command that shows it. ' +
      'Default: find when the exercise has a find task, else do.',
  );

/** Shapes translationIssues reads (the parsed exercise, before the exercise type exists). */
interface Translatable {
  hints: string[];
  checks: { explain?: string | undefined; ko?: { explain?: string | undefined } | undefined }[];
  find?: { explain?: string | undefined; ko?: { explain?: string | undefined } | undefined } | undefined;
  ko?: { hints: string[] } | undefined;
}

/**
 * A translation is whole or absent: with `ko`, every hint, check and find task has its Korean words,
 * explanations exactly where the English has one; without it, nothing else carries `ko`.
 */
function translationIssues(ex: Translatable): { path: (string | number)[]; message: string }[] {
  const issues: { path: (string | number)[]; message: string }[] = [];
  const pair = (
    path: (string | number)[],
    part: { explain?: string | undefined; ko?: { explain?: string | undefined } | undefined },
    what: string,
  ) => {
    if (!ex.ko) {
      if (part.ko)
        issues.push({
          path: [...path, 'ko'],
          message: `${what} has ko but the exercise has none: translate the exercise's title, goal and hints too`,
        });
      return;
    }
    if (!part.ko) issues.push({ path, message: `the exercise has ko, so ${what} needs its ko too` });
    else if ((part.explain === undefined) !== (part.ko.explain === undefined))
      issues.push({
        path: [...path, 'ko', 'explain'],
        message: `${what}: ko.explain is there exactly when explain is`,
      });
  };
  ex.checks.forEach((check, i) => pair(['checks', i], check, `check ${i + 1}`));
  if (ex.find) pair(['find'], ex.find, 'the find task');
  if (ex.ko && ex.ko.hints.length !== ex.hints.length)
    issues.push({
      path: ['ko', 'hints'],
      message: `${ex.hints.length} hints in English, ${ex.ko.hints.length} in ko.hints: translate them one for one`,
    });
  return issues;
}

/**
 * An exercise's words in Korean: the same exercise (id, setup, solution, checks), so it is graded the
 * same way and progress counts in both languages; only what the learner reads is translated.
 */
const exerciseKoSchema = z
  .strictObject({
    title: z.string().min(1).describe('The title in Korean, short and imperative like the English one.'),
    goal: z.string().min(1).describe('The task in Korean markdown.'),
    hints: z
      .array(z.string().min(1))
      .default([])
      .describe('The hints in Korean, one for one with hints and in the same order.'),
  })
  .describe(
    "The exercise's words in Korean (docs/glossary-ko.md); with it, every check needs its ko.title and a find task its ko.prompt.",
  );

export const exerciseSchema = z
  .strictObject({
    id: z
      .string()
      .regex(slug, {
        message: 'id must be lowercase letters, digits and dashes (it becomes part of a stable id: lesson/exercise)',
      })
      .describe(
        'Stable id within the lesson; the full id is <lessonId>/<id>. Never rename it once learners submitted.',
      ),
    title: z.string().min(1).describe('Short imperative title ("Expose the web deployment").'),
    kind: exerciseKind.optional(),
    goal: z.string().min(1).describe('The task in markdown: what the learner must reach, not how.'),
    scenario: z
      .string()
      .refine((id) => getScenario(id) !== undefined, {
        message: 'unknown scenario: use kind-iptables, kind-ipvs, aws-vpc-cni, weave or empty',
      })
      .describe('The scenario the exercise starts from.'),
    seed: z.number().int().min(0).default(1).describe('Seed used by netlab check (learners get their own seed).'),
    setup: commandLines.default([]).describe('Command lines run before the learner starts (hidden from the history).'),
    hints: z
      .array(z.string().min(1))
      .default([])
      .describe('Hints in markdown, shown one at a time, from gentle to explicit.'),
    solution: attemptSchema.describe('The reference solution: it must pass every check from the start state.'),
    checks: z
      .array(checkSchema)
      .default([])
      .describe("Checks run after the learner's lines; the exercise passes when all pass."),
    find: findSchema.optional(),
    kubeconfig: z
      .enum(['clean', 'learner'])
      .default('clean')
      .describe(
        "Which kubeconfig the checks use: clean (the default: the context as the exercise started, so a learner who switched their namespace is graded on the cluster) or learner (for an exercise whose goal is the learner's kubeconfig).",
      ),
    wrongAttempts: z
      .array(wrongAttemptSchema)
      .default([])
      .describe('Plausible mistakes; netlab check verifies each fails.'),
    ko: exerciseKoSchema.optional(),
  })
  .superRefine((ex, ctx) => {
    translationIssues(ex).forEach(({ path, message }) => ctx.addIssue({ code: 'custom', path, message }));
    if (ex.checks.length === 0 && !ex.find) {
      ctx.addIssue({
        code: 'custom',
        path: ['checks'],
        message: 'an exercise needs at least one check, or a find task',
      });
    }
    if (ex.find && ex.solution.answer === undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['solution', 'answer'],
        message: "a find task's solution needs the answer (the value for the exercise's seed)",
      });
    }
    if ((ex.kind === 'find' || ex.kind === 'predict') && !ex.find) {
      ctx.addIssue({
        code: 'custom',
        path: ['find'],
        message: `a ${ex.kind} exercise asks the learner for a value: it needs a find task`,
      });
    }
    if ((ex.kind === 'do' || ex.kind === 'debug') && ex.checks.length === 0) {
      ctx.addIssue({
        code: 'custom',
        path: ['checks'],
        message: `a ${ex.kind} exercise is graded on the cluster's state: it needs checks`,
      });
    }
    if (!ex.find && ex.solution.answer !== undefined) {
      ctx.addIssue({ code: 'custom', path: ['solution', 'answer'], message: 'answer only applies to a find task' });
    }
  })
  .describe('One exercise.');

/** An exercise's kind, declared or implied (a find task makes it `find`, otherwise `do`). */
export function exerciseKindOf(ex: Pick<Exercise, 'kind' | 'find'>): ExerciseKind {
  return ex.kind ?? (ex.find ? 'find' : 'do');
}

export type ExerciseKind = (typeof EXERCISE_KINDS)[number];

/** A lesson's exercise file: `src/content/lessons/<lessonId>.exercises.yaml`, a list. */
export const exerciseFileSchema = z
  .array(exerciseSchema)
  .min(1, { message: 'an exercise file lists at least one exercise' })
  .superRefine((list, ctx) => {
    const seen = new Set<string>();
    list.forEach((ex, i) => {
      if (seen.has(ex.id))
        ctx.addIssue({ code: 'custom', path: [i, 'id'], message: `id "${ex.id}" is used twice in this file` });
      seen.add(ex.id);
    });
  })
  .describe('The exercises of one lesson.');

const labExerciseRef = z
  .union([
    z.string(),
    z.strictObject({
      id: z.string().describe('Exercise id, <lessonId>/<exerciseId>.'),
      points: z.number().int().min(0).default(1).describe('Points for passing it (default 1).'),
      challenge: z
        .boolean()
        .default(false)
        .describe('The harder exercise of the week: marked "Challenge" on the lab sheet.'),
    }),
  ])
  .transform((ref) => (typeof ref === 'string' ? { id: ref, points: 1, challenge: false } : ref))
  .describe('An exercise id (<lessonId>/<exerciseId>), or {id, points, challenge}.');

export { LEARNER_ID };

export const learnerIdSchema = z
  .string()
  .regex(LEARNER_ID, { message: LEARNER_ID_MESSAGE })
  .describe('A learner id: letters, digits, ".", "-" and "_", as in the learner link ?learner=ID.');

/** One learner on a roster: an id, and the name the lead knows them by (optional). */
export const rosterEntrySchema = z
  .union([
    learnerIdSchema,
    z.strictObject({
      id: learnerIdSchema,
      name: z.string().trim().min(1).max(100).optional().describe('The name shown to the lead (any script).'),
    }),
  ])
  .transform((e) => (typeof e === 'string' ? { id: e } : e))
  .describe('A learner id, or {id, name}.');

/** Something to read before the lab: a lesson id, `lesson#section`, or {lesson, section?, note?}. */
const readItem = z
  .union([
    z.string().regex(/^[a-z0-9][a-z0-9-]*(#[A-Za-z0-9_-]+)?$/, {
      message: 'write a lesson id, optionally with a section: services or services#nodeport',
    }),
    z.strictObject({
      lesson: z.string().regex(slug, { message: 'lesson must be a lesson id' }).describe('Lesson id.'),
      section: z
        .string()
        .regex(/^[A-Za-z0-9_-]+$/)
        .optional()
        .describe('A heading anchor in that lesson (without the #).'),
      note: z.string().min(1).optional().describe('Why or how to read it (markdown, one sentence).'),
      ko: z
        .strictObject({ note: z.string().min(1).describe('The note in Korean.') })
        .optional()
        .describe('The note in Korean, when the lab has ko.'),
    }),
  ])
  .transform((r) => {
    if (typeof r !== 'string') return r;
    const [lesson = '', section] = r.split('#');
    return section ? { lesson, section } : { lesson };
  })
  .describe('A lesson to read first: "services", "services#nodeport" or {lesson, section, note}.');

/**
 * When a lab is due: `YYYY-MM-DD`, optionally a time `HH:MM` (default 23:59) and a time zone (an
 * IANA name such as Asia/Seoul, UTC, an offset such as +09:00, or AoE; default AoE, "anywhere on
 * Earth", UTC-12, so a bare date is never late anywhere before that day has ended everywhere).
 */
const dueSchema = z
  .union([z.string(), z.date()])
  .transform((v, ctx) => {
    const text = v instanceof Date ? v.toISOString().slice(0, 10) : v.trim();
    const parsed = parseDue(text);
    if (typeof parsed === 'string') {
      ctx.addIssue({ code: 'custom', message: parsed });
      return z.NEVER;
    }
    return parsed;
  })
  .describe('Due date: "2026-12-06", "2026-12-06 18:00" or "2026-12-06 23:59 Asia/Seoul" (zone default AoE).');

export const labSchema = z
  .strictObject({
    id: z
      .string()
      .regex(slug, { message: 'id must be lowercase letters, digits and dashes, and match the file name' })
      .describe('Lab id; the file is labs/<id>.yaml.'),
    title: z.string().min(1).describe('Lab title.'),
    week: z.number().int().min(1).describe('Week number of the study group.'),
    description: z.string().min(1).describe('What the week is about, in markdown.'),
    read: z.array(readItem).default([]).describe('What to read before starting, in order.'),
    due: dueSchema.optional(),
    rules: z
      .array(z.string().min(1))
      .default([])
      .describe('Rules of the week, one markdown sentence each (shown on the lab sheet).'),
    salt: z
      .string()
      .max(200)
      .default('')
      .describe(
        "Mixed into every learner's seed with the lab id and the learner id; change it for a new group so seeds differ from last term's.",
      ),
    roster: z
      .union([z.array(rosterEntrySchema), z.string().min(1)])
      .optional()
      .describe(
        'The learners: a list of ids or {id, name}, or the path of a roster file (one learner per line, "id" or "id, name"), relative to the lab file.',
      ),
    exercises: z
      .array(labExerciseRef)
      .min(1, { message: 'a lab lists at least one exercise' })
      .describe('The exercises of the lab, in order.'),
    ko: z
      .strictObject({
        title: z.string().min(1).describe('The lab title in Korean.'),
        description: z.string().min(1).describe('What the week is about, in Korean markdown.'),
        rules: z
          .array(z.string().min(1))
          .default([])
          .describe('The rules in Korean, one for one with rules and in the same order.'),
      })
      .optional()
      .describe("The lab sheet's words in Korean (docs/glossary-ko.md); exercises, seeds and grading are shared."),
  })
  .superRefine((lab, ctx) => {
    if (lab.ko && lab.ko.rules.length !== lab.rules.length)
      ctx.addIssue({
        code: 'custom',
        path: ['ko', 'rules'],
        message: `${lab.rules.length} rules in English, ${lab.ko.rules.length} in ko.rules: translate them one for one`,
      });
    lab.read.forEach((item, i) => {
      const note = 'note' in item ? item.note : undefined;
      const ko = 'ko' in item ? item.ko : undefined;
      if (lab.ko && note !== undefined && ko === undefined)
        ctx.addIssue({
          code: 'custom',
          path: ['read', i, 'ko'],
          message: 'the lab has ko, so this note needs ko.note',
        });
      if (!lab.ko && ko !== undefined)
        ctx.addIssue({ code: 'custom', path: ['read', i, 'ko'], message: 'a note has ko but the lab has none' });
    });
    const seen = new Set<string>();
    lab.exercises.forEach((ref, i) => {
      if (seen.has(ref.id))
        ctx.addIssue({ code: 'custom', path: ['exercises', i], message: `exercise "${ref.id}" is listed twice` });
      seen.add(ref.id);
    });
    if (Array.isArray(lab.roster)) {
      const ids = new Set<string>();
      lab.roster.forEach((e, i) => {
        if (ids.has(e.id.toLowerCase()))
          ctx.addIssue({ code: 'custom', path: ['roster', i], message: `learner "${e.id}" is listed twice` });
        ids.add(e.id.toLowerCase());
      });
    }
  })
  .describe('A weekly lab.');

/** Limits that keep a hostile or broken submission from exhausting the grader. */
export const SUBMISSION_LIMITS = {
  bytes: 5 * 1024 * 1024,
  linesPerExercise: 2000,
  lineChars: 100_000,
  answerChars: 1000,
  learnerChars: 100,
} as const;

const submittedLines = z
  .array(
    z.string().max(SUBMISSION_LIMITS.lineChars, {
      message: `a line is longer than ${SUBMISSION_LIMITS.lineChars} characters`,
    }),
  )
  .max(SUBMISSION_LIMITS.linesPerExercise, {
    message: `more than ${SUBMISSION_LIMITS.linesPerExercise} lines`,
  })
  .describe('The command lines the learner typed for this exercise, in order.');

const submittedAnswer = z
  .string()
  .max(SUBMISSION_LIMITS.answerChars)
  .optional()
  .describe('For a find task: the value the learner answered.');

const seedField = z
  .number()
  .int()
  .min(0)
  .max(2 ** 31 - 1);

/** Version 1: what learners wrote by hand before lab sheets existed (no roster ids, no help record). */
export const submissionV1Schema = z
  .strictObject({
    version: z.literal(1, { message: 'version must be 1 or 2' }).describe('Submission format version.'),
    lab: z.string().describe('Id of the lab this submission is for.'),
    learner: z
      .string()
      .trim()
      .min(1, { message: 'learner must not be empty' })
      .max(SUBMISSION_LIMITS.learnerChars)
      .describe("The learner's name as the lead knows it."),
    seed: seedField.describe('The seed the learner says they used; the grader derives its own.'),
    exercises: z
      .record(z.string(), z.strictObject({ lines: submittedLines, answer: submittedAnswer }))
      .describe('Per exercise id: the command lines typed, and the answer of a find task.'),
  })
  .describe("A learner's submission, version 1.");

/** Version 2: what the lab sheet's "Download submission" writes. */
export const submissionV2Schema = z
  .strictObject({
    version: z.literal(2, { message: 'version must be 1 or 2' }).describe('Submission format version (2).'),
    lab: z.string().describe('Id of the lab this submission is for.'),
    labHash: z.string().max(100).describe("The hash of the lab's content the learner worked on (labContentHash)."),
    learner: learnerIdSchema,
    seed: seedField.describe("The seed the learner's clusters were built with; the grader derives and compares."),
    submittedAt: z.iso
      .datetime({ offset: true, message: 'submittedAt must be an ISO date-time with a time zone offset' })
      .describe("When the file was made, by the learner's own clock (so lateness is self-reported)."),
    exercises: z
      .record(
        z.string(),
        z.strictObject({
          lines: submittedLines,
          answer: submittedAnswer,
          hintsOpened: z.number().int().min(0).max(100).default(0).describe('How many hints the learner opened.'),
          solutionRevealed: z.boolean().default(false).describe('Whether the learner revealed the solution.'),
        }),
      )
      .describe('Per exercise id: the command lines typed in order, the find answer, and the help used.'),
  })
  .describe("A learner's submission: what they typed, never a claimed result.");

/** Either version; `version` tells them apart. */
export const submissionSchema = z.discriminatedUnion('version', [submissionV1Schema, submissionV2Schema]);

export type Check = z.infer<typeof checkSchema>;
export type FindTask = z.infer<typeof findSchema>;
export type Attempt = z.infer<typeof attemptSchema>;
export type Exercise = z.infer<typeof exerciseSchema>;
export type Lab = z.infer<typeof labSchema>;
export type Submission = z.infer<typeof submissionSchema>;
export type SubmissionV2 = z.infer<typeof submissionV2Schema>;
export type RosterEntry = z.infer<typeof rosterEntrySchema>;
export type ReadItem = z.infer<typeof readItem>;
export type LabExerciseRef = Lab['exercises'][number];
export type MatcherKind = (typeof MATCHER_KINDS)[number];
