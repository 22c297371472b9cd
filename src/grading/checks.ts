/**
 * Running an exercise's checks against a learner's emulator. Every check runs in its own copy of
 * the emulator (`emu.clone()`), in a fresh non-interactive shell at the check's location, so checks
 * never disturb the learner's cluster, history or current shell, nor each other.
 */
import type { Emulator } from '../sim/emulator';
import type { Attempt, Check, Exercise, FindTask } from './schema';
import { compare, normaliseText, quote, type CellDiff, type CommandResult, type Outcome } from './matchers';
import { resolveWhere } from './location';
import { replayLines, type ReplayOptions } from './replay';
import { executeJsonPath } from '../sim/format/jsonpath';
import { captureKubeconfig, restoreKubeconfig } from '../sim/kubeconfig/load';

/** The result of one check (or of the find task), explaining itself when it fails. */
export interface CheckResult {
  /** Position in the exercise's checks; the find task comes last with kind 'find'. */
  index: number;
  kind: 'check' | 'find';
  title: string;
  passed: boolean;
  command: string;
  where: string;
  /** For a find task this is the answer itself: show it to the lead, never to the learner. */
  expected: string;
  actual: string;
  /** One line naming the fact that differs (empty when passed). */
  reason: string;
  diff?: string;
  cell?: CellDiff;
  /** The author's explanation, shown on failure. */
  explain?: string;
}

/** The result of grading one exercise. */
export interface ExerciseResult {
  exerciseId: string;
  passed: boolean;
  checks: CheckResult[];
}

/**
 * The kubeconfig a check runs with. `clean` puts back the learner's kubeconfig as the exercise
 * started (`file`: its text then, undefined for the one the cluster was made with), so a learner who
 * ran `kubectl config use-context dev` or `set-context --current --namespace=x` is graded on the
 * cluster, not on that; `learner` keeps the learner's kubeconfig, for exercises whose goal is the
 * kubeconfig itself.
 */
export type CheckContext = { kubeconfig: 'clean'; file: string | undefined } | { kubeconfig: 'learner' };

/** The context checks use when nothing else is known: the kubeconfig the scenario's cluster was made with. */
export const CLEAN_CONTEXT: CheckContext = { kubeconfig: 'clean', file: undefined };

/** The learner's kubeconfig in `emu` (undefined: still the one the cluster was made with). */
export function kubeconfigAtStart(emu: Emulator): string | undefined {
  return captureKubeconfig(emu);
}

/** Run one command line at `where` in a copy of `emu`, and collect what it printed and returned. */
export async function runIn(
  emu: Emulator,
  command: string,
  where = 'host',
  context: CheckContext = { kubeconfig: 'learner' },
): Promise<CommandResult> {
  const copy = emu.clone();
  if (context.kubeconfig === 'clean') restoreKubeconfig(copy, context.file);
  const location = resolveWhere(copy, where);
  if (typeof location === 'string')
    return { stdout: '', stderr: `netlab: ${location}\n`, output: `netlab: ${location}\n`, exitCode: 127 };
  const shell = copy.openShell();
  if (location.kind !== 'host') shell.enter(location, location.kind === 'pod' ? 'sh' : 'bash');
  let stdout = '';
  let stderr = '';
  let output = '';
  const exitCode = await shell.run(command, {
    stdout: { write: (s) => void ((stdout += s), (output += s)) },
    stderr: { write: (s) => void ((stderr += s), (output += s)) },
    interactive: false,
  });
  return { stdout, stderr, output, exitCode };
}

function checkResult(check: Check, index: number, outcome: Outcome): CheckResult {
  const { passed, expected, actual, reason, diff, cell } = outcome;
  return {
    index,
    kind: 'check',
    title: check.title,
    passed,
    command: check.run,
    where: check.where,
    expected,
    actual,
    reason,
    ...(diff !== undefined ? { diff } : {}),
    ...(cell !== undefined ? { cell } : {}),
    ...(check.explain !== undefined ? { explain: check.explain } : {}),
  };
}

/** The value a find task expects on this cluster: the command's trimmed stdout, a regex group of it, or a JSONPath result. */
export async function expectedFindValue(
  find: FindTask,
  emu: Emulator,
  context: CheckContext = CLEAN_CONTEXT,
): Promise<string> {
  const result = await runIn(emu, find.run, find.where, context);
  const out = normaliseText(result.stdout).trim();
  if (find.regex !== undefined) return new RegExp(find.regex, 'm').exec(out)?.[find.group]?.trim() ?? '';
  if (find.jsonpath !== undefined) {
    // Output that is not JSON, or a template that fails, leaves no expected value: the find fails and says so.
    try {
      return executeJsonPath(find.jsonpath, JSON.parse(out)).trim();
    } catch {
      return '';
    }
  }
  return out;
}

async function findResult(
  find: FindTask,
  index: number,
  emu: Emulator,
  answer: string | undefined,
  context: CheckContext,
): Promise<CheckResult> {
  const expected = await expectedFindValue(find, emu, context);
  const given = (answer ?? '').trim();
  const passed = expected !== '' && given === expected;
  const reason = passed
    ? ''
    : expected === ''
      ? 'the command that computes the expected value printed nothing on this cluster'
      : given === ''
        ? 'no answer given'
        : `the answer ${quote(given)} is not the value on this cluster`;
  return {
    index,
    kind: 'find',
    title: find.prompt,
    passed,
    command: find.run,
    where: find.where,
    expected,
    actual: given,
    reason,
    ...(find.explain !== undefined ? { explain: find.explain } : {}),
  };
}

/**
 * Run every check of an exercise (and its find task, against `answer`) on a learner's emulator, in a
 * clean kubeconfig context (`file`: the learner's kubeconfig as the exercise started, see
 * kubeconfigAtStart) unless the exercise says its checks read the learner's kubeconfig.
 */
export async function runChecks(
  exerciseId: string,
  exercise: Pick<Exercise, 'checks' | 'find'> & Partial<Pick<Exercise, 'kubeconfig'>>,
  emu: Emulator,
  answer?: string,
  file: string | undefined = undefined,
): Promise<ExerciseResult> {
  const context: CheckContext =
    exercise.kubeconfig === 'learner' ? { kubeconfig: 'learner' } : { kubeconfig: 'clean', file };
  const checks: CheckResult[] = [];
  for (const [index, check] of exercise.checks.entries()) {
    checks.push(checkResult(check, index, compare(check, await runIn(emu, check.run, check.where, context))));
  }
  if (exercise.find) checks.push(await findResult(exercise.find, checks.length, emu, answer, context));
  return { exerciseId, passed: checks.every((c) => c.passed), checks };
}

/** Replay an attempt on a copy of a start state, then run the checks: how solutions and submissions are graded. */
export async function gradeAttempt(
  exerciseId: string,
  exercise: Exercise,
  start: Emulator,
  attempt: Attempt,
  opts: ReplayOptions = {},
): Promise<ExerciseResult> {
  const emu = start.clone();
  await replayLines(emu, attempt.lines, opts);
  return runChecks(exerciseId, exercise, emu, attempt.answer, kubeconfigAtStart(start));
}

/** The first failing check as one line: `check "TITLE": REASON` (empty when the exercise passed). */
export function failureSummary(result: ExerciseResult): string {
  const failed = result.checks.find((c) => !c.passed);
  if (!failed) return '';
  return `${failed.kind === 'find' ? 'answer' : 'check'} "${failed.title}": ${failed.reason}`;
}
