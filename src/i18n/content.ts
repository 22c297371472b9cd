/**
 * Exercises and labs in the page's language: the `ko` blocks of their YAML (src/grading/schema.ts)
 * put in place of the English words. Ids, setups, solutions and the checks' commands are shared, so
 * an exercise is graded the same way in both languages and its progress is one. What has no
 * translation stays English and says so (`translated: false`). Pure.
 */
import type { Check, Exercise, FindTask, Lab } from '../grading/schema';
import type { Locale } from './locales';

/** A check's words in `locale` (title, explain); the command and the comparison untouched, `ko` dropped. */
export function localizeCheck(check: Check, locale: Locale): Check {
  const { ko, ...rest } = check;
  if (locale !== 'ko' || !ko) return rest;
  return { ...rest, title: ko.title, ...(ko.explain !== undefined ? { explain: ko.explain } : {}) };
}

function localizeFind(find: FindTask, locale: Locale): FindTask {
  const { ko, ...rest } = find;
  if (locale !== 'ko' || !ko) return rest;
  return { ...rest, prompt: ko.prompt, ...(ko.explain !== undefined ? { explain: ko.explain } : {}) };
}

/** An exercise as a page in `locale` shows it, and whether it is written in that language. */
export function localizeExercise(exercise: Exercise, locale: Locale): { exercise: Exercise; translated: boolean } {
  const { ko, ...rest } = exercise;
  const translated = locale === 'en' || ko !== undefined;
  const words = locale === 'ko' && ko ? { title: ko.title, goal: ko.goal, hints: ko.hints } : {};
  return {
    exercise: {
      ...rest,
      ...words,
      checks: exercise.checks.map((c) => localizeCheck(c, locale)),
      ...(exercise.find ? { find: localizeFind(exercise.find, locale) } : {}),
    },
    translated,
  };
}

/** A lab as a page in `locale` shows it (title, description, rules, reading notes), and whether it is translated. */
export function localizeLab(lab: Lab, locale: Locale): { lab: Lab; translated: boolean } {
  const { ko, ...rest } = lab;
  if (locale !== 'ko' || !ko) return { lab: rest, translated: locale === 'en' };
  return {
    lab: {
      ...rest,
      title: ko.title,
      description: ko.description,
      rules: ko.rules,
      read: lab.read.map((item) => ('ko' in item && item.ko ? { ...item, note: item.ko.note } : item)),
    },
    translated: true,
  };
}
