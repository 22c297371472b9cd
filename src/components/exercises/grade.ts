/**
 * Grading a snapshot of the learner's terminal: restore it into a fresh emulator and run the
 * exercise's checks there. The learner's cluster lives in the terminal's worker and is never
 * touched; this runs in the exercise's own worker (worker.ts), and in Node for the tests.
 */
import { Emulator, type EmulatorSnapshot } from '../../sim/emulator';
import { runChecks } from '../../grading/checks';
import type { Exercise } from '../../grading/schema';
import type { GradeReply, GradeRequest } from './gradeProtocol';

/** Answer one grading request; a snapshot the emulator refuses becomes an error reply, not a throw. */
export async function gradeSnapshot(req: GradeRequest): Promise<GradeReply> {
  let emu: Emulator;
  try {
    emu = Emulator.restore(req.snapshot as EmulatorSnapshot);
  } catch (err) {
    return {
      id: req.id,
      error: `the terminal's cluster could not be read (${err instanceof Error ? err.message : String(err)})`,
    };
  }
  // runChecks reads only the checks and the find task of an exercise, which is all the page sends.
  const exercise = { checks: req.exercise.checks, find: req.exercise.find } as Exercise;
  const result = await runChecks(req.exercise.id, exercise, emu, req.answer);
  return { id: req.id, result };
}
