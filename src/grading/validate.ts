/**
 * What `netlab check` verifies for each exercise, beyond its schema: the setup runs cleanly, the
 * reference solution passes every check from the start state, the untouched start fails at least
 * one, and every listed wrong attempt fails at least one. An exercise that passes untouched grades
 * nothing; a solution that fails would mark every learner wrong.
 */
import type { FileProblem, LoadedExercise } from './files';
import { failureSummary, gradeAttempt, kubeconfigAtStart, runChecks } from './checks';
import { startState } from './replay';

function firstLine(s: string): string {
  return (
    s
      .split('\n')
      .find((l) => l.trim() !== '')
      ?.trim() ?? ''
  );
}

/** Every problem with one exercise's behaviour (none when it is sound). */
export async function checkExercise(loaded: LoadedExercise): Promise<FileProblem[]> {
  const { id, file, exercise } = loaded;
  const problem = (message: string, field?: string): FileProblem => ({
    file,
    exercise: exercise.id,
    ...(field ? { field } : {}),
    message,
  });
  const problems: FileProblem[] = [];
  const start = await startState(exercise, exercise.seed);
  for (const step of start.setup) {
    // A setup that fails leaves a start state the author did not mean; report it with what it printed.
    if (step.status !== 0)
      problems.push(
        problem(
          `setup input exited with status ${step.status}: ${JSON.stringify(firstLine(step.input))} printed ${JSON.stringify(firstLine(step.output))}`,
          'setup',
        ),
      );
  }
  const solved = await gradeAttempt(id, exercise, start.emu, exercise.solution);
  if (!solved.passed) problems.push(problem(`the solution fails ${failureSummary(solved)}`, 'solution'));
  const untouched = await runChecks(id, exercise, start.emu, undefined, kubeconfigAtStart(start.emu));
  if (untouched.passed)
    problems.push(problem('the untouched start state already passes every check (the checks grade nothing)', 'checks'));
  for (const [i, attempt] of exercise.wrongAttempts.entries()) {
    const result = await gradeAttempt(id, exercise, start.emu, attempt);
    if (result.passed)
      problems.push(
        problem(
          `this wrong attempt${attempt.why ? ` (${attempt.why})` : ''} passes every check; a check should catch it`,
          `wrongAttempts[${i}]`,
        ),
      );
  }
  return problems;
}
