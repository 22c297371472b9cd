/**
 * What an exercise's markup hands its island (as JSON in a `<script type="application/json">`):
 * enough to start the exercise and to grade it, nothing more. Hints and the solution stay in the
 * markup.
 */
import type { Check, FindTask } from '../../grading/schema';

export interface ExerciseData {
  /** Full id, `<lessonId>/<exerciseId>`. */
  id: string;
  title: string;
  scenario: string;
  setup: string[];
  checks: Check[];
  find?: FindTask;
}

/** Read the data an Exercise.astro rendered; undefined when it is missing or unreadable. */
export function readExerciseData(root: HTMLElement): ExerciseData | undefined {
  const text = root.querySelector('script.exercise-data')?.textContent;
  if (!text) return undefined;
  try {
    return JSON.parse(text) as ExerciseData;
  } catch {
    return undefined;
  }
}
