/** Runs `netlab grade` in-process for the golden tests, collecting stdout, stderr and the streamed progress. */
import { gradeCommand, type GradeCommandOptions } from '../../src/cli/grade';

const ROOT = 'tests/fixtures/grading/good';

export async function grade(
  argv: string[],
  root = ROOT,
  options: GradeCommandOptions = {},
): Promise<{ code: number; out: string; err: string; progress: string[] }> {
  let out = '';
  let err = '';
  const progress: string[] = [];
  const code = await gradeCommand(
    argv,
    root,
    (s) => void (out += s),
    (s) => void (err += s),
    (s) => void progress.push(s),
    options,
  );
  return { code, out, err, progress };
}
